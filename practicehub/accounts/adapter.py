"""django-allauth hooks: emails carry the site's name; people are shown by their name; the client's
address behind proxies."""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest
from django.utils.encoding import force_str

logger = logging.getLogger(__name__)


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

    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's reading (TRUSTED_PROXY_COUNT / TRUSTED_CLIENT_IP_HEADER), but a request whose
        X-Forwarded-For lists fewer addresses than there are trusted proxies did not come through them:
        it is counted by the address it came from instead of failing with a server error."""
        try:
            return str(super().get_client_ip(request))
        except ImproperlyConfigured:
            logger.warning(
                "X-Forwarded-For has fewer entries than TRUSTED_PROXY_COUNT=%s; counting the request by "
                "its connection's address",
                settings.ALLAUTH_TRUSTED_PROXY_COUNT,
            )
            address = str(request.META.get("REMOTE_ADDR", ""))
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                raise PermissionDenied("Unable to determine client IP address") from None
