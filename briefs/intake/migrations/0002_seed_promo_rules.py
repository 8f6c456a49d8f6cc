"""Seed the promo lexicon from briefs.text.lexicon.DEFAULT_RULES; editors maintain it in the admin afterwards."""

from django.db import migrations


def seed_rules(apps, schema_editor):
    from briefs.text.lexicon import DEFAULT_RULES

    PromoRule = apps.get_model("intake", "PromoRule")
    for rule in DEFAULT_RULES:
        PromoRule.objects.get_or_create(
            pattern=rule.pattern,
            defaults={"is_regex": rule.is_regex, "kind": rule.kind, "note": rule.note, "is_active": True},
        )


def unseed_rules(apps, schema_editor):
    from briefs.text.lexicon import DEFAULT_RULES

    PromoRule = apps.get_model("intake", "PromoRule")
    PromoRule.objects.filter(pattern__in=[rule.pattern for rule in DEFAULT_RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed_rules, unseed_rules)]
