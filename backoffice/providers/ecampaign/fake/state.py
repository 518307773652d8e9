"""The sandbox's in-memory state and the helpers every handler uses to read a
request and write an answer in the spec's shapes."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from lxml import etree

from ..codes import RETURN_CODES
from ..xml import DATETIME_FORMAT, Element, add

FEEDBACK_CHANNELS = ("sms", "fax", "mail")
ROUTE_TYPES = {"sms": "SMS", "voice": "Voice", "mail": "Mail", "fax": "FAX"}


class Refusal(Exception):
    """Answer with this return code (and the spec's French message)."""

    def __init__(self, code: int, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def answer(code: int = 0) -> Element:
    root = etree.Element("ecampaign")
    add(root, "code", code)
    add(root, "message", RETURN_CODES[code].message.fr)
    return root


def stamp(moment: dt.datetime | None) -> str:
    return moment.strftime(DATETIME_FORMAT) if moment else ""


def parse_bool(value: str, *, code: int) -> bool:
    value = value.strip().lower()
    if value in ("", "false", "0"):
        return False
    if value in ("true", "1"):
        return True
    raise Refusal(code, f"not a boolean: {value!r}")


@dataclass
class Route:
    id: int
    name: str
    channel: str  # sms, voice, mail, fax
    credits: Decimal
    expires: dt.date | None
    allow_negative: Decimal = Decimal(0)
    custom_sender: bool = True  # whether senderID may differ from the account's (code 15)


@dataclass
class Account:
    user: str
    password: str
    api_enabled: bool = True
    sender: str = "ECAMPAIGN"
    caller_id: str = "33170000000"
    reply_to: str = "contact@example.fr"
    callback_url: str | None = None  # set by Prosoluce on request (spec, "Réponse asynchrone")
    routes: dict[int, Route] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # PDFs in the file manager, for faxes
    blacklists: dict[str, list[BlacklistEntry]] = field(default_factory=lambda: {c: [] for c in FEEDBACK_CHANNELS})
    responses: dict[str, list[Reply]] = field(default_factory=lambda: {c: [] for c in FEEDBACK_CHANNELS})


@dataclass
class FieldDef:
    name: str
    type: str
    unique: bool = False

    @property
    def is_phone(self) -> bool:
        return self.type in ("mobile", "fixe", "fax")


@dataclass
class Member:
    id: int
    values: dict[str, str]
    codes: dict[str, str] = field(default_factory=dict)  # phone fields: international prefix


@dataclass
class Group:
    id: int
    owner: str
    name: str
    created: dt.datetime
    locked_structure: bool
    locked_content: bool
    fields: list[FieldDef]
    members: dict[int, Member] = field(default_factory=dict)

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name.lower() == name.lower()), None)


@dataclass
class Template:
    id: int
    owner: str
    type: str
    name: str
    created: dt.datetime
    updated: dt.datetime
    message: str = ""
    subject: str = ""
    duration: int = 60
    recorded: bool = False
    interactive: bool = False
    intro: bool = False
    ask_end: bool = False
    responder: bool = False
    responder_custom: bool = False
    phone_code: str = ""
    reference: str = ""
    recordings: dict[str, bytes] = field(default_factory=dict)


@dataclass
class Message:
    id: int
    ref: str
    owner: str
    channel: str
    date_init: dt.datetime
    credits: Decimal
    sender: str
    from_api: bool = True
    campaign_id: int | None = None
    member_id: int | None = None
    code: str = ""
    number: str = ""
    mail: str = ""
    subject: str = ""
    content: str = ""
    status_id: int | None = None
    status_date: dt.datetime | None = None


@dataclass
class Campaign:
    id: int
    owner: str
    channel: str
    date_init: dt.datetime
    sender: str
    credits: Decimal
    recipients_count: int
    group_id: int | None = None
    template_id: int | None = None
    from_api: bool = True
    message_refs: list[str] = field(default_factory=list)


@dataclass
class BlacklistEntry:
    date: dt.datetime
    code: str = ""
    number: str = ""
    mail: str = ""
    reason: str = ""


@dataclass
class Reply:
    date: dt.datetime
    code: str
    number: str
    message: str


@dataclass
class MailEvent:
    id: int
    campaign_id: int | None
    type: str
    date: dt.datetime
    mail: str
    message_id: int
    value: str = ""
    user_agent: str = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
    ip: str = "192.0.2.10"
    lang: str = "fr-FR"


class Store:
    """Everything the sandbox knows, across accounts (ids are global, so another
    account's group or template is "forbidden", not "not found")."""

    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.groups: dict[int, Group] = {}
        self.templates: dict[int, Template] = {}
        self.messages: dict[str, Message] = {}
        self.campaigns: dict[int, Campaign] = {}
        self.mail_events: list[MailEvent] = []
        self.member_groups: dict[int, int] = {}  # member id -> group id
        self.ids = {name: itertools.count(start) for name, start in _ID_STARTS.items()}

    def next_id(self, kind: str) -> int:
        return next(self.ids[kind])


_ID_STARTS = {"group": 101, "member": 5001, "template": 301, "message": 900001, "campaign": 7001, "event": 1}

_VALID_MAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_mail(value: str) -> bool:
    return bool(_VALID_MAIL.match(value))


def national_digits(value: str) -> str | None:
    """A phone number as eCampaign stores it: digits, without the national 0."""
    digits = re.sub(r"[\s.\-()]", "", value)
    if not digits.isdigit() or not 6 <= len(digits) <= 15:
        return None
    return digits.lstrip("0") or None
