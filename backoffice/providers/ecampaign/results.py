"""What the client's methods take and return, one dataclass per answer of the
spec. Dates are aware datetimes in Europe/Paris; raw codes are always kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..types import Channel, DeliveryStatus
from .codes import HlrError, HlrStatus, delivery_status

# --- sending ("Réponse synchrone") -------------------------------------------


@dataclass(frozen=True)
class SentMessage:
    """One ``<destination>`` (or the sample code's ``<phone>``) of a send answer."""

    accepted: bool  # ETAT "OK"; False for "KO"
    state: str
    message_id: str  # ID_MESSAGE, the key of delivery callbacks and CDRs
    credits: Decimal | None
    member_id: int | None = None
    mail: str = ""
    code: str = ""
    number: str = ""

    @property
    def recipient(self) -> str:
        return self.mail or (f"+{self.code}{self.number}" if self.number else "")


@dataclass(frozen=True)
class SendResult:
    code: int  # 0, or 12 when some recipients were refused (see ``refused``)
    message: str
    messages: list[SentMessage]

    @property
    def accepted(self) -> list[SentMessage]:
        return [m for m in self.messages if m.accepted]

    @property
    def refused(self) -> list[SentMessage]:
        return [m for m in self.messages if not m.accepted]

    @property
    def credits(self) -> Decimal:
        return sum((m.credits or Decimal(0) for m in self.messages), Decimal(0))


# --- groups -------------------------------------------------------------------


class FieldType(StrEnum):
    """TYPE_CHAMP."""

    MOBILE = "mobile"
    LANDLINE = "fixe"
    FAX = "fax"
    MAIL = "mail"
    SCHEDULE = "planif"
    CUSTOM = "custom"


@dataclass(frozen=True)
class GroupField:
    name: str
    type: FieldType | str = FieldType.CUSTOM
    unique: bool = False  # ANTI_DOUBLON: refuse two members with the same value (code 24)


@dataclass(frozen=True)
class GroupSummary:
    id: int
    name: str
    created_at: dt.datetime | None
    locked_structure: bool  # locks apply to the web interface, not to the API
    locked_content: bool


@dataclass(frozen=True)
class Group(GroupSummary):
    fields: list[GroupField] = field(default_factory=list)


@dataclass(frozen=True)
class Member:
    id: int
    values: dict[str, str]


@dataclass(frozen=True)
class ImportReport:
    """The asynchronous report of importMembers ("Structure de la réponse asynchrone")."""

    state: str
    imported: int
    errors: list[str]


# --- templates --------------------------------------------------------------


class TemplateType(StrEnum):
    SMS = "sms"
    MAIL = "mail"
    VOICE = "voice"


class VoiceMessageType(StrEnum):
    """TYPE_DE_MESSAGE of pushMP3 / getMP3."""

    INTRO = "intro"
    MAIN = "main"
    ASK_END = "ask_end"
    ASK_END_THANKS = "ask_end_thanks"
    RESPONDER = "responder"


@dataclass(frozen=True)
class VoiceOptions:
    duration: int = 60  # DUREE_MAX: 60, 120 or 180 seconds
    recorded: bool = False
    interactive: bool = False  # play the interactive message when a person answers
    intro: bool = False  # intro message: 1 = listen, 3 = delete
    ask_end: bool = False  # end question answered with keys 0-9
    responder: bool = False  # leave a message on answering machines
    responder_custom: bool = False  # a dedicated answering-machine message


@dataclass(frozen=True)
class TemplateCreated:
    template_id: int
    phone_number: str = ""  # voice: number to call to record the messages
    phone_code: str = ""  # voice: access code for that call
    reference: str = ""


@dataclass(frozen=True)
class TemplateSummary:
    id: int
    type: str
    name: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


@dataclass(frozen=True)
class Template(TemplateSummary):
    phone_code: str = ""
    reference: str = ""
    voice: VoiceOptions | None = None


# --- credits, feedback, tracking ----------------------------------------------


@dataclass(frozen=True)
class RouteCredit:
    """One ``<route>`` of getCredit: what a "test connection" page and the credits
    refresh job need."""

    route_id: int  # ID_ROUTE, the ``route`` argument of the send methods
    name: str  # NOM_ROUTE
    channel: Channel | None  # TYPE mapped ("SMS", "Voice", "Mail", "FAX"); None if unknown
    channel_raw: str  # TYPE as sent
    credits: Decimal  # NB_CREDITS
    expires_at: dt.datetime | None  # DATE_EXPIRATION
    allowed_overdraft: Decimal  # DECOUVERT_MAX, in credits


@dataclass(frozen=True)
class BlacklistEntry:
    blacklisted_at: dt.datetime | None
    code: str = ""
    number: str = ""
    mail: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Reply:
    """One received answer (getResponses)."""

    received_at: dt.datetime | None
    code: str
    number: str
    message: str


@dataclass(frozen=True)
class CdrMessage:
    id: int
    date_init: dt.datetime | None
    credits: Decimal | None
    message_ref: str  # the send answer's msgid
    status_id: str
    status_date: dt.datetime | None
    channel: str = ""  # sms / vsms / mail / fax / voice (list form only)
    sender: str = ""
    from_api: bool | None = None
    group_member_id: int | None = None  # campaign form only
    phone_code: str = ""
    phone_number: str = ""
    mail_recipient: str = ""
    mail_subject: str = ""
    content: str = ""

    @property
    def status(self) -> DeliveryStatus:
        return delivery_status(self.status_id)


@dataclass(frozen=True)
class CdrCampaign:
    id: int
    channel: str
    recipients_count: int | None
    date_init: dt.datetime | None
    sender: str
    from_api: bool | None
    credits: Decimal | None
    group_id: int | None
    template_id: int | None


@dataclass
class CdrReport:
    messages: list[CdrMessage] = field(default_factory=list)
    campaigns: list[CdrCampaign] = field(default_factory=list)


@dataclass(frozen=True)
class MailEvent:
    id: int
    type: str
    occurred_at: dt.datetime | None
    mail_recipient: str
    message_id: str
    value: str  # e.g. the URL clicked
    user_agent: str
    ip: str
    lang: str


@dataclass(frozen=True)
class HlrResult:
    number: str
    status: HlrStatus
    status_code: int | None
    status_msg: str
    error: HlrError
    error_code: int | None
    error_permanent: bool
    error_msg: str
    imsi: str
    mcc: str
    mnc: str
    ported: bool
    original_network: str
    original_prefix: str
    original_country: str
    ported_network: str
    ported_prefix: str
    ported_country: str
