"""The training coordinators take attendance, see the figures and revoke certificates (issue 16)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Koordinator Pelatihan"
CODENAMES = ["view_attendance", "add_attendance", "change_attendance", "view_certificate", "change_certificate"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure this app's exist now.
    config = apps.get_app_config("events")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    permissions = list(Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES))
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if admin_access is not None:
        permissions.append(admin_access)
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_attendance_certificates"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
