"""Impact figures measured by the follow-up surveys: per training, skill area, year and for the programme.

Six queries whatever the number of answers: completers, people asked, the answers
grouped by what they say (so rows grow with the kinds of answer, not with people),
the trainings, their skill areas and the skill areas' names. The median change of
income band is read from the grouped counts in Python.

A group (a training, a skill area, a year or the whole programme) with fewer than
``SURVEY_MIN_GROUP`` answers to a round gives a ``Suppressed`` round, which carries
no figure at all: no one can be recognised from a small group. A group that would
give a small one away by subtraction is held back too (``_held_back``). No single
answer is ever published. The home page needs the programme's figures alone: three
queries (``programme_only``).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from events.models import (
    HELPED,
    WORKING,
    BusinessChange,
    MessageKind,
    MessageStatus,
    Registration,
    RegistrationMessage,
    SurveyAnswer,
    TrainingEvent,
)
from home.cache import cached
from home.page_cache import live_version
from home.timezones import WIB
from stories.listings import skill_area_labels

PROGRAMME, SKILL_AREA, YEAR, TRAINING = "programme", "skill-area", "year", "training"

# One line each, published with every figure.
METHOD_NOTES = {
    "response": _("Answers received out of the completers who were sent the survey."),
    "working_before": _(
        "Respondents working or running a business when they registered, out of those who answered the "
        "question at registration."
    ),
    "working_after": _("Respondents working or running a business now, out of those who answered the question."),
    "income": _(
        "Median change of monthly income band (six bands, from no income to Rp 5 million or more) between "
        "registration and now, among respondents who gave their income both times."
    ),
    "helped": _("Respondents who say the training helped them much or very much, out of those who answered."),
    "business": _("Respondents who started a business or grew the one they had, out of those who answered."),
    "employing": _("Respondents who now employ at least one other person, and how many people they employ."),
}
GROWN = (BusinessChange.STARTED, BusinessChange.GREW)


def min_group():
    return settings.SURVEY_MIN_GROUP


@dataclass(frozen=True)
class Share:
    count: int
    of: int

    @property
    def percent(self):
        return round(100 * self.count / self.of) if self.of else None


@dataclass(frozen=True)
class RoundFigures:
    """What one group's answers to one round add up to; published only when ``answered >= SURVEY_MIN_GROUP``."""

    round: int
    completers: int
    asked: int
    answered: int
    working_before: Share
    working_after: Share
    # Respondents with an income band at registration and now, and the median of their change (in bands).
    income_pairs: int
    median_income_change: float | None
    helped: Share
    business: Share
    employing: int
    people_employed: int
    suppressed = False
    method = METHOD_NOTES

    @property
    def response_rate(self):
        return round(100 * self.answered / self.asked) if self.asked else None

    @property
    def income_change_display(self):
        """The median change with its sign, in the active language's number format: "+1", "0", "−0,5"."""
        value = self.median_income_change
        if value is None:
            return ""
        size = abs(value)
        text = str(int(size)) if size == int(size) else number_format(size, 1)
        return ("+" if value > 0 else "\u2212" if value < 0 else "") + text


@dataclass(frozen=True)
class Suppressed:
    """A round of a group with too few answers: only that it exists and the threshold it missed.

    ``secondary``: the group has enough answers itself, but is held back so that a smaller
    group cannot be worked out by subtracting it from a larger one.
    """

    round: int
    threshold: int
    secondary: bool = False
    suppressed = True


@dataclass
class Group:
    kind: str
    key: str
    label: str  # the programme's is lazy: it follows the language it is drawn in
    rounds: list = field(default_factory=list)

    def round(self, months):
        return next((r for r in self.rounds if r.round == months), None)

    @property
    def published_rounds(self):
        return [r for r in self.rounds if not r.suppressed]

    @property
    def latest(self):
        """The longest-after round with enough answers, or None."""
        published = self.published_rounds
        return max(published, key=lambda r: r.round) if published else None


@dataclass
class Programme:
    programme: Group
    years: list
    skill_areas: list
    trainings: list
    threshold: int

    def groups(self):
        return [self.programme, *self.years, *self.skill_areas, *self.trainings]

    @property
    def any_suppressed(self):
        return any(r.suppressed for group in self.groups() for r in group.rounds)


