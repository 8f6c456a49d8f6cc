"""Public pages: thin views over the published() queryset."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from .models import Brief, Entity


def home(request):
    briefs = Brief.objects.published()[:20]
    return render(request, "briefs/home.html", {"briefs": briefs})


def brief_detail(request, slug):
    brief = get_object_or_404(Brief.objects.published(), slug=slug)
    return render(request, "briefs/brief_detail.html", {"brief": brief})


def entity_detail(request, slug):
    entity = get_object_or_404(Entity, slug=slug)
    briefs = Brief.objects.published().mentioning(entity)
    return render(request, "briefs/entity_detail.html", {"entity": entity, "briefs": briefs})


@never_cache
def healthz(request):
    """For a load balancer: 200 when the database and the cache answer, 503 otherwise."""
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
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)
