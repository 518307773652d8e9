"""MDWorks SOAP scenario call (mdworks-soap-scenario.txt): enrol one recipient
into an email scenario defined in the MDWorks interface.

``Envoi_Mail_Scenario_API(login, motdepasse, scenario, email, nom, prenom, p1..p6)``,
SOAP 1.1 rpc/encoded against a PHP SoapServer that works in ISO-8859-1. The
answer is an integer (the recipient's id) or an array carrying the error.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lxml import etree

from ..errors import InvalidRequestError, ProviderError
from ..http import DEFAULT_TIMEOUT, build_soap_client, soap_errors
from ..types import LocalizedMessage
from . import checks
from .answers import unparsable
from .codes import PROVIDER, localize, scenario_error

WSDL = Path(__file__).with_name("mdworks_scenario.wsdl")
OPERATION = "Envoi_Mail_Scenario_API"
PARAMETERS = ("login", "motdepasse", "scenario", "email", "nom", "prenom", "p1", "p2", "p3", "p4", "p5", "p6")
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSD = "http://www.w3.org/2001/XMLSchema"
_SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
_SOAP_ENCODING = "http://schemas.xmlsoap.org/soap/encoding/"
_NSMAP = {"SOAP-ENV": _SOAP_ENV, "xsd": _XSD, "xsi": _XSI, "SOAP-ENC": _SOAP_ENCODING}


class RpcEncodedRequest:
    """zeep egress plugin: put the operation in the configured namespace and type
    each parameter ``xsd:string`` under the SOAP encoding style, as PHP's
    SoapClient does; zeep leaves both out."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def ingress(self, envelope, http_headers, operation):
        return envelope, http_headers

    def egress(self, envelope, http_headers, operation, binding_options):
        # lxml cannot add declarations to an element: build the envelope anew with
        # the prefixes PHP's SoapClient declares, and move the body into it.
        rebuilt = etree.Element(f"{{{_SOAP_ENV}}}Envelope", nsmap=_NSMAP)
        rebuilt.extend(list(envelope))
        body = rebuilt.find(f"{{{_SOAP_ENV}}}Body")
        if body is not None and len(body):
            call = body[0]
            call.tag = etree.QName(self.namespace, etree.QName(call).localname).text
            call.set(f"{{{_SOAP_ENV}}}encodingStyle", _SOAP_ENCODING)
            for parameter in call:
                parameter.set(f"{{{_XSI}}}type", "xsd:string")
        etree.cleanup_namespaces(rebuilt, keep_ns_prefixes=["xsd"])
        http_headers["SOAPAction"] = f'"{self.namespace}#{OPERATION}"'
        return rebuilt, http_headers


@functools.lru_cache(maxsize=16)
def _service(endpoint: str, namespace: str, timeout: float):
    # One zeep client per endpoint and process (DESIGN.md): parsing the WSDL is not free.
    return build_soap_client(
        wsdl=WSDL, provider=PROVIDER, endpoint=endpoint, timeout=timeout, plugins=(RpcEncodedRequest(namespace),)
    )[1]


def _classify_fault(fault) -> ProviderError:
    error = InvalidRequestError(f"SOAP fault: {fault.message}", provider=PROVIDER, code=fault.code)
    return localize(
        error,
        LocalizedMessage(f"MDWorks a refusé l'appel : {fault.message}", f"MDWorks refused the call: {fault.message}"),
    )


def _texts(items: list) -> list[str]:
    """The values of a PHP array: ``<item>`` texts, or ``<value>`` of a Map's items."""
    texts = []
    for item in items:
        if not isinstance(getattr(item, "tag", None), str):
            continue
        value = next((child for child in item if etree.QName(child).localname == "value"), item)
        texts.append((value.text or "").strip())
    return texts


def read_answer(answer: object) -> int:
    """The recipient's id, or the spec's error for the array MDWorks sent back."""
    if isinstance(answer, str) and re.fullmatch(r"\s*\d{1,18}\s*", answer):
        return int(answer)
    if isinstance(answer, int) and not isinstance(answer, bool):
        return answer
    if isinstance(answer, str) and answer.strip():
        raise scenario_error(None, answer.strip(), raw=answer)
    if isinstance(answer, list) and answer:
        texts = _texts(answer)
        code = next((int(text) for text in texts if text.isdigit() and len(text) < 6), None)
        words = max((text for text in texts if not text.isdigit() and text.lower() != "erreur"), key=len, default="")
        if words or code is not None:
            raise scenario_error(code, words, raw=texts)
    raise unparsable("no recipient id and no error", repr(answer)[:2000])


class MDWorksScenarioClient:
    def __init__(
        self, *, login: str, password: str, endpoint: str, namespace: str, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.login = login
        self.password = password
        self._service = _service(endpoint, namespace, timeout)

    def enroll(
        self,
        *,
        scenario: str | int,
        email: str,
        nom: str = "",
        prenom: str = "",
        p1: str = "",
        p2: str = "",
        p3: str = "",
        p4: str = "",
        p5: str = "",
        p6: str = "",
    ) -> int:
        """Add ``email`` to ``scenario`` (starts its countdown); returns the recipient's id.

        Not retried on a doubtful failure: a second call would enrol the recipient twice.
        """
        values = dict(
            zip(
                PARAMETERS,
                (self.login, self.password, str(scenario), email, nom, prenom, p1, p2, p3, p4, p5, p6),
                strict=True,
            )
        )
        for name, value in values.items():
            _check_latin1(name, value)
        with soap_errors(PROVIDER, _classify_fault):
            answer = getattr(self._service, OPERATION)(**values)
        return read_answer(answer)


def _check_latin1(name: str, value: object) -> None:
    """The server works in ISO-8859-1: what that cannot carry would arrive mangled."""
    field = "password" if name == "motdepasse" else name
    if not isinstance(value, str):
        raise checks.refuse(field, f"{name} doit être du texte", f"{name} must be text")
    try:
        value.encode("iso-8859-1")
    except UnicodeEncodeError as exc:
        character = value[exc.start]
        raise checks.refuse(
            field,
            f"{name} : le caractère {character!r} ne passe pas en ISO-8859-1 chez MDWorks",
            f"{name}: the character {character!r} cannot be sent in ISO-8859-1 to MDWorks",
        ) from None
