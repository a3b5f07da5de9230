"""Demo content for the site frame, and the helpers every app's demo module uses.

Content is written in Indonesian first; each Indonesian string is paired with its
English text, and the English pages are made through wagtail-localize's own
translation path (TranslationCreator, PO import, save_target), exactly as an
editor's translation would be.

Every step looks before it writes, so running the loader twice creates nothing new.
"""

import io
import random
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from .addresses import site_address
from .models import (
    ContactSettings,
    HomePage,
    Kecamatan,
    Partner,
    PartnerIndexPage,
    PartnerKind,
    SkillArea,
    StandardPage,
    Venue,
)

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "pelatihan-demo"


class Bilingual:
    """Collects Indonesian text with its English twin, keyed by the Indonesian text.

    wagtail-localize exports one PO entry per translatable string (a field, a
    block value, a paragraph of rich text); the Indonesian text is the msgid, so
    the pairs recorded here are enough to translate every entry.
    """

    def __init__(self):
        self.english = {}

    def __call__(self, indonesian, english):
        known = self.english.setdefault(indonesian, english)
        if known != english:
            raise ValueError(f"{indonesian!r} already has another English text: {known!r}")
        return indonesian

    def rich(self, *paragraphs):
        """Rich text from (Indonesian, English) paragraph pairs; plain sentences, no markup."""
        return "".join(f"<p>{self(id_text, en_text)}</p>" for id_text, en_text in paragraphs)

    def block(self, block_type, value):
        return {"type": block_type, "value": value, "id": str(uuid.uuid4())}

    def items(self, *values):
        """A ListBlock's value with an id on each item, as the admin saves it.

        wagtail-localize keys each list item's segments by the item's id; items
        stored without one get a new random id every time they are read, so a
        translation could never find its item again and the English page kept
        the Indonesian questions.
        """
        return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


class DemoContext:
    """What every app's loader receives: the demo editor, the locales and a writer for progress."""

    def __init__(self, user, stdout):
        self.user = user
        self.stdout = stdout
        self.id_locale = Locale.objects.get(language_code="id")
        self.en_locale = Locale.objects.get(language_code="en")

    def say(self, message):
        self.stdout.write(message)

    def skill_area(self, slug):
        return SkillArea.objects.get(locale=self.id_locale, slug=slug)

    def partner(self, name):
        return Partner.objects.get(locale=self.id_locale, name=name)

    def venue(self, name):
        return Venue.objects.get(locale=self.id_locale, name=name)

    def home(self):
        return HomePage.objects.get(locale=self.id_locale, depth=2)


def ensure_locales():
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def demo_user():
    """The editor that demo content is written by; a known login only in development."""
    User = get_user_model()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        user = User(username=DEMO_USERNAME, email="admin@localhost", is_staff=True, is_superuser=True)
        # A known password is only acceptable on a developer's own machine.
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    return user


def make_image(title, colours, motif="weave", seed=0):
    """A generated illustration (no downloads): two-colour background with a simple motif."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1200, 675
    canvas = PILImage.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(canvas)
    rng = random.Random(seed)
    if motif == "weave":  # anyaman: interlaced strips
        step = 60
        for x in range(0, width, step):
            for y in range(0, height, step):
                if (x // step + y // step) % 2:
                    draw.rectangle([x, y + 12, x + step, y + step - 12], fill=colours[1])
                else:
                    draw.rectangle([x + 12, y, x + step - 12, y + step], fill=colours[2])
    elif motif == "dots":
        for _ in range(90):
            r = rng.randint(20, 70)
            x, y = rng.randint(0, width), rng.randint(0, height)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colours[rng.randint(1, 2)])
    elif motif == "monogram":  # a partner's initials, for demo logos
        initials = "".join(word[0] for word in title.split()[1:] if word[0].isupper())[:3]
        font = ImageFont.load_default(size=300)
        draw.rounded_rectangle([40, 40, width - 40, height - 40], radius=60, outline=colours[1], width=24)
        draw.text((width / 2, height / 2), initials, fill=colours[1], font=font, anchor="mm")
    else:  # "waves": river Kahayan
        for i, y in enumerate(range(40, height, 70)):
            draw.arc([-200, y - 120, width + 200, y + 120], 0, 180, fill=colours[1 + i % 2], width=26)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{slug}.jpg"))


def publish_english(instance, texts, user):
    """Translate an Indonesian page or snippet into English through wagtail-localize and publish it.

    Fails loudly when an exported string has no English text, so the demo never
    shows Indonesian under /en/.
    """
    en = Locale.objects.get(language_code="en")
    existing = instance.get_translation_or_none(en)
    if existing is not None:
        return existing
    TranslationCreator(user, [en]).create_translations(instance, include_related_objects=False)
    translation = Translation.objects.get(source__object_id=instance.translation_key, target_locale=en)
    po = translation.export_po()
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        english = texts.english.get(entry.msgid)
        if english is None and not any(ch.isalpha() for ch in entry.msgid):
            english = entry.msgid  # figures such as "5" read the same in both languages
        if english is None:
            missing.append(f"{entry.msgctxt}: {entry.msgid!r}")
        else:
            entry.msgstr = english
    if missing:
        raise CommandError(f"No English text for {instance!r}:\n  " + "\n  ".join(missing))
    translation.import_po(po, user=user)
    # wagtail-localize defers publishing to transaction commit, with the page
    # object as it was then; inside the loader's transaction that stale copy
    # would overwrite the tree's child counts. Save a draft, publish it now.
    is_page = isinstance(instance, Page)
    translation.save_target(user=user, publish=not is_page)
    target = instance.get_translation(en)
    if is_page:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target


def add_page(parent, page, user):
    """Publish `page` under `parent` unless a page with its slug is already there; return the stored page."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return page


