from django.conf import settings
from wagtail import hooks

from home.registry import ATTENTION_LISTS, DEMO_CONTENT, HOME_SECTIONS, AttentionList, DemoContent, HomeSection

LOADED = []


def _notice():
    return getattr(settings, "FIFTH_AREA_NOTICE", "")


@hooks.register(HOME_SECTIONS)
def fifth_area_on_home():
    return HomeSection(
        order=40,
        template="fifth_area/home_section.html",
        context=lambda page, request: {"fifth_area_notice": _notice()},
        live_figures=("fifth-area",) if _notice() else (),
    )


@hooks.register(ATTENTION_LISTS)
def fifth_area_attention():
    return AttentionList(
        order=90,
        key="fifth_area",
        heading="Fifth area needs you",
        items=lambda locale, now: [_notice()] if _notice() else [],
        rows=lambda items, request: [{"title": item} for item in items],
        template="fifth_area/attention_row.html",
    )


@hooks.register(DEMO_CONTENT)
def fifth_area_demo():
    return DemoContent(order=99, load=lambda ctx: LOADED.append(ctx), name="fifth_area.demo")
