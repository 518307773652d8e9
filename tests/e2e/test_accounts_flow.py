"""An account manager connects the providers and creates a client's sub-account,
in Chromium, against the sandbox; a marketing user cannot reach any of it."""

import re

import pytest
from playwright.sync_api import expect

from accounts.gateways import gateway_for
from accounts.models import Provider, SubAccount
from accounts.roles import Role
from tests.accounts.conftest import sandbox_connections_create
from tests.factories import PASSWORD, UserFactory

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sandbox_connections(sandbox, transactional_db):
    return sandbox_connections_create(actor=UserFactory(username="setup", role=Role.ADMIN), sandbox_url=sandbox.url)


def test_an_account_manager_sets_up_a_client_end_to_end(new_page, sandbox_connections):
    UserFactory(username="marc", role=Role.ACCOUNT_MANAGER)
    page = new_page()
    log_in(page, "marc", PASSWORD)
    expect(page.locator("h1")).to_contain_text("Bonjour")

    # Test each sandbox connection: htmx swaps the row with the provider's answer.
    page.click("nav.main-nav >> text=Comptes")
    page.click("text=Connexions fournisseurs")
    for connection in sandbox_connections.values():
        row = page.locator(f"#connection-{connection.pk}")
        row.get_by_role("button", name="Tester").click()
        expect(page.locator(f"#connection-{connection.pk} .badge.ok")).to_have_text("OK")
        expect(page.locator(f"#connection-{connection.pk} [data-testid=check-message]")).to_contain_text("onnect")

    # Create the sub-account on MDWorks and AllMySMS.
    page.goto("/accounts/sub-accounts/new/")
    page.fill("#id_name", "Boulangerie Martin")
    page.fill("#id_contact_email", "contact@martin.example")
    page.fill("#id_quota", "5000")
    page.check("#id_on_mdworks")
    page.select_option("#id_mdworks_connection", str(sandbox_connections[Provider.MDWORKS].pk))
    page.fill("#id_mdworks_login", "martinbou")
    page.fill("#id_mdworks_password", "Secret-pass-123")
    page.check("#id_on_allmysms")
    page.select_option("#id_allmysms_connection", str(sandbox_connections[Provider.ALLMYSMS].pk))
    page.fill("#id_allmysms_login", "martinbou")
    page.fill("#id_allmysms_password", "Secret-pass-123")
    page.fill("#id_first_name", "Paul")
    page.fill("#id_last_name", "Martin")
    page.fill("#id_mobile", "06 12 34 56 78")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_have_text("Boulangerie Martin")
    expect(page.locator(".message.success")).to_have_count(2)

    sub_account = SubAccount.objects.get()
    page.goto("/accounts/sub-accounts/")
    row = page.locator("tr", has_text="Boulangerie Martin")
    expect(row.locator("[data-testid=mdworks-id]")).to_have_text(f"#{sub_account.mdworks_user_id}")
    expect(row.locator("[data-testid=allmysms-login]")).to_have_text("martinbou")

    # Change the quota: MDWorks has it, and the history says who did it.
    row.get_by_role("link", name="Boulangerie Martin").click()
    page.click("text=Modifier")
    page.fill("#id_quota", "7500")
    page.click("button[type=submit].primary")
    expect(page.locator("[data-testid=quota]")).to_have_text(re.compile(r"7\s500"))
    connection = sandbox_connections[Provider.MDWORKS]
    remote = {user.login: user for user in gateway_for(connection).client(connection).list_users()}
    assert remote["martinbou"].quota == 7500
    history = page.locator("table.audit")
    expect(history.locator("tr", has_text="Sous-compte modifié").first).to_contain_text("marc")
    expect(history.locator("tr", has_text="Modifié chez le fournisseur").first).to_contain_text("quota")


def test_a_marketing_user_cannot_reach_any_of_it(new_page, sandbox_connections):
    UserFactory(username="manon", role=Role.MARKETING)
    other = SubAccount.objects.create(name="Client d'un autre", contact_email="x@example.test", quota=1)
    page = new_page()
    log_in(page, "manon", PASSWORD)
    for path in (
        "/accounts/connections/",
        "/accounts/sub-accounts/new/",
        "/accounts/credits/",
        "/accounts/audit/",
        f"/accounts/connections/{sandbox_connections[Provider.MDWORKS].pk}/",
    ):
        assert page.goto(path).status == 403, path
    assert page.goto(f"/accounts/sub-accounts/{other.pk}/").status == 404
    page.goto("/accounts/sub-accounts/")
    expect(page.locator("body")).not_to_contain_text("Client d'un autre")
    expect(page.locator("text=Nouveau sous-compte")).to_have_count(0)


def test_a_failed_partial_update_is_shown_not_silent(new_page, sandbox_connections):
    UserFactory(username="marc", role=Role.ACCOUNT_MANAGER)
    page = new_page()
    log_in(page, "marc", PASSWORD)
    page.goto("/accounts/connections/")
    page.route("**/test/", lambda route: route.fulfill(status=500, body="boom"))
    connection = sandbox_connections[Provider.ALLMYSMS]
    page.locator(f"#connection-{connection.pk}").get_by_role("button", name="Tester").click()
    expect(page.locator(".message.error")).to_contain_text("Le serveur n’a pas pu terminer cette action")
