import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from practicehub.demo.services import demo_editor_ensure


class Command(BaseCommand):
    help = (
        "Make sure the demo editor account exists (staff and superuser) and print the admin address "
        "with its e-mail address, username and password. The password is generated once and kept in "
        "var/demo-login.json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-password", action="store_true", help="Set and print a new random password."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        login = demo_editor_ensure(var_dir=settings.VAR_DIR, reset_password=options["reset_password"])
        port = os.environ.get("PORT", "").strip() or "8000"
        if login.created:
            self.stdout.write(self.style.SUCCESS(_("Created the demo editor account.")))
        elif login.password_reset:
            self.stdout.write(self.style.SUCCESS(_("Set a new password for the demo editor account.")))
        self.stdout.write(
            _("Editors' admin: http://127.0.0.1:%(port)s/admin/ (sign in with the e-mail address)")
            % {"port": port}
        )
        self.stdout.write(_("  e-mail: %(email)s") % {"email": login.email})
        self.stdout.write(_("  username: %(username)s") % {"username": login.username})
        if login.password:
            self.stdout.write(_("  password: %(password)s") % {"password": login.password})
        else:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "  password: changed since it was stored in %(file)s; "
                        "run `manage.py demo_login --reset-password` for a new one."
                    )
                    % {"file": login.file}
                )
            )
