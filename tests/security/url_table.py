"""The expected answer of every URL of the site to every role.

`url_table(world)` maps each URL pattern (by its name, or its route when it has none) to cases: a
concrete address built from the world and, per role, what a GET must answer. Addresses under /admin/
are covered by one rule (non-staff are sent to the admin's sign-in, see ADMIN_PREFIX), except the
representative set listed here. `routes()` walks the URL configuration, so a new URL without an entry
fails test_url_matrix.py.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.text import slugify

from practicehub.catalogue.models import Practice

from .conftest import World
from .expectations import (
    FORBIDDEN,
    LOGIN,
    MISSING,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Case,
    Redirect,
    admin_pages,
    editors,
    everyone,
    owner_and_editors,
    reviewers,
    roles,
    signed_in,
)


def address(practice: Practice) -> str:
    """The practice's address, or (it has none before publication) the one its title would give."""
    return practice.slug or slugify(practice.title)


def url_table(w: World) -> dict[str, list[Case]]:
    draft, in_review, published = w.draft, w.in_review, w.published

    def r(name: str, *args: Any) -> str:
        return reverse(name, args=args)

    status_page = Redirect(r("review:submission_status", in_review.pk))
    history_page = Redirect(r("submissions:history", published.pk))
    revision_page = Redirect(r("submissions:revision", w.revision.pk))
    home = Redirect("/")
    hidden_detail = roles(NOT_FOUND, editor=OK, administrator=OK)  # editors preview with a notice

    return {
        # For load balancers: the same tiny answer for everyone.
        "healthz": [Case(r("healthz"), everyone(OK))],
        # Language switch: a GET only sends the visitor back.
        "set_language": [Case(r("set_language"), everyone(home))],
        # django-allauth
        "account_login": [Case(r("account_login"), roles(home, anonymous=OK))],
        "account_logout": [Case(r("account_logout"), roles(OK, anonymous=home))],
        "account_inactive": [Case(r("account_inactive"), everyone(OK))],
        "account_signup": [Case(r("account_signup"), roles(home, anonymous=OK))],
        "account_reauthenticate": [Case(r("account_reauthenticate"), signed_in(OK))],
        "account_request_reauthentication_code": [
            Case(r("account_request_reauthentication_code"), signed_in(OK))
        ],
        "account_confirm_reauthentication_code": [
            Case(
                r("account_confirm_reauthentication_code"),
                roles(Redirect(r("account_request_reauthentication_code")), anonymous=LOGIN),
            )
        ],
        "account_email": [Case(r("account_email"), signed_in(OK))],
        "account_email_verification_sent": [Case(r("account_email_verification_sent"), everyone(OK))],
        "account_change_password": [Case(r("account_change_password"), signed_in(OK))],
        "account_set_password": [
            Case(r("account_set_password"), roles(Redirect(r("account_change_password")), anonymous=LOGIN))
        ],
        "account_reset_password": [Case(r("account_reset_password"), everyone(OK))],
        "account_confirm_login_code": [
            Case(r("account_confirm_login_code"), roles(home, anonymous=Redirect(r("account_login"))))
        ],
        # An unknown confirmation or reset key: a page saying the link is not valid, for everyone.
        "account_confirm_email": [Case(r("account_confirm_email", "not-a-key"), everyone(OK))],
        "account_reset_password_from_key_done": [
            Case(r("account_reset_password_from_key_done"), everyone(OK))
        ],
        "account_reset_password_from_key": [
            Case(r("account_reset_password_from_key", "1", "not-a-key"), everyone(OK))
        ],
        "account_reset_password_done": [Case(r("account_reset_password_done"), everyone(OK))],
        # Our account page
        "accounts:profile": [Case(r("accounts:profile"), signed_in(OK))],
        # Submissions (everyone who can sign in has a verified address, so is a contributor)
        "submissions:new": [Case(r("submissions:new"), signed_in(OK))],
        "submissions:mine": [Case(r("submissions:mine"), signed_in(OK))],
        "submissions:word_template": [Case(r("submissions:word_template"), everyone(OK))],
        "submissions:word_upload": [Case(r("submissions:word_upload"), everyone(NOT_ALLOWED))],
        "submissions:edit": [
            Case(r("submissions:edit", draft.pk), owner_and_editors()),
            # In review: the owner is sent to the status page; editors may still correct it.
            Case(
                r("submissions:edit", in_review.pk),
                owner_and_editors() | {"contributor": status_page},
            ),
            # Published: changes go through an update.
            Case(r("submissions:edit", published.pk), owner_and_editors(history_page)),
            Case(r("submissions:edit", MISSING), signed_in(NOT_FOUND)),
        ],
        "submissions:preview": [
            Case(r("submissions:preview", draft.pk), owner_and_editors()),
            Case(r("submissions:preview", in_review.pk), owner_and_editors()),
            Case(r("submissions:preview", w.rejected.pk), owner_and_editors()),
        ],
        "submissions:revise": [Case(r("submissions:revise", published.pk), signed_in(NOT_ALLOWED))],
        "submissions:history": [
            Case(r("submissions:history", published.pk), owner_and_editors()),
            Case(r("submissions:history", draft.pk), owner_and_editors()),
        ],
        "submissions:revision_queue": [Case(r("submissions:revision_queue"), editors())],
        "submissions:revision": [
            Case(r("submissions:revision", w.revision.pk), owner_and_editors()),
            Case(r("submissions:revision", MISSING), signed_in(NOT_FOUND)),
        ],
        # Sent to the editors: nobody edits it any more.
        "submissions:revision_edit": [
            Case(r("submissions:revision_edit", w.revision.pk), owner_and_editors(revision_page))
        ],
        "submissions:revision_preview": [
            Case(r("submissions:revision_preview", w.revision.pk), owner_and_editors())
        ],
        "submissions:revision_decide": [
            Case(r("submissions:revision_decide", w.revision.pk), signed_in(NOT_ALLOWED))
        ],
        # Before publication, a reviewer reads a document only while their assignment grants access:
        # not once declined, after the reviewer role was withdrawn, once the round is finished, nor
        # for another practice than the one assigned.
        "submissions:document": [
            Case(r("submissions:document", w.draft_document.pk), owner_and_editors(anonymous=NOT_FOUND)),
            Case(
                r("submissions:document", w.review_document.pk),
                owner_and_editors(anonymous=NOT_FOUND) | {"assigned_reviewer": OK},
            ),
            Case(
                r("submissions:document", w.other_review_document.pk),
                owner_and_editors(anonymous=NOT_FOUND) | {"other_practice_reviewer": OK},
            ),
            Case(r("submissions:document", w.approved_document.pk), owner_and_editors(anonymous=NOT_FOUND)),
            Case(r("submissions:document", w.public_document.pk), everyone(OK)),
            Case(r("submissions:document", MISSING), everyone(NOT_FOUND)),
        ],
        "submissions:revision_document": [
            Case(
                r("submissions:revision_document", w.revision_document.pk),
                owner_and_editors(anonymous=NOT_FOUND),
            )
        ],
        # Review
        "discovery:call_list": [Case(r("discovery:call_list"), everyone(OK))],
        "discovery:call_detail": [
            Case(r("discovery:call_detail", w.closed_call.slug), everyone(OK)),
            Case(r("discovery:call_detail", w.unpublished_call.slug), everyone(NOT_FOUND)),
        ],
        "review:my_reviews": [Case(r("review:my_reviews"), reviewers())],
        # Only the assigned reviewer, editors included; their own record stays readable after they
        # declined or the round finished (without the practice, see test_reviewer_access.py), but not
        # once they are no longer a reviewer.
        "review:assignment": [
            Case(
                r("review:assignment", w.assignment.pk),
                roles(NOT_FOUND, anonymous=LOGIN, assigned_reviewer=OK),
            ),
            *(
                Case(
                    r("review:assignment", w.assignments[role].pk),
                    roles(NOT_FOUND, anonymous=LOGIN) | {role: OK},
                )
                for role in ("declined_reviewer", "finished_reviewer", "other_practice_reviewer")
            ),
            Case(
                r("review:assignment", w.assignments["former_reviewer"].pk),
                roles(NOT_FOUND, anonymous=LOGIN, former_reviewer=FORBIDDEN),
            ),
            Case(r("review:assignment", MISSING), signed_in(NOT_FOUND)),
        ],
        "review:dashboard": [Case(r("review:dashboard"), editors())],
        "review:editor_submission": [
            Case(r("review:editor_submission", in_review.pk), editors()),
            Case(r("review:editor_submission", published.pk), editors()),
            # Drafts belong to their authors until they are submitted.
            Case(r("review:editor_submission", draft.pk), editors(NOT_FOUND)),
        ],
        "review:assign": [Case(r("review:assign", in_review.pk), editors(NOT_ALLOWED))],
        "review:decide": [Case(r("review:decide", in_review.pk), editors(NOT_ALLOWED))],
        "review:publish": [Case(r("review:publish", w.approved.pk), editors(NOT_ALLOWED))],
        "review:archive": [Case(r("review:archive", published.pk), editors(NOT_ALLOWED))],
        "review:submission_status": [
            Case(r("review:submission_status", in_review.pk), owner_and_editors()),
            Case(r("review:submission_status", draft.pk), owner_and_editors()),
            Case(r("review:submission_status", w.rejected.pk), owner_and_editors()),
        ],
        "review:submit": [Case(r("review:submit", draft.pk), signed_in(NOT_ALLOWED))],
        # API (public, read-only)
        "api:api-root": [Case(r("api:api-root"), everyone(OK))],
        "api:openapi-json": [Case(r("api:openapi-json"), everyone(OK))],
        "api:openapi-view": [Case(r("api:openapi-view"), everyone(OK))],
        "api:practice_list": [Case(r("api:practice_list"), everyone(OK))],
        "api:practice_detail": [
            Case(r("api:practice_detail", published.slug), everyone(OK)),
            *(Case(r("api:practice_detail", address(p)), everyone(NOT_FOUND)) for p in w.hidden),
        ],
        "api:vocabulary_list": [Case(r("api:vocabulary_list"), everyone(OK))],
        "api:vocabulary_detail": [
            Case(r("api:vocabulary_detail", "objectives"), everyone(OK)),
            Case(r("api:vocabulary_detail", "nonsense"), everyone(NOT_FOUND)),
        ],
        "api:organization_list": [Case(r("api:organization_list"), everyone(OK))],
        "api:organization_detail": [
            Case(
                r("api:organization_detail", published.organizations.get().pk),
                everyone(OK),
            ),
            # Named only by unpublished practices.
            Case(r("api:organization_detail", w.hidden_organization.pk), everyone(NOT_FOUND)),
        ],
        "api:call_list": [Case(r("api:call_list"), everyone(OK))],
        "api:call_detail": [
            Case(r("api:call_detail", w.closed_call.slug), everyone(OK)),
            Case(r("api:call_detail", w.unpublished_call.slug), everyone(NOT_FOUND)),
        ],
        "api:not_found": [Case("/api/v1/no-such-resource", everyone(NOT_FOUND))],
        # Feeds, harvesting, downloads
        "opendata:feed_atom": [Case(r("opendata:feed_atom"), everyone(OK))],
        "opendata:feed_rss": [Case(r("opendata:feed_rss"), everyone(OK))],
        "opendata:oai": [Case(r("opendata:oai") + "?verb=Identify", everyone(OK))],
        "opendata:sitemap": [Case(r("opendata:sitemap"), everyone(OK))],
        "opendata:sitemap_section": [
            Case(r("opendata:sitemap_section", "practices"), everyone(OK)),
            Case(r("opendata:sitemap_section", "nothing"), everyone(NOT_FOUND)),
        ],
        "opendata:robots_txt": [Case(r("opendata:robots_txt"), everyone(OK))],
        "opendata:practices_csv": [Case(r("opendata:practices_csv"), everyone(OK))],
        "opendata:practices_xlsx": [Case(r("opendata:practices_xlsx"), everyone(OK))],
        "opendata:practices_json": [Case(r("opendata:practices_json"), everyone(OK))],
        "opendata:columns": [Case(r("opendata:columns"), everyone(OK))],
        "transfer:practice_import": [Case(r("transfer:practice_import"), admin_pages())],
        # Public catalogue
        "discovery:home": [Case(r("discovery:home"), everyone(OK))],
        "discovery:about": [Case(r("discovery:about"), everyone(OK))],
        "discovery:practice_list": [Case(r("discovery:practice_list"), everyone(OK))],
        "discovery:practice_facet_values": [
            Case(r("discovery:practice_facet_values", "country"), everyone(OK)),
            Case(r("discovery:practice_facet_values", "nonsense"), everyone(NOT_FOUND)),
        ],
        # Archived practices keep their address (editors still see them there); the others never had
        # one, and the address their title would give is nobody's.
        "discovery:practice_detail": [
            Case(r("discovery:practice_detail", published.slug), everyone(OK)),
            *(
                Case(
                    r("discovery:practice_detail", address(p)),
                    hidden_detail if p.slug else everyone(NOT_FOUND),
                )
                for p in w.hidden
            ),
            Case(r("discovery:practice_detail", "no-such-practice"), everyone(NOT_FOUND)),
        ],
        "discovery:objective_index": [Case(r("discovery:objective_index"), everyone(OK))],
        "discovery:objective_browse": [
            Case(r("discovery:objective_browse", 1), everyone(OK)),
            Case(r("discovery:objective_browse", 99), everyone(NOT_FOUND)),
        ],
        "discovery:principle_index": [Case(r("discovery:principle_index"), everyone(OK))],
        "discovery:principle_browse": [
            Case(r("discovery:principle_browse", "people-centred"), everyone(OK)),
            Case(r("discovery:principle_browse", "nonsense"), everyone(NOT_FOUND)),
        ],
        "discovery:sdg_index": [Case(r("discovery:sdg_index"), everyone(OK))],
        "discovery:sdg_browse": [
            Case(r("discovery:sdg_browse", 10), everyone(OK)),
            Case(r("discovery:sdg_browse", 99), everyone(NOT_FOUND)),
        ],
        "discovery:region_index": [Case(r("discovery:region_index"), everyone(OK))],
        "discovery:region_browse": [
            Case(r("discovery:region_browse", "americas"), everyone(OK)),
            Case(r("discovery:region_browse", "nonsense"), everyone(NOT_FOUND)),
        ],
        "discovery:country_index": [Case(r("discovery:country_index"), everyone(OK))],
        "discovery:country_browse": [
            Case(r("discovery:country_browse", "MEX"), everyone(OK)),
            Case(r("discovery:country_browse", "QQQ"), everyone(NOT_FOUND)),
        ],
        # The admin: a representative set; every other admin address follows ADMIN_RULE.
        "admin:index": [Case(r("admin:index"), admin_pages())],
        # The admin signs people in through the site's sign-in page (practicehub/accounts/admin_sign_in.py).
        "admin:login": [
            Case(
                r("admin:login"),
                roles(
                    FORBIDDEN, anonymous=LOGIN, editor=Redirect("/admin/"), administrator=Redirect("/admin/")
                ),
            )
        ],
        "admin:logout": [
            Case(r("admin:logout"), roles(Redirect("/admin/"), editor=NOT_ALLOWED, administrator=NOT_ALLOWED))
        ],
        "admin:catalogue_practice_changelist": [
            Case(r("admin:catalogue_practice_changelist"), admin_pages())
        ],
        "admin:catalogue_practice_add": [Case(r("admin:catalogue_practice_add"), admin_pages())],
        "admin:catalogue_practice_change": [
            Case(r("admin:catalogue_practice_change", published.pk), admin_pages()),
            Case(r("admin:catalogue_practice_change", draft.pk), admin_pages()),
        ],
        "admin:accounts_user_changelist": [Case(r("admin:accounts_user_changelist"), admin_pages())],
    }


