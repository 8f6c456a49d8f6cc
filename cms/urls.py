"""Project URL wiring: the admin, the public site, its sitemap and robots.txt."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from briefs.public.page_cache import public_page
from briefs.public.sitemaps import SITEMAPS
from briefs.public.views import robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("", include("briefs.public.urls")),
]
