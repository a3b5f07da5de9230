import re
from collections.abc import Mapping, Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Aggregate, CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.admin_forms import PageLanguageSnippetsForm
from home.blocks import BaseStreamBlock
from home.localized import localized_page
from home.models import BODY_BOOST, PAGE_TEXT_FIELDS, SUMMARY_BOOST, Kecamatan, Partner, SkillArea
from home.routes import LocalizedRoutesMixin

from . import outcomes

# Adults read Indonesian and English prose at roughly this pace on a phone.
WORDS_PER_MINUTE = 200
FIRST_TRAINING_YEAR = 2000


def next_year():
    # A callable, so the limit moves with the calendar instead of being frozen in a migration.
    return timezone.localdate().year + 1


class IdList(Aggregate):
    """Comma-separated values of a column.

    Django 5.2 has no portable string aggregate (StringAgg is PostgreSQL-only until
    Django 6), so this picks GROUP_CONCAT (SQLite, MySQL) or STRING_AGG (PostgreSQL).
    """

    function = "GROUP_CONCAT"
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(Cast(expression, output_field=CharField()), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ',')", **extra_context
        )


# How deep a story's ancestors are looked for view restrictions (stories are at depth 4).
ANCESTOR_DEPTHS = 8


class StoryQuerySet(PageQuerySet):
    """Everything here costs the same number of queries with five stories or five hundred."""

    def published(self, locale_id):
        """Stories a visitor may read in one language: live, and not behind a password or login.

        Wagtail's `.public()` would cost a query of its own on every call; this checks
        the restrictions of every ancestor inside the same SQL statement. The ancestors'
        paths are the story's path cut at each step, matched by equality, so the database
        looks each one up in the path index instead of scanning every page for every story.
        Stories sit at depth 4 (root, home, story index, story: their parent types fix it);
        ANCESTOR_DEPTHS levels are checked, few enough that the statement stays cheap to build.
        """
        ancestors = [Substr(OuterRef("path"), 1, Page.steplen * depth) for depth in range(1, ANCESTOR_DEPTHS + 1)]
        restricted = PageViewRestriction.objects.filter(page__path__in=ancestors)
        return self.live().filter(locale_id=locale_id).exclude(Exists(restricted))

    def with_taxonomy_ids(self, partners=False):
        """Annotate each story with the ids of its skill areas (and partners), without a query per story."""

        def ids_of(field, target):
            through = getattr(self.model, field).through
            return Subquery(
                through.objects.filter(successstory_id=OuterRef("pk"))
                .values("successstory_id")
                .annotate(ids=IdList(f"{target}_id"))
                .values("ids")
            )

        queryset = self.annotate(skill_area_ids=ids_of("skill_areas", "skillarea"))
        if partners:
            queryset = queryset.annotate(partner_ids=ids_of("partners", "partner"))
        return queryset


class StoryManager(PageManager.from_queryset(StoryQuerySet)):
    pass


