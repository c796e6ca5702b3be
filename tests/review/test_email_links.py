"""Every link in every e-mail the site sends is a full address on PRACTICEHUB_SITE_URL: the review
workflow's (sent after commit or by a management command, with no request to take a host from) and
django-allauth's (built from the request of the person who asked for them)."""

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.test.signals import template_rendered
from django.urls import reverse

from practicehub.review import emails
from practicehub.review.models import CoiStatus, Decision, DecisionAction, ReviewRound

from .conftest import People, assign, complete_practice

pytestmark = pytest.mark.django_db

FULL_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
# A site path left without its host: "/review/…" standing on its own or after a space.
BARE_PATH = re.compile(r"(?<![\w/:.])/[a-z0-9_-]+/\S*", re.IGNORECASE)
TEMPLATES = Path(settings.BASE_DIR) / "practicehub" / "templates" / "review" / "email"


def site() -> str:
    """The configured address (config/settings/test.py sets one, as prod requires)."""
    address = str(settings.PRACTICEHUB_SITE_URL)
    assert address.startswith(("http://", "https://")), address
    return address


def links_problems(body: str) -> list[str]:
    problems = [
        f"not on the site: {url}" for url in FULL_ADDRESS.findall(body) if not url.startswith(site() + "/")
    ]
    problems += [f"no host: {path}" for path in BARE_PATH.findall(FULL_ADDRESS.sub("", body))]
    if not FULL_ADDRESS.search(body):
        problems.append("no link at all")
    return problems


def send_every_review_email(people: People) -> None:
    practice = complete_practice(submitter=people.owner, title="Safe corridors")
    review_round = ReviewRound.objects.create(practice=practice, number=1)
    assignment = assign(review_round, people.external_1, coi=CoiStatus.NO_CONFLICT, recommendation="publish")
    emails.send_submitted(practice.pk, False)
    emails.send_submitted(practice.pk, True)
    emails.send_assigned(assignment.pk)
    emails.send_review_update(assignment.pk)
    emails.send_reminder(assignment.pk)
    for action in DecisionAction.values:
        decision = Decision.objects.create(
            round=review_round,
            action=action,
            editor=people.editor,
            message_to_submitter="Thanks.",
            quorum_met=True,
        )
        emails.send_decision(decision.pk)
    emails.send_published(practice.pk)


def test_every_review_email_links_to_the_site_with_its_full_address(people: People) -> None:
    rendered: set[str] = set()

    def note(sender: Any, template: Any, **kwargs: Any) -> None:
        rendered.add(Path(str(template.name)).name)

    template_rendered.connect(note)
    try:
        send_every_review_email(people)
    finally:
        template_rendered.disconnect(note)

    # Every body template the site has was sent here, so a new one cannot slip past this test.
    assert {p.name for p in TEMPLATES.glob("*_body.txt")} <= rendered
    assert mail.outbox
    wrong = {m.subject: links_problems(m.body) for m in mail.outbox if links_problems(m.body)}
    assert not wrong, wrong


@override_settings(PRACTICEHUB_SITE_URL="https://practices.example.org")
def test_the_reminder_command_sends_full_addresses_too(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    practice = complete_practice(submitter=people.owner, status="in_review")
    review_round = ReviewRound.objects.create(practice=practice, number=1)
    assign(review_round, people.external_2, assigned_at=timezone.now() - timedelta(days=30))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=StringIO())

    (message,) = mail.outbox
    assert "https://practices.example.org/review/assignments/" in message.body
    assert not links_problems(message.body)


def test_allauth_emails_carry_full_addresses_of_the_host_asked(people: People) -> None:
    """Confirmation (at sign-up) and password reset: built from the request, which ALLOWED_HOSTS
    vouches for, so they are full addresses of this site."""
    host = "http://testserver"
    Client().post(
        reverse("account_signup"),
        {
            "full_name": "Nadia New",
            "email": "nadia.new@example.org",
            "password1": "a-long-and-unusual-passphrase-42",
            "password2": "a-long-and-unusual-passphrase-42",
        },
    )
    Client().post(reverse("account_reset_password"), {"email": people.owner.email})
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        links = FULL_ADDRESS.findall(message.body)
        assert links and all(link.startswith(host + "/accounts/") for link in links), message.body
        assert not BARE_PATH.findall(FULL_ADDRESS.sub("", message.body)), message.body
