"""Demo trainings in Indonesian and English, dated relative to the day the loader runs.

Dates count from "today" in WIB so the demo always has something upcoming, under
way and past. A training is only created when its slug is missing, so a second
run (on any later day) changes nothing, even though "today" has moved.
"""

from datetime import datetime, time, timedelta

from home.demo import Bilingual, add_page, make_image, publish_english
from home.timezones import WIB, today_in_wib

from .models import EventIndexPage, EventSession, Mode, Status, TrainingEvent
from .sessions import weekday_sessions

DOCUMENTS = (
    "KTP-el Kota Palangka Raya, fotokopi ijazah terakhir dan dua lembar pas foto 3x4.",
    "An electronic ID card (KTP-el) from Palangka Raya, a copy of your last diploma and two 3x4 passport photos.",
)


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


def _next_monday(day):
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7)


def _events(today, texts, ctx, images):
    """Each demo training as (page fields, sessions); the English of every text is recorded in `texts`."""
    sewing, weaving, cooking, it, motor = (
        ctx.skill_area(slug)
        for slug in ("menjahit", "kerajinan-anyaman", "kuliner-kalimantan", "teknologi-informasi", "otomotif")
    )
    disnaker = ctx.partner("Dinas Tenaga Kerja Kota Palangka Raya")
    blk = ctx.partner("UPTD Balai Latihan Kerja Palangka Raya")
    women = ctx.partner("Yayasan Perempuan Betang")
    rattan = ctx.partner("Koperasi Rotan Kahayan")
    digital = ctx.partner("PT Borneo Digital Nusantara")
    polytechnic = ctx.partner("Politeknik Bukit Raya")
    blk_venue = ctx.venue("UPTD BLK Palangka Raya")
    hall = ctx.venue("Aula Kelurahan Pahandut")
    weaving_house = ctx.venue("Rumah Produksi Anyaman Kereng Bangkirai")
    documents = texts(*DOCUMENTS)

    def body(*paragraphs):
        return [texts.block("paragraph", texts.rich(*paragraphs))]

    sewing_start = _next_monday(today + timedelta(days=7))
    ongoing_start = today - timedelta(days=2)
    cooking_day = today + timedelta(days=5)
    marketing_day = today + timedelta(days=9)
    motor_start = _next_monday(today + timedelta(days=14))
    office_start = _next_monday(today + timedelta(days=28))
    fish_day = today + timedelta(days=18)
    web_start = _next_monday(today + timedelta(days=42))
    uniform_start = _next_monday(today - timedelta(days=70))

    return [
        (
            {
                "title": texts("Menjahit Busana Dasar Angkatan I", "Basic Dressmaking, Intake 1"),
                "slug": texts("menjahit-busana-dasar-angkatan-1", "basic-dressmaking-intake-1"),
                "summary": texts(
                    "Sepuluh hari belajar mengukur, membuat pola dan menjahit blus serta rok sederhana dengan mesin jahit.",
                    "Ten days of learning to measure, cut patterns and sew a simple blouse and skirt on a sewing machine.",
                ),
                "image": images["menjahit"],
                "skill_areas": [sewing],
                "organizer": disnaker,
                "partners": [blk, women],
                "mode": Mode.IN_PERSON,
                "venue": blk_venue,
                "audience": texts(
                    "Ibu rumah tangga dan pencari kerja yang ingin membuka usaha jahit di rumah.",
                    "Homemakers and job seekers who want to start a sewing business at home.",
                ),
                "min_age": 18,
                "max_age": 45,
                "min_education": "smp",
                "documents": documents,
                "includes_certificate": True,
                "includes_kit": True,
                "includes_meals": True,
                "quota": 16,
                "places_taken": 5,
                "registration_opens": _at(today - timedelta(days=10), 8),
                "registration_closes": _at(sewing_start - timedelta(days=3), 16),
                "contact_name": "Ibu Ratna",
                "contact_whatsapp": "0811 5200 1101",
                "body": body(
                    (
                        "Setiap peserta memakai satu mesin jahit selama pelatihan. Kain dan benang disediakan; bawa gunting kain sendiri jika punya.",
                        "Each participant has a sewing machine for the whole course. Fabric and thread are provided; bring your own fabric scissors if you have them.",
                    ),
                    (
                        "Lulusan yang ingin membuka usaha didampingi Yayasan Perempuan Betang selama tiga bulan.",
                        "Graduates who want to start a business are mentored by the Betang Women's Foundation for three months.",
                    ),
                ),
            },
            weekday_sessions(sewing_start, 10, time(8), time(12)),
        ),
        (
            {
                "title": texts("Anyaman Rotan dan Purun untuk Pemula", "Rattan and Purun Weaving for Beginners"),
                "slug": texts("anyaman-rotan-purun-pemula", "rattan-purun-weaving-beginners"),
                "summary": texts(
                    "Membuat tas dan tikar dari rotan dan purun, dari menyiapkan bahan sampai merapikan hasil.",
                    "Making bags and mats from rattan and purun grass, from preparing the material to finishing the piece.",
                ),
                "image": images["kerajinan-anyaman"],
                "skill_areas": [weaving],
                "organizer": rattan,
                "partners": [disnaker],
                "mode": Mode.IN_PERSON,
                "venue": weaving_house,
                "audience": texts(
                    "Warga Sabangau dan sekitarnya, terutama perempuan dan pemuda putus sekolah.",
                    "Residents of Sabangau and nearby, especially women and young people who left school.",
                ),
                "min_age": 17,
                "documents": texts("KTP-el atau kartu keluarga.", "An electronic ID card (KTP-el) or family card."),
                "includes_certificate": True,
                "includes_kit": True,
                "includes_transport": True,
                "quota": 15,
                "places_taken": 12,
                "registration_opens": _at(ongoing_start - timedelta(days=21), 8),
                "registration_closes": _at(ongoing_start - timedelta(days=3), 16),
                "contact_name": "Pak Yohanes",
                "contact_whatsapp": "0811 5200 1102",
                "body": body(
                    (
                        "Koperasi Rotan Kahayan membeli hasil anyaman peserta yang memenuhi standar mutu.",
                        "The Kahayan Rattan Cooperative buys participants' work that meets its quality standard.",
                    ),
                ),
            },
            [(_at(ongoing_start + timedelta(days=d), 8), _at(ongoing_start + timedelta(days=d), 14)) for d in range(6)],
        ),
        (
            {
                "title": texts("Kue Tradisional Kalimantan Tengah", "Traditional Cakes of Central Kalimantan"),
                "slug": texts("kue-tradisional-kalimantan-tengah", "traditional-cakes-central-kalimantan"),
                "summary": texts(
                    "Tiga sore membuat kue khas seperti wadai dan kue lapis, lengkap dengan cara menghitung harga jual.",
                    "Three afternoons baking local cakes such as wadai and layer cake, with how to work out a selling price.",
                ),
                "image": images["kuliner-kalimantan"],
                "skill_areas": [cooking],
                "organizer": polytechnic,
                "partners": [women],
                "mode": Mode.IN_PERSON,
                "venue": hall,
                "audience": texts(
                    "Pelaku usaha kuliner rumahan dan siapa saja yang ingin mulai berjualan kue.",
                    "Home food businesses and anyone who wants to start selling cakes.",
                ),
                "min_age": 17,
                "cost": 75000,
                "includes_certificate": True,
                "includes_kit": True,
                "includes_meals": True,
                "quota": 20,
                "places_taken": 14,
                "registration_opens": _at(today - timedelta(days=14), 8),
                "registration_closes": _at(today + timedelta(days=1), 20),
                "contact_name": "Ibu Dewi",
                "contact_whatsapp": "0811 5200 1103",
                "body": body(
                    (
                        "Biaya pendaftaran dipakai untuk bahan kue; setiap peserta membawa pulang hasil praktiknya.",
                        "The fee pays for the ingredients; every participant takes home what they bake.",
                    ),
                ),
            },
            [(_at(cooking_day + timedelta(days=d), 13), _at(cooking_day + timedelta(days=d), 16)) for d in range(3)],
        ),
        (
            {
                "title": texts("Pemasaran Digital untuk UMKM", "Digital Marketing for Small Businesses"),
                "slug": texts("pemasaran-digital-umkm", "digital-marketing-small-businesses"),
                "summary": texts(
                    "Empat malam daring: memotret produk dengan ponsel, menulis keterangan yang menjual dan mengelola toko daring.",
                    "Four evenings online: photographing products with a phone, writing captions that sell and running an online shop.",
                ),
                "image": images["teknologi-informasi"],
                "skill_areas": [it],
                "organizer": digital,
                "partners": [disnaker],
                "mode": Mode.ONLINE,
                "online_url": "https://meet.example.org/pemasaran-digital-umkm",
                "audience": texts(
                    "Pemilik usaha kecil yang sudah berjualan dan ingin menjangkau pembeli lewat internet.",
                    "Small business owners who already sell and want to reach buyers online.",
                ),
                "min_age": 17,
                "includes_certificate": True,
                "quota": 30,
                # The other places were taken online: see DEMO_REGISTRATIONS (full, with a waiting list).
                "places_taken": 26,
                "registration_opens": _at(today - timedelta(days=12), 8),
                "registration_closes": _at(marketing_day - timedelta(days=1), 20),
                "contact_name": "Mas Andi",
                "contact_whatsapp": "0811 5200 1104",
                "body": body(
                    (
                        "Cukup dengan ponsel dan kuota internet. Rekaman setiap sesi dibagikan kepada peserta.",
                        "A phone and mobile data are enough. Recordings of every session are shared with participants.",
                    ),
                ),
            },
            [
                (_at(marketing_day + timedelta(days=2 * d), 19), _at(marketing_day + timedelta(days=2 * d), 21))
                for d in range(4)
            ],
        ),
        (
            {
                "title": texts("Servis Sepeda Motor Injeksi", "Fuel-Injected Motorcycle Servicing"),
                "slug": texts("servis-sepeda-motor-injeksi", "fuel-injected-motorcycle-servicing"),
                "summary": texts(
                    "Merawat dan memperbaiki sepeda motor injeksi, dari membaca kode kerusakan sampai menyetel ulang.",
                    "Servicing and repairing fuel-injected motorcycles, from reading fault codes to a full tune-up.",
                ),
                "image": images["otomotif"],
                "skill_areas": [motor],
                "organizer": blk,
                "partners": [disnaker],
                "mode": Mode.IN_PERSON,
                "venue": blk_venue,
                "audience": texts(
                    "Pemuda pencari kerja yang ingin bekerja di bengkel atau membuka bengkel sendiri.",
                    "Young job seekers who want to work in a workshop or open one of their own.",
                ),
                "min_age": 18,
                "max_age": 35,
                "min_education": "sma",
                "documents": documents,
                "includes_certificate": True,
                "includes_meals": True,
                "includes_transport": True,
                "quota": 16,
                "places_taken": 9,
                "registration_opens": _at(today - timedelta(days=5), 8),
                "registration_closes": _at(motor_start - timedelta(days=4), 16),
                "contact_name": "Pak Hendra",
                "contact_whatsapp": "0811 5200 1105",
                "status": Status.CANCELLED,
                "status_notice": texts(
                    "Pelatihan ini dibatalkan karena bengkel praktik BLK sedang direnovasi. Pendaftar akan dihubungi lebih dulu saat angkatan berikutnya dibuka.",
                    "This training is cancelled because the BLK workshop is being renovated. Registered people will be contacted first when the next intake opens.",
                ),
            },
            weekday_sessions(motor_start, 10, time(8), time(15)),
        ),
        (
            {
                "title": texts("Operator Komputer Perkantoran", "Office Computer Operator"),
                "slug": texts("operator-komputer-perkantoran", "office-computer-operator"),
                "summary": texts(
                    "Mengetik cepat, mengolah kata, membuat tabel hitungan dan surat resmi, sampai siap bekerja di kantor.",
                    "Fast typing, word processing, spreadsheets and formal letters, ready for an office job.",
                ),
                "image": images["teknologi-informasi"],
                "skill_areas": [it],
                "organizer": blk,
                "partners": [polytechnic],
                "mode": Mode.IN_PERSON,
                "venue": blk_venue,
                "audience": texts(
                    "Lulusan SMA/SMK yang mencari kerja sebagai staf administrasi.",
                    "Secondary-school leavers looking for work as administrative staff.",
                ),
                "min_age": 18,
                "max_age": 30,
                "min_education": "sma",
                "documents": documents,
                "includes_certificate": True,
                "includes_meals": True,
                "quota": 16,
                "places_taken": 3,
                "registration_opens": _at(today - timedelta(days=20), 8),
                "registration_closes": _at(office_start - timedelta(days=5), 16),
                "contact_name": "Ibu Maria",
                "contact_whatsapp": "0811 5200 1106",
                "status": Status.RESCHEDULED,
                "previous_start": _at(today + timedelta(days=2), 8),
                "status_notice": texts(
                    "Jadwal diundur empat minggu karena laboratorium komputer dipakai untuk ujian. Pendaftaran tetap berlaku, tidak perlu mendaftar ulang.",
                    "The course has been put back four weeks because the computer lab is needed for exams. Registrations still stand; there is no need to register again.",
                ),
            },
            weekday_sessions(office_start, 12, time(8), time(12)),
        ),
        (
            {
                "title": texts("Olahan Ikan Sungai Kahayan", "Cooking with Kahayan River Fish"),
                "slug": texts("olahan-ikan-sungai-kahayan", "cooking-kahayan-river-fish"),
                "summary": texts(
                    "Mengolah ikan sungai menjadi abon, kerupuk dan ikan asap yang tahan lama dan layak jual.",
                    "Turning river fish into shredded fish, crackers and smoked fish that keep well and sell.",
                ),
                "image": images["kuliner-kalimantan"],
                "skill_areas": [cooking],
                "organizer": disnaker,
                "partners": [polytechnic],
                "mode": Mode.IN_PERSON,
                "venue": hall,
                "online_url": "https://meet.example.org/olahan-ikan-sungai",
                "audience": texts(
                    "Keluarga nelayan dan pedagang ikan di bantaran Sungai Kahayan.",
                    "Fishing families and fish traders along the Kahayan River.",
                ),
                "includes_certificate": True,
                "quota": 40,
                "places_taken": 11,
                "registration_opens": _at(today - timedelta(days=3), 8),
                "registration_closes": _at(fish_day - timedelta(days=2), 16),
                "contact_name": "Ibu Ratna",
                "contact_whatsapp": "0811 5200 1101",
                "status": Status.MOVED_ONLINE,
                "status_notice": texts(
                    "Karena banjir di sekitar aula, pelatihan dipindahkan ke pertemuan daring. Bahan praktik diantar ke rumah peserta.",
                    "Because of flooding around the hall, the training has moved online. Practice ingredients are delivered to participants' homes.",
                ),
            },
            [(_at(fish_day + timedelta(days=d), 9), _at(fish_day + timedelta(days=d), 12)) for d in range(2)],
        ),
        (
            {
                "title": texts("Dasar Pemrograman Web", "Web Programming Basics"),
                "slug": texts("dasar-pemrograman-web", "web-programming-basics"),
                "summary": texts(
                    "Tiga minggu membuat situs web pertama dengan HTML, CSS dan sedikit JavaScript, di kelas dan daring.",
                    "Three weeks building a first website with HTML, CSS and a little JavaScript, in class and online.",
                ),
                "image": images["teknologi-informasi"],
                "skill_areas": [it],
                "organizer": digital,
                "partners": [polytechnic, disnaker],
                "mode": Mode.MIXED,
                "venue": blk_venue,
                "online_url": "https://meet.example.org/pemrograman-web",
                "audience": texts(
                    "Pemuda usia 17 sampai 25 tahun yang suka komputer, tidak perlu pengalaman.",
                    "Young people aged 17 to 25 who like computers; no experience needed.",
                ),
                "min_age": 17,
                "max_age": 25,
                "min_education": "sma",
                "documents": documents,
                "includes_certificate": True,
                "includes_transport": True,
                "quota": 24,
                "registration_opens": _at(today + timedelta(days=10), 8),
                "registration_closes": _at(web_start - timedelta(days=7), 16),
                "contact_name": "Mas Andi",
                "contact_whatsapp": "0811 5200 1104",
                "body": body(
                    (
                        "Pertemuan Senin sampai Rabu di BLK, Kamis dan Jumat daring. Laptop dipinjamkan selama pelatihan.",
                        "Monday to Wednesday at the BLK, Thursday and Friday online. Laptops are lent for the length of the course.",
                    ),
                ),
            },
            weekday_sessions(web_start, 15, time(13), time(16)),
        ),
        (
            {
                "title": texts("Menjahit Seragam Sekolah", "Sewing School Uniforms"),
                "slug": texts("menjahit-seragam-sekolah", "sewing-school-uniforms"),
                "summary": texts(
                    "Membuat kemeja dan celana seragam sekolah sesuai ukuran, untuk pesanan menjelang tahun ajaran baru.",
                    "Making made-to-measure school shirts and trousers, for the orders before the new school year.",
                ),
                "image": images["menjahit"],
                "skill_areas": [sewing],
                "organizer": women,
                "partners": [blk],
                "mode": Mode.IN_PERSON,
                "venue": hall,
                "audience": texts(
                    "Penjahit rumahan yang sudah bisa menjahit dasar.",
                    "Home tailors who already know basic sewing.",
                ),
                "includes_certificate": True,
                "includes_kit": True,
                "quota": 12,
                "places_taken": 12,
                "registration_opens": _at(uniform_start - timedelta(days=30), 8),
                "registration_closes": _at(uniform_start - timedelta(days=5), 16),
                "contact_name": "Ibu Sari",
                "contact_whatsapp": "0811 5200 1107",
                "signatory_name": "Dra. Sari Wulandari",
                "signatory_role": texts("Ketua Yayasan Perempuan Betang", "Chair, Yayasan Perempuan Betang"),
            },
            weekday_sessions(uniform_start, 8, time(8), time(12)),
        ),
    ]


