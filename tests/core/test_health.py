"""/healthz: what a load balancer sees when the app server can work, and when it cannot."""

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

HEALTHZ = "/healthz"


def test_a_healthy_server_answers_ok_with_nothing_else() -> None:
    response = Client().get(HEALTHZ)

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie
    assert "Content-Security-Policy" not in response  # not a page


def test_a_database_that_does_not_answer_gives_503_naming_it(caplog: Any) -> None:
    with mock.patch("practicehub.core.health.connection.cursor", side_effect=OperationalError("gone")):
        response = Client().get(HEALTHZ)

    assert response.status_code == 503
    assert response.content == b"failed: database\n"
    assert "no-store" in response["Cache-Control"]
    assert "gone" not in response.content.decode()  # the details go to the log, not to the caller
    assert "Health check: the database failed" in caplog.text


def test_a_cache_that_loses_what_it_was_given_gives_503_naming_it() -> None:
    with mock.patch("practicehub.core.health.cache.get", return_value=None):
        assert Client().get(HEALTHZ).content == b"failed: cache\n"
    with mock.patch("practicehub.core.health.cache.set", side_effect=ConnectionError("refused")):
        response = Client().get(HEALTHZ)
    assert response.status_code == 503
    assert response.content == b"failed: cache\n"


def test_both_failing_are_both_named() -> None:
    with (
        mock.patch("practicehub.core.health.connection.cursor", side_effect=OperationalError("gone")),
        mock.patch("practicehub.core.health.cache.set", side_effect=ConnectionError("refused")),
    ):
        response = Client().get(HEALTHZ)
    assert (response.status_code, response.content) == (503, b"failed: database, cache\n")


@override_settings(PRACTICEHUB_API_RATE=(1, 60), PRACTICEHUB_DOWNLOAD_RATE=(1, 3600))
def test_a_load_balancer_checking_often_from_one_address_is_never_limited() -> None:
    client = Client()
    assert all(client.get(HEALTHZ, REMOTE_ADDR="10.0.0.5").status_code == 200 for _ in range(100))


def test_it_only_reads() -> None:
    client = Client()  # no CSRF check, so that the method itself is what is refused
    assert client.post(HEALTHZ).status_code == 405
    assert client.head(HEALTHZ).status_code == 200
