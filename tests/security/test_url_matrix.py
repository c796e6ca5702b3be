"""Every URL of the site x every role, with the answer each must get, and the security headers every
answer carries (headers.py: a strict Content-Security-Policy on every HTML page, which has no inline
script or style for it to block; the Permissions-Policy and Referrer-Policy on everything).

The table is in url_table.py, the POST actions in post_actions.py."""

from typing import Any

import pytest
from django.urls import resolve

from .conftest import ROLES, STAFF_ROLES, World
from .expectations import ADMIN_LOGIN, NON_STAFF, answer_matches, describe
from .headers import header_problems, inline_code_problems
from .helpers import fingerprint, get_fully
from .post_actions import POST_ACTIONS
from .url_table import ADMIN_PREFIX, routes, url_table

pytestmark = pytest.mark.django_db


def _get(world: World, role: str, path: str) -> Any:
    return get_fully(world.client(role), path)


def _policy_problems(key: str, path: str, response: Any) -> list[str]:
    problems = header_problems(response)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        problems += inline_code_problems(response.body)
    return [f"{key}: GET {path}: {problem}" for problem in problems]


def test_every_url_pattern_has_expectations(world: World) -> None:
    """A new URL without an entry in the table fails here ("unlisted URL"), and so does a stale entry."""
    table = url_table(world)
    found = list(routes())
    keys = {route.key for route in found}
    unlisted = [
        f"{route.key} ({route.route})"
        for route in found
        if route.key not in table and not route.route.startswith(ADMIN_PREFIX)
    ]
    assert not unlisted, "Unlisted URL(s): add them to tests/security/url_table.py:\n" + "\n".join(unlisted)
    stale = sorted(set(table) - keys)
    assert not stale, f"Entries for URLs that no longer exist: {stale}"


def test_every_case_is_an_address_of_its_pattern(world: World) -> None:
    for key, cases in url_table(world).items():
        for case in cases:
            match = resolve(case.path.split("?")[0])
            name = match.view_name if match.url_name else match.route
            assert name == key, f"{case.path} resolves to {name}, listed under {key}"
            assert set(case.expected) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_expected(world: World, role: str) -> None:
    wrong = []
    for key, cases in url_table(world).items():
        for case in cases:
            expected = case.expected[role]
            response = _get(world, role, case.path)
            if not answer_matches(expected, response, case.path):
                wrong.append(f"{key}: GET {case.path} gave {describe(response)}, expected {expected}")
            wrong += _policy_problems(key, case.path, response)
    assert not wrong, f"As {role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_the_rest_of_the_admin_is_for_staff_only(world: World, role: str) -> None:
    """Admin addresses outside the representative set: non-staff go to the admin's sign-in page;
    staff get an answer that is not an error of the server."""
    table = url_table(world)
    wrong = []
    admin_routes = [r for r in routes() if r.route.startswith(ADMIN_PREFIX) and r.key not in table]
    assert len(admin_routes) > 50  # every model's pages
    for route in admin_routes:
        response = _get(world, role, route.sample)
        if role in NON_STAFF:
            ok = answer_matches(ADMIN_LOGIN, response, route.sample)
        else:
            ok = response.status_code < 500
        if not ok:
            wrong.append(f"{route.key}: GET {route.sample} gave {describe(response)}")
        wrong += _policy_problems(route.key, route.sample, response)
    assert not wrong, f"As {role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("label", list(POST_ACTIONS))
def test_post_actions_refuse_the_wrong_roles_and_change_nothing(
    world: World, label: str, django_capture_on_commit_callbacks: Any
) -> None:
    action = POST_ACTIONS[label](world)
    before = fingerprint()
    for role, expected in action.refused.items():
        with django_capture_on_commit_callbacks(execute=True):
            response = world.client(role).post(action.path, action.data())
        assert answer_matches(expected, response, action.path), (
            f"{label}: POST {action.path} as {role} gave {describe(response)}, expected {expected}"
        )
        assert fingerprint() == before, f"{label}: POST as {role} changed something"
    if action.allowed is not None:
        # The same request from the right role does what it says: the refusals above were not luck.
        with django_capture_on_commit_callbacks(execute=True):
            response = world.client(action.allowed).post(action.path, action.data())
        assert action.allowed_answer is not None
        assert answer_matches(action.allowed_answer, response, action.path), (
            f"{label}: POST as {action.allowed} gave {describe(response)}"
        )
        assert (fingerprint() != before) == action.changes


def test_staff_only_roles_are_the_staff_roles() -> None:
    assert set(NON_STAFF) | set(STAFF_ROLES) == set(ROLES)
