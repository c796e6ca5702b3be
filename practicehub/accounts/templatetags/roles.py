"""Role checks for templates: {% load roles %} ... {% if user|is_editor %} ... {% endif %}."""

from typing import Any

from django import template

from practicehub.accounts import roles

register = template.Library()


@register.filter
def is_contributor(user: Any) -> bool:
    return roles.is_contributor(user)


@register.filter
def is_reviewer(user: Any) -> bool:
    return roles.is_reviewer(user)


@register.filter
def is_editor(user: Any) -> bool:
    return roles.is_editor(user)


@register.filter
def is_administrator(user: Any) -> bool:
    return roles.is_administrator(user)
