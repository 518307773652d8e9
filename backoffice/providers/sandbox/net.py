"""The sandbox's own outgoing HTTP (fetching an import file or an MP3, POSTing a
delivery callback): loopback addresses only, short timeouts."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

TIMEOUT = httpx.Timeout(10.0, connect=2.0)


class NotLoopbackError(ValueError):
    pass


def ensure_loopback(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotLoopbackError(f"not an http(s) URL: {url!r}")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, None)}
    except socket.gaierror as exc:
        raise NotLoopbackError(f"unknown host {parts.hostname!r}") from exc
    if not all(ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses):
        raise NotLoopbackError(f"the sandbox only reaches loopback addresses, not {parts.hostname!r}")


def fetch(url: str, *, max_bytes: int = 64 * 1024 * 1024) -> bytes:
    """GET a loopback URL; raises NotLoopbackError or httpx.HTTPError."""
    ensure_loopback(url)
    with (
        httpx.Client(timeout=TIMEOUT, trust_env=False, follow_redirects=False) as client,
        client.stream("GET", url) as response,
    ):
        response.raise_for_status()
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > max_bytes:
                raise httpx.HTTPError(f"{url} is larger than {max_bytes} bytes")
        return bytes(body)


def post_form(url: str, data: dict[str, str]) -> int:
    """POST a form to a loopback URL; returns the HTTP status."""
    ensure_loopback(url)
    with httpx.Client(timeout=TIMEOUT, trust_env=False, follow_redirects=False) as client:
        return client.post(url, data=data).status_code
