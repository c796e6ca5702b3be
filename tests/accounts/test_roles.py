"""Role helpers, the view decorators and mixins, and the account links in the header."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import View

from practicehub.accounts import roles
from practicehub.accounts.models import ReviewerKind

from .conftest import make_user

pytestmark = pytest.mark.django_db


def test_contributor_is_an_active_user_with_a_verified_email() -> None:
    assert roles.is_contributor(make_user(verified=True))
    assert not roles.is_contributor(make_user(verified=False))
    assert not roles.is_contributor(make_user(verified=True, is_active=False))
    assert not roles.is_contributor(AnonymousUser())
    assert not roles.is_contributor(None)


def test_reviewer_is_internal_or_external() -> None:
    internal = make_user(reviewer_kind=ReviewerKind.INTERNAL)
    external = make_user(reviewer_kind=ReviewerKind.EXTERNAL)
    plain = make_user()

    assert roles.is_reviewer(internal) and roles.is_internal_reviewer(internal)
    assert roles.is_reviewer(external) and roles.is_external_reviewer(external)
    assert not roles.is_internal_reviewer(external)
    assert not roles.is_reviewer(plain)
    assert not roles.is_reviewer(make_user(reviewer_kind=ReviewerKind.EXTERNAL, is_active=False))
    assert not roles.is_reviewer(AnonymousUser())


def test_editor_runs_the_repository_and_administrators_can_too() -> None:
    assert roles.is_editor(make_user(is_editor=True))
    assert roles.is_editor(make_user(is_superuser=True))
    assert not roles.is_editor(make_user())
    assert not roles.is_editor(make_user(reviewer_kind=ReviewerKind.INTERNAL))
    assert not roles.is_editor(make_user(is_editor=True, is_active=False))
    assert not roles.is_editor(AnonymousUser())
    assert roles.is_administrator(make_user(is_superuser=True))
    assert not roles.is_administrator(make_user(is_editor=True))


def test_role_labels_for_the_account_page() -> None:
    user = make_user(is_editor=True, reviewer_kind=ReviewerKind.EXTERNAL)

    assert [str(label) for label in roles.role_labels(user)] == ["Contributor", "External reviewer", "Editor"]


@roles.contributor_required
def contributor_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("contributor page")


@roles.reviewer_required
def reviewer_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("reviewer page")


@roles.editor_required
def editor_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("editor page")


class EditorPage(roles.EditorRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("editor page")


class ReviewerPage(roles.ReviewerRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("reviewer page")


class ContributorPage(roles.ContributorRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("contributor page")


VIEWS = {
    "contributor": [contributor_view, ContributorPage.as_view()],
    "reviewer": [reviewer_view, ReviewerPage.as_view()],
    "editor": [editor_view, EditorPage.as_view()],
}


def call(view: Any, user: Any, rf: RequestFactory) -> HttpResponse:
    request = rf.get("/restricted/?tab=2")
    request.user = user
    request.session = {}  # type: ignore[assignment]
    return view(request)


@pytest.mark.parametrize("role", VIEWS)
def test_anonymous_visitors_are_sent_to_sign_in(role: str, rf: RequestFactory) -> None:
    for view in VIEWS[role]:
        response = call(view, AnonymousUser(), rf)

        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next=/restricted/%3Ftab%3D2"


@pytest.mark.parametrize(
    ("role", "holder", "lacking", "reason"),
    [
        ("contributor", {}, {"verified": False}, "Confirm your email address"),
        ("reviewer", {"reviewer_kind": ReviewerKind.INTERNAL}, {}, "Only reviewers"),
        (
            "editor",
            {"is_editor": True},
            {"reviewer_kind": ReviewerKind.EXTERNAL},
            "editors can open this page",
        ),
    ],
)
def test_each_role_lets_its_holders_in_and_shows_others_a_friendly_403(
    role: str, holder: dict[str, Any], lacking: dict[str, Any], reason: str, rf: RequestFactory
) -> None:
    with_role = make_user(**holder)
    without_role = make_user(full_name="Sam Without", **lacking)
    for view in VIEWS[role]:
        allowed = call(view, with_role, rf)
        assert allowed.status_code == 200
        assert allowed.content.decode() == f"{role} page"

        refused = call(view, without_role, rf)
        assert refused.status_code == 403
        page = refused.content.decode()
        assert "You do not have access to this page" in page
        assert reason in page
        assert "Sam Without" in page


def test_administrators_pass_the_editor_check(rf: RequestFactory) -> None:
    assert call(editor_view, make_user(is_superuser=True), rf).status_code == 200


def test_unknown_role_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        roles.role_required("owner")


def test_header_offers_sign_in_and_register_to_visitors(client: Client) -> None:
    html = client.get(reverse("discovery:about")).content.decode()

    assert f'href="{reverse("account_login")}?next=/about/"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert "My account" not in html


def test_header_shows_the_signed_in_user_and_a_sign_out_form(client: Client) -> None:
    client.force_login(make_user(full_name="Amara Diallo"))

    html = client.get(reverse("discovery:about")).content.decode()

    assert "Amara Diallo" in html
    assert f'href="{reverse("accounts:profile")}"' in html
    assert f'<form class="user-nav__signout" method="post" action="{reverse("account_logout")}">' in html
    assert "Register" not in html
