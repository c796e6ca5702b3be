"""Who can see and change a submission; My submissions."""

from typing import Any

import pytest
from django.urls import reverse

from practicehub.catalogue.models import PracticeStatus
from tests.factories import PracticeFactory, UserFactory

from .helpers import PASSWORD, complete_data, edit_url, html_tree, new_url, save_draft

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client: Any) -> None:
    response = client.get(new_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/submit/")


def test_an_unverified_account_is_told_to_confirm_its_address(client: Any, db: None) -> None:
    user = UserFactory(username="newcomer")
    client.login(username=user.username, password=PASSWORD)
    response = client.get(new_url())
    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()


def test_my_submissions_lists_only_my_practices(
    client: Any, signed_in: Any, contributor: Any, other_contributor: Any
) -> None:
    mine = save_draft(signed_in, title="My own sponsorship practice")
    published = PracticeFactory(title="My published practice", submitter=contributor)
    PracticeFactory(title="Someone else's practice", submitter=other_contributor)
    PracticeFactory(title="A practice without submitter")
    client.login(username=other_contributor.username, password=PASSWORD)
    save_draft(client, title="Boris's draft")

    client.login(username=contributor.username, password=PASSWORD)
    page = client.get(reverse("submissions:mine")).content.decode()
    assert "My own sponsorship practice" in page and "My published practice" in page
    assert "Someone else" not in page and "Boris" not in page and "without submitter" not in page
    assert edit_url(mine) in page
    assert reverse("submissions:revise", kwargs={"pk": published.pk}) in page


def test_another_contributor_cannot_see_or_change_my_draft(
    client: Any, signed_in: Any, other_contributor: Any
) -> None:
    practice = save_draft(signed_in)
    client.login(username=other_contributor.username, password=PASSWORD)
    for url in (
        edit_url(practice),
        reverse("submissions:preview", kwargs={"pk": practice.pk}),
        reverse("submissions:history", kwargs={"pk": practice.pk}),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(edit_url(practice), complete_data(action="save", title="Hijacked"))
    assert response.status_code == 404
    practice.refresh_from_db()
    assert practice.title != "Hijacked"


def test_an_editor_can_edit_a_submission_but_not_submit_it_for_the_owner(
    client: Any, signed_in: Any, staff_editor: Any
) -> None:
    practice = save_draft(signed_in)
    client.login(username=staff_editor.username, password=PASSWORD)
    page = client.get(edit_url(practice)).content.decode()
    assert 'value="submit"' not in page
    assert (
        client.post(
            edit_url(practice), complete_data(action="save", title="Edited by the editor")
        ).status_code
        == 302
    )
    practice.refresh_from_db()
    assert practice.title == "Edited by the editor"
    client.post(edit_url(practice), complete_data(action="submit"))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


def test_a_submitted_practice_is_no_longer_editable_by_its_owner(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    signed_in.post(edit_url(practice), complete_data(action="submit"))
    response = signed_in.get(edit_url(practice))
    assert response.status_code == 302
    assert response["Location"] == reverse("review:submission_status", kwargs={"pk": practice.pk})
    signed_in.post(edit_url(practice), complete_data(action="save", title="Changed after submission"))
    practice.refresh_from_db()
    assert practice.title != "Changed after submission"


def test_the_status_page_links_to_the_form(signed_in: Any) -> None:
    practice = save_draft(signed_in)
    page = signed_in.get(reverse("review:submission_status", kwargs={"pk": practice.pk})).content.decode()
    assert edit_url(practice) in page


def test_the_header_links_my_submissions(signed_in: Any) -> None:
    tree = html_tree(signed_in.get(reverse("discovery:home")))
    assert tree.xpath(f'//nav[contains(@class, "user-nav")]//a[@href="{reverse("submissions:mine")}"]')


def test_editors_find_the_updates_waiting_for_them(client: Any, staff_editor: Any) -> None:
    client.login(username=staff_editor.username, password=PASSWORD)
    page = client.get(reverse("submissions:mine")).content.decode()
    assert reverse("submissions:revision_queue") in page
    assert client.get(reverse("submissions:revision_queue")).status_code == 200
