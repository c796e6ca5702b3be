from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Profile"), {"fields": ("full_name", "organization_name", "country_code")}),
    )
    list_display = ("username", "email", "full_name", "organization_name", "is_staff")
    search_fields = ("username", "email", "full_name", "organization_name")
