"""Faults the sandbox can be told to answer with, so tests can prove that every
broken or hostile answer ends in a clear ProviderError within the timeout."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum


class Fault(StrEnum):
    SERVER_ERROR = "server_error"  # HTTP 500 with the provider's own error body (a SOAP Fault...)
    HTML_PAGE = "html_page"  # HTTP 200 with an HTML maintenance page
    HANG = "hang"  # no answer until well past any client timeout
    RESET = "reset"  # TCP connection reset without an answer
    TRUNCATED = "truncated"  # the real answer, cut in the middle
    ENTITY_BOMB = "entity_bomb"  # "billion laughs" XML
    EXTERNAL_ENTITY = "external_entity"  # XML with an external (SYSTEM) entity
    EXTERNAL_DTD = "external_dtd"  # XML referring to an external DTD


HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Maintenance</title></head>"
    b"<body><h1>Service en maintenance</h1><p>Merci de r\xc3\xa9essayer plus tard.</p></body></html>"
)

ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><answer>&lol9;</answer></SOAP-ENV:Body></SOAP-ENV:Envelope>
"""


def external_entity(url: str) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE answer [ <!ENTITY xxe SYSTEM "{url}"> ]>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><answer>&xxe;</answer></SOAP-ENV:Body></SOAP-ENV:Envelope>
""".encode()


def external_dtd(url: str) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE answer SYSTEM "{url}">
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><answer>x</answer></SOAP-ENV:Body></SOAP-ENV:Envelope>
""".encode()


@dataclass
class _Armed:
    fault: Fault
    times: int
    match: str | None


class FaultInjector:
    """Per provider, the faults armed for its next requests. ``match`` limits a
    fault to requests whose path or body contains that text (one SOAP operation,
    one endpoint)."""

    def __init__(self) -> None:
        self._armed: dict[str, list[_Armed]] = {}
        self._lock = threading.Lock()

    def inject(self, provider: str, fault: Fault | str, *, times: int = 1, match: str | None = None) -> None:
        with self._lock:
            self._armed.setdefault(provider, []).append(_Armed(Fault(fault), times, match))

    def take(self, provider: str, path: str, body: bytes) -> Fault | None:
        with self._lock:
            for armed in self._armed.get(provider, []):
                if armed.match and armed.match not in path and armed.match.encode() not in body:
                    continue
                armed.times -= 1
                if armed.times <= 0:
                    self._armed[provider].remove(armed)
                return armed.fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
