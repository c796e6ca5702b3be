"""Profile fields, asked at registration and editable on the account page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.models import Country

from .models import User
from .services import user_profile_update


def _model_field_max_length(name: str) -> int:
    field = User._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length is not None
    return field.max_length


class ProfileFieldsForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=_model_field_max_length("full_name"),
        help_text=_("Shown to the editors and reviewers of your submissions, never on public pages."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organization_name = forms.CharField(
        label=_("Organization"),
        max_length=_model_field_max_length("organization_name"),
        required=False,
        help_text=_("The organization you work for, if any."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    country_code = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        to_field_name="iso3",
        required=False,
        empty_label=_("Not given"),
        help_text=_("The country you work in."),
    )

    def profile_values(self) -> dict[str, str]:
        country = self.cleaned_data.get("country_code")
        return {
            "full_name": self.cleaned_data["full_name"],
            "organization_name": self.cleaned_data.get("organization_name", ""),
            "country_code": country.iso3 if country else "",
        }


class SignupForm(ProfileFieldsForm):
    """Extra registration fields for django-allauth (ACCOUNT_SIGNUP_FORM_CLASS)."""

    field_order = ["full_name", "email", "organization_name", "country_code", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user_profile_update(actor=user, user=user, **self.profile_values())


class ProfileForm(ProfileFieldsForm):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.full_name,
                "organization_name": user.organization_name,
                "country_code": user.country_code or None,
            },
        )
        super().__init__(*args, **kwargs)
        self.user = user
