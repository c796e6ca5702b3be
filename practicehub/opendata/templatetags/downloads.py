"""Template tags of the practice downloads: the query string a list page's download links carry."""

from urllib.parse import urlsplit

from django import template

from practicehub.search.params import Selection

register = template.Library()


@register.simple_tag(takes_context=True)
def download_query(context: template.Context) -> str:
    """ "?<query>" (or "") selecting the practices of the list or browse page shown, every page of it."""
    selection = context.get("selection")
    if isinstance(selection, Selection):
        query = selection.query_string(page=False)
    else:
        # A browse page (one objective, country...) downloads the list filtered by its value.
        query = urlsplit(str(context.get("all_with_filter_url") or "")).query
    return f"?{query}" if query else ""
