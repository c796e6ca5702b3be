"""The submission form: a new practice, a draft or a practice sent back for changes, and a revision.

Every button saves first (valid values into the practice or revision, otherwise what was typed), so
nothing is lost; then it does its own thing (add a row, upload or remove a document, preview, submit).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from practicehub.catalogue.fields import FIELDS_BY_NAME
from practicehub.review.services import SubmissionIncomplete
from practicehub.review.workflow import WorkflowStateError

from .. import forms as sf
from .. import selectors, services
from ..uploads import check_document, default_title
from .common import (
    Editable,
    FormSet,
    build_forms,
    contributor_refusal,
    editable_new,
    editable_practice,
    editable_revision,
    limited,
    raw_input,
    raw_to_data,
    render_form,
    title_hint,
)


def _more(request: HttpRequest, name: str) -> int:
    raw = request.GET.get(name, "")
    return min(int(raw), 20) if raw.isdigit() else 0


def _show(request: HttpRequest, editable: Editable) -> HttpResponse:
    """The form as saved; with the kept input and its errors when the last save had some."""
    orgs, links = _more(request, "more_organizations"), _more(request, "more_links")
    data = raw_to_data(editable.raw) if editable.raw is not None else None
    forms = build_forms(editable, data, more_organizations=orgs, more_links=links)
    if data is not None:
        forms.is_valid()
    return render_form(request, editable, forms)


def _reload(user: Any, editable: Editable, practice: Any = None) -> Editable:
    if editable.revision is not None:
        revision = selectors.revision_get(pk=editable.revision.pk)
        assert revision is not None
        return editable_revision(user, revision)
    target = practice or editable.practice
    found = selectors.practice_get(pk=target.pk) if target is not None else None
    assert found is not None
    return editable_practice(user, found)


def _save(
    request: HttpRequest, editable: Editable, forms: FormSet, valid: bool, raw: dict[str, list[str]]
) -> Any:
    values = (
        sf.values_from_forms(forms.form, forms.organizations, forms.links, base=editable.base)
        if valid
        else None
    )
    if editable.revision is not None:
        return services.revision_save_draft(
            actor=request.user, revision=editable.revision, values=values, raw=raw
        )
    call: Any = services.UNSET
    if valid and editable.allow_call:
        call = selectors.call_get(pk=forms.form.cleaned_data.get("call") or "")
    return services.submission_save_draft(
        actor=request.user,
        practice=editable.practice,
        values=values,
        raw=raw,
        title_hint=title_hint(raw),
        call=call,
    )


def _documents(request: HttpRequest, editable: Editable) -> tuple[sf.DocumentUploadForm, list[str]]:
    """Store the document sent with the form, and remove the one asked for."""
    upload_form = sf.DocumentUploadForm(request.POST, request.FILES)
    errors: list[str] = []
    owner = {"practice": editable.practice} if editable.revision is None else {"revision": editable.revision}
    if upload_form.is_valid() and upload_form.cleaned_data.get("document_file"):
        upload = upload_form.cleaned_data["document_file"]
        try:
            kind = check_document(upload, name=upload.name, size=upload.size)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            title = upload_form.cleaned_data.get("document_title") or default_title(upload.name)
            try:
                services.document_add(
                    actor=request.user,
                    upload=upload,
                    name=upload.name,
                    size=upload.size,
                    kind=kind,
                    title=title,
                    **owner,
                )
            except ValidationError as error:  # no room for another document
                errors = list(error.messages)
            else:
                messages.success(request, _("The document “%(title)s” has been added.") % {"title": title})
                upload_form = sf.DocumentUploadForm()
    elif upload_form.errors:
        errors = [str(e) for field_errors in upload_form.errors.values() for e in field_errors]
    key = request.POST.get("remove_document", "")
    if key:
        services.document_remove(actor=request.user, key=key, **owner)
        messages.success(request, _("The document has been removed."))
    return upload_form, errors


def _incomplete(forms: FormSet, error: ValidationError) -> None:
    """Put the review workflow's reasons beside the fields they are about."""
    for name, texts in error.message_dict.items():
        practice_field = FIELDS_BY_NAME.get(name)
        if practice_field is not None and practice_field.kind == "organizations":
            forms.organizations._non_form_errors.extend(texts)
            continue
        target = sf.ANCHORS.get(practice_field.kind, name) if practice_field is not None else name
        forms.form.add_error(target if target in forms.form.fields else None, texts)


