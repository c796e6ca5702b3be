"""Development: works out of the box on a fresh machine."""

import os

from .base import *  # noqa: F403
from .environment import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Demonstration data (load_demo_data, remove_sample_data, demo_login) exists outside production only.
INSTALLED_APPS = [*INSTALLED_APPS, "practicehub.demo"]  # noqa: F405
