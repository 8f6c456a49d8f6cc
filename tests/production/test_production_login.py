"""Log-in lock-outs in production mode: gunicorn behind nginx with TRUSTED_PROXY_COUNT=1, as make serve runs it.

Clients at different addresses are played from 127.0.0.2 and 127.0.0.3 (all of 127/8 is this machine), so
nginx sees, and appends to X-Forwarded-For, a different address for each (issue 11, finding 6).
"""

import http.client
import http.cookies
import urllib.parse
import uuid
from pathlib import Path

import pytest

from deploy.nginx import NginxSettings, nginx_command, write_config
from tests.production.test_production import MICRO_CACHE_SECONDS, app_env, cache_prefix, needs_nginx, run_dir  # noqa: F401
from tests.support.servers import Response, free_port, run_manage, start, start_gunicorn

# serialized_rollback like every transactional test here: a plain flush re-creates content types under new ids,
# which the next serialized_rollback test then fails to restore (seen once tests/production ran before tests/public).
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), needs_nginx]

PASSWORD = "a-long-password-for-the-desk-1"
FAILURE_LIMIT = 5  # settings.AXES_FAILURE_LIMIT, which the servers read from the same default


@pytest.fixture(scope="module")
def proxied_site(app_env, run_dir):  # noqa: F811
    """nginx in front of gunicorn, with the TRUSTED_PROXY_COUNT make serve sets; yields (nginx URL, gunicorn URL)."""
    env = {**app_env, "TRUSTED_PROXY_COUNT": "1", "DJANGO_SECURE": "0"}  # plain http: cookies without Secure
    app = start_gunicorn(env, log_path=run_dir / "gunicorn-login.log", workers=2)
    try:
        port = free_port()
        conf = write_config(
            NginxSettings(
                port=port, app_port=int(app.url.rsplit(":", 1)[1]), static_root=Path(env["BRIEFS_TEST_STATIC_ROOT"]),
                var_dir=run_dir / "nginx-login", micro_cache_seconds=MICRO_CACHE_SECONDS, worker_processes="1",
            )
        )
        web = start(nginx_command(conf), url=f"http://127.0.0.1:{port}", env=env, log_path=run_dir / "nginx-login.log")
    except BaseException:
        app.stop()
        raise
    yield web.url, app.url
    web.stop()
    app.stop()


def make_desk_user(app_env):  # noqa: F811
    """A staff user in the servers' database, with a name of this test only (lock-outs are per name)."""
    username = f"desk-{uuid.uuid4().hex[:8]}"
    code = (
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user({username!r}, password={PASSWORD!r}, is_staff=True)"
    )
    run_manage("shell", "-c", code, env=app_env)
    return username


def send(url, *, source, method="GET", headers=None, body=None) -> Response:
    """One request to `url` from the local address `source`."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10, source_address=(source, 0))
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body,
                           headers=headers or {})
        answer = connection.getresponse()
        headers = {}
        for name, value in answer.getheaders():
            headers[name.lower()] = f"{headers[name.lower()]}\n{value}" if name.lower() in headers else value
        return Response(answer.status, headers, answer.read().decode("utf-8", "replace"))
    finally:
        connection.close()


def log_in(site_url, *, source, username, password, forwarded_for=None) -> int:
    """Open the log-in page and post the form, as a browser at `source` would; the post's status."""
    page = send(f"{site_url}/admin/login/", source=source)
    cookie = http.cookies.SimpleCookie()
    for line in filter(None, page.header("set-cookie").split("\n")):
        cookie.load(line)
    token = cookie["csrftoken"].value
    headers = {"Cookie": f"csrftoken={token}", "Content-Type": "application/x-www-form-urlencoded"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    fields = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
    body = urllib.parse.urlencode(fields).encode()
    return send(f"{site_url}/admin/login/?next=/admin/", source=source, method="POST", headers=headers,
                body=body).status


def test_an_account_locked_at_one_address_still_logs_in_from_another(proxied_site, app_env):  # noqa: F811
    site_url, _ = proxied_site
    username = make_desk_user(app_env)
    statuses = [
        # Each guess claims another address; nginx appends the real one, which is all Django believes.
        log_in(site_url, source="127.0.0.2", username=username, password="wrong", forwarded_for=f"198.51.100.{n}")
        for n in range(FAILURE_LIMIT)
    ]
    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429]
    assert log_in(site_url, source="127.0.0.2", username=username, password=PASSWORD, forwarded_for="192.0.2.77") == 429
    assert log_in(site_url, source="127.0.0.3", username=username, password=PASSWORD) == 302


def listening_addresses(port: int) -> set[str]:
    """The local IPv4/IPv6 addresses with a socket listening on `port`, read from the kernel's tables."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, local_port = local.split(":")
            if int(local_port, 16) == port and state == "0A":  # 0A: LISTEN
                addresses.add(address)
    return addresses


def test_gunicorn_listens_on_loopback_only(proxied_site):
    # Django trusts the last X-Forwarded-For entry because only nginx can write it: a client elsewhere
    # cannot send a forged header straight to gunicorn, which listens on 127.0.0.1 alone.
    _, app_url = proxied_site
    assert listening_addresses(int(app_url.rsplit(":", 1)[1])) == {"0100007F"}  # 127.0.0.1, little-endian hex