IMAGES = {
    "menjahit": ("Pelatihan menjahit", ["#f6efe6", "#0b6e4f", "#b8480b"], "dots"),
    "kerajinan-anyaman": ("Pelatihan anyaman", ["#f4e3c1", "#8a5a1c", "#0b6e4f"], "weave"),
    "kuliner-kalimantan": ("Pelatihan kuliner", ["#fff4e0", "#b8480b", "#f0b429"], "dots"),
    "teknologi-informasi": ("Pelatihan teknologi informasi", ["#e8f1f8", "#1d4e89", "#0b6e4f"], "waves"),
    "otomotif": ("Pelatihan perbengkelan", ["#eceff1", "#37474f", "#b8480b"], "weave"),
}


def load(ctx):
    texts = Bilingual()
    user = ctx.user
    home = ctx.home()
    index = add_page(
        home,
        EventIndexPage(
            title=texts("Jadwal Pelatihan", "Training schedule"),
            slug=texts("jadwal-pelatihan", "training-schedule"),
            show_in_menus=True,
            search_description=texts(
                "Pelatihan keterampilan gratis dan murah di Palangka Raya: jadwal, tempat, kuota dan cara mendaftar.",
                "Free and low-cost skills training in Palangka Raya: dates, places, quotas and how to sign up.",
            ),
            intro=texts(
                "Temukan pelatihan yang akan datang, lihat sisa tempat dan simpan jadwalnya di kalender ponsel Anda.",
                "Find the coming trainings, see how many places are left and save the dates in your phone's calendar.",
            ),
        ),
        user,
    )
    publish_english(index, texts, user)

    images = {slug: make_image(title, colours, motif, seed=7) for slug, (title, colours, motif) in IMAGES.items()}
    made = 0
    for fields, sessions in _events(today_in_wib(), texts, ctx, images):
        skill_areas = fields.pop("skill_areas")
        partners = fields.pop("partners")
        event = TrainingEvent(**fields)
        event.skill_areas = skill_areas
        event.partners = partners
        event.sessions = [EventSession(start=start, end=end) for start, end in sessions]
        event = add_page(index, event, user)
        publish_english(event, texts, user)
        made += 1

    registered = _registrations(index)
    certified = _attendance(index)
    _point_hero_button_at(ctx, home, index)
    ctx.say(
        f"  training schedule with {made} trainings in Indonesian and English, {registered} new registrations, "
        f"{certified} certificates"
    )


