"""What a role must get: the kinds of answer (a status, a redirect, a sign-in redirect) and the
shorthand for who gets what (`roles`, `everyone`, `signed_in`, `editors`, `reviewers`,
`owner_and_editors`, `admin_pages`). The tables in url_table.py and post_actions.py are written with these."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .conftest import ROLES


@dataclass(frozen=True)
class SignIn:
    """302 to a sign-in page that brings the visitor back to the address asked for."""

    page: str

    def __str__(self) -> str:
        return f"302 to {self.page}?next=..."


@dataclass(frozen=True)
class Redirect:
    """302 to exactly this address."""

    to: str

    def __str__(self) -> str:
        return f"302 to {self.to}"


Expected = int | SignIn | Redirect

OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405
LOGIN = SignIn("/accounts/login/")
ADMIN_LOGIN = SignIn("/admin/login/")


def answer_matches(expected: Expected, response: Any, path: str) -> bool:
    location = response.get("Location", "")
    if isinstance(expected, SignIn):
        if response.status_code != 302:
            return False
        parts = urlsplit(location)
        return parts.path == expected.page and parse_qs(parts.query).get("next") == [path]
    if isinstance(expected, Redirect):
        return response.status_code == 302 and location == expected.to
    return bool(response.status_code == expected)


def describe(response: Any) -> str:
    location = response.get("Location", "")
    return f"{response.status_code}" + (f" to {location}" if location else "")


def roles(default: Expected, **by_role: Expected) -> dict[str, Expected]:
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return {role: by_role.get(role, default) for role in ROLES}


def everyone(expected: Expected) -> dict[str, Expected]:
    return roles(expected)


def signed_in(expected: Expected) -> dict[str, Expected]:
    """Anonymous visitors are sent to sign in; every signed-in role gets `expected`."""
    return roles(expected, anonymous=LOGIN)


def editors(expected: Expected = OK) -> dict[str, Expected]:
    """Editors' pages: sign in first, then 403 for everyone who is not an editor or administrator."""
    return roles(FORBIDDEN, anonymous=LOGIN, editor=expected, administrator=expected)


def owner_and_editors(expected: Expected = OK, *, anonymous: Expected = LOGIN) -> dict[str, Expected]:
    """Private to the submitter (contributor A) and the editors: 404 for everyone else."""
    return roles(
        NOT_FOUND, anonymous=anonymous, contributor=expected, editor=expected, administrator=expected
    )


# Roles that hold the reviewer role now (former_reviewer lost it).
REVIEWER_ROLES = (
    "unassigned_reviewer",
    "assigned_reviewer",
    "declined_reviewer",
    "finished_reviewer",
    "other_practice_reviewer",
)


def reviewers(expected: Expected = OK) -> dict[str, Expected]:
    """Reviewers' pages: sign in first, then 403 for everyone who is not a reviewer now."""
    return roles(FORBIDDEN, anonymous=LOGIN, **dict.fromkeys(REVIEWER_ROLES, expected))


def admin_pages(expected: Expected = OK) -> dict[str, Expected]:
    """The admin: staff (editors and administrators) only; others are sent to the admin's sign-in."""
    return roles(ADMIN_LOGIN, editor=expected, administrator=expected)


@dataclass(frozen=True)
class Case:
    path: str
    expected: dict[str, Expected]


MISSING = 999_999  # the primary key of nothing

# Every role that is not staff: every address under /admin/ sends them to the admin's sign-in page.
NON_STAFF = tuple(role for role in ROLES if role not in ("editor", "administrator"))
