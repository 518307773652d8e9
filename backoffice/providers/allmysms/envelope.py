"""Make zeep's request envelopes match the spec's element for element.

zeep writes rpc/encoded bodies without the SOAP-encoding attributes; PHP's
SoapServer decodes by them. This egress plugin adds, as in the spec's request
envelopes (C. Méthodes): ``soapenv:encodingStyle`` on the method element, an
``xsi:type`` on every part and field, and on arrays (``sms``, ``params``) the
``SOAP-ENC:arrayType`` PHP reads to size them.
"""

from __future__ import annotations

from lxml import etree

SERVER_NS = "http://api.msinnovations.com/api/soap/server.php"
SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP_ENC_NS = "http://schemas.xmlsoap.org/soap/encoding/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
NSMAP = {"xsi": XSI_NS, "xsd": XSD_NS, "ser": SERVER_NS, "SOAP-ENC": SOAP_ENC_NS}

XSI_TYPE = f"{{{XSI_NS}}}type"
ARRAY_TYPE = f"{{{SOAP_ENC_NS}}}arrayType"
ENCODING_STYLE = f"{{{SOAP_ENV_NS}}}encodingStyle"

STRUCT_TYPES = {
    "messageData": "ser:MsInnovations_Api_Soap_Objects_MessageData",
    "subAccount": "ser:MsInnovations_Api_Soap_Objects_SubAccount",
}
# array element -> (its type, its items' type)
ARRAY_TYPES = {
    "sms": ("ser:ArrayOfMsinnovations_api_soap_objects_sms", "ser:MsInnovations_Api_Soap_Objects_Sms"),
    "params": ("ser:ArrayOfString", "xsd:string"),
}
INT_FIELDS = frozenset(
    {"dynamic", "lowcost", "mailNotif", "sendEmailToCustomer", "sendEmailToMasterAccount", "postPaid"}
)
# getStop's envelope types its two parts xsd:anyType; every other leaf is a string.
ANY_TYPE_OPERATIONS = frozenset({"getStop"})


def annotate(method: etree._Element) -> None:
    """Add the spec's encoding attributes to a method element and everything under it."""
    method.set(ENCODING_STYLE, SOAP_ENC_NS)
    leaf_type = "xsd:anyType" if etree.QName(method).localname in ANY_TYPE_OPERATIONS else "xsd:string"
    for part in method:
        _annotate(part, leaf_type)


def _annotate(element: etree._Element, leaf_type: str, item_type: str | None = None) -> None:
    name = etree.QName(element).localname
    if name in ARRAY_TYPES:
        array_type, items = ARRAY_TYPES[name]
        element.set(XSI_TYPE, array_type)
        element.set(ARRAY_TYPE, f"{items}[{len(element)}]")
        for item in element:
            _annotate(item, leaf_type, item_type=items)
        return
    if item_type is not None:
        element.set(XSI_TYPE, item_type)
        if item_type.startswith("xsd:"):
            return
    elif name in STRUCT_TYPES:
        element.set(XSI_TYPE, STRUCT_TYPES[name])
    else:
        element.set(XSI_TYPE, "xsd:int" if name in INT_FIELDS else leaf_type)
        return
    for child in element:
        _annotate(child, "xsd:string")


def with_spec_namespaces(envelope: etree._Element) -> etree._Element:
    """A copy of the envelope whose root declares the prefixes used in attribute
    values (``xsd:string``, ``ser:...``): lxml cannot add them to an existing root."""
    root = etree.Element(envelope.tag, nsmap={**NSMAP, **{k: v for k, v in envelope.nsmap.items() if k}})
    root.extend(list(envelope))
    return root


class SpecEncoding:
    """zeep plugin applying :func:`annotate` to every outgoing call."""

    def egress(self, envelope, http_headers, operation, binding_options):
        envelope = with_spec_namespaces(envelope)
        body = envelope.find(f"{{{SOAP_ENV_NS}}}Body")
        for method in body if body is not None else ():
            annotate(method)
        return envelope, http_headers

    def ingress(self, envelope, http_headers, operation):
        return envelope, http_headers