def _submit(request: HttpRequest, editable: Editable) -> HttpResponse:
    strict = build_forms(editable, request.POST, strict=True)
    if not strict.is_valid():
        messages.error(
            request, _("Your draft is saved, but it cannot be submitted yet: see the marked fields.")
        )
        return render_form(request, editable, strict, status=400)
    if not editable.can_submit:
        messages.error(request, _("Only the person who submitted the practice can send it to the editors."))
        return redirect(editable.action_url)
    refusal = limited(request, "submission")
    if refusal is not None:
        return refusal
    confirmations = {name: bool(strict.form.cleaned_data.get(name)) for name in sf.CONFIRMATIONS}
    if editable.revision is not None:
        try:
            services.revision_submit(
                actor=request.user, revision=editable.revision, confirmations=confirmations
            )
        except services.RevisionStateError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "Your update has been submitted. "
                    "The published page stays as it is until the editors publish the update."
                ),
            )
        return redirect("submissions:revision", pk=editable.revision.pk)
    assert editable.practice is not None
    try:
        services.submission_submit(
            actor=request.user, practice=editable.practice, confirmations=confirmations
        )
    except SubmissionIncomplete as error:
        _incomplete(strict, error)
        messages.error(
            request, _("Your draft is saved, but it cannot be submitted yet: see the marked fields.")
        )
        return render_form(request, editable, strict, status=400)
    except WorkflowStateError as error:
        messages.error(request, error.message)
        return redirect(editable.action_url)
    messages.success(request, _("Your practice has been submitted. The editors will be in touch."))
    return redirect("review:submission_status", pk=editable.practice.pk)


def _post(request: HttpRequest, editable: Editable) -> HttpResponse:
    refusal = limited(request, "submission-save") or (
        limited(request, "submission-create")
        if editable.practice is None and editable.revision is None
        else None
    )
    if refusal is not None:
        return refusal
    action = request.POST.get("action") or ("remove" if request.POST.get("remove_document") else "save")
    forms = build_forms(editable, request.POST)
    valid = forms.is_valid()
    raw = raw_input(request.POST)
    try:
        saved = _save(request, editable, forms, valid, raw)
    except ValidationError as error:  # a value the model refuses although the form accepted it
        forms.form.add_error(None, error.messages)
        valid = False
        saved = _save(request, editable, forms, valid, raw)
    editable = _reload(request.user, editable, saved)
    upload_form, upload_errors = _documents(request, editable)
    editable = _reload(request.user, editable)

    if action == "submit" and valid and not upload_errors:
        return _submit(request, editable)
    if not valid or upload_errors:
        if not valid:
            messages.warning(
                request,
                _(
                    "Your draft is saved with what you typed, "
                    "but some values need correcting: see the marked fields."
                ),
            )
        shown = build_forms(
            editable,
            request.POST,
            more_organizations=int(action == "add_organization"),
            more_links=int(action == "add_link"),
        )
        shown.is_valid()
        return render_form(
            request, editable, shown, upload_form=upload_form, upload_errors=upload_errors, status=400
        )
    if action == "add_organization":
        return redirect(f"{editable.action_url}?more_organizations=1#field-organizations")
    if action == "add_link":
        return redirect(f"{editable.action_url}?more_links=1#field-resources")
    if action == "preview":
        return redirect(editable.preview_url)
    if action == "save":
        messages.success(
            request,
            _("Your draft has been saved. You can come back to it at any time from “My submissions”."),
        )
    return redirect(editable.action_url)


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """The empty form (and the Word template) for a new practice."""
    refusal = contributor_refusal(request)
    if refusal is not None:
        return refusal
    editable = editable_new(request)
    if request.method == "POST":
        return _post(request, editable)
    return _show(request, editable)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    practice = selectors.practice_get(pk=pk)
    if practice is None or not selectors.can_see_submission(request.user, practice):
        raise Http404(_("No submission of yours has this address."))
    if not selectors.can_edit_practice(request.user, practice):
        if selectors.can_propose_revision(request.user, practice):
            messages.info(request, _("This practice is published: propose an update to change it."))
            return redirect("submissions:history", pk=practice.pk)
        messages.error(
            request,
            _("The practice cannot be changed while it is “%(status)s”.")
            % {"status": practice.get_status_display()},
        )
        return redirect("review:submission_status", pk=practice.pk)
    editable = editable_practice(request.user, practice)
    if request.method == "POST":
        return _post(request, editable)
    return _show(request, editable)


@require_http_methods(["GET", "POST"])
def revision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    revision = selectors.revision_get(pk=pk)
    if revision is None or not selectors.can_see_revision(request.user, revision):
        raise Http404(_("No revision of yours has this address."))
    if not selectors.can_edit_revision(request.user, revision):
        messages.error(request, _("This revision cannot be changed any more."))
        return redirect("submissions:revision", pk=revision.pk)
    editable = editable_revision(request.user, revision)
    if request.method == "POST":
        return _post(request, editable)
    return _show(request, editable)


def start_url(call: Any = None) -> str:
    return reverse("submissions:new") + (f"?call={call.pk}" if call is not None else "")
