"""The editors' admin of organizations and every vocabulary (practices: practicehub/submissions/admin.py).

Only staff reach the admin. Superusers may do everything; staff who are editors (User.is_editor) manage
the catalogue without needing separate model permissions.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from practicehub.core.forms import XmlTextModelForm

from .models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationType,
    PracticeType,
    Region,
    ScopeLevel,
)


def _is_catalogue_editor(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "is_editor", False))


# Addresses typed without a scheme are taken as https (Django 6's default).
HTTPS_URLS: dict[Any, dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


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


@admin.register(Organization)
class OrganizationAdmin(EditorPermissionsMixin, SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URLS
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