def get_or_create_snippet(model, locale, lookup, **fields):
    obj = model.objects.filter(locale=locale, **lookup).first()
    if obj is None:
        obj = model.objects.create(locale=locale, **lookup, **fields)
    return obj


# --- The site frame's own content ---------------------------------------------

SKILL_AREAS = [
    (
        "menjahit",
        "Menjahit",
        "Sewing",
        "Menjahit pakaian, seragam dan produk tekstil untuk usaha rumahan.",
        "Sewing clothes, uniforms and textile goods for a home business.",
    ),
    (
        "kerajinan-anyaman",
        "Kerajinan tangan dan anyaman",
        "Handicraft and weaving",
        "Mengolah rotan, purun dan bambu menjadi tas, tikar dan hiasan bernilai jual.",
        "Turning rattan, purun grass and bamboo into bags, mats and decorations that sell.",
    ),
    (
        "kuliner-kalimantan",
        "Kuliner khas Kalimantan",
        "Regional cooking of Kalimantan",
        "Mengolah masakan dan kue khas Kalimantan Tengah untuk dijual lebih luas.",
        "Preparing the dishes and cakes of Central Kalimantan to sell to a wider market.",
    ),
    (
        "teknologi-informasi",
        "Teknologi informasi",
        "Information technology",
        "Komputer perkantoran, pemasaran digital dan dasar pemrograman bagi generasi muda.",
        "Office computing, digital marketing and programming basics for young people.",
    ),
    (
        "otomotif",
        "Perbengkelan sepeda motor",
        "Motorcycle repair",
        "Perawatan dan perbaikan sepeda motor untuk membuka bengkel sendiri.",
        "Servicing and repairing motorcycles, to open a workshop of one's own.",
    ),
]

PARTNERS = [
    (
        "Dinas Tenaga Kerja Kota Palangka Raya",
        "Palangka Raya City Manpower Office",
        PartnerKind.GOVERNMENT,
        "",
        "Menyusun program pelatihan kerja dan menghubungkan lulusan dengan lowongan.",
        "Plans job training programmes and connects graduates with vacancies.",
    ),
    (
        "UPTD Balai Latihan Kerja Palangka Raya",
        "Palangka Raya Vocational Training Centre (BLK)",
        PartnerKind.GOVERNMENT,
        "",
        "Menyediakan ruang praktik, instruktur bersertifikat dan sertifikat pelatihan.",
        "Provides workshops, certified instructors and training certificates.",
    ),
    (
        "Yayasan Perempuan Betang",
        "Betang Women's Foundation",
        PartnerKind.NGO,
        "",
        "Lembaga swadaya masyarakat yang mendampingi ibu rumah tangga membuka usaha jahit.",
        "A non-governmental organisation that helps homemakers start sewing businesses.",
    ),
    (
        "Koperasi Rotan Kahayan",
        "Kahayan Rattan Cooperative",
        PartnerKind.PRIVATE,
        "",
        "Membeli dan memasarkan produk anyaman peserta ke luar daerah.",
        "Buys participants' woven products and sells them beyond the region.",
    ),
    (
        "PT Borneo Digital Nusantara",
        "PT Borneo Digital Nusantara",
        PartnerKind.PRIVATE,
        "",
        "Perusahaan teknologi yang menyediakan mentor dan tempat magang.",
        "A technology company that provides mentors and internships.",
    ),
    (
        "Politeknik Bukit Raya",
        "Bukit Raya Polytechnic",
        PartnerKind.EDUCATION,
        "",
        "Meminjamkan laboratorium komputer dan dapur praktik.",
        "Lends its computer laboratory and teaching kitchen.",
    ),
]

