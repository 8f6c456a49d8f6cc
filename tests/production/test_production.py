"""Production mode in real processes: gunicorn behind nginx, two app processes on one PostgreSQL and
Redis, /healthz for a load balancer, and `make serve` refusing to start without its settings.

Servers run with DEBUG off, the repository's gunicorn.conf.py and deploy/nginx.conf.template; they
read the test database and a cache prefix of this run only, and are stopped by fixture finalizers.
(The `check --deploy` test lives in test_security_headers.py.)
"""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy.nginx import NginxSettings, nginx_command, write_config
from tests.support.servers import (
    ROOT,
    Browser,
    free_port,
    request,
    run_manage,
    server_env,
    start,
    start_gunicorn,
)

SHARED_SERVICES = os.environ.get("DATABASE_URL", "").startswith("postgres") and bool(os.environ.get("REDIS_URL"))
needs_postgres_and_redis = pytest.mark.skipif(
    not SHARED_SERVICES,
    reason="needs DATABASE_URL=postgres://… and REDIS_URL: on SQLite the test database lives in this process's "
    "memory and each server keeps its own LocMem cache, so no other process can share them",
)
needs_nginx = pytest.mark.skipif(
    not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()), reason="nginx is not installed (make system-deps)"
)
# The template's lifetime is 5 s; tests render it with 2 s so the change test waits less. Same config otherwise.
MICRO_CACHE_SECONDS = 2
CHANGE_VISIBLE_WITHIN_SECONDS = 10
EDITOR_PASSWORD = "a-long-password-for-the-desk-1"


@dataclass(frozen=True)
class Site:
    url: str  # nginx
    app_url: str  # the gunicorn behind it
    app_log: Path
    static_root: Path


# ---- fixtures --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def run_dir():
    """A directory of this run under var/ (nginx's workers must be able to read it; /tmp dirs are private)."""
    path = ROOT / "var" / f"test-{uuid.uuid4().hex[:10]}"
    path.mkdir(parents=True)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def cache_prefix():
    return f"briefs-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module")
def app_env(request, run_dir, cache_prefix):
    """Environment for server processes: the test database (PostgreSQL) or a migrated SQLite file, static files
    collected into this run's directory, and on PostgreSQL the Redis cache under this run's prefix."""
    static_root = run_dir / "static"
    if SHARED_SERVICES:
        request.getfixturevalue("django_db_setup")
        from django.db import connection

        db = connection.settings_dict
        user = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        services = {
            "DATABASE_URL": f"postgres://{user}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": os.environ["REDIS_URL"],
            "CACHE_KEY_PREFIX": cache_prefix,
        }
    else:
        services = {"DATABASE_URL": f"sqlite:///{run_dir / 'db.sqlite3'}"}
    env = server_env(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.support.production_settings",
        BRIEFS_TEST_STATIC_ROOT=static_root,
        **services,
    )
    if not SHARED_SERVICES:
        run_manage("migrate", "--noinput", env=env)
    run_manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    return env


@pytest.fixture(scope="module")
def site(app_env, run_dir):
    """nginx (the repository's template) in front of one gunicorn with two workers."""
    app = start_gunicorn(app_env, log_path=run_dir / "gunicorn-site.log", workers=2)
    try:
        port = free_port()
        static_root = Path(app_env["BRIEFS_TEST_STATIC_ROOT"])
        conf = write_config(
            NginxSettings(
                port=port, app_port=int(app.url.rsplit(":", 1)[1]), static_root=static_root,
                var_dir=run_dir / "nginx", micro_cache_seconds=MICRO_CACHE_SECONDS, worker_processes="1",
            )
        )
        web = start(nginx_command(conf), url=f"http://127.0.0.1:{port}", env=app_env, log_path=run_dir / "nginx.log")
    except BaseException:
        app.stop()
        raise
    yield Site(web.url, app.url, app.log_path, static_root)
    web.stop()
    app.stop()


@pytest.fixture(scope="module")
def two_apps(app_env, run_dir):
    """Two separate gunicorn instances (two workers each) on one database and one Redis."""
    # Plain-HTTP test servers: cookies without the Secure flag, so the admin log-in works over http://.
    env = {**app_env, "DJANGO_SECURE": "0"}
    first = start_gunicorn(env, log_path=run_dir / "gunicorn-a.log")
    try:
        second = start_gunicorn(env, log_path=run_dir / "gunicorn-b.log")
    except BaseException:
        first.stop()
        raise
    yield first.url, second.url
    second.stop()
    first.stop()


