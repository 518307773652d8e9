"""Normalized vocabulary shared by all providers.

Each provider maps its own codes into these with an explicit table; a code it
does not know becomes ``DeliveryStatus.UNKNOWN`` and its raw value is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    VOICE = "voice"
    FAX = "fax"


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    EXPIRED = "expired"
    REJECTED = "rejected"
    BOUNCED_SOFT = "bounced_soft"
    BOUNCED_HARD = "bounced_hard"
    OPENED = "opened"
    CLICKED = "clicked"
    UNSUBSCRIBED = "unsubscribed"
    COMPLAINED = "complained"
    ANSWERED = "answered"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    VOICEMAIL = "voicemail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class DeliveryEvent:
    provider: str
    message_ref: str
    recipient: str
    status: DeliveryStatus
    raw_code: str
    raw_text: str = ""
    occurred_at: dt.datetime | None = None
    raw: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class LocalizedMessage:
    """A provider code's meaning, in French (the spec's words) and English."""

    fr: str
    en: str

    def in_language(self, language: str | None) -> str:
        return self.en if (language or "").startswith("en") else self.fr
