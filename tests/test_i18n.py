import datetime as dt

import pytest
from django.urls import reverse
from django.utils import formats, translation

from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_switches_the_interface_to_english_and_back(client):
    client.force_login(UserFactory(role=Role.MARKETING))
    assert "Tableau de bord" in client.get(reverse("dashboard")).text
    client.post(reverse("set_language"), {"language": "en", "next": reverse("dashboard")})
    english = client.get(reverse("dashboard")).text
    assert ">Dashboard</a>" in english and 'lang="en"' in english
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("dashboard")})
    assert "Tableau de bord" in client.get(reverse("dashboard")).text


def test_an_english_browser_still_gets_french_until_the_user_chooses(client):
    assert "Se connecter" in client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").text


def test_the_language_can_be_chosen_before_logging_in(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert "Log in" in client.get(reverse("accounts:login")).text


def test_numbers_and_dates_are_formatted_the_french_way(settings):
    with translation.override("fr"):
        assert formats.number_format(1234567.5, 1, use_l10n=True, force_grouping=True) == "1\xa0234\xa0567,5"
        assert formats.date_format(dt.date(2026, 11, 22), "DATE_FORMAT") == "22 novembre 2026"
    assert settings.TIME_ZONE == "Europe/Paris"
