"""The MDWorks sandbox's state: the main account, its sub-accounts, IP pools,
lists, unsubscribe lists, sent campaigns (whose statistics grow with the
sandbox clock) and the scenario accounts, with the demo data."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field

# A list keeps this many rows for inspection; beyond, rows are only counted
# (a million-row benchmark must not hold a million dicts in the sandbox).
ROWS_KEPT_PER_LIST = 20_000


@dataclass
class Pool:
    id: int
    name: str
    sender_domain: str
    tracking_domain: str
    ip_range: str
    ip_count: int
    tracking_ssl: bool = True

    def as_json(self) -> dict:
        return {
            "id": str(self.id),
            "nom": self.name,
            "domaine_expediteur": self.sender_domain,
            "domaine_tracking": self.tracking_domain,
            "ip_range": self.ip_range,
            "nb_ip": str(self.ip_count),
            "tracking_ssl": "1" if self.tracking_ssl else "0",
        }


@dataclass
class User:
    id: int
    login: str
    password: str
    name: str = ""
    email: str = ""
    quota: int = 0
    pool_id: int = 0
    has_sent: bool = False

    def as_json(self) -> dict:
        return {
            "id": str(self.id),
            "log": self.login,
            "pass": self.password,
            "nom": self.name,
            "email": self.email,
            "quota": str(self.quota),
            "classe_domaines": str(self.pool_id),
        }


@dataclass
class ContactList:
    id: int
    owner_id: int
    name: str
    fields: list[str]
    email_field: str
    index_fields: list[str] = field(default_factory=list)
    encrypt_emails: bool = False
    protected: bool = False
    rows: list[dict[str, str]] = field(default_factory=list)
    row_count: int = 0

    def add(self, row: dict[str, str]) -> None:
        self.row_count += 1
        if len(self.rows) < ROWS_KEPT_PER_LIST:
            self.rows.append({name: row.get(name, "") for name in self.fields})

    def as_json(self) -> dict:
        return {
            "id": str(self.id),
            "nom": self.name,
            "field_email": self.email_field,
            "field_sms": "",
            "total_lignes": str(self.row_count),
        }


@dataclass
class Campaign:
    """A sent campaign; its counters grow with the clock towards rates drawn once."""

    id: int
    user_id: int
    user_login: str
    reference: str
    subject: str
    sent_at: float
    volume: int
    rates: dict[str, float] = field(default_factory=dict)

    OPEN_HALF_LIFE = 6 * 3600.0  # most opens come within a day
    BOUNCE_DELAY = 600.0  # bounces are all back within ten minutes

    def __post_init__(self) -> None:
        draw = random.Random(self.id)
        self.rates = {
            "open_unique": draw.uniform(0.18, 0.35),
            "click_unique": draw.uniform(0.02, 0.06),
            "hard_bounce": draw.uniform(0.002, 0.01),
            "soft_bounce": draw.uniform(0.001, 0.005),
            "unsubscribe": draw.uniform(0.001, 0.004),
        }

    def counters(self, now: float) -> dict[str, int]:
        elapsed = max(0.0, now - self.sent_at)
        engaged = 1 - math.exp(-elapsed * math.log(2) / self.OPEN_HALF_LIFE)
        bounced = min(1.0, elapsed / self.BOUNCE_DELAY)
        open_unique = round(self.volume * self.rates["open_unique"] * engaged)
        click_unique = round(self.volume * self.rates["click_unique"] * engaged)
        return {
            "open_unique": open_unique,
            "open": round(open_unique * 1.3),
            "click_unique": click_unique,
            "click": click_unique * 2,
            "hard_bounce": round(self.volume * self.rates["hard_bounce"] * bounced),
            "soft_bounce": round(self.volume * self.rates["soft_bounce"] * bounced),
            "unsubscribe": round(self.volume * self.rates["unsubscribe"] * engaged),
        }


@dataclass
class ScenarioAccount:
    """An MDWorks login as the SOAP scenario call knows it, with its scenarios."""

    login: str
    password: str
    scenarios: dict[str, str]  # id -> name


@dataclass
class Enrolment:
    id: int
    login: str
    scenario: str
    email: str
    values: tuple[str, ...]  # nom, prenom, p1..p6
    at: float


@dataclass
class MainAccount:
    id: int
    login: str
    api_key: str
    quota: int
    pool_id: int
    declared_ips: set[str] = field(default_factory=set)
    unsubscribed: set[str] = field(default_factory=set)  # "liste des désabonnés"
    radiated: set[str] = field(default_factory=set)  # "liste de radiation"


FIRST_USER_ID = 2123


class Ids:
    """Increasing ids per kind, from the spec's own examples."""

    def __init__(self) -> None:
        self.user = itertools.count(FIRST_USER_ID)
        self.list = itertools.count(33541)
        self.campaign = itertools.count(688646)
        self.recipient = itertools.count(500001)
