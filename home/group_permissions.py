"""Data migrations that give an editors' or coordinators' group some of an app's permissions.

Each app's migration names its group, its own app label and the codenames; the group is
only get_or_create'd, so migrations of different apps may run in any order.
"""

from django.contrib.auth.management import create_permissions


def group_permissions(app_label, group_name, codenames):
    """(grant, revoke) for migrations.RunPython: `codenames` of `app_label`, plus admin access."""

    def grant(apps, schema_editor):
        # Permissions are normally created after all migrations; make sure this app's exist now.
        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None

        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        admin_access = Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ).first()
        if admin_access is not None:
            permissions.append(admin_access)
        group.permissions.add(*permissions)

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )

    return grant, revoke
