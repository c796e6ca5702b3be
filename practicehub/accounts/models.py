from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewerKind(models.TextChoices):
    NONE = "", _("Not a reviewer")
    INTERNAL = "internal", _("Internal reviewer (UN)")
    EXTERNAL = "external", _("External reviewer")


class User(AbstractUser):
    """A person who signs in: contributor, reviewer, editor or administrator."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organization_name = models.CharField(_("organization"), max_length=300, blank=True)
    country_code = models.CharField(
        _("country"), max_length=3, blank=True, help_text=_("ISO 3166-1 alpha-3 code.")
    )

    # Roles: every verified user is a contributor; reviewers are internal or external; editors run the
    # repository; administrators are superusers.
    reviewer_kind = models.CharField(
        _("reviewer"), max_length=10, choices=ReviewerKind.choices, default=ReviewerKind.NONE, blank=True
    )
    is_editor = models.BooleanField(
        _("editor"), default=False, help_text=_("Editors assign reviewers, decide and publish submissions.")
    )

    @property
    def is_reviewer(self) -> bool:
        return bool(self.reviewer_kind)

    @property
    def can_edit_repository(self) -> bool:
        return self.is_active and (self.is_editor or self.is_superuser)

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.email or self.username
