"""Data minimisation: registrants' personal data does not outlive its purpose.

Registrations of trainings whose last session ended more than --months ago are
anonymised (the row stays, so the number of participants still adds up) or,
with --delete, removed. --dry-run only reports what would happen.

Completers who agreed to follow-up surveys are kept until their last survey round has
closed (events.surveys): the surveys need their number. Their answers then stay only as
anonymous rows of the training.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from events.models import EventSession, Registration, SurveyAnswer
from events.surveys import still_open_for_ends_after

DEFAULT_MONTHS = 6


class Command(BaseCommand):
    help = "Anonymise (or delete) registrations of trainings that ended more than N months ago."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=DEFAULT_MONTHS, help="Default: %(default)s.")
        parser.add_argument("--delete", action="store_true", help="Delete the rows instead of anonymising them.")
        parser.add_argument("--dry-run", action="store_true", help="Only count; change nothing.")

    def handle(self, *args, months, delete, dry_run, **options):
        if months < 1:
            raise CommandError("--months must be 1 or more.")
        # A month counted as 30 days: the rule is "about N months", never a day too early.
        cutoff = timezone.now() - timedelta(days=30 * months)
        # Ended: has sessions, and none of them ends after the cutoff.
        has_sessions = EventSession.objects.filter(event_id=OuterRef("event_id"))
        recent = EventSession.objects.filter(event_id=OuterRef("event_id"), end__gte=cutoff)
        registrations = Registration.objects.filter(Exists(has_sessions)).exclude(Exists(recent))
        survey_ends = still_open_for_ends_after(max(settings.SURVEY_FOLLOW_UP_MONTHS, default=0), timezone.now())
        still_surveyed = EventSession.objects.filter(event_id=OuterRef("event_id"), end__gte=survey_ends)
        registrations = registrations.exclude(
            Q(completed=True, follow_up_consent_at__isnull=False) & Exists(still_surveyed)
        )
        if not delete:
            registrations = registrations.filter(anonymised=False)
        count = registrations.count()
        verb = "delete" if delete else "anonymise"
        before = f"of trainings ended before {cutoff:%Y-%m-%d}"
        if dry_run:
            self.stdout.write(f"Dry run: would {verb} {count} registration(s) {before}.")
            return
        with transaction.atomic():
            SurveyAnswer.objects.filter(registration__in=registrations.values("pk")).update(
                registration=None, story_consent_at=None
            )
            if delete:
                registrations.delete()
            else:
                registrations.update(
                    full_name="",
                    # (event, whatsapp) stays unique: each row gets a non-number made of its reference.
                    whatsapp=Concat(Value("anon-"), "reference"),
                    email="",
                    date_of_birth=None,
                    kelurahan="",
                    motivation="",
                    follow_up_consent_at=None,
                    anonymised=True,
                )
        self.stdout.write(f"{verb.capitalize()}d {count} registration(s) {before}.")
