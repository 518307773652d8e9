"""The sandbox's AllMySMS platform: accounts with credits, sub-accounts, campaigns
(immediate and deferred) and what happens to their messages over time.

Delivery is simulated from the sandbox clock, by the recipient's last digit so
that tests and rehearsals can choose an outcome: 5 s after sending every message
is "Transmis à l'opérateur" (ack 3); 30 s after, it is final: ...0 rejected as
unknown (5), ...9 rejected (4), ...8 not delivered (2), others delivered (1).
60 s after sending, numbers ending in 7 reply "Merci" and numbers ending in 6
reply "STOP" (and join the account's STOP list). A number already on the STOP
list is rejected (4).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from ..sandbox.clock import PARIS, SandboxClock

TRANSMITTED_AFTER = 5.0
FINAL_AFTER = 30.0
REPLY_AFTER = 60.0
FINAL_ACK_BY_LAST_DIGIT = {"0": ("5", "Unknown number"), "9": ("4", "Rejected"), "8": ("2", "Not delivered")}
DELIVERED = ("1", "Delivered")
TRANSMITTED = ("3", "Sent to operator")
STOPPED = ("4", "Rejected: STOP")
REPLY_BY_LAST_DIGIT = {"7": "Merci, bien reçu", "6": "STOP"}


def stamp(when: float) -> str:
    return dt.datetime.fromtimestamp(when, tz=PARIS).strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class Account:
    login: str
    password: str
    credits: float
    active: bool = True
    master: str | None = None
    post_paid: bool = False
    profile: dict[str, str] = field(default_factory=dict)
    stops: dict[str, tuple[str, float]] = field(default_factory=dict)  # phone -> (comment, when)


@dataclass
class Recipient:
    phone: str  # wire form: country code and number, no "+"
    parts: int
    first_id: int  # the ids of its parts follow


@dataclass
class Reply:
    reply_id: int
    phone: str
    text: str
    received: float


@dataclass
class Campaign:
    campaign_id: str
    owner: str
    message: str
    recipients: list[Recipient]
    cost: float
    sender: str
    name: str = ""
    cli_msg_id: str = ""
    send_at: float | None = None  # deferred campaigns only
    state: str = "sent"  # scheduled, sent, deleted; or a seeded corrupt state
    sent_at: float | None = None
    replies: list[Reply] = field(default_factory=list)
    reports_unreachable: bool = False  # getAcks/getPull answer 3 "Problème de connexion au service"

    @property
    def deferred(self) -> bool:
        return self.send_at is not None


class Platform:
    def __init__(self, clock: SandboxClock) -> None:
        self.clock = clock
        self.accounts: dict[str, Account] = {}
        self.campaigns: dict[str, Campaign] = {}
        self.message_ids = itertools.count(32845703)  # the spec's sample ids
        self.campaign_numbers = itertools.count(111110693496)
        self.reply_ids = itertools.count(1)

    # --- accounts ----------------------------------------------------------------

    def account(self, login: str | None, password: str | None) -> Account | None:
        account = self.accounts.get(login or "")
        return account if account is not None and account.password == (password or "") else None

    def add_account(self, account: Account) -> Account:
        self.accounts[account.login] = account
        return account

    # --- campaigns ---------------------------------------------------------------

    def new_campaign(self, **fields) -> Campaign:
        campaign = Campaign(campaign_id=f"ap_{next(self.campaign_numbers)}", **fields)
        self.campaigns[campaign.campaign_id] = campaign
        return campaign

    def allocate_ids(self, parts: int) -> int:
        first = next(self.message_ids)
        for _ in range(parts - 1):
            next(self.message_ids)
        return first

    def dispatch(self, campaign: Campaign, when: float) -> None:
        campaign.state, campaign.sent_at = "sent", when
        self.clock.call_at(when + REPLY_AFTER, lambda: self._receive_replies(campaign))

    def schedule(self, campaign: Campaign, lock) -> None:
        def fall_due() -> None:
            with lock:
                if campaign.state == "scheduled":
                    self.dispatch(campaign, campaign.send_at)

        self.clock.call_at(campaign.send_at, fall_due)

    def _receive_replies(self, campaign: Campaign) -> None:
        owner = self.accounts[campaign.owner]
        received = campaign.sent_at + REPLY_AFTER
        for recipient in campaign.recipients:
            text = REPLY_BY_LAST_DIGIT.get(recipient.phone[-1:])
            if text is None or recipient.phone in owner.stops:  # a STOPped number was not reached
                continue
            campaign.replies.append(Reply(next(self.reply_ids), recipient.phone, text, received))
            if text == "STOP":
                owner.stops[recipient.phone] = ("stop", received)

    def acks(self, campaign: Campaign) -> list[dict]:
        if campaign.sent_at is None:
            return []
        elapsed = self.clock.time() - campaign.sent_at
        if elapsed < TRANSMITTED_AFTER:
            return []
        stops = self.accounts[campaign.owner].stops
        acks = []
        for recipient in campaign.recipients:
            stopped = recipient.phone in stops and stops[recipient.phone][1] <= campaign.sent_at
            if stopped:
                (code, comment), delay = STOPPED, TRANSMITTED_AFTER
            elif elapsed < FINAL_AFTER:
                (code, comment), delay = TRANSMITTED, TRANSMITTED_AFTER
            else:
                (code, comment), delay = FINAL_ACK_BY_LAST_DIGIT.get(recipient.phone[-1:], DELIVERED), FINAL_AFTER
            acks.append(
                {
                    "phoneNumber": recipient.phone,
                    "status": int(code),
                    "comment": comment,
                    "receptionDate": stamp(campaign.sent_at + delay),
                }
            )
        return acks

    def summary(self) -> dict:
        return {
            "accounts": {
                a.login: {"credits": a.credits, "active": a.active, "master": a.master, "stops": len(a.stops)}
                for a in self.accounts.values()
            },
            "campaigns": {
                c.campaign_id: {
                    "owner": c.owner,
                    "state": c.state,
                    "recipients": len(c.recipients),
                    "cost": c.cost,
                    "sender": c.sender,
                    "send_at": stamp(c.send_at) if c.send_at else None,
                }
                for c in self.campaigns.values()
            },
        }
