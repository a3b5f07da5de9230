import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import DEMO_PASSWORD, DEMO_USERNAME, DemoContext, demo_user, ensure_locales, order_menu
from home.roles import set_up_existing_pages

# Each content app owns its demo content in `<app>/demo.py`; they run in this
# order because later ones link to what earlier ones made.
LOADERS = ["home.demo", "events.demo", "stories.demo", "campaigns.demo"]


class Command(BaseCommand):
    help = "Load the demo content in Indonesian and English. Safe to run again: it creates nothing twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            ensure_locales()
            ctx = DemoContext(demo_user(), self.stdout)
            for name in LOADERS:
                self.stdout.write(f"{name}:")
                importlib.import_module(name).load(ctx)
            order_menu(ctx)
            # Roles and the review workflow on the section pages (also done as each page is created).
            set_up_existing_pages()
        from django.conf import settings

        if settings.DEBUG:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content ready. Admin: /admin/ as {DEMO_USERNAME} / {DEMO_PASSWORD} (development only)."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("Demo content ready (no admin password set outside DEBUG)."))
