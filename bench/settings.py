"""Settings for benchmark runs: production-like (no debug, no query logging), a private cache.

The database comes from the environment as usual (bench.worker sets PRACTICEHUB_VAR_DIR or
DATABASE_URL for each size), so the benchmark never touches the development database."""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Demonstration data (load_demo_data, remove_sample_data, demo_login) exists outside production only.
INSTALLED_APPS = [*INSTALLED_APPS, "practicehub.demo"]  # noqa: F405
