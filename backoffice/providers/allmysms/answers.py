"""Read zeep's view of the AllMySMS answers into our dataclasses, applying the
status tables of codes.py. Every leaf arrives as a string (see the WSDL: the
server's ``xsi:type``s are not to be trusted), so numbers and dates are read here."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import ProviderError
from ..types import DeliveryEvent, LocalizedMessage
from . import codes
from .checks import PARIS, PhoneNumberError, normalize_phone_number
from .codes import PROVIDER, StatusCode, error_for
from .results import (
    AccountInfo,
    AckReport,
    CampaignDeletion,
    Reply,
    ReplyReport,
    SendResult,
    SentMessage,
    Stop,
)


def text(node: object, name: str) -> str:
    value = getattr(node, name, None) if node is not None else None
    return "" if value is None else str(value).strip()


def items(node: object, name: str) -> list:
    array = getattr(node, name, None) if node is not None else None
    if array is None or isinstance(array, list):
        return array or []
    return list(getattr(array, "item", None) or [])


def number(value: str) -> float | None:
    try:
        return float(value.replace(",", "."))
    except ValueError:
        return None


def moment(value: str) -> dt.datetime | None:
    """The provider's dates are "YYYY-MM-DD HH:MM:SS", Paris time."""
    try:
        return dt.datetime.strptime(" ".join(value.split()), "%Y-%m-%d %H:%M:%S").replace(tzinfo=PARIS)
    except ValueError:
        return None


def phone(value: str) -> str:
    """A number as we store them (E.164), or as the provider wrote it if it is not one."""
    if value.isdigit() and not value.startswith("0"):
        return "+" + value  # the provider's usual form: country code and number (fast path for big sends)
    try:
        return normalize_phone_number(value)
    except PhoneNumberError:
        return value


def unknown(code: str, answer: object) -> ProviderError:
    """A status no table of the spec lists: not retried, kept raw for support."""
    error = ProviderError(f"Statut inconnu : {code!r}", provider=PROVIDER, code=code, raw=answer)
    error.localized = LocalizedMessage(f"Statut inconnu : {code!r}", f"Unknown status {code!r}")
    return error


def lookup(table: dict[str, StatusCode], code: str, answer: object) -> StatusCode:
    status = table.get(code)
    if status is None:
        raise unknown(code, answer)
    return status


def send_result(answer: object, *, stop_mention_added: bool) -> SendResult:
    code, status_text = text(answer, "status"), text(answer, "statusText")
    status = lookup(codes.SEND_STATUSES, code, answer)
    campaign_id = text(answer, "campaignId")
    # 113 with a campaign is a partial send: the valid numbers went out and were charged.
    partial = code == codes.PARTIAL_SEND_STATUS and campaign_id
    if status.error is not None and not partial:
        raise error_for(status, provider_text=status_text, raw=answer)
    return SendResult(
        status_code=code,
        status_text=status_text,
        message=status.message,
        campaign_id=campaign_id,
        credits=number(text(answer, "credits")),
        messages=tuple(
            SentMessage(phone(text(item, "mobilePhone")), text(item, "id"), int(text(item, "part") or 1))
            for item in items(answer, "ids")
        ),
        invalid_numbers=tuple(n for n in re.split(r"[\s,;]+", text(answer, "invalidNumbers")) if n),
        stop_mention_added=stop_mention_added,
        raw=answer,
    )


def _report_status(answer: object) -> str:
    code = text(answer, "status") or "1"
    status = lookup(codes.REPORT_STATUSES, code, answer)
    if status.error is not None:
        raise error_for(status, raw=answer)
    return code


def ack_report(answer: object, campaign_id: str) -> AckReport:
    code = _report_status(answer)
    events = []
    for item in items(answer, "acks"):
        ack_code, comment = text(item, "status"), text(item, "comment")
        events.append(
            DeliveryEvent(
                provider=PROVIDER,
                message_ref=campaign_id,  # acks carry no message id: campaign and number identify them
                recipient=phone(text(item, "phoneNumber")),
                status=codes.delivery_status(ack_code),
                raw_code=ack_code,
                raw_text=comment,
                occurred_at=moment(text(item, "receptionDate")),
                raw=item,
            )
        )
    return AckReport(campaign_id, code, text(answer, "cliMsgId"), tuple(events), raw=answer)


def reply_report(answer: object, campaign_id: str) -> ReplyReport:
    code = _report_status(answer)
    # The object table says "pull", the sample answer "answer" (with "pulls" nil).
    found = items(answer, "answer") or items(answer, "pull") or items(answer, "pulls")
    replies = tuple(
        Reply(
            reply_id=text(item, "id"),
            phone=phone(text(item, "phoneNumber")),
            campaign_id=text(item, "campaignId") or campaign_id,
            text=text(item, "message"),
            received_at=moment(text(item, "receptionDate")),
        )
        for item in found
    )
    return ReplyReport(campaign_id, code, text(answer, "cliMsgId"), replies, raw=answer)


def account_info(answer: object) -> AccountInfo:
    status_text = text(answer, "status")
    code = codes.ACCOUNT_STATUS_ALIASES.get(status_text.lower(), status_text)
    status = lookup(codes.ACCOUNT_STATUSES, code, answer)
    if status.error is not None and code != "303":  # an inactive account is shown, not raised
        raise error_for(status, raw=answer)
    return AccountInfo(code, status_text, status.message, number(text(answer, "credits")), raw=answer)


def campaign_deletion(answer: object, campaign_id: str) -> CampaignDeletion:
    # zeep hands a one-field struct back as its only value.
    code = (answer if isinstance(answer, str) else text(answer, "status")).strip().upper()
    status = lookup(codes.CAMPAIGN_DELETION_ANSWERS, code, answer)
    if status.error is not None:
        raise error_for(status, raw=answer)
    return CampaignDeletion(campaign_id, code, status.message)


def stops(answer: object) -> tuple[Stop, ...]:
    if text(answer, "status"):  # absent from the spec's sample; an access refusal when there
        _report_status(answer)
    return tuple(
        Stop(phone(text(item, "phoneNumber")), text(item, "comment"), moment(text(item, "receptionDate")))
        for item in items(answer, "answer")
    )


def sub_account_answer(answer: object) -> tuple[StatusCode, str]:
    """Status "1" is a creation; otherwise Annex 5, keyed by the answer's text. A
    refusal the annex does not list (bad master credentials) is recognized by Annex
    1's wording, else kept as invalid input with the provider's text."""
    status_text = text(answer, "text")
    known = codes.SUB_ACCOUNT_ANSWERS.get(status_text)
    if text(answer, "status") == "1":
        created = codes.SUB_ACCOUNT_ANSWERS[codes.SUB_ACCOUNT_CREATED]
        return (known if known is not None and known.error is None else created), status_text
    refusal = known or next((s for s in codes.SEND_STATUSES.values() if s.message.fr == status_text), None)
    refusal = refusal or codes.SUB_ACCOUNT_ANSWERS["bad parameters"]
    if refusal.error is None:  # "0" with a success text: the answer contradicts itself
        raise unknown(text(answer, "status"), answer)
    raise error_for(refusal, provider_text=status_text, raw=answer)
