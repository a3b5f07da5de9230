from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import bump_content_version
from .page_cache import bump_live

CONTENT_APPS = {"home", "stories", "events", "campaigns"}


def _content_model_changed(sender, instance, **kwargs):
    # Drafts and revisions do not change what visitors see; published pages do.
    if sender._meta.app_label not in CONTENT_APPS or issubclass(sender, Page):
        return
    # Rows visitors add themselves change live figures (places left, sign-up counts),
    # not content: they invalidate only the pages that show those figures.
    label = sender._meta.label_lower
    if label == "events.registration":
        # The event is usually loaded already (the registration was made for it): no query then.
        bump_live("places", f"places:{instance.event.translation_key}")
    elif label == "campaigns.interestsignup":
        bump_live("signups", f"signups:{instance.campaign_key}")
    else:
        bump_content_version()


def _page_created(sender, instance, created, raw=False, **kwargs):
    # A new section page or language home page: give the editors' roles their reach on it (home/roles.py).
    if created and not raw:
        from .roles import set_up_page

        set_up_page(instance)


def _after_migrate(sender, **kwargs):
    from .roles import set_up_existing_pages

    set_up_existing_pages()


def connect():
    from django.apps import apps

    for label, model in (
        ("home", "homepage"),
        ("stories", "storyindexpage"),
        ("events", "eventindexpage"),
        ("campaigns", "campaignindexpage"),
    ):
        post_save.connect(_page_created, sender=apps.get_model(label, model), dispatch_uid=f"roles-{model}")
    post_migrate.connect(_after_migrate, sender=apps.get_app_config("home"), dispatch_uid="roles-after-migrate")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(bump_content_version, dispatch_uid=f"bump-{signal!r}")
    post_delete.connect(_page_deleted, dispatch_uid="bump-page-delete")
    post_save.connect(_content_model_changed, dispatch_uid="bump-content-save")
    post_delete.connect(_content_model_changed, dispatch_uid="bump-content-delete")
    for model in (Site, Locale):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}-delete")


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()
