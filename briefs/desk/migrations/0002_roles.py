"""The desk's two roles as groups: writers draft and submit; editors also review, publish and keep the lexicon.

The permissions belong to three apps (kb: entities; intake: articles, strips, mentions, suggestions,
promo rules; desk: briefs and their parts), so this migration depends on each one's models.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# app label -> model -> actions ("publish" is the desk's own publish_brief permission)
WRITER = {
    "intake": {
        "sourcearticle": ["add", "change", "view"],
        "strip": ["add", "change", "view"],
        "mention": ["change", "view"],
        "suggestion": ["change", "view"],
        "promorule": ["view"],
    },
    # Writers add entities when they accept a suggested name; renaming one changes published pages.
    "kb": {"entity": ["add", "view"]},
    "desk": {
        "brief": ["add", "change", "view"],
        "briefsource": ["add", "change", "delete", "view"],
        "keyfact": ["add", "change", "delete", "view"],
        "transition": ["view"],
    },
}
EDITOR_EXTRA = {
    "intake": {"promorule": ["add", "change", "delete"]},
    "kb": {"entity": ["change", "delete"]},
    "desk": {"brief": ["delete", "publish"]},
}


def codenames(table):
    """(app label, codename) of every permission in `table`."""
    return [
        (label, "publish_brief" if action == "publish" else f"{action}_{model}")
        for label, models in table.items()
        for model, actions in models.items()
        for action in actions
    ]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for label in WRITER:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writer_codes = codenames(WRITER)
    editor_codes = writer_codes + codenames(EDITOR_EXTRA)
    for name, codes in (("Writer", writer_codes), ("Editor", editor_codes)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=label, codename=codename) for label, codename in codes
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Writer", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("intake", "0002_seed_promo_rules"),
        ("kb", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
