"""Properties of segment counting and number normalization (hypothesis)."""

import math

import phonenumbers
from hypothesis import given
from hypothesis import strategies as st

from backoffice.providers.allmysms import count_segments, normalize_phone_number
from backoffice.providers.allmysms.segments import GSM7_BASIC, GSM7_EXTENSION, Encoding

gsm_text = st.text(alphabet=sorted(GSM7_BASIC | GSM7_EXTENSION), max_size=800)
any_text = st.text(max_size=400)


@given(gsm_text)
def test_gsm_text_counts_septets_with_extensions_doubled(text):
    count = count_segments(text)
    assert count.encoding is Encoding.GSM7
    assert count.units == len(text) + sum(ch in GSM7_EXTENSION for ch in text)


@given(any_text)
def test_one_sms_holds_160_gsm_or_70_unicode_units(text):
    count = count_segments(text)
    single = 160 if count.encoding is Encoding.GSM7 else 70
    assert (count.segments == 1) == (count.units <= single)


@given(any_text)
def test_parts_are_as_few_as_the_concatenation_allows_but_never_split_a_character(text):
    count = count_segments(text)
    if count.segments > 1:
        per_part = 153 if count.encoding is Encoding.GSM7 else 67
        assert count.segments >= math.ceil(count.units / per_part)
        assert count.segments <= math.ceil(count.units / (per_part - 1))
        assert 0 <= count.remaining < per_part


@given(any_text, st.characters())
def test_adding_a_character_never_takes_fewer_parts(text, extra):
    before, after = count_segments(text), count_segments(text + extra)
    if before.encoding == after.encoding:
        assert after.segments >= before.segments


@given(gsm_text, st.characters(blacklist_characters=sorted(GSM7_BASIC | GSM7_EXTENSION)))
def test_one_character_outside_gsm_makes_the_whole_text_unicode(text, extra):
    assert count_segments(text + extra).encoding is Encoding.UCS2


french_mobiles = st.builds(
    lambda prefix, rest: f"0{prefix}{rest:08d}", st.sampled_from("67"), st.integers(0, 99_999_999)
).filter(lambda n: phonenumbers.is_valid_number(phonenumbers.parse(n, "FR")))


@given(french_mobiles, st.sampled_from(["{n}", "+33{r}", "0033{r}", "33{r}", "+33 {s}", "{d}", "{p}"]))
def test_every_form_of_a_french_mobile_normalizes_to_the_same_e164(national, form):
    rest = national[1:]
    spaced = " ".join(national[i : i + 2] for i in range(0, 10, 2))
    grouped = rest[0] + " " + " ".join(rest[i : i + 2] for i in range(1, 9, 2))
    written = form.format(n=national, r=rest, s=grouped, d=spaced, p=spaced.replace(" ", "."))
    assert normalize_phone_number(written) == "+33" + rest


@given(st.sampled_from(["GB", "DE", "BE", "ES", "US", "CH"]), st.integers(0, 10_000))
def test_an_international_mobile_keeps_its_country(region, seed):
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    assert normalize_phone_number(e164) == e164
    assert normalize_phone_number("00" + e164[1:]) == e164


@given(st.text(max_size=20))
def test_normalization_either_gives_a_valid_e164_or_refuses(text):
    try:
        e164 = normalize_phone_number(text)
    except ValueError:
        return
    assert e164.startswith("+") and phonenumbers.is_valid_number(phonenumbers.parse(e164))
