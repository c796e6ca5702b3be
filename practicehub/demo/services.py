"""Writes for the demo data: import the seed pages, create and remove sample practices, and make sure
the demo editor account exists. Each write runs in transactions and leaves audit rows."""

import json
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from practicehub.catalogue.models import Organization, Practice, PracticeStatus
from practicehub.catalogue.services import PracticeValues, practice_save
from practicehub.core.audit import audit_record
from practicehub.transfer.pages import ImportReport, import_practice_file

from .generator import generate_practice_values

SEED_OVERRIDES_FILE = Path(__file__).resolve().parent / "seed_overrides.json"
DEMO_USERNAME = "editor"
DEMO_EMAIL = "editor@example.org"
LOGIN_FILE_NAME = "demo-login.json"


def seed_overrides() -> dict[str, dict[str, Any]]:
    """Values for the fields a seed page shows only as icons, by file name (seed_overrides.json)."""
    data: dict[str, dict[str, Any]] = json.loads(SEED_OVERRIDES_FILE.read_text(encoding="utf-8"))
    return data


def seed_files(shared_dir: Path) -> list[Path]:
    """The seed pages in the shared folder, in name order; none if the folder is missing."""
    folder = Path(shared_dir) / "seeds"
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.txt") if path.is_file())


def seed_practices_import(
    *, shared_dir: Path, actor: Any = None, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> list[ImportReport]:
    """Import every seed page with the importer (each in its own transaction), applying its overrides.

    Importing again updates the same practices. Raises NotAPracticePage or ValidationError for a
    page that cannot be imported; pages before it stay imported."""
    by_file = seed_overrides() if overrides is None else overrides
    return [
        import_practice_file(path, actor=actor, overrides=dict(by_file.get(path.name, {})))
        for path in seed_files(shared_dir)
    ]


def _published_at(values: PracticeValues, index: int, now: datetime) -> datetime:
    """Some weeks after the practice was submitted, never in the future."""
    submitted = values.submitted_on or (now.date() - timedelta(days=30 * (index % 72)))
    day = submitted + timedelta(days=14 + (index * 37) % 120)
    moment = timezone.make_aware(datetime.combine(day, time(9 + index % 8, (index * 7) % 60)))
    return min(moment, now - timedelta(minutes=index))


def sample_practices_create(
    *,
    count: int,
    seed: int = 0,
    actor: Any = None,
    batch_size: int = 50,
    progress: Callable[[int, int], None] | None = None,
    values: Iterable[PracticeValues] | None = None,
) -> int:
    """Create `count` generated sample practices, published, in transactions of `batch_size`.

    Their publication dates spread over the years since they were submitted. Returns the number
    created; `progress(done, count)` is called after each transaction."""
    items = iter(values if values is not None else generate_practice_values(count, seed=seed))
    now = timezone.now()
    done = 0
    exhausted = False
    while done < count and not exhausted:
        with transaction.atomic():
            for _ in range(min(batch_size, count - done)):
                value = next(items, None)
                if value is None:
                    exhausted = True
                    break
                practice = practice_save(actor=actor, values=value, status=PracticeStatus.PUBLISHED)
                # A queryset update: the publication date is not a change an editor made.
                Practice.objects.filter(pk=practice.pk).update(published_at=_published_at(value, done, now))
                done += 1
        if progress is not None:
            progress(done, count)
    return done


@dataclass(frozen=True)
class SampleRemoval:
    practices: int
    organizations: int


@transaction.atomic
def sample_practices_remove(*, actor: Any = None) -> SampleRemoval:
    """Delete every sample practice, and the organizations that only sample practices used.

    Practices that are not samples (the seed, real submissions) and their organizations stay."""
    samples = Practice.objects.filter(is_sample=True)
    org_ids = set(
        Organization.objects.filter(practice_links__practice__is_sample=True).values_list("pk", flat=True)
    )
    count = 0
    for practice in samples.only("pk", "status", "title", "slug"):
        audit_record(
            actor=actor,
            action="practice.deleted",
            target=practice,
            from_state=practice.status,
            comment="Sample data removed.",
            data={"slug": practice.slug},
        )
        count += 1
    samples.delete()
    orphans = Organization.objects.filter(pk__in=org_ids, practice_links__isnull=True)
    removed_orgs = 0
    for org in orphans:
        audit_record(actor=actor, action="organization.deleted", target=org, comment="Sample data removed.")
        removed_orgs += 1
    orphans.delete()
    return SampleRemoval(practices=count, organizations=removed_orgs)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    email: str  # what the sign-in page asks for (the admin signs in there too)
    password: str  # empty when the stored password no longer works and was not reset
    created: bool
    password_reset: bool
    file: Path


def _read_login_file(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_login_file(path: Path, username: str, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"username": username, "password": password}, indent=2) + "\n", encoding="utf-8"
    )
    path.chmod(0o600)


@transaction.atomic
def demo_editor_ensure(*, var_dir: Path, reset_password: bool = False) -> DemoLogin:
    """The demo editor account (staff, superuser, editor), created with a random password if missing.

    The password is kept in var_dir/demo-login.json. If that file is missing, or `reset_password`
    is given, a new password is set and stored. If the stored password no longer works (someone
    changed it), it is left alone and the result has no password."""
    user_model = get_user_model()
    path = Path(var_dir) / LOGIN_FILE_NAME
    user = user_model.objects.filter(username=DEMO_USERNAME).first()
    created = user is None
    if user is None:
        email = DEMO_EMAIL
        if user_model.objects.filter(email__iexact=email).exists():  # someone else has that address
            email = f"editor-{secrets.token_hex(4)}@example.org"
        user = user_model(username=DEMO_USERNAME, email=email, full_name="Demo editor")
    changed_flags = not (user.is_staff and user.is_superuser and user.is_editor and user.is_active)
    user.is_staff = user.is_superuser = user.is_editor = user.is_active = True
    stored = _read_login_file(path)
    password = stored.get("password", "") if stored.get("username") == DEMO_USERNAME else ""
    reset = created or reset_password or not password
    if reset:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
    if created or reset or changed_flags:
        user.save()
    if reset:
        _write_login_file(path, DEMO_USERNAME, password)
        audit_record(
            actor=None, action="user.demo_login_set", target=user, comment="Demo editor password set."
        )
    elif not user.check_password(password):
        password = ""
    _verified_email(user)
    return DemoLogin(
        username=DEMO_USERNAME,
        email=user.email,
        password=password,
        created=created,
        password_reset=reset and not created,
        file=path,
    )


def _verified_email(user: Any) -> None:
    """Let the editor also sign in on the site (by email), which needs a verified address."""
    if user.email and not EmailAddress.objects.filter(email__iexact=user.email).exists():
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def demo_data_present() -> bool:
    """Whether any practice exists (load_demo_data --if-empty then does nothing)."""
    return Practice.objects.exists()
