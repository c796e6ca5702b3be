"""Editors manage roles in the admin; every role change leaves an audit row."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from practicehub.accounts.models import ReviewerKind, User
from practicehub.accounts.services import user_roles_set
from practicehub.core.models import AuditEvent

from .conftest import make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_user_changelist")


def change_url(user: Any) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


@pytest.fixture
def editor_client(client: Client) -> Client:
    editor = make_user(full_name="Eda Editor", is_editor=True, is_staff=True)
    client.force_login(editor)
    return client


def test_user_list_shows_roles_with_filters(editor_client: Client) -> None:
    make_user(full_name="Rita Reviewer", reviewer_kind=ReviewerKind.EXTERNAL)

    html = editor_client.get(CHANGELIST).content.decode()

    assert "Rita Reviewer" in html
    assert "External reviewer" in html
    for filter_param in ("is_editor__exact", "reviewer_kind__exact"):
        assert filter_param in html

    filtered = editor_client.get(CHANGELIST, {"reviewer_kind__exact": "external"}).content.decode()
    assert "Rita Reviewer" in filtered
    assert "Eda Editor" not in filtered


def test_editor_makes_someone_a_reviewer_with_an_action(editor_client: Client) -> None:
    person = make_user()

    response = editor_client.post(
        CHANGELIST, {"action": "make_internal_reviewer", "_selected_action": [person.pk]}, follow=True
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.reviewer_kind == ReviewerKind.INTERNAL
    event = AuditEvent.objects.get(action="user.roles_changed", target_id=str(person.pk))
    assert (event.from_state, event.to_state) == ("contributor", "reviewer:internal")
    assert event.actor.full_name == "Eda Editor"


def test_editor_changes_roles_on_the_user_page(editor_client: Client) -> None:
    person = make_user(full_name="Pat Person")
    page = editor_client.get(change_url(person)).content.decode()
    assert 'name="reviewer_kind"' in page
    assert 'name="is_editor"' in page
    # Editors cannot touch passwords, staff or administrator status.
    assert "field-password" not in page
    assert 'name="is_superuser"' not in page
    assert 'name="is_staff"' not in page

    response = editor_client.post(
        change_url(person),
        {
            "username": person.username,
            "full_name": "Pat Person",
            "organization_name": "",
            "country_code": "",
            "reviewer_kind": "external",
            "is_editor": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    person.refresh_from_db()
    assert person.reviewer_kind == ReviewerKind.EXTERNAL
    assert person.is_editor and person.is_staff
    assert not person.is_superuser
    event = AuditEvent.objects.get(action="user.roles_changed", target_id=str(person.pk))
    assert event.to_state == "editor,reviewer:external"


def test_editors_cannot_change_administrators_or_passwords(editor_client: Client) -> None:
    admin_user = make_user(is_superuser=True, is_staff=True)
    person = make_user()

    assert editor_client.post(change_url(admin_user), {"username": "taken-over"}).status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[person.pk])
    assert editor_client.get(password_url).status_code == 403


def test_people_without_a_role_cannot_open_the_user_admin(client: Client) -> None:
    client.force_login(make_user(is_staff=True, reviewer_kind=ReviewerKind.INTERNAL))

    assert client.get(CHANGELIST).status_code == 403


def test_administrators_keep_full_control(client: Client) -> None:
    client.force_login(make_user(is_superuser=True, is_staff=True))
    person = make_user()

    page = client.get(change_url(person)).content.decode()

    assert 'name="is_superuser"' in page
    assert "field-password" in page
    assert client.get(reverse("admin:auth_user_password_change", args=[person.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200


def test_roles_service_records_only_real_changes() -> None:
    actor = make_user(is_superuser=True)
    person = make_user()

    user_roles_set(actor=actor, user=person, is_editor=False, reviewer_kind="")
    assert not AuditEvent.objects.filter(action="user.roles_changed").exists()

    user_roles_set(actor=actor, user=person, is_editor=False, reviewer_kind=ReviewerKind.EXTERNAL)
    user_roles_set(actor=actor, user=person, is_editor=False, reviewer_kind="")
    states = list(
        AuditEvent.objects.filter(action="user.roles_changed")
        .order_by("pk")
        .values_list("from_state", "to_state")
    )
    assert states == [("contributor", "reviewer:external"), ("reviewer:external", "contributor")]
    with pytest.raises(ValueError):
        user_roles_set(actor=actor, user=person, is_editor=False, reviewer_kind="boss")
    assert User.objects.get(pk=person.pk).reviewer_kind == ""
