"""load_demo_data, remove_sample_data and demo_login, as `make run` uses them."""

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practicehub.catalogue.models import Organization, Practice, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.demo.services import seed_overrides
from tests.factories import OrganizationFactory, PracticeFactory

pytestmark = pytest.mark.django_db
SEED_TITLE = (
    "Promotion of international cooperation and global dialogue through active engagement of "
    "Azerbaijan in GFMD Steering Group"
)


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_make_run_loads_the_seed_and_240_published_samples_once() -> None:
    output = run("load_demo_data", "--if-empty")
    assert "Sample practices: 240 of 240" in output
    assert Practice.objects.filter(is_sample=True).count() == 240
    assert Practice.objects.filter(is_sample=False).count() == 1
    assert Practice.objects.published().count() == 241
    # Publication dates spread over the years, never in the future.
    samples = Practice.objects.filter(is_sample=True)
    years = {p.published_at.year for p in samples}
    assert len(years) >= 5
    assert max(p.published_at for p in samples) <= timezone.now()
    # The second `make run` changes nothing.
    again = run("load_demo_data", "--if-empty")
    assert "already holds practices" in again
    assert Practice.objects.count() == 241


def test_the_seed_practice_gets_the_values_its_page_shows_only_as_icons(seed_page: Path) -> None:
    run("load_demo_data", "--samples", "0")
    seed = Practice.objects.get(title=SEED_TITLE)
    overrides = seed_overrides()[seed_page.name]
    assert seed.status == PracticeStatus.PUBLISHED
    assert not seed.is_sample
    assert list(seed.primary_objectives.values_list("number", flat=True)) == [23]
    assert set(seed.guiding_principles.values_list("key", flat=True)) == set(overrides["guiding_principles"])
    assert {"international-cooperation", "whole-of-government-approach"} <= set(
        overrides["guiding_principles"]
    )
    assert sorted(seed.sdgs.values_list("number", flat=True)) == [10, 17]
    assert seed.scope_level is not None
    assert seed.scope_level.key == "global"
    assert not seed.countries.exists()
    assert seed.organizations.filter(name="Government of Azerbaijan").exists()
    assert seed.start_year == 2020
    assert seed.is_ongoing


def test_loading_without_if_empty_imports_the_seed_again_without_a_duplicate() -> None:
    run("load_demo_data", "--samples", "3")
    output = run("load_demo_data", "--samples", "2")
    assert "Updated" in output
    assert Practice.objects.filter(title=SEED_TITLE).count() == 1
    assert Practice.objects.filter(is_sample=True).count() == 5


def test_demo_data_loads_without_the_shared_folder(settings: Any, tmp_path: Path) -> None:
    settings.PRACTICEHUB_SHARED_DIR = tmp_path / "missing"
    output = run("load_demo_data", "--samples", "4")
    assert "seed practice is skipped" in output
    assert Practice.objects.filter(is_sample=True).count() == 4
    assert not Practice.objects.filter(is_sample=False).exists()


def test_if_empty_leaves_a_database_with_practices_alone() -> None:
    PracticeFactory(title="Someone's real practice")
    output = run("load_demo_data", "--if-empty", "--samples", "5")
    assert "no demo data loaded" in output
    assert Practice.objects.count() == 1


def test_a_negative_sample_count_is_refused() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("load_demo_data", "--samples", "-1")


def test_sample_pages_say_they_are_sample_data(client: Client) -> None:
    run("load_demo_data", "--samples", "3")
    sample = Practice.objects.filter(is_sample=True).first()
    assert sample is not None
    assert "Sample data" in client.get(sample.get_absolute_url()).content.decode()
    seed = Practice.objects.get(title=SEED_TITLE)
    assert "Sample data" not in client.get(seed.get_absolute_url()).content.decode()


