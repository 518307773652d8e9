"""getCredit, manageFeedback/*, tracking/* and numberInfo/HLRlookup."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from ...sandbox.app import Response
from ..codes import HLR_ERROR_CODES, HLR_STATUS_CODES
from ..xml import Element, add, text
from .state import FEEDBACK_CHANNELS, ROUTE_TYPES, Account, Campaign, Message, Refusal, Store, answer, stamp

MAX_CDR_DAYS = 31
CDR_CHANNELS = ("sms", "voice", "mail", "fax")


def get_credit(account: Account) -> Element:
    if not account.routes:
        raise Refusal(31)
    root = answer()
    container = add(root, "credits")
    for route in account.routes.values():
        add(
            container,
            "route",
            route.credits,
            id=route.id,
            name=route.name,
            type=ROUTE_TYPES[route.channel],
            expire=route.expires.isoformat() if route.expires else "",
            allownegative=route.allow_negative,
        )
    return root


def feedback_channel(channel: str) -> str:
    if channel not in FEEDBACK_CHANNELS:
        raise Refusal(18)
    return channel


def get_blacklist(account: Account, channel: str) -> Element:
    root = answer()
    entries = account.blacklists[channel]
    if entries:  # "Si la liste contient des contacts"
        blacklist = add(root, "blacklist")
        for entry in entries:
            member = add(blacklist, "member")
            add(member, "date", stamp(entry.date))
            if channel == "mail":
                add(member, "mail", entry.mail)
            else:
                add(member, "code", entry.code)
                add(member, "number", entry.number)
            add(member, "reason", entry.reason)
    return root


def del_blacklist_member(account: Account, channel: str, op: Element | None) -> Element:
    if op is None:
        raise Refusal(1)
    mail, code, number = text(op, "mail").lower(), text(op, "code").lstrip("+"), text(op, "number").lstrip("0")
    if not (mail or number):
        raise Refusal(1, "give a phone number or an e-mail address")
    entries = account.blacklists[channel]
    kept = [
        e
        for e in entries
        if not ((mail and e.mail.lower() == mail) or (number and (e.code, e.number) == (code or "33", number)))
    ]
    if len(kept) == len(entries):
        raise Refusal(22)
    account.blacklists[channel] = kept
    return answer()


def get_responses(account: Account, channel: str) -> Element:
    root = answer()
    for reply in account.responses[channel]:
        container = add(root, "responses")
        for tag, value in (
            ("date", stamp(reply.date)),
            ("code", reply.code),
            ("number", reply.number),
            ("message", reply.message),
        ):
            add(container, tag, value)
    return root


def get_mail_events(store: Store, account: Account, campaign_id: int) -> Element:
    campaign = store.campaigns.get(campaign_id)
    if campaign is None or campaign.owner != account.user:
        raise Refusal(82)
    root = answer()
    container = add(root, "getMailEvents")
    for event in store.mail_events:
        if event.campaign_id == campaign_id:
            element = add(container, "event", id=event.id, type=event.type)
            for tag, value in (
                ("date", stamp(event.date)),
                ("mail_recipient", event.mail),
                ("message_id", event.message_id),
                ("value", event.value),
                ("user_agent", event.user_agent),
                ("ip", event.ip),
                ("lang", event.lang),
            ):
                add(element, tag, value)
    return root


# --- getCDR -------------------------------------------------------------------------


def get_cdr(store: Store, account: Account, op: Element | None) -> Response:
    """Written as text, not as a tree: a CDR may list hundreds of thousands of messages."""
    query = op.find("getCDR") if op is not None else None
    start, stop = _day(text(query, "startdate")), _day(text(query, "stopdate"))
    if start is None or stop is None or stop < start or (stop - start).days > MAX_CDR_DAYS:
        raise Refusal(80)
    channel = text(query, "channel").lower()
    if channel and channel not in CDR_CHANNELS:
        raise Refusal(18)
    campaign_only, api_only = _flag(query, "campaignonly"), _flag(query, "apionly")
    show_content, campaign_id = _flag(query, "showcontent"), text(query, "campaignid")

    def wanted(item: Message | Campaign) -> bool:
        return (
            item.owner == account.user
            and (not channel or item.channel == channel)
            and (not api_only or item.from_api)
            and start <= item.date_init.date() <= stop
        )

    if campaign_id:
        campaign = store.campaigns.get(int(campaign_id)) if campaign_id.isdigit() else None
        if campaign is None or campaign.owner != account.user:
            raise Refusal(82)
        rows = [_campaign_message(store.messages[ref], show_content) for ref in campaign.message_refs]
    else:
        rows = (
            []
            if campaign_only
            else [
                _unit_message(m, show_content) for m in store.messages.values() if m.campaign_id is None and wanted(m)
            ]
        )
        rows += [_campaign(c) for c in store.campaigns.values() if wanted(c)]
    if not rows:
        raise Refusal(81)
    success = escape(answer().findtext("message"))
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<ecampaign><code>0</code><message>{success}</message><getCDR>'
    return Response("".join([head, *rows, "</getCDR></ecampaign>"]).encode("utf-8"))


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _flag(query: Element | None, tag: str) -> bool:
    return text(query, tag).lower() in ("true", "1")


def _elements(pairs) -> str:
    return "".join(f"<{tag}>{escape(str(value))}</{tag}>" for tag, value in pairs)


def _delivery(m: Message, show_content: bool) -> tuple[tuple[str, object], ...]:
    """The fields both forms of a CDR message end with."""
    return (
        ("phone_code", m.code),
        ("phone_number", m.number),
        ("mail_recipient", m.mail),
        ("mail_subject", m.subject),
        ("status_id", "" if m.status_id is None else m.status_id),
        ("status_date", stamp(m.status_date)),
        ("content", m.content if show_content else ""),
    )


def _unit_message(m: Message, show_content: bool) -> str:
    fields = (
        ("date_init", stamp(m.date_init)),
        ("sender", m.sender),
        ("from_api", "true" if m.from_api else "false"),
        ("credits", m.credits),
        ("message_ref", m.ref),
        *_delivery(m, show_content),
    )
    return f'<message id="{m.id}" channel={quoteattr(m.channel)}>{_elements(fields)}</message>'


def _campaign_message(m: Message, show_content: bool) -> str:
    fields = (
        ("date_init", stamp(m.date_init)),
        ("credits", m.credits),
        ("message_ref", m.ref),
        ("group_member_id", m.member_id or ""),
        *_delivery(m, show_content),
    )
    return f'<message id="{m.id}">{_elements(fields)}</message>'


def _campaign(c: Campaign) -> str:
    fields = (
        ("date_init", stamp(c.date_init)),
        ("sender", c.sender),
        ("from_api", "true" if c.from_api else "false"),
        ("credits", c.credits),
        ("group_id", c.group_id or ""),
        ("template_id", c.template_id or ""),
    )
    return (
        f'<campaign id="{c.id}" channel={quoteattr(c.channel)} recipients_count="{c.recipients_count}">'
        f"{_elements(fields)}</campaign>"
    )


# --- HLR ------------------------------------------------------------------------------

# Test numbers: a national number ending in "0000E" answers error code E (0-7),
# one ending in "00099" the unknown error; any other mobile is valid (and some ported).
OPERATORS = {"6": ("Orange France", "20801"), "7": ("Free Mobile", "20815")}


def hlr_lookup(code: str, number: str) -> Element:
    if not (code.isdigit() and number.lstrip("0").isdigit()):
        raise Refusal(1)
    number = number.lstrip("0")
    error = _hlr_error(number)
    status = {0: 0, 7: 5, 99: 99}.get(error, 3)
    ported = error == 0 and number.endswith("5")
    network, mccmnc = OPERATORS.get(number[:1], ("SFR", "20810"))
    root = answer()
    hlr = add(root, "hlr")
    values = (
        ("number", f"{code}{number}"),
        ("status_code", status),
        ("status_msg", _hlr_message("status", status)),
        ("error_code", error),
        ("error_permanent", error in (1, 3, 4, 5, 7)),
        ("error_msg", _hlr_message("error", error)),
        ("imsi", f"{mccmnc}{number[-10:]:0>10}" if error == 0 else ""),
        ("net_mcc", mccmnc[:3]),
        ("net_mnc", mccmnc[3:]),
        ("ported", ported),
        ("net_orig", network),
        ("net_orig_prefix", number[:2]),
        ("net_orig_country", code),
        ("net_port", "Bouygues Telecom" if ported else ""),
        ("net_port_prefix", "66" if ported else ""),
        ("net_port_country", code if ported else ""),
    )
    for tag, value in values:
        add(hlr, tag, value)
    return root


def _hlr_error(number: str) -> int:
    if number.endswith("00099"):
        return 99
    if number[-5:-1] == "0000" and number[-1] in "01234567":
        return int(number[-1])
    return 0


def _hlr_message(kind: str, code: int) -> str:
    table = HLR_STATUS_CODES if kind == "status" else HLR_ERROR_CODES
    return table[code][1].fr
