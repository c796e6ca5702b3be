"""Which line of a page is a section heading, which is page furniture.

Headings come from `source_labels` in practicehub/catalogue/fields.py. They are compared
loosely: case, spacing, punctuation, a trailing colon or asterisk, "(s)" and a leading
"Primary" make no difference. A compound field (geographic scope, organizations) lists the
headings of its parts too; the words of such a heading tell which part it opens.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from practicehub.catalogue.fields import PRACTICE_FIELDS, Kind, PracticeField

# Parts of compound fields, told apart by a word of the heading (first match wins).
SCOPE_LEVEL, SCOPE_COUNTRIES, SCOPE_REGIONS = "level", "countries", "regions"
ORG_MAIN, ORG_PARTNER, ORG_DETAILS = "main", "partner", "details"
_PART_WORDS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.SCOPE: (("countr", SCOPE_COUNTRIES), ("region", SCOPE_REGIONS), ("scope", SCOPE_LEVEL)),
    Kind.ORGANIZATIONS: (
        ("partner", ORG_PARTNER),
        ("donor", ORG_PARTNER),
        ("main", ORG_MAIN),
        ("implement", ORG_MAIN),
        ("detail", ORG_DETAILS),
        ("other", ORG_DETAILS),
    ),
}

# Whole lines that belong to the site around the practice, not to the practice.
_FURNITURE = re.compile(
    r"""^(?:
        skip\ to\ (?:the\ )?(?:main\ )?content
      | (?:gcm\ )?repository\ of\ practices
      | \*?\s*all\ practices\b.*\bguiding\ principles\b.*
      | disclaimer\b.*
      | \*?\s*references\ to\ kosovo\b.*
      | (?:subscribe|sign\ up|register)\b.{0,80}\bnewsletters?\b.*
      | newsletters?(?:\ sign[\ -]?up)?
      | back\ to\ top
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A heading may carry its value on the same line after a colon ("Date submitted: 29 March 2022").
_INLINE_KINDS = frozenset({Kind.DATES, Kind.CHOICE, Kind.SCOPE, Kind.DATE, Kind.ORGANIZATIONS})
_INLINE_MAX = 200


def label_key(text: str) -> str:
    """The form in which headings are compared: letters and digits only, case-folded."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("isation", "ization")
    return "".join(ch for ch in folded if ch.isalnum())


@dataclass(frozen=True)
class LabelMatch:
    field: PracticeField
    part: str | None  # the part of a compound field this heading opens
    inline_value: str = ""


def _part_of(field: PracticeField, label: str) -> str | None:
    key = label_key(label)
    for word, part in _PART_WORDS.get(field.kind, ()):
        if word in key:
            return part
    return None


@cache
def label_index() -> dict[str, LabelMatch]:
    """Every heading variant (as `label_key`) -> the field and part it opens.

    Built from fields.py; a variant claimed by two fields keeps the first (tests check there is none)."""
    index: dict[str, LabelMatch] = {}
    for field in PRACTICE_FIELDS:
        for label in field.source_labels:
            match = LabelMatch(field, _part_of(field, label))
            key = label_key(label)
            for variant in (key, key.removeprefix("primary")):
                if variant:
                    index.setdefault(variant, match)
    return index


def label_collisions() -> list[tuple[str, str, str]]:
    """(heading, field, other field) for headings that two fields both claim."""
    seen: dict[str, str] = {}
    clashes = []
    for field in PRACTICE_FIELDS:
        for label in field.source_labels:
            key = label_key(label)
            for variant in {key, key.removeprefix("primary")} - {""}:
                owner = seen.setdefault(variant, field.name)
                if owner != field.name:
                    clashes.append((label, owner, field.name))
    return clashes


def _lookup(text: str) -> LabelMatch | None:
    key = label_key(text)
    if not key:
        return None
    index = label_index()
    return index.get(key) or (index.get(key.removeprefix("primary")) if key.startswith("primary") else None)


def match_label(line: str) -> LabelMatch | None:
    """The heading this line is, if it is one; a value after a colon comes along."""
    found = _lookup(line)
    if found is not None:
        return found
    head, colon, rest = line.partition(":")
    rest = rest.strip()
    if colon and rest and len(line) <= _INLINE_MAX:
        found = _lookup(head)
        if found is not None and found.field.kind in _INLINE_KINDS:
            return LabelMatch(found.field, found.part, rest)
    return None


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE.match(line))
