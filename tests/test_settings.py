"""Settings come from the environment: a development default that just works, safe production defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dj_database_url
import pytest
from django.conf import settings
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from config.settings.base import database_from_env

REPO_ROOT = Path(__file__).resolve().parent.parent

# Variables the settings read; each subprocess below starts without any of them unless a test sets it.
SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "PRACTICEHUB_SHARED_DIR",
    "PRACTICEHUB_VAR_DIR",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "CSRF_TRUSTED_ORIGINS",
    "PORT",
    "PRACTICEHUB_SITE_URL",
    "PRACTICEHUB_OAI_NAMESPACE",
    "TRUSTED_PROXY_COUNT",
    "TRUSTED_CLIENT_IP_HEADER",
    "PRACTICEHUB_API_RATE",
    "PRACTICEHUB_DOWNLOAD_RATE",
    "PRACTICEHUB_SUBMISSION_RATE",
    "PRACTICEHUB_SUBMISSION_SAVE_RATE",
    "PRACTICEHUB_SUBMISSION_CREATE_RATE",
)
# ...and every PRACTICEHUB_ACCOUNT_RATE_<ACTION>.
ACCOUNT_RATE_PREFIX = "PRACTICEHUB_ACCOUNT_RATE_"

_PRINT_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DB_ENGINE": db["ENGINE"],
    "DB_NAME": str(db["NAME"]),
    "DB_HOST": db.get("HOST", ""),
    "DB_PORT": db.get("PORT", ""),
    "DB_USER": db.get("USER", ""),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "EMAIL_PORT": settings.EMAIL_PORT,
    "EMAIL_HOST_USER": settings.EMAIL_HOST_USER,
    "EMAIL_USE_TLS": settings.EMAIL_USE_TLS,
    "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION", ""),
    "STORAGE_BACKEND": settings.STORAGES["default"]["BACKEND"],
    "STORAGE_BUCKET": settings.STORAGES["default"].get("OPTIONS", {}).get("bucket_name", ""),
    "SHARED_DIR": str(settings.PRACTICEHUB_SHARED_DIR),
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_REDIRECT_EXEMPT": settings.SECURE_REDIRECT_EXEMPT,
    "SECURE_REFERRER_POLICY": settings.SECURE_REFERRER_POLICY,
    "LANGUAGE_COOKIE_SECURE": settings.LANGUAGE_COOKIE_SECURE,
    "LANGUAGE_COOKIE_SAMESITE": settings.LANGUAGE_COOKIE_SAMESITE,
    "SITE_URL": settings.PRACTICEHUB_SITE_URL,
    "OAI_NAMESPACE": settings.PRACTICEHUB_OAI_NAMESPACE,
    "TRUSTED_PROXY_COUNT": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "TRUSTED_CLIENT_IP_HEADER": settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER,
    "ACCOUNT_RATE_LIMITS": settings.ACCOUNT_RATE_LIMITS,
    "RATES": {
        name: getattr(settings, f"PRACTICEHUB_{name}_RATE")
        for name in ("API", "DOWNLOAD", "SUBMISSION", "SUBMISSION_SAVE", "SUBMISSION_CREATE")
    },
}))
"""


def _without_settings_variables(environ: Any) -> dict[str, str]:
    return {
        k: v
        for k, v in environ.items()
        if k not in SETTINGS_VARIABLES and not k.startswith(ACCOUNT_RATE_PREFIX)
    }


