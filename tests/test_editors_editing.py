"""Editing comfort: the admin speaks Indonesian (English by choice), every field explains itself,
fields are grouped in tabs, images are cropped around their focal point, and the editor guide is one click away."""

import io

import pytest
from django.apps import apps
from django.core.files.images import ImageFile
from django.db import models
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, TranslatableMixin
from wagtail.users.models import UserProfile

from home.editor_guide import GUIDE_LANGUAGES, guide_path, render_markdown
from home.roles import WRITER
from tests.editors_support import member, sections

CONTENT_APPS = ("home", "stories", "events", "campaigns", "impact")
# Rows made by visitors through public forms, or by the worker, not by editors.
NOT_EDITED = {
    "events.registration",
    "campaigns.interestsignup",
    "events.registrationmessage",
    "events.registrationactivity",
    "events.traininginterest",
    "events.interestmessage",
    # Made by coordinators' check-in and completion screens (events/attendance_views.py), not by page editors.
    "events.attendance",
    "events.certificate",
    # Written by participants through the survey links (events/surveys.py); editors only read them.
    "events.surveyanswer",
}


def editor_models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in CONTENT_APPS and label not in NOT_EDITED:
            yield model


def own_fields(model):
    inherited = {f.name for f in Page._meta.get_fields()} if issubclass(model, Page) else set()
    if issubclass(model, TranslatableMixin):
        inherited |= {"locale", "translation_key"}
    for field in model._meta.get_fields():
        if not isinstance(field, models.Field) or field.auto_created or not field.editable:
            continue
        if field.name in inherited or field.name in ("sort_order",):
            continue
        if isinstance(field, models.ForeignKey) and field.name in ("page", "event", "site") and not field.help_text:
            continue  # the parent link of an inline row or a setting's site
        yield field


def test_every_editor_facing_field_has_help_text():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in editor_models()
        for field in own_fields(model)
        if not field.help_text
    ]
    assert missing == []


def block_fields(block, path):
    """(path, block) of every field inside the body's blocks, down through structs and lists."""
    from wagtail import blocks

    ours = type(block).__module__.split(".")[0] in CONTENT_APPS  # not into Wagtail's own (ImageBlock's alt text)
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock) and ours:
        for name, child in block.child_blocks.items():
            if isinstance(block, blocks.StructBlock):
                yield f"{path}.{name}", child
            yield from block_fields(child, f"{path}.{name}")
    elif isinstance(block, blocks.ListBlock):
        yield from block_fields(block.child_block, path)


def test_every_field_inside_the_body_blocks_has_help_text():
    from wagtail.fields import StreamField

    missing = {
        name
        for model in editor_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
        for name, block in block_fields(field.stream_block, f"{model.__name__}.{field.name}")
        if not (block.field.help_text if hasattr(block, "field") else getattr(block.meta, "help_text", None))
    }
    assert sorted(missing) == []


def test_help_texts_panel_headings_and_choices_are_indonesian():
    from events.models import Mode, TrainingEvent

    with translation.override("id"):
        field = TrainingEvent._meta.get_field("quota")
        assert (
            str(field.help_text)
            != "How many people can take part in total. When it is full, new registrations join the waiting list."
        )
        assert str(Mode.ONLINE.label) == "Daring"
        tabs = [str(tab.heading) for tab in TrainingEvent.edit_handler.children]
        assert tabs == ["Konten", "Jadwal", "Pendaftaran", "Promosi", "Pengaturan"]


@pytest.mark.django_db
def test_new_user_gets_the_admin_in_indonesian_and_may_choose_english(client):
    user = member(WRITER)
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="id"' in html and "Dasbor" in html

    preferences = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="en"' in preferences and 'value="id"' in preferences
    assert 'value="fr"' not in preferences

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in html and "Dashboard" in html


def test_training_editor_shows_tabs_and_help_in_indonesian(client, site_tree):
    tree = sections(site_tree)
    add_url = reverse("wagtailadmin_pages:add", args=["events", "trainingevent", tree["events"].pk])
    client.force_login(member(WRITER))
    html = client.get(add_url).content.decode()
    for tab in ("Konten", "Jadwal", "Pendaftaran", "Promosi"):
        assert tab in html, tab
    # Go-live and expiry dates: Wagtail's scheduling dialog, on the page's status panel.
    assert 'name="go_live_at"' in html and 'name="expire_at"' in html
    with translation.override("id"):
        from events.models import TrainingEvent

        assert str(TrainingEvent._meta.get_field("quota").help_text) in html


