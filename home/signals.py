from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import bump_content_version

CONTENT_APPS = {"home", "stories", "events", "campaigns"}


def _content_model_changed(sender, **kwargs):
    # Drafts and revisions do not change what visitors see; published pages do.
    if sender._meta.app_label in CONTENT_APPS and not issubclass(sender, Page):
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
