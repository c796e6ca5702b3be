"""What the form pages share: the thing being edited, building the forms, rate limits, rendering."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from practicehub.accounts.roles import forbidden
from practicehub.catalogue.fields import Kind
from practicehub.catalogue.models import Practice
from practicehub.catalogue.services import PracticeValues
from practicehub.core.ratelimit import (
    configured_rate,
    key_user_or_ip,
    rate_limit,
    seconds_left,
    too_many_requests,
)
from practicehub.core.xmltext import xml_text

from .. import forms as sf
from .. import selectors
from ..docx import max_template_bytes
from ..models import PracticeRevision
from ..uploads import ACCEPTED_EXTENSIONS, accepted_list, max_document_bytes, max_documents_per_practice
from ..values import snapshot_from_json, values_from_practice

# The setting of each allowance, (requests, seconds) from the environment (config/settings/base.py).
RATES: dict[str, str] = {
    "submission": "PRACTICEHUB_SUBMISSION_RATE",
    "submission-save": "PRACTICEHUB_SUBMISSION_SAVE_RATE",
    "submission-create": "PRACTICEHUB_SUBMISSION_CREATE_RATE",
}
MAX_MORE_ROWS = 20
IGNORED_KEYS = frozenset(
    {"csrfmiddlewaretoken", "action", "remove_document", "document_title", "document_file"}
)


def limited(request: HttpRequest, scope: str) -> HttpResponse | None:
    """The 429 page once this user (or address) used up the allowance of `scope`; None otherwise."""
    limit, period = configured_rate(RATES[scope])
    if rate_limit(f"{scope}:{key_user_or_ip(request)}", limit=limit, period_seconds=period):
        return None
    return too_many_requests(request, retry_after_seconds=seconds_left(period))


def contributor_refusal(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.can_start_submission(request.user):
        return forbidden(request, role="contributor")
    return None


@dataclass
class DocumentItem:
    key: str
    title: str
    url: str
    size: int


@dataclass
class Editable:
    """A practice draft (``practice``; None before the first save) or a revision (``revision``)."""

    base: PracticeValues
    practice: Practice | None = None
    revision: PracticeRevision | None = None
    documents: list[DocumentItem] = field(default_factory=list)
    raw: dict[str, list[str]] | None = None
    can_submit: bool = True
    initial_call: str = ""

    @property
    def allow_call(self) -> bool:
        return self.revision is None

    @property
    def action_url(self) -> str:
        if self.revision is not None:
            return reverse("submissions:revision_edit", kwargs={"pk": self.revision.pk})
        if self.practice is not None:
            return reverse("submissions:edit", kwargs={"pk": self.practice.pk})
        return reverse("submissions:new")

    @property
    def preview_url(self) -> str:
        if self.revision is not None:
            return reverse("submissions:revision_preview", kwargs={"pk": self.revision.pk})
        if self.practice is not None:
            return reverse("submissions:preview", kwargs={"pk": self.practice.pk})
        return ""


def editable_new(request: HttpRequest) -> Editable:
    language = (get_language() or "en").split("-")[0]
    if language not in dict(settings.LANGUAGES):
        language = "en"
    call = selectors.call_get(pk=request.GET.get("call", "")) if request.GET.get("call") else None
    open_calls = dict(selectors.call_choices(None))
    initial_call = str(call.pk) if call is not None and str(call.pk) in open_calls else ""
    return Editable(base=PracticeValues(title="", original_language=language), initial_call=initial_call)


def editable_practice(user: Any, practice: Practice) -> Editable:
    documents = [
        DocumentItem(f"d{d.pk}", d.title, reverse("submissions:document", kwargs={"pk": d.pk}), d.size)
        for d in practice.documents.order_by("position", "id")
    ]
    return Editable(
        base=values_from_practice(practice),
        practice=practice,
        documents=documents,
        raw=selectors.draft_input_for(practice=practice),
        can_submit=selectors.can_submit_practice(user, practice),
        initial_call=str(practice.call_id or ""),
    )


def revision_documents(revision: PracticeRevision) -> list[DocumentItem]:
    snapshot = snapshot_from_json(revision.proposed)
    existing = {d.pk: d for d in revision.practice.documents.all()}
    pending = {d.pk: d for d in revision.documents.all()}
    items = []
    for ref in snapshot.documents:
        if ref.document in existing:
            doc = existing[ref.document]
            url = reverse("submissions:document", kwargs={"pk": doc.pk})
            items.append(DocumentItem(f"d{doc.pk}", ref.title or doc.title, url, doc.size))
        elif ref.pending in pending:
            pdoc = pending[ref.pending]
            url = reverse("submissions:revision_document", kwargs={"pk": pdoc.pk})
            items.append(DocumentItem(f"p{pdoc.pk}", ref.title or pdoc.title, url, pdoc.size))
    return items


def editable_revision(user: Any, revision: PracticeRevision) -> Editable:
    return Editable(
        base=snapshot_from_json(revision.proposed).values,
        revision=revision,
        documents=revision_documents(revision),
        raw=selectors.draft_input_for(revision=revision),
        can_submit=selectors.can_submit_revision(user, revision),
    )


def _more(request: HttpRequest, name: str) -> int:
    raw = request.GET.get(name, "")
    return min(int(raw), MAX_MORE_ROWS) if raw.isdigit() else 0


@dataclass
class FormSet:
    form: sf.PracticeForm
    organizations: Any
    links: Any

    @property
    def formsets(self) -> dict[Kind, Any]:
        return {Kind.ORGANIZATIONS: self.organizations, Kind.RESOURCES: self.links}

    def is_valid(self) -> bool:
        # Validate everything, so that every error is known at once.
        results = [self.form.is_valid(), self.organizations.is_valid(), self.links.is_valid()]
        return all(results)


def build_forms(
    editable: Editable,
    data: MultiValueDict | None = None,
    *,
    strict: bool = False,
    more_organizations: int = 0,
    more_links: int = 0,
) -> FormSet:
    call_choices = None
    if editable.allow_call:
        current = editable.practice.call if editable.practice is not None else None
        call_choices = selectors.call_choices(current)
    if data is None:
        initial = sf.initial_from_values(editable.base)
        initial["call"] = editable.initial_call
        form = sf.PracticeForm(initial=initial, current=editable.base, call_choices=call_choices)
        organizations = sf.OrganizationFormSet(
            prefix=sf.ORGANIZATIONS_PREFIX, initial=sf.organizations_initial(editable.base)
        )
        organizations.extra = 1 + more_organizations
        links = sf.LinkFormSet(prefix=sf.LINKS_PREFIX, initial=sf.links_initial(editable.base))
        links.extra = 1 + more_links
        return FormSet(form, organizations, links)
    data = data.copy()
    for prefix, more in ((sf.ORGANIZATIONS_PREFIX, more_organizations), (sf.LINKS_PREFIX, more_links)):
        total = data.get(f"{prefix}-TOTAL_FORMS", "")
        if more and total.isdigit():
            data[f"{prefix}-TOTAL_FORMS"] = str(int(total) + more)
    form = sf.PracticeForm(data, strict=strict, current=editable.base, call_choices=call_choices)
    organizations = sf.OrganizationFormSet(data, prefix=sf.ORGANIZATIONS_PREFIX)
    organizations.strict = strict  # type: ignore[attr-defined]
    links = sf.LinkFormSet(data, prefix=sf.LINKS_PREFIX)
    return FormSet(form, organizations, links)


def raw_input(post: MultiValueDict) -> dict[str, list[str]]:
    """The typed values of a POST, as stored in DraftInput (no token, buttons or files)."""
    return {
        key: [str(v)[: sf.LONG_TEXT_MAX] for v in values][:300]
        for key, values in post.lists()
        if key not in IGNORED_KEYS
    }


def raw_to_data(raw: dict[str, list[str]]) -> MultiValueDict:
    return MultiValueDict(
        {str(k): [str(v) for v in values] for k, values in raw.items() if isinstance(values, list)}
    )


def title_hint(raw: dict[str, list[str]]) -> str:
    title = xml_text((raw.get("title") or [""])[-1])  # as the form would clean it (core/forms.py)
    return title if len(title) <= 500 else ""


def render_form(
    request: HttpRequest,
    editable: Editable,
    forms: FormSet,
    *,
    upload_form: sf.DocumentUploadForm | None = None,
    upload_errors: list[str] | None = None,
    template_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    summary = sf.error_summary(forms.form, forms.formsets) if forms.form.is_bound else []
    if upload_errors:
        summary.append((str(_("Supporting documents")), upload_errors[0], "id_document_file"))
    context = {
        "editable": editable,
        "practice": editable.practice,
        "revision": editable.revision,
        "form": forms.form,
        "groups": sf.form_layout(forms.form, forms.formsets),
        "organizations": forms.organizations,
        "links": forms.links,
        "error_summary": summary,
        "upload_form": upload_form or sf.DocumentUploadForm(),
        "upload_errors": upload_errors or [],
        "template_errors": template_errors or [],
        "checklist": sf.CHECKLIST,
        "confirmations": [forms.form[name] for name in sf.CONFIRMATIONS],
        "accepted_extensions": ",".join(ACCEPTED_EXTENSIONS),
        "accepted_list": accepted_list(),
        "max_document_bytes": max_document_bytes(),
        "max_documents": max_documents_per_practice(),
        "max_template_bytes": max_template_bytes(),
    }
    return render(request, "submissions/form.html", context, status=status)
