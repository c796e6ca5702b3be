from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from practicehub.review.selectors import REVIEW_DUE_DAYS, assignments_overdue
from practicehub.review.services import review_remind


class Command(BaseCommand):
    help = (
        "E-mail reviewers whose review is overdue: assigned more than --days days ago and no recommendation "
        "yet. A reviewer is reminded again only after --repeat-after days. Run it daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, default=REVIEW_DUE_DAYS, help="Overdue after this many days.")
        parser.add_argument(
            "--repeat-after",
            type=int,
            default=7,
            help="Days to wait before reminding the same reviewer again.",
        )
        parser.add_argument("--dry-run", action="store_true", help="List the reminders without sending them.")

    def handle(self, *args: Any, days: int, repeat_after: int, dry_run: bool, **options: Any) -> None:
        if days < 0 or repeat_after < 0:
            raise CommandError("--days and --repeat-after must be zero or more.")
        now = timezone.now()
        recent = now - timedelta(days=repeat_after)
        sent = 0
        for assignment in assignments_overdue(days=days, now=now):
            if assignment.last_reminder_at and assignment.last_reminder_at > recent:
                continue
            label = f"{assignment.reviewer.email}: {assignment.round.practice.title}"
            if dry_run:
                self.stdout.write(f"would remind {label}")
            else:
                review_remind(assignment=assignment)
                self.stdout.write(f"reminded {label}")
            sent += 1
        self.stdout.write(f"{sent} reminder(s){' to send' if dry_run else ' sent'}.")
