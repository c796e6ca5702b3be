"""The quorum rule: a decision needs one internal and two external completed reviews. Checked over every
combination of up to four assignments, each in every possible state."""

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicehub.review.models import CoiStatus, Recommendation
from practicehub.review.quorum import review_quorum


@dataclass(frozen=True)
class A:
    kind: str
    coi_status: str
    recommendation: str = ""


KINDS = ("internal", "external")
# Every state an assignment can be in (the database forbids a recommendation without "no conflict").
STATES = (
    (CoiStatus.PENDING, ""),
    (CoiStatus.DECLINED, ""),
    (CoiStatus.NO_CONFLICT, ""),
    *((CoiStatus.NO_CONFLICT, r) for r in Recommendation.values),
)
ALPHABET = tuple(A(kind, coi, rec) for kind in KINDS for coi, rec in STATES)


def is_done(a: A) -> bool:
    return a.coi_status == CoiStatus.NO_CONFLICT and a.recommendation != ""


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4])
def test_quorum_over_every_combination_of_assignments(size: int) -> None:
    for combo in itertools.combinations_with_replacement(ALPHABET, size):
        status = review_quorum(combo)
        done_internal = sum(1 for a in combo if a.kind == "internal" and is_done(a))
        done_external = sum(1 for a in combo if a.kind == "external" and is_done(a))
        assert status.internal_completed == done_internal, combo
        assert status.external_completed == done_external, combo
        assert status.met == (done_internal >= 1 and done_external >= 2), combo
        assert status.internal_missing == max(0, 1 - done_internal)
        assert status.external_missing == max(0, 2 - done_external)
        assert status.outstanding == sum(
            1 for a in combo if a.coi_status != CoiStatus.DECLINED and not is_done(a)
        )
        given_recs = {a.recommendation for a in combo if is_done(a)}
        assert status.disagreement == (len(given_recs) > 1), combo
        assert {rec for rec, _ in status.recommendations} == given_recs
        assert sum(n for _, n in status.recommendations) == done_internal + done_external


def test_smallest_quorums() -> None:
    publish = Recommendation.PUBLISH
    internal = A("internal", CoiStatus.NO_CONFLICT, publish)
    external = A("external", CoiStatus.NO_CONFLICT, publish)
    assert review_quorum([internal, external, external]).met
    assert not review_quorum([internal, external]).met
    assert not review_quorum([external, external, external]).met  # no internal review
    assert not review_quorum(
        [internal, internal, external]
    ).met  # internal reviews do not stand in for external
    assert not review_quorum([]).met


def test_declined_and_unfinished_reviews_never_count() -> None:
    publish = Recommendation.PUBLISH
    status = review_quorum(
        [
            A("internal", CoiStatus.DECLINED),
            A("external", CoiStatus.NO_CONFLICT, publish),
            A("external", CoiStatus.NO_CONFLICT),  # accepted, nothing recorded yet
            A("internal", CoiStatus.PENDING),
        ]
    )
    assert (status.internal_completed, status.external_completed, status.outstanding) == (0, 1, 2)
    assert not status.met


def test_disagreement_lists_each_recommendation_with_its_count() -> None:
    status = review_quorum(
        [
            A("internal", CoiStatus.NO_CONFLICT, Recommendation.PUBLISH),
            A("external", CoiStatus.NO_CONFLICT, Recommendation.REJECT),
            A("external", CoiStatus.NO_CONFLICT, Recommendation.PUBLISH),
        ]
    )
    assert status.met and status.disagreement
    assert status.recommendations == (("publish", 2), ("reject", 1))


@given(st.lists(st.sampled_from(ALPHABET), max_size=8), st.sampled_from(ALPHABET))
def test_quorum_ignores_order_and_more_reviews_never_undo_it(assignments: list[A], extra: A) -> None:
    status = review_quorum(assignments)
    assert review_quorum(list(reversed(assignments))) == status
    more = review_quorum([*assignments, extra])
    assert more.met or not status.met
    assert more.disagreement or not status.disagreement
