"""Template tags of the open-data app: a practice's JSON-LD, and the feed links of a list page."""

from typing import Any
from urllib.parse import urlsplit

from django import template
from django.utils.safestring import SafeString

from practicehub.opendata.feeds import feed_query
from practicehub.opendata.jsonld import jsonld_script, practice_jsonld
from practicehub.search.params import Selection

register = template.Library()


@register.simple_tag(takes_context=True)
def practice_jsonld_script(context: template.Context, practice: Any) -> SafeString | str:
    """The JSON-LD of a published practice ("" for a page an editor previews)."""
    request = context.get("request")
    if request is None or not getattr(practice, "is_published", False):
        return ""
    return jsonld_script(practice_jsonld(practice, absolute_url=request.build_absolute_uri))


@register.simple_tag(takes_context=True)
def list_feed_query(context: template.Context) -> str:
    """The query string ("?..." or "") of the feed matching the list or browse page being shown."""
    selection = context.get("selection")
    if isinstance(selection, Selection):
        query = feed_query(selection)
    else:
        # A browse page (one objective, country...) follows the list filtered by its value.
        query = urlsplit(str(context.get("all_with_filter_url") or "")).query
    return f"?{query}" if query else ""
