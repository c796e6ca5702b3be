"""Public pages of the catalogue. Thin: read through selectors, render."""

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from practicehub.catalogue import selectors as catalogue
from practicehub.discovery import selectors
from practicehub.discovery.selectors import BrowseValue
from practicehub.review.selectors import calls_open_listing
from practicehub.search.facet_display import listing_display, options_for, options_html
from practicehub.search.facets import FACETS_BY_PARAM, FacetKind
from practicehub.search.listing import practice_search
from practicehub.search.params import parse as parse_selection

# A hidden field of the list's filter form: its submissions are redirected to the canonical address.
FORM_MARKER = "filters"
# The "all values" page of a facet lists at most this many values that match the name typed.
FACET_VALUES_LIMIT = 300


def _paginate(request: HttpRequest, practices: Any) -> Page:
    return Paginator(practices, settings.PRACTICES_PER_PAGE).get_page(request.GET.get("page"))


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "discovery/home.html",
        {
            "practice_count": catalogue.practice_count(),
            "objectives": selectors.objectives_with_counts(),
            "latest": catalogue.practice_latest(limit=6),
            "open_calls": calls_open_listing(),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "discovery/about.html")


def _is_fetch(request: HttpRequest) -> bool:
    """The list page's script asks for the part of the page it updates in place."""
    return request.headers.get("X-Requested-With") == "fetch"


def practice_list(request: HttpRequest) -> HttpResponse:
    selection = parse_selection(request.GET)
    if request.GET.get(FORM_MARKER) and not _is_fetch(request):
        # The sidebar form sends every field, empty or not: answer with the short, shareable address.
        query = selection.query_string(page=False)
        return redirect(reverse("discovery:practice_list") + (f"?{query}" if query else ""))
    result = practice_search(selection)
    page_obj = Paginator(result.practices, settings.PRACTICES_PER_PAGE).get_page(selection.page)
    display = listing_display(result.search, base=reverse("discovery:practice_list"))
    template = (
        "discovery/practice_list_listing.html" if _is_fetch(request) else "discovery/practice_list.html"
    )
    response = render(
        request,
        template,
        {
            "page_obj": page_obj,
            "heading": display.heading,
            "display": display,
            "selection": result.selection,
            "form_marker": FORM_MARKER,
        },
    )
    patch_vary_headers(response, ["X-Requested-With"])
    return response


