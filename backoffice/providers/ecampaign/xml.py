"""Build eCampaign requests and read its answers (spec, "Présentation des
web-services"): every request is an ``<ecampaign>`` document with a ``<login>``,
every answer an ``<ecampaign>`` with ``<code>`` and ``<message>``.

Answers are parsed by ``http.parse_xml`` (no entities, no DTD, no network, no
DOCTYPE at all); :func:`iter_elements` is its incremental twin for answers too
big to hold as a tree (a getCDR of half a million messages)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import IO
from zoneinfo import ZoneInfo

from lxml import etree

from ..errors import TransientError
from ..http import MAX_ANSWER_BYTES, parse_xml
from .codes import PROVIDER, SUCCESS, error_for

PARIS = ZoneInfo("Europe/Paris")
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DATE_FORMAT = "%Y-%m-%d"

Element = etree._Element


def md5_hex(password: str) -> str:
    """The digest the ``<md5>true</md5>`` option expects instead of the password."""
    return hashlib.md5(password.encode("utf-8"), usedforsecurity=False).hexdigest()


def build_request(user: str, password: str, *, md5: bool) -> Element:
    """The ``<ecampaign>`` root with its ``<login>``, for the operation to hang under."""
    root = etree.Element("ecampaign")
    login = etree.SubElement(root, "login")
    add(login, "user", user)
    add(login, "password", password)
    add(login, "md5", "true" if md5 else "false")
    return root


def add(parent: Element, tag: str, text: object = None, **attributes: object) -> Element:
    """Append ``<tag>text</tag>``; ``None`` attributes are left out."""
    child = etree.SubElement(parent, tag, {k: _wire(v) for k, v in attributes.items() if v is not None})
    if text is not None:
        child.text = _wire(text)
    return child


def add_optional(parent: Element, tag: str, text: object) -> None:
    """Append ``<tag>`` only when a value is given: the spec's optional parameters."""
    if text is not None and text != "":
        add(parent, tag, text)


def _wire(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def serialize(root: Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- answers ----------------------------------------------------------------


def parse_answer(content: bytes, *, tolerate: Iterable[int] = ()) -> Element:
    """Parse an answer and raise the mapped error for a non-zero ``<code>``, unless
    the caller knows how to read that code (``tolerate``)."""
    root = parse_xml(content, provider=PROVIDER)
    code = answer_code(root)
    if code != SUCCESS and code not in tolerate:
        raise error_for(code, text(root, "message"), raw=content[:4000])
    return root


def answer_code(root: Element) -> int:
    if root.tag != "ecampaign":
        raise TransientError(f"unexpected answer <{root.tag}>", provider=PROVIDER, raw=etree.tostring(root)[:2000])
    try:
        return int(text(root, "code"))
    except ValueError as exc:
        raise TransientError("answer without a numeric <code>", provider=PROVIDER) from exc


def text(element: Element | None, tag: str, default: str = "") -> str:
    if element is None:
        return default
    child = element.find(tag)
    if child is None or child.text is None:
        return default
    return child.text.strip()


def to_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes", "oui")


def to_int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def to_decimal(value: str | None) -> Decimal | None:
    try:
        return Decimal((value or "").strip().replace(",", "."))
    except InvalidOperation:
        return None


def parse_datetime(value: str | None) -> dt.datetime | None:
    """``YYYY-MM-DD HH:MM:SS`` (or a bare date) in Europe/Paris; empty or the
    all-zero MySQL date gives None."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        # Python 3.11's fromisoformat reads "YYYY-MM-DD HH:MM:SS" and bare dates, fast.
        return dt.datetime.fromisoformat(value).replace(tzinfo=PARIS)
    except ValueError:
        return None


def format_datetime(value: dt.datetime) -> str:
    """Aware datetimes are converted to Paris time; naive ones are taken as Paris time."""
    if value.tzinfo is not None:
        value = value.astimezone(PARIS)
    return value.strftime(DATETIME_FORMAT)


# --- incremental parsing ----------------------------------------------------


class _LimitedReader:
    """A file-like view refusing to read past ``max_bytes`` (the answer size limit)."""

    def __init__(self, source: IO[bytes], max_bytes: int) -> None:
        self.source = source
        self.left = max_bytes

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size if size and size > 0 else 1 << 16)
        self.left -= len(chunk)
        if self.left < 0:
            raise TransientError("answer larger than the size limit, refused", provider=PROVIDER)
        return chunk


def iter_elements(
    source: IO[bytes], root_tag: str, tags: Iterable[str], *, max_bytes: int = MAX_ANSWER_BYTES
) -> Iterator[tuple[Element, Element]]:
    """Yield ``(root, element)`` for each finished element named in ``tags``, freeing
    it afterwards so memory stays flat. Same hardening as ``http.parse_xml``: no
    entities, no DTD, no network; a document with a DOCTYPE is refused at its root
    element, before any record is read, and one whose root is not ``root_tag`` too.
    Only the root and ``tags`` raise Python events, which keeps large answers fast."""
    wanted = set(tags)
    events = etree.iterparse(
        _LimitedReader(source, max_bytes),
        events=("start", "end"),
        tag=(root_tag, *wanted),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    root: Element | None = None
    try:
        for event, element in events:
            if root is None:
                if element.getparent() is not None or element.tag != root_tag:
                    raise TransientError(f"expected a <{root_tag}> document", provider=PROVIDER)
                if element.getroottree().docinfo.doctype:
                    raise TransientError("answer carries a DOCTYPE (DTD or entities), refused", provider=PROVIDER)
                root = element
            elif event == "end" and element.tag in wanted:
                yield root, element
                # The classic iterparse diet: free the element and its finished elder siblings.
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise TransientError(f"answer is not well-formed XML: {exc}", provider=PROVIDER) from exc
    if root is None:
        raise TransientError(f"expected a <{root_tag}> document", provider=PROVIDER)
