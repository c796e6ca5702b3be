"""The download links under the list in a real browser (run by `make test-browser`)."""

import re

import pytest
from playwright.sync_api import Page, expect

# Chromium from the system, the live server as base URL, ORM calls allowed next to Playwright.
from tests.browser.conftest import (  # noqa: F401
    _allow_sync_orm_next_to_playwright,
    base_url,
    browser_type_launch_args,
)
from tests.factories import PracticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_download_links_follow_the_list_when_it_updates_in_place(page: Page) -> None:
    PracticeFactory(title="Diaspora bonds", objectives=[19], country_codes=["AZE"])
    PracticeFactory(title="Skills passports", objectives=[18, 19], country_codes=["KEN"])
    PracticeFactory(title="Remittance hubs", objectives=[20], country_codes=["KAZ"])
    page.goto("/practices/")
    expect(page.get_by_role("region", name="Download these 3 practices")).to_be_visible()
    csv_link = page.locator("[data-downloads]").get_by_role("link", name="CSV")
    expect(csv_link).to_have_attribute("href", "/exports/practices.csv")

    page.locator("#f-objective-19").check()
    expect(page).to_have_url(re.compile(r"\?objective=19$"))
    expect(csv_link).to_have_attribute("href", "/exports/practices.csv?objective=19")
    # The number in the sentence is no longer known: it says so without one.
    expect(page.get_by_role("region", name="Download the practices of this list")).to_be_visible()

    with page.expect_download() as info:
        csv_link.click()
    text = info.value.path().read_text(encoding="utf-8-sig")
    assert "Diaspora bonds" in text and "Skills passports" in text and "Remittance hubs" not in text
