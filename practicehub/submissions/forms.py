"""The submission form, built from the field definition in practicehub/catalogue/fields.py.

Each kind of field gives one or more form fields named after the Practice attributes it covers
(``dates`` gives start_year, end_year and is_ongoing). Organizations and links are formsets.

Two levels of checking:
- a draft (``strict=False``) only refuses values in the wrong format, so it can be saved at any moment;
- a submission (``strict=True``) also needs every field marked ``required_for_submission`` and the
  two confirmations.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any, cast

from django import forms
from django.conf import settings
from django.forms import BaseFormSet, formset_factory
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.fields import GROUP_LABELS, PRACTICE_FIELDS, Group, Kind, PracticeField
from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    OrganizationRole,
    OrganizationType,
    PracticeType,
    Region,
    ScopeLevel,
)
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues
from practicehub.core.forms import XmlTextInput

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_ORGANIZATIONS, MAX_LINKS = 40, 40
LONG_TEXT_MAX = 30000
ORGANIZATIONS_PREFIX, LINKS_PREFIX = "organizations", "links"

# The form field that carries the errors of a composite practice field (and that the error summary links to).
ANCHORS: dict[Kind, str] = {Kind.DATES: "start_year", Kind.SCOPE: "scope_level"}

CONFIRMATIONS: dict[str, Promise] = {
    "confirm_principles": _(
        "I confirm that the practice upholds the ten guiding principles of the Global Compact for Migration."
    ),
    "confirm_focal_point": _(
        "I am the focal point of the main implementing organization, or I have the focal point's consent "
        "to submit this practice."
    ),
}

# What the repository looks for in a practice, shown on the form and in the Word template.
CHECKLIST: tuple[Promise, ...] = (
    _("The practice relates to one or more of the 23 objectives of the Global Compact for Migration (GCM)."),
    _("It upholds the ten guiding principles of the Global Compact."),
    _("It was ideally implemented after December 2018, when the Global Compact was adopted."),
    _("It is fully or mostly completed (you can propose updates later)."),
    _("It is innovative and can be replicated elsewhere."),
    _("Its title is descriptive and concise, and every acronym is spelled out."),
    _("The focal point of the main implementing organization agrees to the submission."),
)


# Choices, read from the vocabularies when a form is built --------------------------------------


def objective_choices() -> list[tuple[str, str]]:
    return [(str(o.number), str(o)) for o in Objective.objects.order_by("number")]


def principle_choices() -> list[tuple[str, str]]:
    return [(p.key, p.name) for p in GuidingPrinciple.objects.order_by("position", "name")]


def sdg_choices() -> list[tuple[str, str]]:
    return [(str(s.number), str(s)) for s in SDG.objects.order_by("number")]


def practice_type_choices(current: str = "") -> list[tuple[str, str]]:
    rows = PracticeType.objects.order_by("position", "name")
    return [(t.key, t.name) for t in rows if t.is_active or t.key == current]


def scope_choices() -> list[tuple[str, str]]:
    return [(s.key, s.name) for s in ScopeLevel.objects.order_by("position")]


def region_choices() -> list[tuple[str, Any]]:
    """Regions, each followed by its sub-regions."""
    rows = list(Region.objects.order_by("name"))
    choices: list[tuple[str, Any]] = []
    for region in (r for r in rows if r.parent_id is None):
        choices.append((region.key, region.name))
        choices += [(sub.key, f"{region.name}: {sub.name}") for sub in rows if sub.parent_id == region.pk]
    return choices


def country_choices() -> list[tuple[Any, Any]]:
    """Countries grouped by region (rendered as labelled groups of checkboxes)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for country in Country.objects.select_related("region").order_by("name"):
        groups.setdefault(country.region.name if country.region else str(_("Other")), []).append(
            (country.iso3, country.name)
        )
    return [(name, rows) for name, rows in sorted(groups.items())]


