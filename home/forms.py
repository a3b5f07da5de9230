"""What every public form on the site shares: WhatsApp numbers, consent, spam traps and rate limits.

Event registration and campaign sign-ups both collect personal data from the
public, so they validate it the same way and are protected the same way.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

# Indonesian mobile numbers: 08…, +628… or 628…, 9 to 12 digits after the 8-prefix's 0/62.
_MOBILE = re.compile(r"^8\d{8,11}$")
_SEPARATORS = re.compile(r"[\s\-.()]")


def normalise_whatsapp(value):
    """'0812-3456-7890', '+62 812 3456 7890' and '6281234567890' all become '+6281234567890'.

    Raises ValidationError with a message that says what to fix.
    """
    raw = _SEPARATORS.sub("", value or "")
    if raw.startswith("+62"):
        national = raw[3:]
    elif raw.startswith("62"):
        national = raw[2:]
    elif raw.startswith("0"):
        national = raw[1:]
    else:
        national = None
    if national is None or not _MOBILE.match(national):
        raise ValidationError(
            _("Enter an Indonesian mobile number that uses WhatsApp, for example 0812 3456 7890 or +62 812 3456 7890."),
            code="invalid_whatsapp",
        )
    return "+62" + national


def whatsapp_link(number, text=""):
    """https://wa.me/62… for any number this site stores or shows; '' when there is none."""
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    if not digits:
        return ""
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if text:
        from urllib.parse import quote

        return f"https://wa.me/{digits}?text={quote(text)}"
    return f"https://wa.me/{digits}"


class WhatsAppNumberField(forms.CharField):
    """A form field that accepts the ways Indonesians write a mobile number and stores one form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault("label", _("WhatsApp number"))
        kwargs.setdefault("help_text", _("For example: 0812 3456 7890."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean(self, value):
        value = super().clean(value)
        return normalise_whatsapp(value) if value else value


class PublicForm(forms.Form):
    """Base for forms the public fills in: a honeypot field that people never see and bots fill."""

    # Hidden from people with CSS and aria-hidden; named like a field bots like to fill.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    honeypot_field = "website"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.honeypot_field):
            raise ValidationError(_("This form could not be sent. Please try again."), code="spam")
        return cleaned

    @property
    def is_spam(self):
        return any(error.code == "spam" for error in self.non_field_errors().as_data())


def consent_field(label):
    return forms.BooleanField(
        required=True,
        label=label,
        error_messages={"required": _("We can only accept your data with your consent.")},
    )


def submission_rate_limited(request, group):
    """Count one submission from this client in `group`; True once it is over the limit.

    Uses the configured cache (shared Redis in production), keyed by the client's address
    as home.client.client_address reads it (settings.RATELIMIT_IP_META_KEY).
    An unreachable cache lets the submission through (RATELIMIT_FAIL_OPEN).
    """
    return is_ratelimited(request, group=group, key="ip", rate=settings.PUBLIC_FORM_RATE, method="POST", increment=True)
