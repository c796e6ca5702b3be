"""The Django admin signs people in through the site's own sign-in (django-allauth), never its own form.

Its form would be a second way in without allauth's lock-out (ACCOUNT_RATE_LIMITS["login_failed"]),
e-mail verification or any check added to allauth later. This is allauth's documented way to close it
(`secure_admin_login`): anonymous visitors of /admin/login/ are sent to /accounts/login/ and come back
afterwards, so a failure counts once, in allauth's counters, wherever it was typed. A POST to the
admin's form is never read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from allauth.account.decorators import secure_admin_login
from django.http import HttpRequest, HttpResponse

from .roles import forbidden, is_staff


def admin_sign_in(login_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap AdminSite.login: to allauth's sign-in if anonymous, the admin if staff, the friendly
    403 page otherwise (allauth would raise a bare PermissionDenied)."""
    through_allauth = secure_admin_login(login_view)

    @functools.wraps(login_view)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not is_staff(request.user):
            return forbidden(request, role="staff")
        return through_allauth(request, *args, **kwargs)

    return view