class _Tally:
    """The grouped answer rows of one (group, round), added up."""

    def __init__(self):
        self.answered = 0
        self.work_before = [0, 0]  # working, known
        self.work_after = [0, 0]
        self.income_changes = Counter()
        self.helped = [0, 0]
        self.business = [0, 0]
        self.employing = 0
        self.people_employed = 0

    def add(self, row):
        n = row["n"]
        self.answered += n
        if row["baseline_work_status"]:
            self.work_before[1] += n
            self.work_before[0] += n if row["baseline_work_status"] in WORKING else 0
        if row["work_status"]:
            self.work_after[1] += n
            self.work_after[0] += n if row["work_status"] in WORKING else 0
        if row["income_band"] is not None and row["baseline_income_band"] is not None:
            self.income_changes[row["income_band"] - row["baseline_income_band"]] += n
        if row["helped"] is not None:
            self.helped[1] += n
            self.helped[0] += n if row["helped"] in HELPED else 0
        if row["business"]:
            self.business[1] += n
            self.business[0] += n if row["business"] in GROWN else 0
        self.employing += row["employing"]
        self.people_employed += row["employed"]

    def figures(self, months, completers, asked, threshold, held_back=False):
        if self.answered < threshold:
            return Suppressed(round=months, threshold=threshold)
        if held_back:
            return Suppressed(round=months, threshold=threshold, secondary=True)
        pairs = sum(self.income_changes.values())
        return RoundFigures(
            round=months,
            completers=completers,
            # A person asked who answered is always counted as asked, even if their message record is gone.
            asked=max(asked, self.answered),
            answered=self.answered,
            working_before=Share(*self.work_before),
            working_after=Share(*self.work_after),
            income_pairs=pairs,
            median_income_change=_median(self.income_changes) if pairs else None,
            helped=Share(*self.helped),
            business=Share(*self.business),
            employing=self.employing,
            people_employed=self.people_employed,
        )


