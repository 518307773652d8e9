"""Reading MDWorks' REST answers: errors first (they come with HTTP 200), then
the documented shapes, numbers as numbers. An answer that is not JSON, or not
in the documented shape, is refused as a :class:`TransientError` (the provider
is broken or something sits in between: a proxy page, a truncated body)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import httpx

from ..errors import TransientError
from ..types import LocalizedMessage
from .codes import PROVIDER, localize, rest_error
from .models import CampaignStats, ContactList, IpPool, SubAccount

PARIS = ZoneInfo("Europe/Paris")
_NOT_AN_ERROR = (None, "", "0", 0, False)


def unparsable(what: str, raw: object) -> TransientError:
    error = TransientError(f"unexpected answer: {what}", provider=PROVIDER, raw=raw)
    return localize(
        error,
        LocalizedMessage(
            "Réponse inattendue de MDWorks, réessayez plus tard", "Unexpected answer from MDWorks, try again later"
        ),
    )


def decode(response: httpx.Response) -> object:
    """The JSON of an answer, or the error it carries."""
    try:
        answer = json.loads(response.content)
    except (ValueError, RecursionError):  # RecursionError: hostile nesting
        raise unparsable(f"not JSON (HTTP {response.status_code})", response.content[:2000]) from None
    if isinstance(answer, Mapping) and answer.get("error") not in _NOT_AN_ERROR:
        words = answer.get("message")
        if not isinstance(words, str):
            raise unparsable("an error without a message", answer)
        raise rest_error(words.strip(), code=str(answer["error"]), raw=answer)
    if response.status_code != 200:
        raise unparsable(f"HTTP {response.status_code}", response.content[:2000])
    return answer


def expect_ok(answer: object) -> None:
    """``{"result": "ok"}``; the spec also says some functions return "ok" or 1."""
    if isinstance(answer, Mapping):
        answer = answer.get("result")
    if answer not in ("ok", "OK", 1, "1", True):
        raise unparsable("no ok result", answer)


def expect_id(answer: object, key: str) -> int:
    if not isinstance(answer, Mapping) or key not in answer:
        raise unparsable(f"no {key}", answer)
    return _int(answer, key)


def _items(answer: object) -> list[Mapping]:
    if not isinstance(answer, list) or not all(isinstance(item, Mapping) for item in answer):
        raise unparsable("not a list of objects", answer)
    return answer


def _int(item: Mapping, key: str, default: int | None = None) -> int:
    value = item.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 19:
        return int(value)
    raise unparsable(f"{key} is not a number: {value!r}", item)


def _str(item: Mapping, key: str) -> str:
    value = item.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise unparsable(f"{key} is not text: {value!r}", item)
    return str(value)


def _datetime(item: Mapping, key: str) -> dt.datetime:
    value = _str(item, key)
    for pattern in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value, pattern).replace(tzinfo=PARIS)
        except ValueError:
            continue
    raise unparsable(f"{key} is not a date: {value!r}", item)


def sub_accounts(answer: object) -> list[SubAccount]:
    return [
        SubAccount(
            id=_int(item, "id"),
            login=_str(item, "log"),
            name=_str(item, "nom"),
            email=_str(item, "email"),
            quota=_int(item, "quota", 0),
            pool_id=_int(item, "classe_domaines") if item.get("classe_domaines") not in (None, "", "0", 0) else None,
            password=item["pass"] if isinstance(item.get("pass"), str) else None,
        )
        for item in _items(answer)
    ]


def ip_pools(answer: object) -> list[IpPool]:
    return [
        IpPool(
            id=_int(item, "id"),
            name=_str(item, "nom"),
            sender_domain=_str(item, "domaine_expediteur"),
            tracking_domain=_str(item, "domaine_tracking"),
            ip_range=_str(item, "ip_range"),
            ip_count=_int(item, "nb_ip", 0),
            tracking_ssl=_int(item, "tracking_ssl", 0) == 1,
        )
        for item in _items(answer)
    ]


def contact_lists(answer: object) -> list[ContactList]:
    return [
        ContactList(
            id=_int(item, "id"),
            name=_str(item, "nom"),
            email_field=_str(item, "field_email"),
            sms_field=_str(item, "field_sms"),
            row_count=_int(item, "total_lignes", 0),
        )
        for item in _items(answer)
    ]


def campaign_stats(answer: object) -> list[CampaignStats]:
    counters = ("volume", "open_unique", "open", "click_unique", "click", "hard_bounce", "soft_bounce", "unsubscribe")
    return [
        CampaignStats(
            id=_int(item, "id"),
            user_id=_int(item, "user_id"),
            user=_str(item, "user"),
            reference=_str(item, "reference"),
            subject=_str(item, "subject"),
            sent_at=_datetime(item, "sent"),
            **{name: _int(item, name, 0) for name in counters},
        )
        for item in _items(answer)
    ]
