"""Project-wide checks: migrations are complete, the admin lets editors in, blocks validate."""

import pytest
from django.core.management import call_command
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from home.blocks import BaseStreamBlock, CallToActionBlock
from home.models import ContactSettings, SkillArea

pytestmark = pytest.mark.django_db


def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_editor_reaches_the_admin_dashboard(admin_client):
    assert admin_client.get("/admin/").status_code == 200


def test_admin_is_not_served_without_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Daftar", "button_label": "Daftar"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Daftar", "button_label": "Daftar", "url": "https://a.id", "page": 1}))
    assert block.clean(block.to_python({"title": "Daftar", "button_label": "Daftar", "url": "https://a.id"}))


def test_every_shared_block_renders(client, site_tree):
    video = "https://www.youtube.com/watch?v=demo"
    # A stored embed means no network request while rendering.
    Embed.objects.create(
        url=video, hash=get_embed_hash(video), type="video", html='<iframe title="Video"></iframe>', cache_until=None
    )
    about = site_tree["about"]
    about.body = [
        {"type": "heading", "value": {"text": "Judul bagian", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Teks paragraf</p>"},
        {"type": "quote", "value": {"text": "Kutipan peserta", "attribution": "Ibu Sari"}},
        {
            "type": "call_to_action",
            "value": {"title": "Ayo daftar", "text": "", "page": site_tree["partners"].pk, "button_label": "Mitra"},
        },
        {"type": "statistic", "value": {"value": "120", "label": "lulusan", "source": "BLK"}},
        {"type": "embed", "value": video},
        {
            "type": "faq",
            "value": {"title": "Tanya", "items": [{"question": "Gratis?", "answer": "<p>Ya.</p>"}]},
        },
    ]
    about.save_revision().publish()
    content = client.get("/tentang/").content.decode()
    for expected in (
        "<h2>Judul bagian</h2>",
        "Teks paragraf",
        "Kutipan peserta",
        'href="/mitra/"',
        "120",
        '<iframe title="Video">',
        "<summary>Gratis?</summary>",
    ):
        assert expected in content
    # On the English page the call to action leads to the English partner page.
    en_about = site_tree["en_about"]
    en_about.body = StreamValue(BaseStreamBlock(), about.body.raw_data, is_lazy=True)
    en_about.save_revision().publish()
    assert 'href="/en/partners/"' in client.get("/en/about/").content.decode()


def test_whatsapp_link_is_international():
    assert ContactSettings(whatsapp="0812 3456 7890").whatsapp_link == "https://wa.me/6281234567890"
    assert ContactSettings(whatsapp="+62 812-3456-7890").whatsapp_link == "https://wa.me/6281234567890"
    assert ContactSettings(whatsapp="").whatsapp_link == ""


def test_editor_translates_a_skill_area_through_wagtail_localize(admin_client, locales):
    id_locale, en_locale = locales
    area = SkillArea.objects.create(locale=id_locale, name="Menjahit", slug="menjahit")
    response = admin_client.post(
        f"/admin/localize/submit/snippet/home/skillarea/{area.pk}/", {"locales": [en_locale.pk]}
    )
    assert response.status_code == 302
    english = area.get_translation(en_locale)
    assert english.slug == "menjahit"  # synchronized, so filter links work in both languages


def test_demo_user_can_log_in_during_development(settings, client):
    from home.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_user

    settings.DEBUG = True
    demo_user()
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
