from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from practicehub.core.text import render_long_text
from practicehub.review import selectors


def call_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "discovery/call_list.html",
        {
            "open_calls": selectors.calls_open(today),
            "upcoming_calls": selectors.calls_upcoming(today),
            "past_calls": selectors.calls_past(today),
        },
    )


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = selectors.call_get(slug=slug)
    if call is None:
        raise Http404
    practices = list(selectors.call_published_practices(call))
    today = timezone.localdate()
    state = "open" if call.is_open(today) else ("upcoming" if call.opens_on > today else "closed")
    return render(
        request,
        "discovery/call_detail.html",
        {
            "call": call,
            "description_html": render_long_text(call.description),
            "practices": practices,
            "practice_count": len(practices),
            "state": state,
        },
    )
