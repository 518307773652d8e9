"""Checks run before anything is sent (specs/allmysms-soap-api.txt, "A. Formalismes"
and the MessageData table). Each failure is an :class:`InvalidRequestError` naming the
request field, in French and English (``error.localized``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import phonenumbers

from ..errors import InvalidRequestError
from ..types import LocalizedMessage
from .codes import PROVIDER
from .segments import count_segments

PARIS = ZoneInfo("Europe/Paris")
MAX_PREMIUM_UNITS = 640  # "Maximum 640 caractères (plusieurs SMS concaténés) uniquement en Premium"
MAX_LOWCOST_SEGMENTS = 1  # "Maximum 160 caractères en Low Cost": one SMS
TPOA = re.compile(r"[A-Za-z][A-Za-z0-9]{2,10}")
PLACEHOLDER = re.compile(r"#param_(\d+)#")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")  # line breaks are text; the rest is not
STOP_MENTION = "STOP au 36180"
# "vers la France": metropolitan France and the overseas departments and territories.
FRENCH_REGIONS = frozenset({"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF"})
SMS_NUMBER_TYPES = frozenset({phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE})
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M:%S")  # the sample's, then the prose's


def invalid(field: str, fr: str, en: str, *, raw: object = None) -> InvalidRequestError:
    error = InvalidRequestError(fr, provider=PROVIDER, field=field, raw=raw)
    error.localized = LocalizedMessage(fr, en)
    return error


# --- phone numbers --------------------------------------------------------------


@dataclass(frozen=True)
class InvalidNumber:
    index: int  # position in the recipients given
    phone: str  # as given
    reason: LocalizedMessage


class InvalidNumbersError(InvalidRequestError):
    """Some recipients' numbers cannot receive an SMS; ``invalid_numbers`` lists each."""

    def __init__(self, invalid_numbers: Sequence[InvalidNumber]) -> None:
        shown = ", ".join(repr(number.phone) for number in invalid_numbers[:10])
        more = f" (+{len(invalid_numbers) - 10})" if len(invalid_numbers) > 10 else ""
        super().__init__(
            f"Numéros invalides : {shown}{more}", provider=PROVIDER, field="mobilePhone", raw=tuple(invalid_numbers)
        )
        self.invalid_numbers = tuple(invalid_numbers)
        self.localized = LocalizedMessage(f"Numéros invalides : {shown}{more}", f"Invalid numbers: {shown}{more}")


class PhoneNumberError(ValueError):
    def __init__(self, reason: LocalizedMessage) -> None:
        super().__init__(reason.en)
        self.reason = reason


def normalize_phone_number(raw: str) -> str:
    """A number in any of the spec's forms (06/07 national, +33, 0033, 33...) as
    E.164 (``+33612345678``); raises :class:`PhoneNumberError` when it cannot take an SMS."""
    compact = re.sub(r"[\s.\-()/]", "", raw or "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not re.fullmatch(r"\+?\d{4,17}", compact):
        raise PhoneNumberError(LocalizedMessage("format de numéro invalide", "not a phone number"))
    # Digits without "+" are a French national number first ("0612..."), else the
    # spec's "indicatif pays suivi du numéro" ("33612...").
    candidates = [compact] if compact.startswith("+") else [compact, "+" + compact]
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, "FR")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            if phonenumbers.number_type(number) not in SMS_NUMBER_TYPES:
                raise PhoneNumberError(LocalizedMessage("ce numéro n'est pas un mobile", "not a mobile number"))
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise PhoneNumberError(LocalizedMessage("numéro inexistant", "no such number"))


def wire_phone(e164: str) -> str:
    """The spec's wire form: country code then number, without "+" (as in its samples)."""
    return e164.removeprefix("+")


def is_french(e164: str) -> bool:
    return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) in FRENCH_REGIONS


