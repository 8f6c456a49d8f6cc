from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """The app for source articles and what the text steps found in them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "briefs.intake"
    label = "intake"
    verbose_name = "Intake"
