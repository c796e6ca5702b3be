"""Page numbers, sizes and next/previous links of the API's lists."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000


@dataclass(frozen=True)
class PageSpec:
    page: int
    page_size: int

    @property
    def start(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def stop(self) -> int:
        return self.page * self.page_size


def page_info(
    request: HttpRequest, spec: PageSpec, count: int, items: Sequence[tuple[str, str]]
) -> dict[str, object]:
    """count, page, page_size, num_pages, next and previous (absolute addresses keeping `items`)."""
    num_pages = max(1, math.ceil(count / spec.page_size))

    def link(page: int) -> str:
        params = list(items)
        if page > 1:
            params.append(("page", str(page)))
        if spec.page_size != DEFAULT_PAGE_SIZE:
            params.append(("page_size", str(spec.page_size)))
        query = urlencode(params)
        return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))

    return {
        "count": count,
        "page": spec.page,
        "page_size": spec.page_size,
        "num_pages": num_pages,
        "next": link(spec.page + 1) if spec.page < num_pages else None,
        "previous": link(min(spec.page - 1, num_pages)) if spec.page > 1 else None,
    }
