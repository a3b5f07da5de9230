""" "Kabari saya" / "Notify me": a reader who finds no training open in a skill area leaves a number.

The form goes through the site's one public-form flow (home.public_forms: honeypot,
rate limit, consent, WhatsApp normalisation, 400 for an invalid form, post/redirect/get).
Each person counts once per skill area, in either language; the coordinators' demand
view (events.wagtail_hooks) adds them up per skill area and kecamatan.
"""

from django import forms
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.forms import PublicForm, WhatsAppNumberField, consent_field
from home.models import Kecamatan, SkillArea
from home.public_forms import create_once

from .models import TrainingInterest


class NotifyMeForm(PublicForm):
    skill_area = forms.ChoiceField(label=_("Which training should we tell you about?"), widget=forms.RadioSelect)
    name = forms.CharField(label=_("Your name"), max_length=100)
    whatsapp = WhatsAppNumberField()
    kecamatan = forms.ChoiceField(
        label=_("Kecamatan (district) where you live"),
        choices=[("", _("Choose your kecamatan"))] + list(Kecamatan.choices),
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        max_length=254,
        help_text=_("If you give one, we also tell you by email, with a link to stop these messages."),
    )
    consent = consent_field(
        _(
            "I agree that the training coordinators store these details and send me one WhatsApp message"
            " when a new batch opens."
        )
    )

    def __init__(self, *args, skill_areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.skill_areas = {area.slug: area for area in skill_areas}
        self.fields["skill_area"].choices = [(area.slug, area.name) for area in skill_areas]
        if len(self.skill_areas) == 1 and not self.is_bound:
            self.initial.setdefault("skill_area", next(iter(self.skill_areas)))
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_skill_area(self):
        return self.skill_areas[self.cleaned_data["skill_area"]]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name or not any(ch.isalpha() for ch in name):
            raise forms.ValidationError(_("Write your name with letters."), code="invalid_name")
        return name


def skill_areas_in(locale_id, slugs=None):
    areas = SkillArea.objects.filter(locale_id=locale_id).order_by("name")
    return list(areas.filter(slug__in=slugs) if slugs is not None else areas)


def record_interest(data, language):
    """Store one "notify me" (the form's cleaned data); returns (interest, created).

    The same number for the same skill area, in either language, stores nothing: (None, False).
    """
    area = data["skill_area"]
    return create_once(
        TrainingInterest,
        lambda: TrainingInterest.objects.create(
            skill_area=area,
            skill_area_key=area.translation_key,
            name=data["name"],
            whatsapp=data["whatsapp"],
            kecamatan=data["kecamatan"],
            email=data.get("email", ""),
            language=language,
            consented_at=timezone.now(),
        ),
        skill_area_key=area.translation_key,
        whatsapp=data["whatsapp"],
    )


def demand(locale_id):
    """People waiting for a new batch, per skill area (named in `locale_id`) and kecamatan, largest first.

    Only those not yet told of a new batch count. One query for the counts, one for the names.
    """
    rows = (
        TrainingInterest.objects.filter(notified_at__isnull=True)
        .values("skill_area_key", "kecamatan")
        .annotate(people=Count("pk"))
        .order_by("-people", "skill_area_key", "kecamatan")
    )
    rows = list(rows)
    keys = {row["skill_area_key"] for row in rows}
    names = {}
    for area in SkillArea.objects.filter(translation_key__in=keys).order_by("locale_id"):
        if area.locale_id == locale_id or area.translation_key not in names:
            names[area.translation_key] = area.name
    labels = dict(Kecamatan.choices)
    return [
        {
            "skill_area": names.get(row["skill_area_key"], "?"),
            "kecamatan": labels.get(row["kecamatan"], row["kecamatan"]),
            "people": row["people"],
        }
        for row in rows
    ]
