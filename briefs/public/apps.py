from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The app for what readers see: pages, feeds, sitemap, search and the page cache."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "briefs.public"
    label = "public"
    verbose_name = "Public site"

    def ready(self):
        # Search and the page cache follow saves of the desk's and the knowledge base's rows from here,
        # so those apps never import this one.
        from briefs.public import signals

        signals.connect()
