"""axe-core on every page type in both languages: no serious or critical violation.

Also the Wagtail admin under its own CSP: it must work without one policy violation.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
# WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices (landmarks, headings).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def summary(violations):
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_type_has_no_serious_accessibility_violation(page, site, axe, language, console_errors):
    problems = {}
    pages = dict(site["pages"][language])
    pages["registration result"] = None  # filled below: the form sent empty, with its errors
    for kind, url in pages.items():
        if url is None:
            page.goto(site["base"] + site["pages"][language]["registration form"])
            page.locator("main form button[type=submit]").click()
            page.wait_for_selector("#form-errors")
        else:
            page.goto(site["base"] + url)
        result = axe.run(page, options=AXE_OPTIONS)
        blocking = [v for v in result.response["violations"] if v["impact"] in BLOCKING]
        if blocking:
            problems[kind] = summary(blocking)
    assert problems == {}
    # Nothing the page runs is refused, and the browser accepts every policy header.
    refused = [m for m in console_errors if "Content Security Policy" in m or "Policy" in m or "Refused" in m]
    assert refused == [], refused


def test_wagtail_admin_works_under_its_policy_without_violations(page, site, console_errors):
    from tests.browser.site import ADMIN

    page.goto(site["base"] + "/admin/login/")
    page.locator("input[name=username]").fill(ADMIN[0])
    page.locator("input[name=password]").fill(ADMIN[1])
    page.locator("button[type=submit]").click()
    page.wait_for_url(site["base"] + "/admin/")
    assert page.locator("main").count() == 1
    page.wait_for_load_state("networkidle")
    page.goto(site["base"] + site["edit_page"])
    page.wait_for_load_state("networkidle")
    # The editor's JavaScript has built the form: tabs and the title field are there and editable.
    title = page.locator("input[name=title]").first
    title.wait_for(state="visible")
    title.fill(title.input_value() + " (uji)")
    assert page.get_by_role("tab").count() >= 2
    violations = [m for m in console_errors if "Content Security Policy" in m or "Refused to" in m]
    assert violations == [], violations
