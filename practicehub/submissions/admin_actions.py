"""The practice admin's Publish and Archive actions, run through the review workflow.

Each selected practice goes through the review service (practicehub/review/services.py), which checks
the transition table, writes the audit row and sends the e-mails on commit, exactly as the editors'
review pages do. Practices the workflow does not allow to move are left unchanged, and the admin
names each of them with the workflow's own reason.

Revisions of published practices are decided on the revision's own page (the proposed changes are
shown there next to the published text); publishing a practice here never publishes a revision, but
the refusal for a published practice with a revision waiting says where to decide it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from practicehub.accounts.roles import is_editor
from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.review import services as review_services
from practicehub.review.workflow import Action, WorkflowPermissionError, WorkflowStateError

from .models import PracticeRevision, RevisionStatus


def _published(count: int) -> str:
    return ngettext("%(count)d practice published.", "%(count)d practices published.", count) % {
        "count": count
    }


def _archived(count: int) -> str:
    return ngettext("%(count)d practice archived.", "%(count)d practices archived.", count) % {"count": count}


@dataclass(frozen=True)
class WorkflowAdminAction:
    service: Callable[..., Practice]
    done: Callable[[int], str]
    # Heads the list of practices left unchanged for one reason.
    refused: Promise


ADMIN_ACTIONS: dict[Action, WorkflowAdminAction] = {
    Action.PUBLISH: WorkflowAdminAction(
        service=review_services.practice_publish, done=_published, refused=_("Not published")
    ),
    Action.ARCHIVE: WorkflowAdminAction(
        service=review_services.practice_archive, done=_archived, refused=_("Not archived")
    ),
}


def may_run_workflow_actions(request: HttpRequest) -> bool:
    """Only editors (and administrators) take workflow decisions; other staff never see the actions."""
    return is_editor(request.user)


def _revision_hint(practice: Practice) -> SafeString | None:
    """A link to the revision of this published practice that waits for a decision, if there is one."""
    revision = (
        PracticeRevision.objects.filter(practice=practice, status=RevisionStatus.SUBMITTED)
        .only("pk", "number")
        .first()
    )
    if revision is None:
        return None
    return format_html(
        '<a href="{}">{}</a>',
        reverse("submissions:revision", kwargs={"pk": revision.pk}),
        gettext("Its proposed revision %(number)s waits for a decision on its own page.")
        % {"number": revision.number},
    )


def _reason(action: Action, practice: Practice, error: Exception) -> SafeString:
    reason = format_html("{}", error.message if isinstance(error, WorkflowStateError) else str(error))
    if action == Action.PUBLISH and practice.status == PracticeStatus.PUBLISHED:
        hint = _revision_hint(practice)
        if hint is not None:
            reason = format_html("{} {}", reason, hint)
    return reason


def run_workflow_action(
    model_admin: "ModelAdmin[Any]", request: HttpRequest, queryset: QuerySet[Practice], action: Action
) -> int:
    """Move every selected practice the workflow allows; report the rest by name. Returns how many moved."""
    spec = ADMIN_ACTIONS[action]
    changed = 0
    refused: dict[SafeString, list[str]] = {}
    comment = gettext("Admin action.")
    for practice in queryset.order_by("title", "pk"):
        try:
            spec.service(actor=request.user, practice=practice, comment=comment)
        except (WorkflowStateError, WorkflowPermissionError) as error:
            refused.setdefault(_reason(action, practice, error), []).append(practice.title)
        else:
            changed += 1
    if changed:
        model_admin.message_user(request, spec.done(changed), messages.SUCCESS)
    for reason, titles in refused.items():
        names = format_html_join(gettext(", "), "“{}”", ((title,) for title in titles))
        model_admin.message_user(
            request,
            format_html("{} ({}): {}. {}", spec.refused, len(titles), names, reason),
            messages.WARNING,
        )
    return changed
