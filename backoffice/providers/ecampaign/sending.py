"""sendSMS, sendVoice, sendMail and sendFAX (spec, "Méthode pour l'envoi des
messages"). A send is never retried unless the request provably never left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .connection import Connection
from .recipients import GroupTarget, Phone, Recipients
from .results import SendResult, SentMessage
from .xml import Element, add, add_optional, parse_answer, text, to_decimal, to_int

PARTIAL_FAILURE = 12  # "Des erreurs se sont produites durant l'envoi": per-recipient states follow

PhoneInput = Phone | str | tuple[str, str]


class SendingMixin(Connection):
    def send_sms(
        self,
        *,
        route: int,
        message: str | None = None,
        template_id: int | None = None,
        sender_id: str | None = None,
        caller_id: str | None = None,
        send_date: dt.datetime | None = None,
        phones: Iterable[PhoneInput] | None = None,
        group: GroupTarget | None = None,
    ) -> SendResult:
        root = self._request()
        op = add(root, "sendSMS")
        add(op, "route", route)
        add_optional(op, "senderID", sender_id)
        add_optional(op, "callerID", caller_id)
        add_optional(op, "templateID", template_id)
        add_optional(op, "message", message)
        add_optional(op, "sendDate", send_date)
        _add_recipients(op, Recipients.of(phones=phones, group=group))
        return self._send("/sendSMS", root)

    def send_voice(
        self,
        *,
        route: int,
        template_id: int,
        caller_id: str | None = None,
        send_date: dt.datetime | None = None,
        phones: Iterable[PhoneInput] | None = None,
        group: GroupTarget | None = None,
    ) -> SendResult:
        root = self._request()
        op = add(root, "sendVoice")
        add(op, "route", route)
        add(op, "templateID", template_id)
        add_optional(op, "callerID", caller_id)
        add_optional(op, "sendDate", send_date)
        _add_recipients(op, Recipients.of(phones=phones, group=group))
        return self._send("/sendVoice", root)

    def send_mail(
        self,
        *,
        route: int,
        subject: str | None = None,
        message: str | None = None,
        template_id: int | None = None,
        reply_to: str | None = None,
        send_date: dt.datetime | None = None,
        emails: Iterable[str] | None = None,
        group: GroupTarget | None = None,
    ) -> SendResult:
        root = self._request()
        op = add(root, "sendMail")
        add(op, "route", route)
        add_optional(op, "templateID", template_id)
        add_optional(op, "sendDate", send_date)
        add_optional(op, "replyTo", reply_to)
        add_optional(op, "subject", subject)
        add_optional(op, "message", message)
        _add_recipients(op, Recipients.of(emails=emails, group=group))
        return self._send("/sendMail", root)

    def send_fax(
        self,
        *,
        route: int,
        filename: str,
        caller_id: str | None = None,
        send_date: dt.datetime | None = None,
        phones: Iterable[PhoneInput] | None = None,
        group: GroupTarget | None = None,
    ) -> SendResult:
        root = self._request()
        op = add(root, "sendFAX")
        add(op, "route", route)
        add(op, "filename", filename)
        add_optional(op, "sendDate", send_date)
        add_optional(op, "callerID", caller_id)
        _add_recipients(op, Recipients.of(phones=phones, group=group))
        return self._send("/sendFAX", root)

    def _send(self, path: str, root: Element) -> SendResult:
        return self._exchange(path, root, safe_to_repeat=False, read=lambda answer: parse_send_answer(answer.content))


def _add_recipients(op: Element, recipients: Recipients) -> None:
    container = add(op, "recipients")
    target = recipients.group
    if target is not None:
        add(container, "groupID", target.group_id)
        if target.fields:
            fields = add(container, "groupFields")
            for name in target.fields:
                add(fields, "field", name)
        if target.criteria:
            group_filter = add(container, "groupFilter")
            add(group_filter, "globalOperator", str(target.operator))
            for criterion in target.criteria:
                criteria = add(group_filter, "criteria")
                add(criteria, "field", criterion.field)
                add(criteria, "operator", str(criterion.operator))
                add(criteria, "value", criterion.value)
    for phone in recipients.phones:
        element = add(container, "phone")
        add(element, "code", phone.code)
        add(element, "number", phone.number)
    for email in recipients.emails:
        add(add(container, "mail"), "mail", email)


def parse_send_answer(content: bytes) -> SendResult:
    """The synchronous answer: code 0, or 12 with the refused recipients marked KO.
    Recipients come as ``<destination>`` (the spec) or ``<phone>`` (the vendor's sample)."""
    root = parse_answer(content, tolerate=(PARTIAL_FAILURE,))
    messages = []
    for destination in root.iterfind("recipients/*"):
        state = text(destination, "state")
        messages.append(
            SentMessage(
                accepted=state.upper() == "OK",
                state=state,
                message_id=text(destination, "msgid"),
                credits=to_decimal(text(destination, "credits")),
                member_id=to_int(text(destination, "memberID")),
                mail=destination.get("mail", ""),
                code=destination.get("code", ""),
                number=destination.get("number", ""),
            )
        )
    return SendResult(code=int(text(root, "code")), message=text(root, "message"), messages=messages)
