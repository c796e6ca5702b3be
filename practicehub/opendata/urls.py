from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import downloads, feeds, robots
from .oai.views import oai_endpoint
from .sitemaps import SITEMAPS

app_name = "opendata"
urlpatterns = [
    # Feeds and harvesting: the query string of a feed is the list page's (search and filters).
    path("feeds/practices.atom", feeds.PracticeAtomFeed(), name="feed_atom"),
    path("feeds/practices.rss", feeds.PracticeRssFeed(), name="feed_rss"),
    path("oai/", oai_endpoint, name="oai"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "opendata:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    # Downloads of any list of practices (the list page's query string), their columns, bulk import.
    path("exports/practices.csv", downloads.practices_csv, name="practices_csv"),
    path("exports/practices.xlsx", downloads.practices_xlsx, name="practices_xlsx"),
    path("exports/practices.json", downloads.practices_json, name="practices_json"),
    path("exports/columns/", downloads.columns, name="columns"),
]
