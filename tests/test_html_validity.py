"""Every page type, in both languages, passes the Nu HTML checker (vnu) with no errors.

vnu-jar comes from npm, pinned, installed once into bench/node_modules (beside
Lighthouse), and runs on the machine's Java. Where Java or npm is missing the test
is skipped with that reason; under CI (`CI=true`) it fails instead, so CI always
validates. The pages are the demo's, one of each page type per language plus the
routes under them (calendar, archive, registration form, poster, search), checked in
one run of the checker.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail.models import Page

from tests.site_urls import route

VNU_VERSION = "24.10.17"
BENCH = Path(__file__).resolve().parent.parent / "bench"
VNU_JAR = BENCH / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must validate the HTML: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def vnu():
    java = shutil.which("java")
    if java is None:
        _unavailable("Java is not installed: the Nu HTML checker (vnu-jar) needs it")
    if not VNU_JAR.exists():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is not installed: vnu-jar is installed from npm")
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(BENCH),
                "--no-save",
                "--no-audit",
                "--no-fund",
                "-E",
                f"vnu-jar@{VNU_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0 or not VNU_JAR.exists():
            _unavailable(f"npm could not install vnu-jar {VNU_VERSION}: {result.stderr[-500:]}")
    return [java, "-Xss1m", "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu"]


def demo_urls():
    """One live page of each type in each language, and the routes those pages answer."""
    pages = {}
    for page in Page.objects.filter(live=True, depth__gte=2).specific().order_by("path"):
        pages.setdefault((type(page).__name__, page.locale.language_code), page)
    routes = []
    for (kind, _language), page in pages.items():
        if kind == "EventIndexPage":
            routes += [route(page, "archive"), route(page, "month", year=2026, month=12)]
        elif kind == "TrainingEvent":
            routes += [route(page, "register"), route(page, "poster")]
        elif kind == "CampaignPage":
            routes += [route(page, "thanks"), route(page, "poster")]
    return sorted({page.url for page in pages.values()} | set(routes)) + [
        "/cari/?q=anyaman",
        "/en/search/?q=weaving",
        "/cari/?q=zzzz",
    ]


def test_every_page_type_in_both_languages_is_valid_html(demo, client, vnu, tmp_path):
    files = {}
    for number, url in enumerate(demo_urls()):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{number}.html"
        path.write_bytes(response.content)
        files[str(path)] = url
    assert {"/", "/en/"} <= set(files.values())
    result = subprocess.run(vnu + list(files), capture_output=True, text=True, timeout=600)
    errors = []
    for line in (result.stdout + result.stderr).splitlines():
        name = line.split('"')[1] if line.startswith('"') else ""
        errors.append(f"{files.get(name, name)}: {line.split(':', 2)[-1].strip()}" if name else line)
    assert [line for line in errors if line.strip()] == []
