"""A person's link may not lean on the company when nothing personal agrees (issue 13: two namesakes at
one company, or at two firms of similar names, linked on the name, the company and the city)."""

from identity_app.personal_evidence import NOTHING_PERSONAL
from tests.identity.conftest import crm

DIETER = {
    "firstname": "Dieter",
    "lastname": "Wagner",
    "email": "wagner.dieter@schmitzberatung.de",
    "company": "Schmitz Beratung AG",
    "city": "München",
    "birthdate": "1963-06-01",
}


def _crm(mirror):
    mirror(
        crm("d1", **DIETER),
        crm(
            "s1",
            firstname="Stefan",
            lastname="Neumann",
            email="sn@muellerlogistik.de",
            company="Müller Logistik AG",
            city="Köln",
        ),
        *(
            crm(f"x{n}", firstname=f"Person{n}", lastname="Other", company=f"Firm {n}", city="Bonn")
            for n in range(20)
        ),
    )


def test_a_name_and_a_company_alone_go_to_review_saying_why(enabled, mirror, resolve):
    _crm(mirror)
    [result] = resolve(
        {
            "external_id": "l1",
            "first_name": "Dieter",
            "last_name": "Wagner",
            "company_name": "Schmitz Beratung GmbH",
        }
    )
    assert not result.matched
    assert result.candidates[0]["crm_id"] == "d1" and NOTHING_PERSONAL in result.candidates[0]["vetoed_by"]
    assert any("nothing personal (email, phone, date of birth)" in note for note in result.notes)


def test_a_similar_company_name_beside_nothing_personal_is_another_firm_until_a_person_says(
    enabled, mirror, resolve
):
    _crm(mirror)
    [result] = resolve(
        {
            "external_id": "l2",
            "first_name": "Stefan",
            "last_name": "Neumann",
            "company_name": "Möller Logistik GmbH",
            "city": "Köln",
            "email": "hello@moellerlogistik.de",
        }
    )
    assert not result.matched
    assert NOTHING_PERSONAL in result.candidates[0]["vetoed_by"]


def test_the_same_lead_with_its_date_of_birth_links(enabled, mirror, resolve):
    _crm(mirror)
    [result] = resolve(
        {
            "external_id": "l3",
            "first_name": "Dieter",
            "last_name": "Wagner",
            "company_name": "Schmitz Beratung GmbH",
            "city": "Munchen",
            "date_of_birth": "1963-06-01",
        }
    )
    assert result.matched and result.crm_id == "d1" and result.method == "probabilistic"
