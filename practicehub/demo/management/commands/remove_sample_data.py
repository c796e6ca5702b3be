from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from practicehub.demo.services import sample_practices_remove


class Command(BaseCommand):
    help = (
        "Delete every sample practice (is_sample) and the organizations only sample practices used. "
        "The seed practice and all other practices stay."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = sample_practices_remove()
        self.stdout.write(
            self.style.SUCCESS(
                _("Removed %(practices)d sample practices and %(organizations)d organizations.")
                % {"practices": removed.practices, "organizations": removed.organizations}
            )
        )
