"""The session engine: Django's database sessions, reading only session keys Django could have made.

A session cookie is sent back as the browser (or anyone) likes. Django looks any key of eight or more
characters up in the database; one holding NUL makes PostgreSQL refuse the query, which turned every
page into a 500 for that visitor. A key is now used only when it has the characters and length
Django generates (32 lower-case letters and digits); any other is no session, as an unknown one is.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

_KEY_CHARS = frozenset(VALID_KEY_CHARS)
_MAX_KEY_LENGTH = 40  # the column's length


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key and 8 <= len(key) <= _MAX_KEY_LENGTH and _KEY_CHARS.issuperset(key))
