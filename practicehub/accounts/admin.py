"""Users in the admin: editors and administrators grant the reviewer and editor roles here.

Editors (staff through their role) may view and change users, but only administrators may grant
staff or administrator status, groups or permissions. Role changes go through `user_roles_set`, so
each one leaves an audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ReviewerKind, User
from .roles import is_administrator, is_editor
from .services import user_roles_set

ROLE_FIELDS = ("is_editor", "reviewer_kind")
ADMIN_ONLY_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "username", "usable_password", "password1", "password2"),
            },
        ),
    )
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Profile"), {"fields": ("full_name", "email", "organization_name", "country_code")}),
        (_("Roles"), {"fields": ROLE_FIELDS}),
        (_("Permissions"), {"fields": ("is_active", *ADMIN_ONLY_FIELDS)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = (
        "email",
        "full_name",
        "organization_name",
        "country_code",
        "is_editor",
        "reviewer_kind",
        "is_superuser",
        "is_active",
    )
    list_filter = ("is_editor", "reviewer_kind", "is_superuser", "is_staff", "is_active")
    search_fields = ("username", "email", "full_name", "organization_name")
    ordering = ("email",)
    actions = [
        "make_internal_reviewer",
        "make_external_reviewer",
        "remove_reviewer",
        "make_editor",
        "remove_editor",
    ]

    # Editors manage roles without needing model permissions; administrators keep everything.
    def _may_manage(self, request: HttpRequest) -> bool:
        return is_editor(request.user) and bool(request.user.is_staff)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_manage(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not is_administrator(request.user):
            return False  # Editors never change an administrator's account.
        return self._may_manage(request) or super().has_change_permission(request, obj)

    def _is_user_manager(self, request: HttpRequest) -> bool:
        """Administrators, or staff given the permission to change users outright."""
        return is_administrator(request.user) or request.user.has_perm("accounts.change_user")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self._is_user_manager(request):
            # Editors see no password section: they cannot set other people's passwords.
            fieldsets = [(name, opts) for name, opts in fieldsets if "password" not in opts["fields"]]
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not self._is_user_manager(request):
            readonly += ("email", "is_active", "last_login", "date_joined", *ADMIN_ONLY_FIELDS)
        return readonly

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        if not self._is_user_manager(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        role_values = {name: getattr(obj, name) for name in ROLE_FIELDS}
        if change and any(name in form.changed_data for name in ROLE_FIELDS):
            # Save everything else as is, then change the roles through the service (audit row).
            for name in ROLE_FIELDS:
                setattr(obj, name, form.initial.get(name, getattr(obj, name)))
            super().save_model(request, obj, form, change)
            user_roles_set(actor=request.user, user=obj, **role_values)
        else:
            super().save_model(request, obj, form, change)

    def _set_roles(self, request: HttpRequest, queryset: QuerySet[User], **values: Any) -> None:
        count = 0
        for user in queryset:
            if not self.has_change_permission(request, user):
                continue
            new = {"is_editor": user.is_editor, "reviewer_kind": user.reviewer_kind, **values}
            user_roles_set(actor=request.user, user=user, **new)
            count += 1
        self.message_user(
            request,
            ngettext("Roles updated for %(count)d user.", "Roles updated for %(count)d users.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Make internal reviewer (UN)"))
    def make_internal_reviewer(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._set_roles(request, queryset, reviewer_kind=ReviewerKind.INTERNAL)

    @admin.action(description=_("Make external reviewer"))
    def make_external_reviewer(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._set_roles(request, queryset, reviewer_kind=ReviewerKind.EXTERNAL)

    @admin.action(description=_("Remove the reviewer role"))
    def remove_reviewer(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._set_roles(request, queryset, reviewer_kind=ReviewerKind.NONE)

    @admin.action(description=_("Make editor"))
    def make_editor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._set_roles(request, queryset, is_editor=True)

    @admin.action(description=_("Remove the editor role"))
    def remove_editor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._set_roles(request, queryset, is_editor=False)
