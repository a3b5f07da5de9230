"""Thousands of pages in both languages for benchmarks and query-budget checks, in seconds.

The demo content is the pattern book: every generated story, training and
campaign is a copy of a demo page (and its English translation) with its own
title, slug, dates and translation key. It is a benchmark tool, not part of the site:
``python -m bench.load_data --stories 1000 --events 2000`` (``--help`` for the rest),
with the usual ``DJANGO_SETTINGS_MODULE`` and ``DATABASE_URL``. Pages are written with bulk inserts:
the tree paths are computed here the way treebeard computes them, the base
``wagtailcore_page`` rows go in with ``bulk_create`` and the specific rows
(``events_trainingevent`` ...) with the same multi-row INSERT Django uses for
them. Page-save side effects are skipped on purpose: no revisions (the pages
are live, with no draft), no search-index entries (run ``manage.py
update_index`` if search matters for the run), no reference index.
"""

import copy
import random
import secrets
import uuid
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from home.cache import bump_content_version

BATCH = 400
KECAMATAN = ["pahandut", "jekan-raya", "sabangau", "bukit-batu", "rakumpit"]


def _batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _next_step(parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    return Page._str2int(last.path[-Page.steplen :]) if last else 0


def insert_pages(parent, pages):
    """Add already-built specific pages as the last children of `parent`, in a few statements.

    Equivalent to `parent.add_child(instance=page)` + publish for each page, without
    revisions: the tree fields (path, depth, numchild, url_path) are exactly what
    treebeard and Wagtail would have written.
    """
    if not pages:
        return pages
    model = type(pages[0])
    step = _next_step(parent)
    now = timezone.now()
    for offset, page in enumerate(pages, start=1):
        page.path = Page._get_path(parent.path, parent.depth + 1, step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = now
        page.live_revision_id = page.latest_revision_id = page.alias_of_id = None
        page.locked = False
        page.locked_by_id = page.locked_at = None
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = [Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in pages]
    for batch in _batches(bases):
        Page.objects.bulk_create(batch)
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.id
        page._state.adding = False
    local_fields = model._meta.local_concrete_fields
    for batch in _batches(pages):
        model._base_manager._insert(batch, fields=local_fields, raw=True, using=connection.alias)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def clone(page, **fields):
    """An unsaved copy of a specific page with new identity fields."""
    copied = copy.copy(page)
    copied.__dict__ = {k: v for k, v in page.__dict__.items() if not k.startswith("_") or k == "_state"}
    copied._state = copy.copy(page._state)
    copied._state.adding = True
    copied._state.fields_cache = {}
    copied.pk = copied.id = copied.page_ptr_id = None
    for name, value in fields.items():
        setattr(copied, name, value)
    return copied


def _copy_m2m(model, pairs):
    """Copy the ParentalManyToMany rows (skill areas, partners) of each prototype to its copy."""
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        by_proto = {}
        protos = {proto.pk for proto, _copy in pairs}
        for row in through.objects.filter(**{f"{source}_id__in": protos}).values(f"{source}_id", f"{target}_id"):
            by_proto.setdefault(row[f"{source}_id"], []).append(row[f"{target}_id"])
        rows = [
            through(**{f"{source}_id": copied.pk, f"{target}_id": target_id})
            for proto, copied in pairs
            for target_id in by_proto.get(proto.pk, [])
        ]
        through.objects.bulk_create(rows, batch_size=BATCH)


class Generator:
    """Copies of the demo's stories, trainings and campaigns, in Indonesian and English."""

    def __init__(self, seed=7, say=print):
        self.random = random.Random(seed)
        self.say = say
        self.run = secrets.token_hex(2)

    def _prototypes(self, model):
        """Pairs (Indonesian page, its English translation) of the demo content, and the two parents."""
        from wagtail.models import Locale

        id_locale = Locale.objects.get(language_code="id")
        en_locale = Locale.objects.get(language_code="en")
        originals = list(model.objects.filter(locale=id_locale).order_by("pk")[:20])
        english = {p.translation_key: p for p in model.objects.filter(locale=en_locale)}
        pairs = [(page, english.get(page.translation_key)) for page in originals]
        pairs = [pair for pair in pairs if pair[1] is not None] or [(page, None) for page in originals]
        if not pairs:
            raise RuntimeError(f"No {model.__name__} in the demo content to copy: run load_demo_content first.")
        id_parent = pairs[0][0].get_parent()
        en_parent = pairs[0][1].get_parent() if pairs[0][1] else None
        return pairs, id_parent, en_parent

    def _copies(self, model, count, vary):
        pairs, id_parent, en_parent = self._prototypes(model)
        id_pages, en_pages, id_pairs, en_pairs = [], [], [], []
        for number in range(count):
            id_proto, en_proto = pairs[number % len(pairs)]
            key = uuid.uuid4()
            suffix = f"g{self.run}-{number}"
            choices = vary(number)
            made = clone(
                id_proto,
                slug=f"{id_proto.slug}-{suffix}",
                title=f"{id_proto.title} {number}",
                translation_key=key,
                **choices,
            )
            id_pages.append(made)
            id_pairs.append((id_proto, made))
            if en_proto is not None and en_parent is not None:
                english = clone(
                    en_proto,
                    slug=f"{en_proto.slug}-{suffix}",
                    title=f"{en_proto.title} {number}",
                    translation_key=key,
                    **choices,
                )
                en_pages.append(english)
                en_pairs.append((en_proto, english))
        insert_pages(id_parent, id_pages)
        if en_pages:
            insert_pages(en_parent, en_pages)
        _copy_m2m(model, id_pairs + en_pairs)
        return id_pairs, en_pairs

    # --- stories ---------------------------------------------------------------

    def stories(self, count):
        from stories.models import SuccessStory

        today = timezone.localdate()

        def vary(number):
            return {"date_published": today - timedelta(days=number % 1500), "training_event_id": None}

        id_pairs, en_pairs = self._copies(SuccessStory, count, vary)
        return len(id_pairs), len(en_pairs)

    # --- trainings with sessions and registrations ------------------------------

    def events(self, count, registrations_per_event):
        from events.models import EventSession, Registration, RegistrationStatus, Status, TrainingEvent

        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        starts = {}

        def vary(number):
            # Spread over a year back and a year ahead, so every listing and month view has trainings.
            start = now + timedelta(days=self.random.randint(-365, 365), hours=self.random.randint(-3, 3))
            starts[number] = start
            return {
                "registration_opens": start - timedelta(days=40),
                "registration_closes": start - timedelta(days=1),
                "status": Status.SCHEDULED,
                "status_notice": "",
                "previous_start": None,
                "places_taken": 0,
                "quota": max(registrations_per_event, 16),
            }

        id_pairs, en_pairs = self._copies(TrainingEvent, count, vary)
        sessions = []
        for pairs in (id_pairs, en_pairs):
            for number, (_proto, event) in enumerate(pairs):
                days = 1 + number % 5
                for day in range(days):
                    start = starts[number] + timedelta(days=day)
                    sessions.append(
                        EventSession(event_id=event.pk, start=start, end=start + timedelta(hours=4), sort_order=day)
                    )
        EventSession.objects.bulk_create(sessions, batch_size=BATCH)

        registrations = []
        for number, (_proto, event) in enumerate(id_pairs):
            for person in range(registrations_per_event):
                registrations.append(
                    Registration(
                        event_id=event.pk,
                        reference=_reference(),
                        status=RegistrationStatus.CONFIRMED if person < event.quota else RegistrationStatus.WAITLISTED,
                        full_name=f"Peserta {number}-{person}",
                        whatsapp=f"0812{number:05d}{person:03d}",
                        kecamatan=KECAMATAN[person % len(KECAMATAN)],
                        language="id",
                        consent_at=now,
                    )
                )
        Registration.objects.bulk_create(registrations, batch_size=BATCH)
        return len(id_pairs), len(en_pairs), len(sessions), len(registrations)

    # --- campaigns with sign-ups -------------------------------------------------

    def campaigns(self, count, signups_per_campaign):
        from campaigns.models import CampaignPage, InterestSignup

        today = timezone.localdate()

        def vary(number):
            start = today + timedelta(days=self.random.randint(-60, 30))
            return {"start_date": start, "end_date": start + timedelta(days=self.random.randint(7, 60))}

        id_pairs, en_pairs = self._copies(CampaignPage, count, vary)
        now = timezone.now()
        signups = [
            InterestSignup(
                campaign_id=page.pk,
                campaign_key=page.translation_key,
                name=f"Warga {number}-{person}",
                whatsapp=f"0813{number:04d}{person:04d}",
                kecamatan=KECAMATAN[person % len(KECAMATAN)],
                language="id",
                consented_at=now,
            )
            for number, (_proto, page) in enumerate(id_pairs)
            for person in range(signups_per_campaign)
        ]
        InterestSignup.objects.bulk_create(signups, batch_size=BATCH)
        return len(id_pairs), len(en_pairs), len(signups)

    def generate(self, stories=0, events=0, campaigns=0, registrations=5, signups=20):
        with transaction.atomic():
            if stories:
                made = self.stories(stories)
                self.say(f"  {made[0]} stories in Indonesian, {made[1]} in English")
            if events:
                made = self.events(events, registrations)
                self.say(
                    f"  {made[0]} trainings in Indonesian, {made[1]} in English, "
                    f"{made[2]} sessions, {made[3]} registrations"
                )
            if campaigns:
                made = self.campaigns(campaigns, signups)
                self.say(f"  {made[0]} campaigns in Indonesian, {made[1]} in English, {made[2]} sign-ups")
            bump_content_version()
        # Fresh planner statistics: after thousands of rows arrive at once, PostgreSQL would
        # otherwise plan for the empty tables it last analysed (a 5 s story page instead of 10 ms)
        # until autovacuum catches up. A site that grows by editors' hands never needs this.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


_used_references = set()


def _reference():
    """A new registration reference, never one this run gave out already (the column is unique)."""
    from events.models import REFERENCE_ALPHABET, REFERENCE_LENGTH

    while True:
        reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        if reference not in _used_references:
            _used_references.add(reference)
            return reference


def generate(stories=1000, events=2000, campaigns=50, registrations=5, signups=20, seed=7, skip_demo=False, say=print):
    """Load the demo content (unless it is there already), then generate the load data; returns the seconds taken."""
    import time

    from django.core.management import call_command

    started = time.perf_counter()
    if not skip_demo:
        call_command("load_demo_content", verbosity=0)
    demo_done = time.perf_counter()
    Generator(seed=seed, say=say).generate(
        stories=stories, events=events, campaigns=campaigns, registrations=registrations, signups=signups
    )
    done = time.perf_counter()
    say(f"Generated in {done - demo_done:.1f} s (demo content {demo_done - started:.1f} s before it).")
    return done - started


def main(argv=None):
    import argparse
    import os

    parser = argparse.ArgumentParser(
        prog="python -m bench.load_data",
        description="Add generated stories, trainings (with sessions and registrations) and campaigns (with "
        "sign-ups) in Indonesian and English, copied from the demo content, for benchmarks.",
    )
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--campaigns", type=int, default=50)
    parser.add_argument("--registrations", type=int, default=5, help="registrations per training")
    parser.add_argument("--signups", type=int, default=20, help="interest sign-ups per campaign")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-demo", action="store_true", help="the demo content is already loaded")
    options = vars(parser.parse_args(argv))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    generate(**options)


if __name__ == "__main__":
    main()
