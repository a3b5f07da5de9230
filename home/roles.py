"""Editors' roles: the four groups, what each may do, and the review workflow.

The groups and their model permissions are made by a data migration
(`home/migrations/0002_editor_roles.py`). Page permissions and the workflow hang
on pages that a data migration cannot know (the section pages are made later, by
an editor or by the demo loader), so they are granted here: when a section page or
a language's home page is created (`post_save`), after every `migrate` for pages
that already exist, and by the demo loader. Every step looks before it writes.

- Penulis (writer): adds and edits stories, trainings and campaigns in Indonesian;
  cannot publish: "Submit for moderation" sends a page to the Moderator.
- Moderator: reviews and publishes everything (page permissions on the tree root);
  approves or rejects in the review workflow on the Indonesian section pages.
- Penerjemah (translator): translates into English with wagtail-localize; page
  permissions only on the English tree, so Indonesian pages cannot be changed
  (wagtail-localize checks the *target* page's edit permission in its editor and
  PO views). Translators publish English translations of reviewed Indonesian pages.
- Koordinator Pelatihan: registrations and sign-ups (events and campaigns migrations).
"""

from django.apps import apps as django_apps
from django.conf import settings

from .registry import section_page_labels

WRITER = "Penulis"
MODERATOR = "Moderator"
TRANSLATOR = "Penerjemah"
COORDINATOR = "Koordinator Pelatihan"

WORKFLOW_NAME = "Tinjauan Moderator"
TASK_NAME = "Persetujuan Moderator"

WRITER_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]

SNIPPETS = ["skillarea", "partner", "venue"]

# Model permissions, per group, as (app_label, codename).
MODEL_PERMISSIONS = {
    WRITER: [("wagtailadmin", "access_admin")]
    + [("home", f"{action}_{model}") for model in SNIPPETS for action in ("add", "change", "view")],
    MODERATOR: [("wagtailadmin", "access_admin")]
    + [("home", f"{action}_{model}") for model in SNIPPETS for action in ("add", "change", "delete", "view")],
    TRANSLATOR: [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")]
    + [("home", f"{action}_{model}") for model in SNIPPETS for action in ("change", "view")],
}

# Image and document permissions are given per collection (the root one, so all of them).
COLLECTION_PERMISSIONS = {
    WRITER: [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]
    + [("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")],
    MODERATOR: [("wagtailimages", f"{a}_image") for a in ("add", "change", "choose")]
    + [("wagtaildocs", f"{a}_document") for a in ("add", "change", "choose")],
    TRANSLATOR: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
}


def _permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def create_groups(apps=django_apps):
    """The three editing groups with their model and collection permissions (the migration's work)."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    root_collection = Collection.objects.filter(depth=1).first()
    root_page = Page.objects.filter(depth=1).first()
    for name, pairs in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, pairs))
        if root_collection is not None:
            for permission in _permissions(apps, COLLECTION_PERMISSIONS[name]):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    # Moderators review and publish everything, in both languages: the tree's root exists from the start.
    moderator = Group.objects.get(name=MODERATOR)
    # Wagtail's default workflow (on the root, for pages outside the sections) asks its English
    # "Moderators" group; our Moderators approve there too.
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.add(moderator)
    if root_page is not None:
        for permission in _permissions(apps, [("wagtailcore", c) for c in MODERATOR_PAGE_PERMISSIONS]):
            GroupPagePermission.objects.get_or_create(group=moderator, page=root_page, permission=permission)


def _grant_page(group, page, codenames):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def review_workflow():
    """The one review workflow: a Moderator approves (or rejects with a comment). None without the group."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    moderators = Group.objects.filter(name=MODERATOR).first()
    if moderators is None:
        return None
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def set_up_page(page):
    """Grant the roles their reach on a section page or a language's home page, and guard sections with review."""
    from django.contrib.auth.models import Group
    from wagtail.models import WorkflowPage

    page = page.specific
    is_default_language = page.locale.language_code == settings.LANGUAGE_CODE
    label = page._meta.label
    # The section pages a writer works under, and the review workflow guards, are registered by their apps.
    if label in section_page_labels() and is_default_language:
        writers = Group.objects.filter(name=WRITER).first()
        if writers is not None:
            _grant_page(writers, page, WRITER_PAGE_PERMISSIONS)
        workflow = review_workflow()
        if workflow is not None:
            WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    elif label == "home.HomePage" and not is_default_language:
        translators = Group.objects.filter(name=TRANSLATOR).first()
        if translators is not None:
            _grant_page(translators, page, TRANSLATOR_PAGE_PERMISSIONS)


def set_up_existing_pages():
    """Apply `set_up_page` to every section page and home page already in the database."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from wagtail.models import Page

    labels = [*section_page_labels(), "home.HomePage"]
    # Filtered, not fetched one by one: on a fresh database some content types do not exist yet.
    wanted = Q()
    for label in labels:
        app_label, model = label.lower().split(".")
        wanted |= Q(app_label=app_label, model=model)
    content_types = ContentType.objects.filter(wanted)
    for page in Page.objects.filter(content_type__in=content_types).select_related("locale"):
        set_up_page(page)


def is_source_language_editor(user):
    """Whether the user may change Indonesian content: a superuser, or edit rights somewhere in the Indonesian tree."""
    from wagtail.models import GroupPagePermission

    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    from django.db.models import Q

    return GroupPagePermission.objects.filter(
        Q(page__depth=1) | Q(page__locale__language_code=settings.LANGUAGE_CODE),
        group__user=user,
        permission__codename="change_page",
    ).exists()
