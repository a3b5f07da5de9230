"""The routes of a campaign page: the page itself, the interest sign-up, its thank-you, the poster and QR code."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from events.listings import schedule_page
from home.addresses import absolute_url, page_full_url
from home.cache import cached_for
from home.images import rendition_or_none
from home.localized import localized_snippets
from home.models import SkillArea
from home.public_forms import already_sent, handle_public_form
from home.seo import SOCIAL_IMAGE, article_json_ld
from home.sharing import qr_response, render_poster, share_links

from .forms import InterestForm
from .models import CampaignStatus
from .signups import sign_up

RATE_LIMIT_GROUP = "public-form:campaign-signup"


def _context(campaign, request, **extra):
    context = campaign.get_context(request)
    context.update(extra)
    return context


def _closed_message(campaign):
    if campaign.status == CampaignStatus.UPCOMING:
        return _("This campaign has not started yet, so it is not taking sign-ups. Please come back on its first day.")
    return _("This campaign has ended, so it no longer takes sign-ups. See the trainings on the schedule instead.")


def _facts(campaign):
    """The campaign's skill areas and partners in the page's language; cached per content version."""
    return (
        localized_snippets(campaign.skill_areas.all(), campaign.locale_id),
        localized_snippets(campaign.partners.all(), campaign.locale_id),
    )


def _share_links(campaign, url):
    """The share links, with a WhatsApp message in the page's language that asks people to sign up."""
    message = _("%(title)s. %(summary)s Read more and register your interest: %(url)s") % {
        "title": campaign.title,
        "summary": campaign.summary,
        "url": url,
    }
    return share_links(url, campaign.title, message)


def _skill_area_choices(locale_id):
    return [(area.pk, area.name) for area in SkillArea.objects.filter(locale_id=locale_id).order_by("name")]


def new_form(campaign, request, data=None):
    """The sign-up form; its skill-area choices come from the cache (the same list for every visitor)."""
    form = InterestForm(data, locale_id=campaign.locale_id)
    if data is None:
        locale_id = campaign.locale_id
        form.fields["skill_areas"].choices = cached_for(
            request, ("skill-area-choices", locale_id), lambda: _skill_area_choices(locale_id)
        )
    return form


def campaign_detail(campaign, request, form=None, status=200):
    is_active = campaign.is_active
    if form is None and is_active:
        form = new_form(campaign, request)
    page_url = page_full_url(campaign, request)
    # One rendition for the link preview tags (page_meta) and the structured data.
    share_image = rendition_or_none(campaign.hero_image, SOCIAL_IMAGE)
    image_url = absolute_url(share_image.url) if share_image else None
    skill_areas, partners = cached_for(request, ("campaign-facts", campaign.pk), lambda: _facts(campaign))
    locale_id = campaign.locale_id
    context = _context(
        campaign,
        request,
        form=form,
        is_active=is_active,
        closed_message=None if is_active else _closed_message(campaign),
        share=_share_links(campaign, page_url),
        absolute_url=page_url,
        share_image=share_image,
        campaign_json_ld=article_json_ld(campaign, request, page_url=page_url, image_url=image_url),
        training_schedule=cached_for(request, ("schedule", locale_id), lambda: schedule_page(locale_id)),
        skill_areas=skill_areas,
        partners=partners,
    )
    return TemplateResponse(request, "campaigns/campaign_page.html", context, status=status)


def signup(campaign, request):
    """The sign-up form on its own page, answered by the site's public-form flow (home.public_forms)."""
    if not campaign.is_active:
        context = _context(campaign, request, form=None, closed_message=_closed_message(campaign))
        # Nothing is stored for a campaign that is not running, whatever was sent.
        return TemplateResponse(
            request, "campaigns/signup.html", context, status=200 if request.method == "GET" else 409
        )
    return handle_public_form(
        request,
        make_form=lambda data: new_form(campaign, request, data),
        save=lambda data, language: sign_up(campaign, data, language),
        success_url=lambda _signup: campaign.url + campaign.reverse_subpage("thanks"),
        render=lambda status, **form_context: TemplateResponse(
            request, "campaigns/signup.html", _context(campaign, request, **form_context), status=status
        ),
        rate_group=RATE_LIMIT_GROUP,
    )


def thanks(campaign, request):
    page_url = page_full_url(campaign, request)
    context = _context(
        campaign,
        request,
        already=already_sent(request),
        share=_share_links(campaign, page_url),
        absolute_url=page_url,
    )
    return TemplateResponse(request, "campaigns/thanks.html", context)


def poster(campaign, request):
    return render_poster(campaign, request, "campaigns/poster.html", is_active=campaign.is_active)


def qr_svg(campaign, request):
    return qr_response(page_full_url(campaign, request), title=campaign.title)
