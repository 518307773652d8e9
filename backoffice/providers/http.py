"""The one seam through which every provider call goes.

It owns what every client needs the same way: explicit connect/read timeouts,
a bounded connection pool, a size limit on answers, retries with exponential
backoff and jitter for :class:`TransientError` only, and XML parsing with
entities, DTDs and network access off. zeep is built here too, over httpx, so
SOAP calls get the same timeouts and can never fetch anything but the endpoint.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import httpx
from lxml import etree

from .errors import ProviderError, TransientError

DEFAULT_TIMEOUT = 30.0  # seconds to read an answer; connecting gets at most 10
MAX_ANSWER_BYTES = 50 * 1024 * 1024
RETRY_ATTEMPTS = 3
RETRY_BASE_DELAY = 0.5
RETRY_MAX_DELAY = 8.0

T = TypeVar("T")


def build_timeout(timeout: float) -> httpx.Timeout:
    return httpx.Timeout(timeout, connect=min(timeout, 10.0))


def build_http_client(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    base_url: str = "",
    max_connections: int = 10,
    headers: dict[str, str] | None = None,
) -> httpx.Client:
    """An httpx client for one provider: no proxies or netrc from the environment
    (a call goes to the configured endpoint and nowhere else), no redirects."""
    return httpx.Client(
        base_url=base_url,
        timeout=build_timeout(timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        headers=headers,
        follow_redirects=False,
        trust_env=False,
    )


def send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    provider: str,
    max_bytes: int = MAX_ANSWER_BYTES,
    pass_statuses: tuple[int, ...] = (),
    **kwargs,
) -> httpx.Response:
    """Send one request; network faults, 5xx (but ``pass_statuses``) and oversized
    answers become :class:`TransientError`. The body is read here, within the size limit."""
    try:
        with client.stream(method, url, **kwargs) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise TransientError(f"answer larger than {max_bytes} bytes, refused", provider=provider)
            response._content = bytes(body)  # httpx's own attribute for a read body
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        # The request never left: even a send may safely be tried again.
        raise TransientError(f"cannot connect: {exc}", provider=provider, may_have_been_applied=False) from exc
    except httpx.TimeoutException as exc:
        raise TransientError(f"no answer in time: {exc!r}", provider=provider) from exc
    except httpx.HTTPError as exc:
        raise TransientError(f"network failure: {exc!r}", provider=provider) from exc
    if response.status_code >= 500 and response.status_code not in pass_statuses:
        raise TransientError(
            f"server error HTTP {response.status_code}",
            provider=provider,
            code=response.status_code,
            raw=response.content[:2000],
        )
    return response


def with_retries(
    call: Callable[[], T],
    *,
    safe_to_repeat: bool,
    attempts: int = RETRY_ATTEMPTS,
    base_delay: float = RETRY_BASE_DELAY,
    max_delay: float = RETRY_MAX_DELAY,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``call``, retrying :class:`TransientError` with exponential backoff and
    full jitter. A call that is not ``safe_to_repeat`` (a send) is retried only when
    the error proves the request never reached the provider."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except TransientError as exc:
            retryable = safe_to_repeat or not exc.may_have_been_applied
            if not retryable or attempt == attempts:
                raise
            sleep(random.uniform(0, min(max_delay, base_delay * 2 ** (attempt - 1))))
    raise AssertionError("unreachable")


# --- XML ------------------------------------------------------------------

PROLOG_BYTES = 64 * 1024
HOSTILE_XML = "hostile XML refused: the answer carries a DOCTYPE (DTD or entities)"


def _hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def parse_xml(content: bytes | str, *, provider: str, max_bytes: int = MAX_ANSWER_BYTES) -> etree._Element:
    """Parse an answer or a callback. Anything with a DOCTYPE is refused: no
    provider of ours sends one, and it is how entity bombs and external entities
    arrive. Unparsable XML is a :class:`TransientError` (the provider's fault)."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    if len(content) > max_bytes:
        raise TransientError(f"XML larger than {max_bytes} bytes, refused", provider=provider)
    if b"<!DOCTYPE" in content[:PROLOG_BYTES] or b"<!ENTITY" in content[:PROLOG_BYTES]:
        # Refused before lxml even reads the internal subset.
        raise TransientError(HOSTILE_XML, provider=provider, raw=content[:2000])
    try:
        root = etree.fromstring(content, parser=_hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise TransientError(f"answer is not well-formed XML: {exc}", provider=provider, raw=content[:2000]) from exc
    if root.getroottree().docinfo.doctype:  # a DOCTYPE behind a long prolog
        raise TransientError(HOSTILE_XML, provider=provider, raw=content[:2000])
    return root


# --- SOAP (zeep) ----------------------------------------------------------


def _zeep():
    # Imported lazily: only the SOAP clients pay for zeep's import time.
    import zeep
    import zeep.exceptions
    import zeep.plugins
    import zeep.transports

    return zeep


class StripXsiTypes:
    """zeep ingress plugin: drop ``xsi:type`` from answers so zeep parses by the
    WSDL's own types. PHP SoapServer answers carry ``SOAP-ENC:Struct``/``Array``
    (which would make zeep fetch the encoding schema from the network) and odd
    types such as ``<status xsi:type="xsd:int">OK</status>``."""

    XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

    def ingress(self, envelope, http_headers, operation):
        for element in envelope.iter():
            if isinstance(element.tag, str) and self.XSI_TYPE in element.attrib:
                del element.attrib[self.XSI_TYPE]
        return envelope, http_headers

    def egress(self, envelope, http_headers, operation, binding_options):
        return envelope, http_headers


def build_soap_client(
    *,
    wsdl: Path,
    provider: str,
    endpoint: str,
    timeout: float = DEFAULT_TIMEOUT,
    plugins: Iterable[object] = (),
):
    """A zeep client over httpx and its service proxy bound to ``endpoint``. The WSDL is read from our
    package; any other load (imports, schemas) is refused, and zeep's XML settings
    forbid DTDs, entities and external access (off by default in zeep 4.3.3)."""
    zeep = _zeep()

    class HttpxTransport(zeep.transports.Transport):
        def __init__(self) -> None:
            super().__init__(cache=None)
            self.http = build_http_client(timeout=timeout)

        def post(self, address, message, headers):
            from requests import Response

            # SOAP 1.1 sends faults with HTTP 500: zeep reads them to tell the client's
            # faults from the server's (see soap_errors).
            answer = send(
                self.http, "POST", address, provider=provider, content=message, headers=headers, pass_statuses=(500,)
            )
            # zeep (strict=False, for PHP's odd answers) parses with lxml's recover mode:
            # a truncated answer would read as a half success. Parse strictly first; this
            # also refuses any DOCTYPE and non-XML (an HTML page).
            parse_xml(answer.content, provider=provider)
            response = Response()
            response._content = answer.content
            response.status_code = answer.status_code
            response.headers = answer.headers
            response.encoding = answer.encoding
            return response

        def load(self, url):
            if Path(url).resolve() == wsdl.resolve():
                return wsdl.read_bytes()
            raise TransientError(f"refusing to load {url!r}: only the shipped WSDL is read", provider=provider)

    settings = zeep.Settings(strict=False, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    client = zeep.Client(str(wsdl), transport=HttpxTransport(), settings=settings, plugins=[StripXsiTypes(), *plugins])
    # The WSDL's own address is a placeholder: every call goes to ``endpoint``.
    binding_name = next(iter(client.wsdl.bindings))
    return client, client.create_service(binding_name, endpoint)


def soap_errors(provider: str, classify_fault: Callable[[object], ProviderError] | None = None):
    """Context manager mapping zeep's exceptions to ours. A SOAP Fault whose code
    is the client's is handed to ``classify_fault`` (if given); the server's own
    faults, transport errors and unparsable answers are transient."""
    import contextlib

    zeep = _zeep()

    @contextlib.contextmanager
    def mapping():
        try:
            yield
        except ProviderError:
            raise
        except zeep.exceptions.Fault as fault:
            code = (fault.code or "").split(":")[-1]
            if code.lower() == "client" and classify_fault is not None:
                raise classify_fault(fault) from fault
            raise TransientError(
                f"SOAP fault: {fault.message}", provider=provider, code=fault.code, raw=fault.detail
            ) from fault
        except zeep.exceptions.TransportError as exc:
            raise TransientError(
                f"HTTP {exc.status_code} without a SOAP answer",
                provider=provider,
                code=exc.status_code,
                raw=(exc.content or b"")[:2000],
            ) from exc
        except (zeep.exceptions.DTDForbidden, zeep.exceptions.EntitiesForbidden) as exc:
            raise TransientError(f"hostile XML refused: {exc}", provider=provider) from exc
        except (etree.XMLSyntaxError, zeep.exceptions.XMLSyntaxError, zeep.exceptions.Error) as exc:
            raise TransientError(f"answer does not parse: {exc}", provider=provider) from exc
        except (ValueError, TypeError, AttributeError) as exc:
            # zeep surfaces some malformed answers (e.g. HTML with 200) this way.
            raise TransientError(f"answer does not parse: {exc!r}", provider=provider) from exc

    return mapping()
