"""Write the ``groupMembers`` file that importMembers fetches (spec, "Structure du
fichier XML à mettre à disposition"), streaming: one member at a time, so a
million rows take no more memory than one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO

from lxml import etree

from ..errors import InvalidRequestError
from .codes import PROVIDER
from .recipients import Phone

MemberRow = Mapping[str, "str | Phone | None"]


def write_group_members(rows: Iterable[MemberRow], out: IO[bytes]) -> int:
    """Write ``rows`` (field name -> value; a :class:`Phone` adds its
    ``<indicatif>+33</indicatif>``) to the binary file ``out``; returns how many
    members were written. Empty values are left out."""
    count = 0
    checked_names: set[str] = set()
    with etree.xmlfile(out, encoding="UTF-8") as document:
        document.write_declaration()
        with document.element("groupMembers"):
            for row in rows:
                member = etree.Element("member")
                for name, value in row.items():
                    if value is None or value == "":
                        continue
                    if name not in checked_names:
                        _check_name(name)
                        checked_names.add(name)
                    field = etree.SubElement(member, name)
                    if isinstance(value, Phone):
                        etree.SubElement(field, "value").text = value.number
                        etree.SubElement(field, "indicatif").text = f"+{value.code}"
                    else:
                        etree.SubElement(field, "value").text = str(value)
                document.write(member)
                count += 1
    return count


def _check_name(name: str) -> None:
    # Field names become element names: refuse what would not be one.
    try:
        etree.Element(name)
    except ValueError as exc:
        raise InvalidRequestError(
            f"field name {name!r} cannot be an XML element", provider=PROVIDER, field=name
        ) from exc
