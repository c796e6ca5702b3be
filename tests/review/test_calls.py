from datetime import date, timedelta

import pytest
from django.utils import timezone

from practicehub.catalogue.models import CallForPractices, Objective, PracticeStatus
from practicehub.review import selectors
from tests.factories import PracticeFactory

from .conftest import People

pytestmark = pytest.mark.django_db
S = PracticeStatus


def make_call(
    slug: str, opens: date, closes: date, *, published: bool = True, **kwargs: object
) -> CallForPractices:
    return CallForPractices.objects.create(
        title=slug.replace("-", " ").title(),
        slug=slug,
        opens_on=opens,
        closes_on=closes,
        is_published=published,
        **kwargs,
    )


@pytest.fixture
def calls() -> dict[str, CallForPractices]:
    today = timezone.localdate()
    day = timedelta(days=1)
    return {
        "open": make_call(
            "domestic-workers",
            today - 10 * day,
            today + 10 * day,
            description="Practices that protect **migrant domestic workers**.",
            contact_name="Call Desk",
            contact_email="calls@example.org",
        ),
        "closing_today": make_call("last-day", today - 10 * day, today),
        "past": make_call("migration-data", today - 90 * day, today - day),
        "upcoming": make_call("next-year", today + day, today + 30 * day),
        "hidden": make_call("unpublished-call", today - day, today + day, published=False),
    }


def test_calls_open_lists_published_calls_open_today(calls) -> None:  # type: ignore[no-untyped-def]
    assert list(selectors.calls_open()) == [calls["closing_today"], calls["open"]]
    assert list(selectors.calls_past()) == [calls["past"]]
    assert list(selectors.calls_upcoming()) == [calls["upcoming"]]
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert calls["closing_today"] not in selectors.calls_open(tomorrow)


def test_call_list_page_shows_open_and_past_calls(client, calls) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/review/calls/").content.decode()
    open_part, past_part = page.split('id="past-calls"')
    assert "Domestic Workers" in open_part.split('id="upcoming-calls"')[0]
    assert "Next Year" in open_part.split('id="upcoming-calls"')[1]
    assert "Migration Data" in past_part
    assert "Unpublished Call" not in page


def test_call_page_counts_published_practices_only(client, calls, people: People) -> None:  # type: ignore[no-untyped-def]
    call = calls["open"]
    call.focus_objectives.set(Objective.objects.filter(number__in=[6]))
    PracticeFactory(title="Published answer one", call=call)
    PracticeFactory(title="Published answer two", call=call)
    for status in (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.REJECTED, S.ARCHIVED):
        PracticeFactory(title=f"Hidden {status}", call=call, status=status, published_at=None)
    PracticeFactory(title="Published elsewhere")
    response = client.get("/review/calls/domestic-workers/")
    page = response.content.decode()
    assert response.context["practice_count"] == 2
    assert "2 published practices" in page
    assert "Published answer one" in page and "Published answer two" in page
    assert "Hidden" not in page and "Published elsewhere" not in page
    assert "<strong>migrant domestic workers</strong>" in page
    assert "calls@example.org" in page and "open for submissions until" in page
    assert "6 - " in page  # focus objective


def test_a_past_call_says_it_is_closed(client, calls) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/review/calls/migration-data/").content.decode()
    assert "no longer accepts submissions" in page
    assert "0 published practices" in page


def test_unpublished_and_unknown_calls_are_not_found(client, calls) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/review/calls/unpublished-call/").status_code == 404
    assert client.get("/review/calls/no-such-call/").status_code == 404


def test_published_counts_per_call_for_the_list_facet(calls) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(call=calls["past"])
    PracticeFactory(call=calls["past"], status=S.DRAFT, published_at=None)
    counts = {c.slug: c.published_count for c in selectors.calls_with_published_counts()}
    assert counts["migration-data"] == 1 and counts["domestic-workers"] == 0
    assert "unpublished-call" not in counts


def test_editors_manage_calls_in_the_admin(client, people: People) -> None:  # type: ignore[no-untyped-def]
    people.editor.is_staff = True
    people.editor.save()
    client.force_login(people.editor)
    assert client.get("/admin/catalogue/callforpractices/").status_code == 200
    today = timezone.localdate()
    response = client.post(
        "/admin/catalogue/callforpractices/add/",
        {
            "title": "Climate and mobility",
            "slug": "climate-and-mobility",
            "description": "",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=60)).isoformat(),
            "is_published": "on",
            "contact_name": "",
            "contact_email": "",
        },
    )
    assert response.status_code == 302
    assert CallForPractices.objects.filter(slug="climate-and-mobility", is_published=True).exists()
    client.force_login(people.stranger)
    assert client.get("/admin/catalogue/callforpractices/").status_code == 302  # not staff: to sign in
