"""sendSMS / sendVoice / sendMail / sendFAX as eCampaign checks and answers them:
route (19), sender (16, 15), template (17), message (14), date (40), recipients
from phones, e-mails or a filtered group (27, 21, 26, 41, 42, 13), credits (11),
and per-recipient KO for blacklisted or invalid recipients (12)."""

from __future__ import annotations

import datetime as dt
import math
import secrets
from dataclasses import dataclass
from decimal import Decimal

from ...sandbox.clock import PARIS
from ..xml import DATETIME_FORMAT, Element, add, text
from .state import Account, Campaign, Group, Message, Refusal, Store, answer, is_mail, national_digits

MAX_SMS_CHARS = 1530  # ten concatenated parts of 153 characters
SENDERS_MAX = 11
OPERATORS = {"=", "!=", "LIKE", "NOTLIKE", "BEGIN", "NOTBEGIN", "END", "NOTEND", "NOTNULL", "NULL"}
# Which group field types can receive each channel.
DESTINATION_TYPES = {"sms": ("mobile", "fixe"), "voice": ("mobile", "fixe"), "fax": ("fax",), "mail": ("mail",)}
CHANNELS = {"sendSMS": "sms", "sendVoice": "voice", "sendMail": "mail", "sendFAX": "fax"}


@dataclass
class Target:
    code: str = ""
    number: str = ""
    mail: str = ""
    member_id: int | None = None

    @property
    def key(self) -> str:
        return self.mail.lower() if self.mail else f"{self.code}{self.number}"


@dataclass
class Send:
    """A checked send, ready to be recorded."""

    channel: str
    route_id: int
    sender: str
    content: str
    subject: str
    template_id: int | None
    group_id: int | None
    send_at: dt.datetime
    targets: list[Target]


def check_send(store: Store, account: Account, operation: str, op: Element, now: dt.datetime) -> Send:
    channel = CHANNELS[operation]
    route = account.routes.get(_int(text(op, "route")) or -1)
    if route is None or route.channel != channel:
        raise Refusal(19)
    sender = account.sender
    if channel == "sms":
        sender = _check_sender(text(op, "senderID"), account.sender, route.custom_sender)
    elif channel in ("voice", "fax"):
        sender = text(op, "callerID") or account.caller_id
    else:
        sender = text(op, "replyTo") or account.reply_to
    template = _check_template(store, account, op, channel)
    content, subject = text(op, "message"), text(op, "subject")
    if template is not None:
        content, subject = content or template.message, subject or template.subject
    if channel == "sms" and not 0 < len(content) <= MAX_SMS_CHARS:
        raise Refusal(14)
    if channel == "mail" and not (content and subject):
        raise Refusal(1, "an e-mail needs a subject and a message, or a template")
    if channel == "fax":
        content = text(op, "filename")
        if content not in account.files:
            raise Refusal(1, f"no file {content!r} in the file manager")
    send_at = _check_date(text(op, "sendDate"), now)
    recipients = op.find("recipients")
    targets, group_id = _targets(store, account, recipients, channel)
    if not targets:
        raise Refusal(13)
    return Send(channel, route.id, sender, content, subject, template and template.id, group_id, send_at, targets)


