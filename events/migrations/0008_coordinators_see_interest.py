"""The training coordinators see the "notify me" interest per skill area and kecamatan."""

from django.db import migrations

from home.group_permissions import group_permissions

GROUP = "Koordinator Pelatihan"
CODENAMES = ["view_traininginterest"]


grant, revoke = group_permissions("events", GROUP, CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_training_interest"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
