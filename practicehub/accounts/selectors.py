"""Reads about accounts: who holds which role."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from practicehub.catalogue.models import Country

from .models import User


def country_name(code: str) -> str:
    """The name of the country with this ISO alpha-3 code, or "" when unknown."""
    if not code:
        return ""
    country = Country.objects.filter(iso3=code.upper()).only("name").first()
    return country.name if country else ""


def editor_list() -> QuerySet[User]:
    """Active editors and administrators (e.g. to tell them about a new submission)."""
    return User.objects.filter(Q(is_editor=True) | Q(is_superuser=True), is_active=True).order_by(
        "full_name", "email"
    )


def reviewer_list(*, kind: str | None = None) -> QuerySet[User]:
    """Active reviewers, optionally only internal or external ones."""
    users = User.objects.filter(is_active=True).exclude(reviewer_kind="")
    if kind is not None:
        users = users.filter(reviewer_kind=kind)
    return users.order_by("full_name", "email")
