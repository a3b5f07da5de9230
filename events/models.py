"""Training events: an index page per language, one page per training, and its sessions as rows.

Every listing is a database query over `EventSession` (indexed on start and
end), so the site never loads all events into Python to decide what is upcoming.
"""

import hashlib
import json
import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.forms import whatsapp_link
from home.localized import snippet_field
from home.models import BODY_BOOST, PAGE_TEXT_FIELDS, SUMMARY_BOOST, Kecamatan, Partner, SkillArea, Venue
from home.public_forms import ALREADY_SENT
from home.routes import LocalizedRoutesMixin
from home.timezones import WIB

from .forms import EventFilterForm, TrainingEventAdminForm

# Registration that closes within this time is announced as "closing soon".
CLOSING_SOON = timedelta(days=3)


class Mode(models.TextChoices):
    IN_PERSON = "tatap-muka", _("In person")
    ONLINE = "daring", _("Online")
    MIXED = "campuran", _("In person and online")


class Status(models.TextChoices):
    SCHEDULED = "terjadwal", _("Scheduled")
    # New dates are known (schema.org EventRescheduled).
    RESCHEDULED = "diundur", _("Postponed to new dates")
    # New dates are not known yet (schema.org EventPostponed).
    POSTPONED = "ditunda", _("Postponed, new dates to follow")
    MOVED_ONLINE = "pindah-daring", _("Moved online")
    CANCELLED = "dibatalkan", _("Cancelled")


class Education(models.TextChoices):
    SD = "sd", _("Primary school (SD)")
    SMP = "smp", _("Junior secondary school (SMP)")
    SMA = "sma", _("Senior secondary school (SMA/SMK)")
    D3 = "d3", _("Diploma (D3)")
    S1 = "s1", _("Bachelor's degree (S1)")


class RegistrationState(models.TextChoices):
    NOT_YET_OPEN = "not-yet-open", _("Registration not open yet")
    OPEN = "open", _("Registration open")
    CLOSING_SOON = "closing-soon", _("Registration closing soon")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Registration closed")
    CANCELLED = "cancelled", _("Cancelled")


# --- Queries -----------------------------------------------------------------


class TrainingEventQuerySet(PageQuerySet):
    def with_schedule(self, now=None):
        """First start, last end, next session and number of sessions, each as one correlated subquery."""
        now = now or timezone.now()
        sessions = EventSession.objects.filter(event=OuterRef("pk"))
        return self.annotate(
            first_start=Subquery(sessions.order_by("start").values("start")[:1]),
            last_end=Subquery(sessions.order_by("-end").values("end")[:1]),
            next_start=Subquery(sessions.filter(end__gt=now).order_by("start").values("start")[:1]),
            session_count=Coalesce(
                Subquery(sessions.order_by().values("event").annotate(n=Count("pk")).values("n")[:1]), Value(0)
            ),
        )

    def with_next_start(self, now=None):
        """Only the next session's start (what the upcoming list is ordered by), without the rest of the schedule."""
        now = now or timezone.now()
        sessions = EventSession.objects.filter(event=OuterRef("pk"), end__gt=now)
        return self.annotate(next_start=Subquery(sessions.order_by("start").values("start")[:1]))

    def with_last_end(self):
        """Only the last session's end (what the archive is ordered by)."""
        sessions = EventSession.objects.filter(event=OuterRef("pk"))
        return self.annotate(last_end=Subquery(sessions.order_by("-end").values("end")[:1]))

    def with_places_left(self):
        return self.annotate(places_left_annotated=TrainingEvent.places_left_expression())

    def with_local_names(self, locale_id):
        """The venue's and organizer's names in the listing's language, without a query per event."""
        return self.annotate(
            venue_name=snippet_field(Venue, "name", locale_id, via="venue"),
            organizer_name=snippet_field(Partner, "name", locale_id, via="organizer"),
        )

    def for_listing(self, locale_id, now=None):
        return (
            self.live()
            .with_schedule(now)
            .with_places_left()
            .with_local_names(locale_id)
            .select_related("venue")
            .defer_streamfields()
        )

    def _scheduled(self, now, needs):
        return self if needs in self.query.annotations else self.with_schedule(now)

    def upcoming(self, now=None):
        """Events with a session still to come or under way, soonest first."""
        now = now or timezone.now()
        return (
            self._scheduled(now, "next_start")
            .filter(Exists(EventSession.objects.filter(event=OuterRef("pk"), end__gt=now)))
            .order_by("next_start", "pk")
        )

    def past(self, now=None):
        """Events whose last session has ended, most recent first."""
        now = now or timezone.now()
        return (
            self._scheduled(now, "last_end")
            .filter(Exists(EventSession.objects.filter(event=OuterRef("pk"))))
            .exclude(Exists(EventSession.objects.filter(event=OuterRef("pk"), end__gt=now)))
            .order_by("-last_end", "-pk")
        )

    def with_session_between(self, start, end):
        """Events with at least one session overlapping [start, end)."""
        return self.filter(Exists(EventSession.objects.filter(event=OuterRef("pk"), start__lt=end, end__gt=start)))

    def with_places(self):
        return self.with_places_left().filter(places_left_annotated__gt=0)

    def still_registering(self, now=None):
        """Trainings one can still sign up for, now or when registration opens (the waiting list counts)."""
        now = now or timezone.now()
        return self.filter(registration_closes__gt=now).exclude(status=Status.CANCELLED)

    def open_first(self, now=None):
        """Soonest first, but those taking registrations now come before the full ones (waiting list),
        those not open yet, and those under way or closed: a reader's first card is one they can join."""
        now = now or timezone.now()
        registering = Q(registration_opens__lte=now, registration_closes__gt=now) & ~Q(status=Status.CANCELLED)
        qs = self if "places_left_annotated" in self.query.annotations else self.with_places_left()
        return qs.annotate(
            registration_rank=Case(
                When(registering & Q(places_left_annotated__gt=0), then=Value(0)),
                When(registering, then=Value(1)),
                When(registration_opens__gt=now, then=Value(2)),
                default=Value(3),
            )
        ).order_by("registration_rank", "next_start", "pk")


