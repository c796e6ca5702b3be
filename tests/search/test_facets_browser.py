"""The facet sidebar in a real browser, with and without JavaScript (run by `make test-browser`)."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

# Chromium from the system, the live server as base URL, ORM calls allowed next to Playwright.
from tests.browser.conftest import (  # noqa: F401
    _allow_sync_orm_next_to_playwright,
    base_url,
    browser_type_launch_args,
)
from tests.factories import PracticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def practices() -> None:
    PracticeFactory(title="Diaspora bonds", objectives=[19], country_codes=["AZE"])
    PracticeFactory(title="Remittance hubs", objectives=[20], country_codes=["KAZ"])
    PracticeFactory(title="Skills passports", objectives=[18, 19], country_codes=["KEN"])


def test_ticking_a_value_updates_results_and_counts_in_place(page: Page, practices: None) -> None:
    page.goto("/practices/")
    expect(page.locator("#result-count")).to_contain_text("3 practices")
    page.locator("#f-objective-19").check()

    expect(page).to_have_url(re.compile(r"\?objective=19$"))
    expect(page.locator("h1")).to_have_text("Practices on objective 19 - Migrant and diaspora contributions")
    expect(page.locator("#result-count")).to_contain_text("2 practices")
    # Focus stays on the checkbox, which is still ticked; the change is announced politely.
    assert page.evaluate("document.activeElement.id") == "f-objective-19"
    expect(page.locator("#f-objective-19")).to_be_checked()
    expect(page.locator("#listing-status")).to_have_text("2 practices found")
    expect(page.locator("label[for=f-country-kaz]")).to_have_count(0)  # Kazakhstan now has none
    assert page.title().startswith("Practices on objective 19")

    # Removing the filter from the selected-filters bar, then the back button.
    page.get_by_role("link", name="Remove filter 19 - Migrant and diaspora contributions").click()
    expect(page).to_have_url(re.compile("/practices/$"))
    expect(page.locator("#result-count")).to_contain_text("3 practices")
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?objective=19$"))
    expect(page.locator("#result-count")).to_contain_text("2 practices")


def test_a_long_facet_narrows_as_you_type(page: Page, practices: None) -> None:
    page.goto("/practices/")
    page.locator("#facet-country summary").click()
    box = page.get_by_label("Find in “Country”")
    expect(box).to_be_visible()
    box.fill("kaz")
    expect(page.locator("#facet-country-options li:not([hidden]) label")).to_have_text(["Kazakhstan (1)"])
    box.fill("zzz")
    expect(page.locator("#facet-country-options .facet__none")).to_be_visible()


def test_without_javascript_the_form_and_links_do_everything(
    browser: Browser, live_server: Any, practices: None
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/practices/")
    page.locator("#f-objective-19").check()
    page.locator("#facet-country summary").click()  # a collapsed <details>: no script needed
    page.locator("#f-country-ken").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.url.endswith("/practices/?objective=19&country=KEN")  # the short address
    expect(page.locator("#result-count")).to_contain_text("1 practice")
    expect(page.locator(".teaser__title")).to_have_text(["Skills passports"])
    page.select_option("#sort", "title")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page.locator(".teaser__title")).to_have_text(["Skills passports"])
    assert "sort=title" in page.url
    context.close()
