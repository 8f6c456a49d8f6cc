"""Logging in: where the log-in form sends an editor afterwards (settings.LOGIN_REDIRECT_URL)."""

import pytest

pytestmark = pytest.mark.django_db


def log_in(client, next_url):
    return client.post(f"/admin/login/?next={next_url}",
                       {"username": "eddie", "password": "pw-for-tests-1", "next": next_url})


def test_a_log_in_with_a_refused_next_address_lands_on_the_admin_index(client, editor):
    # Django refuses a `next` on another host and falls back to LOGIN_REDIRECT_URL, which was
    # /accounts/profile/: a 404 right after logging in (issue 11 follow-up).
    response = log_in(client, "https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_a_log_in_with_a_safe_next_address_goes_there(client, editor):
    response = log_in(client, "/admin/desk/brief/")
    assert response["Location"] == "/admin/desk/brief/"
