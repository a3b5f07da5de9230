"""Storing an interest sign-up: one per WhatsApp number and campaign, whatever the language it came in."""

from django.utils import timezone

from home.public_forms import create_once

from .models import InterestSignup


def sign_up(campaign, data, language):
    """Store a sign-up (the form's cleaned data) for `campaign`; returns (sign-up, created).

    A number already signed up for this campaign, in either language, stores
    nothing and changes nothing: (None, False).
    """

    def create():
        signup = InterestSignup.objects.create(
            campaign=campaign,
            campaign_key=campaign.translation_key,
            name=data["name"],
            whatsapp=data["whatsapp"],
            kecamatan=data["kecamatan"],
            language=language,
            consented_at=timezone.now(),
        )
        signup.skill_areas.set(data["skill_areas"])
        return signup

    return create_once(InterestSignup, create, campaign_key=campaign.translation_key, whatsapp=data["whatsapp"])
