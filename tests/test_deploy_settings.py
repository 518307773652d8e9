"""The production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-a-production-like-secret-key-of-enough-length-0123456789",
    "ALLOWED_HOSTS": "backoffice.example.fr",
    "DATABASE_URL": "postgres://backoffice@db.example.fr:5432/backoffice",
    "CELERY_BROKER_URL": "redis://redis.example.fr:6379/0",
    "CREDENTIALS_KEYS": "cHJvZHVjdGlvbi1saWtlLWZlcm5ldC1rZXktMzJieXQ=",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    unset = ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "CREDENTIALS_KEYS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_secret_key_is_required_when_debug_is_off():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr
