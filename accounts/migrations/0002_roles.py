"""Create the three role groups (accounts.roles.Role). Written out here rather than
imported, so that this migration keeps working whatever the module becomes."""

from django.db import migrations

ROLES = ("admin", "account_manager", "marketing")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_roles, delete_roles)]
