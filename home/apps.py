from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site frame")

    def ready(self):
        from . import checks, signals  # noqa: F401  (checks registers itself)

        signals.connect()
