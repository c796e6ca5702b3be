"""The fields of a practice, defined once, in the order a published page shows them.

The detail page, the admin, the importer (labels and their variants), and later the submission
form, API, exports and the Word template all read this list, so a field is added in one place.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(StrEnum):
    TITLE = "title"
    OBJECTIVES = "objectives"
    VOCABULARY = "vocabulary"  # many-to-many to a vocabulary table
    CHOICE = "choice"  # one vocabulary value
    DATES = "dates"
    SCOPE = "scope"
    LONG_TEXT = "long_text"
    ORGANIZATIONS = "organizations"
    RESOURCES = "resources"
    DATE = "date"
    LANGUAGE = "language"
    SHORT_TEXT = "short_text"
    EMAIL = "email"


# Kinds whose one attribute is free text, and kinds whose every attribute is a plain value on the
# practice's row (the other kinds are relations, apart from their text_parts).
TEXT_KINDS: frozenset[Kind] = frozenset({Kind.TITLE, Kind.LONG_TEXT, Kind.SHORT_TEXT, Kind.EMAIL})
ROW_KINDS: frozenset[Kind] = TEXT_KINDS | {Kind.DATES, Kind.DATE, Kind.LANGUAGE}


class Group(StrEnum):
    ABOUT = "about"
    CLASSIFICATION = "classification"
    WHEN_WHERE = "when_where"
    DESCRIPTION = "description"
    ORGANIZATIONS = "organizations"
    RESOURCES = "resources"
    CONTACT = "contact"


GROUP_LABELS: dict[Group, Promise] = {
    Group.ABOUT: _("About the practice"),
    Group.CLASSIFICATION: _("GCM objectives, principles and SDGs"),
    Group.WHEN_WHERE: _("Dates, type and geographic scope"),
    Group.DESCRIPTION: _("Description"),
    Group.ORGANIZATIONS: _("Organizations"),
    Group.RESOURCES: _("Additional resources"),
    Group.CONTACT: _("Focal point (not published)"),
}


@dataclass(frozen=True)
class PracticeField:
    name: str
    label: Promise
    kind: Kind
    group: Group
    public: bool = True
    required_for_submission: bool = False
    help_text: Promise | str = ""
    # Model attributes this field covers when it is made of several (dates, scope, organizations).
    model_fields: tuple[str, ...] = ()
    # The list-page filter parameter that a value of this field links to.
    filter_param: str = ""
    translatable: bool = False
    # Headings this field has carried on published pages, for the importer (case and colon ignored).
    source_labels: tuple[str, ...] = field(default_factory=tuple)
    # Of model_fields, those that hold free text people write (the organizations' detailed information).
    text_parts: tuple[str, ...] = ()
    # Whether a list item (the teaser of the list pages) shows this field.
    in_teaser: bool = False

    @property
    def attributes(self) -> tuple[str, ...]:
        return self.model_fields or (self.name,)

    @property
    def text_attributes(self) -> tuple[str, ...]:
        """The attributes of this field that hold free text (a string typed by a person)."""
        return (self.name,) if self.kind in TEXT_KINDS else self.text_parts

    @property
    def row_attributes(self) -> tuple[str, ...]:
        """The attributes stored on the practice's own row as plain values (text, years, flags, dates).

        Vocabulary values, organizations and resources are relations, written and read apart."""
        return self.attributes if self.kind in ROW_KINDS else self.text_parts


PRACTICE_FIELDS: tuple[PracticeField, ...] = (
    PracticeField(
        "title",
        _("Title"),
        Kind.TITLE,
        Group.ABOUT,
        required_for_submission=True,
        translatable=True,
        in_teaser=True,
        help_text=_("Descriptive and concise. Spell out acronyms."),
    ),
    PracticeField(
        "primary_objectives",
        _("Primary GCM Objectives"),
        Kind.OBJECTIVES,
        Group.CLASSIFICATION,
        required_for_submission=True,
        filter_param="objective",
        help_text=_("The GCM objectives the practice mainly implements (at least one)."),
        source_labels=("Primary GCM Objectives", "GCM Objectives"),
        in_teaser=True,
    ),
    PracticeField(
        "secondary_objectives",
        _("Secondary GCM Objectives"),
        Kind.OBJECTIVES,
        Group.CLASSIFICATION,
        filter_param="objective",
        help_text=_("Other objectives the practice also contributes to."),
        source_labels=("Secondary GCM Objectives",),
        in_teaser=True,
    ),
    PracticeField(
        "guiding_principles",
        _("GCM Guiding Principles"),
        Kind.VOCABULARY,
        Group.CLASSIFICATION,
        filter_param="principle",
        help_text=_("The principles this practice particularly exemplifies; every practice upholds all ten."),
        source_labels=("GCM Guiding Principles", "Guiding Principles"),
    ),
    PracticeField(
        "sdgs",
        _("Sustainable Development Goals (SDGs)"),
        Kind.VOCABULARY,
        Group.CLASSIFICATION,
        filter_param="sdg",
        source_labels=("Sustainable Development Goals (SDGs)", "Sustainable Development Goals", "SDGs"),
    ),
    PracticeField(
        "dates",
        _("Dates"),
        Kind.DATES,
        Group.WHEN_WHERE,
        required_for_submission=True,
        model_fields=("start_year", "end_year", "is_ongoing"),
        help_text=_("Start year, and end year or 'ongoing'. Ideally implemented after December 2018."),
        source_labels=("Dates",),
        in_teaser=True,
    ),
    PracticeField(
        "practice_type",
        _("Type of practice"),
        Kind.CHOICE,
        Group.WHEN_WHERE,
        required_for_submission=True,
        filter_param="type",
        source_labels=("Type of practice",),
        in_teaser=True,
    ),
    PracticeField(
        "geographic_scope",
        _("Geographic scope"),
        Kind.SCOPE,
        Group.WHEN_WHERE,
        required_for_submission=True,
        model_fields=("scope_level", "regions", "countries"),
        help_text=_("Global, or the regions, sub-regions and countries where it is implemented."),
        # "Latest content" heads this section in one layout; the others also head its parts.
        source_labels=(
            "Geographic scope",
            "Geographic Scope",
            "Latest content",
            "Country",
            "Countries",
            "Regions",
            "Sub Regions",
        ),
        in_teaser=True,
    ),
    PracticeField(
        "summary",
        _("Summary"),
        Kind.LONG_TEXT,
        Group.DESCRIPTION,
        required_for_submission=True,
        translatable=True,
        help_text=_("What the practice is, who it serves, and how it works."),
        source_labels=("Summary",),
        in_teaser=True,
    ),
    PracticeField(
        "organizations",
        _("Organizations"),
        Kind.ORGANIZATIONS,
        Group.ORGANIZATIONS,
        required_for_submission=True,
        model_fields=("organization_links", "implementer_details"),
        filter_param="organization",
        help_text=_("The main implementing organization is required; add partners and donors."),
        # The section heading in two layouts, then the headings of its parts.
        source_labels=(
            "Organizations",
            "Collaborators",
            "Main Implementing Organization(s)",
            "Main Implementer",
            "Detailed Information",
            "Other Organizations",
            "Partner/Donor Organizations",
            "Partners",
        ),
        text_parts=("implementer_details",),
    ),
    PracticeField(
        "benefit_and_impact",
        _("Benefit and Impact"),
        Kind.LONG_TEXT,
        Group.DESCRIPTION,
        translatable=True,
        help_text=_("Results so far, with evidence where there is some."),
        source_labels=("Benefit and Impact", "Benefits and Impact"),
    ),
    PracticeField(
        "key_lessons",
        _("Key Lessons"),
        Kind.LONG_TEXT,
        Group.DESCRIPTION,
        translatable=True,
        help_text=_("What worked, what did not, and why."),
        source_labels=("Key Lessons", "Lessons Learned"),
    ),
    PracticeField(
        "recommendations",
        _("Recommendations (if the practice is to be replicated)"),
        Kind.LONG_TEXT,
        Group.DESCRIPTION,
        translatable=True,
        help_text=_("Advice for anyone who wants to replicate the practice."),
        source_labels=("Recommendations (if the practice is to be replicated)", "Recommendations"),
    ),
    PracticeField(
        "innovation",
        _("Innovation"),
        Kind.LONG_TEXT,
        Group.DESCRIPTION,
        translatable=True,
        help_text=_("What is new about this practice."),
        source_labels=("Innovation",),
    ),
    PracticeField(
        "resources",
        _("Additional Resources"),
        Kind.RESOURCES,
        Group.RESOURCES,
        model_fields=("links", "documents"),
        help_text=_("Links and documents (reports, evaluations)."),
        source_labels=("Additional Resources",),
    ),
    PracticeField(
        "submitted_on",
        _("Date submitted"),
        Kind.DATE,
        Group.ABOUT,
        source_labels=("Date submitted", "Date of submission"),
    ),
    PracticeField(
        "original_language",
        _("Language of the original text"),
        Kind.LANGUAGE,
        Group.ABOUT,
        filter_param="language",
        in_teaser=True,
    ),
    PracticeField(
        "focal_point_name",
        _("Focal point name"),
        Kind.SHORT_TEXT,
        Group.CONTACT,
        public=False,
        required_for_submission=True,
        help_text=_("A person at the main implementing organization who can answer questions."),
    ),
    PracticeField(
        "focal_point_email",
        _("Focal point email"),
        Kind.EMAIL,
        Group.CONTACT,
        public=False,
        required_for_submission=True,
    ),
)

FIELDS_BY_NAME: dict[str, PracticeField] = {f.name: f for f in PRACTICE_FIELDS}
PUBLIC_FIELDS: tuple[PracticeField, ...] = tuple(f for f in PRACTICE_FIELDS if f.public)
PRIVATE_FIELDS: tuple[PracticeField, ...] = tuple(f for f in PRACTICE_FIELDS if not f.public)
TRANSLATABLE_FIELDS: tuple[str, ...] = (
    *(f.name for f in PRACTICE_FIELDS if f.translatable),
    "implementer_details",
)
LONG_TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in PRACTICE_FIELDS if f.kind == Kind.LONG_TEXT)
# Fields that are never shown publicly, in any page, API, feed or export.
PRIVATE_MODEL_FIELDS: frozenset[str] = frozenset(
    {"focal_point_name", "focal_point_email", "submitter", "submitter_id"}
)

# The free texts written about a practice: the long texts and the organizations' detailed information.
NARRATIVE_TEXT_FIELDS: tuple[str, ...] = tuple(
    name for f in PRACTICE_FIELDS for name in ((f.name,) if f.kind == Kind.LONG_TEXT else f.text_parts)
)
# Every free-text attribute (title, narrative texts, focal point), in page order.
TEXT_ATTRIBUTES: tuple[str, ...] = tuple(name for f in PRACTICE_FIELDS for name in f.text_attributes)
# The plain values on a practice's own row, copied as they are between the model and PracticeValues.
ROW_ATTRIBUTES: tuple[str, ...] = tuple(name for f in PRACTICE_FIELDS for name in f.row_attributes)
PUBLIC_ROW_ATTRIBUTES: tuple[str, ...] = tuple(name for f in PUBLIC_FIELDS for name in f.row_attributes)
# The free texts a list item does not show (most of a row's size): left unread on list pages.
TEASER_SKIPPED_TEXTS: tuple[str, ...] = tuple(
    name for f in PRACTICE_FIELDS if not f.in_teaser for name in f.text_attributes
)
