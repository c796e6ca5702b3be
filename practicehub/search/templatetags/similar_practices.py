"""{% similar_practices practice %}: the "Similar practices" section at the foot of a practice page."""

import logging
from typing import Any

from django import template

from practicehub.catalogue.models import Practice

from ..similar import similar_practices as find_similar

logger = logging.getLogger(__name__)

register = template.Library()


@register.inclusion_tag("search/_similar.html")
def similar_practices(practice: Practice) -> dict[str, Any]:
    """Up to six similar published practices; nothing at all when none is similar.

    An optional section: a failure here is logged and leaves it out, never costs the page."""
    try:
        items = find_similar(practice) if practice is not None and practice.pk else []
    except Exception:
        logger.exception("Similar practices failed for practice %s.", getattr(practice, "pk", None))
        items = []
    return {"similar": items}
