"""Accessibility of the key pages in Chromium: axe-core's WCAG 2.1 A/AA rules (and more) at a phone and a
desktop width, no sideways scrolling on a 360 px phone (left-to-right and right-to-left), and the skip link.

axe-core comes from npm (package.json and package-lock.json at the repository root; `npm ci` installs it
into node_modules/, as `make test-browser` and CI do). The API docs page is left out: its interface is
a third party's.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page

from practicehub.catalogue.models import CallForPractices, Objective, Practice
from practicehub.demo.generator import generate_practice_values
from practicehub.demo.services import sample_practices_create, seed_overrides
from practicehub.review import services as review
from practicehub.submissions import services as submissions
from practicehub.transfer.pages import import_practice_file
from tests.factories import PracticeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1 A/AA; also 2.2 AA (tap target size) and axe's best practices (unique landmarks,
# heading order, content inside landmarks), which the site meets too.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SAMPLES = 12
TIMEOUT_MS = 15_000

# Returns each violation with what a person fixing it needs: the rule, where, and why.
RUN_AXE = """async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations", "incomplete"]};
  const result = await axe.run(document, options);
  // "Needs review" results count too, except colour contrast that axe cannot measure (text over
  // another element, as in a scrolling list of choices).
  const unsure = result.incomplete.filter((v) => v.id !== "color-contrast");
  const found = (v, kind) => ({
    id: v.id,
    impact: kind + ", " + v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  });
  const violations = result.violations.map((v) => found(v, "violation"));
  return violations.concat(unsure.map((v) => found(v, "needs review")));
}"""
# After a key press, each element that can take keyboard focus is focused in turn: each must show a
# ring (an outline of 2 px or more, or a box shadow). Returns those that show none.
NO_FOCUS_RING = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
  const missing = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.getAttribute("tabindex") === "-1") continue;
    el.focus();
    if (document.activeElement !== el) continue;  // not shown on this page (closed details, hidden)
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    if (!outline && style.boxShadow === "none") {
      missing.push(el.outerHTML.slice(0, 120));
    }
  }
  return missing;
}"""
SIDEWAYS = """() => {
  const root = document.scrollingElement;
  return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth};
}"""


@dataclass(frozen=True)
class KeyPage:
    name: str
    path: str
    role: str = "anonymous"  # who looks at it: anonymous, contributor, reviewer or editor
    shows: str = ""  # a CSS selector the page must match, so that what is checked is really there


@dataclass
class World:
    pages: list[KeyPage]
    users: dict[str, Any]