# Online registrations per demo training (Indonesian slug): how many confirmed, how many waiting.
# Digital marketing ends up full (26 offline + 4 online = 30) with three people waiting.
DEMO_REGISTRATIONS = {
    "pemasaran-digital-umkm": (4, 3),
    "menjahit-busana-dasar-angkatan-1": (3, 0),
    "anyaman-rotan-purun-pemula": (2, 0),
    # Over: attendance taken, completion computed, certificates issued (_attendance).
    "menjahit-seragam-sekolah": (7, 0),
}
# Sessions attended per person of the finished training (8 sessions; 80 % = 7): five complete.
DEMO_ATTENDED = [8, 8, 7, 7, 8, 5, 0]
DEMO_NAMES = [
    "Siti Rahmawati",
    "Yohanes Ngabe",
    "Dewi Lestari",
    "Rizky Pratama",
    "Maria Natalia",
    "Ahmad Fauzi",
    "Lusi Kristina",
]


def _registrations(index):
    """Fictitious registrants (numbers in a block no one uses), looked up by training and number before writing."""
    from .models import Registration, RegistrationStatus

    made = 0
    events = {event.slug: event for event in TrainingEvent.objects.child_of(index).filter(slug__in=DEMO_REGISTRATIONS)}
    for slug, (confirmed, waiting) in DEMO_REGISTRATIONS.items():
        event = events.get(slug)
        if event is None:
            continue
        statuses = [RegistrationStatus.CONFIRMED] * confirmed + [RegistrationStatus.WAITLISTED] * waiting
        for number, status in enumerate(statuses):
            _registration, created = Registration.objects.get_or_create(
                event=event,
                whatsapp=f"+62811000{event.pk % 1000:03}{number:02}",
                defaults={
                    "status": status,
                    "full_name": DEMO_NAMES[number % len(DEMO_NAMES)],
                    "kecamatan": "jekan-raya",
                    "kelurahan": "Palangka",
                    "education": "sma",
                    "language": "id",
                },
            )
            made += created
    return made


