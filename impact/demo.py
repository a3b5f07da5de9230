"""Demo impact: the impact page, past cohorts with completers, and their survey answers.

Four finished trainings (a year or more back, in four skill areas) get completers, a
baseline at registration for most of them, the follow-up surveys that are due (sent
messages) and answers from about six in ten of those asked, most but not all doing
better. The motorcycle course is small on purpose: its answers stay under the minimum
group, so the impact page shows a suppressed group. Everything is looked up before it
is written, so a second run creates nothing.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from events.models import (
    BusinessChange,
    EventIndexPage,
    EventSession,
    MessageChannel,
    MessageKind,
    MessageStatus,
    Mode,
    Registration,
    RegistrationMessage,
    RegistrationStatus,
    SalesChannel,
    SurveyAnswer,
    TrainingEvent,
    WorkStatus,
)
from events.sessions import weekday_sessions
from home.demo import Bilingual, add_page, publish_english
from home.timezones import WIB, today_in_wib

from .models import ImpactPage

FIRST_NAMES = ["Siti", "Yohanes", "Dewi", "Rizky", "Maria", "Ahmad", "Lusi", "Agus", "Rina", "Budi", "Nur", "Dian"]
LAST_NAMES = ["Rahmawati", "Ngabe", "Lestari", "Pratama", "Natalia", "Fauzi", "Kristina", "Saputra", "Handayani"]

# (Indonesian slug, English slug, titles, skill area, days since the last session, sessions, completers)
COHORTS = [
    (
        "kue-basah-tradisional-angkatan-2025",
        "traditional-moist-cakes-2025-intake",
        ("Kue Basah Tradisional Angkatan 2025", "Traditional Moist Cakes, 2025 Intake"),
        "kuliner-kalimantan",
        420,
        10,
        22,
    ),
    (
        "menjahit-busana-dasar-angkatan-2025",
        "basic-dressmaking-2025-intake",
        ("Menjahit Busana Dasar Angkatan 2025", "Basic Dressmaking, 2025 Intake"),
        "menjahit",
        300,
        12,
        18,
    ),
    (
        "anyaman-rotan-lanjutan-2026",
        "advanced-rattan-weaving-2026",
        ("Anyaman Rotan Lanjutan 2026", "Advanced Rattan Weaving 2026"),
        "kerajinan-anyaman",
        230,
        8,
        16,
    ),
    (
        "servis-sepeda-motor-dasar-2026",
        "basic-motorcycle-servicing-2026",
        ("Servis Sepeda Motor Dasar 2026", "Basic Motorcycle Servicing 2026"),
        "otomotif",
        200,
        8,
        6,
    ),
]


def _impact_page(ctx, texts):
    home = ctx.home()
    page = add_page(
        home,
        ImpactPage(
            title=texts("Dampak", "Impact"),
            slug=texts("dampak", "impact"),
            show_in_menus=True,
            search_description=texts(
                "Apa yang berubah bagi peserta pelatihan di Palangka Raya, diukur dengan survei lanjutan.",
                "What changed for the trainees of Palangka Raya, measured by follow-up surveys.",
            ),
            intro=texts(
                "Beberapa bulan setelah pelatihan, kami bertanya kepada peserta yang lulus tentang pekerjaan, "
                "penghasilan dan usaha mereka. Inilah jawabannya, dijumlahkan.",
                "Some months after a training we ask the people who completed it about their work, income and "
                "business. These are their answers, added up.",
            ),
            method=texts.rich(
                (
                    "Survei ini singkat dan bisa diisi dari ponsel. Kami tidak menghubungi orang yang tidak setuju "
                    "disurvei, dan tidak ada jawaban perorangan yang ditampilkan.",
                    "The survey is short and can be filled in on a phone. We never contact people who did not agree "
                    "to be surveyed, and no single answer is shown.",
                ),
            ),
        ),
        ctx.user,
    )
    publish_english(page, texts, ctx.user)
    return page


def _cohort(ctx, texts, index, today, fields):
    slug, en_slug, (title, en_title), area_slug, days_ago, days, completers = fields
    existing = TrainingEvent.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, completers
    last_day = today - timedelta(days=days_ago)
    first_day = last_day - timedelta(days=days + days // 5 * 2)
    sessions = weekday_sessions(first_day, days, _hour(8), _hour(12))
    event = TrainingEvent(
        title=texts(title, en_title),
        slug=texts(slug, en_slug),
        summary=texts(
            f"Angkatan yang sudah selesai: {title}.",
            f"A finished intake: {en_title}.",
        ),
        mode=Mode.IN_PERSON,
        venue=ctx.venue("UPTD BLK Palangka Raya"),
        organizer=ctx.partner("UPTD Balai Latihan Kerja Palangka Raya"),
        audience=texts(
            "Warga Kota Palangka Raya usia 17 tahun ke atas.", "Residents of Palangka Raya aged 17 and over."
        ),
        includes_certificate=True,
        quota=max(completers + 4, 10),
        places_taken=0,
        registration_opens=_at(first_day - timedelta(days=40)),
        registration_closes=_at(first_day - timedelta(days=5)),
        contact_name="Ibu Sari",
        contact_whatsapp="0811 5200 1107",
    )
    event.skill_areas = [ctx.skill_area(area_slug)]
    event.sessions = [EventSession(start=start, end=end) for start, end in sessions]
    event = add_page(index, event, ctx.user)
    publish_english(event, texts, ctx.user)
    return event, completers


def _hour(hour):
    from datetime import time

    return time(hour)


def _at(day):
    from datetime import datetime, time

    return datetime.combine(day, time(8), tzinfo=WIB)


def _people(event, completers, rng):
    """The cohort's completers (about nine in ten agreed to follow-up surveys), looked up by number first."""
    people = []
    last_end = event.sessions.order_by("-end").values_list("end", flat=True).first()
    for number in range(completers):
        name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_NAMES[(number * 5 + event.pk) % len(LAST_NAMES)]}"
        consents = rng.random() < 0.9
        person, _created = Registration.objects.get_or_create(
            event=event,
            whatsapp=f"+62812{event.pk % 1000:03}{number:03}",
            defaults={
                "status": RegistrationStatus.CONFIRMED,
                "full_name": name,
                "kecamatan": "jekan-raya",
                "education": "sma",
                "language": "id",
                "completed": True,
                "consent_at": last_end - timedelta(days=60),
                "created_at": last_end - timedelta(days=60),
                "follow_up_consent_at": (last_end - timedelta(days=60)) if consents else None,
            },
        )
        people.append(person)
    return people, last_end


