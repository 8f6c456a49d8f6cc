from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The app for briefs and their review workflow."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "briefs.desk"
    label = "desk"
    verbose_name = "Brief desk"
