"""Credits, blacklists and replies (spec, "Méthodes pour la gestion des crédits"
and "... des réponses et blacklists")."""

from __future__ import annotations

from decimal import Decimal

from ..types import Channel
from .connection import Connection
from .recipients import Phone
from .results import BlacklistEntry, Reply, RouteCredit
from .xml import add, add_optional, parse_datetime, text, to_decimal

NO_CREDIT = 31  # "Aucun crédit d'envoi n'est disponible sur le compte": an empty list, not a failure

# getCredit's TYPE ("SMS, Voice, Mail, FAX...") and getCDR's channels.
CHANNELS = {
    "sms": Channel.SMS,
    "vsms": Channel.SMS,  # SMS to a landline, read out by a voice
    "voice": Channel.VOICE,
    "mail": Channel.EMAIL,
    "email": Channel.EMAIL,
    "fax": Channel.FAX,
}


def channel_segment(channel: Channel | str) -> str:
    """The CAN part of /manageFeedback/CAN/...: "sms", "fax" or "mail"."""
    value = str(channel).lower()
    return "mail" if value == Channel.EMAIL else value


class FeedbackMixin(Connection):
    def get_credits(self) -> list[RouteCredit]:
        """Credits per route; an account with none at all gives an empty list."""
        root = self._request()
        answer = self._call("/manageCredit/getCredit", root, safe_to_repeat=True, tolerate=(NO_CREDIT,))
        return [
            RouteCredit(
                route_id=int(route.get("id", "0")),
                name=route.get("name", ""),
                channel=CHANNELS.get(route.get("type", "").strip().lower()),
                channel_raw=route.get("type", ""),
                credits=to_decimal(route.text) or Decimal(0),
                expires_at=parse_datetime(route.get("expire")),
                allowed_overdraft=to_decimal(route.get("allownegative")) or Decimal(0),
            )
            for route in answer.iterfind("credits/route")
        ]

    def get_blacklist(self, channel: Channel | str) -> list[BlacklistEntry]:
        root = self._request()
        answer = self._call(f"/manageFeedback/{channel_segment(channel)}/getBlacklist", root, safe_to_repeat=True)
        return [
            BlacklistEntry(
                blacklisted_at=parse_datetime(text(member, "date")),
                code=text(member, "code"),
                number=text(member, "number"),
                mail=text(member, "mail"),
                reason=text(member, "reason"),
            )
            for member in answer.iterfind("blacklist/member")
        ]

    def del_blacklist_member(
        self, channel: Channel | str, *, phone: Phone | str | None = None, email: str | None = None
    ) -> None:
        root = self._request()
        op = add(root, "delBlacklistMember")
        if phone is not None:
            parsed = Phone.parse(phone)
            add(op, "code", parsed.code)
            add(op, "number", parsed.number)
        add_optional(op, "mail", email)
        self._call(f"/manageFeedback/{channel_segment(channel)}/delBlacklistMember", root, safe_to_repeat=True)

    def get_responses(self, channel: Channel | str) -> list[Reply]:
        root = self._request()
        answer = self._call(f"/manageFeedback/{channel_segment(channel)}/getResponses", root, safe_to_repeat=True)
        return [
            Reply(
                received_at=parse_datetime(fields.get("date")),
                code=fields.get("code", ""),
                number=fields.get("number", ""),
                message=fields.get("message", ""),
            )
            for fields in _reply_records(answer)
        ]


def _reply_records(answer) -> list[dict[str, str]]:
    """The spec shows one ``<responses>`` holding date/code/number/message side by
    side; several replies may come as several ``<responses>`` or as repeated runs
    inside one. A field seen twice starts the next reply."""
    records: list[dict[str, str]] = []
    for container in answer.iterfind("responses"):
        current: dict[str, str] = {}
        for child in container:
            if child.tag in current:
                records.append(current)
                current = {}
            current[child.tag] = (child.text or "").strip()
        if current:
            records.append(current)
    return records
