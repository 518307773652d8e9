"""MDWorks REST client (mdworks-rest-api.txt): sub-accounts, IP pools, contact
lists, list inserts, campaign statistics and unsubscribe lists.

Every call POSTs a JSON body to ``/api_http/<function>`` (``/api_http_open/``
for statistics, which are open to any IP). The body goes under the form content
type, exactly as the vendor's own PHP example sends it ("Exemple de code en PHP").
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence

from ..errors import InvalidRequestError
from ..http import DEFAULT_TIMEOUT, build_http_client, send, with_retries
from . import answers, checks
from .codes import PROVIDER
from .inserts import insert_concurrently
from .models import CampaignStats, ChunkReport, ContactList, InsertReport, IpPool, SubAccount

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
DEFAULT_INSERT_CONCURRENCY = 4

# update_user's parameters and their names on the wire ("Modifier un sous-compte").
_USER_CHANGES = {"name": "nom", "email": "email", "quota": "quota", "pool_id": "pool_ip", "password": "pass"}


class MDWorksClient:
    def __init__(
        self,
        *,
        api_key: str,
        base_url: str = "https://www.mdworks.fr",
        timeout: float = DEFAULT_TIMEOUT,
        main_account_quota: int | None = None,
        max_connections: int = 10,
    ) -> None:
        self.api_key = api_key
        # The main account's sending quota, when known: a sub-account's must be lower.
        self.main_account_quota = main_account_quota
        self._http = build_http_client(timeout=timeout, base_url=base_url.rstrip("/"), max_connections=max_connections)
        # Email field of each list this client created or listed: insert_rows checks addresses with it.
        self._email_fields: dict[int, str] = {}
        self._email_fields_lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> MDWorksClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- transport --------------------------------------------------------

    def _post(self, path: str, data: dict[str, object]) -> object:
        body = json.dumps({"api_key": self.api_key, **data}, ensure_ascii=False).encode("utf-8")
        response = send(
            self._http, "POST", path, provider=PROVIDER, content=body, headers={"Content-Type": FORM_CONTENT_TYPE}
        )
        return answers.decode(response)

    def _call(
        self, function: str, data: dict[str, object] | None = None, *, safe_to_repeat: bool, open_endpoint: bool = False
    ) -> object:
        path = f"/{'api_http_open' if open_endpoint else 'api_http'}/{function}"
        return with_retries(lambda: self._post(path, data or {}), safe_to_repeat=safe_to_repeat)

    # --- sub-accounts ("Gestion des utilisateurs") -------------------------

    def list_users(self) -> list[SubAccount]:
        return answers.sub_accounts(self._call("user_list", safe_to_repeat=True))

    def list_pools(self) -> list[IpPool]:
        return answers.ip_pools(self._call("pools_list", safe_to_repeat=True))

    def create_user(
        self,
        *,
        login: str,
        password: str,
        quota: int,
        name: str | None = None,
        email: str | None = None,
        pool_id: int | None = None,
    ) -> int:
        """Create a sub-account; returns its id. Without ``pool_id`` MDWorks uses the main account's pool."""
        checks.check_login(login)
        checks.check_password(password)
        checks.check_quota(quota, self.main_account_quota)
        data: dict[str, object] = {"log": login, "pass": password, "quota": str(quota)}
        if name is not None:
            data["nom"] = name
        if email is not None:
            checks.check_email(email)
            data["email"] = email
        if pool_id is not None:
            checks.check_pool(pool_id)
            data["pool_ip"] = str(pool_id)
        # Not repeated on a doubtful failure: a second try would find the login taken.
        return answers.expect_id(self._call("user_create", data, safe_to_repeat=False), "user_id")

    def update_user(self, user_id: int, **changes: object) -> None:
        """Change any of ``name``, ``email``, ``quota``, ``pool_id``, ``password``; the others (and
        those given as None, e.g. a blank optional form field) stay as they are."""
        checks.check_id(user_id, "user_id")
        data: dict[str, object] = {"user_id": str(user_id)}
        for key, value in changes.items():
            if key not in _USER_CHANGES:
                raise checks.refuse(key, f"MDWorks ne permet pas de modifier {key!r}", f"MDWorks cannot change {key!r}")
            if value is None:
                continue
            if key == "quota":
                checks.check_quota(value, self.main_account_quota)
            elif key == "password":
                checks.check_password(value)
            elif key == "email":
                checks.check_email(value)
            elif key == "pool_id":
                checks.check_pool(value)
            data[_USER_CHANGES[key]] = str(value)
        if len(data) == 1:
            raise checks.refuse("user_id", "Aucune modification demandée", "Nothing to change")
        answers.expect_ok(self._call("user_update", data, safe_to_repeat=True))

    def delete_user(self, user_id: int) -> None:
        """MDWorks refuses once the sub-account has sent a campaign (InvalidRequestError)."""
        checks.check_id(user_id, "user_id")
        answers.expect_ok(self._call("user_delete", {"user_id": str(user_id)}, safe_to_repeat=False))

    # --- lists ("Gestion des listes") ------------------------------------

    def list_lists(self, user_id: int | None = None) -> list[ContactList]:
        """Lists of a sub-account, or of the main account without ``user_id``."""
        data = {}
        if user_id is not None:
            checks.check_id(user_id, "user_id")
            data["user_id"] = str(user_id)
        lists = answers.contact_lists(self._call("list_list", data, safe_to_repeat=True))
        with self._email_fields_lock:
            self._email_fields.update({item.id: item.email_field for item in lists if item.email_field})
        return lists

    def create_list(
        self,
        *,
        name: str,
        fields: Sequence[str],
        email_field: str,
        index_fields: Sequence[str] = (),
        user_id: int | None = None,
        encrypt_emails: bool = False,
    ) -> int:
        """Create a list (on a sub-account with ``user_id``); returns its id."""
        fields, index_fields = list(fields), list(index_fields)
        checks.check_list(name, fields, email_field, index_fields)
        data: dict[str, object] = {
            "nom": name,
            "field_list": ",".join(fields),
            "field_email": email_field,
            "email_crypt": "1" if encrypt_emails else "0",
        }
        if index_fields:
            data["field_index"] = ",".join(index_fields)
        if user_id is not None:
            checks.check_id(user_id, "user_id")
            data["user_id"] = str(user_id)
        list_id = answers.expect_id(self._call("list_create", data, safe_to_repeat=False), "list_id")
        with self._email_fields_lock:
            self._email_fields[list_id] = email_field
        return list_id

    def delete_list(self, list_id: int) -> None:
        """A list protected against deletion is refused (InvalidRequestError, MDWorks' words)."""
        checks.check_id(list_id, "list_id")
        answers.expect_ok(self._call("list_delete", {"list_id": str(list_id)}, safe_to_repeat=False))

    def insert_rows(
        self,
        list_id: int,
        rows: Iterable[object],
        *,
        email_field: str | None = None,
        concurrency: int = DEFAULT_INSERT_CONCURRENCY,
        on_chunk: Callable[[ChunkReport], None] | None = None,
    ) -> InsertReport:
        """Insert rows (mappings of field name to value) from any iterable, in chunks
        of at most 255, ``concurrency`` calls at a time, in constant memory.

        Rows whose address is invalid are refused before sending when the list's
        email field is known (given, or learnt from create_list/list_lists). A chunk
        is retried only when its request provably never left; otherwise its outcome
        is reported (``on_chunk`` sees every chunk; the report keeps the failed ones).
        """
        checks.check_id(list_id, "list_id")
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or not 1 <= concurrency <= 16:
            raise InvalidRequestError("concurrency must be 1 to 16", provider=PROVIDER, field="concurrency")
        if email_field is None:
            with self._email_fields_lock:
                email_field = self._email_fields.get(list_id)

        def send_chunk(chunk_rows: list[dict[str, str]]) -> None:
            data = {"list_id": str(list_id), "tab_insert": chunk_rows}
            answers.expect_ok(self._call("list_insert", data, safe_to_repeat=False))

        return insert_concurrently(
            send_chunk, rows, email_field=email_field, concurrency=concurrency, on_chunk=on_chunk
        )

    def insert_from_url(self, list_id: int, url: str) -> None:
        """Have MDWorks fetch a ";"-separated CSV file (header line: the field names)."""
        checks.check_id(list_id, "list_id")
        checks.check_url(url)
        data = {"list_id": str(list_id), "url": url}
        answers.expect_ok(self._call("list_insert_url", data, safe_to_repeat=False))

    # --- statistics and unsubscribes ---------------------------------------

    def campaign_stats(self) -> list[CampaignStats]:
        """Campaigns of the last 30 days, main account and sub-accounts (cached up to an hour by MDWorks)."""
        return answers.campaign_stats(self._call("campaigns_stats", safe_to_repeat=True, open_endpoint=True))

    def unsubscribe(self, email: str) -> None:
        """Add to the account's unsubscribe list (effective within 10 minutes, says the spec)."""
        checks.check_email(email)
        answers.expect_ok(self._call("unsub_add", {"email": email}, safe_to_repeat=True))

    def unsubscribe_global(self, email: str) -> None:
        """Add to the radiation list: removed from every future sending of the account."""
        checks.check_email(email)
        answers.expect_ok(self._call("unsub_global_add", {"email": email}, safe_to_repeat=True))
