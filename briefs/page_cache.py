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

Only GET/HEAD requests without a session cookie are looked up, and only responses a view marked
public (`public_page`) with status 200 and no cookie are stored; logged-in readers and the admin are
never cached and get `Cache-Control: private, no-store`. Cached or not, anonymous pages carry an
ETag and a Last-Modified (when the generation last changed), and conditional requests get 304.
"""

import logging
import uuid
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
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
# When the cache (or the database, read to make a new state) is down, pages are served uncached
# rather than failing: the site stays up for readers and /healthz can say what is wrong.
UNAVAILABLE = (RedisError, DatabaseError, OSError)
logger = logging.getLogger(__name__)
PAGE_KEY_PREFIX = "page-cache:page"
# Never looked up: the admin, and /healthz, which must answer 503 itself when the cache or database is down.
UNCACHED_PREFIXES = ("/admin/", "/healthz")


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def make_state() -> dict:
    """A new generation, stamped now, with the next scheduled publish time still to come (if any)."""
    from .models import Brief

    now = timezone.now()
    next_publish_at = (
        Brief.objects.filter(status__in=Brief.PUBLIC_STATUSES, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return {
        "generation": uuid.uuid4().hex,
        "changed_at": int(now.timestamp()),
        "next_publish_at": next_publish_at.timestamp() if next_publish_at else None,
    }


def current_state() -> dict:
    """The state pages are cached under; a new one when there is none or a scheduled time has passed."""
    state = cache.get(STATE_KEY)
    if state is None:
        state = make_state()
        if not cache.add(STATE_KEY, state, timeout=None):
            state = cache.get(STATE_KEY) or state  # another process was first: share its generation
    elif state["next_publish_at"] is not None and timezone.now().timestamp() >= state["next_publish_at"]:
        state = make_state()
        cache.set(STATE_KEY, state, timeout=None)
    return state


def invalidate() -> None:
    """Start a new generation now and again when the current transaction commits.

    Now, so the rest of this request (and tests, which never commit) see the change; at commit, so
    that a page rendered by another process between the two from the old rows is not kept.
    """
    cache.set(STATE_KEY, make_state(), timeout=None)
    transaction.on_commit(lambda: cache.set(STATE_KEY, make_state(), timeout=None))


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
    return f"{PAGE_KEY_PREFIX}:{state['generation']}:{request.scheme}:{location}"


class PageCacheMiddleware:
    """Serve anonymous GETs from the page cache; placed near the top, so a hit skips sessions, auth and CSRF.

    Responses are stored after every middleware below this one has run, so a cached page carries
    the same CSP, frame and content-type headers as a fresh one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            state = current_state()
            key = page_key(request, state)
            entry = cache.get(key)
        except UNAVAILABLE as error:
            logger.warning("page cache unavailable, serving uncached: %s", error)
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
                except UNAVAILABLE as error:
                    logger.warning("page cache unavailable, page not stored: %s", error)
            response["X-Page-Cache"] = "miss"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=state["changed_at"], response=response
        )
