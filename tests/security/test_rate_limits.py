"""Rate limits not covered elsewhere.

Already tested: the lock of an account after five failed sign-ins and registration per address
(tests/accounts/test_lockout_and_limits.py), the limiter itself (tests/accounts/test_ratelimit.py),
submitting and starting drafts (tests/submissions/test_workflow.py), downloads
(tests/exports/test_tabular.py) and the API (tests/api/test_privacy_and_limits.py). Here: failed
sign-ins per address across accounts, password resets per account and per address, saving a draft
(uploads included) and starting a practice from the Word template.
"""

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeDocument
from tests.submissions.helpers import complete_data

from .conftest import PASSWORD, PDF, World

pytestmark = pytest.mark.django_db

ATTACKER_IP, OTHER_IP = "203.0.113.50", "198.51.100.20"


def _sign_in(client: Client, email: str, password: str, ip: str) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_twenty_failed_sign_ins_from_one_address_stop_it_signing_in_to_any_account(world: World) -> None:
    # Four failures on each of five accounts: no account is locked, but the address is used up.
    victims = [world.users[role] for role in ("contributor", "other_contributor", "unassigned_reviewer")]
    victims += [world.users[role] for role in ("assigned_reviewer", "editor")]
    attacker = Client()
    for user in victims:
        for _ in range(4):
            assert _sign_in(attacker, user.email, "guess-guess-guess", ATTACKER_IP).status_code == 200
    assert "_auth_user_id" not in attacker.session

    administrator = world.users["administrator"]
    response = _sign_in(attacker, administrator.email, PASSWORD, ATTACKER_IP)
    assert "_auth_user_id" not in attacker.session
    assert response.status_code in (200, 429)

    # Elsewhere, the same account and the attacked ones still sign in.
    for user in (administrator, victims[0]):
        owner = Client()
        assert _sign_in(owner, user.email, PASSWORD, OTHER_IP).status_code == 302
        assert int(owner.session["_auth_user_id"]) == user.pk


def _reset(client: Client, email: str, ip: str) -> Any:
    return client.post(reverse("account_reset_password"), {"email": email}, REMOTE_ADDR=ip)


def test_password_resets_are_limited_per_account(world: World) -> None:
    email = world.users["contributor"].email
    mail.outbox.clear()  # the world's own e-mails
    statuses = [_reset(Client(), email, f"192.0.2.{n}").status_code for n in range(1, 5)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 429
    assert len(mail.outbox) == 3
    # Another account is not affected.
    assert _reset(Client(), world.users["editor"].email, "192.0.2.99").status_code == 302
    assert len(mail.outbox) == 4


def test_password_resets_are_limited_per_address(world: World) -> None:
    users = [world.users[role] for role in world.users]
    mail.outbox.clear()  # the world's own e-mails
    client = Client()
    statuses = [_reset(client, user.email, ATTACKER_IP).status_code for user in users]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert "Too many attempts" in _reset(client, users[0].email, ATTACKER_IP).content.decode()
    assert len(mail.outbox) == 5
    assert _reset(Client(), users[5].email, OTHER_IP).status_code == 302


@override_settings(PRACTICEHUB_SUBMISSION_SAVE_RATE=(2, 3600))
def test_saving_a_draft_and_uploading_are_limited(world: World) -> None:
    client = world.client("contributor")
    edit = reverse("submissions:edit", args=[world.draft.pk])
    for n in range(2):
        response = client.post(edit, complete_data(action="save", title=f"Saved {n}"))
        assert response.status_code in (200, 302)
    data = complete_data(action="upload", document_title="One too many")
    data["document_file"] = SimpleUploadedFile("annex.pdf", PDF, "application/pdf")
    response = client.post(edit, data)
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Practice.objects.get(pk=world.draft.pk).title == "Saved 1"
    assert not PracticeDocument.objects.filter(title="One too many").exists()


@override_settings(PRACTICEHUB_SUBMISSION_CREATE_RATE=(1, 3600))
def test_starting_practices_from_the_word_template_is_limited(world: World) -> None:
    client = world.client("other_contributor")
    upload = reverse("submissions:word_upload")
    first = client.post(upload, {"file": SimpleUploadedFile("filled.docx", b"not a docx", "application/zip")})
    assert first.status_code != 429
    practices = Practice.objects.count()
    second = client.post(
        upload, {"file": SimpleUploadedFile("filled.docx", b"not a docx", "application/zip")}
    )
    assert second.status_code == 429
    assert Practice.objects.count() == practices
