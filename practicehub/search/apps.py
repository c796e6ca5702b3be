from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "practicehub.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import facet_signals, signals

        facet_signals.connect()
        signals.connect(self)
