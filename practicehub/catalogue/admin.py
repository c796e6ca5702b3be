"""The editors' admin: practices with every relation inline, organizations and every vocabulary.

Only staff reach the admin. Superusers may do everything; staff who are editors (User.is_editor) manage
the catalogue without needing separate model permissions. The practice form's sections come from
practicehub/catalogue/fields.py. A practice's lifecycle (status, publication date, submission date)
is never edited here: it changes only through the review workflow, by the Publish and Archive actions
(admin_actions.py) or the review pages. A practice added here starts as a draft.
"""

from typing import Any

from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Count, QuerySet
from django.forms import BaseInlineFormSet, Form
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from practicehub.core.audit import audit_record
from practicehub.core.forms import XmlTextModelForm
from practicehub.review.workflow import Action
from practicehub.submissions.uploads import (
    check_document,
    check_document_room,
    max_documents_per_practice,
    safe_filename,
)

from .admin_actions import may_run_workflow_actions, run_workflow_action
from .fields import GROUP_LABELS, PRACTICE_FIELDS, TRANSLATABLE_FIELDS, Group, Kind
from .models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationType,
    Practice,
    PracticeDocument,
    PracticeLink,
    PracticeOrganization,
    PracticeStatus,
    PracticeTranslation,
    PracticeType,
    Region,
    ScopeLevel,
)


def _is_catalogue_editor(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "is_editor", False))


class EditorPermissionsMixin:
    """Staff editors manage the catalogue without model permissions; others need them as usual.
    (Every catalogue form also cleans pasted text of what XML cannot carry: core/forms.py.)"""

    form: Any = XmlTextModelForm

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_catalogue_editor(request) or super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_catalogue_editor(request) or super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _is_catalogue_editor(request) or super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_catalogue_editor(request) or super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_catalogue_editor(request) or super().has_delete_permission(request, obj)  # type: ignore[misc]


# Practice form sections: the groups of fields.py, in their order, with the model fields each
# practice field covers. Relations edited in inlines (organizations, links, documents) are left out.
_INLINE_ATTRIBUTES = frozenset({"organization_links", "links", "documents"})
# Addresses typed without a scheme are taken as https (Django 6's default).
_HTTPS_URLS: dict[Any, dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}
_PUBLICATION_FIELDS = ("slug", "status", "review_page", "published_at", "is_sample", "call", "submitter")
# Set by the review workflow only (the slug when it publishes); read-only on every admin form, kept
# from the database on save, also when a historical version is restored.
LIFECYCLE_FIELDS = ("status", "published_at", "submitted_on", "slug")


def practice_fieldsets() -> tuple[tuple[Any, dict[str, Any]], ...]:
    by_group: dict[Group, list[Any]] = {group: [] for group in Group}
    for practice_field in PRACTICE_FIELDS:
        attributes = tuple(name for name in practice_field.attributes if name not in _INLINE_ATTRIBUTES)
        if practice_field.kind == Kind.DATES:
            by_group[practice_field.group].append(attributes)  # start, end and ongoing on one line
        else:
            by_group[practice_field.group].extend(attributes)
    sections: list[tuple[Any, dict[str, Any]]] = [
        (GROUP_LABELS[group], {"fields": tuple(names)}) for group, names in by_group.items() if names
    ]
    sections.append((_("Publication"), {"fields": _PUBLICATION_FIELDS}))
    return tuple(sections)


class PracticeOrganizationInline(EditorPermissionsMixin, admin.TabularInline):
    model = PracticeOrganization
    fields = ("organization", "role", "position")
    autocomplete_fields = ("organization",)
    extra = 0


class PracticeLinkInline(EditorPermissionsMixin, admin.TabularInline):
    model = PracticeLink
    formfield_overrides = _HTTPS_URLS
    fields = ("title", "url", "position")
    extra = 0


class PracticeDocumentForm(XmlTextModelForm):
    """A document uploaded here passes the same checks as one uploaded with a submission (extension and
    content must agree on an accepted kind: no HTML, no SVG); its type and size are the recognised ones."""

    class Meta:
        model = PracticeDocument
        fields = ("title", "file", "position")

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            kind = check_document(file, name=file.name or "", size=file.size or 0)
            file.name = safe_filename(file.name or "", kind)
            self.instance.content_type = kind.content_type
            self.instance.size = file.size or 0
        return file


class PracticeDocumentFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """No more documents than a practice may have (the same limit as the submission form)."""

    def clean(self) -> None:
        super().clean()
        forms_kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        adding = sum(1 for f in forms_kept if f.instance.pk is None)
        check_document_room(kept=len(forms_kept) - adding, adding=adding)


class PracticeDocumentInline(EditorPermissionsMixin, admin.TabularInline):
    model = PracticeDocument
    form = PracticeDocumentForm
    formset = PracticeDocumentFormSet

    def get_max_num(self, request: HttpRequest, obj: Practice | None = None, **kwargs: Any) -> int:
        # How many rows the page offers; the formset's clean() is the rule.
        kept = obj.documents.count() if obj is not None and obj.pk else 0
        return max(kept, max_documents_per_practice())

    fields = ("title", "file", "position", "content_type", "size")
    readonly_fields = ("content_type", "size")
    extra = 0


class PracticeTranslationInline(EditorPermissionsMixin, admin.StackedInline):
    model = PracticeTranslation
    extra = 0
    fields = ("language", "is_machine_translation", *TRANSLATABLE_FIELDS)


