"""Long texts are stored as plain text with light Markdown (paragraphs, lists, emphasis, links).

That keeps them readable in the Word template, CSV exports and the search index, while pages show
paragraphs and lists. Rendering escapes raw HTML and then sanitises the result with nh3.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "heading", "lheading", "code", "fence", "html_block", "html_inline", "hr"]
)

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def render_long_text(text: str) -> SafeString:
    """Paragraphs and lists as safe HTML; anything else is escaped or stripped."""
    if not text or not text.strip():
        return mark_safe("")
    html = _markdown.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def plain_excerpt(text: str, length: int = 300) -> str:
    """The first words of a long text, without markup, cut at a word boundary."""
    flat = " ".join(text.replace("**", "").split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"
