"""The public registration form, built on the site's shared public-form parts."""

from datetime import date

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from home.forms import PublicForm, WhatsAppNumberField, consent_field
from home.models import Kecamatan
from home.timezones import today_in_wib

from .models import Education, IncomeBand, WorkStatus

# Letters of any script, spaces and the punctuation names use; no markup, no digits.
_NAME = RegexValidator(
    r"^[^\W\d_]+(?:[ .,'’\-][^\W\d_]*)*\.?$",
    _("Write your name with letters only, as on your ID card (KTP)."),
    code="invalid_name",
)
_PLACE = RegexValidator(
    r"^[\w .,'’\-/]+$",
    _("Write the name of the village with letters and numbers only."),
    code="invalid_place",
)


def _age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class RegistrationForm(PublicForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=100, validators=[_NAME], help_text=_("As written on your ID card (KTP).")
    )
    whatsapp = WhatsAppNumberField(
        help_text=_("The coordinator will contact you on this number. Example: 0812 3456 7890.")
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        max_length=254,
        help_text=_("If you give one, we send you the confirmation by email too."),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        help_text=_("Day, month and year, for example 17/08/1995."),
        error_messages={"invalid": _("Enter a date of birth such as 17/08/1995.")},
    )
    kecamatan = forms.ChoiceField(
        label=_("Kecamatan (district)"),
        choices=[("", _("Choose your district"))] + list(Kecamatan.choices) + [("lain", _("Outside Palangka Raya"))],
    )
    kelurahan = forms.CharField(label=_("Kelurahan (village)"), max_length=100, validators=[_PLACE])
    education = forms.ChoiceField(
        label=_("Last education"), choices=[("", _("Choose your last education"))] + list(Education.choices)
    )
    motivation = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("A few sentences, at most 500 characters."),
    )
    consent = consent_field(
        _(
            "I agree that the organiser stores and uses these details only to run this training and to contact me "
            "about it."
        )
    )

    # The baseline of the follow-up surveys (events.surveys): optional, and asked apart from
    # the consent above, so refusing it changes nothing about the registration.
    work_status = forms.ChoiceField(
        label=_("What is your work now? (optional)"),
        choices=[("", _("I prefer not to say"))] + list(WorkStatus.choices),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "This question and the next help us measure what the training changes. Your registration is the same "
            "whether you answer them or not."
        ),
    )
    income_band = forms.TypedChoiceField(
        label=_("About how much do you earn a month now, all together? (optional)"),
        choices=[("", _("I prefer not to say"))] + list(IncomeBand.choices),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    follow_up = forms.BooleanField(required=False)

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        self.fields["follow_up"].label = _(
            "You may ask me again %(months)s months after the training how I am doing (a few questions by WhatsApp "
            "or email). Optional."
        ) % {"months": get_text_list([str(months) for months in settings.SURVEY_FOLLOW_UP_MONTHS], _("and"))}

    def clean_kecamatan(self):
        # "Outside the city" is a real answer, not a district: stored as empty.
        value = self.cleaned_data["kecamatan"]
        return "" if value == "lain" else value

    def clean_date_of_birth(self):
        birth = self.cleaned_data["date_of_birth"]
        today = today_in_wib()
        if birth >= today or birth < date(today.year - 110, 1, 1):
            raise forms.ValidationError(_("Enter your real date of birth."), code="implausible")
        start = self.event.schedule_start
        day = start.date() if start else today
        age = _age_on(birth, day)
        if self.event.min_age is not None and age < self.event.min_age:
            raise forms.ValidationError(
                _("This training is for people aged %(age)s or older when it starts.") % {"age": self.event.min_age},
                code="too_young",
            )
        if self.event.max_age is not None and age > self.event.max_age:
            raise forms.ValidationError(
                _("This training is for people aged up to %(age)s when it starts.") % {"age": self.event.max_age},
                code="too_old",
            )
        return birth

    def clean_education(self):
        value = self.cleaned_data["education"]
        order = list(Education.values)
        required = self.event.min_education
        if required and value in order and order.index(value) < order.index(required):
            raise forms.ValidationError(
                _("This training asks for at least: %(level)s.") % {"level": Education(required).label},
                code="education",
            )
        return value
