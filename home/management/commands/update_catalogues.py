from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Extract translatable strings into each app's Indonesian and English catalogues and compile them."

    def handle(self, *args, **options):
        from home import admin_strings
        from home.catalogues import update_catalogues

        untranslated = update_catalogues()
        counts = admin_strings.build()
        self.stdout.write(f"Indonesian admin catalogues (Wagtail, wagtail-localize): {counts}")
        if untranslated:
            self.stdout.write(self.style.WARNING(f"{len(untranslated)} strings still need an Indonesian translation:"))
            for line in untranslated:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write(self.style.SUCCESS("Catalogues complete and compiled."))
