import io

import pytest
from lxml import etree

from backoffice.providers.ecampaign import Phone, write_group_members
from backoffice.providers.errors import InvalidRequestError


def test_it_writes_the_specs_group_members_structure():
    out = io.BytesIO()
    rows = [{"mobile": Phone.parse("06 12 34 56 78"), "nom": "Dupont & fils", "ville": ""}, {"nom": "Martin"}]
    assert write_group_members(rows, out) == 2
    root = etree.fromstring(out.getvalue())
    first, second = root.iterfind("member")
    assert root.tag == "groupMembers"
    assert (first.findtext("mobile/value"), first.findtext("mobile/indicatif")) == ("612345678", "+33")
    assert first.findtext("nom/value") == "Dupont & fils" and first.find("ville") is None
    assert [child.tag for child in second] == ["nom"]


def test_it_streams_rows_from_a_generator_without_holding_them():
    consumed = []

    def rows():
        for index in range(1000):
            consumed.append(index)
            yield {"nom": f"membre {index}"}

    out = io.BytesIO()
    assert write_group_members(rows(), out) == 1000
    assert out.getvalue().count(b"<member>") == 1000


def test_it_refuses_a_field_name_that_cannot_be_an_element():
    with pytest.raises(InvalidRequestError) as caught:
        write_group_members([{"mon champ": "x"}], io.BytesIO())
    assert caught.value.field == "mon champ"
