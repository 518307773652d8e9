"""Campaign statistics (open endpoint) and the unsubscribe / radiation lists."""

import datetime as dt

import httpx
import pytest

from backoffice.providers.errors import InvalidRequestError, SuppressedRecipientError


def test_statistics_come_as_numbers_and_paris_dates(client):
    latest, older = client.campaign_stats()
    assert (latest.reference, latest.volume, older.volume) == ("Relance panier", 4151, 1300)
    assert all(
        isinstance(getattr(latest, name), int)
        for name in (
            "id",
            "user_id",
            "open_unique",
            "open",
            "click_unique",
            "click",
            "hard_bounce",
            "soft_bounce",
            "unsubscribe",
        )
    )
    assert latest.sent_at.tzinfo is not None and latest.sent_at.utcoffset() in (
        dt.timedelta(hours=1),
        dt.timedelta(hours=2),
    )
    assert latest.user == "demo" and latest.user_id == 1474


def test_statistics_of_a_sub_account_campaign_grow_over_time(sandbox, client, mdworks):
    campaign_id = mdworks.send_campaign(2123, reference="Soldes", subject="-50 %", volume=10_000)
    first = next(c for c in client.campaign_stats() if c.id == campaign_id)
    assert (first.user, first.user_id, first.open_unique, first.hard_bounce) == ("agence_demo", 2123, 0, 0)
    sandbox.app.context.clock.advance(3 * 3600)
    later = next(c for c in client.campaign_stats() if c.id == campaign_id)
    assert later.open_unique > 0 and later.hard_bounce > 0 and later.open >= later.open_unique
    sandbox.app.context.clock.advance(2 * 86400)
    last = next(c for c in client.campaign_stats() if c.id == campaign_id)
    assert last.open_unique > later.open_unique and last.click >= last.click_unique


def test_statistics_cover_the_last_30_days_only(sandbox, client):
    sandbox.app.context.clock.advance(29 * 86400)
    assert len(client.campaign_stats()) == 1
    sandbox.app.context.clock.advance(86400)
    assert client.campaign_stats() == []


def test_an_unsubscribed_address_is_refused_by_scenarios_after_up_to_ten_minutes(sandbox, client, scenario):
    client.unsubscribe("parti@example.com")
    scenario.enroll(scenario=21, email="parti@example.com")
    sandbox.app.context.clock.advance(601)
    with pytest.raises(SuppressedRecipientError):
        scenario.enroll(scenario=21, email="parti@example.com")


def test_a_radiated_address_is_refused_at_once(client, mdworks, scenario):
    client.unsubscribe_global("Radie.Moi@Example.com")
    assert "radie.moi@example.com" in mdworks.account.radiated
    with pytest.raises(SuppressedRecipientError):
        scenario.enroll(scenario=21, email="radie.moi@example.com")


def test_it_refuses_to_unsubscribe_an_invalid_address(client):
    for call in (client.unsubscribe, client.unsubscribe_global):
        with pytest.raises(InvalidRequestError) as refused:
            call("pas-une-adresse")
        assert refused.value.field == "email"


def test_the_sandbox_takes_the_radiated_address_as_domain_too_as_the_vendor_php_sends_it(sandbox, mdworks):
    answer = httpx.post(
        f"{sandbox.url}/mdworks/api_http/unsub_global_add",
        content=b'{"api_key": "demo-api-key", "domain": "test_api2@gmail.com"}',
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.json() == {"result": "ok"}
    assert "test_api2@gmail.com" in mdworks.account.radiated


def test_the_sandbox_refuses_an_invalid_address_to_unsubscribe(sandbox):
    answer = httpx.post(f"{sandbox.url}/mdworks/api_http/unsub_add", json={"api_key": "demo-api-key", "email": "x"})
    assert answer.json() == {"error": "1", "message": "Error email invalid: x"}
