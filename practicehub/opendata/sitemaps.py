"""sitemap.xml: an index of sections, each listing public addresses only.

Practices: every published practice with its last change. Pages: home, list, about and the browse
indexes. Browse: the page of each objective, principle, SDG, region and country that has at least one
published practice (an empty browse page is not worth a crawler's visit).
"""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from practicehub.catalogue.models import Practice
from practicehub.catalogue.selectors import published_practices
from practicehub.discovery import selectors

PAGES = (
    "discovery:home",
    "discovery:practice_list",
    "discovery:about",
    "discovery:objective_index",
    "discovery:principle_index",
    "discovery:sdg_index",
    "discovery:region_index",
    "discovery:country_index",
)


class PracticeSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"
    priority = 0.8

    def items(self) -> QuerySet[Practice]:
        return published_practices().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Practice) -> Any:
        return item.updated_at


class PageSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"
    priority = 0.5

    def items(self) -> list[str]:
        return list(PAGES)

    def location(self, item: str) -> str:
        return reverse(item)


class BrowseSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"
    priority = 0.4

    def items(self) -> list[str]:
        # The browse pages and their values come from the facet registry, the counts from its index.
        return [
            value.url
            for pages in selectors.BROWSE_PAGES
            for value in selectors.browse_values(pages.param, only_used=True)
        ]

    def location(self, item: str) -> str:
        return item


SITEMAPS: dict[str, Any] = {
    "pages": PageSitemap,
    "browse": BrowseSitemap,
    "practices": PracticeSitemap,
}
