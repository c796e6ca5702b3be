"""Every controlled vocabulary, its values with their labels and published-practice counts.

Values, their order and labels come from the facet registry (search/facets.py), the counts from
the list page's selector with nothing selected, so they match the list page's sidebar."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router
from ninja.errors import HttpError

from practicehub.catalogue.models import SDG, Country, GuidingPrinciple, Objective, Region
from practicehub.search.facets import FACETS_BY_NAME
from practicehub.search.listing import practice_search
from practicehub.search.params import Selection

from ..schemas import ErrorOut, VocabularyOut, VocabularySummaryOut

router = Router(tags=["vocabularies"])

Extra = Callable[[], dict[str, tuple[str, str | None]]]  # key -> (description, parent key)


def _objectives() -> dict[str, tuple[str, str | None]]:
    return {str(o.number): (o.title, None) for o in Objective.objects.all()}


def _principles() -> dict[str, tuple[str, str | None]]:
    return {p.key: (p.summary, None) for p in GuidingPrinciple.objects.all()}


def _sdgs() -> dict[str, tuple[str, str | None]]:
    return {str(s.number): (s.title, None) for s in SDG.objects.all()}


def _regions() -> dict[str, tuple[str, str | None]]:
    return {r.key: ("", r.parent.key if r.parent else None) for r in Region.objects.select_related("parent")}


def _countries() -> dict[str, tuple[str, str | None]]:
    found: dict[str, tuple[str, str | None]] = {}
    for country in Country.objects.select_related("region", "subregion"):
        parent = country.subregion or country.region
        found[country.iso3] = ("", parent.key if parent else None)
    return found


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: Promise
    # The facets whose values make up the vocabulary; the first one's parameter filters on it.
    facets: tuple[str, ...]
    extra: Extra | None = None


VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary("objectives", gettext_lazy("GCM objectives"), ("objective",), _objectives),
    Vocabulary("guiding-principles", gettext_lazy("GCM guiding principles"), ("principle",), _principles),
    Vocabulary("sdgs", gettext_lazy("Sustainable Development Goals"), ("sdg",), _sdgs),
    Vocabulary("practice-types", gettext_lazy("Types of practice"), ("type",)),
    Vocabulary("scope-levels", gettext_lazy("Geographic scope levels"), ("scope",)),
    Vocabulary("regions", gettext_lazy("Regions and sub-regions"), ("region", "subregion"), _regions),
    Vocabulary("countries", gettext_lazy("Countries"), ("country",), _countries),
    Vocabulary("organization-types", gettext_lazy("Organization types"), ("org_type",)),
    Vocabulary("languages", gettext_lazy("Languages of the original text"), ("language",)),
)
VOCABULARIES_BY_NAME = {v.name: v for v in VOCABULARIES}


def _url(request: HttpRequest, url_name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(f"api:{url_name}", kwargs=kwargs or None))


def _summary(request: HttpRequest, vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "name": vocabulary.name,
        "label": str(vocabulary.label),
        "param": FACETS_BY_NAME[vocabulary.facets[0]].param,
        "url": _url(request, "vocabulary_detail", name=vocabulary.name),
    }


@router.get(
    "/vocabularies",
    response={200: list[VocabularySummaryOut], 400: ErrorOut, 429: ErrorOut},
    url_name="vocabulary_list",
    summary="The controlled vocabularies",
)
def vocabulary_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(request, v) for v in VOCABULARIES]


@router.get(
    "/vocabularies/{name}",
    response={200: VocabularyOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    url_name="vocabulary_detail",
    summary="Every value of one vocabulary, with its published-practice count",
)
def vocabulary_detail(request: HttpRequest, name: str) -> dict[str, Any]:
    vocabulary = VOCABULARIES_BY_NAME.get(name)
    if vocabulary is None:
        raise HttpError(
            404,
            _("No vocabulary is called %(name)r; there are %(names)s.")
            % {"name": name[:100], "names": ", ".join(VOCABULARIES_BY_NAME)},
        )
    counts = practice_search(Selection()).search.facets_by_name
    extra = vocabulary.extra() if vocabulary.extra else {}
    practices = _url(request, "practice_list")
    values = []
    for facet_name in vocabulary.facets:
        facet = FACETS_BY_NAME[facet_name]
        found = counts[facet_name]
        for key, label in facet.values():
            description, parent = extra.get(key, ("", None))
            values.append(
                {
                    "key": key,
                    "label": str(label),
                    "description": description,
                    "parent": parent,
                    "practice_count": found.counts.get(key, 0),
                    "practices_url": f"{practices}?{urlencode({facet.param: key})}",
                }
            )
    return {**_summary(request, vocabulary), "values": values}
