from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Extract translatable strings into each app's Indonesian and English catalogues and compile them."

    def handle(self, *args, **options):
        from home.catalogues import update_catalogues

        untranslated = update_catalogues()
        if untranslated:
            self.stdout.write(self.style.WARNING(f"{len(untranslated)} strings still need an Indonesian translation:"))
            for line in untranslated:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write(self.style.SUCCESS("Catalogues complete and compiled."))