@admin.register(Practice)
class PracticeAdmin(EditorPermissionsMixin, SimpleHistoryAdmin):
    fieldsets = practice_fieldsets()
    inlines = (
        PracticeOrganizationInline,
        PracticeLinkInline,
        PracticeDocumentInline,
        PracticeTranslationInline,
    )
    list_display = (
        "title",
        "status",
        "practice_type",
        "scope_level",
        "dates",
        "published_at",
        "is_sample",
    )
    list_filter = (
        "status",
        ("primary_objectives", admin.RelatedOnlyFieldListFilter),
        "practice_type",
        "scope_level",
        "is_sample",
        "original_language",
    )
    list_select_related = ("practice_type", "scope_level")
    search_fields = ("title", "summary", "organizations__name", "organizations__acronym")
    date_hierarchy = "published_at"
    filter_horizontal = ("primary_objectives", "secondary_objectives", "guiding_principles", "sdgs")
    autocomplete_fields = ("regions", "countries", "submitter")
    readonly_fields = (*LIFECYCLE_FIELDS, "review_page")
    actions = ("publish_practices", "archive_practices")
    list_per_page = 50

    @admin.display(description=_("dates"), ordering="start_year")
    def dates(self, obj: Practice) -> str:
        return obj.dates_display

    @admin.display(description=_("review"))
    def review_page(self, obj: Practice | None) -> str | SafeString:
        if obj is None or obj.pk is None or obj.status == PracticeStatus.DRAFT:
            return gettext("A draft enters review when its submitter submits it.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("review:editor_submission", kwargs={"pk": obj.pk}),
            gettext("Open the practice's review page"),
        )

    def save_model(self, request: HttpRequest, obj: Practice, form: Form, change: bool) -> None:
        # The lifecycle comes from the database, never from the form or a historical version being
        # restored from the history page: only the workflow changes it.
        with transaction.atomic():
            if change:
                current = Practice.objects.select_for_update().filter(pk=obj.pk).values(*LIFECYCLE_FIELDS)
                for name, value in (current.first() or {}).items():
                    setattr(obj, name, value)
            else:
                obj.status, obj.published_at, obj.submitted_on, obj.slug = (
                    PracticeStatus.DRAFT,
                    None,
                    None,
                    None,
                )
                # Only the submitter can send a draft to review; by default that is whoever added it.
                if obj.submitter_id is None:
                    obj.submitter_id = request.user.pk
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action="practice.updated" if change else "practice.created",
                target=obj,
                to_state=obj.status,
                comment=gettext("Edited in the admin."),
            )

    def has_workflow_permission(self, request: HttpRequest) -> bool:
        return may_run_workflow_actions(request)

    @admin.action(description=_("Publish selected practices"), permissions=("workflow",))
    def publish_practices(self, request: HttpRequest, queryset: QuerySet[Practice]) -> None:
        run_workflow_action(self, request, queryset, Action.PUBLISH)

    @admin.action(description=_("Archive selected practices"), permissions=("workflow",))
    def archive_practices(self, request: HttpRequest, queryset: QuerySet[Practice]) -> None:
        run_workflow_action(self, request, queryset, Action.ARCHIVE)


@admin.register(Organization)
class OrganizationAdmin(EditorPermissionsMixin, SimpleHistoryAdmin):
    formfield_overrides = _HTTPS_URLS
    list_display = ("name", "acronym", "org_type", "country", "practice_count")
    list_filter = ("org_type", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("org_type", "country")
    search_fields = ("name", "acronym")
    autocomplete_fields = ("country",)
    ordering = ("name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organization]:
        return (
            super()
            .get_queryset(request)
            .annotate(n_practices=Count("practice_links__practice", distinct=True))
        )

    @admin.display(description=_("practices"), ordering="n_practices")
    def practice_count(self, obj: Any) -> int:
        return int(obj.n_practices)


@admin.register(Objective)
class ObjectiveAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("number", "short_label", "title")
    list_display_links = ("number", "short_label")
    search_fields = ("short_label", "title", "=number")
    ordering = ("number",)


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("name", "key", "position")
    search_fields = ("name", "key", "summary")
    ordering = ("position", "name")


@admin.register(SDG)
class SDGAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("number", "short_name", "title")
    list_display_links = ("number", "short_name")
    search_fields = ("short_name", "title", "=number")
    ordering = ("number",)


@admin.register(PracticeType)
class PracticeTypeAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("name", "key", "position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "key")
    ordering = ("position", "name")


@admin.register(ScopeLevel)
class ScopeLevelAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("name", "key", "position")
    search_fields = ("name", "key")
    ordering = ("position",)


@admin.register(Region)
class RegionAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("name", "parent", "m49_code")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("parent",)
    search_fields = ("name", "key", "m49_code")
    ordering = ("name",)


@admin.register(Country)
class CountryAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("name", "iso3", "iso2", "region", "subregion")
    list_filter = (("region", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("region", "subregion")
    search_fields = ("name", "iso3", "iso2")
    autocomplete_fields = ("region", "subregion")
    ordering = ("name",)


@admin.register(OrganizationType)
class OrganizationTypeAdmin(EditorPermissionsMixin, admin.ModelAdmin):
    list_display = ("name", "key", "position")
    search_fields = ("name", "key")
    ordering = ("position", "name")
