"""What visitors do, in a real browser: switch language, filter, page through, browse months, register, sign up."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def go(page, site, url):
    response = page.goto(site["base"] + url)
    assert response.status < 400, (url, response.status)
    return response


def test_switching_language_keeps_the_page(page, site):
    for kind in ("event", "story", "campaign", "standard"):
        go(page, site, site["pages"]["id"][kind])
        page.locator(".language-switcher a[hreflang=en]").click()
        expect(page).to_have_url(site["base"] + site["pages"]["en"][kind])
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".language-switcher a[hreflang=id]").click()
        expect(page).to_have_url(site["base"] + site["pages"]["id"][kind])


def test_filtering_and_paginating_trainings(page, site):
    go(page, site, site["pages"]["id"]["event index"])
    cards = page.locator(".event-card")
    unfiltered = cards.count()
    assert unfiltered > 0
    # Twenty-nine upcoming trainings: two pages.
    pagination = page.locator("nav.pagination")
    expect(pagination).to_contain_text("1")
    pagination.get_by_role("link", name=re.compile("berikutnya", re.I)).click()
    expect(page).to_have_url(re.compile(r"page=2"))
    assert cards.count() > 0
    pagination.get_by_role("link", name=re.compile("sebelumnya", re.I)).click()
    expect(page).to_have_url(re.compile(r"page=1|/jadwal-pelatihan/$"))
    # Filter by skill area: the list narrows and says so in the URL.
    page.locator(".event-filters summary").click()
    select = page.locator("select[name=bidang]")
    area = select.locator("option").last
    area_name = area.inner_text().strip()
    select.select_option(area.get_attribute("value"))
    page.get_by_role("button", name="Tampilkan pelatihan").click()
    expect(page).to_have_url(re.compile(r"bidang="))
    filtered = cards.count()
    assert 0 < filtered < unfiltered, (area_name, filtered, unfiltered)
    assert page.locator("nav.pagination").count() == 0
    expect(page.locator("select[name=bidang]")).to_have_value(area.get_attribute("value"))
    page.get_by_role("link", name="Hapus filter").click()
    expect(page).not_to_have_url(re.compile(r"bidang="))


def test_month_calendar_navigation(page, site):
    go(page, site, site["pages"]["en"]["event index"] + "calendar/")
    heading = page.locator("#month-heading")
    this_month = heading.inner_text()
    # The links lead to the nearest months with trainings ("Later: …", "Earlier: …").
    page.locator(".month-nav a[rel=next]").click()
    expect(heading).not_to_have_text(this_month)
    later_month = heading.inner_text()
    page.locator(".month-nav a[rel=prev]").click()
    expect(heading).to_have_text(this_month)
    page.locator(".month-nav a[rel=prev]").click()
    expect(heading).not_to_have_text(later_month)
    expect(page.locator("table.month-calendar")).to_be_visible()


def fill_registration(page, number, name="Siti Aminah"):
    page.get_by_label("Nama lengkap").fill(name)
    page.get_by_label("Nomor WhatsApp").fill(number)
    page.get_by_label("Tanggal lahir").fill("1995-08-17")
    page.locator("select[name=kecamatan]").select_option("pahandut")
    page.locator("input[name=kelurahan]").fill("Langkai")
    page.locator("select[name=education]").select_option("sma")
    page.locator("input[name=consent]").check()


def test_registration_end_to_end_with_errors_then_success(page, site):
    go(page, site, site["open_event"]["id"])
    page.locator("aside.registration a.button--primary").click()
    expect(page).to_have_url(re.compile(r"/daftar/$"))
    # Sending it empty: errors announced at the top and tied to each field.
    page.locator("main form button[type=submit]").click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    assert summary.get_attribute("role") == "alert"
    whatsapp = page.locator("input[name=whatsapp]")
    assert whatsapp.get_attribute("aria-invalid") == "true"
    assert "id_whatsapp_error" in whatsapp.get_attribute("aria-describedby")
    fill_registration(page, "0812 7000 0001")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Anda sudah terdaftar")
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"[A-Z0-9-]{4,}", reference), reference
    # Back and again with the same number: nothing doubles, and whoever typed the number
    # is told it is registered without being shown that registration's code or status.
    go(page, site, site["open_event"]["id"] + "daftar/")
    fill_registration(page, "0812 7000 0001")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/daftar/sudah/$"))
    expect(page.locator("h1")).to_contain_text("sudah terdaftar")
    assert reference not in page.content()


def test_a_full_training_puts_people_on_the_waiting_list(page, site):
    go(page, site, site["full_event"]["en"])
    page.get_by_role("link", name="Join the waiting list").first.click()
    expect(page.locator(".notice")).to_contain_text("All places are taken")
    page.get_by_label("Full name").fill("Dewi Lestari")
    page.get_by_label("WhatsApp number").fill("+62 812 7000 0002")
    page.get_by_label("Date of birth").fill("1990-01-02")
    page.locator("select[name=kecamatan]").select_option("jekan-raya")
    page.locator("input[name=kelurahan]").fill("Menteng")
    page.locator("select[name=education]").select_option("sma")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator("h1")).to_have_text("You are on the waiting list")
    expect(page.locator(".event-facts")).to_contain_text(f"number {site['waiting'] + 1} on the waiting list")


def test_campaign_sign_up(page, site):
    go(page, site, site["campaign"]["id"])
    # The form is on the campaign page itself.
    group = page.get_by_role("group", name="Keterampilan yang ingin Anda pelajari")
    expect(group).to_be_visible()
    page.get_by_label("Nama Anda").fill("Rina Wati")
    page.get_by_label("Nomor WhatsApp").fill("0813 7000 0003")
    page.locator("select[name=kecamatan]").select_option(index=1)
    group.get_by_role("checkbox").first.check()
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Saya tertarik").click()
    expect(page).to_have_url(re.compile(r"terima-kasih"))
    expect(page.locator("h1")).to_have_text("Terima kasih atas minat Anda")


def test_at_phone_width_no_page_scrolls_sideways_and_the_menu_works(browser, site):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    try:
        for language in ("id", "en"):
            for kind, url in site["pages"][language].items():
                page.goto(site["base"] + url)
                width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                assert width <= viewport, (kind, url, width)
        go(page, site, "/")
        # On a phone the menu is behind the header's "Menu" toggle (a <details>, no JavaScript needed).
        page.locator("summary.site-menu__toggle").click()
        menu = page.locator("nav.primary-nav a")
        assert menu.count() >= 4
        for index in range(menu.count()):
            box = menu.nth(index).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], menu.nth(index).inner_text()
            assert box["height"] >= 24  # a target a thumb can hit (WCAG 2.2 target size minimum)
        target = menu.filter(has_text="Jadwal").first
        target.click()
        expect(page).to_have_url(site["base"] + site["pages"]["id"]["event index"])
        expect(page.locator("nav.primary-nav a[aria-current=page]")).to_contain_text("Jadwal")
    finally:
        context.close()
