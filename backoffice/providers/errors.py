"""The one error hierarchy every provider client raises.

``code`` and ``message`` are the provider's own; ``raw`` keeps the answer (or
the part of it) that produced the error, for support and for the audit trail.
Only :class:`TransientError` is ever retried.
"""

from __future__ import annotations

from .types import LocalizedMessage


class ProviderError(Exception):
    # The meaning for our users, in French and English, when the provider's code is
    # known (set by each provider's ``codes.py`` and checks); else the raw message.
    localized: LocalizedMessage | None = None

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        code: str | int | None = None,
        raw: object = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.provider = provider
        self.code = code
        self.message = message
        self.raw = raw
        # The input field the provider (or our pre-flight check) refused, when known.
        self.field = field

    def in_language(self, language: str | None) -> str:
        """What to show a user: the localized meaning, else the provider's words."""
        return self.localized.in_language(language) if self.localized else self.message

    def __str__(self) -> str:
        where = f"{self.provider}"
        if self.code not in (None, ""):
            where += f" [{self.code}]"
        if self.field:
            where += f" ({self.field})"
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.provider!r}, code={self.code!r}, message={self.message!r})"


class AuthenticationError(ProviderError):
    """Wrong login, password or API key, or our IP address is not declared."""


class InsufficientCreditError(ProviderError):
    """Credits or quota exhausted."""


class InvalidRequestError(ProviderError):
    """The provider (or our check before calling it) refused our input."""


class SuppressedRecipientError(InvalidRequestError):
    """The recipient is on a blacklist / unsubscribe / STOP list."""


class NotFoundError(ProviderError):
    """Unknown campaign, list, group, template or member."""


class TransientError(ProviderError):
    """Network failure, timeout, 5xx or an answer that does not parse: safe to retry
    unless the request may have been applied (see ``may_have_been_applied``)."""

    def __init__(self, message: str, *, may_have_been_applied: bool = True, **kwargs) -> None:
        super().__init__(message, **kwargs)
        # False only when we know the request never reached the provider
        # (connection refused, connect timeout): then even a send may be retried.
        self.may_have_been_applied = may_have_been_applied
