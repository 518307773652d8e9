import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_login_page_is_in_french_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Se connecter" in response.text
    assert 'lang="fr"' in response.text


def test_a_user_logs_in_and_reaches_the_dashboard(client):
    UserFactory(username="claire", role=Role.MARKETING)
    response = log_in(client, "claire")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert "Tableau de bord" in client.get(reverse("dashboard")).text


def test_a_wrong_password_is_refused_with_a_message(client):
    UserFactory(username="claire", role=Role.MARKETING)
    response = log_in(client, "claire", "not-the-password")
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.text


def test_logging_out_ends_the_session(client):
    UserFactory(username="claire", role=Role.MARKETING)
    log_in(client, "claire")
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_five_failures_lock_the_username_out_even_with_the_right_password(client, settings):
    UserFactory(username="claire", role=Role.MARKETING)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "claire", "wrong-password")
    response = log_in(client, "claire")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.text
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_lockout_does_not_affect_another_username(client, settings):
    UserFactory(username="claire", role=Role.MARKETING)
    UserFactory(username="david", role=Role.MARKETING)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "claire", "wrong-password")
    assert log_in(client, "david").status_code == 302


def test_changing_the_password_ends_the_other_sessions_but_keeps_this_one():
    UserFactory(username="claire", role=Role.MARKETING)
    here, elsewhere = Client(), Client()
    log_in(here, "claire")
    log_in(elsewhere, "claire")
    response = here.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Une-nouvelle-phrase-2026",
            "new_password2": "Une-nouvelle-phrase-2026",
        },
    )
    assert response.status_code == 302
    assert here.get(reverse("dashboard")).status_code == 200
    assert elsewhere.get(reverse("dashboard")).status_code == 302


def test_a_weak_new_password_is_refused_and_named(client):
    UserFactory(username="claire", role=Role.MARKETING)
    log_in(client, "claire")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in response.text