def _person(username: str, **kwargs: Any) -> Any:
    user = UserFactory(username=username, **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _build_world(seed_page: Path) -> World:
    """The seed practice among generated samples (long texts, many countries and organizations), an open
    call with a submission in review, its contributor, an editor and an assigned reviewer; and the pages
    to look at."""
    seed = import_practice_file(seed_page, overrides=seed_overrides()[seed_page.name]).practice
    assert seed is not None
    sample_practices_create(count=SAMPLES, seed=7)
    # Two practices sharing the seed's objectives and countries, so that it lists similar practices.
    numbers = list(seed.primary_objectives.values_list("number", flat=True))
    countries = list(seed.countries.values_list("iso3", flat=True))
    for title in ("Diaspora dialogue forums", "Regional consultations on migration governance"):
        PracticeFactory(title=title, objectives=numbers, country_codes=countries)
    contributor = _person("amara", full_name="Amara Contributor")
    editor = _person("edna", full_name="Edna Editor", is_editor=True, is_staff=True)
    reviewer = _person("xavi", full_name="Xavi Reviewer", reviewer_kind="external")
    today = timezone.localdate()
    call = CallForPractices.objects.create(
        title="Call on labour mobility",
        slug="labour-mobility",
        description="Practices that make labour migration **fair**.\n\nSend yours before the closing date.",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=40),
        contact_name="Call Desk",
        contact_email="calls@example.org",
        is_published=True,
    )
    call.focus_objectives.set(Objective.objects.filter(number__in=[5, 6]))
    values = next(iter(generate_practice_values(1, seed=99)))
    draft = submissions.submission_save_draft(actor=contributor, practice=None, values=values, call=call)
    submissions.submission_submit(actor=contributor, practice=draft, confirmations={"confirm": True})
    review.review_assign(actor=editor, practice=Practice.objects.get(pk=draft.pk), reviewer=reviewer)

    objective = seed.primary_objectives.order_by("number").first()
    assert objective is not None and seed.practice_type is not None
    word = max(seed.title.split(), key=len).strip(",.:;()")
    facets = f"objective={objective.number}&type={seed.practice_type.key}"
    return World(
        users={"contributor": contributor, "editor": editor, "reviewer": reviewer},
        pages=[
            KeyPage("home", "/"),
            KeyPage("list with a query and two facets", f"/practices/?q={word}&{facets}", shows="main h2 a"),
            KeyPage("practice with similar practices", seed.get_absolute_url(), shows=".similar__item"),
            KeyPage("all values of the country facet", "/practices/values/country/"),
            KeyPage("objectives index", "/objectives/"),
            KeyPage("principles index", "/principles/"),
            KeyPage("SDGs index", "/sdgs/"),
            KeyPage("regions index", "/regions/"),
            KeyPage("countries index", "/countries/"),
            KeyPage("one objective's practices", f"/objectives/{objective.number}/"),
            KeyPage("call page", call.get_absolute_url()),
            KeyPage("calls", "/review/calls/"),
            KeyPage("about", "/about/"),
            KeyPage("columns of the downloads", "/exports/columns/"),
            KeyPage("sign-in", "/accounts/login/"),
            KeyPage("sign-up", "/accounts/signup/"),
            KeyPage("submission form", "/submit/", role="contributor", shows="#id_call"),
            KeyPage("my submissions", "/submit/mine/", role="contributor"),
            KeyPage("review dashboard", "/review/editor/", role="editor", shows=f"a[href*='/{draft.pk}/']"),
            KeyPage("a submission, for the editor", f"/review/editor/submissions/{draft.pk}/", role="editor"),
            KeyPage("my reviews", "/review/mine/", role="reviewer", shows="main table"),
        ],
    )


@pytest.fixture
def world(seed_page: Path) -> World:
    return _build_world(seed_page)


@pytest.fixture
def browse(browser: Browser, base_url: str) -> Iterator[Any]:
    """browse(viewport, role): a page in a browser of its own, signed in as `role` unless anonymous."""
    contexts: list[BrowserContext] = []

    def make(viewport: dict[str, int], user: Any = None) -> Page:
        context = browser.new_context(base_url=base_url, viewport=viewport, device_scale_factor=1)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _pages_by_role(world: World, browse: Any, viewport: dict[str, int]) -> Iterator[tuple[KeyPage, Page]]:
    """Each key page opened (status 200) in a browser of the role that sees it."""
    tabs: dict[str, Page] = {}
    for key_page in world.pages:
        if key_page.role not in tabs:
            tabs[key_page.role] = browse(viewport, world.users.get(key_page.role))
        page = tabs[key_page.role]
        response = page.goto(key_page.path)
        assert response is not None and response.status == 200, (key_page.name, key_page.path)
        assert "/accounts/login/" not in page.url or key_page.role == "anonymous", (key_page.name, page.url)
        if key_page.shows:
            assert page.locator(key_page.shows).count() > 0, (key_page.name, key_page.shows)
        yield key_page, page


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is not installed: run `npm ci --no-audit --no-fund` (make test-browser does).")
    # Evaluated through the DevTools protocol: the site's Content-Security-Policy forbids the inline
    # <script> that add_script_tag would insert.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, AXE_TAGS)
    return violations


