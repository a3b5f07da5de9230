"""The layering holds, and a content area plugs in through its own registrations (README, "Layout")."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail import hooks

from home import registry
from home.models import HomePage

ROOT = Path(settings.BASE_DIR)
CONTENT_APPS = {"stories", "events", "campaigns", "impact"}
HOOK_NAMES = [
    registry.SECTION_PAGES,
    registry.HOME_SECTIONS,
    registry.SEARCH_RESULT_TYPES,
    registry.ATTENTION_LISTS,
    registry.DEMO_CONTENT,
]


def imported_top_packages(path):
    """Every top-level package a module imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_import_linter_keeps_the_layers_contract():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("path", sorted((ROOT / "home").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_of_the_shared_layer_imports_or_names_a_content_app(path):
    assert not imported_top_packages(path) & (CONTENT_APPS | {"search", "bench", "config"})
    if "migrations" in path.parts:
        return  # a migration may name the models it moves data for
    source = path.read_text(encoding="utf-8")
    for app in CONTENT_APPS:
        assert f'"{app}.' not in source and f"'{app}." not in source, f"{path} names {app}"


def test_every_registration_comes_from_its_apps_own_hooks_module():
    contributors = set()
    for name in HOOK_NAMES:
        for hook in hooks.get_hooks(name):
            module = hook.__module__
            assert module.endswith(".wagtail_hooks"), (name, module)
            contributors.add(module.removesuffix(".wagtail_hooks"))
    assert contributors >= CONTENT_APPS


def test_the_content_apps_register_their_section_pages():
    assert registry.section_page_labels() == [
        "stories.StoryIndexPage",
        "events.EventIndexPage",
        "campaigns.CampaignIndexPage",
        "impact.ImpactPage",
    ]
    assert set(HomePage.subpage_types) == {
        "home.StandardPage",
        "home.PartnerIndexPage",
        *registry.section_page_labels(),
    }


@pytest.fixture
def fifth_area_on(settings):
    settings.FIFTH_AREA_NOTICE = "Perikanan air tawar"


@pytest.mark.django_db
def test_a_fifth_content_area_shows_on_the_home_page_from_its_own_registration(client, demo, fifth_area_on):
    """tests/fifth_area is installed only in the test settings; nothing in home/ knows it."""
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="fifth-area"' in html and "Perikanan air tawar" in html
    # After the other sections, in the order the registrations give.
    assert html.index('id="upcoming-trainings-heading"') < html.index('id="fifth-area"')
    assert HomePage.objects.live().first().specific.live_figures() >= {"places", "signups", "fifth-area"}


@pytest.mark.django_db
def test_a_fifth_content_area_adds_a_list_to_the_editors_dashboard(client, demo, fifth_area_on):
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "x")
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert "Fifth area needs you" in dashboard and '<li class="fifth-area-row">Perikanan air tawar</li>' in dashboard


def test_a_fifth_content_area_loads_its_demo_content_after_the_others():
    names = [demo.name for demo in registry.registered(registry.DEMO_CONTENT)]
    assert names[:4] == ["home.demo", "events.demo", "stories.demo", "campaigns.demo"]
    assert names[-1] == "fifth_area.demo"


@pytest.mark.django_db
def test_the_demo_loader_runs_every_registered_part(demo):
    from tests.fifth_area.wagtail_hooks import LOADED

    assert LOADED, "load_demo_content ran the fifth area's loader"


def test_catalogues_cover_every_project_app_without_a_list_in_the_shared_layer():
    from home.catalogues import APPS

    assert {"home", "stories", "events", "campaigns", "search"} <= set(APPS)
