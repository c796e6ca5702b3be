"""Whatever a browser (or anything else) posts, the form answers with a page, never a server error."""

import re
from typing import Any

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import PracticeStatus
from practicehub.submissions.values import snapshot_from_json, snapshot_of_practice, snapshot_to_json

from .helpers import complete_data, edit_url, save_draft

pytestmark = pytest.mark.django_db

FIELD_NAMES = [
    *sorted(complete_data()),
    "organizations-5-name",
    "links-9-url",
    "action",
    "remove_document",
    "unknown",
]
values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999999999999",
            "main",
            "CAN",
            "global",
            "submit",
            "add_link",
            "d1",
            "p9",
            "a\x00b",
        ]
    ),
)
posts = st.dictionaries(st.sampled_from(FIELD_NAMES), st.lists(values, max_size=3), max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=posts)
def test_any_post_gives_a_page_never_a_server_error(signed_in: Any, data: dict[str, list[str]]) -> None:
    cache.clear()
    practice = _draft(signed_in)
    response = signed_in.post(edit_url(practice), dict(data))
    assert response.status_code in (200, 302, 400)
    practice.refresh_from_db()
    assert practice.status in (PracticeStatus.DRAFT, PracticeStatus.SUBMITTED)


def _draft(client: Any) -> Any:
    from practicehub.catalogue.models import Practice

    found = Practice.objects.filter(status=PracticeStatus.DRAFT).first()
    return found or save_draft(client)


def test_a_snapshot_survives_json(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    snapshot = snapshot_of_practice(practice)
    assert snapshot_from_json(snapshot_to_json(snapshot)) == snapshot


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
value_keys = st.sampled_from(
    ["title", "primary_objectives", "start_year", "organizations", "links", "submitted_on", "is_ongoing", "x"]
)


@settings(max_examples=150, deadline=None)
@given(
    values=st.one_of(json_values, st.dictionaries(value_keys, json_values, max_size=6)),
    documents=json_values,
)
def test_any_stored_json_reads_as_a_snapshot(values: Any, documents: Any) -> None:
    snapshot = snapshot_from_json({"values": values, "documents": documents})
    assert isinstance(snapshot.values.title, str)
    assert all(isinstance(n, int) for n in snapshot.values.primary_objectives)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_a_word_difference_keeps_both_texts_escaped(old: str, new: str) -> None:
    import html

    from practicehub.submissions.values import word_diff

    before, after = word_diff(old, new)
    for marked, text in ((before, old), (after, new)):
        plain = html.unescape(re.sub(r"<br>", " ", re.sub(r"</?(del|ins)>", "", str(marked))))
        assert plain.split() == text.split()
        assert "<" not in re.sub(r"</?(del|ins|br)>", "", str(marked))
