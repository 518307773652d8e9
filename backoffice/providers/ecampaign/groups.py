"""Groups and their members (spec, "Méthodes pour la gestion des groupes d'envoi")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .connection import Connection
from .recipients import Phone
from .results import Group, GroupField, GroupSummary, Member
from .xml import Element, add, parse_datetime, text, to_bool

MemberValue = str | Phone


def _path(group_id: int, operation: str) -> str:
    return f"/manageGroup/{int(group_id)}/{operation}"


class GroupsMixin(Connection):
    def list_groups(self) -> list[GroupSummary]:
        root = self._request()
        add(root, "manageGroup")
        answer = self._call("/manageGroup/listGroups", root, safe_to_repeat=True)
        return [
            GroupSummary(
                id=int(group.get("id", "0")),
                name=(group.text or "").strip(),
                created_at=parse_datetime(group.get("date")),
                locked_structure=to_bool(group.get("locked_structure")),
                locked_content=to_bool(group.get("locked_content")),
            )
            for group in answer.iterfind("groups/group")
        ]

    def get_group(self, group_id: int) -> Group:
        root = self._request()
        add(root, "manageGroup")
        group = self._call(_path(group_id, "getGroup"), root, safe_to_repeat=True).find("group")
        return Group(
            id=int(group_id),
            name=text(group, "name"),
            created_at=parse_datetime(text(group, "date")),
            locked_structure=to_bool(text(group, "locked_structure")),
            locked_content=to_bool(text(group, "locked_content")),
            fields=[
                GroupField(name=(tag.text or "").strip(), type=tag.get("type", ""), unique=to_bool(tag.get("unique")))
                for tag in (group.iterfind("tags/tag") if group is not None else ())
            ],
        )

    def add_group(
        self,
        *,
        name: str,
        fields: Iterable[GroupField],
        locked_structure: bool = False,
        locked_content: bool = False,
    ) -> int:
        root = self._request()
        op = add(add(root, "manageGroup"), "addGroup")
        add(op, "name", name)
        add(op, "locked_structure", locked_structure)
        add(op, "locked_content", locked_content)
        _add_fields(add(op, "tags"), fields)
        answer = self._call("/manageGroup/addGroup", root, safe_to_repeat=False)
        return int(text(answer, "id_group"))

    def mod_group(
        self,
        group_id: int,
        *,
        name: str | None = None,
        locked_structure: bool | None = None,
        locked_content: bool | None = None,
    ) -> None:
        root = self._request()
        op = add(add(root, "manageGroup"), "modGroup")
        for tag, value in (("name", name), ("locked_structure", locked_structure), ("locked_content", locked_content)):
            if value is not None:
                add(op, tag, value)
        self._call(_path(group_id, "modGroup"), root, safe_to_repeat=True)

    def del_group(self, group_id: int) -> None:
        self._bare_group_call(group_id, "delGroup")

    def empty_group(self, group_id: int) -> None:
        self._bare_group_call(group_id, "emptyGroup")

    def add_tags(self, group_id: int, fields: Iterable[GroupField]) -> None:
        root = self._request()
        _add_fields(add(add(root, "manageGroup"), "addTags"), fields)
        self._call(_path(group_id, "addTags"), root, safe_to_repeat=False)

    def del_tags(self, group_id: int, names: Iterable[str]) -> None:
        root = self._request()
        op = add(add(root, "manageGroup"), "delTags")
        for name in names:
            add(op, "item", name)
        self._call(_path(group_id, "delTags"), root, safe_to_repeat=True)

    # --- members ------------------------------------------------------------

    def add_member(self, group_id: int, values: Mapping[str, MemberValue]) -> int:
        """``values`` by field name; a :class:`Phone` travels with its ``code``."""
        root = self._request()
        _add_values(add(add(add(root, "manageGroup"), "addMember"), "tags"), values)
        answer = self._call(_path(group_id, "addMember"), root, safe_to_repeat=False)
        return int(text(answer, "idMember"))

    def mod_member(self, group_id: int, member_id: int, values: Mapping[str, MemberValue]) -> None:
        """Only the fields given are changed."""
        root = self._request()
        op = add(add(root, "manageGroup"), "modMember")
        add(op, "idMember", int(member_id))
        _add_values(add(op, "tags"), values)
        self._call(_path(group_id, "modMember"), root, safe_to_repeat=True)

    def get_member(
        self, group_id: int, *, member_id: int | None = None, where: Mapping[str, str] | None = None
    ) -> list[Member]:
        """Search by id and/or by field values (every value must match)."""
        root = self._request()
        op = add(add(root, "manageGroup"), "getMember")
        if member_id is not None:
            add(op, "id", int(member_id))
        if where:
            tags = add(op, "tags")
            for name, value in where.items():
                add(tags, "item", value, id=name)
        answer = self._call(_path(group_id, "getMember"), root, safe_to_repeat=True)
        return [
            Member(
                id=int(member.get("id", "0")),
                values={item.get("id", ""): (item.text or "").strip() for item in member.iterfind("tags/item")},
            )
            for member in answer.iterfind("member")
        ]

    def del_member(self, group_id: int, member_id: int) -> None:
        root = self._request()
        add(add(root, "manageGroup"), "delMember", int(member_id))
        self._call(_path(group_id, "delMember"), root, safe_to_repeat=True)

    def import_members(self, group_id: int, *, xml_url: str, callback_url: str) -> None:
        """Ask eCampaign to fetch a ``groupMembers`` file (see ``import_file``); the
        report arrives later on ``callback_url`` (``callbacks.parse_import_report``)."""
        root = self._request()
        op = add(add(root, "manageGroup"), "importMembers")
        add(op, "xmlUrl", xml_url)
        add(op, "callbackUrl", callback_url)
        self._call(_path(group_id, "importMembers"), root, safe_to_repeat=False)

    def _bare_group_call(self, group_id: int, operation: str) -> None:
        root = self._request()
        add(root, "manageGroup")
        self._call(_path(group_id, operation), root, safe_to_repeat=True)


def _add_fields(parent: Element, fields: Iterable[GroupField]) -> None:
    for group_field in fields:
        add(parent, "item", group_field.name, type=str(group_field.type), unique=group_field.unique or None)


def _add_values(parent: Element, values: Mapping[str, MemberValue]) -> None:
    for name, value in values.items():
        if isinstance(value, Phone):
            add(parent, "item", value.number, id=name, code=value.code)
        else:
            add(parent, "item", value, id=name)
