"""Figures for coordinators and partners: registered → attended at least once → completed, and the no-show rate.

Per training and per skill area; three queries, whatever the number of trainings.
"Registered" counts confirmed places (walk-ins included); a no-show is a
confirmed participant never ticked present, counted once the training has started.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Locale

from home.localized import snippet_field
from home.models import SkillArea

from .models import RegistrationStatus, TrainingEvent

CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)


@dataclass
class Funnel:
    label: str
    registered: int = 0
    attended: int = 0
    completed: int = 0
    # Confirmed people of trainings that have started: the no-show rate's denominator.
    started_registered: int = 0
    started_attended: int = 0
    trainings: list = field(default_factory=list)
    pk: int | None = None
    started: bool = False

    def add(self, other):
        self.registered += other.registered
        self.attended += other.attended
        self.completed += other.completed
        self.started_registered += other.started_registered
        self.started_attended += other.started_attended

    @property
    def no_shows(self):
        return self.started_registered - self.started_attended

    @property
    def no_show_percent(self):
        if not self.started_registered:
            return None
        return round(100 * self.no_shows / self.started_registered)

    @property
    def completed_percent(self):
        return round(100 * self.completed / self.registered) if self.registered else None


def figures(language, now=None):
    """([Funnel per training, latest first], [Funnel per skill area, by name])."""
    now = now or timezone.now()
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    trainings = (
        TrainingEvent.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .with_schedule(now)
        .annotate(
            registered=Count("registrations", filter=CONFIRMED, distinct=True),
            attended=Count(
                "registrations", filter=CONFIRMED & Q(registrations__attendance__present=True), distinct=True
            ),
            completed=Count("registrations", filter=CONFIRMED & Q(registrations__completed=True), distinct=True),
        )
        .filter(registered__gt=0)
        .only("pk", "title", "translation_key")
        .order_by("-first_start")
    )
    local_titles = dict(TrainingEvent.objects.filter(locale=locale).values_list("translation_key", "title"))
    by_training = []
    for event in trainings:
        started = event.first_start is not None and event.first_start <= now
        by_training.append(
            Funnel(
                label=local_titles.get(event.translation_key, event.title),
                registered=event.registered,
                attended=event.attended,
                completed=event.completed,
                started_registered=event.registered if started else 0,
                started_attended=event.attended if started else 0,
                pk=event.pk,
                started=started,
            )
        )
    through = TrainingEvent.skill_areas.through
    links = through.objects.filter(trainingevent_id__in=[f.pk for f in by_training]).values_list(
        "trainingevent_id", "skillarea_id"
    )
    areas = {}
    names = dict(
        SkillArea.objects.filter(pk__in={area for _t, area in links})
        .annotate(local_name=snippet_field(SkillArea, "name", locale.pk))
        .values_list("pk", "local_name")
    )
    per_training = {f.pk: f for f in by_training}
    for training_id, area_id in links:
        funnel = areas.setdefault(area_id, Funnel(label=names.get(area_id, "?"), pk=area_id))
        funnel.add(per_training[training_id])
        funnel.trainings.append(per_training[training_id].label)
    return by_training, sorted(areas.values(), key=lambda f: f.label)
