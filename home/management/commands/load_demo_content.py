from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import DEMO_PASSWORD, DEMO_USERNAME, DemoContext, demo_user, ensure_locales, order_menu
from home.registry import DEMO_CONTENT, registered
from home.roles import set_up_existing_pages


class Command(BaseCommand):
    help = "Load the demo content in Indonesian and English. Safe to run again: it creates nothing twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            ensure_locales()
            ctx = DemoContext(demo_user(), self.stdout)
            # Each app owns its demo content (`<app>/demo.py`) and registers it with an order:
            # later ones link to what earlier ones made.
            for demo in registered(DEMO_CONTENT):
                self.stdout.write(f"{demo.name}:")
                demo.load(ctx)
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
