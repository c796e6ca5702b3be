"""With the Content-Security-Policy and Permissions-Policy on, the key pages work in Chromium and log
nothing: no blocked script or style (a `securitypolicyviolation` event), no console error or warning
(Chromium also reports a policy header it cannot read there), no uncaught script error.

The list's filters run their script (a ticked value updates the list in place), the API's interactive
documentation draws itself, and the admin's pages run theirs.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, expect

from practicehub.demo.services import seed_overrides
from practicehub.transfer.pages import import_practice_file
from tests.factories import PracticeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIMEOUT_MS = 15_000
# Installed before any of the page's own scripts (through the DevTools protocol, so the policy does
# not apply to it): keeps every violation the page reports.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


class Watched:
    """A page in a browser context of its own, with everything it logs."""

    def __init__(self, context: BrowserContext) -> None:
        self.page = context.new_page()
        self.logged: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.logged.append(f"script error: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        # The site has no icon: the browser's own request for one is not the page's doing.
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        if message.type in ("error", "warning"):
            self.logged.append(f"console {message.type}: {message.text} ({message.location.get('url')})")

    def problems(self, name: str) -> list[str]:
        found = self.logged + self.page.evaluate("() => window.__violations || []")
        self.logged = []
        return [f"{name} ({self.page.url}): {problem}" for problem in found]


@pytest.fixture
def open_as(browser: Browser, base_url: str) -> Iterator[Any]:
    contexts: list[BrowserContext] = []

    def make(user: Any = None) -> Watched:
        context = browser.new_context(base_url=base_url)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(WATCH_VIOLATIONS)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
        return Watched(context)

    yield make
    for context in contexts:
        context.close()


def _person(username: str, **kwargs: Any) -> Any:
    user = UserFactory(username=username, **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_the_key_pages_log_no_policy_violation_and_no_error(open_as: Any, seed_page: Path) -> None:
    seed = import_practice_file(seed_page, overrides=seed_overrides()[seed_page.name]).practice
    assert seed is not None
    objective = seed.primary_objectives.order_by("number").first()
    assert objective is not None
    PracticeFactory(title="Diaspora dialogue forums", objectives=[objective.number])
    PracticeFactory(title="Skills passports", objectives=[18])
    contributor = _person("amara", full_name="Amara Contributor")
    editor = _person("edna", full_name="Edna Editor", is_editor=True, is_staff=True)
    problems: list[str] = []

    visitor = open_as()
    page = visitor.page
    pages = (("home", "/"), ("practice page", seed.get_absolute_url()), ("sign-in", "/accounts/login/"))
    for name, path in pages:
        assert (response := page.goto(path)) is not None and response.status == 200, path
        problems += visitor.problems(name)

    # The list's filters: ticking a value updates the list in place, by script.
    page.goto("/practices/")
    page.locator(f"#f-objective-{objective.number}").check()
    expect(page).to_have_url(re.compile(rf"\?objective={objective.number}$"))
    expect(page.locator("#result-count")).to_contain_text("2 practices")
    problems += visitor.problems("list with filters")

    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API")
    expect(page.locator(".opblock").first).to_be_visible()
    problems += visitor.problems("API documentation")

    author = open_as(contributor)
    author.page.goto("/submit/")
    expect(author.page.locator("form.submission-form")).to_be_visible()
    problems += author.problems("submission form")

    staff = open_as(editor)
    for name, path in (
        ("admin list of practices", "/admin/catalogue/practice/"),
        ("admin practice page", f"/admin/catalogue/practice/{seed.pk}/change/"),
    ):
        assert (response := staff.page.goto(path)) is not None and response.status == 200, path
        problems += staff.problems(name)

    assert not problems, "\n".join(problems)


def test_the_watch_reports_what_the_policy_blocks(open_as: Any) -> None:
    """The harness itself: an inline style and script on a page of the site are reported."""
    watched = open_as()
    watched.page.goto("/about/")
    watched.page.evaluate(
        """() => {
          const p = document.createElement("p");
          p.innerHTML = '<span style="color: red">x</span>';
          document.body.append(p);
          const s = document.createElement("script");
          s.textContent = "window.ran = true";
          document.body.append(s);
        }"""
    )
    watched.page.wait_for_timeout(200)  # violation events are dispatched asynchronously
    found = "\n".join(watched.problems("fault"))
    assert "style-src" in found and "script-src" in found, found
    assert watched.page.evaluate("() => window.ran === undefined")
