"""Who a send goes to (spec, "Description des paramètres"): phone numbers split
into ``<code>`` (international prefix, "33") and ``<number>`` (national number
without its leading 0, "612345678"), e-mail addresses, or a group target with
destination fields and filter criteria."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers

from ..errors import InvalidRequestError
from .codes import PROVIDER

DEFAULT_REGION = "FR"


@dataclass(frozen=True)
class Phone:
    code: str  # "33"
    number: str  # "612345678"

    @property
    def e164(self) -> str:
        return f"+{self.code}{self.number}"

    @classmethod
    def parse(cls, value: Phone | str | tuple[str, str], *, region: str = DEFAULT_REGION) -> Phone:
        """Accepts "+33 6 12 34 56 78", "0033612345678", "06.12.34.56.78" (read in
        ``region``), "33612345678", or an explicit ``(code, number)`` pair."""
        if isinstance(value, Phone):
            return value
        if isinstance(value, tuple):
            code, number = (str(part).strip().lstrip("+") for part in value)
            return cls(code, number.lstrip("0") or number)
        text = str(value).strip()
        digits = re.sub(r"[\s.\-()/]", "", text)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        candidates = [digits]
        if digits.isdigit() and not digits.startswith("0"):
            candidates.append("+" + digits)  # "33612345678": international without its "+"
        for candidate in candidates:
            try:
                parsed = phonenumbers.parse(candidate, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(parsed):
                return cls(str(parsed.country_code), str(parsed.national_number))
        raise InvalidRequestError(f"not a phone number: {value!r}", provider=PROVIDER, field="phone")


class FilterOperator(StrEnum):
    """OPERATEUR_FILTRE."""

    EQUALS = "="
    NOT_EQUALS = "!="
    CONTAINS = "LIKE"
    NOT_CONTAINS = "NOTLIKE"
    BEGINS = "BEGIN"
    NOT_BEGINS = "NOTBEGIN"
    ENDS = "END"
    NOT_ENDS = "NOTEND"
    FILLED = "NOTNULL"
    EMPTY = "NULL"


class GlobalOperator(StrEnum):
    """OPERATEUR_GLOBAL: every criterion (AND) or at least one (OR)."""

    AND = "AND"
    OR = "OR"


@dataclass(frozen=True)
class Criterion:
    field: str
    operator: FilterOperator | str
    value: str = ""  # not used by NOTNULL / NULL


@dataclass(frozen=True)
class GroupTarget:
    """Send to the members of a group: ``fields`` are its destination fields
    (phone or e-mail fields), ``criteria`` an optional filter."""

    group_id: int
    fields: Sequence[str] = ()
    criteria: Sequence[Criterion] = ()
    operator: GlobalOperator | str = GlobalOperator.AND


@dataclass(frozen=True)
class Recipients:
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    group: GroupTarget | None = None

    @classmethod
    def of(
        cls,
        *,
        phones: Iterable[Phone | str | tuple[str, str]] | None = None,
        emails: Iterable[str] | None = None,
        group: GroupTarget | None = None,
    ) -> Recipients:
        return cls(
            phones=tuple(Phone.parse(phone) for phone in phones or ()),
            emails=tuple(email.strip() for email in emails or ()),
            group=group,
        )
