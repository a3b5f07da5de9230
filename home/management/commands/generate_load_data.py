import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.load_data import Generator


class Command(BaseCommand):
    help = (
        "Add generated stories, trainings (with sessions and registrations) and campaigns (with sign-ups) "
        "in Indonesian and English, copied from the demo content, for benchmarks. Loads the demo content first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=1000)
        parser.add_argument("--events", type=int, default=2000)
        parser.add_argument("--campaigns", type=int, default=50)
        parser.add_argument("--registrations", type=int, default=5, help="registrations per training")
        parser.add_argument("--signups", type=int, default=20, help="interest sign-ups per campaign")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--skip-demo", action="store_true", help="the demo content is already loaded")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if not options["skip_demo"]:
            call_command("load_demo_content", stdout=self.stdout, verbosity=0)
        demo_done = time.perf_counter()
        Generator(seed=options["seed"], say=self.stdout.write).generate(
            stories=options["stories"],
            events=options["events"],
            campaigns=options["campaigns"],
            registrations=options["registrations"],
            signups=options["signups"],
        )
        done = time.perf_counter()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated in {done - demo_done:.1f} s (demo content {demo_done - started:.1f} s before it)."
            )
        )
