"""A number several CRM records hold (a switchboard) says which company, never which colleague."""

from tests.identity.conftest import crm

SWITCHBOARD = "+49 30 028765"
COLLEAGUES = (
    crm(
        "201",
        firstname="Felix",
        lastname="Fischer",
        company="Holgalgal AG",
        phone=f"{SWITCHBOARD} ext. 633",
        email="fischer.felix@holgalgal-group.de",
        city="Düsseldorf",
        zip="10540",
    ),
    crm(
        "202",
        firstname="Florian",
        lastname="Fischer",
        company="Holgalgal AG",
        phone="+49 30 978793",
        email="f.fischer@holgalgal-group.de",
        city="Düsseldorf",
        zip="10540",
    ),
    crm(
        "203",
        firstname="Anna",
        lastname="Wagner",
        company="Holgalgal AG",
        phone=f"{SWITCHBOARD} ext. 973",
        email="anna.wagner@holgalgal-group.de",
        city="Düsseldorf",
        zip="10540",
    ),
)
CALLER = {
    "external_id": "m-732",
    "first_name": "F.",
    "last_name": "Fischer",
    "company": "Holgalgal",
    "phone": "030 028765",
    "city": "Düsseldorf",
    "zip": "10540",
    "country": "Germany",
}


def test_an_initial_that_fits_two_colleagues_is_not_decided_by_the_switchboard(mirror, resolve, rules):
    rules.probabilistic_enabled = True
    rules.save()
    mirror(*COLLEAGUES)
    [result] = resolve(CALLER)
    assert result.outcome != "matched"
    assert {c["crm_id"] for c in result.candidates[:2]} == {"201", "202"}

    assert any("only because its record holds this phone number" in note for note in result.notes)


def test_a_full_name_still_links_the_colleague_it_names_on_the_switchboard(mirror, resolve, rules):
    rules.probabilistic_enabled = True
    rules.save()
    mirror(*COLLEAGUES)
    [result] = resolve({**CALLER, "first_name": "Felix"})
    assert (result.outcome, result.crm_id) == ("matched", "201")
