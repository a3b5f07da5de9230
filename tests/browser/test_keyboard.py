"""The site with the keyboard alone: skip link first, then the menu, then the content; forms filled and sent
without a mouse; focus always visible."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '').trim().slice(0, 60),
        name: el.getAttribute('name'), cls: el.className, href: el.getAttribute('href'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== 'none',
        inMain: !!el.closest('main'), inMenu: !!el.closest('nav.primary-nav'),
    };
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_tab_order_reaches_skip_link_menu_and_main_links_with_visible_focus(page, site):
    page.goto(site["base"] + "/")
    first = tab(page)
    assert "skip-link" in first["cls"], first
    assert first["outline"] or first["shadow"]
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # shown on screen when focused
    seen = [first]
    for _ in range(40):
        focus = tab(page)
        seen.append(focus)
        assert focus["outline"] or focus["shadow"], focus  # every stop has a visible focus ring
        if focus["inMain"]:
            break
    assert any(f["inMenu"] for f in seen), seen
    assert seen[-1]["inMain"], "the main content is reached by Tab"
    # The skip link moves focus to the main content.
    page.goto(site["base"] + "/")
    tab(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    assert page.evaluate("document.activeElement.id") == "main"
    after = tab(page)
    assert after["inMain"], after


def test_registration_with_the_keyboard_alone(page, site):
    page.goto(site["base"] + site["open_event"]["en"] + "register/")
    names = []
    for _ in range(60):
        focus = tab(page)
        if focus["tag"] in ("input", "select", "textarea"):
            names.append(focus["name"])
            name = focus["name"]
            if name == "full_name":
                page.keyboard.type("Maria Ulfa")
            elif name == "whatsapp":
                page.keyboard.type("0812 7000 0009")
            elif name == "date_of_birth":
                page.keyboard.type("17081994")
            elif name == "kecamatan":
                page.keyboard.press("ArrowDown")
            elif name == "kelurahan":
                page.keyboard.type("Palangka")
            elif name == "education":
                for _ in range(3):  # SD, SMP, SMA: the training asks for at least SMP
                    page.keyboard.press("ArrowDown")
            elif name == "consent":
                page.keyboard.press("Space")
        if focus["tag"] == "button" and "Register" in focus["text"]:
            assert focus["outline"] or focus["shadow"]
            with page.expect_navigation():
                page.keyboard.press("Enter")
            break
    assert "website" not in names, "the honeypot must not be reachable by Tab"
    assert {"full_name", "whatsapp", "date_of_birth", "kecamatan", "kelurahan", "education", "consent"} <= set(names)
    errors = page.locator("#form-errors")
    assert errors.count() == 0, (
        errors.inner_text(),
        page.evaluate("Object.fromEntries(new FormData(document.querySelector('main form')))"),
    )
    expect(page.locator("h1")).to_have_text(re.compile("You are registered|You are on the waiting list"))