def _attendance(index):
    """The finished demo training: ticks for each session, then completion and certificates (looked up first)."""
    from django.utils import timezone

    from .completion import compute
    from .models import Attendance, Registration, RegistrationStatus

    # The training running now: its sessions so far were ticked; today's is left for the check-in list.
    ongoing = TrainingEvent.objects.child_of(index).filter(slug="anyaman-rotan-purun-pemula").first()
    if ongoing is not None:
        done = ongoing.sessions.filter(end__lte=timezone.now())
        for person in Registration.objects.filter(event=ongoing, status=RegistrationStatus.CONFIRMED):
            for session in done:
                Attendance.objects.get_or_create(
                    registration=person,
                    session=session,
                    defaults={"present": True, "marked_by": "admin", "marked_at": session.start},
                )
    event = TrainingEvent.objects.child_of(index).filter(slug="menjahit-seragam-sekolah").first()
    if event is None or not event.is_past():
        return 0
    sessions = list(event.sessions.order_by("start"))
    people = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).order_by("whatsapp")
    for person, attended in zip(people, DEMO_ATTENDED, strict=False):
        for number, session in enumerate(sessions):
            Attendance.objects.get_or_create(
                registration=person,
                session=session,
                defaults={"present": number < attended, "marked_by": "admin", "marked_at": session.start},
            )
    compute(event.pk)  # issues each certificate once: a second run creates nothing
    return event.certificates.count()


def _point_hero_button_at(ctx, home, index):
    """The home page's big button leads to the schedule; set only while unset, so a second run writes no revision."""
    for page in filter(None, [home, home.get_translation_or_none(ctx.en_locale)]):
        if page.hero_cta_page_id is None:
            # The link is synchronized: both languages point at the Indonesian
            # schedule, and the template follows it to the reader's language.
            page.hero_cta_page = index
            page.save_revision(user=ctx.user).publish(user=ctx.user)
            if page.pk == home.pk:
                # As an editor would: sync the translation source, so the dashboard
                # does not list the English home page as out of date.
                from wagtail_localize.models import TranslationSource

                source = TranslationSource.objects.filter(object_id=home.translation_key, locale=home.locale).first()
                if source is not None:
                    source.update_from_db()
