"""Delivery tracking and number information (spec, "Méthodes pour le suivi des
envois", "Obtention d'informations HLR"). getCDR answers are read incrementally."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import IO

import httpx

from ..errors import TransientError
from .codes import HLR_ERROR_CODES, HLR_STATUS_CODES, PROVIDER, SUCCESS, error_for, hlr_error, hlr_status
from .connection import Connection
from .feedback import channel_segment
from .results import CdrCampaign, CdrMessage, CdrReport, HlrResult, MailEvent
from .xml import Element, add, answer_code, iter_elements, parse_datetime, text, to_bool, to_decimal, to_int

NO_RESULT = 81  # "Votre demande n'a retourné aucun résultat": an empty report


class TrackingMixin(Connection):
    def get_cdr(
        self,
        *,
        start_date: dt.date | str,
        stop_date: dt.date | str,
        channel: str | None = None,
        campaign_only: bool | None = None,
        api_only: bool | None = None,
        campaign_id: int | None = None,
        show_content: bool | None = None,
    ) -> CdrReport:
        """Without ``campaign_id``: unit messages and campaigns of the period; with
        it: every message of that campaign."""
        root = self._request()
        op = add(add(root, "tracking"), "getCDR")
        for tag, value in (
            ("startdate", _date(start_date)),
            ("stopdate", _date(stop_date)),
            ("channel", channel_segment(channel) if channel else None),
            ("campaignonly", campaign_only),
            ("apionly", api_only),
            ("campaignid", campaign_id),
            ("showcontent", show_content),
        ):
            add(op, tag, "" if value is None else value)

        def read(answer: httpx.Response) -> CdrReport:
            report = CdrReport()
            for record in iter_cdr(io.BytesIO(answer.content), max_bytes=self.max_cdr_bytes):
                (report.campaigns if isinstance(record, CdrCampaign) else report.messages).append(record)
            return report

        return self._exchange("/tracking/getCDR", root, safe_to_repeat=True, read=read, max_bytes=self.max_cdr_bytes)

    def get_mail_events(self, campaign_id: int) -> list[MailEvent]:
        root = self._request()
        add(add(root, "tracking"), "getMailEvents")
        answer = self._call(f"/tracking/{int(campaign_id)}/getMailEvents", root, safe_to_repeat=True)
        return [
            MailEvent(
                id=int(event.get("id", "0")),
                type=event.get("type", ""),
                occurred_at=parse_datetime(text(event, "date")),
                mail_recipient=text(event, "mail_recipient"),
                message_id=text(event, "message_id"),
                value=text(event, "value"),
                user_agent=text(event, "user_agent"),
                ip=text(event, "ip"),
                lang=text(event, "lang"),
            )
            for event in answer.iterfind("getMailEvents/event")
        ]

    def hlr_lookup(self, *, code: str, number: str) -> HlrResult:
        """GET with ``user``/``pass`` parameters (the only GET web service)."""
        params = {"user": self.user, "pass": self.password, "code": str(code), "number": str(number)}
        hlr = self._get("/numberInfo/HLRlookup", params).find("hlr")
        status_code, error_code = to_int(text(hlr, "status_code")), to_int(text(hlr, "error_code"))
        return HlrResult(
            number=text(hlr, "number"),
            status=hlr_status(status_code if status_code is not None else -1),
            status_code=status_code,
            status_msg=text(hlr, "status_msg") or _hlr_text(HLR_STATUS_CODES, status_code),
            error=hlr_error(error_code if error_code is not None else -1),
            error_code=error_code,
            error_permanent=to_bool(text(hlr, "error_permanent")),
            error_msg=text(hlr, "error_msg") or _hlr_text(HLR_ERROR_CODES, error_code),
            imsi=text(hlr, "imsi"),
            mcc=text(hlr, "net_mcc"),
            mnc=text(hlr, "net_mnc"),
            ported=to_bool(text(hlr, "ported")),
            original_network=text(hlr, "net_orig"),
            original_prefix=text(hlr, "net_orig_prefix"),
            original_country=text(hlr, "net_orig_country"),
            ported_network=text(hlr, "net_port"),
            ported_prefix=text(hlr, "net_port_prefix"),
            ported_country=text(hlr, "net_port_country"),
        )


def _hlr_text(table: dict, code: int | None) -> str:
    entry = table.get(code)
    return entry[1].fr if entry else ""


def _date(value: dt.date | str) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, dt.date) else str(value)


def iter_cdr(source: IO[bytes], *, max_bytes: int) -> Iterator[CdrMessage | CdrCampaign]:
    """Read a getCDR answer incrementally: one record at a time, in constant memory.
    Raises the mapped error for a non-zero code (81, no result, ends quietly)."""
    code: int | None = None
    message = ""
    for root, element in iter_elements(source, "ecampaign", ("code", "message", "campaign"), max_bytes=max_bytes):
        parent = element.getparent()
        if parent is root:
            if element.tag == "code":
                code = answer_code(root)
            elif element.tag == "message":
                message = (element.text or "").strip()
        elif code != SUCCESS:
            break  # records only follow a success
        elif element.tag == "campaign":
            yield _campaign(element)
        elif element.tag == "message":
            yield _message(element)
    if code is None:
        raise TransientError("getCDR answer without a <code>", provider=PROVIDER)
    if code not in (SUCCESS, NO_RESULT):
        raise error_for(code, message)


def _attribute(element: Element, name: str) -> str:
    # The spec writes both "channel" and "Channel".
    return element.get(name) or element.get(name.capitalize()) or ""


def _children(element: Element) -> dict[str, str]:
    # One pass over the children: a CDR may hold half a million records.
    return {child.tag: (child.text or "").strip() for child in element}


def _message(element: Element) -> CdrMessage:
    values = _children(element)
    return CdrMessage(
        id=to_int(element.get("id")) or 0,
        date_init=parse_datetime(values.get("date_init")),
        credits=to_decimal(values.get("credits")),
        message_ref=values.get("message_ref", ""),
        status_id=values.get("status_id", ""),
        status_date=parse_datetime(values.get("status_date")),
        channel=_attribute(element, "channel"),
        sender=values.get("sender", ""),
        from_api=to_bool(values["from_api"]) if "from_api" in values else None,
        group_member_id=to_int(values.get("group_member_id")),
        phone_code=values.get("phone_code", ""),
        phone_number=values.get("phone_number", ""),
        mail_recipient=values.get("mail_recipient", ""),
        mail_subject=values.get("mail_subject", ""),
        content=values.get("content", ""),
    )


def _campaign(element: Element) -> CdrCampaign:
    values = _children(element)
    return CdrCampaign(
        id=to_int(element.get("id")) or 0,
        channel=_attribute(element, "channel"),
        recipients_count=to_int(_attribute(element, "recipients_count")),
        date_init=parse_datetime(values.get("date_init")),
        sender=values.get("sender", ""),
        from_api=to_bool(values["from_api"]) if "from_api" in values else None,
        credits=to_decimal(values.get("credits")),
        group_id=to_int(values.get("group_id")),
        template_id=to_int(values.get("template_id")),
    )
