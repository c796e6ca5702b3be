"""The submission form: built from the field definition, drafts that keep what was typed, confirmations,
rows of organizations and links, preview."""

from typing import Any

import pytest
from django.urls import reverse

from practicehub.catalogue.fields import PRACTICE_FIELDS, Kind
from practicehub.catalogue.models import OrganizationRole, Practice, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.submissions.models import DraftInput

from .helpers import complete_data, edit_url, errors_beside, html_tree, management, new_url, save_draft

pytestmark = pytest.mark.django_db


def test_the_form_has_every_field_of_the_definition_with_its_required_mark(signed_in: Any) -> None:
    response = signed_in.get(new_url())
    assert response.status_code == 200
    tree = html_tree(response)
    for field in PRACTICE_FIELDS:
        blocks = tree.xpath(f'//*[@id="field-{field.name}"]')
        assert len(blocks) == 1, field.name
        block = blocks[0]
        heading = block.xpath('.//*[contains(@class, "submission-field__label")]')[0]
        assert str(field.label) in heading.text_content()
        marked = bool(heading.xpath('.//*[@class="required-mark"]'))
        assert marked == field.required_for_submission, field.name
        if field.help_text:
            assert str(field.help_text) in block.text_content()
    # Groups follow the published page, each with its heading.
    headings = [h.text_content() for h in tree.xpath('//section[contains(@class, "submission-group")]/h2')]
    assert headings[:3] == [
        "About the practice",
        "GCM objectives, principles and SDGs",
        "Dates, type and geographic scope",
    ]
    assert headings[-1] == "Confirm and submit"


def test_the_checklist_and_the_word_template_are_offered(signed_in: Any) -> None:
    text = signed_in.get(new_url()).content.decode()
    assert "ideally implemented after December 2018" in text
    assert "fully or mostly completed" in text
    assert "Spell out acronyms" in text
    assert "/submit/template.docx" in text


def test_a_complete_draft_is_saved_as_a_private_draft_of_its_author(signed_in: Any, contributor: Any) -> None:
    practice = save_draft(signed_in)
    assert practice.status == PracticeStatus.DRAFT
    assert practice.submitter == contributor
    assert practice.title == "Community sponsorship of refugees in Canada"
    assert practice.slug is None  # an address is given at publication only
    assert sorted(practice.primary_objectives.values_list("number", flat=True)) == [16, 23]
    assert practice.is_ongoing and practice.end_year is None
    links = list(practice.organization_links.select_related("organization").order_by("role"))
    assert [(link.organization.name, link.role) for link in links] == [
        ("Ministry of Immigration", OrganizationRole.MAIN),
        ("Refugee Aid Network", OrganizationRole.PARTNER),
    ]
    assert list(practice.links.values_list("url", flat=True)) == ["https://example.org/sponsorship"]
    assert practice.focal_point_email == "fiona.focal@example.org"
    # Never public: no address, and the one its title would give leads nowhere.
    guessed = reverse("discovery:practice_detail", args=["community-sponsorship-of-refugees-in-canada"])
    assert signed_in.get(guessed).status_code == 404
    assert practice.get_absolute_url() == reverse("submissions:preview", args=[practice.pk])
    assert AuditEvent.objects.filter(action="practice.created", target_id=str(practice.pk)).exists()


def test_an_empty_draft_can_be_saved_at_any_moment(signed_in: Any) -> None:
    empty = {**management("organizations", 1), **management("links", 1), "action": "save"}
    response = signed_in.post(new_url(), empty)
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.title == "Untitled draft"
    page = signed_in.get(edit_url(practice)).content.decode()
    assert "Edit your practice" in page


