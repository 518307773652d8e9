"""Sub-accounts and IP pools ("Gestion des utilisateurs"), client against the sandbox."""

import httpx
import pytest

from backoffice.providers.errors import InvalidRequestError, NotFoundError
from backoffice.providers.mdworks import IpPool, SubAccount, codes
from backoffice.providers.mdworks.answers import decode


def test_it_lists_the_demo_sub_account_with_numbers_as_numbers(client):
    (user,) = client.list_users()
    assert user == SubAccount(
        id=2123,
        login="agence_demo",
        name="Agence démo",
        email="tech@agence-demo.fr",
        quota=20000,
        pool_id=545,
        password="demo-password-1",
    )


def test_it_lists_the_two_ip_pools(client):
    pools = client.list_pools()
    assert [pool.id for pool in pools] == [527, 545]
    assert isinstance(pools[0], IpPool) and pools[0].ip_count == 2 and pools[0].tracking_ssl is True
    assert pools[1].tracking_ssl is False


def test_it_creates_a_sub_account_on_a_chosen_pool(client):
    pool = client.list_pools()[0]
    user_id = client.create_user(
        login="client_dupont",
        password="tres-secret-1",
        quota=5000,
        name="Client Dupont",
        email="tech@dupont.fr",
        pool_id=pool.id,
    )
    created = next(user for user in client.list_users() if user.id == user_id)
    assert (created.login, created.name, created.email, created.quota, created.pool_id) == (
        "client_dupont",
        "Client Dupont",
        "tech@dupont.fr",
        5000,
        pool.id,
    )


def test_a_sub_account_without_a_pool_gets_the_main_account_pool(client):
    user_id = client.create_user(login="client_sans_pool", password="tres-secret-1", quota=10)
    assert next(user for user in client.list_users() if user.id == user_id).pool_id == 527


def test_it_refuses_a_login_already_taken_with_mdworks_words(client):
    with pytest.raises(InvalidRequestError) as refused:
        client.create_user(login="agence_demo", password="tres-secret-1", quota=10)
    assert refused.value.field == "login"
    assert refused.value.message == "Error login already exists"
    assert refused.value.localized.fr == "Ce login est déjà utilisé"


@pytest.mark.parametrize("login", ["court", "sixsix", "élodie_dupont", "client-dupont", "client dupont"])
def test_it_refuses_a_login_of_6_characters_or_less_or_with_accents_or_special_characters(client, mdworks, login):
    with pytest.raises(InvalidRequestError) as refused:
        client.create_user(login=login, password="tres-secret-1", quota=10)
    assert refused.value.field == "login"
    assert "plus de 6 caractères" in refused.value.localized.fr
    assert len(mdworks.users) == 1


def test_it_refuses_a_password_of_8_characters_or_less(client):
    with pytest.raises(InvalidRequestError) as refused:
        client.create_user(login="client_dupont", password="12345678", quota=10)
    assert refused.value.field == "password"


def test_it_refuses_a_quota_not_below_the_main_account_quota_before_calling(client_knowing_quota, mdworks):
    with pytest.raises(InvalidRequestError) as refused:
        client_knowing_quota.create_user(login="client_dupont", password="tres-secret-1", quota=100_000)
    assert refused.value.field == "quota" and "100000" in refused.value.localized.en
    assert len(mdworks.users) == 1


def test_mdworks_refuses_a_quota_not_below_the_main_account_quota(client):
    with pytest.raises(InvalidRequestError) as refused:
        client.create_user(login="client_dupont", password="tres-secret-1", quota=100_000)
    assert refused.value.field == "quota"
    assert refused.value.message == "Error quota must be lower than the main account quota"


def test_it_refuses_a_negative_quota_and_a_bad_technical_email(client):
    with pytest.raises(InvalidRequestError) as refused:
        client.create_user(login="client_dupont", password="tres-secret-1", quota=-1)
    assert refused.value.field == "quota"
    with pytest.raises(InvalidRequestError) as refused:
        client.create_user(login="client_dupont", password="tres-secret-1", quota=1, email="pas-une-adresse")
    assert refused.value.field == "email"


