"""Whole-page cache for anonymous readers, with one site-wide generation for invalidation.

Why one generation and not per-page keys: a brief shows on its own page, the home page, each of its
entity and topic pages, the archive, three feed formats and the sitemap; tracking which cached page
shows what is where invalidation bugs live. Every cached page is stored under a key holding the
current generation instead, and any change a reader could see (signals.py: a brief, key fact,
source link, entity, topic or tagging saved or deleted) replaces the generation, so every page is
rendered afresh on its next request. Publishing is rare next to reading, so this costs little.

A scheduled brief becomes public when its `publish_at` passes, with no save and so no signal. The
state therefore also holds the earliest `publish_at` that was still in the future when the state
was made; once the clock passes it, the state is stale and is replaced on the next request.

The state and the pages live in Django's cache: LocMem in development, Redis when REDIS_URL is set,
so that every app process sees the same generation.

The cache is told of a change only after the change commits, and a cache failure never fails the
write (issue 11, finding 4): the editor's save stands and the failure is logged. So that a change the
cache was not told of still shows, each change also counts up `PublicChange` in the database, in the
same transaction; every state records the count it was made under. Before serving a hit, a process
compares that count with the database's, read at most every settings.PAGE_CACHE_CHANGE_CHECK_SECONDS
(1 s); an older state is replaced. The bound: once a change has committed, no process serves a page
rendered before it for longer than that, whether Redis was down, hung or lost the new generation. (When the
database itself cannot be read, the last count read is kept, so cached pages still serve readers.)
After a cache error a process leaves the cache alone for CACHE_REST_SECONDS and serves pages
uncached, so a Redis that never answers costs one timeout per process every few seconds, not one per page.

Only GET/HEAD requests without a session cookie are looked up, and only responses a view marked
public (`public_page`) with status 200 and no cookie are stored; logged-in readers and the admin are
never cached and get `Cache-Control: private, no-store`. Cached or not, anonymous pages carry an
ETag and a Last-Modified (when the generation last changed), and conditional requests get 304.
"""

import logging
import time
import uuid
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date
from redis.exceptions import RedisError

STATE_KEY = "page-cache:state"
CACHE_ERRORS = (RedisError, OSError)
# When the cache (or the database, read to make a new state) is down, pages are served uncached
# rather than failing: the site stays up for readers and /healthz can say what is wrong.
UNAVAILABLE = (*CACHE_ERRORS, DatabaseError)
logger = logging.getLogger(__name__)
PAGE_KEY_PREFIX = "page-cache:page"
# Never looked up: the admin, and /healthz, which must answer 503 itself when the cache or database is down.
UNCACHED_PREFIXES = ("/admin/", "/healthz")
# After a cache error, how long this process serves pages uncached before trying the cache again.
CACHE_REST_SECONDS = 5.0

# Per process: the last change count read from the database and when (time.monotonic()), and until when
# the cache is left alone after an error. Plain values: a race between threads costs one extra read.
_marker = {"count": None, "read_at": float("-inf")}
_cache_rest = {"until": float("-inf")}


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def marker_check_seconds() -> float:
    """How old this process's reading of the database's change count may be when it serves a cached page."""
    return settings.PAGE_CACHE_CHANGE_CHECK_SECONDS


def read_change_count() -> int:
    """The database's count of changes readers could see (0 when the row is missing); remembered here."""
    from briefs.public.models import PublicChange

    try:
        count = PublicChange.objects.filter(pk=1).values_list("change_count", flat=True).first() or 0
    except DatabaseError as error:
        if _marker["count"] is None:
            raise
        # Nothing can change while the database is down; keep the last count so cached pages still serve.
        logger.warning("page cache: change count unreadable, keeping the last one: %s", error)
        count = _marker["count"]
    _marker.update(count=count, read_at=time.monotonic())
    return count


def recent_change_count() -> int:
    """The change count as read at most `marker_check_seconds()` ago."""
    if time.monotonic() - _marker["read_at"] >= marker_check_seconds():
        return read_change_count()
    return _marker["count"]


def record_change() -> None:
    """Count one change in the database, inside the caller's transaction, and remember the new count."""
    from briefs.public.models import PublicChange

    changes = PublicChange.objects.filter(pk=1)
    if not changes.update(change_count=F("change_count") + 1, changed_at=timezone.now()):
        PublicChange.objects.get_or_create(pk=1, defaults={"change_count": 1})
    read_change_count()


