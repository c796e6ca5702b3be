"""The one definition of text that XML 1.0 can carry, used by every XML output and the text inputs.

XML 1.0 allows tab, newline, carriage return and the characters from U+0020 up, except the lone
surrogates (U+D800-U+DFFF) and the noncharacters U+FFFE and U+FFFF; the rest (C0 controls, NUL
among them) it forbids even when escaped. One of them in a practice would make a whole document
unreadable: lxml (the XLSX download, the Word template) and Django's feed writer refuse it, and a
harvester's parser stops at it. They come from text pasted out of word processors (U+000B is Word's
line break), old pages and hand-made files.

xml_text() replaces each of them with a space, one character for one, so a cleaned value keeps its
length and words on either side stay apart. Outputs (downloads, the Word template, feeds, OAI-PMH)
write through it; the forms people type into clean their data with it (core/forms.py), as do the
page importer and kept draft input; the bulk import refuses a cell holding one and names it
(describe_forbidden; transfer/readers/).
"""

import re

FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """str(value) with every character XML 1.0 forbids replaced by a space."""
    text = str(value)
    return FORBIDDEN.sub(" ", text) if FORBIDDEN.search(text) else text


def has_forbidden(text: str) -> bool:
    return FORBIDDEN.search(text) is not None


def describe_forbidden(text: str) -> str:
    """The first forbidden character as a person can look it up ("U+FFFE"), or ""."""
    found = FORBIDDEN.search(text)
    return f"U+{ord(found.group()):04X}" if found else ""
