"""The events app's background tasks (django-tasks), run by `manage.py db_worker` (README, "Registrants' journey")."""

from django_tasks import task

from . import notifications
from . import upkeep as upkeep_work


@task()
def prepare_messages(registration_id, kind, key, details):
    """Create the messages a change calls for, one per channel, and queue the emails among them."""
    notifications.prepare(registration_id, kind, key, details)


@task()
def send_message(message_id):
    """Send one email or Cloud API message; a failure queues the next attempt, after a growing wait."""
    notifications.send(message_id)


@task()
def upkeep():
    """Every UPKEEP_MINUTES: queue again the work of a worker that died, prune old task results (events.upkeep)."""
    return upkeep_work.run()
