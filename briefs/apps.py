from django.apps import AppConfig


class BriefsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "briefs"
    verbose_name = "Briefs desk"

    def ready(self):
        from . import signals

        signals.connect()
