"""The delivery simulator: moves each accepted message through realistic
delivery states ("États de remise") on the sandbox clock, POSTs each state to
the callback URL (form field ``xml``), and leaves the traces a real account
would show: CDR status, mail events, STOP replies and blacklist entries."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable

import httpx
from lxml import etree

from ...sandbox.clock import PARIS
from ...sandbox.net import NotLoopbackError, post_form
from ..xml import add
from .state import BlacklistEntry, MailEvent, Message, Reply, stamp

logger = logging.getLogger(__name__)

STEP_SECONDS = (5, 30, 90, 240, 600, 1200)  # delay of each successive state after the send time

# (weight, states) per channel: mostly success, some of every kind of failure.
OUTCOMES: dict[str, list[tuple[int, list[int]]]] = {
    "sms": [(80, [1, 2, 4]), (5, [1, 3, 4]), (5, [1, 2, 8]), (3, [7]), (3, [1, 9]), (4, [1, 10])],
    "voice": [
        (30, [1, 11, 14, 16, "choice"]),
        (10, [1, 11, 14, 16, 17]),
        (5, [1, 11, 12]),
        (5, [1, 11, 14, 15]),
        (15, [1, 13]),
        (10, [1, 42]),
        (8, [1, 43]),
        (4, [1, 40]),
        (3, [1, 41]),
        (3, [1, 44]),
        (4, [1, 45]),
        (3, [1, 11, 46]),
    ],
    "mail": [
        (35, [54, 56, 58]),
        (30, [54, 56]),
        (10, [54]),
        (5, [54, 56, 59]),
        (5, [54, 50]),
        (4, [54, 51]),
        (4, [54, 52]),
        (3, [54, 56, 57]),
        (2, [54, 53]),
        (2, [55]),
    ],
    "fax": [(70, [1, 2, 4]), (8, [1, 62]), (8, [1, 63]), (5, [1, 60]), (4, [1, 61]), (5, [1, 64])],
}
MAIL_EVENTS = {56: "open", 58: "click", 59: "mirror", 57: "unsubscribe", 53: "complaint"}
STOP_REPLY_RATE = 0.03  # share of delivered SMS answered "STOP"


class DeliverySimulator:
    """``scripted`` lets tests choose the states of a recipient ("33612345678" or
    an e-mail address): ``simulator.scripted["33612345678"] = [1, 2, 4]``."""

    def __init__(self, sandbox) -> None:
        self.sandbox = sandbox
        self.scripted: dict[str, list[int]] = {}
        self.posted: list[tuple[str, str]] = []  # (url, xml) of every callback delivered
        self.failed_posts: list[tuple[str, str]] = []

    def plan(self, message: Message) -> list[int]:
        scripted = self.scripted.get(message.mail.lower() or f"{message.code}{message.number}")
        if scripted is not None:
            return list(scripted)
        rng = random.Random(message.ref)
        weights, plans = zip(*OUTCOMES[message.channel], strict=True)
        states = list(rng.choices(plans, weights=weights)[0])
        return [20 + rng.randrange(10) if state == "choice" else state for state in states]

    def start(self, message: Message) -> None:
        clock = self.sandbox.context.clock
        start = message.date_init.timestamp()
        for step, state in enumerate(self.plan(message)):
            clock.call_at(start + STEP_SECONDS[step], self._advance(message.ref, state, start + STEP_SECONDS[step]))

    def _advance(self, ref: str, state: int, when: float) -> Callable[[], None]:
        # Stamped with the time the state was due: when the clock jumps, several
        # states run at once (and, like real callbacks, may arrive out of order).
        now = dt.datetime.fromtimestamp(when, tz=PARIS).replace(microsecond=0)

        def run() -> None:
            with self.sandbox.lock:
                message = self.sandbox.store.messages.get(ref)
                if message is None:  # the sandbox was reset meanwhile
                    return
                message.status_id, message.status_date = state, now
                self._side_effects(message, state)
                url = self.sandbox.callback_url_for(message.owner)
            if url:
                self.post(url, callback_xml(ref, state, stamp(now)))

        return run

    def _side_effects(self, message: Message, state: int) -> None:
        store = self.sandbox.store
        account = store.accounts[message.owner]
        now = message.status_date
        if message.channel == "mail" and state in MAIL_EVENTS:
            value = "https://www.example.fr/offre" if state in (58, 59) else ""
            store.mail_events.append(
                MailEvent(
                    store.next_id("event"),
                    message.campaign_id,
                    MAIL_EVENTS[state],
                    now,
                    message.mail,
                    message.id,
                    value,
                )
            )
        if message.channel == "mail" and state in (50, 57, 53):
            reason = {50: "Remise impossible", 57: "Désinscription", 53: "Plainte"}[state]
            account.blacklists["mail"].append(BlacklistEntry(now, mail=message.mail, reason=reason))
        if message.channel == "sms" and state == 4 and random.Random(message.ref + "stop").random() < STOP_REPLY_RATE:
            account.responses["sms"].append(Reply(now, message.code, message.number, "STOP"))
            account.blacklists["sms"].append(
                BlacklistEntry(now, code=message.code, number=message.number, reason="STOP SMS")
            )

    def post(self, url: str, xml: str) -> None:
        try:
            post_form(url, {"xml": xml})
        except (NotLoopbackError, httpx.HTTPError) as exc:
            logger.info("eCampaign sandbox: callback to %s failed: %s", url, exc)
            self.failed_posts.append((url, xml))
            return
        self.posted.append((url, xml))


def callback_xml(ref: str, state: int, timestamp: str) -> str:
    root = etree.Element("ecampaign")
    add(root, "msgid", ref)
    add(root, "state", state)
    add(root, "timestamp", timestamp)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8")