def _baseline(person, rng):
    working = rng.random() < 0.35
    work = rng.choice([WorkStatus.EMPLOYED, WorkStatus.OWN_BUSINESS]) if working else WorkStatus.NOT_WORKING
    band = rng.choice([1, 2, 2, 3]) if working else rng.choice([0, 0, 1])
    answer, _created = SurveyAnswer.objects.get_or_create(
        registration=person,
        round=SurveyAnswer.BASELINE,
        defaults={
            "event_id": person.event_id,
            "work_status": work,
            "income_band": band,
            "answered_at": person.created_at,
        },
    )
    return answer


def _follow_up(person, baseline, months, sent_at, rng):
    """One follow-up answer: most gain work or a band of income, some stay where they were, a few fall back."""
    before_work = baseline.work_status if baseline else ""
    before_band = baseline.income_band if baseline else None
    start_band = before_band if before_band is not None else rng.choice([0, 1, 2])
    step = rng.choices([-1, 0, 1, 2], weights=[1, 3, 4, 2])[0] + (1 if months >= 6 and rng.random() < 0.3 else 0)
    band = max(0, min(5, start_band + step))
    improved = step > 0
    if before_work in (WorkStatus.EMPLOYED, WorkStatus.OWN_BUSINESS):
        work = before_work if rng.random() < 0.9 else WorkStatus.NOT_WORKING
    else:
        found_work = improved and rng.random() < 0.6
        work = rng.choice([WorkStatus.OWN_BUSINESS, WorkStatus.EMPLOYED]) if found_work else WorkStatus.NOT_WORKING
    business = BusinessChange.NONE
    if work == WorkStatus.OWN_BUSINESS:
        business = BusinessChange.GREW if before_work == WorkStatus.OWN_BUSINESS else BusinessChange.STARTED
    employs = rng.choice([0, 0, 0, 1, 2]) if business != BusinessChange.NONE else 0
    sells = [SalesChannel.HOME, SalesChannel.SOCIAL] if business != BusinessChange.NONE else [SalesChannel.NONE]
    answer, _created = SurveyAnswer.objects.get_or_create(
        registration=person,
        round=months,
        defaults={
            "event_id": person.event_id,
            "work_status": work,
            "income_band": band,
            "baseline_work_status": before_work,
            "baseline_income_band": before_band,
            "helped": rng.choices([2, 3, 4, 5], weights=[1, 2, 4, 3])[0],
            "business": business,
            "employs": employs,
            "sells_at": [str(value) for value in sells],
            "story_consent_at": sent_at + timedelta(days=2) if improved and rng.random() < 0.3 else None,
            "answered_at": sent_at + timedelta(days=2),
        },
    )
    return answer


def _surveys(event, people, last_end, now, rng):
    answered = 0
    for person in people:
        baseline = _baseline(person, rng) if rng.random() < 0.8 else None
        if person.follow_up_consent_at is None:
            continue
        for months in settings.SURVEY_FOLLOW_UP_MONTHS:
            sent_at = last_end + timedelta(days=round(30.4 * months))
            if sent_at > now:
                continue
            RegistrationMessage.objects.get_or_create(
                registration=person,
                kind=MessageKind.SURVEY,
                channel=MessageChannel.WHATSAPP_LINK,
                key=str(months),
                defaults={"status": MessageStatus.SENT, "due_at": sent_at, "sent_at": sent_at, "created_at": sent_at},
            )
            if rng.random() < 0.62:
                _follow_up(person, baseline, months, sent_at, rng)
                answered += 1
    return answered


def load(ctx):
    texts = Bilingual()
    _impact_page(ctx, texts)
    index = EventIndexPage.objects.filter(locale=ctx.id_locale).first()
    if index is None:
        return
    today = today_in_wib()
    now = timezone.now()
    answered = 0
    for fields in COHORTS:
        event, completers = _cohort(ctx, texts, index, today, fields)
        if SurveyAnswer.objects.filter(event=event).exists():
            continue  # answered on an earlier run
        rng = random.Random(fields[0])
        people, last_end = _people(event, completers, rng)
        answered += _surveys(event, people, last_end, now, rng)
    ctx.say(f"  impact page in Indonesian and English, {answered} new follow-up answers")
