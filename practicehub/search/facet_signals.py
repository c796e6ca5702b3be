"""Invalidate the facet index on commit after any change that can affect a published practice.

Connected from the search app's ready(). The freshness stamp in facet_index.py is the safety net
for changes that send no signal; these handlers make m2m-only and vocabulary changes visible too
and tell every process that shares the cache to rebuild.
"""

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from practicehub.catalogue.models import (
    SDG,
    CallForPractices,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationType,
    Practice,
    PracticeOrganization,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)

from .facet_index import index_invalidate

VOCABULARIES = (Objective, GuidingPrinciple, SDG, PracticeType, ScopeLevel, Region, Country, OrganizationType)
# A call's title, address or publication changes the values of the "call" facet.
OTHER_VALUES = (CallForPractices,)
PRACTICE_M2M = (
    "primary_objectives",
    "secondary_objectives",
    "guiding_principles",
    "sdgs",
    "regions",
    "countries",
)
_WAS_PUBLISHED = "_facets_was_published"
UID = "practicehub.search.facets"


def invalidate_on_commit() -> None:
    transaction.on_commit(index_invalidate, robust=True)


def _remember_status(sender: Any, instance: Practice, raw: bool = False, **kwargs: Any) -> None:
    was = False
    if instance.pk is not None and not raw:
        was = Practice.objects.filter(pk=instance.pk, status=PracticeStatus.PUBLISHED).exists()
    setattr(instance, _WAS_PUBLISHED, was)


def _practice_saved(sender: Any, instance: Practice, **kwargs: Any) -> None:
    # A draft that stays a draft changes no public count.
    if instance.status == PracticeStatus.PUBLISHED or getattr(instance, _WAS_PUBLISHED, True):
        invalidate_on_commit()


def _practice_deleted(sender: Any, instance: Practice, **kwargs: Any) -> None:
    if instance.status == PracticeStatus.PUBLISHED:
        invalidate_on_commit()


def _m2m_changed(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if not action.startswith("post_"):
        return
    if reverse or getattr(instance, "status", PracticeStatus.PUBLISHED) == PracticeStatus.PUBLISHED:
        invalidate_on_commit()


def _changed(sender: Any, **kwargs: Any) -> None:
    invalidate_on_commit()


def connect() -> None:
    pre_save.connect(_remember_status, sender=Practice, dispatch_uid=f"{UID}.status")
    post_save.connect(_practice_saved, sender=Practice, dispatch_uid=f"{UID}.practice")
    post_delete.connect(_practice_deleted, sender=Practice, dispatch_uid=f"{UID}.practice")
    for relation in PRACTICE_M2M:
        through = getattr(Practice, relation).through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{UID}.{relation}")
    for model in (PracticeOrganization, Organization, *VOCABULARIES, *OTHER_VALUES):
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"{UID}.save.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{UID}.delete.{label}")
