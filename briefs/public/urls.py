"""Public URLs of the briefs site."""

from django.urls import path

from briefs.public import feeds, views
from briefs.public.page_cache import public_page

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("briefs/<slug:slug>/", views.brief_detail, name="brief-detail"),
    path("entities/", views.entity_list, name="entity-list"),
    path("entities/<slug:slug>/", views.entity_detail, name="entity-detail"),
    path("entities/<slug:slug>/feed/rss/", public_page(feeds.EntityBriefsFeed()), name="entity-feed-rss"),
    path("entities/<slug:slug>/feed/atom/", public_page(feeds.EntityBriefsAtomFeed()), name="entity-feed-atom"),
    # Topic slugs are made by taggit and may hold any letters, so `str`, not `slug`.
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<str:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<str:slug>/feed/rss/", public_page(feeds.TopicBriefsFeed()), name="topic-feed-rss"),
    path("topics/<str:slug>/feed/atom/", public_page(feeds.TopicBriefsAtomFeed()), name="topic-feed-atom"),
    path("archive/", views.archive_index, name="archive"),
    path("archive/<int:year>/<int:month>/", public_page(views.ArchiveMonthView.as_view()), name="archive-month"),
    path("search/", views.search_page, name="search"),
    path("feed/rss/", public_page(feeds.LatestBriefsFeed()), name="feed-rss"),
    path("feed/atom/", public_page(feeds.LatestBriefsAtomFeed()), name="feed-atom"),
    path("feed.json", public_page(feeds.json_feed), name="feed-json"),
    path("healthz", views.healthz, name="healthz"),
]
