"""Every table of the spec's annexes is in codes.py, in French and English."""

import re
from pathlib import Path

import pytest

from backoffice.providers.allmysms import codes
from backoffice.providers.errors import AuthenticationError, InsufficientCreditError, NotFoundError
from backoffice.providers.types import DeliveryStatus

SPEC = Path("/work/shared/specs/allmysms-soap-api.txt")


def annex(number: int) -> str:
    text = SPEC.read_text(encoding="utf-8") if SPEC.exists() else ""
    return text.split(f"ANNEXE {number} :")[-1].split("ANNEXE")[0]


def test_every_table_has_french_and_english_for_every_code():
    tables = [
        codes.SEND_STATUSES,
        codes.REPORT_STATUSES,
        codes.ACCOUNT_STATUSES,
        codes.CAMPAIGN_DELETION_ANSWERS,
        codes.SUB_ACCOUNT_ANSWERS,
        codes.ACK_STATUSES,
    ]
    for table in tables:
        for code, entry in table.items():
            assert entry.code == code and entry.message.fr and entry.message.en


def test_the_tables_hold_exactly_the_spec_codes():
    assert set(codes.SEND_STATUSES) == {str(n) for n in (*range(100, 107), *range(109, 116))} - {"107", "108"}
    assert set(codes.ACK_STATUSES) == {"1", "2", "3", "4", "5"}
    assert set(codes.ACCOUNT_STATUSES) == {"300", "301", "302", "303"}
    assert set(codes.REPORT_STATUSES) == {"0", "1", "2", "3"}
    assert len(codes.CAMPAIGN_DELETION_ANSWERS) == 7
    assert len(codes.SUB_ACCOUNT_ANSWERS) == 8


def test_the_french_texts_are_the_specs_own_words():
    spec_words = " ".join(annex(n) for n in range(1, 6))
    if not spec_words.strip():
        pytest.skip("the spec is not beside the repository")
    for table in (
        codes.SEND_STATUSES,
        codes.ACCOUNT_STATUSES,
        codes.CAMPAIGN_DELETION_ANSWERS,
        codes.SUB_ACCOUNT_ANSWERS,
        codes.ACK_STATUSES,
    ):
        for entry in table.values():
            assert re.sub(r"\s+", " ", entry.message.fr) in re.sub(r"\s+", " ", spec_words), entry.code


def test_codes_map_to_the_error_they_mean():
    assert codes.SEND_STATUSES["102"].error is AuthenticationError
    assert codes.SEND_STATUSES["104"].error is InsufficientCreditError
    assert codes.SEND_STATUSES["100"].error is None and codes.SEND_STATUSES["101"].error is None
    assert codes.CAMPAIGN_DELETION_ANSWERS["CAMPNOTFOUND"].error is NotFoundError
    assert codes.delivery_status("1") is DeliveryStatus.DELIVERED
    assert codes.delivery_status("9") is DeliveryStatus.UNKNOWN
