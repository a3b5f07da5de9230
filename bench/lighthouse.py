"""Mobile Lighthouse scores for the main page types, on the site as production serves it.

    make bench-lighthouse                # or: .venv/bin/python -m bench.lighthouse

Installs lighthouse (pinned; 12.2.3 is the last that runs on Node 20) into bench/node_modules
the first time, builds a throwaway SQLite site with the demo content, serves it with gunicorn
and the production settings (as `make serve` does), and runs Lighthouse's mobile audit with
the system Chromium on: home, event list, event page, story page, campaign page.
Targets: performance >= 95; accessibility, best practices and SEO 100.
JSON reports are kept in bench/lighthouse-reports/ (ignored by git).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench.load import free_port, manage, site_env
from bench.server import Server

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
REPORTS = BENCH / "lighthouse-reports"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)

PAGES_SCRIPT = """
import json
from tests.site_urls import page_urls
urls = page_urls("id")
print(json.dumps({"home": urls["home"], "event list": urls["event index"], "event page": urls["event"],
                  "story page": urls["story"], "campaign page": urls["campaign"]}))
"""


def ensure_lighthouse():
    if LIGHTHOUSE.exists():
        return
    print(f"· installing lighthouse {LIGHTHOUSE_VERSION} into bench/node_modules")
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(BENCH),
            "--no-save",
            "--no-audit",
            "--no-fund",
            "-E",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )


def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("Lighthouse needs Chromium: apt-get install -y chromium")
    return path


def audit(url, name):
    REPORTS.mkdir(exist_ok=True)
    output = REPORTS / (name.replace(" ", "-") + ".json")
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo",
    ]
    # On a busy machine Lighthouse sometimes loses its trace ("NO_NAVSTART"): that is the tool, not
    # the page, so try again before reporting the page as not measured.
    for _attempt in range(3):
        if subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium()}).returncode == 0:
            break
    else:
        return {}, ["not measured: Lighthouse failed three times"]
    report = json.loads(output.read_text())
    scores = {key: round((cat["score"] or 0) * 100) for key, cat in report["categories"].items()}
    failing = [
        f"{audit['id']} ({audit.get('displayValue') or audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") == "binary"
        or (audit.get("scoreDisplayMode") == "numeric" and audit.get("score") is not None and audit["score"] < 0.9)
    ]
    return scores, failing


def main():
    ensure_lighthouse()
    chromium()
    workdir = Path(tempfile.mkdtemp(prefix="pelatihan-lighthouse-"))
    env = site_env(f"sqlite:///{workdir / 'db.sqlite3'}", "")
    print("· building the demo site (SQLite, production settings)")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    pages = json.loads(manage(env, "shell", "-v0", "-c", PAGES_SCRIPT, capture=True).strip().splitlines()[-1])
    results = {}
    try:
        with Server(env, free_port(), workers=2) as server:
            for name, path in pages.items():
                # Warm the page (renditions, caches) as a visitor before would have.
                urllib.request.urlopen(server.url + path, timeout=30).read()
                print(f"· lighthouse {name}: {path}")
                results[name] = audit(server.url + path, name)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print("=== Lighthouse (mobile) ===")
    print(f"{'page':16} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5}")
    ok = True
    for name, (scores, failing) in results.items():
        row = [scores.get(key, 0) for key in TARGETS]
        ok &= all(score >= TARGETS[key] for key, score in zip(TARGETS, row, strict=True))
        print(f"{name:16} " + " ".join(f"{score:>5}" for score in row))
        if failing:
            print("                 below 0.9: " + ", ".join(failing[:8]))
    print("RESULT:", "all targets met" if ok else "some targets missed (see above and bench/lighthouse-reports/)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
