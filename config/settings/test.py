"""Tests: fast hashing, in-memory mail and cache, the same database engine choice as production."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
PRACTICEHUB_SITE_URL = "http://testserver"  # the host of Django's test client

# Demonstration data (load_demo_data, remove_sample_data, demo_login) exists outside production only.
INSTALLED_APPS = [*INSTALLED_APPS, "practicehub.demo"]  # noqa: F405
