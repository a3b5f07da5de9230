from django.db.models.signals import post_delete, post_save
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


def connect():
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
