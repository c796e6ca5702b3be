"""Helpers that read the published pages from the shared folder, never from copies in the repo.

Expected long texts are taken from the page files themselves: the non-blank lines between two
headings, so the tests check where each paragraph lands without repeating the pages' prose."""

from pathlib import Path

import pytest

FIXTURE_PAGES = {
    "canada": "2021-international-donors-conference-solidarity-venezuelan-refugees-and-migrants-canada.txt",
    "eu_iom": "eu-iom-knowledge-management-hub-kmh.txt",
    "niger": "medical-assistance-provided-migrants-niger.txt",
    "undp": "undp-five-pillar-approach-engage-diasporas-local-development.txt",
}


def page_lines(path: Path) -> list[str]:
    """The page's lines, spaces tidied (no-break spaces become spaces)."""
    return [
        " ".join(line.replace("\xa0", " ").split()) for line in path.read_text(encoding="utf-8").splitlines()
    ]


def lines_between(lines: list[str], start: str, end: str | None = None) -> list[str]:
    """Non-blank lines after the heading `start` up to the heading `end` (or the end of the page)."""
    first = lines.index(start) + 1
    last = lines.index(end, first) if end is not None else len(lines)
    return [line for line in lines[first:last] if line]


@pytest.fixture
def fixture_page(shared_dir: Path):  # type: ignore[no-untyped-def]
    def get(name: str) -> Path:
        return shared_dir / "fixtures" / "pages" / FIXTURE_PAGES[name]

    return get
