"""Load with nothing lost: 50 concurrent visitors for 60 seconds against gunicorn on PostgreSQL.

    make bench-load                      # or: .venv/bin/python -m bench.load --users 50 --seconds 60

What it does:
1. builds a fresh PostgreSQL database (LOAD_DATABASE_URL, default .../pelatihan_load) with the demo
   content, collects static files, and starts gunicorn with the production settings on plain HTTP;
2. runs locust (as a library, headless) with a mix of page views, registrations and campaign sign-ups,
   every registrant with their own WhatsApp number;
3. checks in the database that every registration the site acknowledged (a redirect to its
   reference) is stored, that no training has more confirmed places than its quota, that every
   acknowledged sign-up is stored; and prints a summary. Exit status 1 when any check fails.

With ``--faults`` the same load runs while the database and then Redis stop answering: gunicorn
reaches both through proxies of this process (bench/proxy.py) that pause forwarding, without
closing, for ``--pause`` seconds each (a network partition, not a refused connection). It then
prints the requests served, the responses by status, the p99 during each pause, and the same
database checks (nothing acknowledged lost, no quota exceeded); 503s during the database pause
are the expected answer, any other 5xx or a dropped connection fails it.

Needs: PostgreSQL on 127.0.0.1:5432 (trust auth as `postgres`), and locust (bench/requirements.txt).
Redis (LOAD_REDIS_URL, default redis://127.0.0.1:6379/3) is used when it answers.
"""

import argparse
import itertools
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.server import Server

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/pelatihan_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"

# --- the site under test -----------------------------------------------------------------

TARGETS_SCRIPT = """
import json
from campaigns.models import CampaignPage
from events.models import TrainingEvent
from tests.site_urls import page_urls
events = [e for e in TrainingEvent.objects.live().filter(locale__language_code="id") if e.accepts_registrations]
campaigns = [c for c in CampaignPage.objects.live().filter(locale__language_code="id") if c.is_active]
print(json.dumps({
    "pages": [u for lang in ("id", "en") for k, u in page_urls(lang).items() if k != "not found"],
    "events": [{"url": e.url, "age": ((e.min_age or 18) + (e.max_age or 60)) // 2} for e in events],
    "campaigns": [c.url for c in campaigns],
}))
"""