def test_a_draft_with_wrong_values_keeps_everything_typed_and_shows_errors_beside_fields(
    signed_in: Any,
) -> None:
    data = complete_data(
        action="save",
        is_ongoing="",
        end_year="2017",
        focal_point_email="not an email",
        **{"links-0-url": "no spaces allowed here"},
    )
    response = signed_in.post(new_url(), data)
    assert response.status_code == 400
    tree = html_tree(response)
    assert errors_beside(tree, "id_end_year") == ["The end year cannot be before the start year."]
    assert errors_beside(tree, "id_focal_point_email") == ["Enter a valid email address."]
    assert errors_beside(tree, "id_links-0-url") == ["Enter a valid URL."]
    # What was typed is still in the boxes, wrong values included.
    assert tree.xpath('//input[@id="id_focal_point_email"]/@value') == ["not an email"]
    assert tree.xpath('//input[@id="id_end_year"]/@value') == ["2017"]
    assert tree.xpath('//input[@id="id_title"]/@value') == ["Community sponsorship of refugees in Canada"]
    assert (
        tree.xpath('//textarea[@id="id_summary"]')[0].text_content().strip().startswith("Groups of residents")
    )
    # The error summary links to the fields.
    assert tree.xpath('//*[@id="error-summary"]//a[@href="#id_focal_point_email"]')
    assert tree.xpath('//input[@id="id_focal_point_email"]/@aria-invalid') == ["true"]

    # Saved: coming back later shows the same values and errors.
    practice = Practice.objects.get()
    assert DraftInput.objects.filter(practice=practice).exists()
    later = signed_in.get(edit_url(practice))
    tree = html_tree(later)
    assert tree.xpath('//input[@id="id_focal_point_email"]/@value') == ["not an email"]
    assert errors_beside(tree, "id_focal_point_email") == ["Enter a valid email address."]

    # Correcting the values saves them and forgets the kept input.
    fixed = complete_data(action="save")
    assert signed_in.post(edit_url(practice), fixed).status_code == 302
    practice.refresh_from_db()
    assert practice.focal_point_email == "fiona.focal@example.org"
    assert not DraftInput.objects.filter(practice=practice).exists()


