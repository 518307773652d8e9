"""The sandbox's REST functions (mdworks-rest-api.txt), one method per URL, with
the spec's rules: unique logins longer than 6 characters, passwords longer than
8, quotas below the main account's, at most 50 fields of letters and "_", at
most 20 indexed fields among them, 255 rows per insert, valid addresses."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

import httpx

from ..sandbox import net
from ..sandbox.clock import PARIS
from . import codes
from .checks import FIELD_NAME, LOGIN, MAX_FIELDS, MAX_INDEX_FIELDS, MAX_ROWS_PER_INSERT, is_email
from .sandbox_state import ContactList, User

UNSUBSCRIBE_DELAY = 600.0  # "un délai pouvant aller jusqu'à 10 minutes avant l'ajout à la liste repoussoir"
STATS_DAYS = 30


class Refusal(Exception):
    def __init__(self, words: str) -> None:
        super().__init__(words)
        self.words = words


FUNCTIONS: dict[str, Callable] = {}
OPEN_FUNCTIONS: dict[str, Callable] = {}


def function(name: str, *, open_to_any_ip: bool = False):
    def register(method: Callable) -> Callable:
        (OPEN_FUNCTIONS if open_to_any_ip else FUNCTIONS)[name] = method
        return method

    return register


def _text(data: dict, key: str) -> str:
    value = data.get(key, "")
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _number(data: dict, key: str, refusal: str) -> int:
    value = _text(data, key).strip()
    if not re.fullmatch(r"\d{1,12}", value):
        raise Refusal(refusal)
    return int(value)


def _names(value: object) -> list[str]:
    return [name.strip() for name in value.split(",")] if isinstance(value, str) and value.strip() else []


class RestFunctions:
    """Mixed into MDWorksSandbox, whose state (account, users, pools, lists...) it works on."""

    FUNCTIONS = FUNCTIONS
    OPEN_FUNCTIONS = OPEN_FUNCTIONS

    # --- sub-accounts --------------------------------------------------------

    @function("user_list")
    def user_list(self, data: dict) -> list:
        return [user.as_json() for user in self.users.values()]

    @function("pools_list")
    def pools_list(self, data: dict) -> list:
        return [pool.as_json() for pool in self.pools.values()]

    def _user(self, data: dict) -> User:
        user = self.users.get(_number(data, "user_id", codes.USER_INVALID))
        if user is None:
            raise Refusal(codes.USER_INVALID)
        return user

    def _user_changes(self, data: dict) -> dict:
        changes = {}
        if "pass" in data:
            if len(_text(data, "pass")) <= 8:
                raise Refusal(codes.PASSWORD_INVALID)
            changes["password"] = _text(data, "pass")
        if "quota" in data:
            quota = _number(data, "quota", codes.QUOTA_INVALID)
            if quota >= self.account.quota:
                raise Refusal(codes.QUOTA_TOO_HIGH)
            changes["quota"] = quota
        if "nom" in data:
            changes["name"] = _text(data, "nom")
        if _text(data, "email"):
            if not is_email(_text(data, "email")):
                raise Refusal(f"{codes.EMAIL_INVALID}: {_text(data, 'email')}")
            changes["email"] = _text(data, "email")
        if _text(data, "pool_ip"):
            pool_id = _number(data, "pool_ip", codes.POOL_INVALID)
            if pool_id not in self.pools:
                raise Refusal(codes.POOL_INVALID)
            changes["pool_id"] = pool_id
        return changes

    @function("user_create")
    def user_create(self, data: dict) -> dict:
        login = _text(data, "log")
        if not LOGIN.fullmatch(login):
            raise Refusal(codes.LOGIN_INVALID)
        taken = {user.login.lower() for user in self.users.values()} | set(self.scenario_accounts)
        if login.lower() in taken:
            raise Refusal(codes.LOGIN_TAKEN)
        if "pass" not in data:
            raise Refusal(codes.PASSWORD_INVALID)
        if "quota" not in data:
            raise Refusal(codes.QUOTA_INVALID)
        user = User(0, login, "", pool_id=self.account.pool_id)
        for key, value in self._user_changes(data).items():
            setattr(user, key, value)
        user.id = next(self.ids.user)
        self.users[user.id] = user
        return {"user_id": str(user.id)}

    @function("user_update")
    def user_update(self, data: dict) -> dict:
        user = self._user(data)
        for key, value in self._user_changes(data).items():
            setattr(user, key, value)
        return {"result": "ok"}

    @function("user_delete")
    def user_delete(self, data: dict) -> dict:
        user = self._user(data)
        if user.has_sent:  # "un sous-compte ne peut être supprimé que si aucune campagne n'a été envoyée"
            raise Refusal(codes.USER_HAS_SENT)
        del self.users[user.id]
        for list_id in [i for i, lst in self.lists.items() if lst.owner_id == user.id]:
            del self.lists[list_id]
        return {"result": "ok"}

    # --- lists ---------------------------------------------------------------

    def _owner(self, data: dict) -> int:
        return self._user(data).id if _text(data, "user_id") else self.account.id

    def _list(self, data: dict) -> ContactList:
        contact_list = self.lists.get(_number(data, "list_id", codes.LIST_INVALID))
        if contact_list is None:
            raise Refusal(codes.LIST_INVALID)
        return contact_list

    @function("list_list")
    def list_list(self, data: dict) -> list:
        owner = self._owner(data)
        return [lst.as_json() for lst in self.lists.values() if lst.owner_id == owner]

    @function("list_create")
    def list_create(self, data: dict) -> dict:
        owner = self._owner(data)
        name = _text(data, "nom").strip()
        if not name:
            raise Refusal(codes.LIST_NAME_MISSING)
        fields = _names(data.get("field_list"))
        if not fields or len(set(fields)) != len(fields) or not all(FIELD_NAME.fullmatch(f) for f in fields):
            raise Refusal(codes.FIELDS_INVALID)
        if len(fields) > MAX_FIELDS:
            raise Refusal(codes.FIELDS_TOO_MANY)
        index_fields = _names(data.get("field_index"))
        if len(index_fields) > MAX_INDEX_FIELDS:
            raise Refusal(codes.INDEX_TOO_MANY)
        if not set(index_fields) <= set(fields):
            raise Refusal(codes.INDEX_INVALID)
        email_field = _text(data, "field_email").strip()
        if email_field not in fields:
            raise Refusal(codes.EMAIL_FIELD_INVALID)
        contact_list = self._new_list(owner, name, fields, email_field)
        contact_list.index_fields = index_fields
        contact_list.encrypt_emails = _text(data, "email_crypt") == "1"
        return {"list_id": str(contact_list.id)}

    @function("list_delete")
    def list_delete(self, data: dict) -> dict:
        contact_list = self._list(data)
        if contact_list.protected:
            raise Refusal(codes.LIST_PROTECTED)
        del self.lists[contact_list.id]
        return {"result": "ok"}

    @function("list_insert")
    def list_insert(self, data: dict) -> dict:
        contact_list = self._list(data)
        rows = data.get("tab_insert")
        if not isinstance(rows, list) or not rows:
            raise Refusal(codes.ROWS_INVALID)
        if len(rows) > MAX_ROWS_PER_INSERT:
            raise Refusal(codes.ROWS_TOO_MANY)
        clean = [self._row(contact_list, row, line) for line, row in enumerate(rows, start=1)]
        for row in clean:  # all or nothing: a refused call inserted no row
            contact_list.add(row)
        return {"result": "ok"}

    @staticmethod
    def _row(contact_list: ContactList, row: object, line: int) -> dict[str, str]:
        if not isinstance(row, dict) or not all(isinstance(v, str | int | float) for v in row.values()):
            raise Refusal(f"{codes.ROWS_INVALID}: line {line}")
        unknown = [key for key in row if key not in contact_list.fields]
        if unknown:
            raise Refusal(f"{codes.ROW_UNKNOWN_FIELD}: {unknown[0]}")
        email = str(row.get(contact_list.email_field, ""))
        if not is_email(email):
            raise Refusal(f"{codes.ROW_EMAIL_INVALID}: line {line}: {email}")
        return {key: str(value) for key, value in row.items()}

    @function("list_insert_url")
    def list_insert_url(self, data: dict) -> dict:
        contact_list = self._list(data)
        try:
            content = net.fetch(_text(data, "url"))
        except (net.NotLoopbackError, httpx.HTTPError):
            raise Refusal(codes.URL_INVALID) from None
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("iso-8859-1")
        lines = csv.reader(io.StringIO(text), delimiter=";")
        header = [name.strip() for name in next(lines, [])]
        unknown = [name for name in header if name not in contact_list.fields]
        if not header or unknown:
            raise Refusal(f"{codes.ROW_UNKNOWN_FIELD}: {unknown[0] if unknown else ''}")
        for values in lines:
            row = dict(zip(header, values, strict=False))
            if is_email(row.get(contact_list.email_field, "")):  # a bad line is skipped, not fatal
                contact_list.add(row)
        return {"result": "ok"}

    # --- statistics and unsubscribes ----------------------------------------

    @function("campaigns_stats", open_to_any_ip=True)
    def campaigns_stats(self, data: dict) -> list:
        now = self.context.clock.time()
        recent = [c for c in self.campaigns if now - c.sent_at <= STATS_DAYS * 86400 and c.sent_at <= now]
        answer = []
        for campaign in sorted(recent, key=lambda c: c.sent_at, reverse=True):
            counters = campaign.counters(now)
            sent = dt.datetime.fromtimestamp(campaign.sent_at, tz=PARIS)
            # Mixed strings and numbers, as in the spec's example.
            answer.append(
                {
                    "id": str(campaign.id),
                    "user_id": str(campaign.user_id),
                    "user": campaign.user_login,
                    "reference": campaign.reference,
                    "subject": campaign.subject,
                    "sent": sent.strftime("%Y-%m-%d %H:%M:%S.000000"),
                    "volume": str(campaign.volume),
                    "open_unique": str(counters["open_unique"]),
                    "open": str(counters["open"]),
                    "click_unique": str(counters["click_unique"]),
                    "click": counters["click"],
                    "hard_bounce": counters["hard_bounce"],
                    "soft_bounce": counters["soft_bounce"],
                    "unsubscribe": counters["unsubscribe"],
                }
            )
        return answer

    def _address(self, data: dict, *keys: str) -> str:
        email = next((_text(data, key).strip() for key in keys if _text(data, key).strip()), "")
        if not is_email(email):
            raise Refusal(f"{codes.EMAIL_INVALID}: {email}")
        return email.lower()

    @function("unsub_add")
    def unsub_add(self, data: dict) -> dict:
        email = self._address(data, "email")

        def effective() -> None:
            with self.lock:
                self.account.unsubscribed.add(email)

        self.context.clock.call_later(UNSUBSCRIBE_DELAY, effective)
        return {"result": "ok"}

    @function("unsub_global_add")
    def unsub_global_add(self, data: dict) -> dict:
        # The vendor's PHP example posts the address as "domain"; the field list says "email".
        self.account.radiated.add(self._address(data, "email", "domain"))
        return {"result": "ok"}
