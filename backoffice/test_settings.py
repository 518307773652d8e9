"""Settings for the test suite: the real settings, with the two values a test run
cannot take from a developer's environment. Everything else still comes from
``backoffice.settings`` (``DATABASE_URL`` picks SQLite or PostgreSQL)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("CREDENTIALS_KEYS", "dGVzdC1vbmx5LWZlcm5ldC1rZXktMzItYnl0ZXMhISE=")

from .settings import *  # noqa: F403

# Hashing passwords with PBKDF2 costs ~0.3 s a time; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The TLS redirect is a production concern; the test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
# No collectstatic before tests: serve from the finders, without a manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
