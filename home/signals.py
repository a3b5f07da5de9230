from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import bump_content_version
from .page_cache import bump_live
from .registry import project_app_labels, section_page_labels


def _content_model_changed(sender, instance, **kwargs):
    # Drafts and revisions do not change what visitors see; published pages do (see connect()).
    if issubclass(sender, Page) or sender._meta.app_label not in project_app_labels():
        return
    # Rows visitors add themselves (registrations, sign-ups) change live figures, not
    # content: they invalidate only the pages that show those figures.
    changed = getattr(instance, "changed_live_figures", None)
    if changed is not None:
        bump_live(*changed())
    else:
        bump_content_version()


def _page_created(sender, instance, created, raw=False, **kwargs):
    # A new section page or language home page: give the editors' roles their reach on it (home/roles.py).
    if created and not raw and isinstance(instance, Page) and sender._meta.label in _role_pages():
        from .roles import set_up_page

        set_up_page(instance)


def _role_pages():
    return {"home.HomePage", *section_page_labels()}


def _after_migrate(sender, **kwargs):
    from .roles import set_up_existing_pages

    set_up_existing_pages()


def connect():
    from django.apps import apps

    # For every model: the section pages are registered by their apps (home.registry), read when a page is saved.
    post_save.connect(_page_created, dispatch_uid="roles-page-created")
    post_migrate.connect(_after_migrate, sender=apps.get_app_config("home"), dispatch_uid="roles-after-migrate")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(bump_content_version, dispatch_uid=f"bump-{signal!r}")
    post_delete.connect(_page_deleted, dispatch_uid="bump-page-delete")
    post_save.connect(_content_model_changed, dispatch_uid="bump-content-save")
    post_delete.connect(_content_model_changed, dispatch_uid="bump-content-delete")
    # A page put behind a password or a login (or let out again) changes every list that showed it.
    for model in (Site, Locale, PageViewRestriction):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}-delete")


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()