def _median(counts):
    """The median of values given as {value: how many}."""
    total = sum(counts.values())
    ordered = sorted(counts.items())

    def nth(index):
        seen = 0
        for value, n in ordered:
            seen += n
            if index < seen:
                return value
        return ordered[-1][0]

    if total % 2:
        return nth(total // 2)
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _answer_rows():
    return (
        SurveyAnswer.objects.filter(round__gt=SurveyAnswer.BASELINE)
        .order_by()
        .values(
            "event_id",
            "round",
            "work_status",
            "baseline_work_status",
            "income_band",
            "baseline_income_band",
            "helped",
            "business",
        )
        .annotate(
            n=Count("pk"),
            employing=Count("pk", filter=Q(employs__gt=0)),
            employed=Coalesce(Sum("employs"), Value(0)),
        )
    )


def _groups_of_trainings(event_ids, locale_id, groups):
    """The trainings (with their last session's end), and for each the groups it counts in; adds those to `groups`."""
    local_title = TrainingEvent.objects.filter(translation_key=OuterRef("translation_key"), locale_id=locale_id)
    trainings = list(
        TrainingEvent.objects.filter(pk__in=event_ids)
        .annotate(
            last_end=Max("sessions__end"), local_title=Coalesce(Subquery(local_title.values("title")[:1]), F("title"))
        )
        .values("pk", "translation_key", "local_title", "last_end")
    )
    areas_of = defaultdict(list)
    through = TrainingEvent.skill_areas.through
    for event_id, area_id in through.objects.filter(trainingevent_id__in=event_ids).values_list(
        "trainingevent_id", "skillarea_id"
    ):
        areas_of[event_id].append(area_id)
    labels = skill_area_labels(locale_id)

    # Which groups each training belongs to.
    member_of = {}
    for training in trainings:
        keys = [(PROGRAMME, ""), (TRAINING, str(training["translation_key"]))]
        groups[keys[1]] = Group(TRAINING, keys[1][1], training["local_title"])
        if training["last_end"] is not None:
            year = str(training["last_end"].astimezone(WIB).year)
            keys.append((YEAR, year))
            groups.setdefault((YEAR, year), Group(YEAR, year, year))
        for area_id in areas_of[training["pk"]]:
            label = labels.by_pk.get(area_id)
            if label is not None:
                keys.append((SKILL_AREA, label.slug))
                groups.setdefault((SKILL_AREA, label.slug), Group(SKILL_AREA, label.slug, label.name))
        member_of[training["pk"]] = list(dict.fromkeys(keys))
    return trainings, member_of


def _held_back(member_of, tallies, rounds, threshold):
    """Groups with enough answers held back so that no small group can be had by subtraction (secondary suppression).

    A published group is the sum of its parts: the programme of its years, skill areas and
    trainings; a year or a skill area of its trainings. When the hidden parts of a published
    whole hold fewer than ``threshold`` answers between them, the whole minus the shown parts
    would give them away, so the smallest shown part is held back too, until the hidden parts
    hold enough answers or none is shown.
    """
    partitions = defaultdict(set)
    for keys in member_of.values():
        training = next((key for key in keys if key[0] == TRAINING), None)
        for key in keys:
            if key[0] in (YEAR, SKILL_AREA):
                partitions[(PROGRAMME, ""), key[0]].add(key)
                if training is not None:
                    partitions[key, TRAINING].add(training)
        if training is not None:
            partitions[(PROGRAMME, ""), TRAINING].add(training)

    def answered(key, months):
        tally = tallies.get((key, months))
        return tally.answered if tally else 0

    held = set()
    for months in rounds:

        def hidden(key, months=months):
            return 0 < answered(key, months) < threshold or (key, months) in held

        changed = True
        while changed:
            changed = False
            for (whole, _kind), parts in partitions.items():
                if hidden(whole):
                    continue
                secret = sum(answered(part, months) for part in parts if hidden(part))
                if not 0 < secret < threshold:
                    continue
                shown = [part for part in parts if answered(part, months) and not hidden(part)]
                if shown:
                    held.add((min(shown, key=lambda part: (answered(part, months), part)), months))
                    changed = True
    return held


def compute(locale_id, threshold=None, programme_only=False):
    """Every group's figures, labelled in the language of ``locale_id``.

    ``programme_only``: the whole programme's alone, in three queries (for the home page).
    """
    threshold = min_group() if threshold is None else threshold
    completers = dict(
        Registration.objects.filter(completed=True)
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    )
    asked = defaultdict(dict)  # event id -> {round: people}
    sent = (
        RegistrationMessage.objects.filter(kind=MessageKind.SURVEY, status=MessageStatus.SENT)
        .order_by()
        .values("registration__event_id", "key")
        .annotate(n=Count("registration", distinct=True))
    )
    for row in sent:
        if row["key"].isdigit():
            asked[row["registration__event_id"]][int(row["key"])] = row["n"]
    answers = list(_answer_rows())

    event_ids = set(completers) | set(asked) | {row["event_id"] for row in answers}
    groups = {(PROGRAMME, ""): Group(PROGRAMME, "", _("The whole programme"))}
    if programme_only:
        trainings = []
        member_of = {event_id: [(PROGRAMME, "")] for event_id in event_ids}
    else:
        trainings, member_of = _groups_of_trainings(event_ids, locale_id, groups)

    tallies = defaultdict(_Tally)
    for row in answers:
        for key in member_of.get(row["event_id"], [(PROGRAMME, "")]):
            tallies[key, row["round"]].add(row)
    group_completers = Counter()
    group_asked = Counter()
    for event_id, keys in member_of.items():
        for key in keys:
            group_completers[key] += completers.get(event_id, 0)
            for months, n in asked.get(event_id, {}).items():
                group_asked[key, months] += n

    rounds = sorted(
        set(settings.SURVEY_FOLLOW_UP_MONTHS) | {months for _key, months in tallies} | {m for _k, m in group_asked}
    )
    held_back = _held_back(member_of, tallies, rounds, threshold)
    for key, group in groups.items():
        for months in rounds:
            tally = tallies.get((key, months))
            if tally is None and not group_asked[key, months]:
                continue
            tally = tally or _Tally()
            group.rounds.append(
                tally.figures(
                    months, group_completers[key], group_asked[key, months], threshold, (key, months) in held_back
                )
            )

    last_end = {str(t["translation_key"]): t["last_end"] for t in trainings}
    by_kind = defaultdict(list)
    for group in groups.values():
        if group.rounds:  # a training whose first survey is not due yet has nothing to show
            by_kind[group.kind].append(group)
    return Programme(
        programme=groups[PROGRAMME, ""],
        years=sorted(by_kind[YEAR], key=lambda g: g.key, reverse=True),
        skill_areas=sorted(by_kind[SKILL_AREA], key=lambda g: g.label.casefold()),
        # Latest first; trainings without sessions last.
        trainings=sorted(
            by_kind[TRAINING], key=lambda g: (last_end.get(g.key) is not None, last_end.get(g.key) or 0), reverse=True
        ),
        threshold=threshold,
    )


def impact_figures(locale_id):
    """``compute()``, cached until the content or the answers change (SurveyAnswer.changed_live_figures)."""
    version = live_version("impact")
    if version is None:
        return compute(locale_id)
    return cached(("impact-figures", version, locale_id), lambda: compute(locale_id))


def programme_figures(locale_id):
    """The whole programme's figures alone (three queries), cached like ``impact_figures``."""
    version = live_version("impact")
    if version is None:
        return compute(locale_id, programme_only=True).programme
    return cached(("impact-programme", version, locale_id), lambda: compute(locale_id, programme_only=True).programme)
