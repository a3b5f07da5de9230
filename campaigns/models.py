"""Awareness campaigns (sosialisasi): an index page per language, one page per campaign, and interest sign-ups.

A campaign's status (active, upcoming, ended) is never stored: it follows from
its period and today's date in Palangka Raya (WIB).
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.admin_forms import PageLanguageSnippetsForm
from home.models import PAGE_TEXT_FIELDS, SUMMARY_BOOST, Kecamatan, Partner, SkillArea
from home.public_forms import ALREADY_SENT
from home.routes import LocalizedRoutesMixin
from home.timezones import today_in_wib

from .blocks import CampaignStreamBlock


class CampaignStatus(models.TextChoices):
    ACTIVE = "aktif", _("Running now")
    UPCOMING = "akan-datang", _("Coming soon")
    ENDED = "selesai", _("Ended")


def status_on(start, end, today):
    """Active from the first to the last day of the period, both included (calendar days in WIB)."""
    if today < start:
        return CampaignStatus.UPCOMING
    if today > end:
        return CampaignStatus.ENDED
    return CampaignStatus.ACTIVE


def signup_count_subquery():
    """Sign-ups of a campaign in every language (they share the translation key), as a subquery."""
    counted = (
        InterestSignup.objects.filter(campaign_key=OuterRef("translation_key"))
        .order_by()
        .values("campaign_key")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted), Value(0))


SIGNUP_COUNT_TIMEOUT = 300


def signup_count_key(translation_key):
    return f"campaign-signups:{translation_key}"


class CampaignIndexPage(LocalizedRoutesMixin, Page):
    intro = models.TextField(
        _("introduction"), max_length=500, blank=True, help_text=_("A short paragraph above the list of campaigns.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    translatable_fields = [
        *PAGE_TEXT_FIELDS,
        TranslatableField("intro"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign list page")

    def live_figures(self):
        # Each campaign card shows its sign-up count (home.page_cache).
        return ("signups",)

    route_words = {"en": {"feed": "feed"}}

    @path("feed/<str:feed_format>/", name="feed")
    def feed_view(self, request, feed_format):
        from home.feeds import serve_feed

        from .feeds import CampaignFeed

        return serve_feed(CampaignFeed, self, request, feed_format)

    def get_context(self, request, *args, **kwargs):
        from home.feeds import feed_links
        from home.sharing import list_share_image

        context = super().get_context(request, *args, **kwargs)
        context["feed_links"] = feed_links(self, request)
        campaigns = ordered_campaigns(
            CampaignPage.objects.child_of(self).live().filter(locale_id=self.locale_id), today_in_wib()
        )
        context["campaigns"] = campaigns
        context["share_image"] = list_share_image(request, self, lambda: (c.hero_image for c in campaigns))
        return context


def ordered_campaigns(queryset, today):
    """Active campaigns first (ending soonest first), then upcoming (starting soonest), then ended (latest first).

    One query for the campaigns with their sign-up counts and hero images.
    """
    campaigns = list(
        queryset.annotate(signup_total=signup_count_subquery()).select_related("hero_image").defer_streamfields()
    )
    rank = {CampaignStatus.ACTIVE: 0, CampaignStatus.UPCOMING: 1, CampaignStatus.ENDED: 2}

    def key(campaign):
        status = campaign.status_on(today)
        if status == CampaignStatus.ACTIVE:
            return (0, campaign.end_date.toordinal(), campaign.pk)
        if status == CampaignStatus.UPCOMING:
            return (1, campaign.start_date.toordinal(), campaign.pk)
        return (rank[status], -campaign.end_date.toordinal(), campaign.pk)

    return sorted(campaigns, key=key)


def active_campaigns(locale_id, today, limit=3):
    """The running campaigns of one language for the home page: one query."""
    return list(
        CampaignPage.objects.live()
        .filter(locale_id=locale_id, start_date__lte=today, end_date__gte=today)
        .annotate(signup_total=signup_count_subquery())
        .select_related("hero_image")
        .defer_streamfields()
        .order_by("end_date", "pk")[:limit]
    )


class CampaignPage(LocalizedRoutesMixin, Page):
    # The page cache keys on this alone: "already signed up" on the thanks page (home/page_cache.py).
    cache_query_parameters = (ALREADY_SENT,)

    summary = models.TextField(
        _("short message"), max_length=300, help_text=_("One or two sentences: why this matters and what to do.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Choose a photo and set its focal point (Images > the image > focal point), so crops keep what matters."
        ),
    )
    start_date = models.DateField(_("first day"), help_text=_("The campaign shows as running from this day (WIB)."))
    end_date = models.DateField(
        _("last day"), help_text=_("The last day it runs; after it, the campaign shows as ended but stays on the site.")
    )
    audience = models.TextField(
        _("who it is for"), max_length=400, blank=True, help_text=_("For example: young people without work.")
    )
    skill_areas = ParentalManyToManyField(
        SkillArea,
        verbose_name=_("skill areas"),
        related_name="campaigns",
        help_text=_("The skills the campaign promotes; people who sign up can pick from these."),
    )
    partners = ParentalManyToManyField(
        Partner,
        verbose_name=_("partners"),
        blank=True,
        related_name="campaigns",
        help_text=_("Organisations that run or support the campaign."),
    )
    goal = models.PositiveIntegerField(
        _("goal"),
        null=True,
        blank=True,
        help_text=_("How many people you hope will register their interest. Empty: no goal shown."),
    )
    body = StreamField(
        CampaignStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The campaign's content, built from blocks: facts, steps, calls to action."),
    )

    base_form_class = PageLanguageSnippetsForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("audience"),
        FieldPanel("skill_areas"),
        FieldPanel("partners"),
        FieldPanel("body"),
    ]
    schedule_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("goal")],
            heading=_("Period and goal"),
        ),
    ]
    # Go-live and expiry dates are in the settings tab (Wagtail's publishing panel).
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(schedule_panels, heading=_("Schedule")),
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=SUMMARY_BOOST),
        index.SearchField("audience"),
    ]
    translatable_fields = [
        *PAGE_TEXT_FIELDS,
        TranslatableField("summary"),
        TranslatableField("audience"),
        TranslatableField("body"),
        SynchronizedField("hero_image"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("goal"),
        SynchronizedField("skill_areas"),
        SynchronizedField("partners"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def live_figures(self):
        # Its own sign-up count, and places left on the trainings it promotes (home.page_cache).
        return ("places", f"signups:{self.translation_key}")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day is before the first day. Swap them or correct one.")})

    # --- status and progress -------------------------------------------------

    def status_on(self, today):
        return status_on(self.start_date, self.end_date, today)

    @property
    def status(self):
        return self.status_on(today_in_wib())

    @property
    def is_active(self):
        return self.status == CampaignStatus.ACTIVE

    @property
    def signup_count(self):
        """Sign-ups in every language; cached briefly, and forgotten whenever a sign-up is added or removed."""
        total = getattr(self, "signup_total", None)
        if total is None:
            key = signup_count_key(self.translation_key)
            total = cache.get(key)
            if total is None:
                total = InterestSignup.objects.filter(campaign_key=self.translation_key).count()
                cache.set(key, total, SIGNUP_COUNT_TIMEOUT)
            self.signup_total = total
        return total

    @property
    def progress_percent(self):
        """Progress toward the goal, 0 to 100 (a goal passed shows as 100); None without a goal."""
        if not self.goal:
            return None
        return min(100, self.signup_count * 100 // self.goal)

    @property
    def social_image(self):
        """The picture link previews use (read by the site frame's Open Graph tags)."""
        return self.hero_image

    # --- rendering -----------------------------------------------------------

    route_words = {"en": {"tertarik": "interested", "terima-kasih": "thank-you", "poster": "poster", "qr": "qr"}}

    @path("")
    def campaign_view(self, request):
        from .views import campaign_detail

        return campaign_detail(self, request)

    @path("tertarik/", name="signup")
    def signup_view(self, request):
        from .views import signup

        return signup(self, request)

    @path("tertarik/terima-kasih/", name="thanks")
    def thanks_view(self, request):
        from .views import thanks

        return thanks(self, request)

    @path("poster/", name="poster")
    def poster_view(self, request):
        from .views import poster

        return poster(self, request)

    @path("qr/", name="qr")
    def qr_view(self, request):
        from .views import qr_svg

        return qr_svg(self, request)


class InterestSignup(models.Model):
    """Someone who said "Saya tertarik" on a campaign; one row per campaign and WhatsApp number."""

    campaign = models.ForeignKey(
        CampaignPage, verbose_name=_("campaign page"), on_delete=models.CASCADE, related_name="signups"
    )
    # The campaign in every language: the same for the Indonesian and English page, so counting and
    # deduplication do not depend on which language someone signed up in.
    campaign_key = models.UUIDField(_("campaign"), editable=False, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20)
    kecamatan = models.CharField(_("kecamatan (district)"), max_length=20, choices=Kecamatan.choices)
    skill_areas = models.ManyToManyField(
        SkillArea, verbose_name=_("skill areas of interest"), blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    consented_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest sign-up")
        verbose_name_plural = _("interest sign-ups")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign_key", "whatsapp"], name="unique_signup_per_campaign_and_phone")
        ]
        permissions = [("export_interestsignup", "Can export interest sign-ups")]

    def __str__(self):
        return f"{self.name} ({self.whatsapp})"

    def save(self, *args, **kwargs):
        if self.campaign_key is None and self.campaign_id:
            self.campaign_key = self.campaign.translation_key
        super().save(*args, **kwargs)
        transaction.on_commit(self.forget_count)
        self.forget_count()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(self.forget_count)
        self.forget_count()
        return result

    def changed_live_figures(self):
        """Saving or deleting a sign-up changes sign-up counts (home.signals)."""
        return ("signups", f"signups:{self.campaign_key}")

    def forget_count(self):
        cache.delete(signup_count_key(self.campaign_key))

    @property
    def skill_area_names(self):
        return ", ".join(area.name for area in self.skill_areas.all())
