from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import ProfileForm
from .models import User
from .roles import has_verified_email, role_labels
from .selectors import country_name
from .services import user_profile_update


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's account page: edit name, organization and country."""
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        form = ProfileForm(request.POST, user=user)
        if form.is_valid():
            user_profile_update(actor=user, user=user, **form.profile_values())
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(user=user)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "roles": role_labels(user),
            "email_verified": has_verified_email(user),
            "country_name": country_name(user.country_code),
        },
    )