def practice_facet_values(request: HttpRequest, param: str) -> HttpResponse:
    """Every value of one long facet (organizations, countries) with its count, found by name."""
    facet = FACETS_BY_PARAM.get(param)
    if facet is None or facet.kind == FacetKind.YEAR_RANGE:
        raise Http404(_("Unknown filter."))
    result = practice_search(parse_selection(request.GET))
    term = " ".join(request.GET.get("term", "").split())[:100]
    counts = result.search.facets_by_name[facet.name]
    options = options_for(facet, counts.matching(term, limit=FACET_VALUES_LIMIT))
    shown = {option.key for option in options}
    items = result.selection.items(page=False)
    context = {
        "facet": facet,
        "options": options,
        "options_html": options_html(options, facet.param, f"facet-{facet.param}-options"),
        "limit": FACET_VALUES_LIMIT,
        "term": term,
        # The rest of the selection rides along, and so do selected values the name filter hides.
        "keep": items,
        "hidden": [(k, v) for k, v in items if k != facet.param or v not in shown],
        "back_query": result.selection.query_string(page=False),
    }
    template = (
        "discovery/_facet_options.html" if _is_fetch(request) else "discovery/practice_facet_values.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["X-Requested-With"])
    return response


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    can_preview = bool(getattr(request.user, "can_edit_repository", False))
    practice = catalogue.practice_get(slug=slug, include_unpublished=can_preview)
    if practice is None:
        raise Http404(_("No published practice has this address."))
    return render(request, "discovery/practice_detail.html", {"practice": practice})


# Browse pages: the list filtered by one value, with its own heading and introduction.


def _browse(
    request: HttpRequest,
    *,
    param: str,
    raw: str,
    heading: Any,
    lead: Any,
    index_url: str,
    index_label: Any,
) -> HttpResponse:
    """`heading` is given the value's label (from the facet registry), `lead` its vocabulary row."""
    found = selectors.browse_get(param, raw)
    if found is None:
        raise Http404(_("Unknown value."))
    return render(
        request,
        "discovery/practice_list.html",
        {
            "page_obj": _paginate(request, found.result.practices),
            "heading": heading(found.label),
            "lead": lead(found.row),
            "index_url": index_url,
            "index_label": index_label,
            "all_with_filter_url": f"{reverse('discovery:practice_list')}?{found.list_query}",
        },
    )


def objective_browse(request: HttpRequest, number: int) -> HttpResponse:
    return _browse(
        request,
        param="objective",
        raw=str(number),
        heading=lambda label: _("Objective %(objective)s") % {"objective": label},
        lead=lambda o: o.title,
        index_url=reverse("discovery:objective_index"),
        index_label=_("All GCM objectives"),
    )


def principle_browse(request: HttpRequest, key: str) -> HttpResponse:
    return _browse(
        request,
        param="principle",
        raw=key,
        heading=lambda label: _("Guiding principle: %(principle)s") % {"principle": label},
        lead=lambda p: p.summary,
        index_url=reverse("discovery:principle_index"),
        index_label=_("All guiding principles"),
    )


def sdg_browse(request: HttpRequest, number: int) -> HttpResponse:
    return _browse(
        request,
        param="sdg",
        raw=str(number),
        heading=str,
        lead=lambda s: s.title,
        index_url=reverse("discovery:sdg_index"),
        index_label=_("All Sustainable Development Goals"),
    )


def region_browse(request: HttpRequest, key: str) -> HttpResponse:
    def lead(region: Any) -> str:
        if region.parent_id:
            return _("Practices in %(region)s: a sub-region of %(parent)s, and in its countries.") % {
                "region": region,
                "parent": region.parent,
            }
        return _("Practices in %(region)s: the region, its sub-regions and its countries.") % {
            "region": region
        }

    return _browse(
        request,
        param="region",
        raw=key,
        heading=lambda label: _("Practices in %(region)s") % {"region": label},
        lead=lead,
        index_url=reverse("discovery:region_index"),
        index_label=_("All regions"),
    )


def country_browse(request: HttpRequest, iso3: str) -> HttpResponse:
    def lead(country: Any) -> str:
        places = [str(p) for p in (country.subregion, country.region) if p]
        return ", ".join(places)

    return _browse(
        request,
        param="country",
        raw=iso3,
        heading=lambda label: _("Practices in %(country)s") % {"country": label},
        lead=lead,
        index_url=reverse("discovery:country_index"),
        index_label=_("All countries"),
    )


# Index pages: every value of a vocabulary with the number of published practices.


def _index(request: HttpRequest, *, title: Any, lead: Any, groups: list[dict[str, Any]]) -> HttpResponse:
    return render(request, "discovery/browse_index.html", {"title": title, "lead": lead, "groups": groups})


def _items(values: list[BrowseValue], description: Any = None) -> list[dict[str, Any]]:
    return [
        {
            "text": value.label,
            "url": value.url,
            "count": value.count,
            "description": description(value.row) if description else "",
        }
        for value in values
    ]


def objective_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.objectives_with_counts()
    return _index(
        request,
        title=_("The 23 GCM objectives"),
        lead=_("Published practices on each objective of the Global Compact for Migration."),
        groups=[{"items": _items(rows, lambda o: o.title)}],
    )


def principle_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.browse_values("principle")
    return _index(
        request,
        title=_("The 10 GCM guiding principles"),
        lead=_(
            "Every practice upholds all ten principles; these pages list the practices that "
            "particularly exemplify each one."
        ),
        groups=[{"items": _items(rows, lambda p: p.summary)}],
    )


def sdg_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.browse_values("sdg")
    return _index(
        request,
        title=_("Sustainable Development Goals"),
        lead=_("Published practices contributing to each of the 17 Sustainable Development Goals."),
        groups=[{"items": _items(rows, lambda s: s.title)}],
    )


def region_index(request: HttpRequest) -> HttpResponse:
    groups = [
        {
            "heading": region.label,
            "items": _items([region, *subregions]),
        }
        for region, subregions in selectors.regions_with_counts()
    ]
    return _index(
        request,
        title=_("Regions"),
        lead=_("Published practices by UN region and sub-region, including those in their countries."),
        groups=groups,
    )


def country_index(request: HttpRequest) -> HttpResponse:
    by_region: dict[str, list[BrowseValue]] = {}
    for country in selectors.countries_with_counts():
        by_region.setdefault(str(country.row.region or _("Other")), []).append(country)
    groups = [{"heading": name, "items": _items(rows)} for name, rows in sorted(by_region.items())]
    return _index(
        request,
        title=_("Countries"),
        lead=_("Countries with at least one published practice, by region."),
        groups=groups,
    )
