"""The admin's history pages of a practice open for editors (django-simple-history)."""

import pytest

from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_an_entry_of_a_practices_history_opens(client, editor) -> None:  # type: ignore[no-untyped-def]
    practice = PracticeFactory()
    practice.title = "A clearer title"
    practice.save()
    client.force_login(editor)
    history_id = practice.history.order_by("history_id").first().history_id
    url = f"/admin/catalogue/practice/{practice.pk}/history/{history_id}/"
    response = client.get(url)
    assert response.status_code == 200
    assert client.get(f"/admin/catalogue/practice/{practice.pk}/history/").status_code == 200
