"""Impact figures: what the published stories of one language add up to."""

import statistics
from dataclasses import dataclass, field

from wagtail.models import Locale

from .listings import skill_area_labels
from .models import SuccessStory


@dataclass(frozen=True)
class SkillAreaBar:
    name: str
    slug: str
    count: int
    # Bar length relative to the longest bar, 0–100.
    percent: int


@dataclass(frozen=True)
class ImpactFigures:
    story_count: int = 0
    business_count: int = 0
    # Stories that give the monthly income both before and after the training.
    income_reported: int = 0
    median_income_change: int | None = None
    bars: list = field(default_factory=list)

    @property
    def business_share(self):
        """Percentage of stories whose participant started a business, rounded to a whole number."""
        return round(100 * self.business_count / self.story_count) if self.story_count else 0

    def __bool__(self):
        return self.story_count > 0


def impact_figures(locale_id=None):
    """Count, business share, median income change and stories per skill area, in one query.

    `locale_id` defaults to the active language's locale (one more query to look it up).

    Each row is one (story, skill area) pair, so the figures and the chart come
    from the same statement; the median is taken in Python because SQLite has no
    median function and PostgreSQL's is not portable.
    """
    if locale_id is None:
        locale_id = Locale.get_active().pk
    rows = SuccessStory.objects.published(locale_id).values_list(
        "pk", "income_before", "income_after", "started_business", "skill_areas"
    )
    labels = skill_area_labels(locale_id)
    stories = {}
    per_area = {}
    for pk, before, after, started_business, skill_area_id in rows:
        stories[pk] = (before, after, started_business)
        label = labels.by_pk.get(skill_area_id)
        if label is not None:
            per_area.setdefault(label, set()).add(pk)
    if not stories:
        return ImpactFigures()
    changes = [after - before for before, after, _ in stories.values() if before is not None and after is not None]
    longest = max((len(pks) for pks in per_area.values()), default=0)
    bars = sorted(
        (
            SkillAreaBar(label.name, label.slug, len(pks), round(100 * len(pks) / longest))
            for label, pks in per_area.items()
        ),
        key=lambda bar: (-bar.count, bar.name.casefold()),
    )
    return ImpactFigures(
        story_count=len(stories),
        business_count=sum(1 for _, _, started in stories.values() if started),
        income_reported=len(changes),
        median_income_change=round(statistics.median(changes)) if changes else None,
        bars=bars,
    )
