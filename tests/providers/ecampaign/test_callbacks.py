import datetime as dt

import httpx
import pytest

from backoffice.providers.ecampaign import parse_delivery_callback, parse_import_report
from backoffice.providers.ecampaign.codes import DELIVERY_STATES, voice_choice
from backoffice.providers.errors import InvalidRequestError
from backoffice.providers.sandbox import faults
from backoffice.providers.types import DeliveryStatus


def _callback(msgid: str, state: int | str, timestamp: str = "2026-11-22 15:04:05") -> str:
    return (
        f'<?xml version="1.0"?>\n<ecampaign>\n  <msgid>{msgid}</msgid>\n  <state>{state}</state>\n'
        f"  <timestamp>{timestamp}</timestamp>\n</ecampaign>"
    )


@pytest.mark.parametrize("state", range(1, 65))
def test_a_delivery_callback_parses_for_every_state_keeping_the_raw_code(state):
    event = parse_delivery_callback(_callback("a1b2c3", state))
    assert (event.provider, event.message_ref, event.raw_code) == ("ecampaign", "a1b2c3", str(state))
    expected = DELIVERY_STATES[state].status if state in DELIVERY_STATES else DeliveryStatus.UNKNOWN
    assert event.status is expected
    assert event.occurred_at == dt.datetime(2026, 11, 22, 15, 4, 5, tzinfo=event.occurred_at.tzinfo)
    assert str(event.occurred_at.tzinfo) == "Europe/Paris"


def test_a_voice_choice_callback_keeps_the_key_pressed():
    event = parse_delivery_callback(_callback("v1", 27).encode())
    assert event.status is DeliveryStatus.ANSWERED and voice_choice(event.raw_code) == 7
    assert event.raw_text == "Choix n°7"


def test_a_callback_without_msgid_is_refused():
    with pytest.raises(InvalidRequestError):
        parse_delivery_callback("<ecampaign><state>4</state></ecampaign>")


def test_the_import_report_of_the_spec_parses():
    report = parse_import_report(
        '<?xml version="1.0"?><ecampaign><importFromXml><state>OK</state><imported>1200</imported>'
        "<errors><error>ERREUR 1</error><error>ERREUR 2</error></errors></importFromXml></ecampaign>"
    )
    assert (report.state, report.imported, report.errors) == ("OK", 1200, ["ERREUR 1", "ERREUR 2"])
    assert parse_import_report("<ecampaign><importFromXml><state>OK</state><imported>3</imported>"
                               "</importFromXml></ecampaign>").errors == []  # fmt: skip


@pytest.mark.parametrize("parse", [parse_delivery_callback, parse_import_report])
def test_hostile_callbacks_are_refused_without_expansion_or_network_access(parse, receiver):
    trap = f"{receiver.url}/trap"
    for hostile in (faults.ENTITY_BOMB, faults.external_entity(trap), faults.external_dtd(trap)):
        with pytest.raises(InvalidRequestError, match="callback refused"):
            parse(hostile)
    assert receiver.gets == []


def test_an_oversized_callback_is_refused():
    with pytest.raises(InvalidRequestError):
        parse_delivery_callback(_callback("x" * (2 * 1024 * 1024), 4))


def test_the_simulator_posts_every_state_of_a_message_to_our_callback_url(client, ecampaign, receiver, sandbox):
    ecampaign.callback_url = f"{receiver.url}/dlr"
    ecampaign.simulator.scripted["33612345678"] = [1, 2, 4]
    sent = client.send_sms(route=1001, message="Bonjour", phones=["0612345678"]).messages[0]
    sandbox.app.context.clock.advance(600)

    # Callbacks may arrive out of order (as real ones can): their timestamps tell the order.
    events = sorted(
        (parse_delivery_callback(form["xml"]) for form in receiver.wait_for("/dlr", 3)),
        key=lambda event: event.occurred_at,
    )
    assert [(e.message_ref, e.raw_code, e.status) for e in events] == [
        (sent.message_id, "1", DeliveryStatus.SENT),
        (sent.message_id, "2", DeliveryStatus.SENT),
        (sent.message_id, "4", DeliveryStatus.DELIVERED),
    ]
    assert events[0].occurred_at < events[1].occurred_at < events[2].occurred_at


def test_an_account_callback_url_takes_precedence_over_the_sandbox_default(client, ecampaign, receiver, sandbox):
    ecampaign.callback_url = f"{receiver.url}/default"
    ecampaign.store.accounts["demo"].callback_url = f"{receiver.url}/account"
    ecampaign.simulator.scripted["33612345678"] = [1, 11, 14, 16, 23]
    client.send_voice(route=2001, template_id=303, phones=["0612345678"])
    sandbox.app.context.clock.advance(1800)
    events = sorted(
        (parse_delivery_callback(f["xml"]) for f in receiver.wait_for("/account", 5)),
        key=lambda event: event.occurred_at,
    )
    states = [event.raw_code for event in events]
    assert states == ["1", "11", "14", "16", "23"]
    assert receiver.posted_to("/default") == []


def test_the_simulator_moves_unscripted_messages_to_a_final_state(client, ecampaign, receiver, sandbox):
    ecampaign.callback_url = f"{receiver.url}/dlr"
    result = client.send_sms(route=1001, message="x", phones=[f"06123456{n:02d}" for n in range(8)])
    sandbox.app.context.clock.advance(3600)
    messages = [ecampaign.store.messages[m.message_id] for m in result.messages]
    assert all(DELIVERY_STATES[m.status_id].final for m in messages)
    assert len(receiver.wait_for("/dlr", 16)) >= 16


def test_states_do_not_start_before_a_scheduled_send_date(client, ecampaign, sandbox):
    when = sandbox.app.context.clock.now().replace(microsecond=0, tzinfo=None) + dt.timedelta(hours=2)
    sent = client.send_sms(route=1001, message="x", phones=["0612345678"], send_date=when).messages[0]
    sandbox.app.context.clock.advance(3600)
    assert ecampaign.store.messages[sent.message_id].status_id is None
    sandbox.app.context.clock.advance(7200)
    assert ecampaign.store.messages[sent.message_id].status_id is not None


def test_the_simulator_never_posts_outside_loopback(client, ecampaign, sandbox):
    ecampaign.callback_url = "http://192.0.2.1/dlr"
    ecampaign.simulator.scripted["33612345678"] = [1, 4]
    client.send_sms(route=1001, message="x", phones=["0612345678"])
    sandbox.app.context.clock.advance(600)
    assert ecampaign.simulator.posted == [] and len(ecampaign.simulator.failed_posts) == 2


def test_the_sandbox_summary_shows_the_demo_account_through_the_control_api(client, sandbox):
    client.send_sms(route=1001, message="x", phones=["0612345678"])
    summary = httpx.get(f"{sandbox.url}/_sandbox/").json()["providers"]["ecampaign"]
    assert summary["accounts"] == ["demo"] and summary["messages"] == 1
    assert summary["demo_credits"]["1001"] == "4999"
