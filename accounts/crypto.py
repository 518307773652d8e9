"""Provider credentials encrypted at rest with Fernet.

The keys come from ``CREDENTIALS_KEYS`` (comma-separated Fernet keys, the first
one encrypts, all of them decrypt), never from ``SECRET_KEY``: rotating one must
not lock us out of the other. To rotate: put a new key first, run
``manage.py rotate_credentials_key``, then drop the old key.
"""

from __future__ import annotations

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class CredentialsUnreadableError(Exception):
    """No configured key decrypts these credentials."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("CREDENTIALS_KEYS is empty: provider credentials cannot be encrypted.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(f"CREDENTIALS_KEYS holds an invalid Fernet key: {exc}") from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.CREDENTIALS_KEYS))


def encrypt(credentials: dict[str, str]) -> str:
    return fernet().encrypt(json.dumps(credentials, sort_keys=True).encode()).decode()


def decrypt(token: str) -> dict[str, str]:
    try:
        return json.loads(fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        raise CredentialsUnreadableError("no configured key decrypts these credentials") from exc


def rotate(token: str) -> str:
    """The same credentials, encrypted with the first (newest) key."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise CredentialsUnreadableError("no configured key decrypts these credentials") from exc


def new_key() -> str:
    return Fernet.generate_key().decode()
