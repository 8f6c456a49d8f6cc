"""Security headers on every public page and a clean `check --deploy` with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from tests.factories import make_brief

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/briefs/secure-brief/", "/entities/", "/entities/xiaohongshu/", "/search/?q=buyers", "/archive/"]


@pytest.fixture(autouse=True)
def brief():
    return make_brief(status="published", slug="secure-brief")


@pytest.mark.parametrize("url", PAGES)
def test_pages_send_csp_without_inline_script_and_the_other_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_or_style(client, url):
    document = html5lib.parse(client.get(url).content, namespaceHTMLElements=False)
    for script in document.iter("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", url
    assert not list(document.iter("style")), url
    assert not [element for element in document.iter() if element.get("style") is not None], url
    assert not [e for e in document.iter() if any(name.startswith("on") for name in e.attrib)], url


def test_https_requests_get_hsts(client, settings):
    response = client.get("/", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def production_env(**extra):
    """Only what production would set: no debug, no leftovers from other tests in this process."""
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(ROOT)),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64), **extra}


def test_production_settings_pass_the_deployment_check():
    env = production_env(DJANGO_ALLOWED_HOSTS="briefs.example.com")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_use_secure_cookies_and_hsts():
    env = production_env()
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cms.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr
