"""Documents on a practice page go through the view that checks who may read them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from practicehub.catalogue.models import PracticeDocument, PracticeStatus
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _document(practice) -> PracticeDocument:  # type: ignore[no-untyped-def]
    document = PracticeDocument(practice=practice, title="Evaluation report", size=len(PDF))
    document.file.save("evaluation.pdf", ContentFile(PDF), save=True)
    return document


def test_published_practice_links_its_document_to_a_safe_download(client) -> None:  # type: ignore[no-untyped-def]
    practice = PracticeFactory()
    document = _document(practice)
    page = client.get(practice.get_absolute_url()).content.decode()
    url = reverse("submissions:document", args=[document.pk])
    assert f'href="{url}"' in page and "Evaluation report" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_document_of_an_unpublished_practice_is_not_served_to_the_public(client) -> None:  # type: ignore[no-untyped-def]
    document = _document(PracticeFactory(status=PracticeStatus.DRAFT, published_at=None))
    assert client.get(reverse("submissions:document", args=[document.pk])).status_code in {403, 404}
