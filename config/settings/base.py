"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import (
    env_account_rate_limits,
    env_bool,
    env_header_name,
    env_int,
    env_list,
    env_oai_namespace,
    env_rate,
    env_site_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PRACTICEHUB_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "practicehub.core",
    "practicehub.accounts",
    "practicehub.catalogue",
    "practicehub.search",
    "practicehub.review",
    "practicehub.submissions",
    "practicehub.discovery",
    "practicehub.opendata",
    "practicehub.api",
    "practicehub.transfer",
    "ninja",  # its static files serve the API's interactive documentation (no CDN)
    "allauth",
    "allauth.account",
    "csp",
]

# Database sessions that ignore a cookie holding anything but a key Django could have made.
SESSION_ENGINE = "practicehub.core.sessions"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "practicehub.core.middleware.QueryStringNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Headers on every response. Pages load scripts and styles from the site only, never inline (no
# 'unsafe-inline'); the API's interactive documentation adds data: images (api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Nothing on the site uses these browser features: no page (nor anything injected into one) may.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "interest-cohort",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
LANGUAGE_COOKIE_SAMESITE = "Lax"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "practicehub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "practicehub.core.context_processors.site",
            ],
        },
    },
]


def database_from_env(default_sqlite_path: Path) -> dict[str, Any]:
    """PostgreSQL (or any engine) from DATABASE_URL; otherwise an embedded SQLite file.

    SQLite runs in WAL mode with a busy timeout and IMMEDIATE transactions so that
    concurrent writers wait for the lock instead of failing with "database is locked".
    """
    url = os.environ.get("DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_sqlite_path,
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": database_from_env(VAR_DIR / "practicehub.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Accounts (django-allauth): sign in with email, verified before contributing, failed sign-ins limited.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "practicehub.accounts.forms.SignupForm"  # full name, organization, country
ACCOUNT_ADAPTER = "practicehub.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "practicehub.accounts.adapter.user_display"
# Each action's limits can be changed with PRACTICEHUB_ACCOUNT_RATE_<ACTION> (environment.py); the
# Django admin's sign-in goes through the same form and counters (config/urls.py).
ACCOUNT_RATE_LIMITS = env_account_rate_limits(
    {
        # Per account 5 failures lock it; per address more, so a shared office is not locked out.
        "login_failed": "20/15m/ip,5/15m/key",
        "signup": "10/h/ip",
        "reset_password": "5/h/ip,3/h/key",
    }
)

# The client's address, for every per-address limit (allauth's and the site's own, see
# core/ratelimit.py: client_ip). By default only the connection's address counts, so a forged
# X-Forwarded-For changes nothing. Behind N proxies of your own, TRUSTED_PROXY_COUNT=N takes the
# address the outermost of them saw; or name the header your proxy sets (X-Real-IP, CF-Connecting-IP).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_header_name("TRUSTED_CLIENT_IP_HEADER")
if ALLAUTH_TRUSTED_PROXY_COUNT and ALLAUTH_TRUSTED_CLIENT_IP_HEADER:
    raise ImproperlyConfigured(
        "Set TRUSTED_PROXY_COUNT or TRUSTED_CLIENT_IP_HEADER, not both: the header would win silently."
    )

# The interface speaks the six UN languages; Django ships translations for all of them.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "practicehub" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Uploaded files: a local folder by default, any S3-compatible store when a bucket is named.
_s3_bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": _s3_bucket,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if _s3_bucket
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache and rate limits: per-process memory by default, Redis (shared by every app server) at scale.
_redis_url = os.environ.get("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "practicehub"}
    )
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PracticeHub <no-reply@localhost>")

# Published practice pages (the seed and importer fixtures) live outside the repository.
PRACTICEHUB_SHARED_DIR = Path(os.environ.get("PRACTICEHUB_SHARED_DIR", BASE_DIR.parent / "shared"))

PRACTICEHUB_SITE_NAME = os.environ.get("PRACTICEHUB_SITE_NAME", "Repository of Practices")
# The site's public address: links in e-mails are built from it (core/links.py: absolute_url).
# prod requires it; elsewhere it defaults to the development server.
PRACTICEHUB_SITE_URL = env_site_url(
    "PRACTICEHUB_SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1)}"
)
# OAI-PMH identifiers are oai:<namespace>:practice/<id>; by default the host of PRACTICEHUB_SITE_URL.
PRACTICEHUB_OAI_NAMESPACE = env_oai_namespace("PRACTICEHUB_OAI_NAMESPACE")

# The site's own rate limits, (requests, seconds), each from COUNT/DURATION in the environment.
PRACTICEHUB_API_RATE = env_rate("PRACTICEHUB_API_RATE", "120/1m")  # per client address
PRACTICEHUB_DOWNLOAD_RATE = env_rate("PRACTICEHUB_DOWNLOAD_RATE", "60/1h")  # CSV/XLSX/JSON, per address
# Per signed-in user (or address): sending for review, saving a draft, starting one (also from Word).
PRACTICEHUB_SUBMISSION_RATE = env_rate("PRACTICEHUB_SUBMISSION_RATE", "10/1h")
PRACTICEHUB_SUBMISSION_SAVE_RATE = env_rate("PRACTICEHUB_SUBMISSION_SAVE_RATE", "300/1h")
PRACTICEHUB_SUBMISSION_CREATE_RATE = env_rate("PRACTICEHUB_SUBMISSION_CREATE_RATE", "30/1h")
# Supporting documents a practice can have (submission form, revisions, admin).
PRACTICEHUB_MAX_DOCUMENTS_PER_PRACTICE = env_int("PRACTICEHUB_MAX_DOCUMENTS_PER_PRACTICE", 20, minimum=1)
# Files uploaded to the import page and never confirmed are removed once this old.
PRACTICEHUB_IMPORT_UPLOAD_MAX_AGE_HOURS = env_int("PRACTICEHUB_IMPORT_UPLOAD_MAX_AGE_HOURS", 24, minimum=1)
PRACTICES_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
