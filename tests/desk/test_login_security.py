"""Log-in is protected against guessing, and the admin is for staff only."""

import runpy
from pathlib import Path

import pytest
from django.urls import reverse

import cms.settings

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_repeated_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "eddie", "wrong-guess").status_code == 200
    assert attempt(client, "eddie", "wrong-guess").status_code == 429
    locked = attempt(client, "eddie", "pw-for-tests-1")
    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_then_the_right_one_logs_in(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "eddie", "wrong-guess")
    response = attempt(client, "eddie", "pw-for-tests-1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_user_who_is_not_staff_cannot_use_the_admin(client, django_user_model):
    django_user_model.objects.create_user(username="reader", password="pw-for-tests-1")
    response = attempt(client, "reader", "pw-for-tests-1")
    assert response.status_code == 200
    assert client.get(reverse("admin:intake_sourcearticle_changelist")).status_code == 302


def test_every_admin_form_carries_a_csrf_token(editor_client):
    for url in (reverse("admin:intake_sourcearticle_upload"), reverse("admin:kb_entity_add")):
        assert "csrfmiddlewaretoken" in editor_client.get(url).content.decode()


def test_a_post_without_csrf_token_is_refused(editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(reverse("admin:intake_sourcearticle_upload"), {})
    assert response.status_code == 403


def attempt_from(client, address, username, password):
    """A log-in attempt as nginx passes it on: from 127.0.0.1, the client's address appended to X-Forwarded-For."""
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address,
    )


@pytest.fixture
def behind_nginx(settings, monkeypatch):
    """The client-address settings cms/settings.py makes from TRUSTED_PROXY_COUNT=1, as make serve sets it."""
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    monkeypatch.setenv("DJANGO_SECRET_KEY", settings.SECRET_KEY)  # make serve requires one
    production = runpy.run_path(str(Path(cms.settings.__file__)))
    for name in ("AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT", "IPWARE_STRICT"):
        setattr(settings, name, production.get(name))


def test_wrong_passwords_from_one_address_lock_the_account_there_only(client, editor, settings, behind_nginx):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, "203.0.113.5", "eddie", "wrong-guess")
    assert attempt_from(client, "203.0.113.5", "eddie", "pw-for-tests-1").status_code == 429
    assert attempt_from(client, "198.51.100.7", "eddie", "pw-for-tests-1").status_code == 302


def test_addresses_a_client_puts_before_nginx_entry_are_ignored(client, editor, settings, behind_nginx):
    # nginx appends the address it saw; whatever the client sent arrives in front of it and is not believed.
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, f"198.51.100.{number}, 203.0.113.5", "eddie", "wrong-guess")
    assert attempt_from(client, "198.51.100.0, 203.0.113.5", "eddie", "pw-for-tests-1").status_code == 429
    assert attempt_from(client, "203.0.113.5, 198.51.100.7", "eddie", "pw-for-tests-1").status_code == 302
