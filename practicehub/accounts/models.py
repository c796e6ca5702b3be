from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: contributor, reviewer, editor or administrator."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organization_name = models.CharField(_("organization"), max_length=300, blank=True)
    country_code = models.CharField(
        _("country"), max_length=3, blank=True, help_text=_("ISO 3166-1 alpha-3 code.")
    )

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.email or self.username
