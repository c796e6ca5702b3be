"""The editors' admin of practices, with every relation inline.

A practice's form sections come from practicehub/catalogue/fields.py. Its lifecycle (status, publication
date, submission date, public address) is never edited here: it changes only through the review
workflow, by the Publish and Archive actions (admin_actions.py) or the review pages. A practice added
here starts as a draft. Documents pass the same checks as those of a submission (uploads.py).
"""

from typing import Any

from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, Form
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from practicehub.catalogue.admin import HTTPS_URLS, EditorPermissionsMixin
from practicehub.catalogue.fields import GROUP_LABELS, PRACTICE_FIELDS, TRANSLATABLE_FIELDS, Group, Kind
from practicehub.catalogue.models import (
    Practice,
    PracticeDocument,
    PracticeLink,
    PracticeOrganization,
    PracticeStatus,
    PracticeTranslation,
)
from practicehub.core.audit import audit_record
from practicehub.core.forms import XmlTextModelForm
from practicehub.review.workflow import Action

from .admin_actions import may_run_workflow_actions, run_workflow_action
from .uploads import check_document, check_document_room, max_documents_per_practice, safe_filename

# Practice form sections: the groups of fields.py, in their order, with the model fields each
# practice field covers. Relations edited in inlines (organizations, links, documents) are left out.
_INLINE_ATTRIBUTES = frozenset({"organization_links", "links", "documents"})
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
    formfield_overrides = HTTPS_URLS
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
