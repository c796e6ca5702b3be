"""What the page shows of each similar practice: the row (re-read as published) and why it is listed."""

from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practicehub.catalogue.models import Practice, PracticeStatus

from ..facet_index import FacetIndex
from .compute import LIMIT, Match, similar_matches


@dataclass
class SimilarPractice:
    practice: Practice
    objectives: list[str]
    reason: str
    words: list[str]


def _label(index: FacetIndex, facet: str, key: str) -> str:
    return str(index.labels.get(facet, {}).get(key, key))


def match_reason(match: Match, index: FacetIndex) -> str:
    """What a similar practice shares, as a sentence: "Shares objectives 19 and 23 and Azerbaijan."."""
    parts: list[str] = []
    if match.objectives:
        numbers = get_text_list([str(n) for n in match.objectives], _("and"))
        parts.append(
            ngettext("objective %(numbers)s", "objectives %(numbers)s", len(match.objectives))
            % {"numbers": numbers}
        )
    if match.countries:
        names = [_label(index, "country", iso3) for iso3 in match.countries]
        shown = names[:3]
        if len(names) > 3:
            more = len(names) - 3
            shown.append(
                ngettext("%(count)d other country", "%(count)d other countries", more) % {"count": more}
            )
        parts.extend(shown)
    elif match.area:
        parts.append(_label(index, *match.area))
    if not parts:
        return ""
    return _("Shares %(things)s.") % {"things": get_text_list(parts, _("and"))}


def similar_practices(practice: Practice, *, limit: int = LIMIT) -> list[SimilarPractice]:
    """Up to ``limit`` published practices like this one, best first, each with why."""
    matches, index = similar_matches(practice)
    if not matches or index is None:
        return []
    ids = [m.practice_id for m in matches]
    rows = (
        Practice.objects.filter(pk__in=ids, status=PracticeStatus.PUBLISHED)
        .exclude(pk=practice.pk)
        .only("id", "slug", "title", "original_language", "status", "is_sample")
    )
    by_id = {row.pk: row for row in rows}
    shown = []
    for match in matches:
        row = by_id.get(match.practice_id)
        if row is None:
            continue
        shown.append(
            SimilarPractice(
                practice=row,
                objectives=[_label(index, "objective", str(n)) for n in match.own_objectives],
                reason=match_reason(match, index),
                words=list(match.words),
            )
        )
        if len(shown) == limit:
            break
    return shown
