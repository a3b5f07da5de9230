"""`make bench`: requests per second, latency, SQL queries, Redis round trips and bytes of the main pages.

    python -m bench.pages [--scale 10] [--seconds 3] [--engines sqlite,postgresql]

For each database engine (SQLite, and PostgreSQL when one answers at ``BENCH_POSTGRES_URL``,
``DATABASE_URL`` or postgres://postgres@127.0.0.1:5432) and each size (base and ``--scale``
times it), a database is generated (bench/server.py) and:

1. SQL queries and Redis round trips per page (in a Django process of its own: Django's
   CaptureQueriesContext, and a count of the commands redis-py sends, one per round
   trip) are counted on an uncached request and on a page-cache hit, in both languages,
   against the budgets in bench/targets.py: they must stay flat as data grows.
2. gunicorn with production settings, 2 workers x 4 threads and Redis (as ``make serve``
   with ``REDIS_URL``) serves each page with the page cache off (uncached: the frame
   fragments warm, as on a live site) and on (cached), and a static copy of the home page
   of the same size served by whitenoise from the same server, under ``wrk`` (a C load
   client, fast enough to saturate the static file; installed from the system's packages
   when missing) with ``Accept-Encoding: gzip`` as browsers send it. Each page's
   throughput is also given as a share of the static file's, measured in the same run.
3. Bytes on the wire with and without gzip, and one worker's resident memory after
   1,000 requests.

The load client shares the CPU with the server: compare ratios within a run.
"""

import argparse
import gzip
import http.client
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.server import PYTHON, ROOT, BenchDatabase, Server, production_env

PAGES = ["home", "story index", "upcoming", "month", "event", "story", "campaign"]
BASE = {"stories": 100, "events": 200, "campaigns": 5}


# --- SQL queries and Redis round trips, in a Django process of its own ----------------------


def _count_redis_round_trips():
    """Count what redis-py sends: one send_packed_command per round trip (a pipeline is one)."""
    from redis.connection import Connection

    counter = {"round trips": 0}
    send = Connection.send_packed_command

    def counting(self, *args, **kwargs):
        counter["round trips"] += 1
        return send(self, *args, **kwargs)

    Connection.send_packed_command = counting
    return counter


def count_queries_here():
    """Run inside a process with the bench database's environment: print per-page counts as JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench.targets import budget, page_urls

    redis = _count_redis_round_trips() if os.environ.get("REDIS_URL") else {"round trips": None}
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")

    def measured(url):
        before = redis["round trips"]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        trips = None if before is None else redis["round trips"] - before
        return len(queries), trips, response

    result = {}
    for language in ("id", "en"):
        for name, url in page_urls(language).items():
            with override_settings(PAGE_CACHE_ENABLED=False):
                client.get(url)  # renditions, fragments and what the address reads are warm
                queries, trips, _response = measured(url)
            with override_settings(PAGE_CACHE_ENABLED=True):
                client.get(url)  # stored
                hit_queries, hit_trips, hit = measured(url)
                assert hit.get("X-Page-Cache") == "hit", url
            result[f"{name}|{language}"] = {
                "url": url,
                "queries": queries,
                "budget": budget(name, language),
                "redis": trips,
                "hit queries": hit_queries,
                "hit redis": hit_trips,
            }
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


# --- tools a fresh machine may lack ------------------------------------------------------


def _run_quietly(command):
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def _apt_install(package, say):
    """Install a Debian package (as root, or through sudo when it asks no password)."""
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None or not shutil.which("apt-get"):
        return False
    say(f"  installing {package} from the system's packages (apt-get)")
    _run_quietly([*prefix, "apt-get", "update", "-qq"])
    return _run_quietly([*prefix, "apt-get", "install", "-y", "-qq", package])


def ensure_wrk(say):
    if shutil.which("wrk") or _apt_install("wrk", say) and shutil.which("wrk"):
        return shutil.which("wrk")
    say("  wrk is not installed and could not be installed: falling back to the Python client (slower;")
    say("  it cannot saturate the static file, so the ratios read too high). Install wrk: apt-get install wrk")
    return None


def _redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False


def ensure_redis(say):
    """A Redis for the 2-worker server (each worker's local memory would be a cache of its own)."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"
    if _redis_answers(url):
        return url, None
    if not shutil.which("redis-server"):
        _apt_install("redis-server", say)
    if not shutil.which("redis-server"):
        raise SystemExit("bench: Redis is needed (REDIS_URL, or redis-server on PATH; apt-get install redis-server)")
    port = 6399
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(50):
        if _redis_answers(url):
            say(f"  started redis-server on port {port} for the run")
            return url, process
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("bench: redis-server did not start")


def postgres_url():
    """PostgreSQL to measure on, when one answers: BENCH_POSTGRES_URL, DATABASE_URL or the local default."""
    candidates = [os.environ.get("BENCH_POSTGRES_URL", ""), os.environ.get("DATABASE_URL", "")]
    candidates.append("postgres://postgres@127.0.0.1:5432/pelatihan")
    import psycopg

    for url in candidates:
        if not url.startswith(("postgres://", "postgresql://")):
            continue
        admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        try:
            with psycopg.connect(admin, connect_timeout=2):
                return url
        except psycopg.Error:
            continue
    return None


# --- wrk -----------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _milliseconds(text):
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def wrk(port, path, seconds, concurrency, threads=2):
    """wrk -t2 -c8 with Accept-Encoding: gzip: requests per second, p50 and p99 in ms, errors."""
    done = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{concurrency}",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    p50 = _milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        found = re.search(pattern, out)
        if found:
            errors += sum(int(n) for n in found.groups())
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors, "requests": requests}