VENUES = [
    (
        "UPTD BLK Palangka Raya",
        "Palangka Raya Vocational Training Centre",
        "Jl. Tjilik Riwut Km. 5,5",
        Kecamatan.JEKAN_RAYA,
        "Pintu masuk tanpa tangga, toilet di lantai dasar, parkir luas.",
        "Step-free entrance, ground-floor toilets, ample parking.",
    ),
    (
        "Aula Kelurahan Pahandut",
        "Pahandut Village Hall",
        "Jl. Jawa No. 12",
        Kecamatan.PAHANDUT,
        "Satu anak tangga di pintu masuk; bantuan tersedia.",
        "One step at the entrance; help is available.",
    ),
    (
        "Rumah Produksi Anyaman Kereng Bangkirai",
        "Kereng Bangkirai Weaving House",
        "Jl. Mahir Mahar, Kereng Bangkirai",
        Kecamatan.SABANGAU,
        "Ruang kerja di lantai dasar; jalan menuju lokasi belum beraspal.",
        "Ground-floor workroom; the road to the site is unpaved.",
    ),
]


def load(ctx):
    texts = Bilingual()
    user = ctx.user

    for slug, id_name, en_name, id_desc, en_desc in SKILL_AREAS:
        area = get_or_create_snippet(
            SkillArea, ctx.id_locale, {"slug": slug}, name=texts(id_name, en_name), description=texts(id_desc, en_desc)
        )
        publish_english(area, texts, user)
    for index, (id_name, en_name, kind, website, id_desc, en_desc) in enumerate(PARTNERS):
        logo = make_image(f"Logo {id_name}", ["#ffffff", ("#0b6e4f", "#b8480b")[index % 2]], motif="monogram")
        partner = get_or_create_snippet(
            Partner,
            ctx.id_locale,
            {"name": texts(id_name, en_name)},
            kind=kind,
            logo=logo,
            website=website,
            description=texts(id_desc, en_desc),
        )
        publish_english(partner, texts, user)
    for id_name, en_name, address, kecamatan, id_notes, en_notes in VENUES:
        venue = get_or_create_snippet(
            Venue,
            ctx.id_locale,
            {"name": texts(id_name, en_name)},
            address=address,
            kecamatan=kecamatan,
            map_url="https://www.openstreetmap.org/search?query=" + address.replace(" ", "+") + "+Palangka+Raya",
            accessibility_notes=texts(id_notes, en_notes),
        )
        publish_english(venue, texts, user)
    ctx.say(f"  {len(SKILL_AREAS)} skill areas, {len(PARTNERS)} partners, {len(VENUES)} venues")

    home = _home_page(ctx, texts)
    site = Site.objects.get(is_default_site=True)
    ContactSettings.objects.update_or_create(
        site=site,
        defaults={
            "organisation": "Sekretariat Program Pelatihan Keterampilan Kota Palangka Raya",
            "address": "Jl. Tjilik Riwut Km. 5,5\nPalangka Raya, Kalimantan Tengah 73112",
            "whatsapp": "0811 5200 0000",
            "email": "pelatihan@example.org",
            "facebook_url": "https://www.facebook.com/",
            "instagram_url": "https://www.instagram.com/",
        },
    )

    about = add_page(
        home,
        StandardPage(
            title=texts("Tentang Program", "About the programme"),
            slug=texts("tentang", "about"),
            show_in_menus=True,
            search_description=texts(
                "Mengapa Palangka Raya berinvestasi pada pelatihan keterampilan, dan siapa yang menjalankannya.",
                "Why Palangka Raya invests in skills training, and who runs it.",
            ),
            intro=texts(
                "Pelatihan keterampilan membantu warga Palangka Raya mendapat pekerjaan yang layak atau membuka usaha sendiri.",
                "Skills training helps the people of Palangka Raya find decent work or start a business of their own.",
            ),
            body=[
                texts.block("heading", {"text": texts("Tujuan", "What it is for"), "level": "h2"}),
                texts.block(
                    "paragraph",
                    texts.rich(
                        (
                            "Program ini bertujuan menekan angka pengangguran di ibu kota Kalimantan Tengah. Peserta belajar keterampilan yang dicari pasar kerja, atau yang bisa menjadi usaha kecil di rumah.",
                            "The programme sets out to bring down unemployment in the capital of Central Kalimantan. Participants learn skills the job market asks for, or that can become a small business at home.",
                        ),
                        (
                            "Contohnya, ibu rumah tangga yang ikut pelatihan menjahit dapat membuka usaha busana sendiri.",
                            "For example, homemakers who join a sewing course can open a clothing business of their own.",
                        ),
                    ),
                ),
                texts.block("heading", {"text": texts("Bidang pelatihan", "Fields of training"), "level": "h2"}),
                texts.block(
                    "paragraph",
                    texts.rich(
                        (
                            "Pelatihan mencakup kerajinan tangan dan anyaman, kuliner khas Kalimantan, teknologi informasi, menjahit, dan bidang lain sesuai kebutuhan.",
                            "Courses cover handicraft and weaving, the regional cooking of Kalimantan, information technology, sewing, and other fields as needs arise.",
                        ),
                        (
                            "Pelatihan kuliner membuka peluang memperkenalkan masakan lokal ke pasar yang lebih luas, sedangkan pelatihan teknologi informasi menyiapkan generasi muda untuk era digital.",
                            "Cooking courses open a way to bring local dishes to a wider market, while IT courses prepare young people for the digital age.",
                        ),
                    ),
                ),
                texts.block("heading", {"text": texts("Bekerja bersama", "Working together"), "level": "h2"}),
                texts.block(
                    "paragraph",
                    texts.rich(
                        (
                            "Pemberdayaan tidak bisa dikerjakan sendirian. Pemerintah daerah, lembaga swadaya masyarakat dan sektor swasta berbagi peran: ada yang menyediakan tempat dan instruktur, ada yang mendampingi peserta, ada yang membeli hasil karya mereka.",
                            "Empowerment cannot be done alone. Local government, NGOs and private companies share the work: some provide rooms and instructors, some mentor participants, some buy what they make.",
                        ),
                    ),
                ),
                texts.block(
                    "statistic",
                    {
                        "value": "5",
                        "label": texts("bidang keterampilan dibuka tahun ini", "skill areas open this year"),
                        "source": "",
                    },
                ),
                texts.block("heading", {"text": texts("Tantangan", "The challenge"), "level": "h2"}),
                texts.block(
                    "paragraph",
                    texts.rich(
                        (
                            "Banyak warga belum melihat mengapa keterampilan baru penting. Karena itu sosialisasi terus dilakukan, agar lebih banyak orang ikut serta.",
                            "Many residents do not yet see why a new skill matters. That is why awareness work goes on, so that more people take part.",
                        ),
                    ),
                ),
                texts.block(
                    "faq",
                    {
                        "title": texts("Pertanyaan umum", "Common questions"),
                        "items": texts.items(
                            {
                                "question": texts("Apakah pelatihan berbayar?", "Do the courses cost anything?"),
                                "answer": texts.rich(
                                    (
                                        "Sebagian besar pelatihan gratis. Biaya, jika ada, tertulis di setiap jadwal.",
                                        "Most courses are free. Any cost is shown on each schedule entry.",
                                    )
                                ),
                            },
                            {
                                "question": texts("Siapa yang boleh ikut?", "Who can join?"),
                                "answer": texts.rich(
                                    (
                                        "Warga Palangka Raya usia kerja. Syarat usia dan dokumen berbeda untuk setiap pelatihan.",
                                        "Residents of Palangka Raya of working age. Age limits and documents differ for each course.",
                                    )
                                ),
                            },
                        ),
                    },
                ),
            ],
        ),
        user,
    )
    partners_page = add_page(
        home,
        PartnerIndexPage(
            title=texts("Mitra", "Partners"),
            slug=texts("mitra", "partners"),
            show_in_menus=True,
            intro=texts(
                "Pelatihan berjalan berkat kerja sama pemerintah daerah, lembaga swadaya masyarakat, sektor swasta dan lembaga pendidikan.",
                "Training runs thanks to local government, NGOs, private companies and educational institutions working together.",
            ),
        ),
        user,
    )
    for page in (home, about, partners_page):
        publish_english(page, texts, user)
    ctx.say("  home, about and partner pages in Indonesian and English")


