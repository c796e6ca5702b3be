"""What every response must carry, and what no HTML page may contain, now that a
Content-Security-Policy forbids inline scripts and styles (config/settings/base.py)."""

from typing import Any

import lxml.html

# Script elements that hold data, not code: browsers never run them, so CSP does not apply.
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json"})
# Features the Permissions-Policy header must deny (an empty allow-list).
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")


def csp_directives(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def header_problems(response: Any) -> list[str]:
    """Headers every response needs: the Permissions-Policy, and on HTML a strict CSP."""
    problems = []
    policy = response.get("Permissions-Policy", "")
    missing = [f for f in DENIED_FEATURES if f"{f}=()" not in policy]
    if missing:
        problems.append(f"Permissions-Policy does not deny {missing}: {policy!r}")
    if response.get("Referrer-Policy") not in ("same-origin", "strict-origin-when-cross-origin"):
        problems.append(f"Referrer-Policy is {response.get('Referrer-Policy')!r}")
    if not response.get("Content-Type", "").startswith("text/html"):
        return problems
    header = response.get("Content-Security-Policy")
    if not header:
        return [*problems, "an HTML page without a Content-Security-Policy"]
    directives = csp_directives(header)
    for directive in ("script-src", "style-src"):
        sources = directives.get(directive, directives.get("default-src"))
        if not sources:
            problems.append(f"CSP has no {directive} (nor default-src)")
        elif "'unsafe-inline'" in sources or "*" in sources or "'unsafe-eval'" in sources:
            problems.append(f"CSP {directive} allows {sources}")
    if directives.get("object-src") != ["'none'"] or directives.get("frame-ancestors") != ["'none'"]:
        problems.append(f"CSP lets other sites frame or embed: {header}")
    return problems


def inline_code_problems(body: bytes) -> list[str]:
    """Inline scripts, style elements or attributes and event handlers: what the CSP would block."""
    if not body.strip():
        return []
    document = lxml.html.fromstring(body)
    problems = []
    for script in document.iter("script"):
        kind = (script.get("type") or "").lower()
        if not script.get("src") and kind not in DATA_SCRIPT_TYPES:
            problems.append(f"inline <script>: {(script.text or '')[:60]!r}")
    problems += [f"<style> element: {(s.text or '')[:60]!r}" for s in document.iter("style")]
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            handler = name == "style" or name.lower().startswith("on")
            script_url = name in ("href", "src", "action") and value.strip().lower().startswith("javascript:")
            if handler or script_url:
                problems.append(f"<{element.tag} {name}={value[:40]!r}>")
    return problems
