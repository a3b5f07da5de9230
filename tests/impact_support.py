"""A small programme with known survey answers, for the impact tests (expected values worked out by hand there)."""

from events.models import MessageChannel, MessageKind, MessageStatus, Registration, RegistrationMessage, SurveyAnswer
from tests.events_support import Taxonomy, english_for, make_event, make_schedule, translate_event, wib

# (work now, band now, work at registration, band at registration, helped, business, employs)
SEWING_ANSWERS = [
    ("usaha", 3, "tidak-bekerja", 1, 5, "mulai", 2),
    ("bekerja", 1, "tidak-bekerja", 0, 4, "tidak", 0),
    ("tidak-bekerja", 1, "tidak-bekerja", 1, 2, "tidak", 0),
    ("usaha", 4, "usaha", 2, 5, "tumbuh", 1),
    ("bekerja", 2, "bekerja", 2, 3, "tidak", 0),
    ("tidak-bekerja", 0, "", None, 1, "tidak", None),
]
# Five people in the same place before and after.
IT_ANSWERS = [("bekerja", 2, "bekerja", 2, 4, "tidak", 0)] * 5
WEAVING_ANSWERS = [
    ("bekerja", 3, "tidak-bekerja", 1, 4, "tidak", 0),
    ("usaha", 2, "usaha", 2, 4, "tumbuh", 0),
    ("tidak-bekerja", 0, "tidak-bekerja", 0, 3, "tidak", 0),
]


def _people(event, count, prefix):
    return [
        Registration.objects.create(
            event=event,
            status="terdaftar",
            full_name=f"Peserta {prefix}{n}",
            whatsapp=f"+6281{prefix}{n:04}",
            completed=True,
        )
        for n in range(count)
    ]


def _asked(people, months=3):
    for person in people:
        RegistrationMessage.objects.create(
            registration=person,
            kind=MessageKind.SURVEY,
            channel=MessageChannel.WHATSAPP_LINK,
            key=str(months),
            status=MessageStatus.SENT,
        )


def _answer(person, months, row, **extra):
    work, band, before_work, before_band, helped, business, employs = row
    return SurveyAnswer.objects.create(
        registration=person,
        event=person.event,
        round=months,
        work_status=work,
        income_band=band,
        baseline_work_status=before_work,
        baseline_income_band=before_band,
        helped=helped,
        business=business,
        employs=employs,
        **extra,
    )


def make_programme(site_tree, locales):
    """Completers, asked at 3 months, answers: sewing (2025) 8, 7, 6; weaving (2026) 4, 4, 3; IT (2026) 5, 5, 5."""
    taxonomy = Taxonomy(*locales)
    index, _english = make_schedule(site_tree, locales)
    sewing = make_event(
        index,
        taxonomy,
        [(wib(2025, 5, 5, 8), wib(2025, 5, 5, 12)), (wib(2025, 5, 9, 8), wib(2025, 5, 9, 12))],
        title="Menjahit angkatan lama",
        registration_opens=wib(2025, 4, 1),
        registration_closes=wib(2025, 5, 1),
    )
    weaving = make_event(
        index,
        taxonomy,
        [(wib(2026, 3, 2, 8), wib(2026, 3, 2, 12))],
        skill_areas=[taxonomy.weaving],
        title="Anyaman angkatan lama",
        registration_opens=wib(2026, 2, 1),
        registration_closes=wib(2026, 2, 28),
    )
    computing = make_event(
        index,
        taxonomy,
        [(wib(2026, 4, 6, 8), wib(2026, 4, 6, 12))],
        skill_areas=[taxonomy.it],
        title="Komputer angkatan lama",
        registration_opens=wib(2026, 3, 1),
        registration_closes=wib(2026, 4, 1),
    )
    translate_event(sewing, english_for(sewing))
    translate_event(weaving, english_for(weaving))
    translate_event(computing, english_for(computing))
    sewers = _people(sewing, 8, "1")
    weavers = _people(weaving, 4, "2")
    computer_users = _people(computing, 5, "3")
    # Someone who registered and did not complete: neither a completer nor asked.
    Registration.objects.create(
        event=sewing, status="terdaftar", full_name="Tidak lulus", whatsapp="+6281999", completed=False
    )
    _asked(sewers[:7])
    _asked(weavers)
    _asked(computer_users)
    # Not "asked": a second channel to the same person, a failed message, a reminder.
    RegistrationMessage.objects.create(
        registration=sewers[0],
        kind=MessageKind.SURVEY,
        channel=MessageChannel.EMAIL,
        key="3",
        status=MessageStatus.SENT,
    )
    RegistrationMessage.objects.create(
        registration=sewers[7],
        kind=MessageKind.SURVEY,
        channel=MessageChannel.EMAIL,
        key="3",
        status=MessageStatus.FAILED,
    )
    RegistrationMessage.objects.create(
        registration=sewers[6],
        kind=MessageKind.SURVEY_REMINDER,
        channel=MessageChannel.EMAIL,
        key="3",
        status=MessageStatus.SENT,
    )
    answers = [_answer(person, 3, row) for person, row in zip(sewers, SEWING_ANSWERS, strict=False)]
    answers += [_answer(person, 3, row) for person, row in zip(weavers, WEAVING_ANSWERS, strict=False)]
    answers += [_answer(person, 3, row) for person, row in zip(computer_users, IT_ANSWERS, strict=False)]
    # Baselines at registration are not follow-up answers.
    SurveyAnswer.objects.create(
        registration=sewers[0], event=sewing, round=0, work_status="tidak-bekerja", income_band=1
    )
    return {
        "taxonomy": taxonomy,
        "index": index,
        "sewing": sewing,
        "weaving": weaving,
        "computing": computing,
        "sewers": sewers,
        "weavers": weavers,
        "answers": answers,
    }
