"""Production mode when a part fails: Redis stopped, Redis not answering, gunicorn stopped behind nginx.

Each test starts its own servers: a redis-server of its own (or a TCP server that never answers) and
gunicorn with the repository's config, and for the nginx test nginx from deploy/nginx.conf.template.
The promises checked: a cache failure never fails or slows an editor's write; a withdrawal takes
effect at once; once the cache answers again no page older than the change is served; nginx stops
serving a withdrawn brief within its micro-cache time even when the app behind it is down.
"""

import time

import pytest

from briefs.public import page_cache
from deploy.nginx import NginxSettings, nginx_command, write_config
from tests.desk.test_admin import form_data
from tests.factories import make_brief
from tests.production.test_production import (  # noqa: F401 - fixtures shared with the production tests
    EDITOR_PASSWORD,
    MICRO_CACHE_SECONDS,
    app_env,
    cache_prefix,
    desk_editor,
    needs_nginx,
    needs_postgres_and_redis,
    run_dir,
)
from tests.support.servers import (
    Browser,
    RedisServer,
    SilentServer,
    free_port,
    request,
    start,
    start_gunicorn,
)

# Generous: the timeouts on the cache are a quarter of a second; a hang (redis-py's default is 5 s) breaks it.
FAST_SECONDS = 2.0
# nginx's promise: a withdrawn brief is gone within the micro-cache time; a little slack for the test's own polling.
NGINX_GRACE_SECONDS = 2.0

