"""CSRF: every form that posts carries the token, every POST without it is refused and changes nothing,
and the only views exempt from the check are an explicit list, each with its reason.

A refusal alone proves little (the role might have been refused anyway), so each refused request is
sent again with the token from one of the site's pages, and must then get past the check.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from practicehub.accounts.models import User
from practicehub.catalogue.models import Practice

from .conftest import PASSWORD, ROLES, SUBMITTER_EMAIL, World
from .expectations import OK, answer_matches, describe
from .helpers import fingerprint, get_fully
from .post_actions import POST_ACTIONS
from .url_table import routes, url_table

pytestmark = pytest.mark.django_db

TOKEN = "csrfmiddlewaretoken"
CSRF_FAILURE = "The form could not be sent"  # practicehub/templates/403_csrf.html
NEW_PASSWORD = "a-long-and-unusual-passphrase-42"

# The views that skip the CSRF check, and why that is safe. Nothing else may be exempt.
_API_READ_ONLY = "The API is read-only: it answers GET and HEAD, any other method gets 405 or 404."
_SCHEMA = "The API's description (OpenAPI schema and its page): the same document for any method."
CSRF_EXEMPT: dict[str, str] = {
    "api:api-root": _API_READ_ONLY,
    "api:openapi-json": _SCHEMA,
    "api:openapi-view": _SCHEMA,
    "api:practice_list": _API_READ_ONLY,
    "api:practice_detail": _API_READ_ONLY,
    "api:vocabulary_list": _API_READ_ONLY,
    "api:vocabulary_detail": _API_READ_ONLY,
    "api:organization_list": _API_READ_ONLY,
    "api:organization_detail": _API_READ_ONLY,
    "api:call_list": _API_READ_ONLY,
    "api:call_detail": _API_READ_ONLY,
    "api:not_found": _API_READ_ONLY,
    "opendata:oai": "OAI-PMH 2.0 lets harvesters send any request by POST (section 3.1.1.2); every verb "
    "only reads, and harvesters have no form to take a token from.",
}


def _forms_without_token(body: bytes) -> list[str]:
    doc = lxml.html.fromstring(body)
    missing = []
    for form in doc.xpath("//form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        if not form.xpath(f".//input[@type='hidden' and @name='{TOKEN}' and string-length(@value) > 0]"):
            missing.append(f"<form action={form.get('action')!r} class={form.get('class')!r}>")
    return missing


def _post_forms(body: bytes) -> int:
    return len(lxml.html.fromstring(body).xpath("//form[translate(@method, 'POST', 'post')='post']"))


@pytest.mark.parametrize("role", ROLES)
def test_every_form_that_posts_carries_the_token(world: World, role: str) -> None:
    client = world.client(role, enforce_csrf_checks=True)
    missing: list[str] = []
    pages = forms = 0
    for key, cases in url_table(world).items():
        for case in cases:
            if case.expected[role] != OK:
                continue
            response = get_fully(client, case.path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            forms += _post_forms(response.body)
            missing += [f"{key}: {case.path}: {form}" for form in _forms_without_token(response.body)]
    assert not missing, f"As {role}, forms that post without the CSRF token:\n" + "\n".join(missing)
    # Every page has the language form at least; signed-in pages also the sign-out form.
    assert forms >= pages > 10


def _token(client: Client, page: str = "/") -> str:
    """The token a page of the site gives this client (and the cookie that goes with it)."""
    response = get_fully(client, page)
    values = lxml.html.fromstring(response.body).xpath(f"//input[@name='{TOKEN}']/@value")
    assert values, f"{page} gives no CSRF token"
    return str(values[0])


def _refused_for_csrf(response: Any) -> bool:
    return response.status_code == 403 and CSRF_FAILURE in response.content.decode()


# The role that sends an action with no role allowed to do it (the check comes before any other).
SENDER = {"assign a reviewer to a draft": "editor", "import practices": "administrator"}


@pytest.mark.parametrize("label", list(POST_ACTIONS))
def test_post_actions_without_the_token_are_refused_and_change_nothing(
    world: World, label: str, django_capture_on_commit_callbacks: Any
) -> None:
    action = POST_ACTIONS[label](world)
    role = action.allowed or SENDER.get(label, "contributor")
    client = world.client(role, enforce_csrf_checks=True)
    before = fingerprint()
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(action.path, action.data())
    assert _refused_for_csrf(refused), f"{label} as {role} without a token: {describe(refused)}"
    assert fingerprint() == before

    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(action.path, {**action.data(), TOKEN: _token(client)})
    assert not _refused_for_csrf(accepted), f"{label} as {role} with the token: {describe(accepted)}"
    if action.allowed is not None and action.allowed_answer is not None:
        assert answer_matches(action.allowed_answer, accepted, action.path), describe(accepted)


# Forms outside the role x URL table's actions: accounts, language, the admin.


@dataclass
class FormCase:
    role: str
    path: Callable[[World], str]
    data: Callable[[World], dict[str, Any]]
    # What the POST would change, read before and after: equal after a refusal, different once sent
    # with the token.
    state: Callable[[World, Client], Any]
    page: str = "/"  # where the token is taken from


def _language_cookie(w: World, c: Client) -> str | None:
    cookie = c.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie.value if cookie is not None else None


def _signed_in_as(w: World, client: Client) -> Any:
    return client.session.get("_auth_user_id")


def _signup(w: World) -> dict[str, Any]:
    return {
        "full_name": "Wanjiru Kamau",
        "email": "wanjiru@example.org",
        "organization_name": "Nairobi Migrant Resource Centre",
        "country_code": "KEN",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }


FORMS: dict[str, FormCase] = {
    "sign in": FormCase(
        "anonymous",
        lambda w: reverse("account_login"),
        lambda w: {"login": SUBMITTER_EMAIL, "password": PASSWORD},
        _signed_in_as,
    ),
    "register": FormCase(
        "anonymous",
        lambda w: reverse("account_signup"),
        _signup,
        lambda w, c: (User.objects.count(), len(mail.outbox)),
    ),
    "ask for a password reset": FormCase(
        "anonymous",
        lambda w: reverse("account_reset_password"),
        lambda w: {"email": SUBMITTER_EMAIL},
        lambda w, c: len(mail.outbox),
    ),
    "sign out": FormCase("contributor", lambda w: reverse("account_logout"), lambda w: {}, _signed_in_as),
    "change the language": FormCase(
        "anonymous",
        lambda w: reverse("set_language"),
        lambda w: {"language": "fr", "next": "/"},
        _language_cookie,
    ),
    "change the language when signed in": FormCase(
        "other_contributor",
        lambda w: reverse("set_language"),
        lambda w: {"language": "es", "next": "/"},
        _language_cookie,
    ),
    "add an e-mail address": FormCase(
        "contributor",
        lambda w: reverse("account_email"),
        lambda w: {"action_add": "", "email": "second.address@example.org"},
        lambda w, c: EmailAddress.objects.count(),
    ),
    "change the password": FormCase(
        "contributor",
        lambda w: reverse("account_change_password"),
        lambda w: {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        lambda w, c: User.objects.get(pk=w.users["contributor"].pk).password,
    ),
    # The admin has no sign-in form of its own: its sign-in is the site's ("sign in" above).
    "sign out of the admin": FormCase(
        "editor", lambda w: reverse("admin:logout"), lambda w: {}, _signed_in_as
    ),
    "publish a practice with an admin action": FormCase(
        "editor",
        lambda w: reverse("admin:catalogue_practice_changelist"),
        lambda w: {"action": "publish_practices", "_selected_action": [str(w.approved.pk)]},
        lambda w, c: Practice.objects.get(pk=w.approved.pk).status,
        page=reverse("admin:catalogue_practice_changelist"),
    ),
    "delete a user with an admin action": FormCase(
        "administrator",
        lambda w: reverse("admin:accounts_user_changelist"),
        lambda w: {
            "action": "delete_selected",
            "_selected_action": [str(w.users["other_contributor"].pk)],
            "post": "yes",
        },
        lambda w, c: User.objects.count(),
        page=reverse("admin:accounts_user_changelist"),
    ),
}


@pytest.mark.parametrize("label", list(FORMS))
def test_forms_without_the_token_are_refused_and_change_nothing(
    world: World, label: str, django_capture_on_commit_callbacks: Any
) -> None:
    form = FORMS[label]
    client = world.client(form.role, enforce_csrf_checks=True)
    path = form.path(world)
    before, everything = form.state(world, client), fingerprint()
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(path, form.data(world))
    assert _refused_for_csrf(refused), f"{label} without a token: {describe(refused)}"
    assert form.state(world, client) == before
    assert fingerprint() == everything

    token = _token(client, form.page)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(path, {**form.data(world), TOKEN: token})
    assert not _refused_for_csrf(accepted), f"{label} with the token: {describe(accepted)}"
    assert form.state(world, client) != before, f"{label} with the token changed nothing"


def test_the_views_exempt_from_csrf_are_the_allowlist() -> None:
    exempt = {route.key for route in routes() if getattr(route.view, "csrf_exempt", False)}
    assert exempt == set(CSRF_EXEMPT), (
        f"Newly exempt: {sorted(exempt - set(CSRF_EXEMPT))}; "
        f"no longer exempt: {sorted(set(CSRF_EXEMPT) - exempt)}"
    )
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_exempt_views_change_nothing_when_posted_to(
    world: World, role: str, django_capture_on_commit_callbacks: Any
) -> None:
    """What the allowlist claims: a POST to the API is refused, one to OAI-PMH only reads."""
    table = url_table(world)
    client = world.client(role, enforce_csrf_checks=True)
    before = fingerprint()
    for key, reason in CSRF_EXEMPT.items():
        for case in table[key]:
            path = case.path.split("?")[0]
            data = {"verb": "ListRecords", "metadataPrefix": "oai_dc"} if key == "opendata:oai" else {}
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(path, {**data, "title": "Posted", "status": "published"})
            if reason == _API_READ_ONLY:
                assert response.status_code in (404, 405), f"POST {path}: {describe(response)}"
            elif reason == _SCHEMA:
                assert response.content == client.get(path).content
            else:
                # Unknown arguments are a protocol error; the harvest itself is read as by GET.
                assert response.status_code == 200, describe(response)
                answer = client.post(path, data).content
                assert answer.count(b"<record>") == client.get(path, data).content.count(b"<record>") > 0
            assert fingerprint() == before, f"POST {path} changed something"
