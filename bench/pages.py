"""`make bench`: requests per second, latency, SQL queries and bytes of the main pages, uncached and cached.

    python -m bench.pages [--scale 10] [--seconds 3] [--concurrency 8]

1. Two databases are generated (bench/server.py): a base size and `--scale` times
   it. SQL queries per page (Django's CaptureQueriesContext around a second,
   uncached request in a separate process) are printed for both, against the
   budgets in bench/targets.py: they must stay flat as data grows.
2. On the larger database, gunicorn with production settings serves each page:
   first with the page cache off (uncached: the shared frame fragments are warm,
   as on a live site), then on (cached), plus a static copy of the home page
   served by whitenoise from the same server, and each page's throughput as a
   share of the static file's.

The load client is plain Python (threads + http.client keep-alive connections),
so it runs on a fresh clone; it shares the CPU with the server, so compare the
ratios within a run rather than absolute numbers across machines.
"""

import argparse
import gzip
import http.client
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.server import PYTHON, ROOT, BenchDatabase, Server, production_env

PAGES = ["home", "story index", "upcoming", "month", "event", "story", "campaign"]
BASE = {"stories": 100, "events": 200, "campaigns": 5}


# --- SQL queries, in a Django process of its own ------------------------------------------


def count_queries_here():
    """Run inside a process with the bench database's environment: print queries per page as JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.targets import budget, page_urls

    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for language in ("id", "en"):
        for name, url in page_urls(language).items():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            result[f"{name}|{language}"] = {"url": url, "queries": len(queries), "budget": budget(name, language)}
    print(json.dumps(result))


def count_queries(env):
    done = subprocess.run(
        [PYTHON, "-m", "bench.pages", "--count-queries"],
        cwd=ROOT,
        env={**env, "PAGE_CACHE_ENABLED": "False"},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"counting queries failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- load -------------------------------------------------------------------------------


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    body = response.read()
    headers = dict(response.getheaders())
    connection.close()
    return response.status, headers, body


def hammer(port, path, seconds, concurrency):
    """Requests per second, p50 and p99 in ms, over `seconds` with `concurrency` keep-alive clients."""
    latencies, errors = [], []
    stop_at = time.monotonic() + seconds

    def client():
        mine, failed = [], 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - started)
        connection.close()
        latencies.extend(mine)
        errors.append(failed)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()

    def percentile(share):
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000 if latencies else 0

    return {
        "rps": len(latencies) / elapsed,
        "p50": percentile(0.50),
        "p99": percentile(0.99),
        "errors": sum(errors),
        "requests": len(latencies),
    }


def gzip_size(status_headers_body):
    _status, headers, body = status_headers_body
    if headers.get("Content-Encoding") == "gzip":
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


# --- the run ----------------------------------------------------------------------------


def machine():
    cpus = os.cpu_count()
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.release()}, {cpus} CPU ({model}){memory}, Python {platform.python_version()}"


def measure_pages(port, urls, seconds, concurrency, expect_cache):
    rows = {}
    for name in PAGES:
        url = urls[name]
        fetch(port, url)  # renditions, frame fragments and (when on) the page cache are warm
        sample = fetch(port, url)
        if expect_cache:
            assert sample[1].get("X-Page-Cache") == "hit", f"{url} was not served from the page cache"
        rows[name] = {**hammer(port, url, seconds, concurrency), "gzip": gzip_size(sample), "url": url}
    return rows


def run(args):
    say = print
    say(f"Machine: {machine()}")
    say(f"Load: {args.concurrency} client threads, {args.seconds:.0f} s per measurement")
    sizes = [1, args.scale]
    queries = {}
    big_db = None
    databases = []
    try:
        previous = None
        for scale in sizes:
            # The larger database is the smaller one plus the difference: no second migrate and demo load.
            added = scale - (sizes[0] if previous else 0)
            database = BenchDatabase(
                f"bench{scale}",
                stories=BASE["stories"] * added,
                events=BASE["events"] * added,
                campaigns=BASE["campaigns"] * added,
                copy_of=previous,
                say=say,
            ).__enter__()
            previous = database
            databases.append(database)
            queries[scale] = count_queries(production_env(database))
            big_db = database
        engine = big_db.engine
        # A key prefix of this run's own: a shared Redis (REDIS_URL) never serves another run's pages.
        env = production_env(big_db, CACHE_KEY_PREFIX=f"bench-{os.getpid()}-{time.time_ns()}")
        urls = {key.split("|")[0]: value["url"] for key, value in queries[args.scale].items() if key.endswith("|id")}

        with Server({**env, "PAGE_CACHE_ENABLED": "False"}, args.port) as server:
            uncached = measure_pages(args.port, urls, args.seconds, args.concurrency, expect_cache=False)
            _status, _headers, home_html = fetch(args.port, urls["home"])
            if server.errors().count("Traceback"):
                say(server.errors()[-3000:])
        # A static file the size of the home page, served by whitenoise (it compresses it at collectstatic).
        static_dir = Path(env["DJANGO_STATIC_ROOT"]) / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        (static_dir / "home-copy.html").write_bytes(home_html)
        (static_dir / "home-copy.html.gz").write_bytes(gzip.compress(home_html, compresslevel=9))
        with Server({**env, "PAGE_CACHE_ENABLED": "True"}, args.port):
            cached = measure_pages(args.port, urls, args.seconds, args.concurrency, expect_cache=True)
            static_path = "/static/bench/home-copy.html"
            static_sample = fetch(args.port, static_path)
            assert static_sample[0] == 200, static_sample[0]
            static = hammer(args.port, static_path, args.seconds, args.concurrency)
            static["gzip"] = gzip_size(static_sample)
    finally:
        for database in databases:
            database.__exit__(None, None, None)

    report(engine, args, queries, uncached, cached, static)


def report(engine, args, queries, uncached, cached, static):
    small, big = 1, args.scale
    lines = [
        "",
        f"SQL queries per uncached page ({engine}), base data and {big}x data, against the budget:",
        "",
        f"| page | lang | queries 1x | queries {big}x | budget |",
        "|---|---|---:|---:|---:|",
    ]
    flat = True
    for key, value in queries[big].items():
        name, language = key.split("|")
        before = queries[small][key]["queries"]
        flat &= value["queries"] <= value["budget"] and value["queries"] <= before
        lines.append(f"| {name} | {language} | {before} | {value['queries']} | {value['budget']} |")
    lines += [
        "",
        f"Throughput on {engine} with {big}x data (BASE sizes x{big}: "
        + ", ".join(f"{n * big} {k}" for k, n in BASE.items())
        + f"), {args.concurrency} concurrent clients:",
        "",
        "| page | gzip KB | uncached rps | p50 ms | p99 ms | cached rps | p50 ms | p99 ms | cached / static |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in PAGES:
        u, c = uncached[name], cached[name]
        lines.append(
            f"| {name} | {u['gzip'] / 1024:.1f} | {u['rps']:.0f} | {u['p50']:.0f} | {u['p99']:.0f} "
            f"| {c['rps']:.0f} | {c['p50']:.0f} | {c['p99']:.0f} | {c['rps'] / static['rps']:.2f} |"
        )
    lines.append(
        f"| static copy of home (whitenoise) | {static['gzip'] / 1024:.1f} | | | | {static['rps']:.0f} "
        f"| {static['p50']:.0f} | {static['p99']:.0f} | 1.00 |"
    )
    errors = sum(r["errors"] for r in (*uncached.values(), *cached.values(), static))
    worst = min(cached[name]["rps"] / static["rps"] for name in PAGES)
    lines += [
        "",
        f"Cached pages reach at least {worst:.2f} of the static file's requests per second (target 0.50): "
        + ("met" if worst >= 0.5 else "NOT met"),
        "Query counts within budget and flat from 1x to " + f"{big}x: " + ("yes" if flat else "NO"),
        f"Failed requests: {errors}",
    ]
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        sys.path.insert(0, str(ROOT))
        count_queries_here()
    else:
        run(args)


if __name__ == "__main__":
    main()
