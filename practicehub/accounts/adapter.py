"""django-allauth hooks: emails carry the site's name; people are shown by their name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.encoding import force_str


@dataclass(frozen=True)
class SiteForEmail:
    name: str
    domain: str


def user_display(user: Any) -> str:
    """How allauth names a user in pages and emails: full name, else email address."""
    return str(user)


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.PRACTICEHUB_SITE_NAME}] {force_str(subject)}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        domain = get_current_site(request).domain if request is not None else ""
        site = SiteForEmail(name=settings.PRACTICEHUB_SITE_NAME, domain=domain)
        super().send_mail(template_prefix, email, {**context, "current_site": site})
