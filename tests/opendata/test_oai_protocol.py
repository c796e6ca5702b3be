"""The OAI-PMH endpoint against the protocol's rules: verbs, arguments, errors, date stamps."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import Practice

from .oai_helpers import (
    ERROR_CODES,
    NS,
    UTC_SECONDS,
    error_codes,
    identifier_for,
    identifiers,
    oai,
    oai_url,
    request_attributes,
)

pytestmark = pytest.mark.django_db


def test_identify_describes_the_repository(client, catalogue) -> None:
    root = oai(client, {"verb": "Identify"})
    identify = root.find("o:Identify", NS)
    assert identify is not None
    text = {child.tag.split("}")[1]: (child.text or "") for child in identify}
    assert text["repositoryName"] == "Repository of Practices"
    assert text["baseURL"] == "http://testserver" + oai_url()
    assert text["protocolVersion"] == "2.0"
    assert "@" in text["adminEmail"]
    assert text["deletedRecord"] == "transient"
    assert text["granularity"] == "YYYY-MM-DDThh:mm:ssZ"
    assert UTC_SECONDS.match(text["earliestDatestamp"])
    # The elements come in the order the schema requires.
    order = [child.tag.split("}")[1] for child in identify]
    assert order == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
        "description",
    ]
    assert identify.findtext(".//id:repositoryIdentifier", namespaces=NS) == "testserver"
    assert identify.findtext(".//id:sampleIdentifier", namespaces=NS).startswith("oai:testserver:practice/")
    assert request_attributes(root) == {"verb": "Identify"}


def test_earliest_datestamp_is_not_after_any_record(client, catalogue) -> None:
    Practice.objects.filter(pk=catalogue.other_published.pk).update(
        updated_at=datetime(2020, 2, 3, 4, 5, 6, 700000, tzinfo=UTC)
    )
    root = oai(client, {"verb": "Identify"})
    assert root.findtext("o:Identify/o:earliestDatestamp", namespaces=NS) == "2020-02-03T04:05:06Z"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"verb": "ListEverything"},
        {"verb": "identify"},
        [("verb", "Identify"), ("verb", "Identify")],
        {"verb": ""},
    ],
    ids=["missing", "unknown", "wrong case", "repeated", "empty"],
)
def test_a_bad_verb_is_a_bad_verb_error_and_the_request_is_echoed_without_attributes(client, params) -> None:
    root = oai(client, params)
    assert error_codes(root) == ["badVerb"]
    assert request_attributes(root) == {}


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Identify", "metadataPrefix": "oai_dc"},
        {"verb": "ListSets", "set": "objective"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "GetRecord", "identifier": "oai:testserver:practice/1"},
        {"verb": "ListRecords"},
        {"verb": "ListIdentifiers", "from": "2020-01-01"},
        [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_dc")],
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "abc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-01"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "01/02/2020"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01T00:00:00.000Z"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01T00:00:00"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2020-01-01",
            "until": "2021-01-01T00:00:00Z",
        },
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-02", "until": "2021-01-01"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "objective:<6>"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": ""},
    ],
    ids=[
        "argument the verb does not take",
        "set on ListSets",
        "GetRecord without identifier",
        "GetRecord without metadataPrefix",
        "ListRecords without metadataPrefix",
        "ListIdentifiers without metadataPrefix",
        "repeated argument",
        "resumptionToken with other arguments",
        "impossible date",
        "not a datestamp",
        "finer than seconds",
        "without the Z",
        "different granularities",
        "from after until",
        "malformed setSpec",
        "empty argument",
    ],
)
def test_illegal_or_missing_arguments_are_bad_argument_errors(client, catalogue, params) -> None:
    for post in (False, True):
        root = oai(client, params, post=post)
        assert error_codes(root) == ["badArgument"]
        assert request_attributes(root) == {}


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_a_format_the_repository_does_not_have_cannot_be_disseminated(client, catalogue, verb) -> None:
    root = oai(client, {"verb": verb, "metadataPrefix": "marc21"})
    assert error_codes(root) == ["cannotDisseminateFormat"]
    # Other errors echo the request's arguments.
    assert request_attributes(root) == {"verb": verb, "metadataPrefix": "marc21"}


def test_get_record_in_another_format_cannot_be_disseminated(client, catalogue) -> None:
    root = oai(
        client,
        {"verb": "GetRecord", "identifier": identifier_for(catalogue.published), "metadataPrefix": "mods"},
    )
    assert error_codes(root) == ["cannotDisseminateFormat"]


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:testserver:practice/999999",
        "oai:elsewhere.example.org:practice/{pk}",
        "oai:testserver:organization/{pk}",
        "practice/{pk}",
        "{pk}",
        "oai:testserver:practice/{pk}x",
    ],
)
def test_unknown_or_foreign_identifiers_do_not_exist(client, catalogue, identifier) -> None:
    identifier = identifier.format(pk=catalogue.published.pk)
    for verb in ("GetRecord", "ListMetadataFormats"):
        root = oai(
            client,
            {"verb": verb, "identifier": identifier, "metadataPrefix": "oai_dc"}
            if verb == "GetRecord"
            else {"verb": verb, "identifier": identifier},
        )
        assert error_codes(root) == ["idDoesNotExist"]


def test_list_metadata_formats_offers_oai_dc_for_the_repository_and_for_a_record(client, catalogue) -> None:
    for params in (
        {"verb": "ListMetadataFormats"},
        {"verb": "ListMetadataFormats", "identifier": identifier_for(catalogue.published)},
    ):
        root = oai(client, params)
        formats = root.findall("o:ListMetadataFormats/o:metadataFormat", NS)
        assert [f.findtext("o:metadataPrefix", namespaces=NS) for f in formats] == ["oai_dc"]
        assert formats[0].findtext("o:metadataNamespace", namespaces=NS) == NS["oai_dc"]
        assert formats[0].findtext("o:schema", namespaces=NS).endswith("oai_dc.xsd")


def test_a_deleted_record_has_no_metadata_formats(client, catalogue) -> None:
    root = oai(client, {"verb": "ListMetadataFormats", "identifier": identifier_for(catalogue.archived)})
    assert error_codes(root) == ["noMetadataFormats"]


def test_list_sets_is_the_objective_hierarchy(client, catalogue) -> None:
    root = oai(client, {"verb": "ListSets"})
    specs = [s.findtext("o:setSpec", namespaces=NS) for s in root.findall("o:ListSets/o:set", NS)]
    assert specs == ["objective"] + [f"objective:{n}" for n in range(1, 24)]
    six = root.findall("o:ListSets/o:set", NS)[6]
    assert six.findtext("o:setName", namespaces=NS).startswith("GCM objective 6:")
    assert six.findtext(".//dc:description", namespaces=NS)


def test_list_sets_never_gave_a_resumption_token(client, catalogue) -> None:
    root = oai(client, {"verb": "ListSets", "resumptionToken": "anything"})
    assert error_codes(root) == ["badResumptionToken"]


@pytest.mark.parametrize(
    "arguments",
    [
        {"from": "2999-01-01"},
        {"until": "1990-01-01T00:00:00Z"},
        {"set": "objective:99"},
        {"set": "region"},
        {"set": "objective:2"},
    ],
    ids=["from the future", "until the past", "objective that does not exist", "unknown set", "empty set"],
)
def test_an_empty_selection_is_no_records_match(client, catalogue, arguments) -> None:
    for verb in ("ListRecords", "ListIdentifiers"):
        root = oai(client, {"verb": verb, "metadataPrefix": "oai_dc", **arguments})
        assert error_codes(root) == ["noRecordsMatch"]
        assert request_attributes(root) == {"verb": verb, "metadataPrefix": "oai_dc", **arguments}


def _set_updated(practice: Practice, moment: datetime) -> None:
    Practice.objects.filter(pk=practice.pk).update(updated_at=moment)


def test_datestamps_are_utc_seconds_and_from_until_are_inclusive(client, catalogue) -> None:
    _set_updated(catalogue.published, datetime(2024, 3, 10, 12, 30, 15, 999999, tzinfo=UTC))
    _set_updated(catalogue.other_published, datetime(2024, 3, 11, 0, 0, 0, tzinfo=UTC))
    _set_updated(catalogue.archived, datetime(2024, 3, 12, 8, 0, 0, tzinfo=UTC))
    published, other, archived = (
        identifier_for(catalogue.published),
        identifier_for(catalogue.other_published),
        identifier_for(catalogue.archived),
    )

    root = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    stamps = {
        h.findtext("o:identifier", namespaces=NS): h.findtext("o:datestamp", namespaces=NS)
        for h in root.iter(f"{{{NS['o']}}}header")
    }
    assert stamps == {
        published: "2024-03-10T12:30:15Z",
        other: "2024-03-11T00:00:00Z",
        archived: "2024-03-12T08:00:00Z",
    }

    def selected(**arguments: str) -> list[str]:
        found = oai(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", **arguments})
        return identifiers(found)

    # Second granularity: both bounds inclusive, at the second the datestamp shows.
    assert selected(**{"from": "2024-03-10T12:30:15Z"}) == [published, other, archived]
    assert selected(**{"from": "2024-03-10T12:30:16Z"}) == [other, archived]
    assert selected(until="2024-03-10T12:30:15Z") == [published]
    assert selected(until="2024-03-11T00:00:00Z") == [published, other]
    assert selected(**{"from": "2024-03-11T00:00:00Z", "until": "2024-03-11T00:00:00Z"}) == [other]
    # Day granularity: the whole day.
    assert selected(**{"from": "2024-03-11", "until": "2024-03-11"}) == [other]
    assert selected(until="2024-03-10") == [published]
    assert selected(**{"from": "2024-03-12"}) == [archived]
    # The list is in datestamp order, so a harvester can restart from its last datestamp.
    assert selected() == [published, other, archived]


def test_post_gives_the_same_answers_as_get(client, catalogue) -> None:
    params = {
        "verb": "GetRecord",
        "identifier": identifier_for(catalogue.published),
        "metadataPrefix": "oai_dc",
    }
    by_get, by_post = oai(client, params), oai(client, params, post=True)
    for root in (by_get, by_post):
        root.remove(root.find("o:responseDate", NS))
    assert ET.tostring(by_get) == ET.tostring(by_post)


def test_other_methods_are_refused(client) -> None:
    assert client.put(oai_url()).status_code == 405


def test_control_characters_in_arguments_do_not_break_the_xml(client, catalogue) -> None:
    root = oai(client, {"verb": "GetRecord", "identifier": "oai:x\x01\x0b:<p>&", "metadataPrefix": "oai_dc"})
    assert error_codes(root) == ["idDoesNotExist"]
    assert request_attributes(root)["identifier"] == "oai:x  :<p>&"


_names = st.sampled_from(
    ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken", "other"]
)
_values = st.one_of(
    st.sampled_from(
        [
            "Identify",
            "ListRecords",
            "ListIdentifiers",
            "ListSets",
            "GetRecord",
            "ListMetadataFormats",
            "oai_dc",
            "objective",
            "objective:6",
            "2024-01-01",
            "2024-01-01T00:00:00Z",
            "oai:testserver:practice/1",
        ]
    ),
    st.text(max_size=30),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_names, _values), max_size=5))
def test_any_request_gets_a_well_formed_answer_or_a_protocol_error(client, catalogue, pairs) -> None:
    clean = [(name, value.replace("\x00", "")) for name, value in pairs]
    root = oai(client, clean)
    codes = error_codes(root)
    verbs = {"Identify", "ListRecords", "ListIdentifiers", "ListSets", "GetRecord", "ListMetadataFormats"}
    answered = [child.tag.split("}")[1] for child in root][2:]
    if codes:
        assert set(codes) <= ERROR_CODES
        assert answered == ["error"] * len(codes)
    else:
        assert len(answered) == 1
        assert answered[0] in verbs