def flat_choices(choices: list[tuple[Any, Any]]) -> list[tuple[str, str]]:
    flat: list[tuple[str, str]] = []
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat += [(str(k), str(v)) for k, v in label]
        else:
            flat.append((str(key), str(label)))
    return flat


def org_type_choices() -> list[tuple[str, str]]:
    return [("", "---------")] + [(t.key, t.name) for t in OrganizationType.objects.order_by("position")]


def country_select_choices() -> list[tuple[str, str]]:
    return [("", "---------")] + [(c.iso3, c.name) for c in Country.objects.order_by("name")]


def language_choices(current: str = "") -> list[tuple[str, str]]:
    choices = [(code, str(name)) for code, name in settings.LANGUAGES]
    if current and current not in dict(choices):
        choices.append((current, current))
    return choices


# Form fields for each kind ------------------------------------------------------------------------


def _multiple(choices: list[tuple[Any, Any]], coerce: Callable[[str], Any] = str) -> forms.Field:
    return forms.TypedMultipleChoiceField(
        choices=choices, coerce=coerce, required=False, widget=forms.CheckboxSelectMultiple
    )


def _title(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    return {pf.name: forms.CharField(max_length=500, required=False, strip=True)}


def _objectives(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    return {pf.name: _multiple(objective_choices(), int)}


def _vocabulary(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    if pf.name == "sdgs":
        return {pf.name: _multiple(sdg_choices(), int)}
    return {pf.name: _multiple(principle_choices())}


def _choice(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    key = getattr(current, pf.name, "") if current else ""
    return {
        pf.name: forms.ChoiceField(
            choices=practice_type_choices(key), required=False, widget=forms.RadioSelect
        )
    }


def _dates(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    def year(label: Any) -> forms.IntegerField:
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=MIN_YEAR,
            max_value=MAX_YEAR,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 6}),
        )

    return {
        "start_year": year(_("Start year")),
        "end_year": year(_("End year")),
        "is_ongoing": forms.BooleanField(label=cast(Any, _("The practice is ongoing")), required=False),
    }


def _scope(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    regions = _multiple(region_choices())
    regions.label = _("Regions and sub-regions")
    countries = _multiple(country_choices())
    countries.label = _("Countries")
    # Long lists scroll in a box of their own.
    regions.long_list = countries.long_list = True  # type: ignore[attr-defined]
    return {
        "scope_level": forms.ChoiceField(
            label=_("Scope"), choices=scope_choices(), required=False, widget=forms.RadioSelect
        ),
        "regions": regions,
        "countries": countries,
    }


def _long_text(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    return {
        pf.name: forms.CharField(
            required=False, max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
        )
    }


def _organizations(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    return {
        "implementer_details": forms.CharField(
            label=_("Detailed information (for example the unit that runs the practice)"),
            required=False,
            max_length=LONG_TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
    }


def _language(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    code = getattr(current, pf.name, "") if current else ""
    return {pf.name: forms.ChoiceField(choices=language_choices(code), required=False)}


def _short_text(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    return {pf.name: forms.CharField(max_length=200, required=False)}


def _email(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    return {pf.name: forms.EmailField(max_length=254, required=False)}


def _none(pf: PracticeField, current: PracticeValues | None) -> dict[str, forms.Field]:
    return {}


# RESOURCES are the links formset and the documents; DATE (date submitted) is set on submission.
FIELD_BUILDERS: dict[Kind, Callable[[PracticeField, PracticeValues | None], dict[str, forms.Field]]] = {
    Kind.TITLE: _title,
    Kind.OBJECTIVES: _objectives,
    Kind.VOCABULARY: _vocabulary,
    Kind.CHOICE: _choice,
    Kind.DATES: _dates,
    Kind.SCOPE: _scope,
    Kind.LONG_TEXT: _long_text,
    Kind.ORGANIZATIONS: _organizations,
    Kind.RESOURCES: _none,
    Kind.DATE: _none,
    Kind.LANGUAGE: _language,
    Kind.SHORT_TEXT: _short_text,
    Kind.EMAIL: _email,
}


def _missing_message(pf: PracticeField) -> Promise | str:
    if pf.kind == Kind.DATES:
        return _("Give the start year, and the end year or tick “ongoing”.")
    if pf.kind == Kind.SCOPE:
        return _("Choose the geographic scope and, unless it is global, the regions or countries.")
    if pf.kind == Kind.OBJECTIVES:
        return _("Choose at least one objective.")
    return _("This is required before you submit.")


def _is_filled(pf: PracticeField, data: Mapping[str, Any]) -> bool:
    if pf.kind == Kind.DATES:
        return data.get("start_year") is not None and (
            bool(data.get("is_ongoing")) or data.get("end_year") is not None
        )
    if pf.kind == Kind.SCOPE:
        level = data.get("scope_level")
        return bool(level) and (level == "global" or bool(data.get("regions")) or bool(data.get("countries")))
    value = data.get(pf.name)
    return bool(value.strip()) if isinstance(value, str) else bool(value)


class PracticeForm(XmlTextInput, forms.Form):
    """Every editable field of a practice (organizations and links are the formsets below)."""

    def __init__(
        self,
        *args: Any,
        strict: bool = False,
        current: PracticeValues | None = None,
        call_choices: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.strict = strict
        for pf in PRACTICE_FIELDS:
            for name, form_field in FIELD_BUILDERS[pf.kind](pf, current).items():
                if form_field.label is None:
                    form_field.label = cast(Any, pf.label)
                self.fields[name] = form_field
        if call_choices is not None:
            self.fields["call"] = forms.ChoiceField(
                label=_("Call for practices"),
                choices=[("", _("None: the practice does not answer a call")), *call_choices],
                required=False,
                help_text=_("If the practice answers a call for practices, choose the call."),
            )
        for name, text in CONFIRMATIONS.items():
            self.fields[name] = forms.BooleanField(label=cast(Any, text), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start is not None and end is not None and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        if data.get("is_ongoing") and end is not None:
            self.add_error(
                "end_year", _("Leave the end year empty for an ongoing practice, or untick “ongoing”.")
            )
        if self.strict:
            for pf in PRACTICE_FIELDS:
                # The organizations formset checks the main implementer itself.
                if not pf.required_for_submission or pf.kind in (
                    Kind.ORGANIZATIONS,
                    Kind.RESOURCES,
                    Kind.DATE,
                ):
                    continue
                anchor = ANCHORS.get(pf.kind, pf.name)
                if anchor in self.fields and not self.has_error(anchor) and not _is_filled(pf, data):
                    self.add_error(anchor, str(_missing_message(pf)))
            for name in CONFIRMATIONS:
                if not data.get(name):
                    self.add_error(name, _("Tick this box to submit."))
        return data


# Organizations and links --------------------------------------------------------------------------


class OrganizationForm(XmlTextInput, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=400, required=False)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=OrganizationRole.choices, initial=OrganizationRole.MAIN, required=False
    )
    org_type = forms.ChoiceField(label=_("Type of organization"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["org_type"]).choices = org_type_choices()
        cast(forms.ChoiceField, self.fields["country"]).choices = country_select_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        described = any(data.get(k) for k in ("acronym", "org_type", "country"))
        if described and not (data.get("name") or "").strip() and not self.has_error("name"):
            self.add_error("name", _("Give the organization's name, or remove this row."))
        return data

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("name") or "").strip()


def kept_forms(formset: BaseFormSet) -> list[Any]:
    """The valid rows that are neither blank nor marked for removal."""
    return [
        f
        for f in formset.forms
        if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE") and not f.is_blank
    ]


class BaseRowFormSet(BaseFormSet):
    """Rows that can be removed with a "Remove" box; blank rows are ignored."""

    strict = False

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


class BaseOrganizationFormSet(BaseRowFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        kept = kept_forms(self)
        if self.strict and not any(f.cleaned_data.get("role") == OrganizationRole.MAIN for f in kept):
            raise forms.ValidationError(_("Name the main implementing organization."), code="main_missing")


class LinkForm(XmlTextInput, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    url = forms.URLField(label=_("Address (URL)"), max_length=1000, required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("title") or "").strip() and not data.get("url") and not self.has_error("url"):
            self.add_error("url", _("Give the address of this link, or remove this row."))
        return data

    @property
    def is_blank(self) -> bool:
        return not self.cleaned_data.get("url")


OrganizationFormSet = formset_factory(
    OrganizationForm,
    formset=BaseOrganizationFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_ORGANIZATIONS,
    validate_max=True,
    absolute_max=MAX_ORGANIZATIONS,
)
LinkFormSet = formset_factory(
    LinkForm,
    formset=BaseRowFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_LINKS,
    validate_max=True,
    absolute_max=MAX_LINKS,
)


class DocumentUploadForm(XmlTextInput, forms.Form):
    """One supporting document sent with the form; checked by uploads.check_document in the view."""

    document_title = forms.CharField(label=_("Title of the document"), max_length=300, required=False)
    document_file = forms.FileField(label=_("File"), required=False)


# Between values and forms ---------------------------------------------------------------------------


_VALUE_NAMES = frozenset(f.name for f in dataclass_fields(PracticeValues))


def form_attributes() -> tuple[str, ...]:
    """The values the form edits itself, in the order of the field definition.

    The attributes of every field that has form fields, that PracticeValues holds as they are
    (organizations and links are the formsets; resources and the date submitted are not on the form)."""
    return tuple(
        name
        for pf in PRACTICE_FIELDS
        if FIELD_BUILDERS[pf.kind] is not _none
        for name in pf.attributes
        if name in _VALUE_NAMES
    )


def initial_from_values(values: PracticeValues) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name in form_attributes():
        value = getattr(values, name)
        # Choices are strings: vocabulary numbers (objectives, SDGs) are shown as such.
        initial[name] = [str(v) for v in value] if isinstance(value, list) else value
    return initial


def organizations_initial(values: PracticeValues) -> list[dict[str, Any]]:
    return [
        {"name": o.name, "acronym": o.acronym, "role": o.role, "org_type": o.org_type, "country": o.country}
        for o in values.organizations
    ]


def links_initial(values: PracticeValues) -> list[dict[str, Any]]:
    return [{"title": link.title, "url": link.url} for link in values.links]


def values_from_forms(
    form: PracticeForm, organizations: BaseFormSet, links: BaseFormSet, *, base: PracticeValues
) -> PracticeValues:
    """The base values with everything the (valid) forms hold written over them."""
    data = form.cleaned_data
    values = PracticeValues(**{**base.__dict__})
    for name in form_attributes():
        # What each value is follows from its form field: lists of choices, years, a flag, or text.
        form_field = form.fields[name]
        value = data.get(name)
        if isinstance(form_field, forms.MultipleChoiceField):
            value = list(dict.fromkeys(value or []))
        elif isinstance(form_field, forms.BooleanField):
            value = bool(value)
        elif not isinstance(form_field, forms.IntegerField):
            value = (value or "").strip()
        setattr(values, name, value)
    values.original_language = data.get("original_language") or base.original_language or "en"
    values.organizations = [
        OrganizationValue(
            name=" ".join(f.cleaned_data["name"].split()),
            role=f.cleaned_data.get("role") or OrganizationRole.MAIN,
            acronym=(f.cleaned_data.get("acronym") or "").strip(),
            org_type=f.cleaned_data.get("org_type") or "",
            country=f.cleaned_data.get("country") or "",
        )
        for f in kept_forms(organizations)
    ]
    values.links = [
        LinkValue(
            title=(f.cleaned_data.get("title") or "").strip() or f.cleaned_data["url"],
            url=f.cleaned_data["url"],
        )
        for f in kept_forms(links)
    ]
    return values


def management_data(prefix: str, total: int, initial: int = 0) -> dict[str, list[str]]:
    return {
        f"{prefix}-TOTAL_FORMS": [str(total)],
        f"{prefix}-INITIAL_FORMS": [str(initial)],
        f"{prefix}-MIN_NUM_FORMS": ["0"],
        f"{prefix}-MAX_NUM_FORMS": ["1000"],
    }


# Layout for the template: groups in page order, one block per field of the definition ---------------


@dataclass
class FieldBlock:
    field: PracticeField
    bound: list[forms.BoundField]
    required: bool
    anchor: str
    formset: Any = None

    @property
    def kind(self) -> str:
        return str(self.field.kind)

    @property
    def repeats_group(self) -> bool:
        """The field's label says what its group's heading already says (kept for screen readers)."""
        return str(self.field.label).casefold() == str(GROUP_LABELS[self.field.group]).casefold()

    @property
    def single(self) -> forms.BoundField | None:
        """The one input of a simple field (label it directly); None for groups of inputs."""
        if len(self.bound) == 1 and not self.bound[0].field.widget.use_fieldset and self.formset is None:
            return self.bound[0]
        return None


@dataclass
class GroupBlock:
    group: Group
    label: Promise
    blocks: list[FieldBlock] = field(default_factory=list)


def _describe(bound: forms.BoundField, help_id: str) -> None:
    ids = [help_id] if help_id else []
    if bound.errors:
        ids.append(f"{bound.auto_id}-errors")
        bound.field.widget.attrs["aria-invalid"] = "true"
    if ids:
        bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


def form_layout(form: PracticeForm, formsets: Mapping[Kind, Any]) -> list[GroupBlock]:
    """Call after validation: sets aria attributes that point to help texts and errors."""
    groups: dict[Group, GroupBlock] = {}
    for pf in PRACTICE_FIELDS:
        group = groups.setdefault(pf.group, GroupBlock(pf.group, GROUP_LABELS[pf.group]))
        names = list(FIELD_BUILDERS[pf.kind](pf, None)) if pf.kind not in (Kind.RESOURCES, Kind.DATE) else []
        bound = [form[name] for name in names if name in form.fields]
        help_id = f"help-{pf.name}" if pf.help_text else ""
        for item in bound:
            _describe(item, help_id)
        anchor = ANCHORS.get(pf.kind, pf.name)
        anchor_id = form[anchor].auto_id if anchor in form.fields else f"field-{pf.name}"
        group.blocks.append(
            FieldBlock(pf, bound, pf.required_for_submission, anchor_id, formsets.get(pf.kind))
        )
    return list(groups.values())


def error_summary(form: PracticeForm, formsets: Mapping[Kind, Any]) -> list[tuple[str, str, str]]:
    """(label, message, anchor id) for every error, for the list at the top of the page."""
    summary: list[tuple[str, str, str]] = []
    order = {name: index for index, name in enumerate(form.fields)}
    for name, errors in sorted(form.errors.items(), key=lambda item: order.get(item[0], -1)):
        if name == "__all__":
            summary += [("", str(e), "") for e in errors]
            continue
        bound = form[name]
        summary += [(str(bound.label), str(e), bound.auto_id or "") for e in errors]
    for kind, formset in formsets.items():
        label = next(str(pf.label) for pf in PRACTICE_FIELDS if pf.kind == kind)
        for error in formset.non_form_errors():
            summary.append((label, str(error), f"field-{kind}"))
        for index, sub in enumerate(formset.forms):
            for name, errors in sub.errors.items():
                target = sub[name].auto_id if name in sub.fields else f"field-{kind}"
                row = _("row %(number)s") % {"number": index + 1}
                summary += [(f"{label} ({row})", str(e), target or "") for e in errors]
    return summary
