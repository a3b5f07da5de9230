"""The training coordinators take attendance, see the figures and revoke certificates (issue 16)."""

from django.db import migrations

from home.group_permissions import group_permissions

GROUP = "Koordinator Pelatihan"
CODENAMES = ["view_attendance", "add_attendance", "change_attendance", "view_certificate", "change_certificate"]


grant, revoke = group_permissions("events", GROUP, CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_attendance_certificates"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
