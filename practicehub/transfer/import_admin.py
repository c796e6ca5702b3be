"""The editors' bulk import page, inside the admin: upload, dry-run report, confirm or cancel.

The uploaded file is kept in the default storage under a random name (tied to the editor's session)
between the dry run and the confirmation, and removed once imported or cancelled, when the editor
checks another file, or once expired (import_uploads.py).
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practicehub.catalogue.models import PracticeStatus

from .bulk_import import ImportReport, practices_import
from .import_uploads import import_upload_remove, import_upload_store, import_uploads_remove_expired
from .readers import FORMATS, MAX_IMPORT_BYTES, ImportFileError, format_of, read_file

SESSION_KEY = "transfer:practice_import"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV, Excel (.xlsx) or JSON file in the format of the practice downloads."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status of new practices"),
        choices=[
            (PracticeStatus.PUBLISHED, PracticeStatus.PUBLISHED.label),
            (PracticeStatus.DRAFT, PracticeStatus.DRAFT.label),
        ],
        initial=PracticeStatus.PUBLISHED,
        help_text=gettext_lazy("Practices that already exist (same identifier) keep their status."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too big (at most %(size)s MB).") % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        try:
            format_of(upload.name)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


def _can_import(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "can_edit_repository", False))


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        "title": _("Import practices"),
        "formats": ", ".join(f".{f}" for f in FORMATS),
        **context,
    }
    return render(request, "transfer/import.html", context, status=status)


def _run(
    request: HttpRequest, name: str, filename: str, status: str, *, dry_run: bool
) -> tuple[ImportReport | None, str]:
    try:
        with default_storage.open(name, "rb") as handle:
            found = read_file(handle, filename=filename)
    except ImportFileError as error:
        return None, str(error)
    except FileNotFoundError:  # expired and removed before the confirmation
        return None, _("The uploaded file is no longer kept; upload it again.")
    report = practices_import(
        actor=request.user,
        rows=found.rows,
        dry_run=dry_run,
        status=status,
        source=filename,
        ignored_columns=found.ignored,
    )
    return report, ""


def _check(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    # The file this editor checked before is replaced; others' expired files go too.
    _forget_pending(request)
    import_uploads_remove_expired()
    stored = import_upload_store(upload=upload, extension=format_of(upload.name))
    token, name = stored.token, stored.name
    status = form.cleaned_data["status"]
    report, file_error = _run(request, name, upload.name, status, dry_run=True)
    if report is None or not report.ok:
        import_upload_remove(name)
    else:
        request.session[SESSION_KEY] = {
            "token": token,
            "name": name,
            "filename": upload.name,
            "status": status,
        }
    return _render(
        request,
        {
            "form": ImportForm(initial={"status": status}),
            "report": report,
            "file_error": file_error,
            "token": token,
            "filename": upload.name,
        },
    )


def _forget_pending(request: HttpRequest) -> dict[str, Any]:
    """The session's waiting import, taken out of the session; its file removed."""
    pending = request.session.pop(SESSION_KEY, None) or {}
    if pending.get("name"):
        import_upload_remove(str(pending["name"]))
    return dict(pending)


def _waiting(request: HttpRequest) -> dict[str, Any] | None:
    """The session's waiting import if the form names it; otherwise None, with a message."""
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or request.POST.get("token") != pending.get("token"):
        messages.error(request, _("That import is no longer waiting; upload the file again."))
        return None
    return dict(pending)


def _cancel(request: HttpRequest) -> HttpResponse:
    if _waiting(request) is not None:
        pending = _forget_pending(request)
        messages.info(
            request,
            _("The import of %(file)s was cancelled: nothing was changed.") % {"file": pending["filename"]},
        )
    return HttpResponseRedirect(reverse("transfer:practice_import"))


def _confirm(request: HttpRequest) -> HttpResponse:
    pending = _waiting(request)
    if pending is None:
        return HttpResponseRedirect(reverse("transfer:practice_import"))
    request.session.pop(SESSION_KEY, None)
    try:
        report, file_error = _run(
            request, pending["name"], pending["filename"], pending["status"], dry_run=False
        )
    finally:
        import_upload_remove(pending["name"])
    if report is not None and report.committed:
        messages.success(
            request,
            _("Imported %(file)s: %(created)s practices created, %(updated)s updated.")
            % {"file": pending["filename"], "created": report.created, "updated": report.updated},
        )
        return HttpResponseRedirect(reverse("admin:catalogue_practice_changelist"))
    return _render(
        request,
        {"form": ImportForm(), "report": report, "file_error": file_error, "filename": pending["filename"]},
    )


def practice_import(request: HttpRequest) -> HttpResponse:
    """Upload -> dry-run report -> confirm (or cancel). Editors and administrators only."""
    if not _can_import(request):
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            return _confirm(request)
        if request.POST.get("action") == "cancel":
            return _cancel(request)
        return _check(request)
    return _render(request, {"form": ImportForm()})


practice_import_view = admin.site.admin_view(practice_import)
