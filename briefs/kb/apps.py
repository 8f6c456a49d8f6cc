from django.apps import AppConfig


class KbConfig(AppConfig):
    """The app for the entity knowledge base: Entity, CSV loading, merging."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "briefs.kb"
    label = "kb"
    verbose_name = "Knowledge base"

    def ready(self):
        from briefs.kb import database  # noqa: F401 - registers the database layout check
