"""At 360 × 740 px, as most residents read the site: a short header with the menu behind a toggle that
works without JavaScript, and the main action of a training or campaign on the first screen."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# The header took 274 px at this size before it folded (issue 19); at most a third of that now.
HEADER_MAX = 274 // 3


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request, browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", java_script_enabled=request.param)
    yield context.new_page()
    context.close()


def test_the_header_is_at_most_a_third_of_its_old_height_in_both_languages(phone, site):
    for language in ("id", "en"):
        for kind in ("home", "event", "campaign", "story", "event index", "search"):
            phone.goto(site["base"] + site["pages"][language][kind])
            height = phone.locator("header.site-header").bounding_box()["height"]
            assert height <= HEADER_MAX, (language, kind, height)
            # Closed, the menu takes no room and its links are not reachable.
            expect(phone.locator("nav.primary-nav")).to_be_hidden()


def test_the_menu_toggle_opens_with_a_tap_or_the_keyboard_without_javascript(phone, site):
    phone.goto(site["base"] + "/en/")
    toggle = phone.locator("summary.site-menu__toggle")
    expect(toggle).to_have_text("Menu")
    toggle.click()
    expect(phone.locator("nav.primary-nav")).to_be_visible()
    expect(phone.locator(".site-menu form[role=search] input")).to_be_visible()
    expect(phone.locator(".language-switcher a[hreflang=id]")).to_be_visible()
    toggle.click()
    expect(phone.locator("nav.primary-nav")).to_be_hidden()
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("nav.primary-nav")).to_be_visible()


@pytest.mark.parametrize("kind", ["open_event", "full_event", "campaign"])
def test_the_main_action_is_on_the_first_screen(phone, site, kind):
    for language in ("id", "en"):
        phone.goto(site["base"] + site[kind][language])
        action = phone.locator(".next-step .button--primary").first
        expect(action).to_be_visible()
        box = action.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], (kind, language, box)
        href = action.get_attribute("href")
        action.click()
        if href.startswith("#"):
            # The campaign's sign-up form is on the page: the link brings it into view.
            form = phone.locator(href + " form")
            expect(form).to_be_in_viewport()
        else:
            expect(phone.locator("main form button[type=submit]")).to_be_visible()


def test_faq_questions_show_a_marker_and_story_facts_stack(phone, site):
    phone.goto(site["base"] + site["pages"]["en"]["standard"])
    summary = phone.locator(".faq summary").first
    marker = summary.evaluate("el => getComputedStyle(el, '::before').content")
    assert marker == '"+"', marker
    summary.click()
    assert summary.evaluate("el => getComputedStyle(el, '::before').content") == '"−"'
    phone.goto(site["base"] + site["pages"]["id"]["story"])
    term = phone.locator(".story-facts dt").first.bounding_box()
    value = phone.locator(".story-facts dd").first.bounding_box()
    assert value["y"] >= term["y"] + term["height"] - 1 and abs(value["x"] - term["x"]) < 2, (term, value)


def test_wide_screens_show_the_menu_without_the_toggle(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(site["base"] + "/")
        expect(page.locator("summary.site-menu__toggle")).to_be_hidden()
        expect(page.locator("nav.primary-nav")).to_be_visible()
        expect(page.locator(".site-menu form[role=search] input")).to_be_visible()
    finally:
        context.close()


def test_the_registrations_list_shows_status_on_a_phone(browser, site):
    from tests.browser.site import ADMIN

    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(site["base"] + "/admin/login/")
        page.fill("input[name=username]", ADMIN[0])
        page.fill("input[name=password]", ADMIN[1])
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url("**/admin/")
        page.goto(site["base"] + "/admin/registrations/")
        table = page.locator("table.listing")
        expect(table).to_be_visible()
        status = table.locator("thead th", has_text="Status").first
        box = status.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"], box
        # No sideways scroll for the columns that matter: the whole table fits.
        table_box = table.bounding_box()
        assert table_box["x"] + table_box["width"] <= PHONE["width"] + 1, table_box
    finally:
        context.close()
