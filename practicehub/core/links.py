"""Full addresses of the site's pages where no request says which host to use: the review workflow's
e-mails, sent after commit or by a management command. (django-allauth's e-mails are always sent while
answering a request and build their links from it.)"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from reverse() or get_absolute_url()) on the site's public address, PRACTICEHUB_SITE_URL."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"absolute_url() takes a path of the site, not {path!r}")
    return str(settings.PRACTICEHUB_SITE_URL).rstrip("/") + path
