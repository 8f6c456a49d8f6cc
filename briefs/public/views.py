"""Public pages: thin views over `Brief.objects.published()`, the one definition of what readers see.

Every list prefetches what its template shows, so each page runs the same number of queries
whether it lists one brief or fifty (tests/public/test_query_counts.py). Views marked `public_page` are
cached whole for anonymous readers (page_cache.py).
"""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.generic.dates import MonthArchiveView

from briefs.desk.models import Brief, BriefSource, KeyFact
from briefs.intake import pipeline
from briefs.kb.models import Entity
from briefs.public import search
from briefs.public.page_cache import public_page

PAGE_SIZE = 20


def paginate(request, object_list, per_page=PAGE_SIZE):
    """The requested page; a page number that is not a page (abc, 0, past the end) is a 404."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page.") from error


@public_page
def home(request):
    page = paginate(request, Brief.objects.cards())
    return render(request, "public/home.html", {"page": page, "briefs": page.object_list})


def was_once_public(brief):
    """True when readers could once see `brief`, judged from its recorded moves (no stored flag).

    A brief is public while it is scheduled or published and its publish time has come. It left
    those states only by a withdrawal, so it was once public when any of:
    - a move published it at once (to "published");
    - its latest withdrawal came at or after its publish_at (publishing sets publish_at; withdrawing
      and reopening keep it, so it is still the time that withdrawal cut short);
    - an earlier withdrawal came at or after published_at, the first time readers were due to see it.
    A brief with no recorded withdrawal (loaded as withdrawn) counts as public once its published_at has come.
    """
    moves = list(brief.transitions.order_by("at", "id").values_list("to_status", "at"))
    if any(to_status == Brief.Status.PUBLISHED for to_status, _ in moves):
        return True
    withdrawals = [at for to_status, at in moves if to_status == Brief.Status.WITHDRAWN]
    if not withdrawals:
        return brief.published_at is not None and brief.published_at <= timezone.now()
    if brief.publish_at is not None and withdrawals[-1] >= brief.publish_at:
        return True
    return brief.published_at is not None and any(at >= brief.published_at for at in withdrawals[:-1])


@public_page
def brief_detail(request, slug):
    brief = (
        Brief.objects.published()
        .filter(slug=slug)
        .select_related("author")
        .prefetch_related(
            # Ordered here without "brief": the models' default ordering joins the brief table again.
            Prefetch("key_facts", queryset=KeyFact.objects.order_by("position", "id").only("brief_id", "text")),
            # Only the publisher is shown: the scraped copy's title and text are never loaded.
            Prefetch(
                "source_links",
                queryset=BriefSource.objects.order_by("id").only("brief_id", "publisher_name", "publisher_url"),
            ),
            "entities",
            "topics",
        )
        .first()
    )
    if brief is None:
        withdrawn = Brief.objects.filter(slug=slug, status=Brief.Status.WITHDRAWN).first()
        if withdrawn is not None and was_once_public(withdrawn):
            return render(request, "410.html", status=410)
        # A brief withdrawn before readers ever saw it answers like one that never existed (issue 11, 14).
        raise Http404("No published brief has this address.")
    return render(request, "public/brief_detail.html", {"brief": brief})


@public_page
def entity_list(request):
    entities = list(Brief.objects.published().mentioned_entities().order_by("name"))
    groups = [
        (label, [entity for entity in entities if entity.kind == kind])
        for kind, label in Entity.Kind.choices
    ]
    return render(request, "public/entity_list.html", {"groups": [group for group in groups if group[1]]})


@public_page
def entity_detail(request, slug):
    # An entity only tagged on unpublished briefs has no public page: its name could give a story away.
    entity = get_object_or_404(Brief.objects.published().mentioned_entities(), slug=slug)
    page = paginate(request, Brief.objects.cards().mentioning(entity))
    return render(request, "public/entity_detail.html", {"entity": entity, "page": page, "briefs": page.object_list})


@public_page
def topic_list(request):
    topics = Brief.objects.published().tagged_topics().order_by("name")
    return render(request, "public/topic_list.html", {"topics": topics})


@public_page
def topic_detail(request, slug):
    topic = get_object_or_404(Brief.objects.published().tagged_topics(), slug=slug)
    page = paginate(request, Brief.objects.cards().on_topic(topic))
    return render(request, "public/topic_detail.html", {"topic": topic, "page": page, "briefs": page.object_list})


@public_page
def archive_index(request):
    return render(request, "public/archive_index.html", {"months": Brief.objects.published().months()})


class ArchiveMonthView(MonthArchiveView):
    """One month's published briefs as cards, newest first, a page at a time; a month without any is a 404.

    Django parses and bounds the year and month (2024/13 and 9999/12 are 404s) and selects the month in
    the desk's time zone. The empty month is refused here rather than by Django (allow_empty off), which
    would cost four more queries: an exists, the month's days and the neighbouring months' first briefs.
    """

    date_field = "publish_at"
    month_format = "%m"
    allow_future = True  # published() already keeps back briefs whose time has not come
    allow_empty = True
    paginate_by = PAGE_SIZE
    context_object_name = "briefs"
    template_name = "public/archive_month.html"

    def get_queryset(self):
        # Per request, not a class attribute: published() compares with the time of the request.
        return Brief.objects.cards()

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # Django lists the month's days that have briefs, with a query of its own; the page shows none.
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["briefs"]:
            raise Http404("No briefs that month.")
        return {**context, "page": context["page_obj"]}


@public_page
def search_page(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query, "results": [], "page": None}
    if len(query) > search.MAX_QUERY_LENGTH:
        context["error"] = f"That search is too long: use at most {search.MAX_QUERY_LENGTH} characters."
        context["query"] = ""
        return render(request, "public/search.html", context, status=400)
    terms = search.query_terms(query)
    if terms:
        page = paginate(request, search.find_brief_ids(terms))
        context.update(page=page, results=search.results_for(list(page.object_list), terms))
    return render(request, "public/search.html", context)


@public_page
def robots_txt(request):
    sitemap_url = settings.SITE_URL.rstrip("/") + reverse("sitemap")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    """For a load balancer: 200 when the database and the cache answer, 503 otherwise.

    Also says whether the NER model loaded ("ok", or "unavailable: <why>"). Without it imports still
    run, suggesting names from jieba alone, so it never makes the answer a 503.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:
        checks["database"] = f"error: {error.__class__.__name__}"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error: cache did not keep a value"
    except Exception as error:
        checks["cache"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    ner_problem = pipeline.ner_problem()
    ner_state = f"unavailable: {ner_problem}" if ner_problem else "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks, "ner": ner_state}, status=200 if healthy else 503
    )
