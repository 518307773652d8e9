"""The sandbox's scenario endpoint, answering as a PHP SoapServer in non-WSDL
mode with ``'encoding' => 'ISO-8859-1'`` does (mdworks-soap-scenario.txt):
parameters taken by position, rpc/encoded answers in ISO-8859-1, an integer on
success and an array ``['Erreur', code, message]`` on error."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from ..sandbox.app import Response

OPERATION = "Envoi_Mail_Scenario_API"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
CONTENT_TYPE = "text/xml; charset=ISO-8859-1"
PARAMETER_COUNT = 12

_ENVELOPE = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" {ns1}'
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" '
    'SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">'
    "<SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>\n"
)


def _envelope(namespace: str | None, body: str, status: int = 200) -> Response:
    ns1 = f"xmlns:ns1={quoteattr(namespace)} " if namespace is not None else ""
    # xmlcharrefreplace: what ISO-8859-1 cannot carry goes as a character reference, as libxml2 does.
    text = _ENVELOPE.format(ns1=ns1, body=body)
    return Response(text.encode("iso-8859-1", "xmlcharrefreplace"), status, CONTENT_TYPE)


def fault(code: str, message: str, status: int = 500) -> Response:
    body = (
        f"<SOAP-ENV:Fault><faultcode>SOAP-ENV:{code}</faultcode>"
        f"<faultstring>{escape(message)}</faultstring></SOAP-ENV:Fault>"
    )
    return _envelope(None, body, status)


def success(namespace: str, recipient_id: int) -> Response:
    return _envelope(
        namespace,
        f'<ns1:{OPERATION}Response><return xsi:type="xsd:int">{recipient_id}</return></ns1:{OPERATION}Response>',
    )


def error(namespace: str, code: int, message: str) -> Response:
    items = (
        '<item xsi:type="xsd:string">Erreur</item>'
        f'<item xsi:type="xsd:int">{code}</item>'
        f'<item xsi:type="xsd:string">{escape(message)}</item>'
    )
    return _envelope(
        namespace,
        f"<ns1:{OPERATION}Response>"
        f'<return SOAP-ENC:arrayType="xsd:ur-type[3]" xsi:type="SOAP-ENC:Array">{items}'
        f"</return></ns1:{OPERATION}Response>",
    )


def read_call(body: bytes) -> tuple[str, list[str]] | Response:
    """The called operation's name and its parameters (by position, as PHP passes
    them to the function), or the Fault PHP answers to a request it cannot read."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return fault("Client", "Bad Request")
    if root.getroottree().docinfo.doctype:
        return fault("Client", "DTD are not supported by SOAP")
    envelope_body = root.find(f"{{{SOAP_ENV}}}Body")
    if etree.QName(root).localname != "Envelope" or envelope_body is None or not len(envelope_body):
        return fault("Client", "looks like we got no XML document")
    call = envelope_body[0]
    parameters = [(child.text or "") for child in call if isinstance(child.tag, str)]
    return etree.QName(call).localname, parameters
