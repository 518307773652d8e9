"""What the MDWorks client returns: the REST answers (mdworks-rest-api.txt) as
typed dataclasses, numbers as numbers, and the report of a chunked insert."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..errors import ProviderError


@dataclass(frozen=True)
class SubAccount:
    """One entry of ``user_list`` (spec: "Liste des sous-comptes")."""

    id: int
    login: str  # "log"
    name: str  # "nom"
    email: str
    quota: int
    pool_id: int | None  # "classe_domaines": the IP pool's id
    password: str | None = field(default=None, repr=False)  # "pass", not always given


@dataclass(frozen=True)
class IpPool:
    """One entry of ``pools_list``."""

    id: int
    name: str  # "nom"
    sender_domain: str  # "domaine_expediteur"
    tracking_domain: str  # "domaine_tracking"
    ip_range: str
    ip_count: int  # "nb_ip"
    tracking_ssl: bool


@dataclass(frozen=True)
class ContactList:
    """One entry of ``list_list``."""

    id: int
    name: str  # "nom"
    email_field: str  # "field_email"
    sms_field: str  # "field_sms"
    row_count: int  # "total_lignes"


@dataclass(frozen=True)
class CampaignStats:
    """One campaign of ``campaigns_stats`` (last 30 days, main account and sub-accounts)."""

    id: int
    user_id: int
    user: str
    reference: str
    subject: str
    sent_at: dt.datetime  # Europe/Paris
    volume: int
    open_unique: int
    open: int
    click_unique: int
    click: int
    hard_bounce: int
    soft_bounce: int
    unsubscribe: int


class ChunkOutcome(StrEnum):
    INSERTED = "inserted"  # MDWorks answered ok: every row sent went in
    REFUSED = "refused"  # MDWorks answered an error: nothing of this chunk went in
    NOT_SENT = "not_sent"  # the request never reached MDWorks (after retries)
    UNCERTAIN = "uncertain"  # sent, but no usable answer: it may or may not have gone in
    NOTHING_TO_SEND = "nothing_to_send"  # every row of the chunk was refused before sending


@dataclass(frozen=True)
class RowRejection:
    """A row refused before sending (its position in the caller's iterable, from 0)."""

    row_number: int
    field: str
    reason: str


@dataclass(frozen=True)
class ChunkReport:
    number: int  # from 1
    first_row: int  # position of the chunk's first row in the caller's iterable
    row_count: int  # rows read for this chunk, sent or rejected
    sent: int  # rows sent in the ``list_insert`` call
    outcome: ChunkOutcome
    error: ProviderError | None = None
    rejected: tuple[RowRejection, ...] = ()

    @property
    def inserted(self) -> int:
        return self.sent if self.outcome is ChunkOutcome.INSERTED else 0


@dataclass
class InsertReport:
    """Totals of an ``insert_rows`` run; only the chunks with a problem are kept,
    so the report stays small for a million rows."""

    rows_read: int = 0
    inserted: int = 0
    rejected: int = 0  # refused before sending (bad email...)
    failed: int = 0  # in chunks MDWorks refused or that never reached it
    uncertain: int = 0  # in chunks that may or may not have gone in
    chunks: int = 0
    problems: list[ChunkReport] = field(default_factory=list)
    # Set when the run stopped early (wrong API key, unknown list, provider down):
    # rows after ``rows_read`` were not read.
    stopped_by: ProviderError | None = None

    @property
    def complete(self) -> bool:
        return self.stopped_by is None and self.inserted == self.rows_read

    def add(self, chunk: ChunkReport) -> None:
        self.chunks += 1
        self.rows_read += chunk.row_count
        self.rejected += len(chunk.rejected)
        self.inserted += chunk.inserted
        if chunk.outcome in (ChunkOutcome.REFUSED, ChunkOutcome.NOT_SENT):
            self.failed += chunk.sent
        elif chunk.outcome is ChunkOutcome.UNCERTAIN:
            self.uncertain += chunk.sent
        if chunk.rejected or chunk.outcome not in (ChunkOutcome.INSERTED, ChunkOutcome.NOTHING_TO_SEND):
            self.problems.append(chunk)
