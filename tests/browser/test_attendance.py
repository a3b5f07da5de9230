"""At 360 px: a coordinator takes attendance with the keyboard and by tapping; the certificate prints on one A4 page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _log_in(page, site):
    from tests.browser.site import ADMIN

    page.goto(site["base"] + "/admin/login/")
    page.fill("input[name=username]", ADMIN[0])
    page.fill("input[name=password]", ADMIN[1])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize("javascript", [True, False])
def test_coordinator_takes_attendance_by_tapping_and_with_the_keyboard(browser, site, javascript):
    context = browser.new_context(viewport=PHONE, locale="id-ID", has_touch=True, java_script_enabled=javascript)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    try:
        _log_in(page, site)
        page.goto(site["base"] + site["check_in"])
        people = page.locator(".check-in__person")
        expect(people.first).to_be_visible()
        assert people.count() >= 2
        first, second = people.nth(0), people.nth(1)
        first_id = first.get_attribute("id")

        # Tapping: a big target that fits the screen.
        present = first.locator(".check-in__button--present")
        box = present.bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= PHONE["width"], box
        present.tap()
        if not javascript:
            page.wait_for_url(f"**#{first_id}")
        first = page.locator(f"#{first_id}")
        expect(first.locator(".check-in__button--present")).to_have_attribute("aria-pressed", "true")
        expect(first.locator("[data-state]")).to_have_text("hadir")

        # The keyboard: Tab to the second person's "Absent" and press Enter.
        second_id = second.get_attribute("id")
        absent = page.locator(f"#{second_id} .check-in__button--absent")
        absent.focus()
        page.keyboard.press("Shift+Tab")  # back to "Present" of the same person…
        page.keyboard.press("Tab")  # …and forward again, as a keyboard user moves
        assert page.evaluate("document.activeElement.classList.contains('check-in__button--absent')")
        page.keyboard.press("Enter")
        if not javascript:
            page.wait_for_url(f"**#{second_id}")
        expect(page.locator(f"#{second_id} .check-in__button--absent")).to_have_attribute("aria-pressed", "true")
        expect(page.locator(f"#{second_id} [data-state]")).to_have_text("tidak hadir")

        # What was ticked is what the server holds.
        page.reload()
        expect(page.locator(f"#{first_id} .check-in__button--present")).to_have_attribute("aria-pressed", "true")
        expect(page.locator(f"#{second_id} .check-in__button--absent")).to_have_attribute("aria-pressed", "true")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_certificate_prints_on_exactly_one_a4_page(browser, site, language):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        response = page.goto(site["base"] + site["certificate"][language])
        assert response.status == 200
        expect(page.locator(".certificate__qr svg")).to_be_visible()
        pdf = page.pdf(format="A4", print_background=True)
        pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
        assert len(pages) == 1, len(pages)
        assert errors == []
    finally:
        context.close()
