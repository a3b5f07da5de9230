"""The training coordinators' group may see and export interest sign-ups.

The events app creates the same group for registrations; either migration may
run first, so both only get_or_create it and add their own permissions.
"""

from django.db import migrations

from home.group_permissions import group_permissions

GROUP = "Koordinator Pelatihan"
CODENAMES = ["view_interestsignup", "export_interestsignup"]


grant, revoke = group_permissions("campaigns", GROUP, CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