class StoryIndexPage(LocalizedRoutesMixin, Page):
    """The "Kisah sukses" page of one language: every published story of its tree, newest first."""

    # What the page cache keys on (home/page_cache.py): the filters and the page number; nothing else changes the list.
    cache_query_parameters = ("bidang", "kecamatan", "page")

    intro = models.TextField(
        _("introduction"), max_length=500, blank=True, help_text=_("A short paragraph above the list of stories.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro", boost=SUMMARY_BOOST)]
    translatable_fields = [
        *PAGE_TEXT_FIELDS,
        TranslatableField("intro"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.SuccessStory"]
    max_count_per_parent = 1

    # Twelve cards keep a page light on a slow phone connection.
    stories_per_page = 12

    class Meta:
        verbose_name = _("success story list")

    route_words = {"en": {"feed": "feed"}}

    @path("feed/<str:feed_format>/", name="feed")
    def feed_view(self, request, feed_format):
        from home.feeds import serve_feed

        from .feeds import StoryFeed

        return serve_feed(StoryFeed, self, request, feed_format)

    def get_context(self, request, *args, **kwargs):
        from home.feeds import feed_links
        from home.sharing import list_share_image

        from .listings import story_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(story_listing(self, request))
        context["feed_links"] = feed_links(self, request)
        context["share_image"] = list_share_image(request, self, self._share_candidates)
        return context

    def _share_candidates(self):
        # The newest story with a portrait that may be shown (never one of a participant who asked for privacy).
        stories = SuccessStory.objects.published(self.locale_id).child_of(self)
        stories = stories.filter(hide_identity=False, portrait__isnull=False).select_related("portrait")
        return (story.portrait for story in stories.order_by("-date_published", "-pk")[:1])


def survey_answer_label(answer):
    name = answer.registration.full_name if answer.registration_id else _("(deleted)")
    return _("%(name)s · %(training)s · survey %(months)s months after") % {
        "name": name,
        "training": answer.event.title,
        "months": answer.round,
    }


class StoryForm(PageLanguageSnippetsForm):
    """Offers the skill areas and partners of the story's own language, plus any already chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answer = self.fields.get("survey_answer")
        if answer is not None:
            # The person's name and training, which the editor knows from the story candidates list.
            answer.queryset = answer.queryset.select_related("registration", "event")
            answer.label_from_instance = survey_answer_label
        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        if locale_id is None:
            return
        for name in ("skill_areas", "partners"):
            field = self.fields.get(name)
            if field is None:
                continue
            chosen = [obj.pk for obj in getattr(self.instance, name).all()] if self.instance.pk else []
            field.queryset = field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=chosen))


class SuccessStory(Page):
    """One participant's story, with outcomes recorded as numbers so they can be counted."""

    og_type = "article"

    participant_name = models.CharField(
        _("participant's name"),
        max_length=120,
        help_text=_("The real name. It is never shown when the participant asked for privacy."),
    )
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=120,
        blank=True,
        help_text=_("Shown instead of the real name when the participant asked for privacy, for example: Ibu R."),
    )
    hide_identity = models.BooleanField(
        _("the participant asked for privacy"),
        default=False,
        help_text=_("Hides the real name, the portrait and every gallery photo that shows the participant."),
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A photo of the participant, only with their consent. Set its focal point on the face "
            "(Images > the image > focal point), so crops keep it in view."
        ),
    )
    kecamatan = models.CharField(
        _("kecamatan (district)"),
        max_length=20,
        choices=Kecamatan.choices,
        help_text=_("Where the participant lives or works; visitors can filter stories by district."),
    )
    kelurahan = models.CharField(
        _("kelurahan (village)"), max_length=100, blank=True, help_text=_("Optional, for example: Langkai.")
    )
    skill_areas = ParentalManyToManyField(
        SkillArea,
        verbose_name=_("skill areas"),
        related_name="success_stories",
        help_text=_("The skills the participant trained in; visitors can filter stories by them."),
    )
    partners = ParentalManyToManyField(
        Partner,
        verbose_name=_("partners"),
        related_name="success_stories",
        blank=True,
        help_text=_("The organisations that ran or supported the training."),
    )
    training_year = models.PositiveSmallIntegerField(
        _("year of the training"),
        validators=[MinValueValidator(FIRST_TRAINING_YEAR), MaxValueValidator(next_year)],
        help_text=_("The year the participant took the training, for example: 2024."),
    )
    training_event = models.ForeignKey(
        "events.TrainingEvent",
        verbose_name=_("training event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The training on this site that the participant took, if it is listed here."),
    )
    survey_answer = models.ForeignKey(
        "events.SurveyAnswer",
        verbose_name=_("survey answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"story_consent_at__isnull": False},
        help_text=_(
            "The follow-up survey answer this story came from, if the participant was found through the story "
            "candidates list (name, training, months after)."
        ),
    )
    date_published = models.DateField(
        _("date published"), default=timezone.localdate, help_text=_("Stories are listed newest first by this date.")
    )
    pull_quote = models.TextField(
        _("pull quote"), max_length=300, blank=True, help_text=_("The participant's own words, one or two sentences.")
    )
    intro = models.TextField(
        _("introduction"),
        max_length=500,
        help_text=_("Two or three sentences that make people want to read on; shown on story cards."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The story itself, built from blocks: text, photos, quotes."),
    )

    income_before = models.PositiveIntegerField(
        _("monthly income before (Rp)"),
        null=True,
        blank=True,
        help_text=_("In Rupiah, digits only. Leave empty if the participant did not say."),
    )
    income_after = models.PositiveIntegerField(
        _("monthly income after (Rp)"),
        null=True,
        blank=True,
        help_text=_("In Rupiah, digits only. Leave empty if the participant did not say."),
    )
    started_business = models.BooleanField(
        _("started a business"),
        default=False,
        help_text=_("Tick if the participant started their own business after the training."),
    )
    people_employed = models.PositiveSmallIntegerField(
        _("people employed"),
        null=True,
        blank=True,
        help_text=_("How many people the participant now employs. Leave empty if not known."),
    )
    sells_locally = models.BooleanField(
        _("sells in local markets"), default=False, help_text=_("For example: at Pasar Besar or from home.")
    )
    sells_beyond_region = models.BooleanField(
        _("sells beyond the region"), default=False, help_text=_("Outside Central Kalimantan.")
    )
    sells_online = models.BooleanField(
        _("sells online"), default=False, help_text=_("Marketplaces, Instagram, WhatsApp catalogue.")
    )

    # Derived from the text on every save, so listings need not load the body to show it.
    reading_minutes = models.PositiveSmallIntegerField(_("reading time in minutes"), default=1, editable=False)

    objects = StoryManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("participant_name"),
                FieldPanel("hide_identity"),
                FieldPanel("pseudonym"),
                FieldPanel("portrait"),
                FieldRowPanel([FieldPanel("kecamatan"), FieldPanel("kelurahan")]),
            ],
            heading=_("Participant"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("skill_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("training_year"),
                FieldPanel("training_event"),
                FieldPanel("survey_answer"),
            ],
            heading=_("Training"),
        ),
        FieldPanel("date_published"),
        FieldPanel("pull_quote"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Gallery"), heading=_("Gallery")),
    ]
    outcome_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("income_before"), FieldPanel("income_after")]),
                FieldRowPanel([FieldPanel("started_business"), FieldPanel("people_employed")]),
                FieldRowPanel(
                    [FieldPanel("sells_locally"), FieldPanel("sells_beyond_region"), FieldPanel("sells_online")],
                    heading=_("Where products are sold"),
                ),
            ],
            heading=_("Outcomes"),
        ),
    ]
    base_form_class = StoryForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(outcome_panels, heading=_("Outcomes")),
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=StoryForm,
    )
    # Names are left out of search on purpose: a search for a private participant must find nothing.
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=SUMMARY_BOOST),
        index.SearchField("pull_quote"),
        index.SearchField("body", boost=BODY_BOOST),
        index.FilterField("kecamatan"),
        index.FilterField("date_published"),
    ]
    translatable_fields = [
        *PAGE_TEXT_FIELDS,
        TranslatableField("pull_quote"),
        TranslatableField("intro"),
        TranslatableField("body"),
        TranslatableField("gallery_images"),
        # Facts about a person and their numbers are the same in every language.
        SynchronizedField("participant_name"),
        SynchronizedField("pseudonym"),
        SynchronizedField("hide_identity"),
        SynchronizedField("portrait"),
        SynchronizedField("kecamatan"),
        SynchronizedField("kelurahan"),
        SynchronizedField("skill_areas"),
        SynchronizedField("partners"),
        SynchronizedField("training_year"),
        SynchronizedField("training_event"),
        SynchronizedField("survey_answer"),
        SynchronizedField("date_published"),
        SynchronizedField("income_before"),
        SynchronizedField("income_after"),
        SynchronizedField("started_business"),
        SynchronizedField("people_employed"),
        SynchronizedField("sells_locally"),
        SynchronizedField("sells_beyond_region"),
        SynchronizedField("sells_online"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    def live_figures(self):
        # The trainings in its skill areas, with places left, that a reader can join (home.page_cache).
        return ("places",)

    class Meta:
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def get_context(self, request, *args, **kwargs):
        from .detail import story_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_page_context(self, request))
        event = localized_page(
            self.training_event_id, self.locale_id, fields=("id", "url_path", "locale_id", "title", "live")
        )
        context["training_event"] = event if event is not None and event.live else None
        return context

    @property
    def display_name(self):
        """The name readers see: the pseudonym whenever the participant asked for privacy."""
        return self.pseudonym if self.hide_identity else self.participant_name

    @property
    def outcome_lines(self):
        return outcomes.outcome_lines(self)

    @property
    def income_line(self):
        return outcomes.income_sentence(self.income_before, self.income_after)

    def count_words(self):
        texts = [self.title, self.intro, self.pull_quote]
        texts.extend(_strings_in(self.body.raw_data))
        return sum(len(strip_tags(text).split()) for text in texts if text)

    def save(self, *args, **kwargs):
        self.reading_minutes = max(1, -(-self.count_words() // WORDS_PER_MINUTE))
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.income_before is not None and self.income_after is None:
            errors["income_after"] = _("Give the income after the training too, or leave both empty.")
        if self.hide_identity:
            if not self.pseudonym.strip():
                errors["pseudonym"] = _("A participant who asked for privacy needs a pseudonym.")
            elif _contains_name(self.pseudonym, self.participant_name):
                errors["pseudonym"] = _("The pseudonym must not contain the real name.")
            leaks = [label for label, text in self._public_texts() if _contains_name(text, self.participant_name)]
            if leaks:
                errors["hide_identity"] = _(
                    "The participant asked for privacy, but their real name appears in: %(places)s."
                ) % {"places": ", ".join(str(label) for label in leaks)}
        if errors:
            raise ValidationError(errors)

    def _public_texts(self):
        """Every text a visitor's browser receives for this story, with a label an editor recognises."""
        yield _("title"), self.title
        yield _("slug"), self.slug.replace("-", " ")
        yield _("page title for search engines"), self.seo_title
        yield _("search description"), self.search_description
        yield _("pull quote"), self.pull_quote
        yield _("introduction"), self.intro
        yield _("body"), " ".join(_strings_in(self.body.raw_data))
        for item in self.gallery_images.all():
            yield _("gallery caption"), item.caption
            yield _("gallery alternative text"), item.alt_text
            if not item.shows_participant and item.image_id:
                # These photos stay visible; their file name and description reach the page too.
                image = item.image
                yield (
                    _("gallery image"),
                    " ".join([image.title, image.description, re.sub(r"[-_.]", " ", image.file.name)]),
                )


def _strings_in(data):
    """Every string inside raw StreamField data, however deeply nested."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            if key not in ("type", "id"):
                yield from _strings_in(value)
    elif isinstance(data, Sequence):  # lists, and StreamValue.raw_data's list-like view
        for value in data:
            yield from _strings_in(value)


def _contains_name(text, name):
    name = " ".join(name.split())
    if not text or not name:
        return False
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in name.split()) + r"(?!\w)"
    return re.search(pattern, strip_tags(text), flags=re.IGNORECASE) is not None


class StoryGalleryImage(TranslatableMixin, Orderable):
    page = ParentalKey(SuccessStory, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Choose a photo and set its focal point (Images > the image > focal point), so crops keep what matters."
        ),
    )
    caption = models.CharField(
        _("caption"), max_length=250, blank=True, help_text=_("One sentence under the photo: who or what, where.")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it. Empty: the image's own description."),
    )
    shows_participant = models.BooleanField(
        _("shows the participant"),
        default=True,
        help_text=_("Photos that show the participant are hidden when they asked for privacy."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("alt_text"), FieldPanel("shows_participant")]
    translatable_fields = [
        TranslatableField("caption"),
        TranslatableField("alt_text"),
        SynchronizedField("image"),
        SynchronizedField("shows_participant"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
        ordering = ["sort_order"]

    @property
    def alt(self):
        return self.alt_text or self.image.default_alt_text
