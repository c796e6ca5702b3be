from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demonstration data: installed by the development and test settings only."""

    name = "practicehub.demo"
    verbose_name = _("Demonstration data")
