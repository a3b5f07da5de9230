"""The events app's background tasks (django-tasks), run by `manage.py db_worker` (README, "Registrants' journey")."""

from django_tasks import task

from . import notifications


@task()
def prepare_messages(registration_id, kind, key, details):
    """Create the messages a change calls for, one per channel, and queue the emails among them."""
    notifications.prepare(registration_id, kind, key, details)


@task()
def send_message(message_id):
    """Send one email; a failure queues the next attempt, after a growing wait."""
    notifications.send(message_id)


@task()
def compute_completion(event_id):
    """At the end of a training's last session: who completed, and their certificates (events.completion)."""
    from . import completion

    completion.compute(event_id)