@pytest.fixture
def same_cache_as_servers(settings, cache_prefix):
    """This process's signals must start new page-cache generations where the servers look for them."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": cache_prefix,
        }
    }


@pytest.fixture
def desk_editor(django_user_model):
    # A superuser holds every permission even after a transactional test flushed the roles' groups.
    return django_user_model.objects.create_superuser("desk-editor", "desk@example.com", EDITOR_PASSWORD)


def brief_in_review(django_user_model):
    """A brief that passes every publish check, by a writer other than the editor who will publish it."""
    from tests.factories import make_brief

    writer = django_user_model.objects.create_user(f"writer-{uuid.uuid4().hex[:6]}", is_staff=True)
    return make_brief(status="in_review", author=writer)


def unique_home_url(base_url):
    """The home page under a query no other test uses, so each test starts with an empty micro-cache entry."""
    return f"{base_url}/?probe={uuid.uuid4().hex[:8]}"


# ---- nginx in front of gunicorn --------------------------------------------------------------------

@needs_nginx
def test_anonymous_page_is_a_miss_then_a_hit(site):
    url = unique_home_url(site.url)
    first, second = request(url), request(url)
    assert (first.status, first.header("x-cache-status")) == (200, "MISS")
    assert (second.status, second.header("x-cache-status")) == (200, "HIT")
    assert second.text == first.text


@needs_nginx
def test_request_with_a_session_cookie_is_never_cached(site):
    url = unique_home_url(site.url)
    with_session = [request(url, headers={"Cookie": "sessionid=abc123"}) for _ in range(2)]
    assert [answer.header("x-cache-status") for answer in with_session] == ["BYPASS", "BYPASS"]
    # Nor was anything stored for the next anonymous reader.
    assert request(url).header("x-cache-status") == "MISS"


@needs_nginx
def test_admin_login_is_never_cached(site):
    answers = [request(f"{site.url}/admin/login/") for _ in range(2)]
    assert [answer.status for answer in answers] == [200, 200]
    assert all(answer.header("x-cache-status") == "" for answer in answers)
    assert all("csrftoken" in answer.header("set-cookie") for answer in answers)


@needs_nginx
def test_responses_marked_private_or_no_store_are_not_stored(site):
    # /healthz is never_cache: "max-age=0, no-cache, no-store, must-revalidate, private".
    answers = [request(f"{site.url}/healthz") for _ in range(2)]
    assert "no-store" in answers[0].header("cache-control")
    assert [answer.header("x-cache-status") for answer in answers] == ["MISS", "MISS"]


@needs_nginx
def test_post_is_never_answered_from_the_cache(site):
    url = unique_home_url(site.url)
    request(url)
    assert request(url).header("x-cache-status") == "HIT"
    posted = request(url, method="POST", body=b"q=1", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert posted.status == 403  # Django's CSRF check answered it, not the cached GET
    assert posted.header("x-cache-status") != "HIT"


@needs_nginx
def test_hashed_static_files_are_served_by_nginx_with_a_far_future_cache(site):
    manifest = json.loads((site.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert f"/static/{hashed}" in request(site.url + "/").text  # pages link the hashed name

    answer = request(f"{site.url}/static/{hashed}")

    assert answer.status == 200
    assert answer.header("content-type").startswith("text/css")
    assert "max-age=31536000" in answer.header("cache-control")
    assert "immutable" in answer.header("cache-control")
    assert hashed not in site.app_log.read_text()  # gunicorn never saw the request


@needs_nginx
@needs_postgres_and_redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_published_change_reaches_readers_within_the_micro_cache_time(
    site, same_cache_as_servers, desk_editor, django_user_model
):
    brief = brief_in_review(django_user_model)
    url = unique_home_url(site.url)
    request(url)
    assert request(url).header("x-cache-status") == "HIT"

    brief.move("publish", by=desk_editor)
    changed_at = time.monotonic()
    seen = False
    while not seen and time.monotonic() - changed_at < CHANGE_VISIBLE_WITHIN_SECONDS:
        seen = brief.title in request(url).text
        time.sleep(0 if seen else 0.25)

    assert seen, f"the new brief was not on the home page within {CHANGE_VISIBLE_WITHIN_SECONDS} s"


# ---- two app processes, one PostgreSQL, one Redis ---------------------------------------------------

@needs_postgres_and_redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_brief_published_through_one_process_is_visible_through_the_other(
    two_apps, same_cache_as_servers, desk_editor, django_user_model
):
    first, second = two_apps
    brief = brief_in_review(django_user_model)
    page = f"{second}{brief.get_absolute_url()}"
    assert request(page).status == 404
    request(f"{second}/"), request(f"{second}/")  # the home page without it, cached by the second process

    editor = Browser(first)
    editor.log_in("desk-editor", EDITOR_PASSWORD)
    moved = editor.post(f"/admin/desk/brief/{brief.pk}/move/", {"move": "publish", "comment": "", "publish_at": ""})

    assert moved.status == 302
    brief.refresh_from_db()
    assert brief.status == "published"
    shown = request(page)
    assert shown.status == 200 and brief.title in shown.text
    assert brief.title in request(f"{second}/").text


@needs_postgres_and_redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_page_cached_by_one_process_is_fresh_there_after_a_change_through_the_other(
    two_apps, same_cache_as_servers, desk_editor, django_user_model
):
    first, second = two_apps
    brief = brief_in_review(django_user_model)
    brief.move("publish", by=desk_editor)
    request(f"{second}/")
    cached = request(f"{second}/")
    assert cached.header("x-page-cache") == "hit" and brief.title in cached.text

    editor = Browser(first)
    editor.log_in("desk-editor", EDITOR_PASSWORD)
    editor.post(f"/admin/desk/brief/{brief.pk}/move/", {"move": "withdraw", "comment": "Wrong figures."})

    brief.refresh_from_db()
    assert brief.status == "withdrawn"
    fresh = request(f"{second}/")
    assert fresh.header("x-page-cache") == "miss"
    assert brief.title not in fresh.text
    assert request(f"{second}{brief.get_absolute_url()}").status == 410


# ---- /healthz --------------------------------------------------------------------------------------

def test_healthz_answers_200_when_database_and_cache_answer(site):
    answer = request(f"{site.app_url}/healthz")

    assert answer.status == 200
    assert json.loads(answer.text) == {"status": "ok", "database": "ok", "cache": "ok", "ner": "ok"}


@pytest.mark.parametrize(
    "database_url",
    ["postgres://postgres@127.0.0.1:1/x", "sqlite:///{run_dir}/no-such-directory/db.sqlite3"],
    ids=["postgres-closed-port", "sqlite-missing-directory"],
)
def test_healthz_answers_503_naming_the_database_when_it_is_unreachable(app_env, run_dir, database_url):
    env = {**app_env, "DATABASE_URL": database_url.format(run_dir=run_dir)}
    app = start_gunicorn(env, log_path=run_dir / "gunicorn-no-db.log", workers=1)
    try:
        answer = request(f"{app.url}/healthz")
    finally:
        app.stop()

    assert answer.status == 503, f"{answer.status}: {answer.text[:200]}"
    body = json.loads(answer.text)
    assert body["status"] == "unavailable"
    assert body["database"].startswith("error: ")


def test_healthz_answers_503_naming_the_cache_when_redis_is_unreachable(app_env, run_dir):
    env = {**app_env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    app = start_gunicorn(env, log_path=run_dir / "gunicorn-no-cache.log", workers=1)
    try:
        answer = request(f"{app.url}/healthz")
        home = request(f"{app.url}/")
    finally:
        app.stop()

    assert answer.status == 503, f"{answer.status}: {answer.text[:200]}"
    body = json.loads(answer.text)
    assert body["cache"].startswith("error: ")
    assert body["database"] == "ok"
    # Readers are still served, uncached, while the cache is down.
    assert home.status == 200, f"{home.status}: {home.text[:200]}"


# ---- make serve ------------------------------------------------------------------------------------

def run_serve(**settings):
    ports = {"PORT": free_port(), "APP_PORT": free_port()}
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL")}
    env.update({key: str(value) for key, value in {**ports, **settings}.items()})
    result = subprocess.run(
        [sys.executable, "-m", "deploy.serve"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30,
        check=False,
    )
    return result, ports


def nothing_listens_on(port):
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_serve_refuses_to_start_without_a_secret_key():
    result, ports = run_serve(DATABASE_URL="postgres://postgres@127.0.0.1:5432/x", REDIS_URL="redis://127.0.0.1:6379/0")

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Nothing was started" in result.stderr
    assert "manage.py" not in result.stdout  # no migrate, no collectstatic
    assert all(nothing_listens_on(port) for port in ports.values())


def test_serve_names_every_missing_setting_at_once():
    result, _ = run_serve()

    assert result.returncode == 1
    for name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"):
        assert name in result.stderr


# ---- readers under load while an editor publishes ----------------------------------------------------

READER_CONNECTIONS = 64
READER_SECONDS = 30


@needs_nginx
@needs_postgres_and_redis
@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (make system-deps)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readers_under_load_get_no_errors_and_see_a_brief_published_meanwhile(
    site, same_cache_as_servers, desk_editor, django_user_model
):
    brief = brief_in_review(django_user_model)
    url = unique_home_url(site.url)
    load = subprocess.Popen(
        ["wrk", "-t2", f"-c{READER_CONNECTIONS}", f"-d{READER_SECONDS}s", "--timeout", "10s", url],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        time.sleep(3)  # let the load reach a steady state before the change
        brief.move("publish", by=desk_editor)
        changed_at = time.monotonic()
        seen_after = None
        while seen_after is None and time.monotonic() - changed_at < CHANGE_VISIBLE_WITHIN_SECONDS:
            if brief.title in request(url).text:
                seen_after = time.monotonic() - changed_at
            else:
                time.sleep(0.25)
        report, _ = load.communicate(timeout=READER_SECONDS + 60)
    finally:
        if load.poll() is None:
            load.kill()
    assert seen_after is not None, f"the brief did not reach readers within {CHANGE_VISIBLE_WITHIN_SECONDS} s"
    assert load.returncode == 0, report
    assert "Requests/sec" in report, report
    assert "Non-2xx or 3xx responses" not in report, report