CHECK_SCRIPT = """
import json, os
from django.db.models import Count, Q
from campaigns.models import InterestSignup
from events.models import Registration, RegistrationStatus, TrainingEvent
from events.notifications import registration_for_token
sent = json.load(open(os.environ["LOAD_RECORD"]))
# The confirmation page's address carries a signed token of the reference.
references = [registration_for_token(token) or token for token in sent["references"]]
stored = set(Registration.objects.filter(reference__in=references).values_list("reference", flat=True))
over = []
for event in TrainingEvent.objects.annotate(
    confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
):
    if event.places_taken + event.confirmed > event.quota:
        over.append((event.pk, event.title, event.places_taken + event.confirmed, event.quota))
numbers = sent["signup_numbers"]
signups = InterestSignup.objects.filter(whatsapp__in=numbers).values_list("whatsapp", flat=True).distinct().count()
print(json.dumps({
    "missing": sorted(set(references) - stored),
    "over_quota": over,
    "signups_stored": signups,
    "waitlisted": Registration.objects.filter(status=RegistrationStatus.WAITLISTED, reference__in=references).count(),
    "confirmed": Registration.objects.filter(status=RegistrationStatus.CONFIRMED, reference__in=references).count(),
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers(url):
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except Exception:
        return False


def fresh_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def site_env(database, redis_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "load-test-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DJANGO_SERVE_MEDIA": "True",
        # Plain HTTP on this machine (the port is chosen later; only links that leave the site use it).
        "DJANGO_PUBLIC_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        # Every simulated visitor comes from 127.0.0.1: the per-address form limit would stop them.
        "PUBLIC_FORM_RATE": "1000000/h",
        "GUNICORN_ACCESS_LOG": "",
        "DJANGO_MEDIA_ROOT": tempfile.mkdtemp(prefix="pelatihan-load-media-"),
    }
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, capture_output=capture, text=True
    )
    return result.stdout if capture else None


def build_site(env):
    """Migrate, load the demo content and collect static files; return what the visitors aim at."""
    print("· migrating, loading the demo content, collecting static files")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return json.loads(manage(env, "shell", "-v0", "-c", TARGETS_SCRIPT, capture=True).strip().splitlines()[-1])


# --- the visitors --------------------------------------------------------------------------

NUMBERS = itertools.count(1)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r"/daftar/selesai/([^/]+)/")


def run_locust(base, targets, users, seconds, schedule=()):
    import gevent
    from locust import HttpUser, between, events, task
    from locust.env import Environment

    record = {
        "references": [],
        "signup_numbers": [],
        "statuses": Counter(),
        "codes": Counter(),
        "refused": Counter(),
        "timings": [],
    }

    @events.request.add_listener
    def count(request_type, name, response, exception, response_time=0, **kwargs):
        status = getattr(response, "status_code", 0) or 0
        record["statuses"][status // 100 * 100 if status else "connection error"] += 1
        record["codes"][status or "connection error"] += 1
        # (when it ended, how long it took in ms): the p99 of each fault window is read from these.
        record["timings"].append((time.time(), response_time))

    class Visitor(HttpUser):
        host = base
        wait_time = between(0.2, 1.5)

        def _form(self, url, name):
            page = self.client.get(url, name=name)
            token = CSRF.search(page.text or "")
            # The CSRF cookie is marked Secure (production) and this is plain HTTP: hand it over ourselves.
            return (token.group(1) if token else ""), self.client.cookies.get("csrftoken", "")

        def _send(self, url, data, cookie, what):
            """POST a form; a refusal (4xx) is counted, not failed: only 5xx and lost rows are failures."""
            with self.client.post(
                url,
                data=data,
                cookies={"csrftoken": cookie},
                allow_redirects=False,
                name=f"{what} POST",
                catch_response=True,
            ) as response:
                if response.status_code != 302 and response.status_code < 500:
                    record["refused"][f"{what} {response.status_code}"] += 1
                if response.status_code < 500:
                    response.success()
            return response

        @task(8)
        def browse(self):
            url = random.choice(targets["pages"])
            self.client.get(url, name="page " + url)

        @task(1)
        def register(self):
            event = random.choice(targets["events"])
            url = event["url"] + "daftar/"
            token, cookie = self._form(url, "registration form")
            number = f"0857{next(NUMBERS):08d}"
            data = {
                "csrfmiddlewaretoken": token,
                "full_name": "Peserta Uji Beban",
                "whatsapp": number,
                # An age every training accepts: the middle of its age range.
                "date_of_birth": f"17/08/{time.localtime().tm_year - event['age'] - 1}",
                "kecamatan": "pahandut",
                "kelurahan": "Langkai",
                "education": "s1",
                "consent": "on",
                "website": "",
            }
            response = self._send(url, data, cookie, "registration")
            found = REFERENCE.search(response.headers.get("Location", ""))
            if response.status_code == 302 and found:
                record["references"].append(found.group(1))

        @task(1)
        def sign_up(self):
            url = random.choice(targets["campaigns"]) + "tertarik/"
            token, cookie = self._form(url, "sign-up form")
            number = f"0858{next(NUMBERS):08d}"
            data = {
                "csrfmiddlewaretoken": token,
                "name": "Peminat Uji Beban",
                "whatsapp": number,
                "kecamatan": "sabangau",
                "consent": "on",
                "website": "",
            }
            if self._send(url, data, cookie, "sign-up").status_code == 302:
                record["signup_numbers"].append("+62" + number[1:])

    env = Environment(user_classes=[Visitor], events=events)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=max(1, users // 5))
    for delay, action in schedule:
        gevent.spawn_later(delay, action)
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    return env.stats, record


class ProxyProcess:
    """bench/proxy.py in a process of its own: locust's gevent would stall the proxy's threads."""

    def __init__(self, host, port):
        import signal

        self._signal = signal
        self.process = subprocess.Popen(
            [PYTHON, "-m", "bench.proxy", f"{host}:{port}"], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        self.port = int(self.process.stdout.readline())

    def pause(self):
        self.process.send_signal(self._signal.SIGUSR1)

    def resume(self):
        self.process.send_signal(self._signal.SIGUSR2)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Faults:
    """Proxies in front of PostgreSQL and Redis, and the schedule that pauses each in turn."""

    def __init__(self, database, redis_url, pause):
        from urllib.parse import urlsplit, urlunsplit

        self.pause_seconds = pause
        self.windows = {}
        db = urlsplit(database)
        self.database_proxy = ProxyProcess(db.hostname or "127.0.0.1", db.port or 5432)
        user = db.username or "postgres"
        self.database_url = urlunsplit(db._replace(netloc=f"{user}@127.0.0.1:{self.database_proxy.port}"))
        self.redis_proxy = self.redis_url = None
        if redis_url:
            cache = urlsplit(redis_url)
            self.redis_proxy = ProxyProcess(cache.hostname or "127.0.0.1", cache.port or 6379)
            self.redis_url = urlunsplit(cache._replace(netloc=f"127.0.0.1:{self.redis_proxy.port}"))

    def schedule(self, seconds):
        """The database pauses a fifth of the way in; Redis once the database has been back a while."""
        first = max(3, seconds // 5)
        plan = [(first, "database", self.database_proxy)]
        if self.redis_proxy:
            plan.append((first + self.pause_seconds + max(5, seconds // 6), "Redis", self.redis_proxy))
        actions = []
        for start, name, proxy in plan:
            actions.append((start, self._pauser(name, proxy)))
            actions.append((start + self.pause_seconds, self._resumer(name, proxy)))
        return actions

    def _pauser(self, name, proxy):
        def pause():
            self.windows[name] = [time.time(), None]
            proxy.pause()
            print(f"· {name} stops answering (proxy paused, connections kept open)", flush=True)

        return pause

    def _resumer(self, name, proxy):
        def resume():
            proxy.resume()
            self.windows[name][1] = time.time()
            print(f"· {name} answers again", flush=True)

        return resume

    def report(self, record):
        for name, (start, end) in self.windows.items():
            end = end or time.time()
            during = sorted(ms for ended, ms in record["timings"] if start <= ended <= end + 1)
            p99 = during[min(len(during) - 1, int(len(during) * 0.99))] if during else 0
            slowest = during[-1] if during else 0
            print(f"{name} paused {end - start:.0f} s: {len(during)} responses, p99 {p99:.0f} ms, max {slowest:.0f} ms")

    def close(self):
        for proxy in (self.database_proxy, self.redis_proxy):
            if proxy:
                proxy.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--faults", action="store_true", help="pause the database, then Redis, during the load")
    parser.add_argument("--pause", type=int, default=10, help="seconds each dependency stops answering (--faults)")
    args = parser.parse_args()

    database = os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE)
    redis_url = os.environ.get("LOAD_REDIS_URL", DEFAULT_REDIS)
    if not redis_answers(redis_url):
        print(f"· Redis at {redis_url} does not answer: running with the local-memory cache")
        redis_url = ""
    else:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    fresh_database(database)
    env = site_env(database, redis_url)
    targets = build_site(env)  # straight to PostgreSQL: only the site under load goes through the proxies
    faults = Faults(database, redis_url, args.pause) if args.faults else None
    served_env = {**env, "DATABASE_URL": faults.database_url, "REDIS_URL": faults.redis_url or ""} if faults else env
    try:
        with Server(served_env, free_port()) as server:
            print(f"· {args.users} visitors for {args.seconds} s against {server.url} (gunicorn, PostgreSQL)")
            schedule = faults.schedule(args.seconds) if faults else ()
            stats, record = run_locust(server.url, targets, args.users, args.seconds, schedule)
    finally:
        if faults:
            faults.close()

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as sent:
        json.dump(record, sent, default=list)
    output = manage({**env, "LOAD_RECORD": sent.name}, "shell", "-v0", "-c", CHECK_SCRIPT, capture=True)
    checked = json.loads(output.strip().splitlines()[-1])
    os.unlink(sent.name)

    total = stats.total
    server_errors = sum(n for status, n in record["statuses"].items() if status == 500)
    if faults:
        # While the database is away the honest answer is the 503 page; anything else 5xx is a failure.
        server_errors -= record["codes"].get(503, 0)
    failures = sum(n for status, n in record["statuses"].items() if status == "connection error")
    print()
    print("=== Load summary ===")
    print(f"requests:            {total.num_requests} in {args.seconds} s ({total.total_rps:.1f}/s)")
    print(
        f"median / p95 / max:  {total.median_response_time:.0f} / {total.get_response_time_percentile(0.95):.0f}"
        f" / {total.max_response_time:.0f} ms"
    )
    print(f"status classes:      {dict(sorted((str(k), v) for k, v in record['statuses'].items()))}")
    print(f"by status:           {dict(sorted((str(k), v) for k, v in record['codes'].items()))}")
    if faults:
        faults.report(record)
    print(
        f"registrations:       {len(record['references'])} acknowledged ({checked['confirmed']} confirmed,"
        f" {checked['waitlisted']} on a waiting list); missing from the database: {len(checked['missing'])}"
    )
    print(f"sign-ups:            {len(record['signup_numbers'])} acknowledged, {checked['signups_stored']} stored")
    print(f"refused (4xx):       {dict(record['refused']) or 'none'}")
    print(f"trainings over quota: {checked['over_quota'] or 'none'}")
    for name in ("registration POST", "sign-up POST"):
        entry = stats.entries.get((name, "POST"))
        if entry:
            print(
                f"{name:20} {entry.num_requests} requests, median {entry.median_response_time:.0f} ms,"
                f" p95 {entry.get_response_time_percentile(0.95):.0f} ms"
            )
    ok = (
        server_errors == 0
        and failures == 0
        and not checked["missing"]
        and not checked["over_quota"]
        and checked["signups_stored"] == len(set(record["signup_numbers"]))
        and record["references"]
    )
    passed = "PASS: no 5xx but 503 during the outage, nothing lost" if faults else "PASS: zero 5xx, nothing lost"
    print("RESULT:", f"{passed}, no quota exceeded" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
