"""Atom and RSS feeds of the newest published practices, for the whole list or any search or filter.

A feed reads the same query string as the list page (practicehub/search/params.py) and asks the same
selector for the same selection (search.listing.practice_search), so "follow this search" gives
exactly the practices the list page shows, newest published first. The feed's own address is the
canonical form of that query string, without page or sort.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from practicehub.catalogue.models import OrganizationRole, Practice, PracticeOrganization
from practicehub.core.text import render_long_text
from practicehub.core.xmltext import xml_text
from practicehub.search.facet_display import listing_display
from practicehub.search.listing import PracticeListResult, practice_search
from practicehub.search.params import NEWEST, Selection
from practicehub.search.params import parse as parse_selection

# A feed lists this many practices: the newest published that match.
FEED_ITEMS = 50


def feed_selection(selection: Selection) -> Selection:
    """The selection a feed address stands for: no page, no sort (a feed is always newest first)."""
    return replace(selection, sort="", page=1)


def feed_query(selection: Selection) -> str:
    """The canonical query string of the feed of a list page's selection ("" for all practices)."""
    return feed_selection(selection).query_string(page=False)


@dataclass
class FeedSource:
    request: HttpRequest
    selection: Selection
    result: PracticeListResult

    @property
    def query(self) -> str:
        query = feed_query(self.selection)
        return f"?{query}" if query else ""


class PracticeRssFeed(Feed):
    feed_type: Any = Rss201rev2Feed
    url_name = "opendata:feed_rss"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSource:
        selection = feed_selection(parse_selection(request.GET))
        # Newest published first, whatever order the list page was in.
        return FeedSource(request, selection, practice_search(replace(selection, sort=NEWEST)))

    def title(self, obj: FeedSource) -> str:
        heading = listing_display(obj.result.search, base=reverse("discovery:practice_list")).heading
        return xml_text(f"{heading} | {settings.PRACTICEHUB_SITE_NAME}")

    def link(self, obj: FeedSource) -> str:
        return f"{reverse('discovery:practice_list')}{obj.query}"

    def feed_url(self, obj: FeedSource) -> str:
        return f"{reverse(self.url_name)}{obj.query}"

    def description(self, obj: FeedSource) -> str:
        return _(
            "The newest published practices implementing the Global Compact for Safe, Orderly and "
            "Regular Migration that match this search."
        )

    def items(self, obj: FeedSource) -> list[Practice]:
        practices = list(obj.result.practices[:FEED_ITEMS])
        prefetch_related_objects(
            practices,
            Prefetch(
                "organization_links",
                queryset=PracticeOrganization.objects.filter(role=OrganizationRole.MAIN).select_related(
                    "organization"
                ),
                to_attr="main_implementers",
            ),
        )
        return practices

    def item_title(self, item: Practice) -> str:
        return xml_text(item.title)

    def item_description(self, item: Practice) -> str:
        return xml_text(render_long_text(item.summary))

    def item_link(self, item: Practice) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Practice) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Practice) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Practice) -> str | None:
        names = [str(link.organization) for link in getattr(item, "main_implementers", [])]
        return xml_text(", ".join(names)) if names else None

    def item_categories(self, item: Practice) -> list[str]:
        objectives = list(item.primary_objectives.all())
        objectives += [o for o in item.secondary_objectives.all() if o not in objectives]
        return [
            xml_text(_("GCM objective %(number)s: %(label)s") % {"number": o.number, "label": o.short_label})
            for o in objectives
        ]


class PracticeAtomFeed(PracticeRssFeed):
    feed_type = Atom1Feed
    url_name = "opendata:feed_atom"

    def subtitle(self, obj: FeedSource) -> str:
        return self.description(obj)
