from django.db import models
from django.db.models import Prefetch
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from .cache import cached, cached_for
from .forms import whatsapp_link
from .localized import localized_page
from .registry import HOME_SECTIONS, registered, section_page_labels


class Kecamatan(models.TextChoices):
    """The five districts of the city of Palangka Raya; proper names, the same in both languages."""

    PAHANDUT = "pahandut", "Pahandut"
    SABANGAU = "sabangau", "Sabangau"
    JEKAN_RAYA = "jekan-raya", "Jekan Raya"
    BUKIT_BATU = "bukit-batu", "Bukit Batu"
    RAKUMPIT = "rakumpit", "Rakumpit"


PARTNER_LOGO_SPEC = "max-240x120"

# Search weight of a page's summary or introduction: between its title (Wagtail's boost 2)
# and its body (no boost). It says what the page is about, so a page whose summary names
# the searched words ranks above one that mentions them once deep in its text.
SUMMARY_BOOST = 1
# And the body's. PostgreSQL weighs fields A-D, scaled from every boost in the project;
# images and documents boost their titles 10, which left unboosted text at 1% of a
# title's weight. Half a point puts page text at 5%, so a story that is about the words
# throughout outranks a page that names them once.
BODY_BOOST = 0.5

# What every page translates besides its own text. Slugs are translated, so each
# language has readable paths (/tentang/, /en/about/); the language switcher follows
# translations, not paths, so it stays right.
PAGE_TEXT_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
]


# --- Taxonomy snippets -------------------------------------------------------


