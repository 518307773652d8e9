import pytest

from backoffice.providers.ecampaign import codes
from backoffice.providers.ecampaign.codes import HlrError, HlrStatus
from backoffice.providers.errors import (
    AuthenticationError,
    InsufficientCreditError,
    InvalidRequestError,
    NotFoundError,
    ProviderError,
)
from backoffice.providers.types import DeliveryStatus

# The annex's "Codes de retour", table by table.
ANNEX_RETURN_CODES = {
    *range(0, 5),  # codes communs
    *range(11, 20),
    40,
    41,
    42,  # envoi
    *range(21, 30),
    *range(50, 57),  # groupes d'envoi
    *range(60, 73),  # modèles
    31,  # crédits
    80,
    81,
    82,  # suivi des envois
}


def test_every_return_code_of_the_annex_is_in_the_table_with_both_languages():
    assert set(codes.RETURN_CODES) == ANNEX_RETURN_CODES
    for entry in codes.RETURN_CODES.values():
        assert entry.message.fr and entry.message.en and entry.message.fr != entry.message.en


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (1, InvalidRequestError),
        (3, AuthenticationError),
        (4, AuthenticationError),
        (11, InsufficientCreditError),
        (31, InsufficientCreditError),
        (17, NotFoundError),
        (22, NotFoundError),
        (27, NotFoundError),
        (65, NotFoundError),
        (82, NotFoundError),
        (24, InvalidRequestError),
        (72, InvalidRequestError),
        (80, InvalidRequestError),
    ],
)
def test_a_return_code_becomes_its_error_class_keeping_the_providers_message(code, error):
    exc = codes.error_for(code, "message du serveur")
    assert type(exc) is error
    assert exc.code == code and exc.message == "message du serveur" and exc.provider == "ecampaign"


def test_a_return_code_without_message_gets_the_specs_french_text_and_its_field():
    exc = codes.error_for(16, "")
    assert exc.message == "Le nom d'expéditeur SMS doit comporter entre 1 et 11 caractères"
    assert exc.field == "senderID"


def test_an_unknown_return_code_is_a_plain_provider_error_that_keeps_the_code():
    exc = codes.error_for(999, "nouveau")
    assert type(exc) is ProviderError and exc.code == 999


EXPECTED_STATES = {
    1: DeliveryStatus.SENT, 2: DeliveryStatus.SENT, 3: DeliveryStatus.SENT, 4: DeliveryStatus.DELIVERED,
    7: DeliveryStatus.FAILED, 8: DeliveryStatus.FAILED, 9: DeliveryStatus.FAILED, 10: DeliveryStatus.FAILED,
    11: DeliveryStatus.ANSWERED, 12: DeliveryStatus.ANSWERED, 13: DeliveryStatus.VOICEMAIL,
    14: DeliveryStatus.ANSWERED, 15: DeliveryStatus.ANSWERED, 16: DeliveryStatus.ANSWERED, 17: DeliveryStatus.ANSWERED,
    **{20 + digit: DeliveryStatus.ANSWERED for digit in range(10)},
    40: DeliveryStatus.FAILED, 41: DeliveryStatus.FAILED, 42: DeliveryStatus.NO_ANSWER, 43: DeliveryStatus.BUSY,
    44: DeliveryStatus.FAILED, 45: DeliveryStatus.VOICEMAIL, 46: DeliveryStatus.ANSWERED,
    50: DeliveryStatus.BOUNCED_HARD, 51: DeliveryStatus.BOUNCED_SOFT, 52: DeliveryStatus.DELIVERED,
    53: DeliveryStatus.COMPLAINED, 54: DeliveryStatus.SENT, 55: DeliveryStatus.FAILED, 56: DeliveryStatus.OPENED,
    57: DeliveryStatus.UNSUBSCRIBED, 58: DeliveryStatus.CLICKED, 59: DeliveryStatus.CLICKED,
    60: DeliveryStatus.FAILED, 61: DeliveryStatus.FAILED, 62: DeliveryStatus.BUSY, 63: DeliveryStatus.NO_ANSWER,
    64: DeliveryStatus.FAILED,
}  # fmt: skip


def test_every_delivery_state_of_the_annex_has_a_status_and_a_text_in_both_languages():
    assert set(codes.DELIVERY_STATES) == set(EXPECTED_STATES)
    for code, status in EXPECTED_STATES.items():
        assert codes.delivery_status(code) is status
        assert codes.delivery_status(str(code)) is status
        assert codes.delivery_text(code).fr and codes.delivery_text(code).en


@pytest.mark.parametrize("code", [0, 5, 6, 18, 30, 47, 65, 99, "", "abc"])
def test_a_state_outside_the_annex_is_unknown(code):
    assert codes.delivery_status(code) is DeliveryStatus.UNKNOWN
    assert codes.delivery_text(code) is None


def test_the_2x_voice_states_give_the_key_pressed():
    assert [codes.voice_choice(20 + d) for d in range(10)] == list(range(10))
    assert codes.voice_choice("23") == 3
    assert codes.voice_choice(16) is None and codes.voice_choice(30) is None


def test_every_hlr_status_and_error_code_is_mapped():
    assert [codes.hlr_status(c) for c in (0, 1, 2, 3, 4, 5, 99)] == [
        HlrStatus.DELIVERED, HlrStatus.ACCEPTED, HlrStatus.PROCESSING, HlrStatus.UNDELIVERABLE,
        HlrStatus.EXPIRED, HlrStatus.REJECTED, HlrStatus.UNKNOWN,
    ]  # fmt: skip
    assert [codes.hlr_error(c) for c in (0, 1, 2, 3, 4, 5, 6, 7, 99)] == [
        HlrError.VALID, HlrError.UNALLOCATED, HlrError.ABSENT, HlrError.ROAMING_NOT_ALLOWED, HlrError.RESTRICTED,
        HlrError.PERMANENT_ERROR, HlrError.TEMPORARY_ERROR, HlrError.BLACKLISTED, HlrError.UNKNOWN,
    ]  # fmt: skip
    assert codes.hlr_status(42) is HlrStatus.UNKNOWN and codes.hlr_error(42) is HlrError.UNKNOWN
