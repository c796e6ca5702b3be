"""Reading settings from the environment.

Each reader parses one kind of value. A value that is set but not of that kind stops the start-up with
ImproperlyConfigured naming the variable, the value and the expected form: a typo must never leave a
limit off or a link broken without anyone noticing.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
# Duration units of rates, as django-allauth writes them ("15m", "h", "1d").
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^(?P<amount>[0-9]*)(?P<unit>[smhd])$")
_HEADER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
# OAI-PMH repositoryIdentifier (oai-identifier.xsd): a domain name.
_OAI_NAMESPACE = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$")

# django-allauth's account actions a deployment may limit, and what each may be counted per
# (allauth counts "key" only where it passes one, e.g. the e-mail address of a sign-in).
ACCOUNT_RATE_ACTIONS: dict[str, frozenset[str]] = {
    "login": frozenset({"ip"}),
    "login_failed": frozenset({"ip", "key"}),
    "signup": frozenset({"ip"}),
    "reset_password": frozenset({"ip", "key"}),
    "reset_password_from_key": frozenset({"ip"}),
    "confirm_email": frozenset({"ip", "key"}),
    "change_password": frozenset({"ip", "user"}),
    "manage_email": frozenset({"ip", "user"}),
    "reauthenticate": frozenset({"ip", "user"}),
}
ACCOUNT_RATE_PREFIX = "PRACTICEHUB_ACCOUNT_RATE_"


def _bad(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"The environment variable {name}={value!r} is not valid: {expected}.")


def _value(name: str) -> str | None:
    """The variable's text, stripped; None when unset or blank (blank means "use the default")."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = _value(name)
    if value is None:
        return default
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _bad(name, value, "expected one of true, false, yes, no, on, off, 1, 0")


def env_list(name: str, default: list[str]) -> list[str]:
    value = _value(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = _value(name)
    if value is None:
        return default
    if not re.fullmatch(r"[0-9]+", value) or int(value) < minimum:
        raise _bad(name, value, f"expected a whole number of at least {minimum}")
    return int(value)


def parse_duration(text: str) -> int | None:
    """Seconds in "30s", "15m", "h", "2d" (a missing number is one); None when not of that form."""
    found = _DURATION.match(text.strip())
    if found is None:
        return None
    amount = int(found["amount"] or "1")
    return amount * DURATION_UNITS[found["unit"]] if amount > 0 else None


def parse_rate(text: str) -> tuple[int, int] | None:
    """(requests, seconds) from "COUNT/DURATION", e.g. "120/1m"; None when not of that form."""
    parts = text.strip().split("/")
    if len(parts) != 2 or not re.fullmatch(r"[0-9]+", parts[0].strip()):
        return None
    count, seconds = int(parts[0]), parse_duration(parts[1])
    if count < 1 or seconds is None:
        return None
    return count, seconds


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate limit of the site's own: (requests, seconds). Written COUNT/DURATION, e.g. "60/1h"."""
    value = _value(name) or default
    rate = parse_rate(value)
    if rate is None:
        raise _bad(
            name,
            value,
            "expected COUNT/DURATION with COUNT at least 1 and DURATION a number of "
            's, m, h or d, e.g. "60/1h" or "120/1m"',
        )
    return rate


def account_rate_problem(action: str, text: str) -> str | None:
    """What is wrong with allauth rates for `action` ("20/15m/ip,5/15m/key"); None when they are fine."""
    allowed = ACCOUNT_RATE_ACTIONS[action]
    for part in text.split(","):
        pieces = part.strip().split("/")
        if len(pieces) != 3 or parse_rate("/".join(pieces[:2])) is None:
            return f'expected COUNT/DURATION/PER[,...], e.g. "20/15m/ip,5/15m/key", not {part.strip()!r}'
        if pieces[2].strip() not in allowed:
            return f"{action} is counted per {' or '.join(sorted(allowed))}, not per {pieces[2].strip()!r}"
    return None


def env_account_rate_limits(defaults: dict[str, str]) -> dict[str, str]:
    """ACCOUNT_RATE_LIMITS: `defaults`, then any PRACTICEHUB_ACCOUNT_RATE_<ACTION> from the environment.

    allauth keeps its own defaults for actions named in neither. A variable naming no known action
    is refused too (a misspelt name would otherwise leave the intended limit unchanged)."""
    limits = dict(defaults)
    for name in sorted(os.environ):
        if not name.startswith(ACCOUNT_RATE_PREFIX):
            continue
        action = name.removeprefix(ACCOUNT_RATE_PREFIX).lower()
        value = _value(name)
        if action not in ACCOUNT_RATE_ACTIONS:
            known = ", ".join(ACCOUNT_RATE_PREFIX + a.upper() for a in ACCOUNT_RATE_ACTIONS)
            raise ImproperlyConfigured(f"Unknown variable {name}: the account rate limits are {known}.")
        if value is not None:
            limits[action] = value
    for action, text in limits.items():
        problem = account_rate_problem(action, text)
        if problem:
            raise _bad(ACCOUNT_RATE_PREFIX + action.upper(), text, problem)
    return limits


def site_url_problem(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "expected the site's address with http:// or https://, e.g. https://practices.example.org"
    if parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username:
        return "expected only scheme, host and port (the site is served from /), e.g. https://practices.example.org"
    try:
        parts.port  # noqa: B018 - raises on a port out of range
    except ValueError:
        return "the port is not a number from 1 to 65535"
    return None


def env_site_url(name: str, default: str | None) -> str:
    """The site's public address (scheme, host, port; no trailing slash). With no default it is required."""
    value = _value(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(
                f"Set {name} in the environment (the site's public address, e.g. "
                "https://practices.example.org): links in the site's e-mails are built from it."
            )
        value = default
    problem = site_url_problem(value)
    if problem:
        raise _bad(name, value, problem)
    return value.rstrip("/")


def env_header_name(name: str) -> str | None:
    """An HTTP header name such as X-Real-IP; None when unset."""
    value = _value(name)
    if value is None:
        return None
    if not _HEADER_NAME.match(value):
        raise _bad(name, value, "expected a header name such as X-Real-IP or CF-Connecting-IP")
    return value


def env_oai_namespace(name: str) -> str:
    """The OAI-PMH repository identifier (a domain name); "" when unset (then the site's host is used)."""
    value = _value(name)
    if value is None:
        return ""
    if not _OAI_NAMESPACE.match(value):
        raise _bad(name, value, "expected a domain name such as practices.example.org")
    return value.lower()