def _two_colour_image(title, focal=None):
    picture = PILImage.new("RGB", (800, 400), (200, 0, 0))
    picture.paste((0, 0, 200), (400, 0, 800, 400))  # right half blue
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    if focal:
        image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = focal
        image.save()
    return image


def _left_edge_colour(image, spec):
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as handle:
        cropped = PILImage.open(handle).convert("RGB")
        return cropped.getpixel((2, cropped.height // 2))


@pytest.mark.django_db
def test_renditions_keep_the_focal_point_in_view():
    spec = "fill-320x400|format-jpeg"  # the story portrait's crop
    focused = _two_colour_image("fokus-kanan", focal=(700, 200, 40, 40))
    plain = _two_colour_image("tanpa-fokus")
    red, green, blue = _left_edge_colour(focused, spec)
    assert blue > 150 and red < 60  # cropped around the focal point on the right: all blue
    red, green, blue = _left_edge_colour(plain, spec)
    assert red > 150  # centred crop reaches into the red half


@pytest.mark.django_db
def test_editor_guide_in_the_admin_language(client):
    user = member(WRITER)
    client.force_login(user)
    url = reverse("editor_guide")
    indonesian = client.get(url)
    assert indonesian.status_code == 200
    html = indonesian.content.decode()
    assert "Alur tinjauan" in html and "<h3>Menerjemahkan</h3>" in html

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    html = client.get(url).content.decode()
    assert "<h3>The review flow</h3>" in html and "<h3>Translating</h3>" in html
    assert "Alur tinjauan" in client.get(url + "?lang=id").content.decode()
    assert client.get(url + "?lang=fr").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # the login page


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_guide_covers_each_topic(language):
    text = guide_path(language).read_text(encoding="utf-8")
    headings = {
        "id": [
            "Peran",
            "Menulis kisah sukses",
            "Menerbitkan pelatihan",
            "Menjalankan kampanye",
            "Alur tinjauan",
            "Menerjemahkan",
        ],
        "en": [
            "Roles",
            "Writing a success story",
            "Publishing a training",
            "Running a campaign",
            "The review flow",
            "Translating",
        ],
    }[language]
    for heading in headings:
        assert f"## {heading}" in text


def test_guide_markdown_is_escaped_and_rendered():
    html = render_markdown("# T\n\nA **b** `c` [d](/e/) <script>x</script>\n\n- one\n- two\n\n1. first")
    assert "<h2>T</h2>" in html and "<strong>b</strong>" in html and "<code>c</code>" in html
    assert '<a href="/e/">d</a>' in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html and "<ol>\n<li>first</li>\n</ol>" in html
    assert "[x](javascript:alert(1))" in render_markdown("[x](javascript:alert(1))")


def test_validation_messages_say_what_to_fix_in_the_editors_language(client, site_tree):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import EventSession, TrainingEvent
    from home.models import Partner, SkillArea
    from tests.editors_support import form_data

    tree = sections(site_tree)
    user = member(WRITER)
    client.force_login(user)
    start = timezone.now() + timedelta(days=30)
    event = TrainingEvent(
        title="Menjahit",
        slug="menjahit",
        summary="Belajar menjahit.",
        organizer=Partner.objects.create(locale=tree["events"].locale, name="BLK", kind="pemerintah"),
        mode="daring",
        online_url="https://meet.example.org/x",
        quota=10,
        registration_opens=start - timedelta(days=10),
        registration_closes=start - timedelta(days=1),
        contact_name="Ibu Sari",
        contact_whatsapp="0812 3456 7890",
        live=False,
    )
    event.sessions = [EventSession(start=start, end=start + timedelta(hours=3))]
    event.skill_areas = [SkillArea.objects.create(locale=tree["events"].locale, name="Menjahit", slug="menjahit")]
    tree["events"].add_child(instance=event)
    event.save_revision()

    opens = timezone.localtime(start - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    closes = timezone.localtime(start - timedelta(days=10)).strftime("%Y-%m-%d %H:%M")
    data = form_data(event, user, registration_opens=opens, registration_closes=closes, min_age="45", max_age="17")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 200  # the form again, with the messages
    html = response.content.decode()
    assert "Pendaftaran harus ditutup setelah dibuka. Pilih waktu penutupan yang lebih lambat" in html
    assert "Usia maksimal lebih kecil dari usia minimal." in html