def describe(name: str, path: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{name} ({path}): {violation['id']} [{violation['impact']}] {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {node['target']}")
            lines.append("      " + node["summary"].replace("\n", "\n      "))
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return lines


def sideways(page: Page) -> str:
    """'' if the page fits the window's width, else how much wider it is."""
    size = page.evaluate(SIDEWAYS)
    if size["scrollWidth"] <= size["innerWidth"]:
        return ""
    return f"scrolls sideways: {size['scrollWidth']} px wide in a {size['innerWidth']} px window"


def widest(page: Page) -> str:
    """The element reaching furthest out of the window, to say where sideways scrolling comes from."""
    found: str = page.evaluate(
        """() => {
          const w = window.innerWidth;
          let worst = null, by = 0;
          for (const el of document.body.querySelectorAll("*")) {
            const r = el.getBoundingClientRect();
            const out = Math.max(r.right - w, -r.left);
            if (out > by) { by = out; worst = el; }
          }
          if (!worst) return "";
          const classes = typeof worst.className === "string" ? worst.className.trim() : "";
          const name = worst.tagName.toLowerCase() + (worst.id ? "#" + worst.id : "")
            + (classes ? "." + classes.split(/\\s+/).join(".") : "");
          return name + " by " + Math.round(by) + " px";
        }"""
    )
    return found


def test_key_pages_on_a_phone_pass_axe_and_never_scroll_sideways_ltr_or_rtl(
    world: World, browse: Any
) -> None:
    problems: list[str] = []
    for key_page, page in _pages_by_role(world, browse, PHONE):
        problems += describe(key_page.name, key_page.path, axe_violations(page))
        if key_page.name == "my submissions":
            # Shown as one block per practice on a phone, it is still a table to a screen reader.
            table = page.get_by_role("table", name="Your practices, most recently changed first")
            assert table.get_by_role("columnheader").count() == 4
            assert table.get_by_role("rowheader").count() == 1
            assert table.get_by_role("cell").count() == 3
        # 360 px, and 320 px: the width at which WCAG 2.1 asks content to reflow (1.4.10).
        for width, direction in ((360, "ltr"), (360, "rtl"), (320, "rtl"), (320, "ltr")):
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            page.evaluate("(dir) => { document.documentElement.dir = dir; }", direction)
            found = sideways(page)
            if found:
                where = f"{key_page.name} ({key_page.path}, {width} px, {direction})"
                problems.append(f"{where}: {found}; widest: {widest(page)}")
        page.set_viewport_size(PHONE)
    assert not problems, "axe-core or the width check found:\n" + "\n".join(problems)


def test_key_pages_on_a_desktop_pass_axe_and_show_where_the_keyboard_focus_is(
    world: World, browse: Any
) -> None:
    problems: list[str] = []
    for key_page, page in _pages_by_role(world, browse, DESKTOP):
        problems += describe(key_page.name, key_page.path, axe_violations(page))
        page.keyboard.press("Tab")  # from now on the browser shows focus as for a keyboard user
        for element in page.evaluate(NO_FOCUS_RING):
            problems.append(f"{key_page.name} ({key_page.path}): no visible focus ring on {element}")
    assert not problems, "axe-core or the focus check found:\n" + "\n".join(problems)


def test_tab_from_the_top_reaches_the_skip_link_first_and_it_moves_focus_to_main(browse: Any) -> None:
    page = browse(PHONE)
    for path in ("/", "/practices/", "/accounts/login/"):
        page.goto(path)
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement;
              return {text: el.textContent.trim(), href: el.getAttribute("href"),
                      visible: el.getBoundingClientRect().height > 0};
            }"""
        )
        assert focused == {"text": "Skip to main content", "href": "#main", "visible": True}, path
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)  # time for a script that would move focus elsewhere (it must not)
        assert page.evaluate("() => document.activeElement.id") == "main", path
        assert page.evaluate("() => location.hash") == "#main", path


def test_the_axe_check_reports_what_it_finds(browse: Any) -> None:
    """The harness itself: a page with a known fault gives a readable violation."""
    page = browse(PHONE)
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><a href="/"></a></main></html>')
    report = "\n".join(describe("fault", "-", axe_violations(page)))
    assert "image-alt" in report and "link-name" in report
    assert "at img" in report
    page.set_content(
        '<html lang="en"><body style="margin: 0"><p class="wide" style="width: 500px">x</p></body></html>'
    )
    assert sideways(page) == "scrolls sideways: 500 px wide in a 360 px window"
    assert widest(page) == "p.wide by 140 px"
    page.set_content(
        '<html lang="en"><style>a:focus { outline: none; }</style><a href="/">plain</a>'
        '<a href="/" style="box-shadow: 0 0 0 3px black">ringed</a></html>'
    )
    page.keyboard.press("Tab")
    assert page.evaluate(NO_FOCUS_RING) == ['<a href="/">plain</a>']