def _home_page(ctx, texts):
    """The Indonesian home page at the site root, replacing Wagtail's welcome page."""
    site = Site.objects.get(is_default_site=True)
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=ctx.id_locale, depth=2).first()
    texts("Beranda", "Home")
    texts("beranda", "home")
    texts(
        "Belajar keterampilan, ubah masa depan",
        "Learn a skill, change your future",
    )
    texts(
        "Pelatihan menjahit, anyaman, kuliner khas Kalimantan dan teknologi informasi bagi warga Palangka Raya, sebagian besar gratis.",
        "Courses in sewing, weaving, Kalimantan cooking and information technology for the people of Palangka Raya, most of them free.",
    )
    texts("Lihat jadwal pelatihan", "See the training schedule")
    texts("Pelatihan Keterampilan Palangka Raya", "Skills Training Palangka Raya")
    texts(
        "Informasi pelatihan keterampilan, kisah sukses peserta dan kampanye pemberdayaan masyarakat di Palangka Raya.",
        "Skills training, participants' success stories and community empowerment campaigns in Palangka Raya.",
    )
    intro = texts.rich(
        (
            "Di Palangka Raya, pelatihan keterampilan membuka jalan bagi warga untuk bekerja layak atau membuka usaha sendiri. Baca kisah tetangga yang sudah berhasil, temukan pelatihan berikutnya, dan daftarkan diri Anda.",
            "In Palangka Raya, skills training opens a way for residents to find decent work or start a business. Read the stories of neighbours who made it, find the next course, and sign up.",
        ),
    )
    if home is None:
        hero = make_image("Anyaman rotan", ["#f4e3c1", "#b8480b", "#0b6e4f"], motif="weave")
        home = HomePage(
            title="Beranda",
            slug="beranda",
            seo_title="Pelatihan Keterampilan Palangka Raya",
            search_description=(
                "Informasi pelatihan keterampilan, kisah sukses peserta dan kampanye pemberdayaan masyarakat di Palangka Raya."
            ),
            hero_heading="Belajar keterampilan, ubah masa depan",
            hero_text=(
                "Pelatihan menjahit, anyaman, kuliner khas Kalimantan dan teknologi informasi bagi warga Palangka Raya, sebagian besar gratis."
            ),
            hero_image=hero,
            hero_cta_label="Lihat jadwal pelatihan",
            intro=intro,
        )
        root.add_child(instance=home)
        home.save_revision(user=ctx.user).publish(user=ctx.user)
        welcome = site.root_page
        site.root_page = home
        site.site_name = "Pelatihan Palangka Raya"
        # The Site record names the public address (PUBLIC_BASE_URL), where `make run` serves.
        site.hostname, site.port = site_address()
        site.save()
        # Wagtail's placeholder page from its first migration has no place in this tree.
        if welcome.pk != home.pk and welcome.specific_class is Page:
            welcome.delete()
    return home


# Menu order (the home page's children), by the English slugs of the demo pages.
MENU_ORDER = ["success-stories", "training-schedule", "campaigns", "impact", "partners", "about"]


def order_menu(ctx):
    """Put the home page's children in menu order: Kisah Sukses, Jadwal Pelatihan, Kampanye, Dampak, Mitra, Tentang.

    Each app adds its index page after the frame's pages; moving only what is
    out of place keeps a second run from writing anything.
    """
    for home in HomePage.objects.filter(depth=2):
        en_home = home if home.locale_id == ctx.en_locale.pk else home.get_translation_or_none(ctx.en_locale)
        if en_home is None:
            continue
        rank = {}
        for child in en_home.get_children():
            if child.slug in MENU_ORDER:
                rank[child.translation_key] = MENU_ORDER.index(child.slug)
        children = [c for c in home.get_children() if c.translation_key in rank]
        wanted = sorted(children, key=lambda c: rank[c.translation_key])
        if [c.pk for c in children] == [c.pk for c in wanted]:
            continue
        for child in wanted:
            child.refresh_from_db()
            child.move(home, pos="last-child")
