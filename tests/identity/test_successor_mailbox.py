"""A mailbox handed on to a successor: the departed person's record, which the key points to, is someone
else by its names; the successor's own record still links on its own evidence (issue 13, adversarial
`reassigned_mailbox`: the departed record outscored or tied with the successor on the very key that its
names contradict)."""

from tests.identity.conftest import crm

DEPARTED = crm(
    "d1",
    firstname="Iñigo",
    lastname="Ramírez",
    email="i.ramirez@blancoviajes.es",
    company="Blanco Viajes S.A.",
    city="Málaga",
)
SUCCESSOR = crm(
    "s1",
    firstname="Inés",
    lastname="Ramírez",
    email="ines.ramirez@blancoviajes.es",
    company="Blanco Viajes S.A.",
    city="Málaga",
)
OTHERS = [
    crm(f"x{n}", firstname=f"Person{n}", lastname="Other", company=f"Firm {n}", city="Bonn")
    for n in range(20)
]
LEAD = {
    "external_id": "l1",
    "first_name": "Inés",
    "last_name": "Ramírez",
    "email": "i.ramirez@blancoviajes.es",
    "company_name": "Blanco Viajes S.A.",
    "city": "Málaga",
}


def test_the_successor_links_when_the_mailbox_holder_is_someone_else(enabled, mirror, resolve):
    mirror(DEPARTED, SUCCESSOR, *OTHERS)
    [result] = resolve(LEAD)
    assert (result.outcome, result.crm_id) == ("matched", "s1")
    assert any("now seems to belong to someone else" in note for note in result.notes)


def test_without_the_successor_in_the_crm_the_holder_still_goes_to_a_person(enabled, mirror, resolve):
    mirror(DEPARTED, *OTHERS)
    [result] = resolve(LEAD)
    assert (result.outcome, result.crm_id) == ("key_contradicted", "")
    assert result.candidates[0]["crm_id"] == "d1"  # the reviewer still sees the key's record


def test_a_successor_with_another_first_name_does_not_link_either(enabled, mirror, resolve):
    """Stepping the holder aside gives no other candidate a link it would not earn on its own."""
    mirror(DEPARTED, crm("s2", **{**SUCCESSOR["values"], "firstname": "Irene"}), *OTHERS)
    [result] = resolve(LEAD)
    assert (result.outcome, result.crm_id) == ("key_contradicted", "")
