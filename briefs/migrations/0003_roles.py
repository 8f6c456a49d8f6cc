"""The desk's two roles as groups: writers draft and submit; editors also review, publish and keep the lexicon."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER = {
    "sourcearticle": ["add", "change", "view"],
    "strip": ["add", "change", "view"],
    "mention": ["change", "view"],
    "suggestion": ["change", "view"],
    # Writers add entities when they accept a suggested name; renaming one changes published pages.
    "entity": ["add", "view"],
    "promorule": ["view"],
    "brief": ["add", "change", "view"],
    "briefsource": ["add", "change", "delete", "view"],
    "keyfact": ["add", "change", "delete", "view"],
    "transition": ["view"],
}
EDITOR_EXTRA = {
    "promorule": ["add", "change", "delete"],
    "entity": ["change", "delete"],
    "brief": ["delete", "publish"],
}


def codenames(table):
    return [
        "publish_brief" if action == "publish" else f"{action}_{model}"
        for model, actions in table.items()
        for action in actions
    ]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("briefs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writer_codes = codenames(WRITER)
    editor_codes = writer_codes + codenames(EDITOR_EXTRA)
    for name, codes in (("Writer", writer_codes), ("Editor", editor_codes)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="briefs", codename__in=codes))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Writer", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0002_seed_promo_rules"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
