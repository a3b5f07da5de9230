"""The impact figures as open data: one row per group and survey round, CSV or JSON, under CC BY 4.0.

The same figures as the page, with the same suppression: a round of a group with
fewer than SURVEY_MIN_GROUP answers has its group, round and ``suppressed`` set and
every figure empty.
"""

import csv
import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from .figures import METHOD_NOTES

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

COLUMNS = [
    "group_type",
    "group_key",
    "group",
    "round_months",
    "suppressed",
    "completers",
    "asked",
    "answered",
    "response_rate_percent",
    "working_before_percent",
    "working_before_of",
    "working_after_percent",
    "working_after_of",
    "median_income_band_change",
    "income_pairs",
    "helped_percent",
    "helped_of",
    "business_started_or_grown_percent",
    "business_of",
    "employing_others",
    "people_employed",
]


def rows(programme):
    for group in programme.groups():
        for figures in group.rounds:
            row = dict.fromkeys(COLUMNS)
            row.update(
                group_type=group.kind,
                group_key=group.key,
                group=str(group.label),
                round_months=figures.round,
                suppressed=figures.suppressed,
            )
            if not figures.suppressed:
                row.update(
                    completers=figures.completers,
                    asked=figures.asked,
                    answered=figures.answered,
                    response_rate_percent=figures.response_rate,
                    working_before_percent=figures.working_before.percent,
                    working_before_of=figures.working_before.of,
                    working_after_percent=figures.working_after.percent,
                    working_after_of=figures.working_after.of,
                    median_income_band_change=figures.median_income_change,
                    income_pairs=figures.income_pairs,
                    helped_percent=figures.helped.percent,
                    helped_of=figures.helped.of,
                    business_started_or_grown_percent=figures.business.percent,
                    business_of=figures.business.of,
                    employing_others=figures.employing,
                    people_employed=figures.people_employed,
                )
            yield row


def metadata(programme, source_url):
    return {
        "title": _("Impact of the Pelatihan Palangka Raya trainings, measured by follow-up surveys"),
        "source": source_url,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "attribution": _("Pelatihan Palangka Raya"),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "minimum_answers": programme.threshold,
        "suppression": _(
            "Groups with fewer than %(count)s answers to a round, and groups held back so that a small group cannot "
            "be worked out by subtraction, are not shown: every figure is empty."
        )
        % {"count": programme.threshold},
        "method": {name: str(note) for name, note in METHOD_NOTES.items()},
    }


def as_json(programme, source_url):
    data = metadata(programme, source_url)
    data["columns"] = COLUMNS
    data["rows"] = list(rows(programme))
    return json.dumps(data, ensure_ascii=False, indent=1)


def as_csv(programme, source_url):
    """CSV with the metadata first, as lines starting with "#" (skip them when reading)."""
    meta = metadata(programme, source_url)
    out = io.StringIO()
    out.write(f"# {meta['title']}\n")
    out.write(f"# {_('Licence')}: {LICENCE_NAME} {LICENCE_URL} ({meta['attribution']})\n")
    out.write(f"# {_('Source')}: {source_url}\n")
    out.write(f"# {meta['suppression']}\n")
    for note in meta["method"].values():
        out.write(f"# {note}\n")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(programme):
        row["suppressed"] = "1" if row["suppressed"] else "0"
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return out.getvalue()
