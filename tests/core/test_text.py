import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from practicehub.core.text import ALLOWED_TAGS, plain_excerpt, plain_text, render_long_text


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


# --- plain_text: what the reader of the page sees, without markup ----------------------------------


def test_plain_text_keeps_link_texts_and_drops_their_addresses() -> None:
    text = 'See [the **guide**](https://example.org/guide "Guide") and <https://example.org/fees>.'
    assert plain_text(text) == "See the guide and https://example.org/fees."


def test_plain_text_drops_list_quote_and_emphasis_marks_and_keeps_paragraphs() -> None:
    text = "First *line*\nsecond `line`\n\n\n\n- item __one__\n* item two\n1. three\n\n> quoted _text_"
    assert plain_text(text) == "First line\nsecond line\n\nitem one\nitem two\nthree\n\nquoted text"


def test_plain_text_keeps_what_the_page_shows_as_it_is_typed() -> None:
    text = r"2 * 3 = 6, snake_case_name, \*not emphasis\*, R&amp;D, &copy 2020, <b>not bold</b>, [not a link]"
    assert (
        plain_text(text)
        == "2 * 3 = 6, snake_case_name, *not emphasis*, R&D, &copy 2020, <b>not bold</b>, [not a link]"
    )
    assert one_line(visible_text(text)) == plain_text(text)


def test_plain_excerpt_is_plain_text_on_one_line() -> None:
    assert plain_excerpt("**Bold** [link](https://example.org)\n\n- item", length=300) == "Bold link item"


def visible_text(text: str) -> str:
    """The text of the rendered page: tags removed, then character references decoded (every < the
    author typed is &lt; in the rendered HTML, so every < there starts a tag)."""
    return html.unescape(re.sub(r"<[^>]*>", " ", render_long_text(text)))


def one_line(text: str) -> str:
    return " ".join(text.split())


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéàñçüжд", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=4)


@st.composite
def inline(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A piece of a line as typed, and the words its reader sees."""
    words = draw(WORDS)
    said = " ".join(words)
    kind = draw(
        st.sampled_from(["words", "em", "strong", "under", "code", "link", "autolink", "html", "star"])
    )
    if kind == "em":
        return f"*{said}*", words
    if kind == "strong":
        return f"**{said}**", words
    if kind == "under":
        return f"_{said}_", words
    if kind == "code":
        return f"`{said}`", words
    if kind == "link":
        shown = draw(st.sampled_from([said, f"**{said}**", f"*{said}*"]))
        return f"[{shown}](https://example.org/{draw(WORD)})", words
    if kind == "autolink":
        return f"<https://example.org/{said.replace(' ', '/')}>", ["https", "example", "org", *words]
    if kind == "star":  # a star between spaces is no emphasis: it stays
        return f"{said} * {said}", words + words
    if kind == "html":
        template = draw(
            st.sampled_from(["<b>{}</b>", "<script>{}</script>", "a < {} > b", "&lt;i&gt;{}", "R&D {}"])
        )
        typed = template.format(said)
        shown = html.unescape(typed)
        return typed, re.findall(r"[^\W\d_]+", shown)
    return said, words


@st.composite
def long_text(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Paragraphs, lists and quotes of inline pieces; the words its reader sees, in order."""
    blocks, seen = [], []

    def line() -> str:
        pieces = draw(st.lists(inline(), min_size=1, max_size=5))
        for _typed, words in pieces:
            seen.extend(words)
        return " ".join(typed for typed, _words in pieces)

    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["paragraph", "bullets", "numbers", "quote"]))
        lines = draw(st.integers(1, 3))
        if kind == "paragraph":
            blocks.append("\n".join(line() for _ in range(lines)))
        elif kind == "bullets":
            mark = draw(st.sampled_from(["-", "*", "+"]))
            blocks.append("\n".join(f"{mark} {line()}" for _ in range(lines)))
        elif kind == "numbers":
            blocks.append("\n".join(f"{n + 1}. {line()}" for n in range(lines)))
        else:
            blocks.append("\n".join(f"> {line()}" for _ in range(lines)))
    return "\n\n".join(blocks), seen


@settings(max_examples=300)
@given(long_text())
def test_plain_text_is_the_rendered_pages_text_without_any_markup(example: tuple[str, list[str]]) -> None:
    text, seen = example
    plain = plain_text(text)
    assert "](" not in plain and "[" not in plain
    assert not set("*_`") & set(plain.replace(" * ", " "))
    assert not re.search(r"^\s*(?:[-+>]|\d+\.)\s", plain, re.M)
    assert not re.search(r"</?(?:p|ul|ol|li|strong|em|a|br|blockquote|code)\b", plain)
    assert re.findall(r"[^\W\d_]+", plain) == seen
    assert one_line(plain) == one_line(visible_text(text))


@given(st.text(max_size=400))
def test_plain_text_of_any_text_is_never_longer_than_it(text: str) -> None:
    assert len(plain_text(text)) <= len(text)
