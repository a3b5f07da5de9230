"""The events app's background tasks (django-tasks), run by `manage.py db_worker` (README, "Registrants' journey")."""

from django_tasks import task

from . import new_batch, notifications
from . import upkeep as upkeep_work


@task()
def prepare_messages(registration_id, kind, key, details):
    """Create the messages a change calls for, one per channel, and queue the emails among them."""
    notifications.prepare(registration_id, kind, key, details)


@task()
def prepare_new_batch_messages(event_id):
    """Tell the Notify-me people waiting for this training's skill areas that it is open (events.new_batch)."""
    new_batch.prepare(event_id)


@task()
def send_new_batch_message(message_id):
    """Send one "new batch" email; a failure queues the next attempt, after a growing wait."""
    new_batch.send(message_id)


@task()
def send_message(message_id):
    """Send one email or Cloud API message; a failure queues the next attempt, after a growing wait."""
    notifications.send(message_id)


@task()
def upkeep():
    """Every UPKEEP_MINUTES: queue again the work of a worker that died, prune old task results (events.upkeep)."""
    return upkeep_work.run()


@task()
def compute_completion(event_id):
    """At the end of a training's last session: who completed, and their certificates (events.completion)."""
    from . import completion

    completion.compute(event_id)
