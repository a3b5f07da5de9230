from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from home.admin_forms import PageLanguageSnippetsForm
from home.formats import format_moment as _when
from home.models import Kecamatan
from home.timezones import now_in_wib


class TrainingEventAdminForm(PageLanguageSnippetsForm):
    """Checks that need every session at once: overlaps, and registration closing before the training ends.

    A session's own start/end order is checked by `EventSession.clean`; these
    errors are also listed at the top of the editor, because a session row can
    be far down the page.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("sessions")
        if formset is None or not formset.is_valid():
            return cleaned_data
        rows = sorted(
            (
                (form.cleaned_data["start"], form.cleaned_data["end"], form)
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ),
            key=lambda row: row[0],
        )
        for (previous_start, previous_end, _previous), (start, _end, form) in zip(rows, rows[1:], strict=False):
            if start < previous_end:
                message = _(
                    "The session starting %(start)s overlaps the session from %(previous_start)s to "
                    "%(previous_end)s. Change the times so that one ends before the next begins."
                ) % {
                    "start": _when(start),
                    "previous_start": _when(previous_start),
                    "previous_end": _when(previous_end),
                }
                form.add_error("start", message)
                self.add_error(None, message)
        closes = cleaned_data.get("registration_closes")
        if rows and closes:
            last_end = max(end for _start, end, _form in rows)
            if closes > last_end:
                self.add_error(
                    "registration_closes",
                    _(
                        "Registration closes after the last session ends (%(last_end)s). "
                        "Choose a closing time before the training is over."
                    )
                    % {"last_end": _when(last_end)},
                )
        return cleaned_data


def month_choices(count=12):
    """This month and the next ones, as ("2026-12", "December 2026") in the active language."""
    today = now_in_wib().date()
    choices = []
    year, month = today.year, today.month
    for _step in range(count):
        first = today.replace(year=year, month=month, day=1)
        choices.append((f"{year:04d}-{month:02d}", formats.date_format(first, "YEAR_MONTH_FORMAT")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class EventFilterForm(forms.Form):
    """The filters of the upcoming list. Field names are Indonesian and the same in both languages,
    so a shared link (?bidang=menjahit) works for everyone."""

    bidang = forms.ChoiceField(label=_("Skill area"), required=False)
    bulan = forms.ChoiceField(label=_("Month"), required=False)
    mode = forms.ChoiceField(label=_("How it meets"), required=False)
    kecamatan = forms.ChoiceField(label=_("District (kecamatan)"), required=False)
    ada_tempat = forms.BooleanField(label=_("Only trainings with places left"), required=False)

    def __init__(self, data, skill_areas, *, with_month=True):
        super().__init__(data)
        from .models import Mode

        everything = [("", _("All"))]
        self.fields["bidang"].choices = everything + [(area.slug, area.name) for area in skill_areas]
        self.fields["mode"].choices = everything + list(Mode.choices)
        self.fields["kecamatan"].choices = everything + list(Kecamatan.choices)
        if with_month:
            self.fields["bulan"].choices = everything + month_choices()
        else:
            del self.fields["bulan"]

    def usable(self):
        """The filters that were understood; unknown values are dropped rather than failing the page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}