def make_state() -> dict:
    """A new generation, stamped now, under the database's change count, with the next scheduled publish time."""
    from briefs.desk.models import Brief

    now = timezone.now()
    next_publish_at = (
        Brief.objects.filter(status__in=Brief.PUBLIC_STATUSES, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return {
        "generation": uuid.uuid4().hex,
        "change_count": read_change_count(),
        "changed_at": int(now.timestamp()),
        "next_publish_at": next_publish_at.timestamp() if next_publish_at else None,
    }


def is_outdated(state: dict) -> bool:
    """True when a change committed since `state` was made (by the recent count, then by a fresh read)."""
    if state.get("change_count") == recent_change_count():
        return False
    # Another process may have made the state after a change this process has not read yet: read again.
    return state.get("change_count") != read_change_count()


def current_state() -> dict:
    """The state pages are cached under; a new one when there is none or a scheduled time has passed.

    Whether a change committed since is checked only before serving a hit (PageCacheMiddleware): a
    miss renders from the database anyway.
    """
    state = cache.get(STATE_KEY)
    if state is None:
        state = make_state()
        if not cache.add(STATE_KEY, state, timeout=None):
            state = cache.get(STATE_KEY) or state  # another process was first: share its generation
    elif state["next_publish_at"] is not None and timezone.now().timestamp() >= state["next_publish_at"]:
        state = renew_state()
    return state


def renew_state() -> dict:
    state = make_state()
    cache.set(STATE_KEY, state, timeout=None)
    return state


def cache_is_resting() -> bool:
    return time.monotonic() < _cache_rest["until"]


def rest_cache(error: Exception, what: str) -> None:
    """Log a cache error and leave the cache alone in this process for CACHE_REST_SECONDS."""
    _cache_rest["until"] = time.monotonic() + CACHE_REST_SECONDS
    logger.warning("page cache unavailable, %s (retrying in %s s): %r", what, CACHE_REST_SECONDS, error)


def start_new_generation() -> None:
    """After commit: tell the cache. A failure is logged, never raised: the write has already succeeded,
    and the database's change count makes every process drop the old pages within `marker_check_seconds()`."""
    if cache_is_resting():
        logger.warning("page cache resting after an error; pages follow the change count instead")
        return
    try:
        renew_state()
    except CACHE_ERRORS as error:
        rest_cache(error, "a change was not passed on")
    except DatabaseError as error:
        logger.warning("page cache: no new generation, the database did not answer: %r", error)


def invalidate() -> None:
    """Record a change readers could see; start a new generation once the current transaction commits.

    The change count is written now, in the transaction, so it commits (or rolls back) with the change.
    The cache is told after commit only, once per transaction however many rows changed, so a slow or
    failing cache never holds a transaction open or fails it.
    """
    record_change()
    pending = transaction.get_connection().run_on_commit
    # Django's own list of (savepoints, callback, robust) waiting for this transaction's commit.
    if not any(entry[1] is start_new_generation for entry in pending):
        transaction.on_commit(start_new_generation)


def public_page(view):
    """A read-only public view: 200 answers cacheable for anonymous readers, private for logged-in ones."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        elif response.status_code == 200:
            patch_cache_control(response, public=True, max_age=getattr(settings, "PUBLIC_MAX_AGE", 60))
        return response

    return wrapped


def is_cacheable_request(request) -> bool:
    return (
        page_cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def is_cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in cache_control
        and "no-store" not in cache_control
    )


def page_key(request, state: dict) -> str:
    location = sha256(request.get_full_path().encode("utf-8", "surrogatepass")).hexdigest()
    # The host too: feeds and the sitemap hold absolute links, so each allowed host gets its own copy.
    return f"{PAGE_KEY_PREFIX}:{state['generation']}:{request.scheme}:{request.get_host()}:{location}"


class PageCacheMiddleware:
    """Serve anonymous GETs from the page cache; placed near the top, so a hit skips sessions, auth and CSRF.

    Responses are stored after every middleware below this one has run, so a cached page carries
    the same CSP, frame and content-type headers as a fresh one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request) or cache_is_resting():
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django's own check answers 400 below; never a cached page
        try:
            state = current_state()
            key = page_key(request, state)
            entry = cache.get(key)
            if entry is not None and is_outdated(state):
                state, entry = renew_state(), None
                key = page_key(request, state)
        except CACHE_ERRORS as error:
            rest_cache(error, "serving uncached")
            return self.get_response(request)
        except DatabaseError as error:
            logger.warning("page cache: database unavailable, serving uncached: %r", error)
            return self.get_response(request)
        if entry is not None:
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not is_cacheable_response(response):
                return response
            set_response_etag(response)
            response["Last-Modified"] = http_date(state["changed_at"])
            if request.method == "GET":
                entry = {"status": response.status_code, "content": response.content, "headers": list(response.items())}
                try:
                    cache.set(key, entry, page_cache_seconds())
                except CACHE_ERRORS as error:
                    rest_cache(error, "page not stored")
            response["X-Page-Cache"] = "miss"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=state["changed_at"], response=response
        )
