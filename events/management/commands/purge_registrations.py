"""Data minimisation: registrants' personal data does not outlive its purpose.

Registrations of trainings whose last session ended more than --months ago are
anonymised (the row stays, so the number of participants still adds up) or,
with --delete, removed. --dry-run only reports what would happen.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat
from django.utils import timezone

from events.models import EventSession, Registration

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
        if not delete:
            registrations = registrations.filter(anonymised=False)
        count = registrations.count()
        verb = "delete" if delete else "anonymise"
        before = f"of trainings ended before {cutoff:%Y-%m-%d}"
        if dry_run:
            self.stdout.write(f"Dry run: would {verb} {count} registration(s) {before}.")
            return
        with transaction.atomic():
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
                    anonymised=True,
                )
        self.stdout.write(f"{verb.capitalize()}d {count} registration(s) {before}.")
