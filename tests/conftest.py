from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def shared_dir() -> Path:
    """The folder of published pages outside the repo (seed and importer fixtures)."""
    return Path(settings.PRACTICEHUB_SHARED_DIR)


@pytest.fixture
def seed_page(shared_dir: Path) -> Path:
    return shared_dir / "seeds" / "000_fd9c58931f9f8c3d.txt"


@pytest.fixture
def editor(django_user_model):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_user(
        username="editor",
        email="editor@example.org",
        password="pw-editor-123",
        is_staff=True,
        is_superuser=True,
    )