class SkillArea(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The skill as people say it, for example: Menjahit.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in filter links; stays the same in every language, for example: menjahit."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences on what this skill area covers."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    # The slug is shared by both languages so that a filter link works in either.
    translatable_fields = [TranslatableField("name"), TranslatableField("description"), SynchronizedField("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("skill area")
        verbose_name_plural = _("skill areas")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_skill_area_slug_per_locale")]

    def __str__(self):
        return self.name


class PartnerKind(models.TextChoices):
    GOVERNMENT = "pemerintah", _("Local government")
    NGO = "lsm", _("Non-governmental organisation (LSM)")
    PRIVATE = "swasta", _("Private company")
    EDUCATION = "pendidikan", _("Educational institution")


class Partner(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(
        _("name"), max_length=150, help_text=_("The organisation's full name, as it writes it itself.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=PartnerKind.choices,
        help_text=_("Partners are grouped by kind on the partners page."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A logo on a white or transparent background; it is shown at most 240 by 120 pixels."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("The full address, starting with https://."))
    description = models.TextField(
        _("short description"), blank=True, max_length=400, help_text=_("One or two sentences on what they do.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("kind"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


def partners_with_logos(locale_id):
    """Partners of one language with their logos and logo renditions, in two queries whatever their number."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=PARTNER_LOGO_SPEC)
    return (
        Partner.objects.filter(locale_id=locale_id)
        .select_related("logo")
        .prefetch_related(Prefetch("logo__renditions", queryset=renditions))
    )


class Venue(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("The name people know the place by, for example: Aula BLK Palangka Raya."),
    )
    address = models.CharField(
        _("street address"),
        max_length=255,
        help_text=_("Street and number, as on a letter; the same in both languages."),
    )
    kecamatan = models.CharField(
        _("kecamatan (district)"),
        max_length=20,
        choices=Kecamatan.choices,
        help_text=_("Visitors can filter trainings by district."),
    )
    map_url = models.URLField(
        _("map link"), blank=True, help_text=_("A link to the place on a map, for example from Google Maps.")
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        max_length=500,
        help_text=_("Step-free entrance, toilets, parking: what a visitor with a disability should know."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("kecamatan"),
        FieldPanel("map_url"),
        FieldPanel("accessibility_notes"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("accessibility_notes"),
        SynchronizedField("address"),
        SynchronizedField("kecamatan"),
        SynchronizedField("map_url"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def full_address(self):
        """Street, kecamatan and city, as one line: every venue is in Palangka Raya."""
        return f"{self.address}, {self.get_kecamatan_display()}, Palangka Raya"


# --- Site settings -----------------------------------------------------------


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Contact details in the footer; the same in both languages."""

    organisation = models.CharField(
        _("organisation"), max_length=150, blank=True, help_text=_("Shown in the footer of every page.")
    )
    address = models.TextField(
        _("address"), blank=True, max_length=300, help_text=_("The office address visitors can come to.")
    )
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=20,
        blank=True,
        help_text=_("For example: 0812 3456 7890 or +62 812 3456 7890."),
    )
    email = models.EmailField(_("email"), blank=True, help_text=_("An address that someone reads every week."))
    facebook_url = models.URLField(
        _("Facebook page"), blank=True, help_text=_("The full address of the page, starting with https://.")
    )
    instagram_url = models.URLField(
        _("Instagram profile"), blank=True, help_text=_("The full address of the profile, starting with https://.")
    )
    youtube_url = models.URLField(
        _("YouTube channel"), blank=True, help_text=_("The full address of the channel, starting with https://.")
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        MultiFieldPanel([FieldPanel("whatsapp"), FieldPanel("email")], heading=_("Reach us")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("contact details")

    @property
    def whatsapp_link(self):
        return whatsapp_link(self.whatsapp)

    @property
    def social_links(self):
        return [
            (label, url)
            for label, url in (
                ("Facebook", self.facebook_url),
                ("Instagram", self.instagram_url),
                ("YouTube", self.youtube_url),
            )
            if url
        ]


def site_contact(request):
    """The contact settings of the request's site (None when there are none), cached until content changes.

    Not ContactSettings.for_site(): it creates the row on first read, and that
    write would count as a content change and empty every cache.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    return cached(("contact", site.pk), lambda: ContactSettings.objects.filter(site=site).first() or False) or None


# --- Pages -------------------------------------------------------------------


class HomePage(Page):
    hero_heading = models.CharField(
        _("hero heading"), max_length=150, help_text=_("The big line at the top of the home page: short and inviting.")
    )
    hero_text = models.TextField(
        _("hero text"), max_length=400, blank=True, help_text=_("One or two sentences under the heading.")
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
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the big button leads, usually the training schedule."),
    )
    hero_cta_label = models.CharField(
        _("hero button label"),
        max_length=60,
        blank=True,
        help_text=_("Two to four words, for example: Lihat jadwal pelatihan."),
    )
    intro = RichTextField(
        _("introduction"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("A short paragraph under the hero.")
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Further sections of the page, built from blocks."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_page"),
                FieldPanel("hero_cta_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("intro")]
    translatable_fields = [
        *PAGE_TEXT_FIELDS,
        TranslatableField("hero_heading"),
        TranslatableField("hero_text"),
        TranslatableField("hero_cta_label"),
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("hero_image"),
        SynchronizedField("hero_cta_page"),
    ]

    parent_page_types = ["wagtailcore.Page"]

    @classproperty
    def subpage_types(cls):
        # The content apps' section pages are registered by the apps themselves (home.registry).
        return ["home.StandardPage", "home.PartnerIndexPage", *section_page_labels()]

    class Meta:
        verbose_name = _("home page")

    @property
    def social_image(self):
        return self.hero_image

    def sections(self):
        """The parts of the home page the content apps supply, in their order (home.registry)."""
        return registered(HOME_SECTIONS)

    def live_figures(self):
        return {tag for section in self.sections() for tag in section.live_figures}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hero_cta"] = cached_for(request, ("home-cta", self.pk), self.hero_cta_target)
        sections = self.sections()
        for section in sections:
            context.update(section.context(self, request))
        context["section_templates"] = [section.template for section in sections]
        # Content-only sections are rendered inside {% cache %} fragments (see home.context_processors);
        # a queryset costs nothing unless its fragment is rendered.
        context["partners"] = partners_with_logos(self.locale_id)
        return context

    def hero_cta_target(self):
        return localized_page(self.hero_cta_page_id, self.locale_id)


class StandardPage(Page):
    """A plain page: about the programme, how to join, privacy notice."""

    intro = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences at the top of the page, also used in link previews."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The page's content, built from blocks: text, images, facts, calls to action."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=SUMMARY_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class PartnerIndexPage(Page):
    """The "Mitra" page: every partner of the programme, grouped by kind."""

    intro = models.TextField(
        _("introduction"), max_length=500, blank=True, help_text=_("A short paragraph above the list of partners.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner list page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = partners_with_logos(self.locale_id)
        by_kind = {kind: [] for kind in PartnerKind}
        for partner in partners:
            by_kind[partner.kind].append(partner)
        context["partner_groups"] = [(kind.label, members) for kind, members in by_kind.items() if members]
        return context
