"""Compute completion (and issue certificates) for every training whose last session has ended.

The worker normally does this at the end of each training (events.completion.schedule);
this command is the safety net for a task that was missed (worker down, training
edited after it ended). Running it again changes nothing.
"""

from django.core.management.base import BaseCommand

from events.completion import sweep


class Command(BaseCommand):
    help = "Compute completion and issue certificates for trainings that have ended (safe to repeat)."

    def handle(self, *args, **options):
        done = sweep()
        for event_id, completed in done.items():
            self.stdout.write(f"training {event_id}: {completed} completed")
        self.stdout.write(f"{len(done)} training(s) computed")
