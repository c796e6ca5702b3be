"""The Content-Security-Policy and the other security headers, beyond the sweep of every URL in
test_url_matrix.py: the API's documentation, responses that are not pages, and the checks themselves."""

from pathlib import Path

import pytest
import simple_history
from django.conf import settings
from django.test import Client

from .headers import csp_directives, header_problems, inline_code_problems

pytestmark = pytest.mark.django_db


def test_a_page_allows_scripts_and_styles_from_the_site_only() -> None:
    response = Client().get("/")
    directives = csp_directives(response["Content-Security-Policy"])
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert header_problems(response) == []
    assert inline_code_problems(response.content) == []


def test_the_api_documentation_adds_only_data_images() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    directives = csp_directives(response["Content-Security-Policy"])
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["script-src"] == ["'self'"]
    assert header_problems(response) == []
    assert inline_code_problems(response.content) == []  # its settings are a JSON data block


def test_responses_that_are_not_pages_carry_the_permissions_policy_too() -> None:
    client = Client()
    for path in ("/api/v1/vocabularies", "/feeds/practices.atom", "/robots.txt", "/healthz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert header_problems(response) == [], path


@pytest.mark.parametrize(
    ("html", "found"),
    [
        (b"<html><body><script>alert(1)</script></body></html>", "inline <script>"),
        (b'<html><body><p style="color: red">x</p></body></html>', "style="),
        (b"<html><head><style>p {}</style></head></html>", "<style> element"),
        (b'<html><body><button onclick="go()">x</button></body></html>', "onclick="),
        (b'<html><body><a href="javascript:go()">x</a></body></html>', "href="),
    ],
)
def test_the_inline_code_check_finds_what_the_policy_would_block(html: bytes, found: str) -> None:
    problems = inline_code_problems(html)
    assert len(problems) == 1 and found in problems[0]


def test_the_inline_code_check_lets_data_blocks_and_files_through() -> None:
    html = (
        b'<html><head><script type="application/ld+json">{"a": 1}</script>'
        b'<script src="/static/js/facets.js" defer></script></head>'
        b"<body><details open>x</details></body></html>"
    )
    assert inline_code_problems(html) == []


def test_the_history_page_template_is_the_packages_without_its_inline_style() -> None:
    """practicehub/templates/simple_history/object_history_list.html overrides the package's: when an
    upgrade changes the package's template, this says the copy must follow."""
    name = "simple_history/object_history_list.html"
    package = (Path(simple_history.__file__).parent / "templates" / name).read_text(encoding="utf-8")
    ours = (Path(settings.BASE_DIR) / "practicehub" / "templates" / name).read_text(encoding="utf-8")
    _comment, _, rest = ours.partition("\n")
    assert rest == package.replace('<p class="paginator" style="border-top: 0">', '<p class="paginator">')
    assert "style=" not in rest