# Every other address under /admin/ follows one rule: anyone who is not staff is sent to the admin's
# sign-in page.
ADMIN_PREFIX = "admin/"


# Walking the URL configuration -----------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the qualified name, or the route when the pattern has no name
    route: str  # every level's pattern, joined
    sample: str  # an address this pattern matches (placeholders filled with sample values)
    view: Any = field(default=None, compare=False)  # the view function the pattern calls


def _sample_part(pattern: Any) -> str:
    """A string the pattern matches: route converters become "1", regex groups a sample value."""
    import re

    text = str(pattern)
    if not text.startswith("^") and not text.endswith("$"):
        return re.sub(r"<(?:\w+:)?\w+>", "1", text)
    text = text.removeprefix("^").removesuffix("$")
    # (?P<name>a|b|c) -> a ; ([^/]+), (?P<x>[^/]+), (?P<x>.*), (?P<x>.+) -> "1"
    text = re.sub(r"\(\?P<\w+>([\w-]+)(?:\|[\w-]+)*\)", r"\1", text)
    text = re.sub(r"\((?:\?P<\w+>)?[^()]*\)", "1", text)
    return text


def routes() -> Iterator[Route]:
    def walk(patterns: list[Any], route: str, sample: str, namespace: str) -> Iterator[Route]:
        for pattern in patterns:
            part = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, route + part, sample + _sample_part(part), ns)
            elif isinstance(pattern, URLPattern):
                full = route + part
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                sample_path = "/" + sample + _sample_part(part)
                yield Route(key=name or full, route=full, sample=sample_path, view=pattern.callback)

    yield from walk(get_resolver().url_patterns, "", "", "")
