"""The sandbox's sendSms: the checks of Annex 1 in the order a status can be
reached (102 first, then the envelope, the message, the date, the numbers, the
credits), then the campaign, charged one credit per SMS part."""

from __future__ import annotations

import re

from lxml import etree

from . import checks
from .codes import SEND_STATUSES
from .sandbox_platform import Account, Platform, Recipient
from .sandbox_soap import array, children, value
from .segments import count_segments

CREDITS_PER_PART = 1.0
DEFAULT_SENDER = "36180"  # what French recipients see without "STOP au 36180"


class Refusal(Exception):
    def __init__(self, status: int, text: str | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.text = text or SEND_STATUSES[str(status)].message.fr


def _int(element: etree._Element | None) -> int:
    text = value(element)
    if text is None or text.strip() == "":
        return 0
    if not re.fullmatch(r"\s*-?\d+\s*", text):
        raise Refusal(106)
    return int(text)


def _render(message: str, params: list[str], dynamic: int) -> str:
    def substitute(match: re.Match) -> str:
        index = int(match.group(1))
        if index > dynamic or index > len(params):
            raise Refusal(109)
        return params[index - 1]

    return checks.PLACEHOLDER.sub(substitute, message)


def send(platform: Platform, account: Account | None, message_data: etree._Element | None, lock) -> dict:
    if account is None or not account.active:
        raise Refusal(102)
    fields = children(message_data)
    if not fields:
        raise Refusal(105)
    if "message" not in fields or "sms" not in fields or not array(fields["sms"]):
        raise Refusal(106)
    dynamic, lowcost = _int(fields.get("dynamic")), _int(fields.get("lowcost"))
    _int(fields.get("mailNotif"))
    message = value(fields["message"]) or ""
    if not message.strip():
        raise Refusal(110)
    if checks.CONTROL_CHARACTERS.search(message):
        raise Refusal(109)
    send_at = None
    date = value(fields.get("date"))
    if date:
        try:
            send_at = checks.parse_send_date(date).timestamp()
        except checks.InvalidRequestError:
            raise Refusal(115) from None
    tpoa = (value(fields.get("tpoa")) or "").strip()
    if tpoa and not checks.TPOA.fullmatch(tpoa):
        raise Refusal(106)

    recipients, invalid, french, cost = [], [], False, 0.0
    for item in array(fields["sms"]):
        item_fields = children(item)
        phone = (value(item_fields.get("mobilePhone")) or "").strip()
        if not phone:
            raise Refusal(112)
        try:
            e164 = checks.normalize_phone_number(phone)
        except checks.PhoneNumberError:
            invalid.append(phone)
            continue
        text = _render(message, [value(p) or "" for p in array(item_fields.get("params"))], dynamic)
        count = count_segments(text)
        if count.units > checks.MAX_PREMIUM_UNITS:
            raise Refusal(111)
        if lowcost and count.segments > checks.MAX_LOWCOST_SEGMENTS:
            raise Refusal(109)
        french = french or checks.is_french(e164)
        recipients.append(Recipient(checks.wire_phone(e164), count.segments, 0))
        cost += count.segments * CREDITS_PER_PART
    if not recipients:
        raise Refusal(114)
    if account.credits <= 0:
        raise Refusal(103)
    if account.credits < cost:
        text = SEND_STATUSES["104"].message.fr.replace("XX", f"{cost:g}").replace("YY", f"{account.credits:g}")
        raise Refusal(104, text)

    for recipient in recipients:
        recipient.first_id = platform.allocate_ids(recipient.parts)
    account.credits -= cost
    # "Pour des raisons légales": a custom sender reaches French numbers only with the mention.
    sender = tpoa or DEFAULT_SENDER
    if tpoa and french and not checks.has_stop_mention(message):
        sender = DEFAULT_SENDER
    now = platform.clock.time()
    deferred = send_at is not None and send_at > now
    campaign = platform.new_campaign(
        owner=account.login,
        message=message,
        recipients=recipients,
        cost=cost,
        sender=sender,
        name=value(fields.get("campaignName")) or "",
        cli_msg_id=value(fields.get("cliMsgId")) or "",
        send_at=send_at if deferred else None,
        state="scheduled" if deferred else "sent",
    )
    if deferred:
        platform.schedule(campaign, lock)
    else:
        platform.dispatch(campaign, now)
    status = 113 if invalid else 101 if deferred else 100
    return {
        "status": str(status),
        "statusText": SEND_STATUSES[str(status)].message.fr,
        "credits": f"{account.credits:g}",
        "invalidNumbers": ",".join(invalid),
        "campaignId": campaign.campaign_id,
        "ids": [
            {"mobilePhone": r.phone, "id": str(r.first_id + part), "part": str(part + 1)}
            for r in recipients
            for part in range(r.parts)
        ],
    }


def refusal_answer(refusal: Refusal, account: Account | None) -> dict:
    left = account.credits if account is not None else 0
    return {
        "status": str(refusal.status),
        "statusText": refusal.text,
        "credits": f"{left:g}",
        "invalidNumbers": "",
        "campaignId": "",
        "ids": [],
    }
