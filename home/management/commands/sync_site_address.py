from django.core.management.base import BaseCommand
from wagtail.models import Site

from home.addresses import public_base_url, sync_site


class Command(BaseCommand):
    help = "Point the default Wagtail Site record at PUBLIC_BASE_URL (run by make release and make run)."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No default site yet; nothing to do.")
            return
        changed = sync_site(site)
        self.stdout.write(f"Site record {'set to' if changed else 'already at'} {public_base_url()}")