def normalize_recipient_numbers(phones: Sequence[str]) -> list[str]:
    normalized, bad = [], []
    for index, phone in enumerate(phones):
        try:
            normalized.append(normalize_phone_number(phone))
        except PhoneNumberError as exc:
            bad.append(InvalidNumber(index, phone, exc.reason))
    if bad:
        raise InvalidNumbersError(bad)
    return normalized


# --- sender, STOP mention, placeholders, date, length -----------------------------


def check_tpoa(tpoa: str) -> None:
    if not TPOA.fullmatch(tpoa):
        raise invalid(
            "tpoa",
            "L'émetteur doit compter 3 à 11 caractères alphanumériques sans accent ni espace, "
            "et commencer par une lettre",
            "The sender must be 3 to 11 letters or digits, without accents or spaces, starting with a letter",
            raw=tpoa,
        )


def has_stop_mention(message: str) -> bool:
    """The message ends with "STOP au 36180" preceded by a space or a line break."""
    text = message.rstrip()
    return text.lower().endswith(STOP_MENTION.lower()) and text[: -len(STOP_MENTION)][-1:] in (" ", "\n", "\r")


def with_stop_mention(message: str) -> str:
    return message if has_stop_mention(message) else f"{message.rstrip()}\n{STOP_MENTION}"


def check_placeholders(message: str, dynamic: int | None, params: Sequence[Sequence[str]]) -> int:
    """``#param_N#`` in the message, ``dynamic`` and every recipient's params must agree;
    returns the number of parameters."""
    used = {int(n) for n in PLACEHOLDER.findall(message)}
    count = max(used, default=0) if dynamic is None else dynamic
    if count < 0 or used != set(range(1, count + 1)):
        raise invalid(
            "dynamic",
            f"Le message doit utiliser exactement #param_1# à #param_{count}#",
            f"The message must use exactly #param_1# to #param_{count}#",
            raw=sorted(used),
        )
    for index, values in enumerate(params):
        if len(values) != count:
            raise invalid(
                "params",
                f"Le destinataire n°{index + 1} a {len(values)} paramètre(s) au lieu de {count}",
                f"Recipient #{index + 1} has {len(values)} parameter(s) instead of {count}",
                raw=index,
            )
    return count


def render(message: str, values: Sequence[str]) -> str:
    return PLACEHOLDER.sub(lambda match: values[int(match.group(1)) - 1], message) if values else message


def check_length(text: str, *, lowcost: bool) -> None:
    if not text.strip():
        raise invalid("message", "Le message est vide", "The message is empty")
    if CONTROL_CHARACTERS.search(text):
        raise invalid(
            "message",
            "Le message contient des caractères de contrôle (tabulation...)",
            "The message contains control characters (tab...)",
        )
    count = count_segments(text)
    if lowcost and count.segments > MAX_LOWCOST_SEGMENTS:
        raise invalid(
            "message",
            f"En Low Cost le message tient en un seul SMS ({count.units} caractères, {count.segments} SMS)",
            f"A Low Cost message must fit in one SMS ({count.units} characters, {count.segments} SMS)",
            raw=count,
        )
    if count.units > MAX_PREMIUM_UNITS:
        raise invalid(
            "message",
            f"Le message dépasse {MAX_PREMIUM_UNITS} caractères ({count.units})",
            f"The message is longer than {MAX_PREMIUM_UNITS} characters ({count.units})",
            raw=count,
        )


def format_send_date(value: dt.datetime | str) -> str:
    """A deferred send date as the spec's sample writes it, in Europe/Paris. A naive
    datetime is taken as Paris time; a string may be in either of the spec's formats."""
    if isinstance(value, str):
        value = parse_send_date(value)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=PARIS)
    return value.astimezone(PARIS).strftime(DATE_FORMATS[0])


def parse_send_date(text: str) -> dt.datetime:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(" ".join(text.split()), pattern).replace(tzinfo=PARIS)
        except ValueError:
            continue
    raise invalid(
        "date",
        "La date doit être au format AAAA-MM-JJ HH:MM:SS (heure de Paris)",
        "The date must be YYYY-MM-DD HH:MM:SS (Paris time)",
        raw=text,
    )
