"""Building blocks for the training-event tests: a schedule page in both languages and events on it."""

from datetime import datetime, timedelta

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from events.models import EventIndexPage, EventSession, Mode, TrainingEvent
from home.demo import Bilingual, publish_english
from home.models import Kecamatan, Partner, SkillArea, Venue
from home.timezones import WIB

# The moment most tests live in: a Sunday morning in Palangka Raya.
NOW = datetime(2026, 11, 15, 9, 0, tzinfo=WIB)


def wib(year, month, day, hour=8, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def editor():
    User = get_user_model()
    return User.objects.filter(username="editor").first() or User.objects.create_superuser(
        "editor", "editor@example.org", "password"
    )


class Taxonomy:
    """Skill areas, partners and venues in Indonesian with their English translations."""

    def __init__(self, id_locale, en_locale):
        self.sewing = SkillArea.objects.create(locale=id_locale, name="Menjahit", slug="menjahit")
        self.weaving = SkillArea.objects.create(locale=id_locale, name="Anyaman", slug="anyaman")
        self.it = SkillArea.objects.create(locale=id_locale, name="Teknologi informasi", slug="teknologi-informasi")
        self.blk = Partner.objects.create(
            locale=id_locale, name="Balai Latihan Kerja", kind="pemerintah", website="https://blk.example.org/"
        )
        self.ngo = Partner.objects.create(locale=id_locale, name="Yayasan Perempuan", kind="lsm")
        self.hall = Venue.objects.create(
            locale=id_locale,
            name="Aula Kelurahan",
            address="Jl. Jawa No. 12",
            kecamatan=Kecamatan.PAHANDUT,
            map_url="https://www.openstreetmap.org/?mlat=-2.2&mlon=113.9",
            accessibility_notes="Satu anak tangga di pintu masuk.",
        )
        self.workshop = Venue.objects.create(
            locale=id_locale, name="Bengkel BLK", address="Jl. Tjilik Riwut Km. 5,5", kecamatan=Kecamatan.JEKAN_RAYA
        )
        english = {
            self.sewing: {"name": "Sewing"},
            self.weaving: {"name": "Weaving"},
            self.it: {"name": "Information technology"},
            self.blk: {"name": "Vocational Training Centre"},
            self.ngo: {"name": "Women's Foundation"},
            self.hall: {"name": "Village Hall", "accessibility_notes": "One step at the entrance."},
            self.workshop: {"name": "BLK Workshop"},
        }
        for obj, fields in english.items():
            translated = obj.copy_for_translation(en_locale)
            for name, value in fields.items():
                setattr(translated, name, value)
            translated.save()


def make_schedule(site_tree, locales):
    """The Indonesian schedule page and its English translation, both live."""
    id_locale, en_locale = locales
    index = EventIndexPage(title="Jadwal Pelatihan", slug="jadwal-pelatihan", intro="Pelatihan gratis.")
    site_tree["home"].add_child(instance=index)
    index.save_revision().publish()
    english = index.copy_for_translation(en_locale)
    english.title, english.slug, english.intro = "Training schedule", "training-schedule", "Free training."
    english.save_revision().publish()
    english.refresh_from_db()
    index.refresh_from_db()
    return index, english


def make_event(index, taxonomy, sessions, *, skill_areas=None, publish=True, **fields):
    """A training under `index`, with `sessions` as (start, end) pairs; registration open around NOW by default."""
    first_start = min(start for start, _end in sessions)
    last_end = max(end for _start, end in sessions)
    defaults = {
        "title": "Menjahit dasar",
        "summary": "Belajar menjahit pakaian sederhana.",
        "organizer": taxonomy.blk,
        "mode": Mode.IN_PERSON,
        "venue": taxonomy.hall,
        "quota": 16,
        "registration_opens": min(first_start, NOW) - timedelta(days=20),
        "registration_closes": min(first_start - timedelta(days=1), last_end),
        "contact_name": "Ibu Sari",
        "contact_whatsapp": "0812 3456 7890",
    }
    defaults.update(fields)
    defaults.setdefault("slug", defaults["title"].lower().replace(" ", "-"))
    event = TrainingEvent(**defaults)
    event.sessions = [EventSession(start=start, end=end) for start, end in sessions]
    event.skill_areas = skill_areas if skill_areas is not None else [taxonomy.sewing]
    index.add_child(instance=event)
    revision = event.save_revision()
    if publish:
        revision.publish()
    event.refresh_from_db()
    return event


def translate_event(event, english_texts, user=None):
    """Translate through wagtail-localize, as an editor would; `english_texts` maps Indonesian to English."""
    texts = Bilingual()
    for indonesian, english in english_texts.items():
        texts(indonesian, english)
    return publish_english(event, texts, user or editor())


def english_for(event, **extra):
    """English text for every translatable string of a test event made by `make_event`."""
    texts = {event.title: "EN " + event.title, event.slug: "en-" + event.slug, event.summary: "EN " + event.summary}
    for name in ("audience", "documents", "status_notice"):
        value = getattr(event, name)
        if value:
            texts[value] = "EN " + value
    texts.update(extra)
    return texts


def bulk_trainings(index, taxonomy, starts, *, sessions_each=5, prefix="massal"):
    """One training per start under `index`, each with `sessions_each` daily 08:00–12:00 sessions.

    Written straight into the page tree (path, depth, url_path), live, without
    revisions: creating 2,000 pages through Page.save() and publishing takes
    minutes. Pages get real rows in wagtailcore_page and events_trainingevent,
    so every query the site makes sees them exactly as it sees edited pages.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from wagtail.models import Page

    index.refresh_from_db()
    content_type = ContentType.objects.get_for_model(TrainingEvent)
    depth = index.depth + 1
    events = []
    for number, start in enumerate(starts):
        slug = f"{prefix}-{number}"
        events.append(
            TrainingEvent(
                title=f"Pelatihan {prefix} {number}",
                draft_title=f"Pelatihan {prefix} {number}",
                slug=slug,
                path=Page._get_path(index.path, depth, index.numchild + number + 1),
                depth=depth,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                live=True,
                content_type=content_type,
                first_published_at=start - timedelta(days=40),
                last_published_at=start - timedelta(days=40),
                summary="Pelatihan massal untuk uji beban.",
                organizer=taxonomy.blk,
                venue=taxonomy.hall if number % 2 else taxonomy.workshop,
                mode=Mode.IN_PERSON,
                quota=16,
                places_taken=number % 17,
                registration_opens=start - timedelta(days=30),
                registration_closes=start - timedelta(days=1),
                contact_name="Ibu Sari",
                contact_whatsapp="0812 3456 7890",
            )
        )
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    pages = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(event, f.attname) for f in page_fields}) for event in events], batch_size=500
    )
    for event, page in zip(events, pages, strict=True):
        event.page_ptr_id = event.id = page.pk
    # Django refuses bulk_create for multi-table inheritance; _insert is what
    # Model.save() itself uses for the child table's row.
    own_fields = TrainingEvent._meta.local_concrete_fields
    for batch in range(0, len(events), 200):
        TrainingEvent._base_manager._insert(events[batch : batch + 200], fields=own_fields)
    through = TrainingEvent.skill_areas.through
    through.objects.bulk_create(
        [
            through(trainingevent_id=event.pk, skillarea_id=area.pk)
            for event in events
            for area in (taxonomy.sewing, taxonomy.weaving)
        ]
    )
    EventSession.objects.bulk_create(
        [
            EventSession(
                event_id=event.pk, start=start + timedelta(days=d), end=start + timedelta(days=d, hours=4), sort_order=d
            )
            for event, start in zip(events, starts, strict=True)
            for d in range(sessions_each)
        ],
        batch_size=1000,
    )
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(events))
    index.refresh_from_db()
    return events
