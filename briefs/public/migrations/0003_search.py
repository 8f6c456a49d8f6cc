"""Full-text search: an FTS5 table on SQLite, a GIN index over the weighted tsvector on PostgreSQL.

Both are made with RunPython by database vendor, so the migration state (the models) is unchanged
and `makemigrations` never tries to drop them. Existing briefs are indexed here; from then on
`briefs.public.signals` keeps the index in step.
"""

from django.db import migrations


def create_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from briefs.public.search_sqlite import CREATE_SQL

        schema_editor.execute(CREATE_SQL)
    elif vendor == "postgresql":
        from django.contrib.postgres.indexes import GinIndex

        from briefs.public.search_postgres import INDEX_NAME, search_vector

        Brief = apps.get_model("desk", "Brief")
        schema_editor.add_index(Brief, GinIndex(search_vector(), name=INDEX_NAME))
    index_existing_briefs(apps, schema_editor)


def index_existing_briefs(apps, schema_editor):
    import html

    from django.utils.html import strip_tags

    from briefs.public import search

    Brief = apps.get_model("desk", "Brief")
    TaggedBriefEntity = apps.get_model("desk", "TaggedBriefEntity")
    for brief in Brief.objects.using(schema_editor.connection.alias).iterator():
        names = []
        for item in TaggedBriefEntity.objects.filter(content_object_id=brief.pk).select_related("tag"):
            entity = item.tag
            aliases = [line.strip() for line in entity.aliases.splitlines() if line.strip()]
            names.extend(name for name in [entity.name, entity.name_zh, entity.pinyin, *aliases] if name)
        body_text = html.unescape(strip_tags(brief.body_html)) if brief.body_html else brief.body
        document = search.build_document(body_text=body_text, entity_names=names)
        Brief.objects.filter(pk=brief.pk).update(search_document=document)
        if schema_editor.connection.vendor == "sqlite":
            from briefs.public import search_sqlite

            search_sqlite.upsert(brief.pk, title=brief.title, dek=brief.dek, document=document)


def drop_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from briefs.public.search_sqlite import DROP_SQL

        schema_editor.execute(DROP_SQL)
    elif vendor == "postgresql":
        from briefs.public.search_postgres import INDEX_NAME

        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("public", "0002_change_marker"), ("desk", "0001_initial")]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