pytestmark = [needs_postgres_and_redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def start_app(app_env, run_dir, redis_url, name, *, workers=2):  # noqa: F811 - fixtures passed in by the tests
    """gunicorn against the test database and the given Redis, plain-HTTP cookies for log-in."""
    env = {**app_env, "REDIS_URL": redis_url, "DJANGO_SECURE": "0"}
    return start_gunicorn(env, log_path=run_dir / f"gunicorn-{name}.log", workers=workers)


def timed(call):
    """The call's result and how many seconds it took."""
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def editor_on(app_url) -> Browser:
    editor = Browser(app_url)
    editor.log_in("desk-editor", EDITOR_PASSWORD)
    return editor


def warmed_editor(app_url, draft) -> Browser:
    """An editor logged in to a one-worker app that has already served the change form and a save once,
    so the times measured are the cache's, not a fresh worker's first imports."""
    editor = editor_on(app_url)
    editor.get(f"/admin/desk/brief/{draft.pk}/change/")
    assert editor.post(f"/admin/desk/brief/{draft.pk}/change/", form_data(draft, body="Warm-up.")).status == 302
    return editor


def save_and_withdraw(editor, draft, live):
    """An editor saves new text on a draft and withdraws a live brief; the answers and the seconds each took."""
    saved, save_seconds = timed(
        lambda: editor.post(f"/admin/desk/brief/{draft.pk}/change/", form_data(draft, body="Kept while down."))
    )
    withdrawn, withdraw_seconds = timed(
        lambda: editor.post(f"/admin/desk/brief/{live.pk}/move/", {"move": "withdraw", "comment": "Legal asked."})
    )
    return saved, withdrawn, {"save": save_seconds, "withdraw": withdraw_seconds}


def assert_saved_and_withdrawn(saved, withdrawn, draft, live):
    assert saved.status == 302, f"save answered {saved.status}: {saved.text[:300]}"
    draft.refresh_from_db()
    assert draft.body == "Kept while down."
    assert withdrawn.status == 302, f"withdraw answered {withdrawn.status}: {withdrawn.text[:300]}"
    live.refresh_from_db()
    assert live.status == "withdrawn"


def test_with_redis_stopped_an_edit_is_saved_and_a_withdrawal_takes_effect_at_once(
    app_env, run_dir, desk_editor  # noqa: F811
):
    redis = RedisServer(free_port(), run_dir / "redis-stopped.log").start()
    app = start_app(app_env, run_dir, redis.url, "redis-stopped", workers=1)
    try:
        draft, live = make_brief(status="draft", author=desk_editor), make_brief(status="published")
        page = f"{app.url}{live.get_absolute_url()}"
        request(page)
        assert request(page).header("x-page-cache") == "hit"
        editor = warmed_editor(app.url, draft)
        redis.stop()

        saved, withdrawn, write_seconds = save_and_withdraw(editor, draft, live)
        shown, page_seconds = timed(lambda: request(page))

        assert_saved_and_withdrawn(saved, withdrawn, draft, live)
        assert shown.status == 410
        took = {**write_seconds, "page": page_seconds}
        assert max(took.values()) < FAST_SECONDS, took

        redis.start()  # again on the same port, empty
        assert request(page).status == 410
        assert live.title not in request(f"{app.url}/").text
    finally:
        app.stop()
        redis.stop()


def test_with_redis_not_answering_writes_pages_and_healthz_answer_within_seconds(
    app_env, run_dir, desk_editor  # noqa: F811
):
    silent = SilentServer()
    try:
        app = start_app(app_env, run_dir, f"redis://127.0.0.1:{silent.port}/0", "redis-silent", workers=1)
        try:
            draft, live = make_brief(status="draft", author=desk_editor), make_brief(status="published")
            editor = warmed_editor(app.url, draft)

            saved, withdrawn, write_seconds = save_and_withdraw(editor, draft, live)
            shown, page_seconds = timed(lambda: request(f"{app.url}{live.get_absolute_url()}"))
            home, home_seconds = timed(lambda: request(f"{app.url}/"))
            health, health_seconds = timed(lambda: request(f"{app.url}/healthz"))
        finally:
            app.stop()
    finally:
        silent.stop()

    assert_saved_and_withdrawn(saved, withdrawn, draft, live)
    assert (shown.status, home.status) == (410, 200)
    assert health.status == 503 and '"cache": "error: ' in health.text
    took = {**write_seconds, "page": page_seconds, "home": home_seconds, "healthz": health_seconds}
    assert max(took.values()) < FAST_SECONDS, took


def test_a_withdrawal_made_while_redis_hung_is_not_undone_when_redis_answers_again(
    app_env, run_dir, desk_editor  # noqa: F811
):
    redis = RedisServer(free_port(), run_dir / "redis-paused.log").start()
    app = start_app(app_env, run_dir, redis.url, "redis-paused")
    try:
        live = make_brief(status="published")
        page, home = f"{app.url}{live.get_absolute_url()}", f"{app.url}/"
        for url in (page, page, home, home):
            request(url)
        assert request(page).header("x-page-cache") == "hit" and live.title in request(home).text
        editor = editor_on(app.url)
        redis.pause()  # the same Redis, its cached pages and generation kept: it just stops answering

        withdrawn = editor.post(f"/admin/desk/brief/{live.pk}/move/", {"move": "withdraw", "comment": "Legal."})
        withdrawn_at = time.monotonic()
        assert withdrawn.status == 302
        assert request(page).status == 410

        redis.resume()
        # The promise: no page older than the change once its marker was checked (at most this long after it).
        time.sleep(max(0.0, withdrawn_at + page_cache.marker_check_seconds() - time.monotonic()))
        answers = [request(page).status for _ in range(6)]
        homes = [request(home).text for _ in range(6)]
    finally:
        app.stop()
        redis.stop()

    assert answers == [410] * 6
    assert not any(live.title in text for text in homes)


@needs_nginx
def test_nginx_stops_serving_a_withdrawn_brief_within_the_micro_cache_time_when_the_app_is_down(
    app_env, run_dir, desk_editor  # noqa: F811
):
    app = start_gunicorn({**app_env, "DJANGO_SECURE": "0"}, log_path=run_dir / "gunicorn-nginx-down.log")
    try:
        port = free_port()
        conf = write_config(
            NginxSettings(
                port=port, app_port=int(app.url.rsplit(":", 1)[1]), static_root=run_dir / "static",
                var_dir=run_dir / "nginx-app-down", micro_cache_seconds=MICRO_CACHE_SECONDS, worker_processes="1",
            )
        )
        web = start(nginx_command(conf), url=f"http://127.0.0.1:{port}", env=app_env, log_path=run_dir / "nginx2.log")
    except BaseException:
        app.stop()
        raise
    try:
        live = make_brief(status="published")
        page = f"{web.url}{live.get_absolute_url()}"
        request(page)
        assert request(page).header("x-cache-status") == "HIT"
        withdrawn = editor_on(app.url).post(f"/admin/desk/brief/{live.pk}/move/", {"move": "withdraw", "comment": "."})
        withdrawn_at = time.monotonic()
        assert withdrawn.status == 302
        app.stop()

        bound = withdrawn_at + MICRO_CACHE_SECONDS + NGINX_GRACE_SECONDS
        after_bound = []
        while time.monotonic() < bound + 2:
            answer = request(page)
            if time.monotonic() > bound:
                after_bound.append((answer.status, answer.header("x-cache-status")))
            time.sleep(0.2)
    finally:
        web.stop()
        app.stop()

    assert after_bound, "no request was made after the bound"
    assert all(status in (502, 503, 504) for status, _ in after_bound), after_bound
