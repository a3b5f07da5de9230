"""The editors' groups: Penulis, Moderator, Penerjemah (Koordinator Pelatihan comes from events and campaigns).

Model and collection permissions are given here; page permissions on the section
pages and the review workflow follow the pages themselves (see home/roles.py).
"""

from django.db import migrations


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations (post_migrate); this one needs them now.
    for label in ("home", "wagtailimages", "wagtaildocs"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None

    from home.roles import create_groups as create

    create(apps)


def remove_groups(apps, schema_editor):
    from home.roles import MODERATOR, TRANSLATOR, WRITER

    apps.get_model("auth", "Group").objects.filter(name__in=[WRITER, MODERATOR, TRANSLATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("events", "0003_coordinator_group"),
        ("campaigns", "0002_coordinators_see_signups"),
        ("stories", "0002_story_training_event"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
