import re

from hypothesis import given
from hypothesis import strategies as st

from practicehub.core.text import ALLOWED_TAGS, plain_excerpt, render_long_text


def test_paragraphs_and_lists_survive_rendering() -> None:
    html = render_long_text("First paragraph.\n\nSecond one:\n\n- item a\n- item b\n\n1) one\n2) two")
    assert html.count("<p>") == 2
    assert "<ul>" in html and html.count("<li>") == 4
    assert "<ol>" in html


def test_raw_html_and_scripts_are_escaped() -> None:
    html = render_long_text('<script>alert(1)</script> <a href="javascript:x">x</a>')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="javascript' not in html


@given(st.text(max_size=400))
def test_any_text_renders_only_allowed_tags(text: str) -> None:
    html = render_long_text(text)
    assert set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html)) <= ALLOWED_TAGS


def test_excerpt_cuts_at_a_word_boundary() -> None:
    assert plain_excerpt("one two three four", length=9) == "one two…"
    assert plain_excerpt("short", length=9) == "short"
