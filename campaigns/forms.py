from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.forms import PublicForm, WhatsAppNumberField, consent_field
from home.models import Kecamatan, SkillArea


class SkillAreasField(forms.ModelMultipleChoiceField):
    """Checkboxes of skill areas; a forged value that is no row id is refused, not looked up.

    Django looks the ids up with `pk__in`, and a number too large for the database's
    integer column raised an error there (a 500, found by the fuzz test).
    """

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not text.isdigit() or int(text) > 2**63 - 1:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class InterestForm(PublicForm):
    """ "Saya tertarik": the few details a coordinator needs to call someone back."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    whatsapp = WhatsAppNumberField()
    kecamatan = forms.ChoiceField(
        label=_("Kecamatan (district) where you live"),
        choices=[("", _("Choose your kecamatan"))] + list(Kecamatan.choices),
    )
    skill_areas = SkillAreasField(
        label=_("Skills you would like to learn"),
        queryset=SkillArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = consent_field(
        _("I agree that the training coordinators store these details and contact me by WhatsApp about trainings.")
    )

    def __init__(self, *args, locale_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["skill_areas"].queryset = SkillArea.objects.filter(locale_id=locale_id).order_by("name")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name or not any(ch.isalpha() for ch in name):
            raise forms.ValidationError(_("Write your name with letters."), code="invalid_name")
        return name