def cost(send: Send, duration: int) -> Decimal:
    """Credits per recipient: SMS parts, voice minutes, one e-mail, one fax page."""
    if send.channel == "sms":
        return Decimal(1 if len(send.content) <= 160 else math.ceil(len(send.content) / 153))
    if send.channel == "voice":
        return Decimal(max(1, duration // 60))
    return Decimal(1)


def record_send(store: Store, account: Account, send: Send, duration: int, now: dt.datetime):
    """Debit the route, store the messages (and a campaign when there are several
    recipients or a group) and build the answer. Returns (answer, accepted messages)."""
    route = account.routes[send.route_id]
    unit = cost(send, duration)
    blacklist = {e.mail.lower() or f"{e.code}{e.number}" for e in account.blacklists.get(send.channel, [])}

    def deliverable(target: Target) -> bool:
        return bool(target.mail or target.number) and target.key not in blacklist

    accepted = [t for t in send.targets if deliverable(t)]
    usable = route.credits if route.expires is None or route.expires >= now.date() else Decimal(0)
    if unit * len(accepted) > usable + route.allow_negative:
        raise Refusal(11)
    route.credits -= unit * len(accepted)
    campaign = None
    if send.group_id is not None or len(send.targets) > 1:
        campaign = Campaign(
            store.next_id("campaign"),
            account.user,
            send.channel,
            send.send_at,
            send.sender,
            unit * len(accepted),
            len(send.targets),
            send.group_id,
            send.template_id,
        )
        store.campaigns[campaign.id] = campaign
    root = answer(0 if len(accepted) == len(send.targets) else 12)
    container = add(root, "recipients")
    messages = []
    for target in send.targets:
        ok = deliverable(target)
        destination = add(
            container, "destination", mail=target.mail or None, code=target.code or None, number=target.number or None
        )
        add(destination, "state", "OK" if ok else "KO")
        message = None
        if ok:
            message = Message(
                store.next_id("message"),
                secrets.token_hex(8),
                account.user,
                send.channel,
                send.send_at,
                unit,
                send.sender,
                campaign_id=campaign and campaign.id,
                member_id=target.member_id,
                code=target.code,
                number=target.number,
                mail=target.mail,
                subject=send.subject,
                content=send.content,
            )
            store.messages[message.ref] = message
            messages.append(message)
            if campaign:
                campaign.message_refs.append(message.ref)
        add(destination, "msgid", message.ref if message else "")
        add(destination, "credits", unit if ok else 0)
        if target.member_id is not None:
            add(destination, "memberID", target.member_id)
    return root, messages


def _check_sender(sender: str, default: str, custom_allowed: bool) -> str:
    if not sender:
        return default
    if not 1 <= len(sender) <= SENDERS_MAX or not sender.replace(" ", "").isalnum():
        raise Refusal(16)
    if sender != default and not custom_allowed:
        raise Refusal(15)
    return sender


def _check_template(store: Store, account: Account, op: Element, channel: str):
    raw = text(op, "templateID")
    if not raw:
        if channel == "voice":
            raise Refusal(17)
        return None
    template = store.templates.get(_int(raw) or -1)
    if template is None or template.owner != account.user or template.type != channel:
        raise Refusal(17)
    return template


def _check_date(raw: str, now: dt.datetime) -> dt.datetime:
    if not raw:
        return now
    try:
        when = dt.datetime.strptime(raw, DATETIME_FORMAT).replace(tzinfo=PARIS)
    except ValueError as exc:
        raise Refusal(40) from exc
    return max(when, now)


def _targets(store: Store, account: Account, recipients: Element | None, channel: str):
    if recipients is None:
        return [], None
    targets = []
    for element in recipients:
        if element.tag == "phone" and channel != "mail":
            number = national_digits(text(element, "number")) or ""
            targets.append(Target(code=text(element, "code").lstrip("+") or "33", number=number))
        elif element.tag == "mail" and channel == "mail":
            mail = text(element, "mail") or (element.text or "").strip()
            targets.append(Target(mail=mail if is_mail(mail) else ""))
    group_id = _int(text(recipients, "groupID"))
    if group_id is not None:
        group = store.groups.get(group_id)
        if group is None:
            raise Refusal(27)
        if group.owner != account.user:
            raise Refusal(21)
        targets.extend(_group_targets(group, recipients, channel))
    return targets, group_id


def _group_targets(group: Group, recipients: Element, channel: str) -> list[Target]:
    names = [(f.text or "").strip() for f in recipients.iterfind("groupFields/field")]
    fields = [group.field(name) for name in names]
    if not fields or any(f is None or f.type not in DESTINATION_TYPES[channel] for f in fields):
        raise Refusal(26)
    keep = _member_filter(group, recipients.find("groupFilter"))
    targets = []
    for member in group.members.values():
        if not keep(member.values):
            continue
        for field in fields:
            value = member.values.get(field.name, "")
            if not value:
                continue
            if channel == "mail":
                targets.append(Target(mail=value, member_id=member.id))
            else:
                targets.append(Target(code=member.codes.get(field.name, "33"), number=value, member_id=member.id))
    return targets


def _member_filter(group: Group, group_filter: Element | None):
    if group_filter is None:
        return lambda values: True
    mode = (text(group_filter, "globalOperator") or "AND").upper()
    if mode not in ("AND", "OR"):
        raise Refusal(42)
    tests = []
    for criteria in group_filter.iterfind("criteria"):
        field = group.field(text(criteria, "field"))
        if field is None:
            raise Refusal(41)
        operator = text(criteria, "operator").upper()
        if operator not in OPERATORS:
            raise Refusal(42)
        tests.append((field.name, operator, text(criteria, "value").lower()))
    combine = all if mode == "AND" else any
    return lambda values: combine(_matches(values.get(n, "").lower(), op, v) for n, op, v in tests)


def _matches(actual: str, operator: str, wanted: str) -> bool:
    positive = {
        "=": lambda: actual == wanted,
        "LIKE": lambda: wanted in actual,
        "BEGIN": lambda: actual.startswith(wanted),
        "END": lambda: actual.endswith(wanted),
        "NOTNULL": lambda: actual != "",
    }
    if operator in positive:
        return positive[operator]()
    return not _matches(actual, {"!=": "=", "NULL": "NOTNULL"}.get(operator, operator.removeprefix("NOT")), wanted)


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None
