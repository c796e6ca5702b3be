"""Editors manage calls for practices in the admin. Review records are read-only there: they change only
through the workflow's services, which check roles and keep the audit log."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from practicehub.accounts.roles import is_editor
from practicehub.catalogue.models import CallForPractices, PracticeStatus
from practicehub.core.forms import XmlTextModelForm

from .models import Decision, ReviewAssignment, ReviewRound


@admin.register(CallForPractices)
class CallForPracticesAdmin(admin.ModelAdmin):
    form = XmlTextModelForm  # a call's title and text are public (and in feed titles)
    list_display = ("title", "opens_on", "closes_on", "is_published", "open_now", "published_practices")
    list_filter = ("is_published",)
    search_fields = ("title", "description", "contact_name", "contact_email")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("focus_objectives",)
    date_hierarchy = "opens_on"
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "focus_objectives")}),
        (_("Dates"), {"fields": ("opens_on", "closes_on", "is_published")}),
        (_("Contact"), {"fields": ("contact_name", "contact_email")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[CallForPractices]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_published=Count(
                    "practices", filter=Q(practices__status=PracticeStatus.PUBLISHED), distinct=True
                )
            )
        )

    @admin.display(boolean=True, description=_("open now"))
    def open_now(self, obj: CallForPractices) -> bool:
        return obj.is_open()

    @admin.display(description=_("published practices"), ordering="n_published")
    def published_practices(self, obj: Any) -> int:
        return int(obj.n_published)

    # Editors (who reach the admin as staff) manage calls without a separate model permission.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_editor(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_editor(request.user) or super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user) or super().has_change_permission(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AssignmentInline(admin.TabularInline):
    model = ReviewAssignment
    fields = ("reviewer", "kind", "assigned_at", "coi_status", "recommendation", "completed_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DecisionInline(admin.TabularInline):
    model = Decision
    fields = ("action", "editor", "created_at", "quorum_met", "override_reason", "message_to_submitter")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewRound)
class ReviewRoundAdmin(ReadOnlyAdmin):
    list_display = ("practice", "number", "submitted_at")
    search_fields = ("practice__title",)
    inlines = (AssignmentInline, DecisionInline)
