"""The whole contribution journey in a real browser, through the pages only.

A person registers, confirms their address from the e-mail and signs in; downloads the Word template,
fills it in, uploads it, checks the form and submits. An editor assigns one internal and two external
reviewers; each declares no conflict of interest and recommends; one asks for a revision. The editor
sees the disagreement and asks for changes; the submitter reads the comment (without the reviewer's
name), edits and submits again. The resubmission opens a new review round (review/services.py), so the
editor assigns the reviewers again; they recommend publishing, the editor approves and publishes, and an
anonymous visitor finds the practice by a word of its title.

Only the editor and reviewer accounts are made directly: editors and reviewers are appointed, not
registered.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Browser, BrowserContext, Page, expect

from practicehub.catalogue.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PracticeType,
    ScopeLevel,
)
from tests.factories import PracticeFactory, UserFactory

from .journey_helpers import confirmation_path, fill_template, messages_to, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "pw-123456-test"
SUBMITTER = {
    "full_name": "Akinyi Otieno",
    "email": "akinyi.otieno@example.org",
    "organization": "Lodwar Migrant Support Centre",
    "country": "KEN",
    "password": "a-long-and-unusual-passphrase-42",
}
# "Turkana" is the distinctive word the public searches for; no other practice has it.
TITLE = "Mobile legal clinics for seasonal farmworkers in Turkana"
SEARCH_WORD = "Turkana"
SUMMARY = (
    "Lawyers travel with the harvest to advise seasonal farmworkers on contracts and documents."
    "\n\nClinics run in the evening, in the workers' languages."
)
REVISED_SUMMARY = "Since 2022 the clinics also keep a free telephone line open during the harvest."
FOCAL_POINT = {"name": "Fatuma Hidden-Focal", "email": "fatuma.focal@example.org"}
REVIEWER_COMMENT = "Please say how many workers the clinics advised each year, and how you counted them."
PRIVATE_COMMENT = "I know this centre; the figures exist in their annual report."
EDITOR_MESSAGE = "Thank you. The reviewers ask for figures: please add the number of workers advised."
TIMEOUT_MS = 10_000


@dataclass
class Staff:
    editor: Any
    internal: Any
    external_1: Any
    external_2: Any

    @property
    def reviewers(self) -> list[Any]:
        return [self.internal, self.external_1, self.external_2]


def _appointed(**kwargs: Any) -> Any:
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def staff(db: None) -> Staff:
    # Other published practices, so that the search has something to leave out.
    PracticeFactory(title="Consular services for migrant workers abroad")
    PracticeFactory(title="Seasonal worker schemes in the Pacific")
    return Staff(
        editor=_appointed(username="edna", full_name="Edna Editor", is_editor=True),
        internal=_appointed(username="ingrid", full_name="Ingrid Insider", reviewer_kind="internal"),
        external_1=_appointed(username="xavier", full_name="Xavier Outsider", reviewer_kind="external"),
        external_2=_appointed(username="yolanda", full_name="Yolanda Outsider", reviewer_kind="external"),
    )


@pytest.fixture
def new_context(browser: Browser, base_url: str) -> Iterator[Any]:
    """Each person gets a browser of their own (own cookies); all are closed at the end."""
    contexts: list[BrowserContext] = []

    def make() -> Page:
        context = browser.new_context(base_url=base_url, accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def register_and_sign_in(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Register").click()
    main = page.get_by_role("main")
    main.get_by_label("Full name").fill(SUBMITTER["full_name"])
    main.get_by_label("Email").fill(SUBMITTER["email"])
    main.get_by_label("Organization").fill(SUBMITTER["organization"])
    country = Country.objects.get(iso3=SUBMITTER["country"])
    main.get_by_label("Country").select_option(label=country.name)
    main.get_by_label(re.compile(r"^Password:?$")).fill(SUBMITTER["password"])
    main.get_by_label(re.compile(r"^Password \(again\):?$")).fill(SUBMITTER["password"])
    main.get_by_role("button", name="Sign Up").click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    # The link in the e-mail confirms the address.
    page.goto(confirmation_path(SUBMITTER["email"]))
    expect(main).to_contain_text(SUBMITTER["email"])
    main.get_by_role("button", name="Confirm").click()
    expect(main).to_contain_text(f"You have confirmed {SUBMITTER['email']}.")
    sign_in(page, email=SUBMITTER["email"], password=SUBMITTER["password"])
    account = page.get_by_role("navigation", name="Your account")
    expect(account).to_contain_text(SUBMITTER["full_name"])
    # The profile keeps what the registration asked for; the confirmed address makes a contributor.
    account.get_by_role("link", name="My account").click()
    expect(main.get_by_role("heading", level=1)).to_have_text("My account")
    expect(main.get_by_role("textbox", name=re.compile(r"^Organization"))).to_have_value(
        SUBMITTER["organization"]
    )
    expect(main.get_by_role("combobox", name=re.compile(r"^Country"))).to_have_value(SUBMITTER["country"])
    expect(main.get_by_role("region", name="Your account")).to_contain_text("Contributor")


def word_answers() -> dict[str, Any]:
    """What the submitter types into the Word template."""
    return {
        "texts": {
            "title": TITLE,
            "summary": SUMMARY,
            "key_lessons": "Evening hours matter more than the place.",
            "countries": Country.objects.get(iso3=SUBMITTER["country"]).name,
            "focal_point_name": FOCAL_POINT["name"],
            "focal_point_email": FOCAL_POINT["email"],
        },
        "choices": {
            "primary_objectives": ["6", "15"],
            "guiding_principles": [GuidingPrinciple.objects.order_by("position", "name")[0].key],
            "practice_type": [
                PracticeType.objects.filter(is_active=True).order_by("position", "name")[0].key
            ],
            "scope_level": ["national"],
            "original_language": ["en"],
        },
        "start_year": 2021,
        "ongoing": True,
        "organizations": [
            (SUBMITTER["organization"], "LMSC", "Main implementing organization", "", "Kenya"),
        ],
        "links": [("Clinic calendar", "https://example.org/clinics")],
    }


def submit_with_the_word_template(page: Page, tmp_path: Path) -> None:
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="My submissions").click()
    main = page.get_by_role("main")
    main.get_by_role("link", name="Submit a new practice").click()
    expect(main.get_by_role("heading", level=1)).to_have_text("Submit a practice")

    with page.expect_download() as download_info:
        main.get_by_role("link", name="Download the Word template (.docx)").click()
    download = download_info.value
    assert download.suggested_filename == "practice-template.docx"
    filled = tmp_path / "my-practice.docx"
    filled.write_bytes(fill_template(Path(download.path()).read_bytes(), **word_answers()))

    main.get_by_label("Filled Word template").set_input_files(filled)
    main.get_by_role("button", name="Upload and fill in the form").click()
    expect(main.get_by_text("The form has been filled in from your Word file")).to_be_visible()
    expect(main.get_by_role("heading", level=1)).to_contain_text(TITLE)

    # The form shows what the file said; the person checks it.
    about = main.get_by_role("region", name="About the practice")
    expect(about.get_by_role("textbox", name=re.compile(r"^Title"))).to_have_value(TITLE)
    primary = main.get_by_role("group", name=re.compile(r"^Primary GCM Objectives"))
    expect(primary.get_by_role("checkbox", checked=True)).to_have_count(2)
    for objective in Objective.objects.filter(number__in=(6, 15)):
        expect(primary.get_by_role("checkbox", name=str(objective), exact=True)).to_be_checked()
    when_where = main.get_by_role("region", name="Dates, type and geographic scope")
    expect(when_where.get_by_label("Start year")).to_have_value("2021")
    expect(when_where.get_by_label("The practice is ongoing")).to_be_checked()
    national = ScopeLevel.objects.get(key="national").name
    expect(when_where.get_by_role("radio", name=national, exact=True)).to_be_checked()
    kenya = Country.objects.get(iso3=SUBMITTER["country"]).name
    expect(when_where.get_by_role("checkbox", name=kenya, exact=True)).to_be_checked()
    description = main.get_by_role("region", name="Description")
    expect(description.get_by_role("textbox", name=re.compile(r"^Summary"))).to_have_value(SUMMARY)
    organizations = main.get_by_role("region", name="Organizations")
    first = organizations.get_by_role("group", name="Organization 1")
    expect(first.get_by_label("Name")).to_have_value(SUBMITTER["organization"])
    expect(first.get_by_label("Role")).to_have_value("main")
    focal = main.get_by_role("region", name="Focal point (not published)")
    expect(focal.get_by_role("textbox", name=re.compile(r"^Focal point email"))).to_have_value(
        FOCAL_POINT["email"]
    )

    # What the template cannot carry: the two confirmations.
    confirm_and_submit(page, button="Submit for review")
    expect(main.get_by_text("Your practice has been submitted.")).to_be_visible()
    expect(main.get_by_text(re.compile(r"Status:\s*Submitted"))).to_be_visible()


def confirm_and_submit(page: Page, *, button: str) -> None:
    confirm = page.get_by_role("main").get_by_role("region", name="Confirm and submit")
    for checkbox in confirm.get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_role("main").get_by_role("button", name=button, exact=True).click()


def open_submission_as_editor(page: Page, *, state: str) -> None:
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Editor dashboard").click()
    main = page.get_by_role("main")
    main.get_by_role("region", name=re.compile(f"^{state}")).get_by_role("link", name=TITLE).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(TITLE)


def assign_reviewers(page: Page, staff: Staff) -> None:
    main = page.get_by_role("main")
    for reviewer in staff.reviewers:
        option = f"{reviewer.full_name} ({reviewer.get_reviewer_kind_display()}, {reviewer.email})"
        main.get_by_role("combobox", name=re.compile(r"^Reviewer")).select_option(label=option)
        main.get_by_role("button", name="Assign", exact=True).click()
        expect(main.get_by_text(f"{reviewer.full_name} has been asked to review.")).to_be_visible()
    expect(main.get_by_text(re.compile(r"Status\s*In review"))).to_be_visible()


def review(page: Page, *, recommendation: str, comment: str = "", private: str = "") -> None:
    """A reviewer opens their queue, declares no conflict of interest and records a recommendation."""
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="My reviews").click()
    main = page.get_by_role("main")
    main.get_by_role("region", name="Waiting for you").get_by_role("link", name=TITLE).click()
    main.get_by_role("radio", name=re.compile(r"^I declare that I have no conflict of interest")).check()
    main.get_by_role("button", name="Send my answer").click()
    expect(main.get_by_text("Thank you. You can now record your review.")).to_be_visible()
    main.get_by_role("radio", name=recommendation, exact=True).check()
    main.get_by_label("Comments for the submitter").fill(comment)
    main.get_by_label("Private comments for the editor").fill(private)
    main.get_by_role("button", name="Record my review").click()
    expect(main.get_by_text("Your review has been recorded. Thank you.")).to_be_visible()


def decide(page: Page, *, decision: str, message: str = "") -> None:
    main = page.get_by_role("main")
    decide_section = main.get_by_role("region", name="Decision")
    decide_section.get_by_role("radio", name=decision, exact=True).check()
    decide_section.get_by_label("Message to the submitter").fill(message)
    decide_section.get_by_role("button", name="Record the decision").click()


def test_register_submit_with_word_review_revise_publish_and_find(
    new_context: Any, staff: Staff, tmp_path: Path
) -> None:
    # 1. Register, confirm the address, sign in.
    submitter = new_context()
    register_and_sign_in(submitter)

    # 2. Download the Word template, fill it in, upload it, check the form, confirm and submit.
    submit_with_the_word_template(submitter, tmp_path)
    assert messages_to(staff.editor.email), "the editors are told of a new submission"

    # 3. The editor assigns one internal and two external reviewers.
    editor = new_context()
    sign_in(editor, email=staff.editor.email, password=PASSWORD)
    open_submission_as_editor(editor, state="Submitted")
    assign_reviewers(editor, staff)

    # 4. Each reviewer declares no conflict and recommends; one asks for a revision.
    reviewers = {}
    for reviewer in staff.reviewers:
        reviewers[reviewer.pk] = new_context()
        sign_in(reviewers[reviewer.pk], email=reviewer.email, password=PASSWORD)
    review(reviewers[staff.internal.pk], recommendation="Publish", comment="A clear, useful practice.")
    review(
        reviewers[staff.external_1.pk],
        recommendation="Revise",
        comment=REVIEWER_COMMENT,
        private=PRIVATE_COMMENT,
    )
    review(reviewers[staff.external_2.pk], recommendation="Publish")

    editor.reload()
    main = editor.get_by_role("main")
    disagreement = main.get_by_role("alert").filter(has_text="The reviewers disagree.")
    expect(disagreement).to_contain_text("Publish: 2; Revise: 1")
    expect(main.get_by_text("The required reviews are in.")).to_be_visible()
    expect(main.get_by_text(PRIVATE_COMMENT)).to_be_visible()
    decide(editor, decision="Request changes", message=EDITOR_MESSAGE)
    expect(main.get_by_text("Decision recorded: the practice is now “Changes requested”.")).to_be_visible()

    # The submitter is told by e-mail, with the editor's message and no reviewer's name.
    told = messages_to(SUBMITTER["email"])[-1]
    assert told.subject.endswith(f"Changes requested: {TITLE}")
    assert EDITOR_MESSAGE in told.body
    assert not any(r.full_name in told.body or r.email in told.body for r in staff.reviewers)
    assert PRIVATE_COMMENT not in told.body

    # 5. The submitter reads the editor's message and the reviewer's comment, without names; edits; resubmits.
    submitter.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="My submissions"
    ).click()
    main = submitter.get_by_role("main")
    main.get_by_role("link", name=f"Status and messages {TITLE}").click()
    expect(main.get_by_text(re.compile(r"Status:\s*Changes requested"))).to_be_visible()
    the_review = main.get_by_role("region", name="The review")
    expect(the_review).to_contain_text(EDITOR_MESSAGE)
    comments = the_review.get_by_role("listitem")
    expect(comments).to_have_count(2)  # the third reviewer left no comment for the submitter
    for comment in (REVIEWER_COMMENT, "A clear, useful practice."):
        expect(comments.filter(has_text=comment)).to_have_count(1)
    body = submitter.locator("body")
    for hidden in (*(r.full_name for r in staff.reviewers), *(r.email for r in staff.reviewers)):
        expect(body).not_to_contain_text(hidden)
    expect(body).not_to_contain_text(PRIVATE_COMMENT)
    expect(body).not_to_contain_text(staff.editor.full_name)

    main.get_by_role("link", name="Edit the practice").click()
    summary = main.get_by_role("region", name="Description").get_by_role(
        "textbox", name=re.compile(r"^Summary")
    )
    expect(summary).to_have_value(SUMMARY)
    summary.fill(f"{SUMMARY}\n\n{REVISED_SUMMARY}")
    confirm_and_submit(submitter, button="Submit again")
    expect(main.get_by_text("Your practice has been submitted.")).to_be_visible()
    expect(main.get_by_text(re.compile(r"Status:\s*Submitted"))).to_be_visible()

    # The resubmission opens round 2: the editor asks the reviewers again, and they agree this time.
    open_submission_as_editor(editor, state="Submitted")
    main = editor.get_by_role("main")
    expect(main.get_by_role("heading", name=re.compile(r"^Round 1 \(earlier round\)"))).to_be_visible()
    expect(main).to_contain_text("Round 2: 0 of 1 internal and 0 of 2 external reviews completed.")
    assign_reviewers(editor, staff)
    for reviewer in staff.reviewers:
        review(reviewers[reviewer.pk], recommendation="Publish", comment="Thank you for the figures.")
    editor.reload()
    expect(main.get_by_text("The required reviews are in.")).to_be_visible()
    expect(main.get_by_role("alert").filter(has_text="The reviewers disagree.")).to_have_count(0)
    decide(editor, decision="Approve", message="Approved: it will be published shortly.")
    expect(main.get_by_text("Decision recorded: the practice is now “Approved”.")).to_be_visible()
    main.get_by_role("button", name="Publish the practice").click()
    expect(main.get_by_text("The practice is now “Published”.")).to_be_visible()

    # The submitter heard of each decision; each reviewer was asked once per round.
    decisions = [m.subject for m in messages_to(SUBMITTER["email"])][1:]  # after the address confirmation
    expected = [f"Changes requested: {TITLE}", f"Approved: {TITLE}", f"Published: {TITLE}"]
    assert [subject.endswith(end) for subject, end in zip(decisions, expected, strict=True)] == [True] * 3
    for reviewer in staff.reviewers:
        asked = [m for m in messages_to(reviewer.email) if m.subject.endswith(f"Please review: {TITLE}")]
        assert len(asked) == 2, reviewer.email

    # 6. Anyone finds it by a word of its title, opens it and reads it; the focal point stays hidden.
    visitor = new_context()
    visitor.goto("/")
    visitor.get_by_role("search").get_by_label("Search practices").fill(SEARCH_WORD)
    visitor.get_by_role("search").get_by_role("button", name="Search").click()
    expect(visitor).to_have_url(re.compile(rf"/practices/\?q={SEARCH_WORD}$"))
    main = visitor.get_by_role("main")
    expect(main.get_by_role("link", name=TITLE)).to_be_visible()
    expect(main.get_by_role("link", name="Consular services for migrant workers abroad")).to_have_count(0)
    main.get_by_role("link", name=TITLE).click()
    expect(main.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text(REVISED_SUMMARY)
    body = visitor.locator("body")
    for hidden in (FOCAL_POINT["name"], FOCAL_POINT["email"], SUBMITTER["full_name"], SUBMITTER["email"]):
        expect(body).not_to_contain_text(hidden)
