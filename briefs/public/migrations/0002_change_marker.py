"""The page cache's durable change count (issue 11, finding 4): its one row, made here."""

from django.db import migrations


def create_marker(apps, schema_editor):
    apps.get_model("public", "PublicChange").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("public", "0001_initial")]

    operations = [migrations.RunPython(create_marker, migrations.RunPython.noop)]
