"""Public pages of the catalogue. Thin: read through selectors, render."""

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .selectors import ActiveFilter, FilterSpec


def _paginate(request: HttpRequest, practices: Any) -> Page:
    return Paginator(practices, settings.PRACTICES_PER_PAGE).get_page(request.GET.get("page"))


def _without(params: QueryDict, filters: list[ActiveFilter], removed: ActiveFilter) -> str:
    """The query string with one filter value taken out: other parameters (but the page number) are
    kept, and the remaining filters are written with their canonical keys."""
    remaining = QueryDict(mutable=True)
    for name, values in params.lists():
        if name != "page" and name not in selectors.FILTERS_BY_PARAM:
            remaining.setlist(name, values)
    for active in filters:
        if active is not removed:
            remaining.appendlist(active.param, active.key)
    encoded = remaining.urlencode()
    return f"?{encoded}" if encoded else "?"


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalogue/home.html",
        {
            "practice_count": selectors.practice_count(),
            "objectives": selectors.objectives_with_counts(),
            "latest": selectors.practice_latest(limit=6),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/about.html")


def practice_list(request: HttpRequest) -> HttpResponse:
    result = selectors.practice_list(request.GET)
    filters = [
        {"filter": f, "remove_query": _without(request.GET, result.filters, f)} for f in result.filters
    ]
    if len(result.filters) == 1:
        heading = result.filters[0].heading
    elif result.filters:
        heading = _("Practices matching %(count)d filters") % {"count": len(result.filters)}
    else:
        heading = _("Practices")
    return render(
        request,
        "catalogue/practice_list.html",
        {
            "page_obj": _paginate(request, result.practices),
            "heading": heading,
            "active_filters": filters,
            "clear_url": reverse("catalogue:practice_list") if result.filters else "",
        },
    )


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    can_preview = bool(getattr(request.user, "can_edit_repository", False))
    practice = selectors.practice_get(slug=slug, include_unpublished=can_preview)
    if practice is None:
        raise Http404(_("No published practice has this address."))
    return render(request, "catalogue/practice_detail.html", {"practice": practice})


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
    spec: FilterSpec = selectors.FILTERS_BY_PARAM[param]
    value = spec.resolve(raw)
    if value is None:
        raise Http404(_("Unknown value."))
    active = ActiveFilter(spec, value)
    practices = selectors.practices_for_listing(
        selectors.filters_apply(selectors.published_practices(), [active])
    )
    return render(
        request,
        "catalogue/practice_list.html",
        {
            "page_obj": _paginate(request, practices),
            "heading": heading(value) if callable(heading) else heading,
            "lead": lead(value) if callable(lead) else lead,
            "browse_value": value,
            "index_url": index_url,
            "index_label": index_label,
            "all_with_filter_url": f"{reverse('catalogue:practice_list')}?{spec.param}={active.key}",
        },
    )


def objective_browse(request: HttpRequest, number: int) -> HttpResponse:
    return _browse(
        request,
        param="objective",
        raw=str(number),
        heading=lambda o: _("Objective %(objective)s") % {"objective": o},
        lead=lambda o: o.title,
        index_url=reverse("catalogue:objective_index"),
        index_label=_("All GCM objectives"),
    )


def principle_browse(request: HttpRequest, key: str) -> HttpResponse:
    return _browse(
        request,
        param="principle",
        raw=key,
        heading=lambda p: _("Guiding principle: %(principle)s") % {"principle": p},
        lead=lambda p: p.summary,
        index_url=reverse("catalogue:principle_index"),
        index_label=_("All guiding principles"),
    )


def sdg_browse(request: HttpRequest, number: int) -> HttpResponse:
    return _browse(
        request,
        param="sdg",
        raw=str(number),
        heading=str,
        lead=lambda s: s.title,
        index_url=reverse("catalogue:sdg_index"),
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
        heading=lambda r: _("Practices in %(region)s") % {"region": r},
        lead=lead,
        index_url=reverse("catalogue:region_index"),
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
        heading=lambda c: _("Practices in %(country)s") % {"country": c},
        lead=lead,
        index_url=reverse("catalogue:country_index"),
        index_label=_("All countries"),
    )


# Index pages: every value of a vocabulary with the number of published practices.


def _index(request: HttpRequest, *, title: Any, lead: Any, groups: list[dict[str, Any]]) -> HttpResponse:
    return render(request, "catalogue/browse_index.html", {"title": title, "lead": lead, "groups": groups})


def _items(rows: Any, url_name: str, key: Any, description: Any = None) -> list[dict[str, Any]]:
    return [
        {
            "text": str(row),
            "url": reverse(url_name, args=[key(row)]),
            "count": row.practice_count,
            "description": description(row) if description else "",
        }
        for row in rows
    ]


def objective_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.objectives_with_counts()
    return _index(
        request,
        title=_("The 23 GCM objectives"),
        lead=_("Published practices on each objective of the Global Compact for Migration."),
        groups=[{"items": _items(rows, "catalogue:objective_browse", lambda o: o.number, lambda o: o.title)}],
    )


def principle_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.vocabulary_with_counts("principle")
    return _index(
        request,
        title=_("The 10 GCM guiding principles"),
        lead=_(
            "Every practice upholds all ten principles; these pages list the practices that "
            "particularly exemplify each one."
        ),
        groups=[{"items": _items(rows, "catalogue:principle_browse", lambda p: p.key, lambda p: p.summary)}],
    )


def sdg_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.vocabulary_with_counts("sdg")
    return _index(
        request,
        title=_("Sustainable Development Goals"),
        lead=_("Published practices contributing to each of the 17 Sustainable Development Goals."),
        groups=[{"items": _items(rows, "catalogue:sdg_browse", lambda s: s.number, lambda s: s.title)}],
    )


def region_index(request: HttpRequest) -> HttpResponse:
    groups = [
        {
            "heading": str(region),
            "items": _items([region, *subregions], "catalogue:region_browse", lambda r: r.key),
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
    by_region: dict[str, list[Any]] = {}
    for country in selectors.countries_with_counts():
        by_region.setdefault(str(country.region or _("Other")), []).append(country)
    groups = [
        {"heading": name, "items": _items(rows, "catalogue:country_browse", lambda c: c.iso3)}
        for name, rows in sorted(by_region.items())
    ]
    return _index(
        request,
        title=_("Countries"),
        lead=_("Countries with at least one published practice, by region."),
        groups=groups,
    )
