"""What harvesters receive: oai_dc records of published practices only, deleted records, sets."""

import pytest

from practicehub.opendata.oai import views as oai_views
from tests.open_data import FOCAL_EMAIL, FOCAL_NAME, SUBMITTER_EMAIL

from .oai_helpers import NS, error_codes, harvest_all, identifier_for, identifiers, oai, oai_url

pytestmark = pytest.mark.django_db


def _dc(record) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[str]] = {}
    dc = record.find("o:metadata/oai_dc:dc", NS)
    assert dc is not None
    for child in dc:
        found.setdefault(child.tag.split("}")[1], []).append(child.text or "")
    return found


def test_get_record_maps_the_public_fields_to_dublin_core(client, catalogue) -> None:
    practice = catalogue.published
    root = oai(
        client, {"verb": "GetRecord", "identifier": identifier_for(practice), "metadataPrefix": "oai_dc"}
    )
    record = root.find("o:GetRecord/o:record", NS)
    assert record is not None
    assert record.findtext("o:header/o:identifier", namespaces=NS) == identifier_for(practice)
    assert record.find("o:header", NS).get("status") is None
    assert [s.text for s in record.findall("o:header/o:setSpec", NS)] == ["objective:6", "objective:21"]
    dc = _dc(record)
    assert dc["title"] == ["Return desks in border towns"]
    assert dc["creator"] == ["Agency for Returning Workers (ARW)"]
    assert dc["contributor"] == ["Union of Border Towns"]
    assert dc["subject"][0].startswith("GCM objective 6: ")
    assert dc["subject"][1].startswith("GCM objective 21: ")
    assert "People-centred" in dc["subject"]
    assert any(s.startswith("SDG 8") for s in dc["subject"])
    assert dc["description"][0].startswith("Border towns open one-stop desks for returning workers.")
    assert dc["publisher"] == ["Repository of Practices"]
    assert dc["date"] == [practice.published_at.date().isoformat()]
    assert dc["type"] == ["Text", "Project/Programme"]
    assert dc["identifier"] == ["http://testserver" + practice.get_absolute_url()]
    assert dc["relation"] == ["https://example.org/handbook"]
    assert dc["language"] == ["en"]
    assert "Georgia" in dc["coverage"]
    assert "Western Asia" in dc["coverage"]
    title = record.find("o:metadata/oai_dc:dc/dc:title", NS)
    assert title.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_private_and_unpublished_data_never_leave_through_oai(client, catalogue) -> None:
    answers = [
        client.get(oai_url(), {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content.decode(),
        client.get(oai_url(), {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}).content.decode(),
        client.get(
            oai_url(),
            {
                "verb": "GetRecord",
                "identifier": identifier_for(catalogue.published),
                "metadataPrefix": "oai_dc",
            },
        ).content.decode(),
    ]
    for text in answers:
        for secret in (FOCAL_NAME, FOCAL_EMAIL, SUBMITTER_EMAIL, "submitter", *catalogue.hidden_titles):
            assert secret not in text
        assert catalogue.archived.title not in text
    listed = identifiers(oai(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"}))
    assert sorted(listed) == sorted(
        identifier_for(p) for p in (catalogue.published, catalogue.other_published, catalogue.archived)
    )


def test_never_published_practices_do_not_exist_for_harvesters(client, catalogue) -> None:
    for practice in catalogue.hidden:
        root = oai(
            client, {"verb": "GetRecord", "identifier": identifier_for(practice), "metadataPrefix": "oai_dc"}
        )
        assert error_codes(root) == ["idDoesNotExist"], practice.status


def test_an_archived_practice_is_a_deleted_record_without_metadata(client, catalogue) -> None:
    root = oai(
        client,
        {"verb": "GetRecord", "identifier": identifier_for(catalogue.archived), "metadataPrefix": "oai_dc"},
    )
    record = root.find("o:GetRecord/o:record", NS)
    assert record.find("o:header", NS).get("status") == "deleted"
    assert record.find("o:metadata", NS) is None

    listed = oai(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    by_id = {r.findtext("o:header/o:identifier", namespaces=NS): r for r in listed.findall(".//o:record", NS)}
    deleted = by_id[identifier_for(catalogue.archived)]
    assert deleted.find("o:header", NS).get("status") == "deleted"
    assert deleted.find("o:metadata", NS) is None
    assert by_id[identifier_for(catalogue.published)].find("o:metadata", NS) is not None


def test_sets_select_practices_by_primary_or_secondary_objective(client, catalogue) -> None:
    def listed(set_spec: str) -> set[str]:
        return set(
            identifiers(oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": set_spec}))
        )

    published, other, archived = (
        identifier_for(catalogue.published),
        identifier_for(catalogue.other_published),
        identifier_for(catalogue.archived),
    )
    assert listed("objective:6") == {published, archived}
    assert listed("objective:21") == {published, archived}  # secondary objective
    assert listed("objective:15") == {other}
    assert listed("objective") == {published, other, archived}


def _many(editor, count: int):  # type: ignore[no-untyped-def]
    from practicehub.catalogue.models import PracticeStatus
    from practicehub.catalogue.services import practice_save
    from tests.open_data import values

    return [
        practice_save(
            actor=editor,
            values=values(
                f"Harvest practice {n}", primary_objectives=[6 if n % 2 else 15], secondary_objectives=[]
            ),
            status=PracticeStatus.PUBLISHED,
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_resumption_tokens_walk_the_whole_list_once(client, catalogue, editor, monkeypatch, verb) -> None:
    monkeypatch.setattr(oai_views, "RECORDS_PER_PAGE", 2)
    monkeypatch.setattr(oai_views, "HEADERS_PER_PAGE", 2)
    _many(editor, 4)
    found, tokens = harvest_all(client, verb, metadataPrefix="oai_dc")
    assert len(found) == len(set(found)) == 7
    # cursor counts the records sent before; every page gives the complete size; the last is empty.
    assert [t.get("cursor") for t in tokens] == ["0", "2", "4", "6"]
    assert {t.get("completeListSize") for t in tokens} == {"7"}
    assert all(t.text for t in tokens[:-1])
    assert not tokens[-1].text
    assert tokens[-1].get("expirationDate") is None
    assert all(t.get("expirationDate") for t in tokens[:-1])


def test_a_complete_first_page_has_no_token(client, catalogue) -> None:
    root = oai(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert next(root.iter(f"{{{NS['o']}}}resumptionToken"), None) is None


def test_a_token_keeps_the_original_arguments(client, catalogue, editor, monkeypatch) -> None:
    monkeypatch.setattr(oai_views, "HEADERS_PER_PAGE", 1)
    _many(editor, 4)
    found, tokens = harvest_all(client, "ListIdentifiers", metadataPrefix="oai_dc", set="objective:15")
    expected, _ = harvest_all(client, "ListIdentifiers", metadataPrefix="oai_dc")
    assert len(found) == 3  # the other published practice and two of the four
    assert set(found) < set(expected)
    for identifier in found:
        record = oai(client, {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"})
        assert [s.text for s in record.findall(".//o:setSpec", NS)] == ["objective:15"]
    page = oai(client, {"verb": "ListIdentifiers", "resumptionToken": tokens[0].text})
    # The request element echoes the token, not the arguments inside it.
    assert dict(page.find("o:request", NS).attrib) == {
        "verb": "ListIdentifiers",
        "resumptionToken": tokens[0].text,
    }


def test_a_practice_changed_during_a_harvest_is_not_missed(client, catalogue, editor, monkeypatch) -> None:
    from practicehub.catalogue.models import Practice

    monkeypatch.setattr(oai_views, "HEADERS_PER_PAGE", 2)
    _many(editor, 3)
    first = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    seen = identifiers(first)
    token = next(first.iter(f"{{{NS['o']}}}resumptionToken")).text
    # The first practice of the first page changes before the harvester asks for the next page.
    changed = Practice.objects.get(pk=int(seen[0].rsplit("/", 1)[1]))
    changed.title = "Changed while harvesting"
    changed.save()
    rest = []
    while token:
        page = oai(client, {"verb": "ListIdentifiers", "resumptionToken": token})
        rest += identifiers(page)
        token = next(page.iter(f"{{{NS['o']}}}resumptionToken")).text
    assert set(seen + rest) == {
        identifier_for(p)
        for p in Practice.objects.filter(status__in=["published", "archived"], published_at__isnull=False)
    }
    assert rest[-1] == seen[0]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda t: t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1],
        lambda t: t + "x",
        lambda t: "x" + t,
        lambda t: "garbage",
    ],
    ids=["altered", "appended", "prefixed", "made up"],
)
def test_forged_or_altered_tokens_are_bad_resumption_tokens(
    client, catalogue, editor, monkeypatch, spoil
) -> None:
    monkeypatch.setattr(oai_views, "HEADERS_PER_PAGE", 1)
    root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    token = next(root.iter(f"{{{NS['o']}}}resumptionToken")).text
    answer = oai(client, {"verb": "ListIdentifiers", "resumptionToken": spoil(token)})
    assert error_codes(answer) == ["badResumptionToken"]


def test_a_token_only_resumes_its_own_verb(client, catalogue, monkeypatch) -> None:
    monkeypatch.setattr(oai_views, "HEADERS_PER_PAGE", 1)
    root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    token = next(root.iter(f"{{{NS['o']}}}resumptionToken")).text
    assert error_codes(oai(client, {"verb": "ListRecords", "resumptionToken": token})) == [
        "badResumptionToken"
    ]


def test_expired_tokens_are_bad_resumption_tokens(client, catalogue, monkeypatch) -> None:
    from datetime import timedelta

    from practicehub.opendata.oai import tokens

    monkeypatch.setattr(oai_views, "HEADERS_PER_PAGE", 1)
    root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    token = next(root.iter(f"{{{NS['o']}}}resumptionToken")).text
    monkeypatch.setattr(tokens, "TOKEN_LIFETIME", timedelta(seconds=-1))
    assert error_codes(oai(client, {"verb": "ListIdentifiers", "resumptionToken": token})) == [
        "badResumptionToken"
    ]


def test_tokens_are_opaque(client, catalogue, monkeypatch) -> None:
    monkeypatch.setattr(oai_views, "HEADERS_PER_PAGE", 1)
    root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "objective"})
    token = next(root.iter(f"{{{NS['o']}}}resumptionToken")).text
    assert "objective" not in token and "oai_dc" not in token
