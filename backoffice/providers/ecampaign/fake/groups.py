"""manageGroup/*: groups with typed fields, unique fields, interface locks,
members, member search and the asynchronous XML import."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import urlsplit

import httpx
from lxml import etree

from ...errors import ProviderError
from ...sandbox.net import NotLoopbackError, fetch
from ..xml import Element, add, iter_elements, text
from .state import Account, FieldDef, Group, Member, Refusal, Store, answer, is_mail, national_digits, parse_bool, stamp

FIELD_TYPES = ("mobile", "fixe", "fax", "mail", "planif", "custom")
# Field names become element names of the import file: letters, digits, "_".
FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,49}$")
MAX_FIELDS = 30
MAX_NAME = 100


def list_groups(store: Store, account: Account) -> Element:
    root = answer()
    groups = add(root, "groups")
    for group in store.groups.values():
        if group.owner == account.user:
            add(
                groups,
                "group",
                group.name,
                id=group.id,
                date=stamp(group.created),
                locked_structure=group.locked_structure,
                locked_content=group.locked_content,
            )
    return root


def add_group(store: Store, account: Account, op: Element | None, now: dt.datetime) -> Element:
    if op is None:
        raise Refusal(25)
    name = text(op, "name")
    if not name or len(name) > MAX_NAME:
        raise Refusal(52)
    group = Group(
        store.next_id("group"),
        account.user,
        name,
        now,
        parse_bool(text(op, "locked_structure"), code=52),
        parse_bool(text(op, "locked_content"), code=52),
        [],
    )
    _add_fields(group, op.find("tags"))
    store.groups[group.id] = group
    root = answer()
    add(root, "id_group", group.id)
    return root


def find_group(store: Store, account: Account, group_id: int) -> Group:
    group = store.groups.get(group_id)
    if group is None:
        raise Refusal(27)
    if group.owner != account.user:
        raise Refusal(21)
    return group


def get_group(group: Group) -> Element:
    root = answer()
    element = add(root, "group")
    add(element, "name", group.name)
    add(element, "date", stamp(group.created))
    add(element, "locked_structure", group.locked_structure)
    add(element, "locked_content", group.locked_content)
    tags = add(element, "tags")
    for field in group.fields:
        add(tags, "tag", field.name, type=field.type)
    return root


def mod_group(group: Group, op: Element | None) -> Element:
    changes = {child.tag: (child.text or "").strip() for child in (op if op is not None else ())}
    if not changes:
        raise Refusal(53)
    if "name" in changes:
        if not changes["name"] or len(changes["name"]) > MAX_NAME:
            raise Refusal(54)
        group.name = changes["name"]
    # The locks only protect the group on the web interface: the API may still change it.
    for lock in ("locked_structure", "locked_content"):
        if lock in changes:
            setattr(group, lock, parse_bool(changes[lock], code=54))
    return answer()


def del_tags(group: Group, op: Element | None) -> Element:
    names = [(item.text or "").strip() for item in (op.iterfind("item") if op is not None else ())]
    if not names:
        raise Refusal(50)
    fields = [group.field(name) for name in names]
    if any(field is None for field in fields) or len(fields) >= len(group.fields):
        raise Refusal(55)
    group.fields = [f for f in group.fields if f not in fields]
    for member in group.members.values():
        for field in fields:
            member.values.pop(field.name, None)
            member.codes.pop(field.name, None)
    return answer()


def add_tags(group: Group, op: Element | None) -> Element:
    _add_fields(group, op)
    return answer()


def _add_fields(group: Group, items: Element | None) -> None:
    new = []
    for item in items.iterfind("item") if items is not None else ():
        name, kind = (item.text or "").strip(), item.get("type", "").strip()
        if not FIELD_NAME.match(name) or kind not in FIELD_TYPES:
            raise Refusal(29)
        if group.field(name) or any(f.name.lower() == name.lower() for f in new):
            raise Refusal(28)
        new.append(FieldDef(name, kind, parse_bool(item.get("unique", ""), code=29)))
    if not new:
        raise Refusal(50)
    if len(group.fields) + len(new) > MAX_FIELDS:
        raise Refusal(51)
    group.fields.extend(new)


# --- members ------------------------------------------------------------------


def add_member(store: Store, group: Group, op: Element | None) -> Element:
    values, codes = _read_items(op)
    member = Member(store.next_id("member"), {}, {})
    _apply(group, member, values, codes)
    group.members[member.id] = member
    store.member_groups[member.id] = group.id
    root = answer()
    add(root, "idMember", member.id)
    return root


def mod_member(store: Store, group: Group, op: Element | None) -> Element:
    member = find_member(store, group, text(op, "idMember"))
    values, codes = _read_items(op)
    _apply(group, member, values, codes)
    return answer()


def del_member(store: Store, group: Group, op: Element | None) -> Element:
    member = find_member(store, group, (op.findtext("delMember") or "").strip() if op is not None else "")
    del group.members[member.id]
    del store.member_groups[member.id]
    return answer()


def get_member(store: Store, group: Group, op: Element | None) -> Element:
    if op is None:
        raise Refusal(25)
    wanted_id = text(op, "id")
    wanted = {item.get("id", ""): (item.text or "").strip().lower() for item in op.iterfind("tags/item")}
    if not wanted_id and not wanted:
        raise Refusal(25)
    candidates = [find_member(store, group, wanted_id)] if wanted_id else list(group.members.values())
    found = [
        member
        for member in candidates
        if all(member.values.get(_canonical(group, name), "").lower() == value for name, value in wanted.items())
    ]
    if not found:
        raise Refusal(22)
    root = answer()
    for member in found:
        tags = add(add(root, "member", id=member.id), "tags")
        for name, value in member.values.items():
            add(tags, "item", value, id=name)
    return root


def empty_group(store: Store, group: Group) -> Element:
    for member_id in group.members:
        store.member_groups.pop(member_id, None)
    group.members.clear()
    return answer()


def find_member(store: Store, group: Group, raw_id: str) -> Member:
    if not raw_id.isdigit():
        raise Refusal(25)
    member_id = int(raw_id)
    if member_id in group.members:
        return group.members[member_id]
    raise Refusal(56 if member_id in store.member_groups else 22)


def _canonical(group: Group, name: str) -> str:
    field = group.field(name)
    return field.name if field else name


def _read_items(op: Element | None) -> tuple[dict[str, str], dict[str, str]]:
    items = op.findall("tags/item") if op is not None else []
    if op is None or op.find("tags") is None or any(not item.get("id") for item in items):
        raise Refusal(25)
    values = {item.get("id"): (item.text or "").strip() for item in items}
    codes = {item.get("id"): item.get("code", "").lstrip("+") for item in items if item.get("code")}
    return values, codes


def _apply(group: Group, member: Member, values: dict[str, str], codes: dict[str, str]) -> None:
    """Validate every value against its field's type and uniqueness, then store."""
    if not values:
        raise Refusal(23)
    clean: dict[str, tuple[str, str]] = {}
    for name, value in values.items():
        field = group.field(name)
        if field is None:
            raise Refusal(23, f"unknown field {name!r}")
        valid = _valid_value(field, value)
        if (
            field.unique
            and valid
            and any(
                other is not member and other.values.get(field.name, "").lower() == valid.lower()
                for other in group.members.values()
            )
        ):
            raise Refusal(24)
        clean[field.name] = (valid, codes.get(name) or "33")
    for name, (value, code) in clean.items():
        member.values[name] = value
        if group.field(name).is_phone:
            member.codes[name] = code