def run_settings(module: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Import a settings module in a fresh interpreter with exactly the given settings variables."""
    clean = _without_settings_variables(os.environ)
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", _PRINT_SETTINGS],
        cwd=REPO_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_of(module: str, **env: str) -> dict[str, Any]:
    result = run_settings(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_settings_work_with_an_empty_environment() -> None:
    values = settings_of("config.settings.dev")
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"]
    assert values["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert Path(values["DB_NAME"]) == REPO_ROOT / "var" / "practicehub.sqlite3"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["STORAGE_BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert Path(values["SHARED_DIR"]) == REPO_ROOT.parent / "shared"


@pytest.mark.parametrize("secret", [None, ""])
def test_production_refuses_to_start_without_a_secret_key(secret: str | None) -> None:
    env = {} if secret is None else {"SECRET_KEY": secret}
    result = run_settings("config.settings.prod", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


SITE = "https://practices.example.org"


@pytest.mark.parametrize("site_url", [None, "", "  "])
def test_production_refuses_to_start_without_the_site_address(site_url: str | None) -> None:
    """Links in e-mails are built from it: a guess would send broken links to every reviewer."""
    env = {"SECRET_KEY": "s"} | ({} if site_url is None else {"PRACTICEHUB_SITE_URL": site_url})
    result = run_settings("config.settings.prod", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set PRACTICEHUB_SITE_URL" in result.stderr


def test_production_defaults_are_safe() -> None:
    values = settings_of("config.settings.prod", SECRET_KEY="a-real-secret", PRACTICEHUB_SITE_URL=SITE + "/")
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == "a-real-secret"
    assert values["SITE_URL"] == SITE
    assert values["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    # HSTS for a year; the language cookie only over HTTPS and not sent by other sites' requests.
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    # Load balancers may check /healthz over plain HTTP.
    assert values["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$"]
    # No proxy is trusted unless configured: X-Forwarded-For cannot be forged to dodge a limit.
    assert (values["TRUSTED_PROXY_COUNT"], values["TRUSTED_CLIENT_IP_HEADER"]) == (0, None)


def test_hsts_and_the_site_address_are_settable_and_development_defaults_to_the_local_server() -> None:
    values = settings_of(
        "config.settings.prod", SECRET_KEY="s", PRACTICEHUB_SITE_URL=SITE, SECURE_HSTS_SECONDS="600"
    )
    assert values["SECURE_HSTS_SECONDS"] == 600
    development = settings_of("config.settings.dev")
    assert development["SITE_URL"] == "http://127.0.0.1:8000"
    assert development["LANGUAGE_COOKIE_SECURE"] is False  # plain HTTP in development
    assert settings_of("config.settings.dev", PORT="8123")["SITE_URL"] == "http://127.0.0.1:8123"


def test_production_reads_hosts_debug_email_cache_storage_and_database_from_the_environment() -> None:
    values = settings_of(
        "config.settings.prod",
        SECRET_KEY="s",
        PRACTICEHUB_SITE_URL=SITE,
        DEBUG="true",
        ALLOWED_HOSTS="practices.example.org, www.practices.example.org ,",
        DATABASE_URL="postgres://hub:pw@db.example.org:6543/practices",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="mailer",
        EMAIL_USE_TLS="yes",
        DEFAULT_FROM_EMAIL="Practices <practices@example.org>",
        REDIS_URL="redis://cache.example.org:6379/1",
        AWS_STORAGE_BUCKET_NAME="practice-documents",
        PRACTICEHUB_SHARED_DIR="pages",
    )
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["practices.example.org", "www.practices.example.org"]
    assert values["DB_ENGINE"] == "django.db.backends.postgresql"
    assert (values["DB_HOST"], values["DB_PORT"], values["DB_USER"], values["DB_NAME"]) == (
        "db.example.org",
        6543,
        "hub",
        "practices",
    )
    assert values["EMAIL_HOST"] == "smtp.example.org"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_HOST_USER"] == "mailer"
    assert values["EMAIL_USE_TLS"] is True
    assert values["DEFAULT_FROM_EMAIL"] == "Practices <practices@example.org>"
    assert values["CACHE_BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["CACHE_LOCATION"] == "redis://cache.example.org:6379/1"
    assert values["STORAGE_BACKEND"] == "storages.backends.s3.S3Storage"
    assert values["STORAGE_BUCKET"] == "practice-documents"
    assert values["SHARED_DIR"] == "pages"


def test_postgres_socket_url_connects_through_the_socket_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres:///practicehub?host=/var/run/postgresql")
    db = database_from_env(Path("unused.sqlite3"))
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["NAME"] == "practicehub"
    assert db["OPTIONS"]["host"] == "/var/run/postgresql"
    assert db["CONN_HEALTH_CHECKS"] is True


_url_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20)
_hostname = st.from_regex(r"[a-z][a-z0-9-]{0,15}(\.[a-z][a-z0-9-]{0,10}){0,2}", fullmatch=True)


@given(
    user=_url_text,
    password=_url_text,
    host=_hostname,
    port=st.integers(min_value=1, max_value=65535),
    name=st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,30}", fullmatch=True),
)
def test_any_postgres_url_gives_back_its_parts(
    user: str, password: str, host: str, port: int, name: str
) -> None:
    url = f"postgres://{quote(user, safe='')}:{quote(password, safe='')}@{host}:{port}/{name}"
    # os.environ directly: hypothesis runs many examples inside one test, where monkeypatch is per test.
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        db = database_from_env(Path("unused.sqlite3"))
    finally:
        if previous is None:
            del os.environ["DATABASE_URL"]
        else:
            os.environ["DATABASE_URL"] = previous
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        user,
        password,
        host,
        port,
        name,
    )


def test_without_database_url_the_database_is_a_local_sqlite_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = database_from_env(Path("var/here.sqlite3"))
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == Path("var/here.sqlite3")


def test_the_suite_runs_on_the_database_the_environment_names() -> None:
    """The PostgreSQL leg of CI must really run on PostgreSQL, not fall back to SQLite."""
    url = os.environ.get("DATABASE_URL")
    expected = dj_database_url.parse(url)["ENGINE"] if url else "django.db.backends.sqlite3"
    assert settings.DATABASES["default"]["ENGINE"] == expected
    assert connection.settings_dict["ENGINE"] == expected


_SQLITE_PROBE = """
import json, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    pragmas = {
        name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
    }
    cursor.execute("CREATE TABLE note (text TEXT)")

holding = threading.Event()


def first_writer():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO note VALUES ('first')")
        holding.set()
        time.sleep(0.5)
    connection.close()


thread = threading.Thread(target=first_writer)
thread.start()
holding.wait(10)
started = time.monotonic()
# Read, then write, in one transaction: the pattern that fails at once with "database is locked"
# when transactions begin DEFERRED, and waits for the lock when they begin IMMEDIATE.
with transaction.atomic():
    with connection.cursor() as cursor:
        seen = cursor.execute("SELECT COUNT(*) FROM note").fetchone()[0]
        cursor.execute("INSERT INTO note VALUES ('second')")
waited = time.monotonic() - started
thread.join()
with connection.cursor() as cursor:
    rows = sorted(row[0] for row in cursor.execute("SELECT text FROM note").fetchall())
print(json.dumps({"pragmas": pragmas, "seen": seen, "rows": rows, "waited": waited}))
"""


def test_sqlite_pragmas_are_in_effect_and_a_second_writer_waits_instead_of_failing(tmp_path: Path) -> None:
    clean = _without_settings_variables(os.environ)
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.dev", PRACTICEHUB_VAR_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", _SQLITE_PROBE],
        cwd=REPO_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["pragmas"] == {
        "journal_mode": "wal",
        "busy_timeout": 20000,
        "foreign_keys": 1,
        "synchronous": 1,
    }
    assert (tmp_path / "practicehub.sqlite3").exists()
    # The second transaction began only once the first had committed, so it saw the first row.
    assert report["seen"] == 1
    assert report["rows"] == ["first", "second"]
    assert report["waited"] > 0.2
