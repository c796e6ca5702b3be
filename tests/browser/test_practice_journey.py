"""A visitor goes from the home page to the list and opens the seed practice, in a real browser.

The seed practice is imported from the published page in PRACTICEHUB_SHARED_DIR, as the demo data
does; the expected texts below are facts of that page (its title and summary are read from it).
"""

import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from practicehub.catalogue.fields import PUBLIC_FIELDS
from practicehub.catalogue.models import SDG, GuidingPrinciple, Objective, Practice, PracticeStatus
from practicehub.demo.services import seed_overrides
from practicehub.transfer.pages import import_practice_file
from tests.factories import PracticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The focal point is never on a public page; it is set so that the test can check it stays hidden.
FOCAL_POINT = {"focal_point_name": "Focal Person Hidden", "focal_point_email": "focal.person@example.org"}
# The public fields the seed practice has a value for; the page shows their labels in fields.py order.
SEED_FIELDS_WITH_VALUES = {
    "primary_objectives",
    "guiding_principles",
    "sdgs",
    "dates",
    "practice_type",
    "geographic_scope",
    "summary",
    "organizations",
    "benefit_and_impact",
    "key_lessons",
    "recommendations",
    "innovation",
    "submitted_on",
    "original_language",
}
PHONE = {"width": 390, "height": 844}


def _page_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def seed(seed_page: Path) -> dict[str, Any]:
    """The seed practice, imported, among a few published samples and one draft."""
    lines = _page_lines(seed_page)
    # The published page shows objectives, principles and SDGs only as icons: the demo data's values for them.
    overrides = {**seed_overrides()[seed_page.name], **FOCAL_POINT}
    report = import_practice_file(seed_page, overrides=overrides)
    assert report.practice is not None
    PracticeFactory.create_batch(3)
    PracticeFactory(title="A draft nobody outside may see", status=PracticeStatus.DRAFT, published_at=None)
    return {
        "practice": report.practice,
        "overrides": overrides,
        "title": lines[lines.index("Repository of Practices") + 1],
        "summary_first_paragraph": lines[lines.index("Summary") + 1],
    }


@pytest.fixture
def no_js_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport=PHONE, device_scale_factor=1)
    yield context.new_page()
    context.close()


def walk_home_to_seed(page: Page, seed: dict[str, Any]) -> None:
    page.goto("/")
    expect(page).to_have_title(re.compile(re.escape(settings.PRACTICEHUB_SITE_NAME)))
    main = page.get_by_role("main")
    # The seed and three samples are published; the draft is not counted.
    expect(main.get_by_text(re.compile(r"^\s*4 published practices\s*$"))).to_be_visible()
    main.get_by_role("link", name="Browse all practices").click()
    expect(page).to_have_url(re.compile(r"/practices/$"))
    expect(main.get_by_role("heading", level=1)).to_have_text("Practices")
    expect(main.get_by_role("link", name=seed["title"])).to_be_visible()
    expect(main.get_by_text("A draft nobody outside may see")).to_have_count(0)
    main.get_by_role("link", name=seed["title"]).click()
    expect(page).to_have_url(re.compile(f"/practices/{re.escape(seed['practice'].slug)}/$"))


def assert_seed_page_shows_what_the_published_page_shows(page: Page, seed: dict[str, Any]) -> None:
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(seed["title"])
    expected_labels = [str(f.label) for f in PUBLIC_FIELDS if f.name in SEED_FIELDS_WITH_VALUES]
    expect(main.get_by_role("heading", level=2)).to_have_text(expected_labels)

    def section(name: str) -> Any:
        label = next(str(f.label) for f in PUBLIC_FIELDS if f.name == name)
        return main.get_by_role("region", name=label, exact=True)

    overrides = seed["overrides"]
    expect(section("primary_objectives").get_by_role("listitem")).to_have_text(
        [str(o) for o in Objective.objects.filter(number__in=overrides["primary_objectives"])]
    )
    expect(section("guiding_principles").get_by_role("listitem")).to_have_text(
        [str(p) for p in GuidingPrinciple.objects.filter(key__in=overrides["guiding_principles"])]
    )
    expect(section("sdgs").get_by_role("listitem")).to_have_text(
        [str(g) for g in SDG.objects.filter(number__in=overrides["sdgs"])]
    )
    expect(section("dates")).to_contain_text("2020 - Present")
    expect(section("practice_type")).to_contain_text("Partnership/Multistakeholder initiative")
    expect(section("geographic_scope")).to_contain_text("Global")
    expect(section("summary")).to_contain_text(seed["summary_first_paragraph"])
    organizations = section("organizations")
    expect(organizations.get_by_role("heading", level=3)).to_have_text(
        ["Main Implementing Organization(s)", "Detailed Information", "Partner/Donor Organizations"]
    )
    expect(organizations.get_by_role("link", name="Government of Azerbaijan")).to_be_visible()
    expect(organizations).to_contain_text("State Migration Service of the Republic of Azerbaijan")
    expect(organizations.get_by_role("link", name="Members of GFMD")).to_be_visible()
    expect(section("submitted_on")).to_contain_text("29 March 2022")
    expect(section("original_language")).to_contain_text("English")

    disclaimer = main.locator("p").filter(has_text="Disclaimer:")
    expect(disclaimer).to_be_visible()
    expect(disclaimer).to_contain_text("United Nations")

    body = page.locator("body")
    for hidden in (*FOCAL_POINT.values(), "Focal point"):
        expect(body).not_to_contain_text(hidden)


def test_visitor_finds_the_seed_practice_from_the_home_page(page: Page, seed: dict[str, Any]) -> None:
    walk_home_to_seed(page, seed)
    assert_seed_page_shows_what_the_published_page_shows(page, seed)


def test_the_journey_works_without_javascript(no_js_page: Page, seed: dict[str, Any]) -> None:
    walk_home_to_seed(no_js_page, seed)
    assert_seed_page_shows_what_the_published_page_shows(no_js_page, seed)


def _png_width(png: bytes) -> int:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return int(struct.unpack(">I", png[16:20])[0])


def test_pages_fit_a_phone_screen(phone_page: Page, seed: dict[str, Any], tmp_path: Path) -> None:
    practice: Practice = seed["practice"]
    for name, path in (("home", "/"), ("list", "/practices/"), ("practice", practice.get_absolute_url())):
        phone_page.goto(path)
        widths = phone_page.evaluate(
            "() => ({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})"
        )
        assert widths["scroll"] <= widths["inner"], f"{name} page scrolls sideways at 390px: {widths}"
        shot = phone_page.screenshot(path=tmp_path / f"{name}-390.png", full_page=True)
        assert _png_width(shot) == PHONE["width"]
