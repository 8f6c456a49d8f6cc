"""Add the promo rules written after the first seeding (issue 13): brushing any figure, price lists in
Chinese numerals, paid trending placement. Rules already in the table (by pattern) are left as editors
keep them."""

from importlib import import_module

from django.db import migrations

seeding = import_module("briefs.intake.migrations.0002_seed_promo_rules")


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_seed_promo_rules")]

    operations = [migrations.RunPython(seeding.seed_rules, migrations.RunPython.noop)]
