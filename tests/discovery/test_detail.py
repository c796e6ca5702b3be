import re
from html import unescape

import pytest
from django.urls import reverse

from practicehub.catalogue.fields import PUBLIC_FIELDS, Kind
from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import practice_save, practice_set_status
from tests.factories import PracticeFactory, UserFactory

from .conftest import full_values

pytestmark = pytest.mark.django_db


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    """The visible text of a page, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def heading_texts(response) -> list[str]:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", h)).split())
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    ]


def normalise(label: str) -> str:
    return re.sub(r"[\s:*]", "", label).lower()


def test_every_public_label_and_value_of_a_full_practice_is_shown_in_field_order(
    client, full_practice
) -> None:
    response = client.get(full_practice.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    headings = heading_texts(response)

    labels = [str(f.label) for f in PUBLIC_FIELDS if f.kind != Kind.TITLE]
    shown = [h for h in headings if h in labels]
    assert shown == labels, "every public field is a heading, in the order of catalogue/fields.py"

    for value in (
        "Regional labour mobility dialogue between ministries",
        "6 - Recruitment and decent work",
        "23 - International cooperation",
        "1 - Data",
        "International cooperation",
        "People-centred",
        "SDG 8 - Decent work and economic growth",
        "SDG 10 - Reduced inequalities",
        "2019 - 2022",
        "Project/Programme",
        "Regional",
        "Western Asia",
        "Azerbaijan",
        "Georgia",
        "Ministries of labour meet twice a year to align recruitment rules.",
        "Recruitment fees charged to workers fell in the pilot corridors.",
        "Start with the corridors that already have bilateral agreements.",
        "Give the secretariat a budget line of its own.",
        "A shared complaints register read by both countries.",
        "Ministry of Labour of Examplestan",
        "Department of Labour Migration, Policy Unit",
        "Coalition of Recruiters",
        "Fund for Fair Work",
        "Evaluation report",
        "Annual report 2021",
        "29 March 2022",
    ):
        assert value in text, value
    assert "Spanish" in text or "español" in text


def test_labels_follow_the_order_of_the_published_seed_page(client, full_practice, seed_page) -> None:
    """The fields that the seed page shows appear under its labels and in its order."""
    seed = [normalise(line) for line in seed_page.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours = [normalise(h) for h in heading_texts(client.get(full_practice.get_absolute_url()))]
    in_seed = [label for label in ours if label in seed]
    assert len(in_seed) >= 10
    assert in_seed == sorted(in_seed, key=seed.index)


def test_values_link_to_the_list_filtered_by_them(client, full_practice) -> None:
    html = client.get(full_practice.get_absolute_url()).content.decode()
    org_id = full_practice.organization_links.get(role="main").organization_id
    for href, text in (
        ("/practices/?objective=23", "23 - International cooperation"),
        ("/practices/?objective=1", "1 - Data"),
        ("/practices/?principle=people-centred", "People-centred"),
        ("/practices/?sdg=8", "SDG 8 - Decent work and economic growth"),
        ("/practices/?type=project-programme", "Project/Programme"),
        ("/practices/?scope=regional", "Regional"),
        ("/practices/?region=western-asia", "Western Asia"),
        ("/practices/?country=AZE", "Azerbaijan"),
        (f"/practices/?organization={org_id}", "Ministry of Labour of Examplestan"),
        ("/practices/?language=es", ""),
    ):
        assert re.search(rf'<a href="{re.escape(href)}">{re.escape(text)}', html), href


def test_focal_point_and_submitter_are_never_shown(client, full_practice) -> None:
    submitter = UserFactory(username="submitter-person", full_name="Sam Submitter")
    Practice.objects.filter(pk=full_practice.pk).update(submitter=submitter)
    html = client.get(full_practice.get_absolute_url()).content.decode()
    for private in (
        "Zelda Focalpoint",
        "zelda.focal@example.org",
        "Sam Submitter",
        "submitter-person",
        "Focal point",
    ):
        assert private not in html


def test_guiding_principles_footnote_disclaimer_and_dates(client, full_practice) -> None:
    text = page_text(client.get(full_practice.get_absolute_url()))
    assert "upholds all ten guiding principles" in text
    assert "particularly exemplifies" in text
    assert "Disclaimer:" in text
    assert "United Nations Network on Migration" in text
    assert "Date submitted 29 March 2022" in text
    assert "Last updated" in text


def test_long_texts_are_rendered_as_paragraphs_and_lists_and_escape_html(client, editor) -> None:
    practice = practice_save(
        actor=editor,
        values=full_values(summary="First.\n\n- one\n- two\n\n<script>alert(1)</script>"),
        status=PracticeStatus.PUBLISHED,
    )
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "<li>one</li>" in html
    assert "<script>alert(1)</script>" not in html


def test_empty_optional_fields_are_left_out(client) -> None:
    practice = PracticeFactory(summary="Only a summary.", key_lessons="", innovation="")
    text = page_text(client.get(practice.get_absolute_url()))
    assert "Summary" in text
    for label in (
        "Key Lessons",
        "Innovation",
        "Secondary GCM Objectives",
        "Additional Resources",
        "Date submitted",
    ):
        assert label not in text


@pytest.mark.parametrize("status", [s for s in PracticeStatus.values if s != PracticeStatus.PUBLISHED])
def test_a_practice_that_is_not_published_is_not_found(client, status) -> None:
    """Archived practices keep the address they had; the others never had one: the address their
    title would give leads nowhere either."""
    practice = PracticeFactory(status=status, title="Hidden draft practice")
    for slug in {practice.slug or "hidden-draft-practice", "hidden-draft-practice"}:
        response = client.get(reverse("discovery:practice_detail", args=[slug]))
        assert response.status_code == 404
        assert "Hidden draft practice" not in response.content.decode()


def test_an_unpublished_practice_disappears_when_it_is_archived(client, editor, full_practice) -> None:
    assert client.get(full_practice.get_absolute_url()).status_code == 200
    practice_set_status(actor=editor, practice=full_practice, status=PracticeStatus.ARCHIVED)
    assert client.get(full_practice.get_absolute_url()).status_code == 404


def test_editors_still_see_an_archived_practice_at_its_address_with_a_notice(client, editor) -> None:
    practice = PracticeFactory(status=PracticeStatus.ARCHIVED, title="Practice withdrawn")
    client.force_login(editor)
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    assert "Not published (status: Archived)" in text
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_practice_without_an_address_links_to_its_preview(client, editor) -> None:
    practice = PracticeFactory(status=PracticeStatus.IN_REVIEW, title="Practice under review")
    assert practice.get_absolute_url() == reverse("submissions:preview", args=[practice.pk])
    client.force_login(editor)
    assert "Practice under review" in page_text(client.get(practice.get_absolute_url()))


def test_sample_practices_carry_a_sample_notice(client) -> None:
    sample = PracticeFactory(is_sample=True)
    real = PracticeFactory(is_sample=False)
    assert "Sample data." in page_text(client.get(sample.get_absolute_url()))
    assert "Sample data" not in page_text(client.get(real.get_absolute_url()))


def test_title_and_meta_description_come_from_the_practice(client, full_practice) -> None:
    html = client.get(full_practice.get_absolute_url()).content.decode()
    assert "<title>Regional labour mobility dialogue between ministries | " in html
    assert '<meta name="description" content="Ministries of labour meet twice a year' in html


def test_detail_page_queries_do_not_grow_with_the_number_of_values(
    client, full_practice, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(14):
        assert client.get(reverse("discovery:practice_detail", args=[full_practice.slug])).status_code == 200


def test_practice_text_carries_its_own_language_and_direction(client) -> None:
    arabic = PracticeFactory(title="ممارسة", summary="نص", original_language="ar")
    html = client.get(arabic.get_absolute_url()).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<h1 lang="ar" dir="rtl">ممارسة</h1>' in html
    english = PracticeFactory(title="English practice")
    html = client.get(english.get_absolute_url(), headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 lang="en" dir="ltr">English practice</h1>' in html
