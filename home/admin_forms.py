"""Admin forms the project changes: the login form (`home.admin_strings.login_form_class`) and page forms."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin

from .admin_strings import login_form_class

LoginForm = login_form_class()


class PageLanguageSnippetsForm(WagtailAdminPageForm):
    """A page's snippet choices (skill areas, partners, venues) offer only the page's language.

    Without it each multi-select lists both languages' snippets side by side
    ("Handicraft and weaving" beside "Kerajinan tangan dan anyaman", a partner
    twice). What the page already points at stays selectable, so an English page
    whose synchronised choices are the Indonesian snippets still saves.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = getattr(self, "parent_page", None)
        locale_id = self.instance.locale_id or (parent.locale_id if parent is not None else None)
        if locale_id is None:
            return
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            model = getattr(queryset, "model", None)
            if model is None or not issubclass(model, TranslatableMixin) or issubclass(model, Page):
                continue
            chosen = self.initial.get(name)
            if hasattr(chosen, "__iter__") and not isinstance(chosen, str):
                chosen = [getattr(item, "pk", item) for item in chosen]
            else:
                chosen = [getattr(chosen, "pk", chosen)] if chosen else []
            field.queryset = queryset.filter(Q(locale_id=locale_id) | Q(pk__in=chosen))