def test_remove_sample_data_keeps_the_seed_and_organizations_still_in_use() -> None:
    run("load_demo_data", "--samples", "25")
    shared = OrganizationFactory(name="Shared Partner Network")
    sample = Practice.objects.filter(is_sample=True).first()
    real = PracticeFactory(title="A practice an editor added", main_implementer=shared)
    assert sample is not None
    sample.organization_links.create(organization=shared, role="partner")
    sample_only = set(
        Organization.objects.filter(practice_links__practice__is_sample=True)
        .exclude(practice_links__practice__is_sample=False)
        .values_list("pk", flat=True)
    )
    assert sample_only

    output = run("remove_sample_data")

    assert re.search(r"Removed 25 sample practices and \d+ organizations", output)
    assert not Practice.objects.filter(is_sample=True).exists()
    assert set(Practice.objects.values_list("title", flat=True)) == {SEED_TITLE, real.title}
    assert not Organization.objects.filter(pk__in=sample_only).exists()
    assert Organization.objects.filter(pk=shared.pk).exists()
    assert Organization.objects.filter(name="Government of Azerbaijan").exists()
    assert AuditEvent.objects.filter(action="practice.deleted").count() == 25
    assert "Removed 0 sample practices and 0 organizations" in run("remove_sample_data")


@pytest.fixture
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def _printed_login(output: str) -> tuple[str, str]:
    username = re.search(r"username: (\S+)", output)
    password = re.search(r"password: (\S+)", output)
    assert username and password, output
    return username[1], password[1]


def test_demo_login_creates_the_editor_and_prints_a_working_login(
    var_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORT", "8123")
    output = run("demo_login")
    assert "http://127.0.0.1:8123/admin/" in output
    username, password = _printed_login(output)
    assert username == "editor"
    assert Client().login(username=username, password=password)
    user = get_user_model().objects.get(username="editor")
    assert user.is_staff and user.is_superuser and user.is_editor
    stored = json.loads((var_dir / "demo-login.json").read_text())
    assert stored == {"username": "editor", "password": password}
    # Every run prints the same login; the admin opens with it.
    monkeypatch.delenv("PORT")
    again = run("demo_login")
    assert "http://127.0.0.1:8000/admin/" in again
    assert _printed_login(again) == ("editor", password)
    # The admin sends people to the site's sign-in, which asks for the printed e-mail address.
    email = re.search(r"e-mail: (\S+)", again)
    assert email and email[1] == user.email
    client = Client()
    sign_in = client.get("/admin/", follow=True).redirect_chain[-1][0]
    assert client.post(sign_in, {"login": email[1], "password": password})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_demo_login_sets_a_new_password_when_the_stored_one_is_lost(var_dir: Path) -> None:
    _, first = _printed_login(run("demo_login"))
    (var_dir / "demo-login.json").unlink()
    _, second = _printed_login(run("demo_login"))
    assert second != first
    assert Client().login(username="editor", password=second)
    _, third = _printed_login(run("demo_login", "--reset-password"))
    assert third != second
    assert Client().login(username="editor", password=third)


def test_demo_login_does_not_print_a_password_someone_changed(var_dir: Path) -> None:
    run("demo_login")
    user = get_user_model().objects.get(username="editor")
    user.set_password("chosen-by-the-team-2026")
    user.save()
    output = run("demo_login")
    assert "--reset-password" in output
    assert Client().login(username="editor", password="chosen-by-the-team-2026")


def test_demo_login_works_when_its_usual_address_is_taken(var_dir: Path) -> None:
    get_user_model().objects.create_user(
        username="someone", email="editor@example.org", password="x-123456-y"
    )
    _, password = _printed_login(run("demo_login"))
    assert Client().login(username="editor", password=password)


def test_the_demo_editor_can_also_sign_in_on_the_site_with_its_email(var_dir: Path) -> None:
    _, password = _printed_login(run("demo_login"))
    client = Client()
    response = client.post(reverse("account_login"), {"login": "editor@example.org", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
