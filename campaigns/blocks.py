"""Campaign blocks: the shared block library plus what a campaign needs to move people to act."""

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import BaseStreamBlock, CallToActionBlock, StatisticBlock
from home.cache import cached
from home.localized import localized_page
from home.page_cache import cached_live


class KeyFigureBlock(StatisticBlock):
    class Meta:
        icon = "order"
        label = _("Key figure")
        template = "campaigns/blocks/key_figure_block.html"
        description = _("The one number that tells why this campaign matters.")
        preview_value = {"value": "7 dari 10", "label": "peserta punya penghasilan baru setahun kemudian"}


class FeaturedStoryBlock(blocks.StructBlock):
    story = blocks.PageChooserBlock(
        label=_("Success story"),
        page_type="stories.SuccessStory",
        help_text=_("A published story; its photo, quote and link are filled in for you."),
    )
    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=120, help_text=_("Leave empty to use the default heading.")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["story"] = chosen_page(value.get("story"), parent_context)
        return context

    class Meta:
        icon = "user"
        label = _("Featured success story")
        template = "campaigns/blocks/featured_story_block.html"
        description = _("A neighbour's success story, with its quote and a link to read it all.")


class UpcomingTrainingsBlock(blocks.StructBlock):
    """The next trainings in the campaign's skill areas; editors choose nothing, the list fills itself."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=120, help_text=_("Leave empty to use the default heading.")
    )
    limit = blocks.IntegerBlock(
        label=_("How many"), default=3, min_value=1, max_value=6, help_text=_("From 1 to 6 trainings, soonest first.")
    )

    class Meta:
        icon = "date"
        label = _("Upcoming trainings")
        template = "campaigns/blocks/upcoming_trainings_block.html"
        description = _("The next trainings in this campaign's skill areas, filled in automatically.")
        preview_value = {"heading": "Pelatihan terdekat", "limit": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        limit = value.get("limit") or 3
        now = timezone.now()
        # Building this statement was a fifth of an uncached campaign page's time. Kept as long as a cached
        # page showing the list is (cached_live); each card's registration state is still worked out as it
        # is shown, so a training whose registration has just closed says so.
        context["trainings"] = (
            cached_live(
                (parent_context or {}).get("request"),
                ("places",),
                ("campaign-trainings", page.pk, limit),
                lambda: trainings_for(page, limit, now),
            )
            if getattr(page, "pk", None)
            else []
        )
        context["training_schedule"] = (parent_context or {}).get("training_schedule")
        return context


def chosen_page(page, parent_context):
    """A page chosen in a block, in the campaign's language (see home.localized), if it is live.

    Cached per content version: the campaign page renders two such blocks on every view.
    """
    locale_id = getattr((parent_context or {}).get("page"), "locale_id", None)
    if page is None:
        return None
    if locale_id is not None and page.locale_id != locale_id:
        page = cached(("page-in-language", page.pk, locale_id), lambda: localized_page(page, locale_id))
    return page if page.live else None


class CampaignCallToActionBlock(CallToActionBlock):
    """The shared call to action, with its page found in the campaign's language without extra queries."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["target"] = chosen_page(value.get("page"), parent_context)
        return context

    class Meta:
        template = "campaigns/blocks/call_to_action_block.html"


def trainings_for(campaign, limit, now=None):
    """Upcoming, not cancelled trainings sharing a skill area (by slug, the same in both languages) with the campaign.

    One query: the campaign's skill-area slugs are a subquery.
    """
    from events.models import Status, TrainingEvent

    if not getattr(campaign, "pk", None):
        return []
    now = now or timezone.now()
    locale_id = campaign.locale_id
    through = TrainingEvent.skill_areas.through
    campaign_slugs = (
        campaign._meta.get_field("skill_areas")
        .remote_field.through.objects.filter(campaignpage_id=campaign.pk)
        .values("skillarea__slug")
    )
    shares_area = Exists(
        through.objects.filter(trainingevent_id=OuterRef("pk"), skillarea__slug__in=Subquery(campaign_slugs))
    )
    return list(
        TrainingEvent.objects.filter(locale_id=locale_id)
        .filter(shares_area)
        .for_listing(locale_id, now)
        .upcoming(now)
        .exclude(status=Status.CANCELLED)[:limit]
    )


class CampaignStreamBlock(BaseStreamBlock):
    key_figure = KeyFigureBlock()
    featured_story = FeaturedStoryBlock()
    upcoming_trainings = UpcomingTrainingsBlock()
    call_to_action = CampaignCallToActionBlock()
