"""Who may do what.

- contributor: any active user with a verified email address (submits practices);
- reviewer: an active user marked as an internal (UN) or external reviewer;
- editor: an active user marked as editor, or an administrator (runs the repository);
- administrator: an active superuser.

Views use the decorators (functions) or mixins (classes): anonymous visitors are sent to sign in and
come back afterwards; signed-in users without the role get a friendly 403 page saying what is missing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from allauth.account.models import EmailAddress
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ReviewerKind

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def has_verified_email(user: Any) -> bool:
    return _active(user) and EmailAddress.objects.filter(user=user, verified=True).exists()


def is_contributor(user: Any) -> bool:
    """Any active user who has confirmed an email address."""
    return has_verified_email(user)


def is_reviewer(user: Any) -> bool:
    """An active internal or external reviewer."""
    return _active(user) and bool(user.reviewer_kind)


def is_internal_reviewer(user: Any) -> bool:
    return _active(user) and user.reviewer_kind == ReviewerKind.INTERNAL


def is_external_reviewer(user: Any) -> bool:
    return _active(user) and user.reviewer_kind == ReviewerKind.EXTERNAL


def is_editor(user: Any) -> bool:
    """Editors run the repository; administrators can always do what editors do."""
    return _active(user) and bool(user.is_editor or user.is_superuser)


def is_administrator(user: Any) -> bool:
    return _active(user) and bool(user.is_superuser)


def is_staff(user: Any) -> bool:
    """May open the Django admin (editors reach it as staff)."""
    return _active(user) and bool(user.is_staff)


def role_labels(user: Any) -> list[Promise]:
    """The roles a user holds, as text for their account page."""
    labels: list[Promise] = []
    if is_contributor(user):
        labels.append(_("Contributor"))
    if is_internal_reviewer(user):
        labels.append(_("Internal reviewer (UN)"))
    elif is_external_reviewer(user):
        labels.append(_("External reviewer"))
    if _active(user) and user.is_editor:
        labels.append(_("Editor"))
    if is_administrator(user):
        labels.append(_("Administrator"))
    return labels


# What the 403 page says to a signed-in user who lacks each role.
_ROLES: dict[str, tuple[Callable[[Any], bool], Promise]] = {
    "contributor": (
        is_contributor,
        _("Only contributors can do this. Confirm your email address to become one."),
    ),
    "reviewer": (
        is_reviewer,
        _(
            "Only reviewers can open this page. The editors invite reviewers: "
            "if you expected access, contact them."
        ),
    ),
    "editor": (is_editor, _("Only the repository's editors can open this page.")),
    "staff": (is_staff, _("Only the repository's editors and administrators can open the administration.")),
}


def forbidden(request: HttpRequest, *, role: str) -> HttpResponse:
    """The friendly 403 page for a signed-in user without `role`."""
    return render(
        request,
        "accounts/forbidden.html",
        {"role": role, "reason": _ROLES[role][1]},
        status=403,
    )


def check_role(request: HttpRequest, role: str) -> HttpResponse | None:
    """None when the request's user holds `role`; otherwise the response to send instead."""
    check = _ROLES[role][0]
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not check(user):
        return forbidden(request, role=role)
    return None


def role_required(role: str) -> Callable[[ViewFunc], ViewFunc]:
    if role not in _ROLES:
        raise ValueError(f"Unknown role: {role}")

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refusal = check_role(request, role)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        return cast(ViewFunc, wrapper)

    return decorator


contributor_required = role_required("contributor")
reviewer_required = role_required("reviewer")
editor_required = role_required("editor")


class RoleRequiredMixin:
    """Class-based views: set `required_role` (or use one of the subclasses below); put it first."""

    required_role: str = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = check_role(request, self.required_role)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ContributorRequiredMixin(RoleRequiredMixin):
    required_role = "contributor"


class ReviewerRequiredMixin(RoleRequiredMixin):
    required_role = "reviewer"


class EditorRequiredMixin(RoleRequiredMixin):
    required_role = "editor"
