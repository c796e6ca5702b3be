"""robots.txt: the public site may be crawled; accounts, submission, review and admin may not."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

# Address prefixes that are never public (sign-in, contributors' and reviewers' work, the admin).
PRIVATE_PREFIXES = ("/admin/", "/account/", "/accounts/", "/submit/", "/review/")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('opendata:sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
