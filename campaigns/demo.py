"""Demo campaigns, in Indonesian with English translations, written from the project brief's facts.

The brief names the main obstacle: many residents do not yet see why a new
skill matters. Each campaign answers that with a figure, a neighbour's story,
the next trainings and one small action. Dates are relative to the day the
command runs, so there is always one running, one coming and one that ended.
"""

import datetime

from django.utils import timezone

from events.models import EventIndexPage
from home.demo import Bilingual, add_page, make_image, publish_english
from home.models import Kecamatan
from home.timezones import today_in_wib
from stories.models import SuccessStory

from .models import CampaignIndexPage, CampaignPage, InterestSignup

DAY = datetime.timedelta(days=1)

# Illustrative people who registered interest in the running campaign (not real residents).
SIGNUPS = [
    ("Maria Ulfah", "+6281250010001", Kecamatan.PAHANDUT),
    ("Dedi Kurniawan", "+6281250010002", Kecamatan.JEKAN_RAYA),
    ("Rini Lestari", "+6281250010003", Kecamatan.SABANGAU),
    ("Yohanes Ari", "+6281250010004", Kecamatan.BUKIT_BATU),
    ("Siti Aminah", "+6281250010005", Kecamatan.PAHANDUT),
    ("Hendra Saputra", "+6281250010006", Kecamatan.RAKUMPIT),
    ("Lusiana", "+6281250010007", Kecamatan.JEKAN_RAYA),
]


def _body(texts, story, schedule, skill_words):
    body = [
        texts.block(
            "key_figure",
            {
                "value": texts("7 dari 10", "7 in 10"),
                "label": texts(
                    "peserta pelatihan punya penghasilan tambahan setahun kemudian",
                    "trainees earn extra income a year later",
                ),
                "source": texts("Catatan program, ilustrasi", "Programme records, illustrative"),
            },
        ),
        texts.block(
            "paragraph",
            texts.rich(
                (
                    f"Banyak warga belum melihat mengapa keterampilan {skill_words[0]} penting. Padahal satu keterampilan bisa menjadi usaha dari rumah, pekerjaan baru, atau tambahan penghasilan keluarga.",
                    f"Many residents do not yet see why {skill_words[1]} skills matter. Yet one skill can become a home business, a new job or extra income for the family.",
                ),
            ),
        ),
    ]
    if story is not None:
        body.append(texts.block("featured_story", {"story": story.pk, "heading": ""}))
    body += [
        texts.block("upcoming_trainings", {"heading": "", "limit": 3}),
        texts.block(
            "faq",
            {
                "title": texts("Pertanyaan umum", "Common questions"),
                "items": texts.items(
                    {
                        "question": texts("Apakah pelatihannya gratis?", "Is the training free?"),
                        "answer": texts.rich(
                            (
                                "Sebagian besar pelatihan gratis, dibiayai pemerintah daerah dan mitra.",
                                "Most trainings are free, paid for by local government and partners.",
                            )
                        ),
                    },
                    {
                        "question": texts(
                            "Saya belum punya pengalaman. Boleh ikut?", "I have no experience. Can I join?"
                        ),
                        "answer": texts.rich(
                            ("Boleh. Pelatihan dimulai dari dasar.", "Yes. Trainings start from the basics.")
                        ),
                    },
                ),
            },
        ),
    ]
    if schedule is not None:
        body.append(
            texts.block(
                "call_to_action",
                {
                    "title": texts("Lihat jadwal pelatihan", "See the training schedule"),
                    "text": texts("Pilih pelatihan yang cocok untuk Anda.", "Choose a training that suits you."),
                    "page": schedule.pk,
                    "url": "",
                    "button_label": texts("Lihat jadwal", "See the schedule"),
                },
            )
        )
    return body


