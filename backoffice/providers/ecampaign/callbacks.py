"""What eCampaign POSTs to our URLs, in the form field ``xml``: delivery states
(spec, "Réponse asynchrone (suivi des envois)") and the import report of
importMembers. Parsed with the same hardening as answers: a DOCTYPE, an entity
or an external reference is refused, never expanded or fetched."""

from __future__ import annotations

from ..errors import InvalidRequestError, ProviderError
from ..http import parse_xml
from ..types import DeliveryEvent
from .codes import PROVIDER, delivery_status, delivery_text
from .results import ImportReport
from .xml import Element, parse_datetime, text, to_int

MAX_CALLBACK_BYTES = 1024 * 1024


def _parse_callback(xml: str | bytes) -> Element:
    try:
        root = parse_xml(xml, provider=PROVIDER, max_bytes=MAX_CALLBACK_BYTES)
    except ProviderError as exc:
        # Whoever posted it sent us something unusable: not a provider outage.
        raise InvalidRequestError(f"callback refused: {exc.message}", provider=PROVIDER, raw=exc.raw) from exc
    if root.tag != "ecampaign":
        raise InvalidRequestError(f"callback refused: unexpected <{root.tag}>", provider=PROVIDER)
    return root


def parse_delivery_callback(xml: str | bytes) -> DeliveryEvent:
    """``<ecampaign><msgid/><state/><timestamp/></ecampaign>`` to a DeliveryEvent;
    ``raw_code`` keeps the state ("23" is voice choice 3, see ``codes.voice_choice``)."""
    root = _parse_callback(xml)
    message_ref, state = text(root, "msgid"), text(root, "state")
    if not message_ref or not state:
        raise InvalidRequestError("delivery callback without msgid or state", provider=PROVIDER, raw=xml)
    meaning = delivery_text(state)
    return DeliveryEvent(
        provider=PROVIDER,
        message_ref=message_ref,
        recipient="",  # the callback names the message only; its recipient is in the send answer
        status=delivery_status(state),
        raw_code=state,
        raw_text=meaning.fr if meaning else "",
        occurred_at=parse_datetime(text(root, "timestamp")),
        raw=xml,
    )


def parse_import_report(xml: str | bytes) -> ImportReport:
    root = _parse_callback(xml)
    report = root.find("importFromXml")
    if report is None:
        raise InvalidRequestError("import report without <importFromXml>", provider=PROVIDER, raw=xml)
    return ImportReport(
        state=text(report, "state"),
        imported=to_int(text(report, "imported")) or 0,
        errors=[(error.text or "").strip() for error in report.iterfind("errors/error")],
    )
