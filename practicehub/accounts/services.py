"""Writes to accounts. Each function is one transaction and leaves an audit row when something changed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from practicehub.core.audit import audit_record

from .models import ReviewerKind, User

PROFILE_FIELDS = ("full_name", "organization_name", "country_code")


@transaction.atomic
def user_profile_update(
    *,
    actor: Any,
    user: User,
    full_name: str,
    organization_name: str,
    country_code: str,
) -> User:
    """Set the name, organization and country (ISO alpha-3, or "") a user shows to editors and reviewers."""
    new = {
        "full_name": full_name.strip(),
        "organization_name": organization_name.strip(),
        "country_code": country_code.strip().upper(),
    }
    old = {name: getattr(user, name) for name in PROFILE_FIELDS}
    changed = [name for name in PROFILE_FIELDS if old[name] != new[name]]
    if not changed:
        return user
    for name in changed:
        setattr(user, name, new[name])
    user.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="user.profile_updated",
        target=user,
        data={"changed": changed},
    )
    return user


def _roles_state(is_editor: bool, reviewer_kind: str) -> str:
    parts = []
    if is_editor:
        parts.append("editor")
    if reviewer_kind:
        parts.append(f"reviewer:{reviewer_kind}")
    return ",".join(parts) or "contributor"


@transaction.atomic
def user_roles_set(*, actor: Any, user: User, is_editor: bool, reviewer_kind: str) -> User:
    """Grant or withdraw the editor and reviewer roles (administrators are superusers, set in the admin).

    Granting the editor role also gives staff status, so that the editor can manage roles in the admin.
    """
    if reviewer_kind not in ReviewerKind.values:
        raise ValueError(f"Unknown reviewer kind: {reviewer_kind!r}")
    from_state = _roles_state(user.is_editor, user.reviewer_kind)
    to_state = _roles_state(is_editor, reviewer_kind)
    if from_state == to_state:
        return user
    user.is_editor = is_editor
    user.reviewer_kind = reviewer_kind
    update_fields = ["is_editor", "reviewer_kind"]
    if is_editor and not user.is_staff:
        user.is_staff = True
        update_fields.append("is_staff")
    user.save(update_fields=update_fields)
    audit_record(
        actor=actor,
        action="user.roles_changed",
        target=user,
        from_state=from_state,
        to_state=to_state,
    )
    return user
