"""Start the worker's upkeep (events.upkeep) at once; it then queues its own next run. Safe to run again."""

from django.core.management.base import BaseCommand

from events.upkeep import schedule_next


class Command(BaseCommand):
    help = "Queue the worker's periodic upkeep (stalled sends, pruning) unless it is already queued."

    def handle(self, *args, **options):
        if schedule_next(at_once=True):
            self.stdout.write("Upkeep queued.")
        else:
            self.stdout.write("Upkeep already queued.")
