"""The follow-up survey: one short phone page, every question required except the story consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import PublicForm

from .models import BusinessChange, Helpfulness, IncomeBand, SalesChannel, WorkStatus

# Beyond this a typing slip is more likely than a business: a clear message, not a figure.
MOST_EMPLOYED = 500


class SurveyForm(PublicForm):
    work_status = forms.ChoiceField(
        label=_("What is your work now?"), choices=WorkStatus.choices, widget=forms.RadioSelect
    )
    income_band = forms.TypedChoiceField(
        label=_("About how much do you earn a month now, all together?"),
        help_text=_("Wages, your business and any other work together."),
        choices=IncomeBand.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    helped = forms.TypedChoiceField(
        label=_("Did the training help you?"), choices=Helpfulness.choices, coerce=int, widget=forms.RadioSelect
    )
    business = forms.ChoiceField(
        label=_("Since the training, did you start a business or grow the one you had?"),
        choices=BusinessChange.choices,
        widget=forms.RadioSelect,
    )
    employs = forms.IntegerField(
        label=_("How many people work for you, not counting yourself?"),
        help_text=_("Write 0 if nobody does."),
        min_value=0,
        max_value=MOST_EMPLOYED,
        error_messages={
            "invalid": _("Write a number, such as 0 or 2."),
            "min_value": _("Write a number, such as 0 or 2."),
            "max_value": _("Write a number of at most %(limit_value)s."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MOST_EMPLOYED}),
    )
    sells_at = forms.MultipleChoiceField(
        label=_("Where do you sell what you make or offer?"),
        help_text=_("Choose all that apply."),
        choices=SalesChannel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    story = forms.BooleanField(
        label=_("You may contact me: I would like to tell my story for a success story on this site. (optional)"),
        help_text=_("An editor contacts you first on WhatsApp; nothing about you is published without your agreement."),
        required=False,
    )

    def clean_sells_at(self):
        chosen = self.cleaned_data["sells_at"]
        if SalesChannel.NONE in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                _("Choose “I do not sell anything” alone, or only the places where you sell."), code="contradiction"
            )
        return chosen
