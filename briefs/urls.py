"""Public URLs of the briefs site."""

from django.urls import path

from . import views

app_name = "briefs"

urlpatterns = [
    path("", views.home, name="home"),
    path("briefs/<slug:slug>/", views.brief_detail, name="brief-detail"),
    path("entities/<slug:slug>/", views.entity_detail, name="entity-detail"),
    path("healthz", views.healthz, name="healthz"),
]
