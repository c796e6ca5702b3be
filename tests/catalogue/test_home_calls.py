"""The home page lists the calls for practices open today, each with a way to answer it."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from practicehub.catalogue.models import CallForPractices, Objective
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def make_call(title: str, opens: date, closes: date, *, published: bool = True) -> CallForPractices:
    return CallForPractices.objects.create(
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        opens_on=opens,
        closes_on=closes,
        is_published=published,
    )


def calls_section(client) -> str | None:  # type: ignore[no-untyped-def]
    """The text of the home page's open-calls section, or None when there is none."""
    html = client.get("/").content.decode()
    match = re.search(r'<section class="home__calls".*?</section>', html, flags=re.S)
    return match.group(0) if match else None


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_an_open_call_is_shown_with_its_page_closing_date_objectives_and_submit_link(client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    call = make_call("Practices on fair recruitment", today - 5 * DAY, today + 20 * DAY)
    call.focus_objectives.set(Objective.objects.filter(number__in=[6, 23]))
    section = calls_section(client)
    assert section is not None
    assert '<h2 id="calls-heading">Open calls for practices</h2>' in section
    assert f'<a href="/review/calls/{call.slug}/">Practices on fair recruitment</a>' in section
    closes = today + 20 * DAY
    assert f'<time datetime="{closes.isoformat()}">' in section
    assert closes.strftime("%B %Y") in text(section)
    # Focus objectives as text, not numbers alone.
    assert "6 - Recruitment and decent work" in text(section)
    assert "23 - International cooperation" in text(section)
    submit = re.search(r'<a class="button" href="([^"]+)">Submit a practice', section)
    assert submit and unescape(submit.group(1)) == f"/submit/?call={call.pk}"
    assert 'href="/review/calls/">All calls for practices' in section


def test_the_submit_link_preselects_the_call_on_the_submission_form(client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    call = make_call("Practices on return and reintegration", today - DAY, today + DAY)
    user = UserFactory(username="contributor")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    client.force_login(user)
    section = calls_section(client)
    assert section is not None
    href = unescape(re.search(r'<a class="button" href="([^"]+)">', section).group(1))  # type: ignore[union-attr]
    form = client.get(href).content.decode()
    assert re.search(
        rf'<option value="{call.pk}" selected>Practices on return and reintegration</option>', form
    )


def test_calls_closing_today_are_still_open_and_the_soonest_closing_comes_first(client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    make_call("Later call", today - DAY, today + 60 * DAY)
    make_call("Last day call", today - 30 * DAY, today)
    section = calls_section(client)
    assert section is not None
    assert re.findall(r'class="teaser__title"><a href="[^"]+">([^<]+)</a>', section) == [
        "Last day call",
        "Later call",
    ]


def test_closed_future_and_unpublished_calls_are_not_shown(client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    make_call("Closed yesterday", today - 30 * DAY, today - DAY)
    make_call("Opens tomorrow", today + DAY, today + 30 * DAY)
    make_call("Open but unpublished", today - DAY, today + DAY, published=False)
    assert calls_section(client) is None
    html = client.get("/").content.decode()
    for title in ("Closed yesterday", "Opens tomorrow", "Open but unpublished", "Open calls for practices"):
        assert title not in html

    make_call("Open and published", today - DAY, today + DAY)
    section = calls_section(client)
    assert section is not None
    assert "Open and published" in section
    for title in ("Closed yesterday", "Opens tomorrow", "Open but unpublished"):
        assert title not in section
