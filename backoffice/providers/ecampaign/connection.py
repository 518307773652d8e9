"""The part every eCampaign call shares: credentials, the ``xml`` form field,
timeouts, size limits and retries (all through ``providers/http.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

import httpx

from ..http import DEFAULT_TIMEOUT, MAX_ANSWER_BYTES, build_http_client, send, with_retries
from .codes import PROVIDER
from .xml import Element, build_request, md5_hex, parse_answer, serialize

DEFAULT_BASE_URL = "http://api.ecampaign.prosoluce.fr"
# getCDR answers list every message of the period: allow them more room.
MAX_CDR_BYTES = 1024 * 1024 * 1024
_MD5_DIGEST = re.compile(r"[0-9a-f]{32}")
T = TypeVar("T")


class Connection:
    def __init__(
        self,
        *,
        user: str,
        password: str,
        password_is_md5: bool = False,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
        max_cdr_bytes: int = MAX_CDR_BYTES,
    ) -> None:
        self.user = user
        self.md5 = password_is_md5
        # The "md5" option (spec, MD5 parameter): the password travels as its MD5
        # digest. A digest given as the password is sent as is; a plain one is hashed.
        if password_is_md5 and not _MD5_DIGEST.fullmatch(password.lower()):
            password = md5_hex(password)
        self.password = password.lower() if password_is_md5 else password
        self.max_answer_bytes = max_answer_bytes
        self.max_cdr_bytes = max_cdr_bytes
        self._http = build_http_client(timeout=timeout, base_url=base_url.rstrip("/"))

    def close(self) -> None:
        self._http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _request(self) -> Element:
        return build_request(self.user, self.password, md5=self.md5)

    def _exchange(
        self,
        path: str,
        root: Element,
        *,
        safe_to_repeat: bool,
        read: Callable[[httpx.Response], T],
        max_bytes: int | None = None,
    ) -> T:
        """POST the request as the form field ``xml`` (form-encoded: the vendor's
        sample posts it raw, which breaks on "&" and "+") and ``read`` the answer.
        Reading is part of the attempt, so a read call that got a truncated or
        unparsable answer is tried again; a send is not."""
        data = {"xml": serialize(root).decode("utf-8")}
        limit = max_bytes or self.max_answer_bytes
        return with_retries(
            lambda: read(send(self._http, "POST", path, provider=PROVIDER, data=data, max_bytes=limit)),
            safe_to_repeat=safe_to_repeat,
        )

    def _call(self, path: str, root: Element, *, safe_to_repeat: bool, tolerate: Iterable[int] = ()) -> Element:
        return self._exchange(
            path,
            root,
            safe_to_repeat=safe_to_repeat,
            read=lambda answer: parse_answer(answer.content, tolerate=tolerate),
        )

    def _get(self, path: str, params: dict[str, str]) -> Element:
        return with_retries(
            lambda: parse_answer(
                send(self._http, "GET", path, provider=PROVIDER, params=params, max_bytes=self.max_answer_bytes).content
            ),
            safe_to_repeat=True,
        )
