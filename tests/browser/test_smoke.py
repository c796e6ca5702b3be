import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_admin_sends_visitors_to_the_sites_sign_in_form(page: Page) -> None:
    page.goto("/admin/")
    main = page.get_by_role("main")
    expect(main.get_by_label("Email")).to_be_visible()
    expect(main.get_by_label("Password")).to_be_visible()
    expect(main.get_by_role("button", name="Sign In")).to_be_visible()
    assert page.url.endswith("/accounts/login/?next=%2Fadmin%2F")
