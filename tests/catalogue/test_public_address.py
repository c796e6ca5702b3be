"""A practice gets its public address (slug) when it is published, and keeps it for good.

Before, a draft took its slug at its first save: a published "...-2" address then revealed that an
unpublished practice with the same title existed. Now drafts have no slug; every path that
publishes (the review workflow and the admin's action through it, the bulk import, the page importer
and the demo data through practice_save) gives one, from catalogue.services.assign_public_slug.
"""

import importlib
import io
from dataclasses import replace
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import (
    OrganizationValue,
    PracticeValues,
    practice_save,
    practice_set_status,
)
from practicehub.review import services as review
from practicehub.submissions import services as submissions
from practicehub.submissions.values import values_from_practice
from practicehub.transfer.bulk_import import practices_import
from practicehub.transfer.readers import read_file
from tests.factories import PracticeFactory, UserFactory
from tests.transfer.test_bulk_import import good, sheet

pytestmark = pytest.mark.django_db

S = PracticeStatus
TITLE = "Harbour language cafes"
SLUG = "harbour-language-cafes"


def _complete(title: str = TITLE) -> PracticeValues:
    return PracticeValues(
        title=title,
        summary="Volunteers run weekly language cafes.",
        primary_objectives=[16],
        countries=["KEN"],
        start_year=2021,
        is_ongoing=True,
        practice_type="project-programme",
        scope_level="national",
        organizations=[OrganizationValue(name="Harbour City Council", role="main")],
        original_language="en",
        focal_point_name="Fiona Focal",
        focal_point_email="fiona.focal@example.org",
    )


def _draft(owner: Any, title: str = TITLE) -> Practice:
    return submissions.submission_save_draft(actor=owner, practice=None, values=_complete(title))


def _publish_through_the_workflow(owner: Any, editor: Any, practice: Practice) -> Practice:
    practice = submissions.submission_submit(actor=owner, practice=practice, confirmations={})
    review.practice_approve(actor=editor, practice=practice, override_reason="Test.")
    review.practice_publish(actor=editor, practice=practice)
    return Practice.objects.get(pk=practice.pk)


@pytest.fixture
def people() -> dict[str, Any]:
    from tests.review.conftest import verified

    return {
        "owner": verified(UserFactory(username="owner")),
        "other": verified(UserFactory(username="other")),
        "editor": UserFactory(username="editor", is_editor=True, is_staff=True),
    }


def test_a_draft_has_no_address_and_its_title_reveals_nothing(people: dict[str, Any]) -> None:
    draft = _draft(people["owner"])
    assert draft.slug is None
    for role in (None, people["other"], people["editor"]):
        client = Client()
        if role is not None:
            client.force_login(role)
        assert client.get(reverse("discovery:practice_detail", args=[SLUG])).status_code == 404
        assert client.get(f"/api/v1/practices/{SLUG}").status_code == 404


def test_a_practice_published_while_a_draft_has_its_title_gets_the_plain_address(
    people: dict[str, Any],
) -> None:
    draft = _draft(people["other"])
    published = _publish_through_the_workflow(people["owner"], people["editor"], _draft(people["owner"]))
    assert published.slug == SLUG  # not "...-2": the draft does not hold the address
    assert Client().get(f"/practices/{SLUG}/").status_code == 200
    # The draft, published later, gets the next free one, then.
    draft.refresh_from_db()
    assert draft.slug is None
    later = _publish_through_the_workflow(people["other"], people["editor"], draft)
    assert later.slug == f"{SLUG}-2"


@pytest.mark.parametrize("path", ["practice_save", "practice_set_status", "bulk import", "admin action"])
def test_every_way_of_publishing_gives_the_title_s_address(
    path: str, people: dict[str, Any], staff_client_for: Any
) -> None:
    _draft(people["other"])  # same title, never published
    editor = people["editor"]
    if path == "practice_save":
        published = practice_save(actor=editor, values=_complete(), status=S.PUBLISHED)
    elif path == "practice_set_status":
        approved = practice_save(actor=editor, values=_complete(), status=S.APPROVED)
        assert approved.slug is None
        published = practice_set_status(actor=editor, practice=approved, status=S.PUBLISHED)
    elif path == "bulk import":
        rows = read_file(io.BytesIO(sheet([good(TITLE)]).encode()), filename="p.csv").rows
        assert practices_import(actor=editor, rows=rows).committed
        published = Practice.objects.get(status=S.PUBLISHED)
    else:
        approved = practice_save(actor=editor, values=_complete(), status=S.APPROVED)
        staff_client_for(editor).post(
            reverse("admin:catalogue_practice_changelist"),
            {"action": "publish_practices", "_selected_action": [approved.pk]},
        )
        published = Practice.objects.get(pk=approved.pk)
    assert (published.status, published.slug) == (S.PUBLISHED, SLUG)