def load(ctx):
    texts = Bilingual()
    user = ctx.user
    home = ctx.home()
    index = add_page(
        home,
        CampaignIndexPage(
            title=texts("Sosialisasi", "Campaigns"),
            slug=texts("sosialisasi", "campaigns"),
            show_in_menus=True,
            search_description=texts(
                "Sosialisasi tentang manfaat pelatihan keterampilan bagi warga Palangka Raya.",
                "Campaigns on what skills training can do for the people of Palangka Raya.",
            ),
            intro=texts(
                "Mengapa keterampilan baru penting, dan bagaimana memulainya: ikuti sosialisasi kami di kelurahan, pasar dan rumah ibadah.",
                "Why a new skill matters, and how to start: join our campaigns in kelurahan offices, markets and places of worship.",
            ),
        ),
        user,
    )
    publish_english(index, texts, user)

    today = today_in_wib()
    schedule = EventIndexPage.objects.filter(locale=ctx.id_locale).first()

    def story(slug):
        return SuccessStory.objects.filter(locale=ctx.id_locale, slug=slug).first()

    campaigns = [
        (
            {
                "title": texts("Menjahit, usaha dari rumah", "Sewing: a business from home"),
                "slug": texts("menjahit-usaha-dari-rumah", "sewing-a-business-from-home"),
                "summary": texts(
                    "Satu mesin jahit dan keterampilan yang tepat bisa menjadi penghasilan keluarga. Daftarkan minat Anda hari ini.",
                    "One sewing machine and the right skills can become a family income. Register your interest today.",
                ),
                "audience": texts(
                    "Ibu rumah tangga dan anak muda yang belum bekerja.", "Homemakers and young people without work."
                ),
                "start_date": today - 10 * DAY,
                "end_date": today + 20 * DAY,
                "goal": 40,
            },
            ["menjahit"],
            ["Dinas Tenaga Kerja Kota Palangka Raya", "UPTD Balai Latihan Kerja Palangka Raya"],
            story("usaha-jahit-sri-wahyuni"),
            ("menjahit", "sewing"),
            (["#fbeff2", "#8c2f4b", "#2f5d8c"], "dots"),
        ),
        (
            {
                "title": texts(
                    "Anyaman purun dan rotan untuk pasar yang lebih luas", "Purun and rattan weaving for wider markets"
                ),
                "slug": texts("anyaman-untuk-pasar-luas", "weaving-for-wider-markets"),
                "summary": texts(
                    "Kerajinan anyaman Kalimantan dicari pembeli di luar daerah. Pelajari cara membuat dan menjualnya.",
                    "Kalimantan weaving is sought by buyers beyond the region. Learn to make it and to sell it.",
                ),
                "audience": texts(
                    "Pengrajin dan warga yang ingin mulai usaha.",
                    "Craftspeople and residents who want to start a business.",
                ),
                "start_date": today + 14 * DAY,
                "end_date": today + 45 * DAY,
                "goal": None,
            },
            ["kerajinan-anyaman"],
            ["UPTD Balai Latihan Kerja Palangka Raya"],
            story("tas-anyaman-yuliana"),
            ("anyaman", "weaving"),
            (["#f4e3c1", "#b8480b", "#0b6e4f"], "weave"),
        ),
        (
            {
                "title": texts("Anak muda melek digital", "Young people going digital"),
                "slug": texts("anak-muda-melek-digital", "young-people-going-digital"),
                "summary": texts(
                    "Komputer dan pemasaran digital membuka lowongan baru. Sosialisasi ini sudah selesai; lihat pelatihan berikutnya.",
                    "Computers and digital marketing open new jobs. This campaign has ended; see the next trainings.",
                ),
                "audience": texts("Lulusan SMA dan SMK.", "Secondary school leavers."),
                "start_date": today - 60 * DAY,
                "end_date": today - 20 * DAY,
                "goal": 60,
            },
            ["teknologi-informasi"],
            ["Dinas Tenaga Kerja Kota Palangka Raya"],
            story("andi-bekerja-di-bidang-ti"),
            ("teknologi informasi", "information technology"),
            (["#e8f1fb", "#1d4e89", "#0b6e4f"], "dots"),
        ),
    ]
    made = []
    for number, (fields, areas, partners, chosen_story, words, (colours, motif)) in enumerate(campaigns):
        page = CampaignPage(**fields)
        page.hero_image = make_image(f"Sosialisasi {fields['slug']}", colours, motif=motif, seed=300 + number)
        page.skill_areas = [ctx.skill_area(slug) for slug in areas]
        page.partners = [ctx.partner(name) for name in partners]
        page.body = _body(texts, chosen_story, schedule, words)
        page = add_page(index, page, user)
        publish_english(page, texts, user)
        made.append(page)

    running = made[0]
    for name, number, kecamatan in SIGNUPS:
        InterestSignup.objects.get_or_create(
            campaign_key=running.translation_key,
            whatsapp=number,
            defaults={
                "campaign": running,
                "name": name,
                "kecamatan": kecamatan,
                "language": "id",
                "consented_at": timezone.now(),
            },
        )
    ctx.say(f"  {len(made)} campaigns, {len(SIGNUPS)} interest sign-ups")
