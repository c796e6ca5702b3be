"""Forms whose text input is cleaned of the characters XML 1.0 cannot carry, before it is validated.

People paste into these forms from word processors and PDFs, which bring invisible characters along
(U+000B is Word's line break, U+000C its page break, U+FFFE and U+FFFF odd conversions). One of them
in a practice would break every XML output the practice appears in, so they are replaced by a space
(core/xmltext.py) rather than refused: the person cannot see them, and an error on an invisible
character would only puzzle. Length, required and format checks then see the cleaned text.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict

from .xmltext import has_forbidden, xml_text


def _clean_value(value: Any) -> Any:
    return xml_text(value) if isinstance(value, str) and has_forbidden(value) else value


def xml_clean_data(data: Any) -> Any:
    """Form data (a QueryDict, MultiValueDict or plain mapping) with every text value cleaned; the
    same object when nothing needs cleaning."""
    if data is None:
        return None
    if isinstance(data, MultiValueDict):
        if not any(has_forbidden(v) for _key, values in data.lists() for v in values if isinstance(v, str)):
            return data
        cleaned = data.copy()  # (a QueryDict's copy is mutable)
        for key, values in data.lists():
            cleaned.setlist(key, [_clean_value(v) for v in values])
        return cleaned
    if isinstance(data, Mapping):
        return {
            key: [_clean_value(v) for v in value] if isinstance(value, list | tuple) else _clean_value(value)
            for key, value in data.items()
        }
    return data


class XmlTextInput:
    """Mixin for a Form or ModelForm (listed first): its data is cleaned by xml_clean_data()."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(xml_clean_data(data), *args, **kwargs)  # type: ignore[call-arg]


class XmlTextModelForm(XmlTextInput, forms.ModelForm):  # type: ignore[type-arg]
    """The admin's model forms for content that is published (catalogue/admin.py)."""