def plain_size(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    size = len(response.read())
    connection.close()
    return size


# --- the run ----------------------------------------------------------------------------


def measure_pages(port, urls, seconds, concurrency, expect_cache, load):
    rows = {}
    for name in PAGES:
        url = urls[name]
        fetch(port, url)  # renditions, frame fragments and (when on) the page cache are warm
        sample = fetch(port, url)
        if expect_cache:
            assert sample[1].get("X-Page-Cache") == "hit", f"{url} was not served from the page cache"
        rows[name] = {
            **load(port, url, seconds, concurrency),
            "gzip": len(sample[2]) if sample[1].get("Content-Encoding") == "gzip" else None,
            "plain": plain_size(port, url),
            "url": url,
        }
    return rows


def worker_memory_after(server, urls, requests=1000, concurrency=8):
    """Send `requests` requests across the pages, then the resident memory of the server's largest worker (MB)."""
    import concurrent.futures

    paths = [urls[name] for name in PAGES]
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda n: fetch(server.port, paths[n % len(paths)]), range(requests)))
    return max(_worker_rss(server.process.pid), default=None)


def _worker_rss(master):
    """Resident memory (MB) of each worker of the gunicorn master `master` (its child processes)."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip() or 0) == master and "VmRSS" in fields:
            yield int(fields["VmRSS"].split()[0]) / 1024


def measure_database(database, args, redis_url, load, say, memory=False):
    """Counts, then uncached and cached load on one generated database."""
    queries = count_queries(production_env(database, REDIS_URL=redis_url, CACHE_KEY_PREFIX=_prefix()))
    env = production_env(
        database, REDIS_URL=redis_url, CACHE_KEY_PREFIX=_prefix(), WEB_CONCURRENCY=2, GUNICORN_THREADS=4
    )
    urls = {key.split("|")[0]: value["url"] for key, value in queries.items() if key.endswith("|id")}
    with Server({**env, "PAGE_CACHE_ENABLED": "False"}, args.port) as server:
        uncached = measure_pages(args.port, urls, args.seconds, args.concurrency, False, load)
        connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        connection.request("GET", urls["home"])
        home_html = connection.getresponse().read()
        connection.close()
        if server.errors().count("Traceback"):
            say(server.errors()[-3000:])
    # A static file the size of the home page, served by whitenoise (with its .gz, as collectstatic makes it).
    static_dir = Path(env["DJANGO_STATIC_ROOT"]) / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "home-copy.html").write_bytes(home_html)
    (static_dir / "home-copy.html.gz").write_bytes(gzip.compress(home_html, compresslevel=9))
    memory_mb = None
    with Server({**env, "PAGE_CACHE_ENABLED": "True"}, args.port) as server:
        cached = measure_pages(args.port, urls, args.seconds, args.concurrency, True, load)
        static_path = "/static/bench/home-copy.html"
        static_sample = fetch(args.port, static_path)
        assert static_sample[0] == 200, static_sample[0]
        static = load(args.port, static_path, args.seconds, args.concurrency)
        static["gzip"] = gzip_size(static_sample)
        static["plain"] = len(home_html)
        if server.errors().count("Traceback"):
            say(server.errors()[-3000:])
    if memory:
        with Server({**env, "PAGE_CACHE_ENABLED": "False"}, args.port) as server:
            memory_mb = worker_memory_after(server, urls)
    return {"queries": queries, "uncached": uncached, "cached": cached, "static": static, "memory": memory_mb}


def _prefix():
    # A key prefix of its own: a shared Redis never serves another run's (or database's) pages.
    return f"bench-{os.getpid()}-{time.time_ns()}"


def run(args):
    say = print
    say(f"Machine: {machine()}")
    say(f"Load: {args.concurrency} connections, {args.seconds:.0f} s per measurement")
    load = (
        wrk if ensure_wrk(say) else (lambda port, path, seconds, concurrency: hammer(port, path, seconds, concurrency))
    )
    say(f"Load client: {'wrk -t2 -c' + str(args.concurrency) if load is wrk else 'Python threads'}")
    redis_url, redis_process = ensure_redis(say)
    engines = []
    if "sqlite" in args.engines:
        engines.append(("SQLite", ""))
    if "postgresql" in args.engines:
        url = postgres_url()
        if url:
            engines.append(("PostgreSQL", url))
        else:
            say(
                "  PostgreSQL: none answers (BENCH_POSTGRES_URL, DATABASE_URL, 127.0.0.1:5432): measured on SQLite only"
            )
    results = {}
    try:
        for engine, base_url in engines:
            previous = None
            for scale in (1, args.scale):
                # The larger database is the smaller one plus the difference: no second migrate and demo load.
                added = scale - (1 if previous else 0)
                database = BenchDatabase(
                    f"bench{scale}",
                    stories=BASE["stories"] * added,
                    events=BASE["events"] * added,
                    campaigns=BASE["campaigns"] * added,
                    copy_of=previous,
                    say=say,
                    base_url=base_url,
                ).__enter__()
                try:
                    last = engine == engines[-1][0] and scale == args.scale
                    results[(engine, scale)] = measure_database(database, args, redis_url, load, say, memory=last)
                finally:
                    if previous is not None:
                        previous.__exit__(None, None, None)
                previous = database
            previous.__exit__(None, None, None)
    finally:
        if redis_process is not None:
            redis_process.terminate()
    report(args, results, load is wrk)


def _kb(size):
    return "" if size is None else f"{size / 1024:.1f}"


def report(args, results, with_wrk):
    big = args.scale
    lines = []
    engines = list(dict.fromkeys(engine for engine, _scale in results))
    flat = True
    for engine in engines:
        small, large = results[(engine, 1)]["queries"], results[(engine, big)]["queries"]
        lines += [
            "",
            f"SQL queries and Redis round trips per request ({engine}), uncached and page-cache hit, 1x and {big}x:",
            "",
            f"| page | lang | queries 1x | queries {big}x | budget | Redis trips 1x | Redis trips {big}x "
            "| hit: queries | hit: Redis trips |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, value in large.items():
            name, language = key.split("|")
            before = small[key]
            flat &= value["queries"] <= value["budget"] and value["queries"] <= before["queries"]
            lines.append(
                f"| {name} | {language} | {before['queries']} | {value['queries']} | {value['budget']} "
                f"| {before['redis']} | {value['redis']} | {value['hit queries']} | {value['hit redis']} |"
            )
    for engine in engines:
        for scale in (1, big):
            result = results[(engine, scale)]
            uncached, cached, static = result["uncached"], result["cached"], result["static"]
            lines += [
                "",
                f"Throughput on {engine} at {scale}x data ("
                + ", ".join(f"{n * scale} {k}" for k, n in BASE.items())
                + f"), gunicorn 2 workers x 4 threads, {args.concurrency} connections, Accept-Encoding: gzip:",
                "",
                "| page | KB gzip | KB plain | uncached rps | p50 ms | p99 ms | ÷ static | cached rps | p50 ms "
                "| p99 ms | ÷ static |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for name in PAGES:
                u, c = uncached[name], cached[name]
                lines.append(
                    f"| {name} | {_kb(c['gzip'])} | {_kb(c['plain'])} | {u['rps']:.0f} | {u['p50']:.0f} "
                    f"| {u['p99']:.0f} | {u['rps'] / static['rps']:.3f} | {c['rps']:.0f} | {c['p50']:.1f} "
                    f"| {c['p99']:.1f} | {c['rps'] / static['rps']:.2f} |"
                )
            lines.append(
                f"| static copy of home (whitenoise) | {_kb(static['gzip'])} | {_kb(static['plain'])} | | | | "
                f"| {static['rps']:.0f} | {static['p50']:.1f} | {static['p99']:.1f} | 1.00 |"
            )
    lines += ["", "Targets:", ""]
    for engine in engines:
        one, ten = results[(engine, 1)], results[(engine, big)]
        ratios = {name: ten["cached"][name]["rps"] / ten["static"]["rps"] for name in PAGES}
        plain_pages = [name for name in PAGES if name != "campaign"]
        worst = min(ratios[name] for name in plain_pages)
        lines.append(
            f"- {engine}, cached ÷ static at {big}x: worst plain page {worst:.2f} (target 0.7): "
            + ("met" if worst >= 0.7 else "NOT met")
            + f"; campaign {ratios['campaign']:.2f} (target 0.5): "
            + ("met" if ratios["campaign"] >= 0.5 else "NOT met")
        )
        home = one["uncached"]["home"]["rps"] / one["static"]["rps"]
        slower = [name for name in PAGES if one["uncached"][name]["rps"] / one["static"]["rps"] < home]
        lines.append(
            f"- {engine}, uncached at 1x, each page at least the home page's rate ({home:.3f} of static): "
            + ("met" if not slower else "NOT met for " + ", ".join(slower))
        )
        growth = {name: ten["uncached"][name]["p50"] / max(one["uncached"][name]["p50"], 0.001) for name in PAGES}
        over = [f"{name} {value:.2f}x" for name, value in growth.items() if value > 1.5]
        lines.append(
            f"- {engine}, uncached p50 at {big}x within 1.5x of 1x: "
            + ("met" if not over else "NOT met: " + ", ".join(over))
            + " ("
            + ", ".join(f"{name} {value:.2f}x" for name, value in growth.items())
            + ")"
        )
    memory = [r["memory"] for r in results.values() if r["memory"]]
    if memory:
        lines.append(f"- One worker's resident memory after 1,000 requests: {memory[0]:.0f} MB")
    errors = sum(
        row["errors"] for r in results.values() for row in (*r["uncached"].values(), *r["cached"].values(), r["static"])
    )
    lines += [
        "- Query counts within budget and flat from 1x to " + f"{big}x: " + ("yes" if flat else "NO"),
        f"- Failed requests: {errors}",
    ]
    if not with_wrk:
        lines.append("- Measured with the Python client (wrk missing): ratios to the static file read too high.")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--engines", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        sys.path.insert(0, str(ROOT))
        count_queries_here()
    else:
        run(args)


if __name__ == "__main__":
    main()
