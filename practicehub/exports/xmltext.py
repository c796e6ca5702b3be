"""Text that is safe to put in an XML 1.0 document (feeds, OAI-PMH, sitemaps).

XML 1.0 forbids most control characters even when escaped; a practice imported from an old page or
an argument a harvester sends may contain them, and one would make the whole document unreadable
(or make Django's feed writer refuse it). They are replaced by a space.
"""

import re

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """str(value) without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub(" ", str(value))