def test_an_unknown_choice_is_refused_beside_its_field(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    response = signed_in.post(edit_url(practice), complete_data(action="save", primary_objectives=["99"]))
    assert response.status_code == 400
    assert "Select a valid choice" in errors_beside(html_tree(response), "id_primary_objectives")[0]


def test_submitting_needs_both_confirmations(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    response = signed_in.post(
        edit_url(practice), complete_data(action="submit", confirm_principles=None, confirm_focal_point=None)
    )
    assert response.status_code == 400
    tree = html_tree(response)
    assert errors_beside(tree, "id_confirm_principles") == ["Tick this box to submit."]
    assert errors_beside(tree, "id_confirm_focal_point") == ["Tick this box to submit."]
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT

    response = signed_in.post(edit_url(practice), complete_data(action="submit"))
    assert response.status_code == 302
    assert response["Location"] == f"/review/submissions/{practice.pk}/"
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    confirmed = AuditEvent.objects.get(action="practice.submission_confirmed")
    assert confirmed.data == {"confirm_principles": True, "confirm_focal_point": True}


def test_submitting_needs_every_required_field_and_says_which(signed_in: Any) -> None:
    data = complete_data(
        action="submit",
        title="",
        primary_objectives=[],
        summary="",
        start_year="",
        practice_type="",
        scope_level="regional",
        countries=[],
        focal_point_name="",
        focal_point_email="",
        **{"organizations-0-role": "partner"},
    )
    response = signed_in.post(new_url(), data)
    assert response.status_code == 400
    tree = html_tree(response)
    required = {f.name for f in PRACTICE_FIELDS if f.required_for_submission}
    assert required == {
        "title",
        "primary_objectives",
        "dates",
        "practice_type",
        "geographic_scope",
        "summary",
        "organizations",
        "focal_point_name",
        "focal_point_email",
    }
    for input_id in (
        "id_title",
        "id_summary",
        "id_practice_type",
        "id_focal_point_name",
        "id_focal_point_email",
    ):
        assert errors_beside(tree, input_id) == ["This is required before you submit."], input_id
    assert errors_beside(tree, "id_primary_objectives") == ["Choose at least one objective."]
    assert errors_beside(tree, "id_start_year") == [
        "Give the start year, and the end year or tick “ongoing”."
    ]
    assert "unless it is global" in errors_beside(tree, "id_scope_level")[0]
    assert errors_beside(tree, "field-organizations") == ["Name the main implementing organization."]
    # Still saved as a draft with what was typed.
    practice = Practice.objects.get()
    assert practice.status == PracticeStatus.DRAFT


def test_organization_and_link_rows_can_be_added_and_removed(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    response = signed_in.post(edit_url(practice), complete_data(action="add_organization"))
    assert response.status_code == 302
    assert "more_organizations=1" in response["Location"]
    page = html_tree(signed_in.get(response["Location"]))
    # Two saved organizations, the usual blank row and the one asked for.
    assert page.xpath('//input[@name="organizations-TOTAL_FORMS"]/@value') == ["4"]
    assert page.xpath('//input[@name="organizations-3-name"]')

    data = complete_data(action="save", **management("organizations", 4), **management("links", 3))
    data.update(
        {
            "organizations-2-name": "City of Halifax",
            "organizations-2-role": "other",
            "organizations-3-name": "",
            "organizations-1-DELETE": "on",
            "links-1-title": "Evaluation",
            "links-1-url": "example.org/evaluation",
            "links-2-title": "",
            "links-2-url": "",
        }
    )
    assert signed_in.post(edit_url(practice), data).status_code == 302
    names = set(practice.organization_links.values_list("organization__name", "role"))
    assert names == {("Ministry of Immigration", "main"), ("City of Halifax", "other")}
    assert list(practice.links.values_list("url", flat=True)) == [
        "https://example.org/sponsorship",
        "https://example.org/evaluation",
    ]

    data = complete_data(action="save", **{"links-0-DELETE": "on"})
    assert signed_in.post(edit_url(practice), data).status_code == 302
    assert not practice.links.exists()


def test_adding_a_row_to_a_form_with_errors_keeps_the_input(signed_in: Any) -> None:
    response = signed_in.post(new_url(), complete_data(action="add_link", focal_point_email="wrong"))
    assert response.status_code == 400
    tree = html_tree(response)
    assert tree.xpath('//input[@name="links-TOTAL_FORMS"]/@value') == ["2"]
    assert tree.xpath('//input[@id="id_links-0-url"]/@value') == ["https://example.org/sponsorship"]


def test_an_organization_row_needs_a_name(signed_in: Any) -> None:
    data = complete_data(action="save", **{"organizations-1-name": "", "organizations-1-acronym": "RAN"})
    response = signed_in.post(new_url(), data)
    assert response.status_code == 400
    assert errors_beside(html_tree(response), "id_organizations-1-name") == [
        "Give the organization's name, or remove this row."
    ]


def test_preview_shows_the_page_as_it_will_be_published_without_the_focal_point(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    response = signed_in.post(edit_url(practice), complete_data(action="preview"))
    assert response.status_code == 302
    preview = signed_in.get(response["Location"])
    assert preview.status_code == 200
    text = preview.content.decode()
    tree = html_tree(preview)
    assert tree.xpath("//h1")[0].text_content() == "Community sponsorship of refugees in Canada"
    labels = [h.text_content() for h in tree.xpath('//h2[@class="field__label"]')]
    public_labels = [
        str(f.label) for f in PRACTICE_FIELDS if f.public and f.kind not in (Kind.TITLE, Kind.DATE)
    ]
    assert labels == public_labels
    for expected in (
        "16 - Inclusion and social cohesion",
        "2019 - Present",
        "Canada",
        "Ministry of Immigration (MOI)",
    ):
        assert expected in text
    assert "Fiona Focal" not in text and "fiona.focal@example.org" not in text


def test_a_draft_has_no_address_whatever_its_title(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    signed_in.post(edit_url(practice), complete_data(action="save", title="Sponsorship circles"))
    practice.refresh_from_db()
    assert (practice.title, practice.slug) == ("Sponsorship circles", None)


def test_a_practice_can_answer_an_open_call(signed_in: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from practicehub.catalogue.models import CallForPractices

    today = timezone.localdate()
    open_call = CallForPractices.objects.create(
        title="Migration data",
        slug="data",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=3),
        is_published=True,
    )
    CallForPractices.objects.create(
        title="Closed call",
        slug="closed",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=1),
        is_published=True,
    )
    tree = html_tree(signed_in.get(f"{new_url()}?call={open_call.pk}"))
    options = tree.xpath('//select[@id="id_call"]/option')
    assert [o.text_content() for o in options][1:] == ["Migration data"]
    assert tree.xpath('//select[@id="id_call"]/option[@selected]/@value') == [str(open_call.pk)]
    practice = save_draft(signed_in, call=str(open_call.pk))
    assert practice.call == open_call