def test_mdworks_refuses_an_unknown_pool(client):
    with pytest.raises(InvalidRequestError) as refused:
        client.create_user(login="client_dupont", password="tres-secret-1", quota=10, pool_id=999)
    assert refused.value.field == "pool_id"
    assert refused.value.message == "Error pool_ip invalid"


def test_it_updates_name_email_quota_pool_and_password(client, mdworks):
    client.update_user(
        2123, name="Agence renommée", email="it@agence.fr", quota=300, pool_id=527, password="nouveau-secret-2"
    )
    user = client.list_users()[0]
    assert (user.name, user.email, user.quota, user.pool_id, user.password) == (
        "Agence renommée",
        "it@agence.fr",
        300,
        527,
        "nouveau-secret-2",
    )


def test_an_update_leaves_what_it_does_not_mention(client):
    client.update_user(2123, quota=45)
    user = client.list_users()[0]
    assert (user.quota, user.name, user.pool_id) == (45, "Agence démo", 545)


def test_it_refuses_to_change_what_mdworks_cannot_change(client):
    with pytest.raises(InvalidRequestError) as refused:
        client.update_user(2123, login="autre_login")
    assert refused.value.field == "login"
    with pytest.raises(InvalidRequestError):
        client.update_user(2123)


def test_updating_an_unknown_sub_account_is_not_found(client):
    with pytest.raises(NotFoundError) as refused:
        client.update_user(999999, quota=10)
    assert refused.value.message == "Error user_id invalid"


def test_mdworks_refuses_an_update_to_a_too_high_quota(client):
    with pytest.raises(InvalidRequestError) as refused:
        client.update_user(2123, quota=250_000)
    assert refused.value.field == "quota"


def test_it_deletes_a_sub_account_that_never_sent_a_campaign(client):
    user_id = client.create_user(login="client_a_supprimer", password="tres-secret-1", quota=10)
    client.delete_user(user_id)
    assert user_id not in [user.id for user in client.list_users()]


def test_it_refuses_to_delete_a_sub_account_that_sent_a_campaign(client, mdworks):
    mdworks.send_campaign(2123, reference="Première campagne")
    with pytest.raises(InvalidRequestError) as refused:
        client.delete_user(2123)
    assert refused.value.message == "Error this user already sent a campaign, it cannot be deleted"
    assert "aucune campagne" in refused.value.localized.fr
    assert 2123 in mdworks.users


def test_deleting_an_unknown_sub_account_is_not_found(client):
    with pytest.raises(NotFoundError):
        client.delete_user(424242)


@pytest.mark.parametrize(
    ("data", "words", "field"),
    [
        ({"log": "sixsix", "pass": "tres-secret-1", "quota": "5"}, codes.LOGIN_INVALID, "login"),
        ({"log": "élodie_dupont", "pass": "tres-secret-1", "quota": "5"}, codes.LOGIN_INVALID, "login"),
        ({"log": "autre_client", "pass": "tres-secret-1", "quota": "5"}, codes.LOGIN_TAKEN, "login"),
        ({"log": "client_dupont", "pass": "12345678", "quota": "5"}, codes.PASSWORD_INVALID, "password"),
        ({"log": "client_dupont", "quota": "5"}, codes.PASSWORD_INVALID, "password"),
        ({"log": "client_dupont", "pass": "tres-secret-1", "quota": "cinq"}, codes.QUOTA_INVALID, "quota"),
        ({"log": "client_dupont", "pass": "tres-secret-1"}, codes.QUOTA_INVALID, "quota"),
        (
            {"log": "client_dupont", "pass": "tres-secret-1", "quota": "5", "email": "x@"},
            "Error email invalid: x@",
            "email",
        ),
    ],
)
def test_the_sandbox_applies_the_sub_account_rules_and_the_client_maps_its_words(sandbox, mdworks, data, words, field):
    answer = httpx.post(f"{sandbox.url}/mdworks/api_http/user_create", json={"api_key": "demo-api-key", **data})
    with pytest.raises(InvalidRequestError) as refused:
        decode(answer)
    assert (refused.value.message, refused.value.field) == (words, field)
    assert len(mdworks.users) == 1
