"""Export, then import into an empty catalogue, gives back the same practices: a property test over
random practices (any text, including separators, backslashes and formula-like cells), for each
of the three download formats."""

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationType,
    Practice,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues, practice_save
from practicehub.core.xmltext import has_forbidden
from practicehub.opendata.records import practice_record, published_in_order
from practicehub.transfer.bulk_import import practices_import
from practicehub.transfer.readers import read_file

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans", "pt"]
ROLES = ["main", "partner", "other"]


def _text(*, xlsx: bool, min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    # Text a practice can hold: what XML 1.0 carries (inputs clean or refuse the rest, see
    # core/xmltext.py); Excel cells cannot hold control characters at all.
    excluded = ("Cs", "Cc") if xlsx else ("Cs",)
    return st.text(
        st.characters(blacklist_categories=excluded).filter(lambda c: not has_forbidden(c)),
        min_size=min_size,
        max_size=max_size,
    )


def _stripped(*, xlsx: bool, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text as the importer normalises names and titles: single spaces, nothing around."""
    return _text(xlsx=xlsx, min_size=1, max_size=max_size).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def practice_values(draw: st.DrawFn, vocab: dict[str, list[Any]], *, xlsx: bool, n: int) -> PracticeValues:
    start = draw(st.none() | st.integers(1990, 2030))
    ongoing = start is not None and draw(st.booleans())
    end = None if ongoing or start is None else draw(st.none() | st.integers(start, 2035))
    names = draw(st.lists(_stripped(xlsx=xlsx), max_size=3, unique_by=str.casefold))
    organizations = [
        OrganizationValue(
            # Organizations are shared across practices by name: unique per example.
            name=f"{name} #{n}-{i}"[:400],
            role=draw(st.sampled_from(ROLES)),
            acronym=draw(st.just("") | _stripped(xlsx=xlsx, max_size=10)),
            org_type=draw(st.just("") | st.sampled_from(vocab["org_types"])),
            country=draw(st.just("") | st.sampled_from(vocab["countries"])),
        )
        for i, name in enumerate(names)
    ]
    links = [
        LinkValue(title=title, url=f"https://example.org/{n}/{i}?q=a%7Cb")
        for i, title in enumerate(draw(st.lists(_stripped(xlsx=xlsx), max_size=2)))
    ]
    long_text = _text(xlsx=xlsx, max_size=120)
    return PracticeValues(
        title=draw(_stripped(xlsx=xlsx, max_size=80)),
        summary=draw(long_text),
        benefit_and_impact=draw(long_text),
        key_lessons=draw(st.sampled_from(["", "=SUM(A1:A2)", "- a list", "'=quoted", "a | b \\ c"])),
        recommendations=draw(long_text),
        innovation=draw(long_text),
        implementer_details=draw(long_text),
        primary_objectives=draw(st.lists(st.sampled_from(vocab["objectives"]), max_size=3, unique=True)),
        secondary_objectives=draw(st.lists(st.sampled_from(vocab["objectives"]), max_size=2, unique=True)),
        guiding_principles=draw(st.lists(st.sampled_from(vocab["principles"]), max_size=3, unique=True)),
        sdgs=draw(st.lists(st.sampled_from(vocab["sdgs"]), max_size=3, unique=True)),
        start_year=start,
        end_year=end,
        is_ongoing=ongoing,
        practice_type=draw(st.just("") | st.sampled_from(vocab["types"])),
        scope_level=draw(st.just("") | st.sampled_from(vocab["scopes"])),
        regions=draw(st.lists(st.sampled_from(vocab["regions"]), max_size=2, unique=True)),
        countries=draw(st.lists(st.sampled_from(vocab["countries"]), max_size=3, unique=True)),
        organizations=organizations,
        links=links,
        submitted_on=draw(st.none() | st.dates(date(2015, 1, 1), date(2030, 12, 31))),
        original_language=draw(st.sampled_from(LANGUAGES)),
    )


@pytest.fixture
def vocab() -> dict[str, list[Any]]:
    return {
        "objectives": list(Objective.objects.values_list("number", flat=True)),
        "principles": list(GuidingPrinciple.objects.values_list("key", flat=True)),
        "sdgs": list(SDG.objects.values_list("number", flat=True)),
        "types": list(PracticeType.objects.values_list("key", flat=True)),
        "scopes": list(ScopeLevel.objects.values_list("key", flat=True)),
        "regions": list(Region.objects.values_list("key", flat=True)[:12]),
        "countries": list(Country.objects.values_list("iso3", flat=True)[:15]),
        "org_types": list(OrganizationType.objects.values_list("key", flat=True)),
    }


def _empty_catalogue() -> None:
    Practice.objects.all().delete()
    Organization.objects.all().delete()


def _records() -> list[dict[str, Any]]:
    """Every practice's public record, without what belongs to this database (row ids, update time)."""
    found = []
    for practice in published_in_order(list(Practice.objects.order_by("slug").values_list("pk", flat=True))):
        record = practice_record(practice)
        record.pop("updated_at")
        for org in record["organizations"]:
            org.pop("id")
        found.append(record)
    return found


@pytest.mark.parametrize("kind", ["csv", "json", "xlsx"])
def test_export_then_import_into_an_empty_catalogue_gives_the_same_practices(
    client, editor, vocab, kind: str
) -> None:  # type: ignore[no-untyped-def]
    @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def round_trip(data: st.DataObject) -> None:
        _empty_catalogue()
        cache.clear()
        count = data.draw(st.integers(1, 3))
        moment = datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)
        for n in range(count):
            values = data.draw(practice_values(vocab, xlsx=kind == "xlsx", n=n))
            practice = practice_save(actor=editor, values=values, status=PracticeStatus.PUBLISHED)
            Practice.objects.filter(pk=practice.pk).update(published_at=moment - timedelta(days=n, seconds=n))
        before = _records()

        body = b"".join(client.get(f"/exports/practices.{kind}").streaming_content)
        _empty_catalogue()
        found = read_file(io.BytesIO(body), filename=f"practices.{kind}")
        report = practices_import(actor=editor, rows=found.rows, source=f"practices.{kind}")
        assert report.ok, report.errors
        assert report.committed and report.created == count and found.ignored == []

        assert _records() == before

    round_trip()
