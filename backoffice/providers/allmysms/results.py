"""What the AllMySMS client returns: one dataclass per answer of the spec
(B. Définition des objets), with the raw answer kept for support. Phone numbers
are E.164 ("+33612345678") when the provider's number is one, else as it wrote it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..types import DeliveryEvent, LocalizedMessage


@dataclass(frozen=True)
class SmsRecipient:
    """One recipient of a send: a phone number in any of the spec's forms, and the
    values of ``#param_1#``, ``#param_2#``... for this recipient."""

    phone: str
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class SentMessage:
    """PushId: one SMS part sent to one number."""

    phone: str
    message_id: str
    part: int


@dataclass(frozen=True)
class SendResult:
    """PushAnswer: status 100 (sent), 101 (scheduled) or 113 (sent to the valid numbers only)."""

    status_code: str
    status_text: str
    message: LocalizedMessage
    campaign_id: str
    credits: float | None  # credits left after the send
    messages: tuple[SentMessage, ...]
    invalid_numbers: tuple[str, ...]  # numbers the provider refused (status 113)
    stop_mention_added: bool  # the client appended "STOP au 36180" (custom sender to France)
    raw: object = field(default=None, compare=False, repr=False)

    @property
    def scheduled(self) -> bool:
        return self.status_code == "101"


@dataclass(frozen=True)
class AckReport:
    """AckAnswer: the delivery acks of one campaign, as normalized delivery events."""

    campaign_id: str
    status_code: str  # "0": acks available, "1": none yet
    cli_msg_id: str
    events: tuple[DeliveryEvent, ...]
    raw: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Reply:
    """Pull: an SMS received in answer to a campaign."""

    reply_id: str
    phone: str
    campaign_id: str
    text: str
    received_at: dt.datetime | None


@dataclass(frozen=True)
class ReplyReport:
    """PullAnswer: the replies to one campaign."""

    campaign_id: str
    status_code: str  # "0": replies available, "1": none yet
    cli_msg_id: str
    replies: tuple[Reply, ...]
    raw: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class AccountInfo:
    """Info: the account's status (Annex 3) and credits."""

    status_code: str  # "300" active, "303" inactive
    status_text: str  # as the provider wrote it ("active account")
    message: LocalizedMessage
    credits: float | None
    raw: object = field(default=None, compare=False, repr=False)

    @property
    def active(self) -> bool:
        return self.status_code == "300"


@dataclass(frozen=True)
class CampaignDeletion:
    """deleteCampaign's answer (Annex 4): "OK", or "CAMPAIGNALREADYDELETED"."""

    campaign_id: str
    status_code: str
    message: LocalizedMessage

    @property
    def already_deleted(self) -> bool:
        return self.status_code == "CAMPAIGNALREADYDELETED"


@dataclass(frozen=True)
class Stop:
    """One number that answered STOP."""

    phone: str
    comment: str
    received_at: dt.datetime | None


@dataclass(frozen=True)
class SubAccountCreated:
    """SubAccount_Answer with status 1 (Annex 5: "Sub-account successfully created")."""

    login: str
    status_text: str
    message: LocalizedMessage
