"""The page cache's durable change count (issue 11, finding 4): one row, made here."""

import django.utils.timezone
from django.db import migrations, models


def create_marker(apps, schema_editor):
    apps.get_model("briefs", "PublicChange").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0006_entity_and_article_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("change_count", models.PositiveBigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "public change marker", "ordering": ["pk"]},
        ),
        migrations.RunPython(create_marker, migrations.RunPython.noop),
    ]