def _valid_value(field: FieldDef, value: str) -> str:
    if not value:
        return ""
    if field.is_phone:
        digits = national_digits(value.removeprefix("+"))
        if digits is None:
            raise Refusal(23, f"{field.name}: not a phone number")
        return digits
    if field.type == "mail" and not is_mail(value):
        raise Refusal(23, f"{field.name}: not an e-mail address")
    if field.type == "planif":
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
            try:
                dt.datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
        else:
            raise Refusal(23, f"{field.name}: not a date")
    if len(value) > 255:
        raise Refusal(23, f"{field.name}: too long")
    return value


# --- import ("Import de contacts depuis un fichier XML") -------------------------


def check_import(op: Element | None) -> tuple[str, str]:
    xml_url, callback_url = text(op, "xmlUrl"), text(op, "callbackUrl")
    for url in (xml_url, callback_url):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise Refusal(25, f"not an HTTP URL: {url!r}")
    return xml_url, callback_url


def fetch_import_file(xml_url: str) -> tuple[bytes | None, str]:
    """The file's content, or None and why it could not be had."""
    try:
        return fetch(xml_url), ""
    except (NotLoopbackError, httpx.HTTPError) as exc:
        return None, f"Impossible de télécharger le fichier : {exc}"


def run_import(store: Store, group: Group, content: bytes) -> tuple[str, int, list[str]]:
    """Import a ``groupMembers`` file; returns (state, imported, errors). Bad
    members are reported and skipped, as the report's ``<errors>`` suggests."""
    imported, errors = 0, []
    try:
        for position, (_, element) in enumerate(
            iter_elements(io.BytesIO(content), "groupMembers", ("member",)), start=1
        ):
            values = {child.tag: text(child, "value") for child in element}
            codes = {child.tag: text(child, "indicatif").lstrip("+") for child in element if text(child, "indicatif")}
            member = Member(store.next_id("member"), {}, {})
            try:
                _apply(group, member, values, codes)
            except Refusal as refusal:
                errors.append(f"Membre n°{position} : {answer(refusal.code).findtext('message')}")
                continue
            group.members[member.id] = member
            store.member_groups[member.id] = group.id
            imported += 1
    except (ProviderError, etree.LxmlError) as exc:
        return "KO", imported, [*errors, f"Fichier XML invalide : {exc}"]
    return "OK", imported, errors


def import_report_xml(state: str, imported: int, errors: list[str]) -> str:
    root = etree.Element("ecampaign")
    report = add(root, "importFromXml")
    add(report, "state", state)
    add(report, "imported", imported)
    if errors:
        container = add(report, "errors")
        for error in errors:
            add(container, "error", error)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8")
