from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Training events")

    def ready(self):
        from wagtail.signals import page_published

        from .changes import announce_changes, schedule_completion
        from .new_batch import announce_new_batch

        page_published.connect(announce_changes, dispatch_uid="events.announce_changes")
        page_published.connect(announce_new_batch, dispatch_uid="events.announce_new_batch")
        page_published.connect(schedule_completion, dispatch_uid="events.schedule_completion")