class TrainingEventManager(PageManager.from_queryset(TrainingEventQuerySet)):
    pass


# --- Pages -------------------------------------------------------------------


class EventIndexPage(LocalizedRoutesMixin, Page):
    """The training schedule: upcoming trainings, a month calendar, the archive and calendar feeds."""

    # What the page cache keys on (home/page_cache.py): the filters' fields and the page number.
    # "hari": the month calendar's "more on this day" (events/views.py).
    cache_query_parameters = (*EventFilterForm.base_fields, "page", "hari")

    intro = models.TextField(
        _("introduction"), max_length=500, blank=True, help_text=_("A short paragraph above the list of trainings.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    translatable_fields = [
        *PAGE_TEXT_FIELDS,
        TranslatableField("intro"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.TrainingEvent"]
    max_count_per_parent = 1

    # Text-only cards, so a page of twenty stays light on a slow connection.
    events_per_page = 20

    class Meta:
        verbose_name = _("training schedule page")

    def live_figures(self):
        # Listings, calendar and archive show places left (home.page_cache).
        return ("places",)

    def events(self):
        return TrainingEvent.objects.child_of(self)

    route_words = {
        "en": {
            "kalender": "calendar",
            "kabari-saya": "notify-me",
            "terima-kasih": "thank-you",
            "berhenti": "stop",
            "arsip": "archive",
            "ical": "ical",
        }
    }

    @path("")
    def upcoming_view(self, request):
        from .views import upcoming

        return upcoming(self, request)

    @path("kalender/")
    def this_month_view(self, request):
        from .views import this_month

        return this_month(self, request)

    @path("kalender/<int:year>/<int:month>/", name="month")
    def month_view(self, request, year, month):
        from .views import month as month_view

        return month_view(self, request, year, month)

    @path("kabari-saya/", name="notify")
    def notify_view(self, request):
        from .interest_views import notify

        return notify(self, request)

    @path("kabari-saya/terima-kasih/", name="notify_thanks")
    def notify_thanks_view(self, request):
        from .interest_views import notify_thanks

        return notify_thanks(self, request)

    @path("kabari-saya/berhenti/<str:token>/", name="notify_stop")
    def notify_stop_view(self, request, token):
        from .interest_views import stop

        return stop(self, request, token)

    @path("arsip/", name="archive")
    def archive_view(self, request):
        from .views import archive

        return archive(self, request)

    @path("ical/", name="feed")
    def feed_view(self, request):
        from .views import feed

        return feed(self, request)

    @path("ical/<slug:skill_area>/", name="skill_area_feed")
    def skill_area_feed_view(self, request, skill_area):
        from .views import feed

        return feed(self, request, skill_area_slug=skill_area)


class TrainingEvent(LocalizedRoutesMixin, Page):
    # The page cache keys on this alone: "already registered" after a repeated form (home/page_cache.py).
    cache_query_parameters = (ALREADY_SENT,)

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences: what participants will learn and do.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Choose a photo and set its focal point (Images > the image > focal point), so crops keep what matters."
        ),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("details"),
        blank=True,
        help_text=_("Further details: programme, trainers, selection steps."),
    )
    skill_areas = ParentalManyToManyField(
        SkillArea,
        verbose_name=_("skill areas"),
        related_name="training_events",
        help_text=_("The skills taught; visitors can filter trainings by them."),
    )
    organizer = models.ForeignKey(
        Partner,
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        related_name="organized_trainings",
        help_text=_(
            "The organisation that runs the training. Add it under Skill areas, partners, venues if it is missing."
        ),
    )
    partners = ParentalManyToManyField(
        Partner,
        verbose_name=_("partners"),
        blank=True,
        related_name="supported_trainings",
        help_text=_("Organisations that support the training, besides the organizer."),
    )

    mode = models.CharField(
        _("mode"),
        max_length=20,
        choices=Mode.choices,
        default=Mode.IN_PERSON,
        help_text=_("In person needs a venue; online needs a meeting link; mixed needs both."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_events",
        help_text=_("Where the training meets. Add it under Skill areas, partners, venues if it is missing."),
    )
    online_url = models.URLField(
        _("online meeting link"), blank=True, help_text=_("Zoom, Google Meet or a WhatsApp group link.")
    )

    audience = models.TextField(
        _("who it is for"), max_length=400, blank=True, help_text=_("For example: homemakers and school leavers.")
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, help_text=_("Empty: no lower limit.")
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, help_text=_("Empty: no upper limit.")
    )
    min_education = models.CharField(
        _("minimum education"), max_length=3, choices=Education.choices, blank=True, help_text=_("Empty: any.")
    )
    documents = models.TextField(
        _("documents to bring"), max_length=400, blank=True, help_text=_("For example: KTP-el, diploma, photo.")
    )

    cost = models.PositiveIntegerField(_("cost in rupiah"), default=0, help_text=_("0 means free of charge."))
    includes_certificate = models.BooleanField(
        _("certificate"), default=False, help_text=_("Tick what participants receive.")
    )
    includes_kit = models.BooleanField(
        _("tool or material kit"), default=False, help_text=_("Tools or materials participants may keep.")
    )
    includes_meals = models.BooleanField(_("meals"), default=False, help_text=_("Lunch or snacks on training days."))
    includes_transport = models.BooleanField(
        _("transport allowance"), default=False, help_text=_("Money for travel to the venue.")
    )

    quota = models.PositiveSmallIntegerField(
        _("quota"),
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many people can take part in total. When it is full, new registrations join the waiting list."
        ),
    )
    places_taken = models.PositiveSmallIntegerField(
        _("places already taken"),
        default=0,
        help_text=_("People registered by phone, WhatsApp or at the office."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), help_text=_("In WIB. The online form opens at this time.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        help_text=_("In WIB. The online form closes at this time; it must be after the opening time."),
    )

    contact_name = models.CharField(
        _("contact person"), max_length=100, help_text=_("Who answers questions, for example: Ibu Sari (BLK).")
    )
    contact_whatsapp = models.CharField(
        _("contact WhatsApp number"), max_length=20, help_text=_("For example: 0812 3456 7890.")
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_("Change this if the training is moved or cancelled; the page is kept and marked."),
    )
    status_notice = models.TextField(
        _("notice to participants"),
        max_length=500,
        blank=True,
        help_text=_("Why the training was moved or cancelled, and what participants should do now."),
    )
    previous_start = models.DateTimeField(
        _("previous start"), null=True, blank=True, help_text=_("When the training was first due to start.")
    )
    # The .ics SEQUENCE: rises each time the sessions' times or the status change,
    # so a calendar app replaces the entry a registrant saved instead of keeping
    # the old time beside the new. Kept by `save`, not by editors.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    calendar_fingerprint = models.CharField(max_length=40, blank=True, editable=False)

    # Completion and certificates (README, "Attendance, completion and certificates").
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of sessions a participant must attend to complete the training."),
    )
    requires_assessment = models.BooleanField(
        _("final assessment required"),
        default=False,
        help_text=_("Participants also need to pass the final assessment, ticked by the coordinator."),
    )
    signatory_name = models.CharField(
        _("signatory's name"), max_length=100, blank=True, help_text=_("Who signs the certificates.")
    )
    signatory_role = models.CharField(
        _("signatory's role"),
        max_length=150,
        blank=True,
        help_text=_("For example: Head of UPTD BLK Palangka Raya."),
    )
    # Set when completion was computed after the last session (events.completion).
    completion_computed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TrainingEventManager()
    base_form_class = TrainingEventAdminForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("skill_areas"), FieldPanel("organizer"), FieldPanel("partners")], heading=_("Who runs it")
        ),
        FieldPanel("body"),
    ]
    schedule_panels = [
        InlinePanel(
            "sessions",
            heading=_("Sessions"),
            label=_("Session"),
            min_num=1,
            help_text=_("One row per day or meeting, in WIB (Western Indonesia Time)."),
        ),
        MultiFieldPanel([FieldPanel("mode"), FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_notice"), FieldPanel("previous_start")],
            heading=_("Changes and cancellation"),
        ),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("quota"), FieldPanel("places_taken")]),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_whatsapp")]),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("min_education"),
                FieldPanel("documents"),
            ],
            heading=_("Who can join"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cost"),
                FieldPanel("includes_certificate"),
                FieldPanel("includes_kit"),
                FieldPanel("includes_meals"),
                FieldPanel("includes_transport"),
            ],
            heading=_("Cost and what is included"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_attendance_percent"), FieldPanel("requires_assessment")]),
                FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_role")]),
            ],
            heading=_("Completion and certificate"),
        ),
    ]
    # Tabs: what it is, when and where, how to join, then Wagtail's promotion and
    # settings (go-live and expiry dates live in the settings tab).
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(schedule_panels, heading=_("Schedule")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=TrainingEventAdminForm,
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=SUMMARY_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
        index.FilterField("status"),
    ]
    # Text is translated; everything a participant plans around (dates, sessions,
    # quota, cost, status, places) is shared so the two languages never disagree.
    translatable_fields = [
        *PAGE_TEXT_FIELDS,
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("audience"),
        TranslatableField("documents"),
        TranslatableField("status_notice"),
        SynchronizedField("image"),
        SynchronizedField("skill_areas"),
        SynchronizedField("organizer"),
        SynchronizedField("partners"),
        SynchronizedField("mode"),
        SynchronizedField("venue"),
        SynchronizedField("online_url"),
        SynchronizedField("min_age"),
        SynchronizedField("max_age"),
        SynchronizedField("min_education"),
        SynchronizedField("cost"),
        SynchronizedField("includes_certificate"),
        SynchronizedField("includes_kit"),
        SynchronizedField("includes_meals"),
        SynchronizedField("includes_transport"),
        SynchronizedField("quota"),
        SynchronizedField("places_taken"),
        SynchronizedField("registration_opens"),
        SynchronizedField("registration_closes"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_whatsapp"),
        SynchronizedField("status"),
        SynchronizedField("previous_start"),
        SynchronizedField("calendar_sequence"),
        SynchronizedField("calendar_fingerprint"),
        SynchronizedField("sessions"),
        SynchronizedField("min_attendance_percent"),
        SynchronizedField("requires_assessment"),
        SynchronizedField("signatory_name"),
        TranslatableField("signatory_role"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")

    def live_figures(self):
        # Its own places left, and those of the trainings it suggests (home.page_cache).
        return ("places", f"places:{self.translation_key}")

    # --- places and registration ---------------------------------------------

    @staticmethod
    def places_left_expression():
        """Places left, as SQL, so that listings can show and filter on it.

        The one definition: the instance's `places_left` reads it too. Places
        taken offline (phone, office) and confirmed online registrations both
        count. Registrations belong to the training whatever language they came
        in through, so they are matched on the translation key.
        """
        confirmed = TrainingEvent.registration_count(RegistrationStatus.CONFIRMED)
        return Greatest(F("quota") - F("places_taken") - Coalesce(confirmed, Value(0)), Value(0))

    @staticmethod
    def registration_count(status):
        """How many registrations with `status` the outer training has, in any language (NULL for none), as SQL."""
        counted = (
            Registration.objects.filter(event__translation_key=OuterRef("translation_key"), status=status)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return Subquery(counted, output_field=models.IntegerField())

    @cached_property
    def places_left(self):
        if "places_left_annotated" in self.__dict__:
            return self.places_left_annotated
        if self.pk is None:
            # A preview of an event not saved yet: nobody can have registered
            # online, so only the places taken by phone or at the office count.
            return max(self.quota - self.places_taken, 0)
        return (
            TrainingEvent.objects.filter(pk=self.pk)
            .with_places_left()
            .values_list("places_left_annotated", flat=True)
            .get()
        )

    def schedule_fingerprint(self):
        """What a saved calendar entry depends on: the status and each session's times."""
        times = sorted((session.start.isoformat(), session.end.isoformat()) for session in self.sessions.all())
        return hashlib.sha1(json.dumps([self.status, times]).encode()).hexdigest()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "calendar_sequence" in update_fields:
            # Compared with what is stored, not with this object: a revision being
            # published carries the sequence of the day it was written.
            stored = None
            if self.pk:
                rows = TrainingEvent.objects.filter(pk=self.pk)
                stored = rows.values_list("calendar_sequence", "calendar_fingerprint").first()
            fingerprint = self.schedule_fingerprint()
            if stored is not None:
                sequence, stored_fingerprint = stored
                changed = bool(stored_fingerprint) and stored_fingerprint != fingerprint
                self.calendar_sequence = max(self.calendar_sequence, sequence + changed)
            self.calendar_fingerprint = fingerprint
        super().save(*args, **kwargs)

    @cached_property
    def sorted_sessions(self):
        """Sessions by start time; from memory in previews, where they are not saved yet."""
        return sorted(self.sessions.all(), key=lambda session: session.start)

    @property
    def schedule_start(self):
        if "first_start" in self.__dict__:
            return self.first_start
        return self.sorted_sessions[0].start if self.sorted_sessions else None

    @property
    def schedule_end(self):
        if "last_end" in self.__dict__:
            return self.last_end
        return max((s.end for s in self.sorted_sessions), default=None)

    def is_past(self, now=None):
        end = self.schedule_end
        return end is not None and end <= (now or timezone.now())

    def is_ongoing(self, now=None):
        now = now or timezone.now()
        start, end = self.schedule_start, self.schedule_end
        return start is not None and start <= now < end

    @property
    def is_cancelled(self):
        return self.status == Status.CANCELLED

    @property
    def is_free(self):
        return self.cost == 0

    def registration_state(self, now=None):
        """What the registration box should say right now; FULL still takes people onto the waiting list."""
        now = now or timezone.now()
        if self.is_cancelled:
            return RegistrationState.CANCELLED
        if self.is_past(now):
            return RegistrationState.CLOSED
        if now < self.registration_opens:
            return RegistrationState.NOT_YET_OPEN
        if now >= self.registration_closes:
            return RegistrationState.CLOSED
        if self.places_left <= 0:
            return RegistrationState.FULL
        if self.registration_closes - now <= CLOSING_SOON:
            return RegistrationState.CLOSING_SOON
        return RegistrationState.OPEN

    @property
    def accepts_registrations(self):
        return self.registration_state() in REGISTERING_STATES

    @property
    def contact_whatsapp_link(self):
        return whatsapp_link(self.contact_whatsapp)

    @property
    def included(self):
        """What a participant gets, as labels, in the order a poster lists them."""
        return [
            field.verbose_name
            for field in (
                self._meta.get_field("includes_certificate"),
                self._meta.get_field("includes_kit"),
                self._meta.get_field("includes_meals"),
                self._meta.get_field("includes_transport"),
            )
            if getattr(self, field.name)
        ]

    @property
    def social_image(self):
        """The picture link previews use (read by the site frame's Open Graph tags)."""
        return self.image

    @property
    def is_online(self):
        return self.mode == Mode.ONLINE or self.status == Status.MOVED_ONLINE

    @property
    def has_venue(self):
        return self.venue_id is not None and not self.is_online

    def location_text(self, venue=None):
        """Where the training meets, as one line for calendars: the meeting link when online, else the venue.

        `venue` is the venue in the reader's language (home.localized); without it, a
        listing's `venue_name` (with_local_names) names the linked venue.
        """
        if self.is_online:
            return self.online_url
        if venue is not None:
            return f"{venue.name}, {venue.full_address}"
        if self.venue_id is None:
            return ""
        return f"{getattr(self, 'venue_name', None) or self.venue.name}, {self.venue.full_address}"

    # --- validation ----------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.registration_opens and self.registration_closes and self.registration_opens >= self.registration_closes:
            errors["registration_closes"] = _(
                "Registration must close after it opens. Choose a closing time later than the opening time."
            )
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = _("The maximum age is below the minimum age. Swap them or correct one of them.")
        if self.quota is not None and self.places_taken is not None and self.places_taken > self.quota:
            errors["places_taken"] = _("More places are taken than the quota allows. Raise the quota or lower this.")
        needs_venue = self.mode in (Mode.IN_PERSON, Mode.MIXED) and self.status != Status.MOVED_ONLINE
        if needs_venue and not self.venue_id:
            errors["venue"] = _("Choose a venue: this training meets in person.")
        needs_link = self.mode in (Mode.ONLINE, Mode.MIXED) or self.status == Status.MOVED_ONLINE
        if needs_link and not self.online_url:
            errors["online_url"] = _("Add the online meeting link: this training meets online.")
        if self.status == Status.RESCHEDULED and not self.previous_start:
            errors["previous_start"] = _("Give the date the training was first due to start, so people can compare.")
        if self.status != Status.SCHEDULED and self.status != Status.MOVED_ONLINE and not self.status_notice:
            errors["status_notice"] = _("Tell participants what changed and what they should do now.")
        if errors:
            raise ValidationError(errors)

    # --- rendering -----------------------------------------------------------

    route_words = {
        "en": {
            "daftar": "register",
            "selesai": "done",
            "sudah": "already",
            "kelola": "manage",
            "dihapus": "erased",
            "batal": "cancel",
            "hapus": "erase",
            "data": "data",
            "json": "json",
            "poster": "poster",
            "survei": "survey",
            "ical": "ical",
        }
    }

    @path("")
    def event_view(self, request):
        from .views import event_detail

        return event_detail(self, request)

    @path("daftar/", name="register")
    def register_view(self, request):
        from .registration_views import register

        return register(self, request)

    @path("daftar/selesai/<str:token>/", name="registered")
    def registered_view(self, request, token):
        from .registration_views import registered

        return registered(self, request, token)

    @path("daftar/sudah/", name="registration_already")
    def registration_already_view(self, request):
        from .manage_views import already

        return already(self, request)

    @path("daftar/kelola/", name="manage_lookup")
    def manage_lookup_view(self, request):
        from .manage_views import lookup

        return lookup(self, request)

    @path("daftar/kelola/dihapus/", name="manage_erased")
    def manage_erased_view(self, request):
        from .manage_views import erased

        return erased(self, request)

    @path("daftar/kelola/<str:token>/", name="manage")
    def manage_view(self, request, token):
        from .manage_views import manage

        return manage(self, request, token)

    @path("daftar/kelola/<str:token>/batal/", name="manage_cancel")
    def manage_cancel_view(self, request, token):
        from .manage_views import manage

        return manage(self, request, token, step="cancel")

    @path("daftar/kelola/<str:token>/hapus/", name="manage_erase")
    def manage_erase_view(self, request, token):
        from .manage_views import manage

        return manage(self, request, token, step="erase")

    @path("daftar/kelola/<str:token>/data/", name="manage_data")
    def manage_data_view(self, request, token):
        from .manage_views import data

        return data(self, request, token)

    @path("daftar/kelola/<str:token>/data/json/", name="manage_data_json")
    def manage_data_json_view(self, request, token):
        from .manage_views import data

        return data(self, request, token, as_json=True)

    @path("survei/<str:token>/", name="survey")
    def survey_view(self, request, token):
        from .survey_views import survey

        return survey(self, request, token)

    @path("poster/", name="poster")
    def poster_view(self, request):
        from .views import poster

        return poster(self, request)

    @path("ical/", name="ics")
    def ics_view(self, request):
        from .views import event_ics

        return event_ics(self, request)


# The states in which the online form takes registrations (a full training takes them onto its waiting list).
REGISTERING_STATES = (RegistrationState.OPEN, RegistrationState.CLOSING_SOON, RegistrationState.FULL)


class EventSession(Orderable):
    """One day or meeting of a training; its own row so that calendars and listings are indexed queries."""

    event = ParentalKey(TrainingEvent, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("starts"), help_text=_("Date and time in WIB."))
    end = models.DateTimeField(_("ends"), help_text=_("Date and time in WIB; after the start."))
    # Copied with the row into every translation and kept across edits, so a
    # calendar that imported a session recognises it later (the .ics UID).
    key = models.UUIDField(default=uuid.uuid4, editable=False)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(fields=["event", "start"], name="event_session_event_start"),
            models.Index(fields=["start"], name="event_session_start"),
            models.Index(fields=["end"], name="event_session_end"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.start.astimezone(WIB):%Y-%m-%d %H:%M}–{self.end.astimezone(WIB):%H:%M} WIB"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError(
                {"end": _("This session ends before it starts. Make the end time later than the start time.")}
            )

    @property
    def local_start(self):
        return self.start.astimezone(WIB)

    @property
    def local_end(self):
        return self.end.astimezone(WIB)


# --- Registrations -------------------------------------------------------------


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "terdaftar", _("Confirmed")
    WAITLISTED = "menunggu", _("On the waiting list")
    CANCELLED = "dibatalkan", _("Cancelled")


# No 0/O, 1/I/L: the code is read out over the phone and typed on small keyboards.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


def new_reference():
    import secrets

    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Registration(models.Model):
    """One person's registration for one training: personal data, seen only by coordinators.

    `event` is always the original (first created) page of the training, whichever
    language the person registered in, so quota, waiting list and duplicates are
    counted once per training.
    """

    event = models.ForeignKey(
        TrainingEvent, verbose_name=_("training"), on_delete=models.PROTECT, related_name="registrations"
    )
    reference = models.CharField(_("reference"), max_length=REFERENCE_LENGTH, unique=True, default=new_reference)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)

    full_name = models.CharField(_("full name"), max_length=100)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    kecamatan = models.CharField(_("kecamatan (district)"), max_length=20, choices=Kecamatan.choices, blank=True)
    kelurahan = models.CharField(_("kelurahan (village)"), max_length=100, blank=True)
    education = models.CharField(_("last education"), max_length=3, choices=Education.choices, blank=True)
    motivation = models.TextField(_("motivation"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=5, default="id")
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    # Set by the retention command: the row stays for counts, the person is gone.
    anonymised = models.BooleanField(_("anonymised"), default=False)
    # Walked in on the day: added by a coordinator, counted against the quota like any other.
    walk_in = models.BooleanField(_("walk-in"), default=False)
    # Completion (events.completion): None until computed after the last session.
    assessment_passed = models.BooleanField(_("passed the final assessment"), default=False)
    completed = models.BooleanField(_("completed"), null=True, blank=True)
    # A coordinator decided by hand (with a reason in the activity record): the computation leaves it alone.
    completion_overridden = models.BooleanField(_("completion set by a coordinator"), default=False)
    # Asked apart from the registration's consent (events.surveys): refusing changes nothing else.
    follow_up_consent_at = models.DateTimeField(_("agreed to follow-up surveys at"), null=True, blank=True)

    # Not in Wagtail's reference index: it would cost four queries per registration,
    # and "usage" screens of a training have no business listing its registrants.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "whatsapp"], name="registration_one_per_number"),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_status")]

    def __str__(self):
        return f"{self.reference} {self.full_name}"

    def changed_live_figures(self):
        """Saving or deleting a registration changes places left (home.signals); its event is usually loaded."""
        return ("places", f"places:{self.event.translation_key}")

    @property
    def whatsapp_link(self):
        return whatsapp_link(self.whatsapp)

    def waiting_position(self):
        """1 for the first on the waiting list; None when not waiting."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = Registration.objects.filter(event_id=self.event_id, status=RegistrationStatus.WAITLISTED).filter(
            Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


# --- What happens to a registration: messages and the record of actions -----------------


class MessageKind(models.TextChoices):
    RECEIVED = "diterima", _("Registration received")
    PROMOTED = "naik", _("Moved up from the waiting list")
    REMINDER = "pengingat", _("Reminder")
    CHANGED = "perubahan", _("Change to the training")
    CANCELLED = "batal", _("Registration cancelled")
    CERTIFICATE = "sertifikat", _("Certificate")
    SURVEY = "survei", _("Follow-up survey")
    SURVEY_REMINDER = "survei-ingat", _("Follow-up survey reminder")


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    # Sent by a coordinator from their own phone through a wa.me link (the admin's "messages to send").
    WHATSAPP_LINK = "wa-tautan", _("WhatsApp (coordinator's phone)")
    # Sent by the worker through the WhatsApp Business Cloud API, when it is configured (events.whatsapp_cloud).
    WHATSAPP_API = "wa-api", _("WhatsApp (Business API)")


# The channels the worker sends on; WhatsApp links wait for a coordinator instead.
WORKER_CHANNELS = (MessageChannel.EMAIL, MessageChannel.WHATSAPP_API)


class MessageStatus(models.TextChoices):
    PENDING = "antre", _("Waiting to be sent")
    SENT = "terkirim", _("Sent")
    FAILED = "gagal", _("Failed")
    # No longer true when its time came (cancelled before a reminder, a training moved).
    SKIPPED = "dilewati", _("Not needed any more")


class RegistrationMessage(models.Model):
    """One message to one registrant on one channel: created in the transaction of the change it announces.

    The unique key (registration, kind, channel, key) is what makes a message exist once
    whatever retries: `key` tells apart the reminders (their due time) and the change
    notices (the version of the training they announce).
    """

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MessageKind.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=MessageChannel.choices)
    key = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    # What the message says beyond the registration itself (a change notice's old and new values).
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The id the WhatsApp Cloud API gave the message ("wamid.…"), to match delivery reports.
    provider_id = models.CharField(_("provider's message id"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind", "channel", "key"], name="message_once"),
        ]
        indexes = [models.Index(fields=["channel", "status"], name="message_channel_status")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.get_channel_display()} · {self.get_status_display()}"

    def changed_live_figures(self):
        # Written by the worker or a visitor, shown on no public page: no cached page goes stale (home.signals).
        return ()


class ActivityAction(models.TextChoices):
    REGISTERED = "daftar", _("Registered")
    CONFIRMED = "konfirmasi", _("Confirmed")
    PROMOTED = "naik", _("Moved up from the waiting list")
    CANCELLED = "batal", _("Cancelled")
    CORRECTED = "koreksi", _("Details corrected")
    DOWNLOADED = "unduh", _("Data downloaded")
    ERASED = "hapus", _("Consent withdrawn, data erased")
    MESSAGE_SENT = "pesan", _("Message sent")
    MESSAGE_FAILED = "pesan-gagal", _("Message failed")
    WALK_IN = "datang", _("Added as a walk-in")
    ATTENDANCE = "hadir", _("Attendance taken")
    ASSESSMENT = "ujian", _("Final assessment recorded")
    COMPLETED = "selesai", _("Completion computed")
    COMPLETION_SET = "selesai-ubah", _("Completion corrected by a coordinator")
    CERTIFIED = "sertifikat", _("Certificate issued")
    REVOKED = "cabut", _("Certificate revoked")


class RegistrationActivity(models.Model):
    """Who did what to a registration, and when: the record a registrant may read and coordinators see."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="activities"
    )
    action = models.CharField(_("action"), max_length=12, choices=ActivityAction.choices)
    # "registrant", "system", or the coordinator's user name.
    actor = models.CharField(_("by"), max_length=150)
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("registration activity")
        verbose_name_plural = _("registration activities")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} ({self.actor})"

    def changed_live_figures(self):
        # Written by the worker or a visitor, shown on no public page: no cached page goes stale (home.signals).
        return ()


# --- Attendance and certificates (README, "Attendance, completion and certificates") ----------


class Attendance(models.Model):
    """Whether one registrant was at one session: one row per pair, the last tick wins."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="attendance"
    )
    session = models.ForeignKey(
        EventSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"))
    marked_by = models.CharField(_("by"), max_length=150)
    marked_at = models.DateTimeField(_("when"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_once_per_session"),
        ]

    def __str__(self):
        return f"{self.registration_id} @ {self.session_id}: {self.present}"

    def changed_live_figures(self):
        # Shown on no public page (home.signals).
        return ()


class Certificate(models.Model):
    """A certificate of completion; its number is what the public verification page looks up."""

    # Kept when the retention command deletes registrations (purge_registrations --delete): the
    # certificate stays verifiable, and says the holder's data is gone.
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
    )
    event = models.ForeignKey(
        TrainingEvent, verbose_name=_("training"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("certificate number"), max_length=24, unique=True)
    # The name as printed, kept for verification (also after the retention command anonymised the
    # registration); emptied only when the holder has their data deleted (the rights page).
    holder_name = models.CharField(_("holder's name"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    revoked_by = models.CharField(_("revoked by"), max_length=150, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["issued_at", "pk"]

    def __str__(self):
        return self.number

    def changed_live_figures(self):
        # The verification page is never cached (events.certificate_views): nothing to refresh.
        return ()

    @property
    def revoked(self):
        return self.revoked_at is not None


# --- "Notify me": interest in a skill area with no training open ------------------


class TrainingInterest(models.Model):
    """Someone who asked to hear when the next training in a skill area opens ("Kabari saya").

    Left from a story whose skill areas have no training open for registration. One row
    per skill area and WhatsApp number, whichever language it came in (the skill area's
    translation key), so the demand coordinators see counts each person once. `notified_at`
    is for the message sent when a new batch opens (issue 15's message machinery).
    """

    skill_area = models.ForeignKey(SkillArea, verbose_name=_("skill area"), on_delete=models.CASCADE, related_name="+")
    skill_area_key = models.UUIDField(_("skill area"), editable=False, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20)
    kecamatan = models.CharField(_("kecamatan (district)"), max_length=20, choices=Kecamatan.choices)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    consented_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(_("told of a new batch at"), null=True, blank=True)

    class Meta:
        verbose_name = _("interest in a training")
        verbose_name_plural = _("interest in trainings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["skill_area_key", "whatsapp"], name="interest_one_per_area_and_phone")
        ]

    def __str__(self):
        return f"{self.name} ({self.whatsapp})"

    def save(self, *args, **kwargs):
        if self.skill_area_key is None and self.skill_area_id:
            self.skill_area_key = self.skill_area.translation_key
        super().save(*args, **kwargs)

    def changed_live_figures(self):
        # Written by the worker or a visitor, shown on no public page: no cached page goes stale (home.signals).
        return ()

    @property
    def whatsapp_link(self):
        return whatsapp_link(self.whatsapp)


class InterestMessage(models.Model):
    """ "A new batch opened": one message to one Notify-me person about one training, on one channel.

    The sibling of RegistrationMessage (whose rows belong to a registration): the unique key
    (interest, training, channel) means a retried or doubled task, or the training's other
    language published too, creates nothing new. `event_key` is the training's translation key.
    """

    interest = models.ForeignKey(
        TrainingInterest, verbose_name=_("interest"), on_delete=models.CASCADE, related_name="messages"
    )
    event_key = models.UUIDField(editable=False)
    event = models.ForeignKey(TrainingEvent, verbose_name=_("training"), on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=12, choices=MessageChannel.choices)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("new batch message")
        verbose_name_plural = _("new batch messages")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["interest", "event_key", "channel"], name="interest_message_once"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} · {self.get_status_display()}"

    def changed_live_figures(self):
        # Written by the worker, shown on no public page: no cached page goes stale (home.signals).
        return ()


# --- Follow-up surveys: how participants were doing at registration, and months after ----------


class WorkStatus(models.TextChoices):
    NOT_WORKING = "tidak-bekerja", _("Not working")
    EMPLOYED = "bekerja", _("Working for someone")
    OWN_BUSINESS = "usaha", _("Running my own business")
    IN_SCHOOL = "sekolah", _("In school or studying")


# Who counts as "working or running a business" in the published figures.
WORKING = (WorkStatus.EMPLOYED, WorkStatus.OWN_BUSINESS)


class IncomeBand(models.IntegerChoices):
    # Bands around Palangka Raya's minimum wage (UMK 2025: about Rp 3.6 million a month),
    # numbered so that a change of band is a difference of numbers.
    NONE = 0, _("No income")
    UNDER_1M = 1, _("Less than Rp 1 million")
    UNDER_2M = 2, _("Rp 1 million to less than Rp 2 million")
    UNDER_3_5M = 3, _("Rp 2 million to less than Rp 3.5 million")
    UNDER_5M = 4, _("Rp 3.5 million to less than Rp 5 million")
    FROM_5M = 5, _("Rp 5 million or more")


class Helpfulness(models.IntegerChoices):
    NOT_AT_ALL = 1, _("Not at all")
    A_LITTLE = 2, _("A little")
    SOMEWHAT = 3, _("Somewhat")
    MUCH = 4, _("Much")
    VERY_MUCH = 5, _("Very much")


# "Helped" in the figures: the top two steps of the scale.
HELPED = (Helpfulness.MUCH, Helpfulness.VERY_MUCH)


class BusinessChange(models.TextChoices):
    NONE = "tidak", _("No")
    STARTED = "mulai", _("I started a business")
    GREW = "tumbuh", _("I grew the business I had")


class SalesChannel(models.TextChoices):
    NONE = "tidak-menjual", _("I do not sell anything")
    HOME = "rumah", _("From home or to neighbours")
    MARKET = "pasar", _("At a market, stall or shop")
    MARKETPLACE = "marketplace", _("Online marketplaces such as Shopee or Tokopedia")
    SOCIAL = "medsos", _("WhatsApp, Facebook or Instagram")
    RESELLER = "penampung", _("To a shop, company or collector who resells")


class SurveyAnswer(models.Model):
    """One person's answers to one survey round: 0 at registration (the baseline), else months after the training.

    When the person deletes their data the row loses its registration and its story
    consent but keeps its training, round and answers: an anonymous row that keeps
    the published counts adding up (README, "Surveys"). A follow-up copies the
    baseline it is compared with for the same reason.
    """

    BASELINE = 0

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_answers",
    )
    event = models.ForeignKey(TrainingEvent, verbose_name=_("training"), on_delete=models.CASCADE, related_name="+")
    round = models.PositiveSmallIntegerField(
        _("survey round"), help_text=_("0 at registration; otherwise the months after the last session.")
    )
    work_status = models.CharField(_("work"), max_length=14, choices=WorkStatus.choices, blank=True)
    income_band = models.PositiveSmallIntegerField(
        _("monthly income"), choices=IncomeBand.choices, null=True, blank=True
    )
    baseline_work_status = models.CharField(
        _("work at registration"), max_length=14, choices=WorkStatus.choices, blank=True
    )
    baseline_income_band = models.PositiveSmallIntegerField(
        _("monthly income at registration"), choices=IncomeBand.choices, null=True, blank=True
    )
    helped = models.PositiveSmallIntegerField(
        _("the training helped"), choices=Helpfulness.choices, null=True, blank=True
    )
    business = models.CharField(_("business"), max_length=8, choices=BusinessChange.choices, blank=True)
    employs = models.PositiveSmallIntegerField(_("people employed"), null=True, blank=True)
    sells_at = models.JSONField(_("where they sell"), default=list, blank=True)
    story_consent_at = models.DateTimeField(_("agreed to be asked for a story at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "round"],
                condition=Q(registration__isnull=False),
                name="survey_answer_once_a_round",
            ),
        ]
        indexes = [models.Index(fields=["event", "round"], name="survey_answer_event_round")]

    def __str__(self):
        return f"{self.event_id} · {self.round}"

    def changed_live_figures(self):
        # The impact figures are computed into cached fragments that the content version expires.
        return ("impact",)

    @property
    def is_baseline(self):
        return self.round == self.BASELINE

    def sells_at_labels(self):
        labels = dict(SalesChannel.choices)
        return [str(labels.get(value, value)) for value in self.sells_at]
