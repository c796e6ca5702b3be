"""Requests nobody's browser sends: too many parameters, NUL, the UTF-8 of lone surrogates or broken
UTF-8 in query strings, and cookies holding such bytes. Every public page answers or says 4xx, never
a server error (a session cookie with NUL once made every page a 500 on PostgreSQL)."""


from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.core.sessions import SessionStore
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/practices/",
    "/feeds/practices.atom",
    "/feeds/practices.rss",
    "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
    "/sitemap.xml",
    "/exports/practices.csv",
]
QUERIES = [
    "q=a%00b",
    "q=%ED%A0%80%ED%BF%BF",
    "q=%FF%FE",
    "q=%EF%BF%BE",
    "country=%00&objective=%ED%A0%80",
    "start_year_from=%00&page=%ED%A0%80",
    "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Ax%3Apractice%2F1%00",
    "verb=ListRecords&resumptionToken=%ED%A0%80%00",
    "verb=ListRecords&metadataPrefix=oai_dc&set=objective%3A%00&from=%ED%A0%80",
]
COOKIES = [
    "sessionid=abcdefgh\x00ijkl",
    "sessionid=" + "a" * 5000,
    "sessionid=\xff\xfe\xed\xa0\x80abcdefgh",
    "csrftoken=\x00",
    "django_language=\x00",
    "django_language=zz-\x01\xff",
    "messages=\x00abc",
]


@pytest.fixture(autouse=True)
def _a_practice() -> None:
    PracticeFactory()


def _client() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", ["/practices/", "/feeds/practices.atom", "/oai/"])
def test_more_than_a_thousand_parameters_is_a_clear_400_page(path: str) -> None:
    query = "&".join(f"p{n}=1" for n in range(1_001))
    response = _client().get(f"{path}?{query}")
    assert response.status_code == 400
    assert "<h1>This request could not be read</h1>" in response.content.decode()


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("path", PAGES)
def test_odd_bytes_in_a_query_string_never_give_a_server_error(path: str, query: str) -> None:
    separator = "&" if "?" in path else "?"
    assert _client().get(f"{path}{separator}{query}").status_code in (200, 400)


@pytest.mark.parametrize("cookie", COOKIES)
@pytest.mark.parametrize("path", ["/", "/practices/", "/api/v1/practices", reverse("submissions:new")])
def test_odd_cookies_never_give_a_server_error(path: str, cookie: str) -> None:
    response = _client().get(path, HTTP_COOKIE=cookie)
    assert response.status_code in (200, 302)


def test_a_session_key_django_could_not_have_made_is_no_session() -> None:
    """Such a key is never looked up (PostgreSQL refuses a query holding NUL)."""
    for key in ("abcdefgh\x00ijkl", "ABCDEFGHIJKL", "a" * 41, "short"):
        assert SessionStore(session_key=key).session_key is None, key
    made = SessionStore()
    made.create()
    assert SessionStore(session_key=made.session_key).session_key == made.session_key


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cookie=st.binary(max_size=60))
def test_any_session_cookie_gives_a_page(cookie: bytes) -> None:
    # A WSGI server hands the header over as latin-1 text.
    value = cookie.decode("latin-1").replace(";", "").replace("\r", "").replace("\n", "")
    response = _client().get("/practices/", HTTP_COOKIE=f"sessionid={value}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/catalogue/practice/?status=%00",
        "/admin/catalogue/practice/?q=a%00b",
        "/admin/autocomplete/?app_label=catalogue&model_name=practiceorganization"
        "&field_name=organization&term=a%00",
    ],
)
def test_a_nul_in_an_editors_query_string_is_read_as_a_space(client: Client, editor: Any, url: str) -> None:
    """(PostgreSQL refused the admin's filter and autocomplete queries that held it.)"""
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response.wsgi_request.GET.get("status", "") in ("", " ")
