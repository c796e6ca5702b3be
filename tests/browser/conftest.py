"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Run with `make test-browser` (they are deselected from `make test`). Chromium comes from the
system package (`apt-get install -y chromium`); Playwright never downloads a browser here.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

CHROMIUM_PATH = Path(os.environ.get("PRACTICEHUB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _allow_sync_orm_next_to_playwright() -> None:
    # Playwright's sync API keeps an event loop running in the main thread; Django would
    # otherwise refuse ORM calls made by fixtures and assertions in that thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM_PATH.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: install it with `apt-get install -y chromium`.")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM_PATH), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Relative URLs in page.goto() go to the live server."""
    return str(live_server.url)


@pytest.fixture(autouse=True)
def _cache_starts_and_ends_empty() -> Iterator[None]:
    """Rate limits and the facet index live in the cache, shared with the live server: each test
    starts and ends with none left over."""
    cache.clear()
    yield
    cache.clear()
