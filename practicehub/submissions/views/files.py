"""Files: supporting documents (always as attachments, after a permission check) and the Word template."""

import os
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import forms as sf
from .. import selectors, services
from ..docx import CONTENT_TYPE, TEMPLATE_VERSION, TemplateError, template_build, template_read
from ..uploads import KINDS
from .common import (
    build_forms,
    contributor_refusal,
    editable_new,
    limited,
    raw_to_data,
    render_form,
    title_hint,
)

# A document is sent with the type of the kind its content was recognised as; nothing else.
ACCEPTED_CONTENT_TYPES = frozenset(kind.content_type for kind in KINDS)


def _attachment(file: Any, *, title: str, content_type: str, public: bool) -> FileResponse:
    ext = os.path.splitext(file.name or "")[1].lower()
    filename = f"{slugify(title)[:80] or 'document'}{ext}"
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("This document is no longer available.")) from None
    if content_type not in ACCEPTED_CONTENT_TYPES:
        content_type = "application/octet-stream"  # never what an old or hand-changed record claims
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


@require_GET
def document(request: HttpRequest, pk: int) -> FileResponse:
    """A document of a practice: for everyone once the practice is published; before that only for its
    submitter, the editors and the reviewers assigned to it."""
    found = selectors.document_get(pk=pk)
    if found is None or not found.file or not selectors.can_download_document(request.user, found.practice):
        raise Http404(_("No document has this address."))
    return _attachment(
        found.file,
        title=found.title,
        content_type=found.content_type,
        public=found.practice.status == "published",
    )


@require_GET
def revision_document(request: HttpRequest, pk: int) -> FileResponse:
    """A document uploaded with a proposed update, not published yet."""
    found = selectors.revision_document_get(pk=pk)
    if found is None or not selectors.can_see_revision(request.user, found.revision):
        raise Http404(_("No document has this address."))
    return _attachment(found.file, title=found.title, content_type=found.content_type, public=False)


TEMPLATE_CACHE_SECONDS = 300


@require_GET
def word_template(request: HttpRequest) -> HttpResponse:
    """The template in the visitor's language; kept a few minutes, as building it takes a moment."""
    key = f"practicehub:submissions:template:{TEMPLATE_VERSION}:{get_language()}"
    content = cache.get(key)
    if content is None:
        content = template_build()
        cache.set(key, content, TEMPLATE_CACHE_SECONDS)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="practice-template.docx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def word_upload(request: HttpRequest) -> HttpResponse:
    """A filled template becomes a new draft whose form shows everything read from it, for checking."""
    refusal = contributor_refusal(request) or limited(request, "submission-create")
    if refusal is not None:
        return refusal
    editable = editable_new(request)
    upload = request.FILES.get("template_file")
    if upload is None:
        errors = [_("Choose the filled Word template (.docx) to upload.")]
    else:
        try:
            data = template_read(upload, size=upload.size or 0)
        except TemplateError as error:
            errors = [error.message]
        else:
            errors = []
    if errors:
        return render_form(request, editable, build_forms(editable), template_errors=errors, status=400)
    forms = build_forms(editable, raw_to_data(data))
    valid = forms.is_valid()
    values = (
        sf.values_from_forms(forms.form, forms.organizations, forms.links, base=editable.base)
        if valid
        else None
    )
    practice = services.submission_save_draft(
        actor=request.user, practice=None, values=values, raw=data, title_hint=title_hint(data)
    )
    if valid:
        messages.success(
            request,
            _(
                "The form has been filled in from your Word file and saved as a draft. "
                "Check every field, then submit."
            ),
        )
    else:
        messages.warning(
            request,
            _(
                "The form has been filled in from your Word file and saved as a draft. "
                "Some values need correcting: see the marked fields."
            ),
        )
    return redirect("submissions:edit", pk=practice.pk)