@pytest.fixture
def staff_client_for() -> Any:
    def make(user: Any) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def test_a_published_address_never_changes(people: dict[str, Any], staff_client_for: Any) -> None:
    owner, editor = people["owner"], people["editor"]
    practice = _publish_through_the_workflow(owner, editor, _draft(owner))
    url = practice.get_absolute_url()
    assert url == f"/practices/{SLUG}/"

    # A new title, through practice_save (importers) and through an update of the published practice.
    practice_save(
        actor=editor, values=replace(values_from_practice(practice), title="Harbour cafes"), practice=practice
    )
    revision = submissions.submission_start_revision(actor=owner, practice=practice)
    proposed = replace(values_from_practice(practice), title="Language cafes on the quays")
    submissions.revision_save_draft(actor=owner, revision=revision, values=proposed)
    submissions.revision_submit(actor=owner, revision=revision, confirmations={})
    submissions.revision_publish(actor=UserFactory(username="second", is_editor=True), revision=revision)
    practice.refresh_from_db()
    assert (practice.title, practice.get_absolute_url()) == ("Language cafes on the quays", url)

    # The admin does not take another address, even when one is posted or an old version restored.
    from tests.catalogue.admin.form_data import practice_form_data

    change = reverse("admin:catalogue_practice_change", args=[practice.pk])
    response = staff_client_for(editor).post(
        change, practice_form_data(title="Edited in the admin", slug="elsewhere")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    practice.refresh_from_db()
    assert (practice.title, practice.slug) == ("Edited in the admin", SLUG)

    # Archived: hidden, but the address stays its own.
    review.practice_archive(actor=editor, practice=practice)
    practice.refresh_from_db()
    assert (practice.status, practice.slug) == (S.ARCHIVED, SLUG)
    assert Client().get(url).status_code == 404
    assert practice_save(actor=editor, values=_complete(), status=S.PUBLISHED).slug == f"{SLUG}-2"


def test_a_published_or_archived_practice_cannot_lose_its_address() -> None:
    practice = PracticeFactory()
    for status in (S.PUBLISHED, S.ARCHIVED):
        with pytest.raises(IntegrityError), transaction.atomic():
            Practice.objects.filter(pk=practice.pk).update(status=status, slug=None)


def test_an_import_row_cannot_give_a_draft_an_address(people: dict[str, Any]) -> None:
    rows = read_file(io.BytesIO(sheet([good(TITLE, id="chosen-address")]).encode()), filename="p.csv").rows
    report = practices_import(actor=people["editor"], rows=rows, status=S.DRAFT)
    assert [(column, message) for _row, column, message in report.errors] == [
        (
            "id",
            "A draft gets its public address when it is published: leave the identifier empty, "
            "or import the row as published.",
        )
    ]
    assert not Practice.objects.exists()


def test_an_address_from_a_title_avoids_the_identifiers_of_the_same_file(people: dict[str, Any]) -> None:
    """Row 2 has no identifier; row 3 claims the address row 2's title would give."""
    content = sheet([good(TITLE), good("Another practice", id=SLUG)])
    rows = read_file(io.BytesIO(content.encode()), filename="p.csv").rows
    report = practices_import(actor=people["editor"], rows=rows)
    assert report.committed, report.errors
    assert dict(Practice.objects.values_list("title", "slug")) == {
        TITLE: f"{SLUG}-2",
        "Another practice": SLUG,
    }


# The data migration ---------------------------------------------------------------------------------

MIGRATION = importlib.import_module("practicehub.catalogue.migrations.0004_practice_slug_at_publication")


def test_the_migration_takes_the_address_of_practices_never_published_and_keeps_the_others() -> None:
    never = {status: PracticeFactory(status=status, published_at=None) for status in S.values}
    once_public = PracticeFactory(status=S.DRAFT)  # published before, then back to draft
    for n, practice in enumerate([*never.values(), once_public]):
        if practice.slug is None:  # as every practice was before the migration
            Practice.objects.filter(pk=practice.pk).update(slug=f"old-address-{n}")
    MIGRATION.drop_unpublished_slugs(apps, None)
    slugs = dict(Practice.objects.values_list("pk", "slug"))
    for status, practice in never.items():
        kept = status in (S.PUBLISHED, S.ARCHIVED)
        assert (slugs[practice.pk] is not None) == kept, status
    assert slugs[once_public.pk] is not None
    MIGRATION.restore_slugs(apps, None)  # going back gives every practice an address again
    assert Practice.objects.filter(slug__isnull=True).count() == 0
    assert len(set(Practice.objects.values_list("slug", flat=True))) == Practice.objects.count()
