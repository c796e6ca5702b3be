"""Keep the index in step with the catalogue.

Every change that can alter what a practice's index entry holds (the practice itself, its
many-to-many values, organizations and their links, translations, resources, a renamed vocabulary
value) marks the practices concerned; after the transaction commits they are re-read and indexed,
or removed when they are no longer published. Ids are collected per thread, so one ``practice_save``
with its dozen signals costs one reindex.

Bulk writes that send no signals (``QuerySet.update``, ``bulk_create``) must be followed by
``index_practices`` or ``rebuild_search_index``; status changes go through the catalogue services.
"""

import threading
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    Practice,
    PracticeDocument,
    PracticeLink,
    PracticeOrganization,
    PracticeStatus,
    PracticeTranslation,
    PracticeType,
    Region,
    ScopeLevel,
)

from . import services

_pending = threading.local()


def _flush() -> None:
    ids: set[int] = getattr(_pending, "ids", set())
    _pending.ids = set()
    if ids:
        services.index_practices(practice_ids=ids)


def schedule_reindex(practice_ids: Iterable[int]) -> None:
    """Reindex these practices once the current transaction commits (now, outside one)."""
    ids = {int(pk) for pk in practice_ids if pk is not None}
    if not ids:
        return
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    _pending.ids |= ids
    transaction.on_commit(_flush, robust=True)


def _practice_saved(sender: type[Model], instance: Practice, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        schedule_reindex([instance.pk])


def _practice_deleted(sender: type[Model], instance: Practice, **kwargs: Any) -> None:
    services.index_remove(practice_ids=[instance.pk])


def _after_migrate_or_flush(sender: Any, **kwargs: Any) -> None:
    services.index_sync_after_flush()


def _child_changed(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        schedule_reindex([instance.practice_id])


def _practice_m2m_changed(
    sender: type[Model], instance: Model, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            schedule_reindex([instance.pk])
        return
    if action == "pre_clear":
        # The practices are only known before the clear.
        schedule_reindex(_published_related(sender, instance))
    elif pk_set:
        schedule_reindex(pk_set)


def _published_related(through: type[Model], value: Model) -> list[int]:
    """Published practices linked to a vocabulary value through an m2m table."""
    practice_field = next(f for f in through._meta.fields if f.related_model is Practice)
    value_field = next(
        f for f in through._meta.fields if f.related_model is type(value) and f is not practice_field
    )
    return list(
        through._default_manager.filter(
            **{value_field.name: value, f"{practice_field.name}__status": PracticeStatus.PUBLISHED}
        ).values_list(practice_field.attname, flat=True)
    )


def _organization_saved(
    sender: type[Model], instance: Organization, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        schedule_reindex(
            PracticeOrganization.objects.filter(
                organization=instance, practice__status=PracticeStatus.PUBLISHED
            ).values_list("practice_id", flat=True)
        )


# A renamed vocabulary value changes the text of every practice that uses it.
_VOCABULARY_LINKS: dict[type[Model], tuple[str, ...]] = {
    Objective: ("primary_practices", "secondary_practices"),
    GuidingPrinciple: ("practices",),
    SDG: ("practices",),
    PracticeType: ("practices",),
    ScopeLevel: ("practices",),
    Region: ("practices",),
    Country: ("practices",),
}


def _vocabulary_saved(
    sender: type[Model], instance: Model, raw: bool = False, created: bool = False, **kwargs: Any
) -> None:
    if raw or created:
        return
    ids: set[int] = set()
    for related in _VOCABULARY_LINKS[sender]:
        manager = getattr(instance, related)
        ids |= set(manager.filter(status=PracticeStatus.PUBLISHED).values_list("pk", flat=True))
    schedule_reindex(ids)


M2M_FIELDS = (
    "primary_objectives",
    "secondary_objectives",
    "guiding_principles",
    "sdgs",
    "regions",
    "countries",
)


def connect(app_config: Any = None) -> None:
    if app_config is not None:
        post_migrate.connect(_after_migrate_or_flush, sender=app_config, dispatch_uid="search_after_flush")
    post_save.connect(_practice_saved, sender=Practice, dispatch_uid="search_practice_saved")
    post_delete.connect(_practice_deleted, sender=Practice, dispatch_uid="search_practice_deleted")
    for model in (PracticeOrganization, PracticeTranslation, PracticeLink, PracticeDocument):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(_child_changed, sender=model, dispatch_uid=f"search_{model.__name__}_deleted")
    for name in M2M_FIELDS:
        through = getattr(Practice, name).through
        m2m_changed.connect(_practice_m2m_changed, sender=through, dispatch_uid=f"search_m2m_{name}")
    post_save.connect(_organization_saved, sender=Organization, dispatch_uid="search_organization_saved")
    for vocabulary in _VOCABULARY_LINKS:
        post_save.connect(
            _vocabulary_saved, sender=vocabulary, dispatch_uid=f"search_{vocabulary.__name__}_saved"
        )
