"""The editors' admin: who reaches it, that every registered page opens, and what the practice pages do."""

from datetime import date
from typing import Any

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from practicehub.catalogue.models import (
    CallForPractices,
    Objective,
    Organization,
    OrganizationRole,
    Practice,
    PracticeStatus,
    PracticeTranslation,
)
from practicehub.core.models import AuditEvent
from practicehub.submissions.admin import practice_fieldsets
from tests.catalogue.admin.form_data import practice_form_data
from tests.factories import OrganizationFactory, PracticeFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def staff_client(client: Client, editor: Any) -> Client:
    client.force_login(editor)
    return client


def test_anonymous_visitors_are_sent_to_the_admin_login(client: Client) -> None:
    for url in (reverse("admin:index"), _url(Practice, "changelist"), _url(Practice, "add")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_signed_in_users_who_are_not_staff_are_sent_to_the_admin_login(client: Client) -> None:
    client.force_login(UserFactory(username="contributor", is_editor=True))
    response = client.get(_url(Practice, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_editor_role_or_permissions_cannot_open_practices(client: Client) -> None:
    client.force_login(UserFactory(username="helpdesk", is_staff=True))
    assert client.get(_url(Practice, "changelist")).status_code == 403


def test_staff_editors_manage_the_catalogue_without_model_permissions(client: Client) -> None:
    client.force_login(UserFactory(username="curator", is_staff=True, is_editor=True))
    practice = PracticeFactory()
    assert client.get(_url(Practice, "changelist")).status_code == 200
    assert client.get(_url(Practice, "change", practice.pk)).status_code == 200
    assert client.get(_url(Objective, "changelist")).status_code == 200
    index = client.get(reverse("admin:index")).content.decode()
    assert _url(Organization, "changelist") in index


def _an_instance(model: type[models.Model]) -> models.Model | None:
    if model is Practice:
        return PracticeFactory()
    if model is Organization:
        return OrganizationFactory()
    if model is CallForPractices:
        return CallForPractices.objects.create(
            title="Call on decent work",
            slug="decent-work",
            opens_on=date(2026, 1, 1),
            closes_on=date(2026, 3, 1),
        )
    if model is PracticeTranslation:
        return PracticeTranslation.objects.create(practice=PracticeFactory(), language="fr", title="Titre")
    return model._default_manager.order_by("pk").first()


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[m._meta.label for m, _ in REGISTERED])
def test_staff_open_the_list_add_and_change_pages_of_every_registered_model(
    staff_client: Client, model: type[models.Model], model_admin: Any
) -> None:
    assert staff_client.get(_url(model, "changelist")).status_code == 200
    assert staff_client.get(_url(model, "changelist"), {"q": "migrants"}).status_code == 200
    add = staff_client.get(_url(model, "add"))
    assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403)
    instance = _an_instance(model)
    if instance is None:
        # Nothing of this kind exists yet (records that only a workflow creates): the list is empty.
        assert model._meta.app_label != "catalogue"
        return
    assert staff_client.get(_url(model, "change", instance.pk)).status_code == 200
    if hasattr(model_admin, "history_view"):
        assert staff_client.get(_url(model, "history", instance.pk)).status_code == 200


def test_every_catalogue_model_and_vocabulary_is_registered() -> None:
    catalogue = {m for m in admin.site._registry if m._meta.app_label == "catalogue"}
    from django.apps import apps

    expected = {
        m
        for m in apps.get_app_config("catalogue").get_models()
        if m.__name__
        not in {"PracticeOrganization", "PracticeLink", "PracticeDocument", "PracticeTranslation"}
        and not m.__name__.startswith("Historical")
    }
    assert expected <= catalogue


def test_practice_form_sections_follow_the_field_definition_and_cover_every_editable_field() -> None:
    names = [str(title) for title, _ in practice_fieldsets()]
    assert names[:3] == [
        "About the practice",
        "GCM objectives, principles and SDGs",
        "Dates, type and geographic scope",
    ]
    listed: set[str] = set()
    for _, options in practice_fieldsets():
        for entry in options["fields"]:
            listed.update(entry if isinstance(entry, tuple) else (entry,))
    editable = {
        f.name
        for f in Practice._meta.get_fields()
        if getattr(f, "editable", False) and not f.auto_created and f.name not in {"id", "organizations"}
    }
    assert editable - listed == set()


def test_changelist_lists_filters_and_searches_by_organization_name(staff_client: Client) -> None:
    found = PracticeFactory(
        title="Seasonal workers scheme", main_implementer=OrganizationFactory(name="Harbour Guild")
    )
    PracticeFactory(title="Another practice", is_sample=True)
    response = staff_client.get(_url(Practice, "changelist"), {"q": "harbour"})
    html = response.content.decode()
    assert "Seasonal workers scheme" in html
    assert "Another practice" not in html
    samples = staff_client.get(_url(Practice, "changelist"), {"is_sample__exact": "1"}).content.decode()
    assert "Another practice" in samples
    assert "Seasonal workers scheme" not in samples
    assert "2020 - Present" in staff_client.get(_url(Practice, "changelist")).content.decode()
    assert found.pk


def test_the_address_is_never_typed_in_the_admin_and_shown_once_published(staff_client: Client) -> None:
    assert 'name="slug"' not in staff_client.get(_url(Practice, "add")).content.decode()
    practice = PracticeFactory()
    change = staff_client.get(_url(Practice, "change", practice.pk)).content.decode()
    assert 'name="slug"' not in change
    assert practice.slug and practice.slug in change


def test_adding_a_practice_with_its_organization_creates_a_draft_and_an_audit_row(
    staff_client: Client, editor: Any
) -> None:
    org = OrganizationFactory(name="Valmora Migrant Support Centre")
    data = practice_form_data(
        {"organization_links": 1},
        **{
            "organization_links-0-organization": str(org.pk),
            "organization_links-0-role": OrganizationRole.MAIN,
            "organization_links-0-position": "0",
        },
    )
    response = staff_client.post(_url(Practice, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = Practice.objects.get(title="Newcomer welcome desks")
    assert (practice.status, practice.slug) == (PracticeStatus.DRAFT, None)
    assert list(practice.primary_objectives.values_list("number", flat=True)) == [16]
    assert list(practice.organizations.all()) == [org]
    event = AuditEvent.objects.get(action="practice.created", target_id=str(practice.pk))
    assert event.actor == editor


def test_organization_list_counts_practices(staff_client: Client) -> None:
    org = OrganizationFactory(name="Dovik Chamber of Commerce")
    PracticeFactory(main_implementer=org)
    PracticeFactory(main_implementer=org)
    html = staff_client.get(_url(Organization, "changelist"), {"q": "Dovik"}).content.decode()
    assert "Dovik Chamber of Commerce" in html
    assert '<td class="field-practice_count">2</td>' in html


def test_organization_autocomplete_answers_for_the_practice_inline(staff_client: Client) -> None:
    OrganizationFactory(name="Renren Interfaith Council")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "renren",
            "app_label": "catalogue",
            "model_name": "practiceorganization",
            "field_name": "organization",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Renren Interfaith Council"]
