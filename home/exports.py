"""The coordinators' spreadsheets (CSV and XLSX): one export for every admin listing of personal data.

A coordinator opens these files in a spreadsheet program on their own computer,
where what the public typed into a form must stay text:

- a text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return: CSV injection, as OWASP describes it)
  gets a leading apostrophe, in CSV and XLSX alike, so the text stays readable and
  stays text even after the file is saved again in another format;
- times are in WIB, like everything on the site, whatever time zone the admin user chose;
- a choice field shows its label in the admin user's language, not the code stored.

It is Wagtail's own export (``SpreadsheetExportMixin``, which every admin
``IndexView`` has) with those rules added. A viewset uses it with
``index_view_class = SafeExportIndexView`` and declares only its columns
(``list_export``, ``export_headings``, ``export_filename``).
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import cached_property
from django.utils.translation import get_language, override
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .formats import in_wib

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A byte-order mark, so that Excel reads names with accents and emoji as UTF-8.
BYTE_ORDER_MARK = "\ufeff"


def neutralise(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def choice_labels(model, path):
    """The labels of the choice field a column reads ("kecamatan", "event.mode"), or None for any other column."""
    *relations, name = path.split(".")
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        field = model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return None
    return dict(field.flatchoices) if field.choices else None


def _csv_stream(language, rows):
    yield BYTE_ORDER_MARK
    while True:
        # Entered and left within each row, so that no language is left active between two
        # chunks, whichever thread or context the server writes the next chunk from.
        with override(language):
            row = next(rows, None)
        if row is None:
            return
        yield row


class SafeExportMixin:
    """For an admin ``IndexView``: the export rules above on top of Wagtail's."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        # Replaces Wagtail's UTC conversion. XLSX has no time zones: the cell holds the WIB clock time.
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: in_wib(value).isoformat(sep=" ", timespec="seconds"),
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: in_wib(value).replace(tzinfo=None),
        },
    }

    @cached_property
    def choice_columns(self):
        columns = ((field, choice_labels(self.model, field)) for field in self.list_export)
        return {field: labels for field, labels in columns if labels}

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field, labels in self.choice_columns.items():
            row[field] = labels.get(row[field], row[field])
        return row

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if isinstance(value, str) else value

    def stream_csv(self, queryset):
        # The CSV is written while the response streams, after the view has returned and
        # with it the admin user's language: headings and labels would fall back to the default.
        return _csv_stream(get_language(), super().stream_csv(queryset))


class SafeExportIndexView(SafeExportMixin, IndexView):
    pass
