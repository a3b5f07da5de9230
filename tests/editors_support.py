"""Building blocks for the editors' workflow tests: role members, the three sections, and admin form data."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.blocks.base import BlockField

from campaigns.models import CampaignIndexPage
from events.models import EventIndexPage
from stories.models import StoryIndexPage
from tests.conftest import add_published, publish_translation


def member(role, username=None):
    """A user in one of the editors' groups (made by the migration), with a password for the test client."""
    User = get_user_model()
    user = User.objects.create_user(username or role.lower().replace(" ", "-"), f"{role}@example.org", "password")
    user.groups.add(Group.objects.get(name=role))
    return user


def sections(site_tree):
    """The story, training and campaign list pages in Indonesian, each translated into English."""
    made = {}
    for key, page, english in (
        ("stories", StoryIndexPage(title="Kisah Sukses", slug="kisah-sukses"), ("Success stories", "success-stories")),
        (
            "events",
            EventIndexPage(title="Jadwal Pelatihan", slug="jadwal-pelatihan"),
            ("Training schedule", "training-schedule"),
        ),
        ("campaigns", CampaignIndexPage(title="Sosialisasi", slug="sosialisasi"), ("Campaigns", "campaigns")),
    ):
        made[key] = add_published(site_tree["home"], page)
        title, slug = english
        made[f"en_{key}"] = publish_translation(made[key], site_tree["en_home"].locale, title=title, slug=slug)
    return made


def _widget_value(bound_field):
    field = bound_field.field
    value = bound_field.value()
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [str(getattr(item, "pk", item)) for item in (value or [])]
    if isinstance(field, forms.ModelChoiceField):
        value = getattr(value, "pk", value)
        return "" if value is None else str(value)
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "on" if value else None
    formatted = widget.format_value(value)
    if isinstance(formatted, list):
        return formatted[0] if formatted else ""
    return "" if formatted is None else formatted


def _form_fields(form, data):
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, BlockField):
            # StreamFields are sent empty: enough for saving, previewing and moderating in these tests.
            data[f"{key}-count"] = "0"
            continue
        value = _widget_value(form[name])
        if value is not None:
            data[key] = value


def form_data(page, user, parent=None, **changes):
    """What the browser sends from the page's edit (or, with `parent`, add) form, with `changes` applied."""
    page = page.specific if page.pk else page
    parent = parent or page.get_parent().specific
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user, parent_page=parent)
    data = {}
    _form_fields(form, data)
    for formset in form.formsets.values():
        for name, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(name)] = str(value)
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.forms))
        for child in formset.forms:
            _form_fields(child, data)
    data.update(changes)
    return data
