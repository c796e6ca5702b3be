"""Writes of the submission form: drafts, documents, submission, and revisions of published practices.

Each function is one transaction and leaves an audit row for each state change. Files removed from
storage are removed after the transaction commits.
"""

from dataclasses import replace
from functools import partial
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from practicehub.catalogue.models import CallForPractices, Practice, PracticeDocument, PracticeStatus
from practicehub.catalogue.services import PracticeValues, practice_save
from practicehub.core.audit import audit_record
from practicehub.core.xmltext import xml_text
from practicehub.review.services import practice_submit

from . import selectors
from .models import DraftInput, PracticeRevision, RevisionDocument, RevisionStatus
from .uploads import DocumentKind, check_document_room, safe_filename
from .values import DocumentRef, Snapshot, snapshot_from_json, snapshot_of_practice, snapshot_to_json

S = PracticeStatus
UNSET: Any = object()


class RevisionStateError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _delete_file_on_commit(name: str) -> None:
    if name:
        transaction.on_commit(partial(default_storage.delete, name), robust=True)


def _storable(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Typed input without the characters XML cannot carry (NUL among them, which PostgreSQL cannot
    store in text or JSON): the same cleaning the forms do (core/forms.py)."""
    return {
        xml_text(key): [xml_text(value) for value in values]
        for key, values in raw.items()
        if isinstance(values, list)
    }


def _keep_input(*, actor: Any, raw: dict[str, list[str]] | None, **owner: Any) -> None:
    if raw is None:
        DraftInput.objects.filter(**owner).delete()
    else:
        DraftInput.objects.update_or_create(**owner, defaults={"data": _storable(raw), "saved_by": actor})


# Drafts of new practices ---------------------------------------------------------------------------


@transaction.atomic
def submission_save_draft(
    *,
    actor: Any,
    practice: Practice | None,
    values: PracticeValues | None,
    raw: dict[str, list[str]] | None = None,
    title_hint: str = "",
    call: CallForPractices | None = UNSET,
) -> Practice:
    """Save what the form holds: its values when they are valid, otherwise (``values`` None) the raw
    input, kept until the next save so that nothing typed is lost. A new practice is created on the
    first save, as a draft of ``actor``."""
    if practice is not None and not selectors.can_edit_practice(actor, practice):
        raise PermissionDenied
    if practice is None:
        first = values or PracticeValues(title=title_hint.strip()[:500] or _("Untitled draft"))
        first = replace(first, title=first.title or _("Untitled draft"))
        practice = practice_save(actor=actor, values=first, status=S.DRAFT)
        practice.submitter = actor
        practice.save(update_fields=["submitter", "updated_at"])
    elif values is not None:
        # No address yet: a draft gets its slug when it is published (catalogue.services).
        practice = practice_save(
            actor=actor, values=replace(values, title=values.title or practice.title), practice=practice
        )
    if call is not UNSET and practice.call_id != (call.pk if call else None):
        practice.call = call
        practice.save(update_fields=["call", "updated_at"])
    _keep_input(actor=actor, raw=None if values is not None else (raw or {}), practice=practice)
    return practice


@transaction.atomic
def submission_submit(*, actor: Any, practice: Practice, confirmations: dict[str, bool]) -> Practice:
    """Send the saved draft to the editors (the review workflow checks completeness and the call)."""
    practice = practice_submit(actor=actor, practice=practice)
    audit_record(
        actor=actor,
        action="practice.submission_confirmed",
        target=practice,
        data={name: bool(value) for name, value in confirmations.items()},
    )
    return practice


# Supporting documents ------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    actor: Any,
    upload: IO[bytes],
    name: str,
    size: int,
    kind: DocumentKind,
    title: str,
    practice: Practice | None = None,
    revision: PracticeRevision | None = None,
) -> PracticeDocument | RevisionDocument:
    """Store a checked upload (see uploads.check_document) with a practice draft or a revision.

    A ValidationError when the practice already has as many documents as it may (check_document_room):
    the row is locked first, so two uploads at once cannot both take the last place."""
    filename = safe_filename(name, kind)
    title = title.strip()[:300]
    if revision is not None:
        if not selectors.can_edit_revision(actor, revision):
            raise PermissionDenied
        revision.proposed = PracticeRevision.objects.select_for_update().get(pk=revision.pk).proposed
        snapshot = snapshot_from_json(revision.proposed)
        check_document_room(kept=len(snapshot.documents))
        pending = RevisionDocument(revision=revision, title=title, content_type=kind.content_type, size=size)
        pending.file.save(filename, File(upload), save=False)
        pending.save()
        snapshot.documents.append(DocumentRef(title=title, pending=pending.pk))
        revision.proposed = snapshot_to_json(snapshot)
        revision.save(update_fields=["proposed", "updated_at"])
        audit_record(
            actor=actor, action="revision.document_added", target=revision, data={"document": pending.pk}
        )
        return pending
    assert practice is not None
    if not selectors.can_edit_practice(actor, practice):
        raise PermissionDenied
    Practice.objects.select_for_update().filter(pk=practice.pk).first()
    check_document_room(kept=practice.documents.count())
    position = (practice.documents.aggregate(n=Max("position"))["n"] or 0) + 1
    document = PracticeDocument(
        practice=practice, title=title, content_type=kind.content_type, size=size, position=position
    )
    document.file.save(filename, File(upload), save=False)
    document.save()
    audit_record(
        actor=actor, action="practice.document_added", target=practice, data={"document": document.pk}
    )
    return document


@transaction.atomic
def document_remove(
    *,
    actor: Any,
    key: str,
    practice: Practice | None = None,
    revision: PracticeRevision | None = None,
) -> None:
    """Remove a document: ``key`` is "d<id>" (a document of the practice) or "p<id>" (one uploaded with
    the revision). From a revision, a document of the practice is only dropped from the proposal."""
    kind, number = key[:1], key[1:]
    if kind not in ("d", "p") or not number.isdigit():
        return
    if revision is not None:
        if not selectors.can_edit_revision(actor, revision):
            raise PermissionDenied
        snapshot = snapshot_from_json(revision.proposed)
        wanted = int(number)
        snapshot.documents = [
            ref
            for ref in snapshot.documents
            if not ((kind == "d" and ref.document == wanted) or (kind == "p" and ref.pending == wanted))
        ]
        revision.proposed = snapshot_to_json(snapshot)
        revision.save(update_fields=["proposed", "updated_at"])
        if kind == "p":
            pending = RevisionDocument.objects.filter(revision=revision, pk=wanted).first()
            if pending is not None:
                _delete_file_on_commit(pending.file.name or "")
                pending.delete()
        audit_record(actor=actor, action="revision.document_removed", target=revision, data={"document": key})
        return
    assert practice is not None
    if not selectors.can_edit_practice(actor, practice):
        raise PermissionDenied
    if kind != "d":  # "p" keys name uploads of a revision: nothing of this practice to remove
        return
    document = practice.documents.filter(pk=int(number)).first()
    if document is None:
        return
    _delete_file_on_commit(document.file.name or "")
    document.delete()
    audit_record(
        actor=actor, action="practice.document_removed", target=practice, data={"document": int(number)}
    )


# Revisions of published practices ------------------------------------------------------------------


@transaction.atomic
def submission_start_revision(*, actor: Any, practice: Practice) -> PracticeRevision:
    """Open a revision of a published practice (or return the one already open). The published
    version stays online, unchanged, until the revision is published."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not selectors.can_propose_revision(actor, practice):
        raise PermissionDenied
    existing = selectors.revision_open(practice)
    if existing is not None:
        return existing
    snapshot = snapshot_to_json(snapshot_of_practice(practice))
    revision = PracticeRevision.objects.create(
        practice=practice,
        number=selectors.revision_next_number(practice),
        author=actor,
        base=snapshot,
        proposed=snapshot,
    )
    audit_record(actor=actor, action="revision.started", target=revision, to_state=RevisionStatus.DRAFT)
    return revision


@transaction.atomic
def revision_save_draft(
    *,
    actor: Any,
    revision: PracticeRevision,
    values: PracticeValues | None,
    raw: dict[str, list[str]] | None = None,
) -> PracticeRevision:
    """Keep the proposed values (valid) or the raw input (with errors) of a revision."""
    if not selectors.can_edit_revision(actor, revision):
        raise PermissionDenied
    if values is not None:
        current = snapshot_from_json(revision.proposed)
        published = revision.practice
        values = replace(values, submitted_on=published.submitted_on, is_sample=published.is_sample)
        revision.proposed = snapshot_to_json(Snapshot(values=values, documents=current.documents))
        revision.save(update_fields=["proposed", "updated_at"])
    _keep_input(actor=actor, raw=None if values is not None else (raw or {}), revision=revision)
    return revision


def _locked_revision(revision: PracticeRevision) -> PracticeRevision:
    fresh = PracticeRevision.objects.select_for_update().select_related("practice").get(pk=revision.pk)
    return fresh


def _move(
    revision: PracticeRevision,
    fresh: PracticeRevision,
    *,
    actor: Any,
    action: str,
    to: str,
    comment: str = "",
) -> PracticeRevision:
    old = fresh.status
    fresh.status = to
    now = timezone.now()
    fields = ["status", "updated_at"]
    if to == RevisionStatus.SUBMITTED:
        fresh.submitted_at, fields = now, [*fields, "submitted_at"]
    else:
        fresh.decided_at, fresh.decided_by, fresh.message = now, actor, comment
        fields += ["decided_at", "decided_by", "message"]
    fresh.save(update_fields=fields)
    audit_record(actor=actor, action=action, target=fresh, from_state=old, to_state=to, comment=comment)
    for name in ("status", "submitted_at", "decided_at", "decided_by", "message"):
        setattr(revision, name, getattr(fresh, name))
    return fresh


@transaction.atomic
def revision_submit(
    *, actor: Any, revision: PracticeRevision, confirmations: dict[str, bool]
) -> PracticeRevision:
    fresh = _locked_revision(revision)
    if not selectors.can_submit_revision(actor, fresh):
        if not fresh.is_editable:
            raise RevisionStateError(_("This revision has already been submitted."))
        raise PermissionDenied
    moved = _move(revision, fresh, actor=actor, action="revision.submitted", to=RevisionStatus.SUBMITTED)
    audit_record(
        actor=actor,
        action="revision.submission_confirmed",
        target=moved,
        data={name: bool(value) for name, value in confirmations.items()},
    )
    return moved


def _decision(revision: PracticeRevision, actor: Any) -> PracticeRevision:
    fresh = _locked_revision(revision)
    if fresh.status != RevisionStatus.SUBMITTED:
        raise RevisionStateError(_("This revision is not waiting for a decision."))
    if not selectors.can_decide_revision(actor, fresh):
        raise PermissionDenied
    return fresh


def _send_back(
    revision: PracticeRevision, actor: Any, message: str, missing: str, to: str
) -> PracticeRevision:
    """A decision that sends the update back to its author with a message (required); audited as
    "revision.<new status>"."""
    if not message.strip():
        raise ValidationError({"message": [missing]})
    fresh = _decision(revision, actor)
    return _move(revision, fresh, actor=actor, action=f"revision.{to}", to=to, comment=message.strip())


@transaction.atomic
def revision_request_changes(*, actor: Any, revision: PracticeRevision, message: str) -> PracticeRevision:
    missing = _("Tell the author what to change.")
    return _send_back(revision, actor, message, missing, RevisionStatus.CHANGES_REQUESTED)


@transaction.atomic
def revision_reject(*, actor: Any, revision: PracticeRevision, message: str) -> PracticeRevision:
    missing = _("Give the reasons for turning the revision down.")
    return _send_back(revision, actor, message, missing, RevisionStatus.REJECTED)


@transaction.atomic
def revision_publish(*, actor: Any, revision: PracticeRevision, message: str = "") -> Practice:
    """Replace the published practice with the revision's values and documents."""
    fresh = _decision(revision, actor)
    practice = Practice.objects.select_for_update().get(pk=fresh.practice_id)
    snapshot = snapshot_from_json(fresh.proposed)
    values = replace(snapshot.values, submitted_on=practice.submitted_on, is_sample=practice.is_sample)
    practice = practice_save(actor=actor, values=values, practice=practice)

    kept: dict[int, tuple[int, str]] = {}
    for position, ref in enumerate(snapshot.documents, start=1):
        if ref.document is not None:
            kept[ref.document] = (position, ref.title)
    for document in practice.documents.all():
        if document.pk in kept:
            document.position, title = kept[document.pk]
            document.title = title or document.title
            document.save(update_fields=["position", "title"])
        else:
            _delete_file_on_commit(document.file.name or "")
            document.delete()
    pending = {d.pk: d for d in fresh.documents.all()}
    for position, ref in enumerate(snapshot.documents, start=1):
        if ref.pending is not None and ref.pending in pending:
            source = pending[ref.pending]
            PracticeDocument.objects.create(
                practice=practice,
                title=ref.title or source.title,
                file=source.file.name,
                content_type=source.content_type,
                size=source.size,
                position=position,
            )
    _move(
        revision,
        fresh,
        actor=actor,
        action="revision.published",
        to=RevisionStatus.PUBLISHED,
        comment=message.strip(),
    )
    DraftInput.objects.filter(revision=fresh).delete()
    return practice
