from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One row per practice in the search index, which holds published practices only.

    On PostgreSQL the row also carries the weighted ``vector`` and ``head`` tsvectors (added by the
    migration, not mapped here); on SQLite the tokens live in the FTS5 tables keyed by the same id.
    """

    practice = models.OneToOneField(
        "catalogue.Practice",
        verbose_name=_("practice"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    language = models.CharField(_("language"), max_length=12)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self) -> str:
        return str(self.practice_id)


class SearchIndexState(models.Model):
    """A single row whose ``token`` changes, in the same transaction, with every write to the index.

    Cached search results are keyed by it, so a cached result can only be read back while the index
    is exactly as it was when the result was computed (a rolled-back write rolls the token back too)."""

    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index state")

    def __str__(self) -> str:
        return self.token
