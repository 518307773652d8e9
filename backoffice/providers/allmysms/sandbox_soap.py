"""The sandbox's SOAP wire: read request envelopes as PHP's SoapServer would (by
element names, in any order, whatever the prefixes) and write answers exactly as
the spec's samples do (``SOAP-ENC:Struct`` / ``SOAP-ENC:Array`` with
``arrayType``, the same namespaces, the same odd ``xsi:type``s)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from ..sandbox.app import Response

ANSWER_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" '
    'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:MsInnovations_Api_Soap_Wsdl" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>'
)
ANSWER_CLOSE = "</SOAP-ENV:Body></SOAP-ENV:Envelope>"


class BadEnvelope(Exception):
    """The request is not a SOAP call we can read: PHP answers a Client fault."""


@dataclass(frozen=True)
class Typed:
    """A leaf written with a given ``xsi:type`` (the samples type "OK" as xsd:int)."""

    value: object
    xsi_type: str


# --- requests ----------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def read_call(body: bytes) -> tuple[str, etree._Element]:
    """The method's local name and element."""
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise BadEnvelope(f"Bad Request: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise BadEnvelope("DTD are not supported by SOAP")
    body_element = next((c for c in root if isinstance(c.tag, str) and etree.QName(c).localname == "Body"), None)
    method = next((c for c in body_element if isinstance(c.tag, str)), None) if body_element is not None else None
    if method is None:
        raise BadEnvelope("Bad Request: no SOAP body")
    return etree.QName(method).localname, method


def children(element: etree._Element | None) -> dict[str, etree._Element]:
    if element is None:
        return {}
    return {etree.QName(c).localname: c for c in element if isinstance(c.tag, str)}


def value(element: etree._Element | None) -> str | None:
    """A leaf's text; ``None`` when absent or nil (PHP's null)."""
    if element is None or element.get("{http://www.w3.org/2001/XMLSchema-instance}nil") in ("true", "1"):
        return None
    return element.text or ""


def array(element: etree._Element | None) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str)] if element is not None else []


# --- answers -------------------------------------------------------------------------


def _leaf(name: str, item: object) -> str:
    if isinstance(item, Typed):
        xsi_type, item = item.xsi_type, item.value
    else:
        xsi_type = "xsd:int" if isinstance(item, int) else "xsd:string"
    content = escape(str(item))
    return f'<{name} xsi:type="{xsi_type}">{content}</{name}>' if content else f'<{name} xsi:type="{xsi_type}"/>'


def _node(name: str, item: object) -> str:
    if item is None:
        return f'<{name} xsi:nil="true"/>'
    if isinstance(item, dict):
        inner = "".join(_node(key, sub) for key, sub in item.items())
        return f'<{name} xsi:type="SOAP-ENC:Struct">{inner}</{name}>'
    if isinstance(item, list):
        inner = "".join(_node("item", sub) for sub in item)
        return f'<{name} SOAP-ENC:arrayType="SOAP-ENC:Struct[{len(item)}]" xsi:type="SOAP-ENC:Array">{inner}</{name}>'
    return _leaf(name, item)


def answer(method: str, result: dict) -> Response:
    body = f"{ANSWER_OPEN}<ns1:{method}Response>{_node('return', result)}</ns1:{method}Response>{ANSWER_CLOSE}"
    return Response(body.encode("utf-8"))


def fault(code: str, message: str) -> Response:
    """PHP SoapServer's fault: always HTTP 500."""
    body = (
        f"{ANSWER_OPEN}<SOAP-ENV:Fault><faultcode>SOAP-ENV:{code}</faultcode>"
        f"<faultstring>{escape(message)}</faultstring></SOAP-ENV:Fault>{ANSWER_CLOSE}"
    )
    return Response(body.encode("utf-8"), status=500)
