"""A name and a company alone: rare names at small companies link, common ones at large firms wait for a
person (issue 13: name frequencies conditional on company agreement, counted in the CRM itself)."""

import random

import pytest
from django.db import transaction

from identity_app import mirror, mirror_index, name_frequency, services
from identity_app.models import MirrorRecord
from identity_app.personal_evidence import NOTHING_PERSONAL
from tests import factories
from tests.identity.conftest import crm


def _national_world(seed: int = 3, *, countries: int = 2) -> list[tuple[str, str, str]]:
    """400 companies of 5, each in one of `countries` countries whose people draw names from their own
    pools of 20 first and 20 last names."""
    rng = random.Random(seed)
    rows = []
    for company in range(400):
        country = company % countries
        for _ in range(5):
            rows.append(
                (f"f{country}-{rng.randrange(20)}", f"l{country}-{rng.randrange(20)}", f"firm {company}")
            )
    return rows


def test_colleagues_share_names_as_often_as_their_country_makes_them():
    two = name_frequency.measure(_national_world(countries=2))
    four = name_frequency.measure(_national_world(countries=4))
    assert 1.7 < two.first_concentration < 2.3 and 1.7 < two.last_concentration < 2.3
    assert 3.4 < four.first_concentration < 4.6
    one = name_frequency.measure(_national_world(countries=1))
    assert one.first_concentration < 1.2  # names independent of the company: no concentration (never < 1)


def test_too_few_records_or_colleagues_measure_nothing():
    assert name_frequency.measure(_national_world()[:500]) is None
    alone = [(f"a{n}", f"b{n}", f"firm {n}") for n in range(2000)]  # nobody has a colleague
    assert name_frequency.measure(alone) is None
    assert name_frequency.measure([(None, "x", "y")] * 3000) is None  # rows missing a value are skipped


def test_the_writer_is_likelier_the_rarer_the_name_and_the_smaller_the_company():
    rows = [*_national_world(), ("xaver", "quistorp", "quistorp feinmechanik"), ("f0-1", "l0-1", "big firm")]
    rows += [(f"f0-{n % 20}", "l0-2", "big firm") for n in range(60)]
    frequencies = name_frequency.measure(rows)
    rare = frequencies.writer_probability(
        "xaver", "quistorp", "quistorp feinmechanik", in_crm=0.8, names_m=0.9
    )
    common = frequencies.writer_probability("f0-1", "l0-1", "big firm", in_crm=0.8, names_m=0.9)
    assert rare > 0.9999
    assert common < 0.99
    assert frequencies.namesakes("f0-1", "l0-1", "big firm") > 10 * frequencies.namesakes(
        "f0-1", "l0-1", "firm 0"
    )  # the same name, at a company the CRM holds 61 people of rather than 5
    assert frequencies.writer_probability("f0-1", "l0-1", "firm 0", in_crm=0.2, names_m=0.9) < (
        frequencies.writer_probability("f0-1", "l0-1", "firm 0", in_crm=0.8, names_m=0.9)
    )


FIRST = ["Jürgen", "Anja", "Klaus", "Heike", "Uwe", "Sabine", "Horst", "Monika", "Dieter", "Katrin"]
LAST = ["Müller", "Becker", "Fischer", "Krüger", "Lehmann", "Richter", "Schulze", "Vogel", "Wagner", "Fuchs"]


def _crm_world(mirror):
    """1,200 people at 300 firms of four, from ten first and ten last names; a firm of 60 with one Jürgen
    Müller among them; and one Xaver Quistorp, the only person the CRM holds at his company."""
    rng = random.Random(5)
    records = [
        crm(
            f"p{n}",
            firstname=rng.choice(FIRST),
            lastname=rng.choice(LAST),
            company=f"Firma {n // 4} GmbH",
            city="Bonn",
            email=f"p{n}@firma{n // 4}.de",
        )
        for n in range(1200)
    ]
    records.append(crm("big-jm", firstname="Jürgen", lastname="Müller", company="Großfirma AG", city="Köln"))
    for n in range(59):
        first, last = FIRST[1 + n % 9], LAST[n % 10]
        records.append(crm(f"big{n}", firstname=first, lastname=last, company="Großfirma AG", city="Köln"))
    records.append(
        crm("xq", firstname="Xaver", lastname="Quistorp", company="Quistorp Feinmechanik GmbH", city="Ulm")
    )
    mirror(*records)


def _lead(first, last, company):
    return {
        "external_id": f"{first}-{company}",
        "first_name": first,
        "last_name": last,
        "company_name": company,
    }


@pytest.fixture(params=["database", "in memory"])
def reader(request):
    mirror_index.keep_in_memory(request.param == "in memory")
    yield request.param
    mirror_index.keep_in_memory(False)


def test_a_rare_name_at_a_small_company_links_a_common_one_at_a_large_firm_waits(
    enabled, mirror, resolve, reader
):
    _crm_world(mirror)
    rare, common = resolve(
        _lead("Xaver", "Quistorp", "Quistorp Feinmechanik GmbH"), _lead("Jürgen", "Müller", "Großfirma AG")
    )
    assert (rare.outcome, rare.crm_id) == ("matched", "xq")
    assert not common.matched
    assert (
        common.candidates[0]["crm_id"] == "big-jm" and NOTHING_PERSONAL in common.candidates[0]["vetoed_by"]
    )


def test_a_rare_name_still_waits_when_the_city_disagrees_or_the_company_is_only_similar(
    enabled, mirror, resolve, reader
):
    _crm_world(mirror)
    elsewhere, similar = resolve(
        {**_lead("Xaver", "Quistorp", "Quistorp Feinmechanik GmbH"), "city": "Kiel"},
        _lead("Xaver", "Quistorp", "Quistorp Feinmechanic GmbH"),
    )
    assert not elsewhere.matched
    assert not similar.matched


def test_a_common_name_at_a_large_firm_waits_even_in_the_firms_city(enabled, mirror, resolve, reader):
    """The city is what colleagues share: with nothing personal in common, the name is weighed as
    colleagues share names (unseen `common_name_stranger`: another Anna de Vries at a firm of that name in
    Amsterdam), while the rare name at its small company still links with its city."""
    _crm_world(mirror)
    common, rare = resolve(
        {**_lead("Jürgen", "Müller", "Großfirma AG"), "city": "Köln"},
        {**_lead("Xaver", "Quistorp", "Quistorp Feinmechanik GmbH"), "city": "Ulm"},
    )
    assert not common.matched
    assert NOTHING_PERSONAL in common.candidates[0]["vetoed_by"]
    assert (rare.outcome, rare.crm_id) == ("matched", "xq")


def test_a_rare_name_waits_when_its_address_and_phone_are_another_crm_persons(
    enabled, mirror, resolve, reader
):
    """An assistant registering her executive: his rare name and company, her own address and line (fifth
    `assistant_for_exec`). Every contact detail the record gives is another CRM person's, so the record is
    that person's doing, and the name does not link alone, however rare (here the flow's generous share of
    records in the CRM would carry it). A handed-on mailbox alone (a successor writing from a departed
    colleague's address, identity_quality `reassigned_mailbox`) still lets the rare name link."""
    _crm_world(mirror)
    mirror(
        crm(
            "xq-assistant",
            firstname="Marta",
            lastname="Navarro",
            company="Quistorp Feinmechanik GmbH",
            city="Ulm",
            email="m.navarro@quistorp-feinmechanik.de",
            phone="+49 731 5550123",
        )
    )
    lead = _lead("Xaver", "Quistorp", "Quistorp Feinmechanik GmbH")
    registered, mailbox_only, own = resolve(
        {**lead, "email": "m.navarro@quistorp-feinmechanik.de", "phone": "+49 731 5550123"},
        {**lead, "external_id": "handed-on", "email": "m.navarro@quistorp-feinmechanik.de"},
        {**lead, "external_id": "own"},
    )
    assert not registered.matched
    executive = next(c for c in registered.candidates if c["crm_id"] == "xq")
    assert NOTHING_PERSONAL in executive["vetoed_by"]
    assert (mailbox_only.outcome, mailbox_only.crm_id) == ("matched", "xq")
    assert (own.outcome, own.crm_id) == ("matched", "xq")


def test_something_personal_in_common_still_links_the_common_name(enabled, mirror, resolve):
    _crm_world(mirror)
    mirror(
        crm(
            "big-jm",
            firstname="Jürgen",
            lastname="Müller",
            company="Großfirma AG",
            city="Köln",
            birthdate="1970-05-04",
        )
    )
    [result] = resolve(
        {**_lead("Jürgen", "Müller", "Großfirma AG"), "city": "Köln", "date_of_birth": "1970-05-04"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "big-jm")


ENGLISH_FIRST = ["John", "Jack", "James", "Mary", "Linda", "Robert", "Susan", "David", "Karen", "Paul"]
ENGLISH_LAST = ["Flores", "Long", "Smith", "Jones", "Brown", "Davis", "Wilson", "Moore", "Clark", "Lewis"]


def _large_firm_world(mirror):
    """1,240 people at 310 firms of four and a firm of 60, from ten first and ten last names, John Flores
    among the 60 (no Jack Flores there); and Robert Quistorp, the only person the CRM holds at his
    company."""
    rng = random.Random(7)
    records = [
        crm(
            f"p{n}",
            firstname=rng.choice(ENGLISH_FIRST),
            lastname=rng.choice(ENGLISH_LAST),
            company=f"Firm {n // 4} Inc",
            city="Springfield",
            email=f"p{n}@firm{n // 4}.com",
        )
        for n in range(1240)  # not 1,200: name counts are cached per mirror revision and size
    ]
    records.append(
        crm("big-jf", firstname="John", lastname="Flores", company="Lewis Labs Inc", city="Georgetown")
    )
    for n in range(59):
        first, last = ENGLISH_FIRST[2 + n % 8], ENGLISH_LAST[1 + n % 9]
        records.append(crm(f"big{n}", firstname=first, lastname=last, company="Lewis Labs Inc", city="Salem"))
    records.append(
        crm("rq", firstname="Robert", lastname="Quistorp", company="Quistorp Precision Inc", city="Dayton")
    )
    mirror(*records)


def test_a_nickname_at_a_large_firm_waits_even_in_the_firms_city(enabled, mirror, resolve, reader):
    """Jack Flores at the firm where the CRM holds John Flores among 60 people, same city, nothing personal:
    John writing his nickname, or a colleague called Jack whom the CRM does not hold. The scorer's weights
    (nickname, surname, company and city, each drawn from random pairs) linked it (issue 13, 10x people set:
    Jack Flores -> John Flores); weighed as colleagues share names it waits. Bob Quistorp, at the company
    where the CRM holds Robert Quistorp alone, still links."""
    _large_firm_world(mirror)
    common, rare = resolve(
        {**_lead("Jack", "Flores", "Lewis Labs Inc"), "city": "Georgetown"},
        {**_lead("Bob", "Quistorp", "Quistorp Precision Inc"), "city": "Dayton"},
    )
    assert not common.matched
    assert common.candidates[0]["crm_id"] == "big-jf"
    assert NOTHING_PERSONAL in common.candidates[0]["vetoed_by"]
    assert (rare.outcome, rare.crm_id) == ("matched", "rq")


def _names_world(prefix: str) -> list[dict]:
    """1,200 CRM people at 240 companies of five, their names drawn with `prefix`."""
    return [
        crm(f"p{n}", firstname=f"{prefix}f{n % 30}", lastname=f"{prefix}l{n % 40}", company=f"Firm {n // 5}")
        for n in range(1200)
    ]


def _counted(connection_id: int):
    reader = mirror.MirrorReader(connection_id=connection_id, object_name="contacts")
    attributes = ("first_name", "last_name", "company_name")
    return reader.name_frequencies(attributes, lambda row: tuple(row[a] for a in attributes), 0, 1, 2)


@pytest.mark.django_db
def test_two_mirrors_of_one_size_never_read_each_others_name_counts():
    """A rolled-back world's connection id, record ids and (on SQLite) revisions come back for the next
    one; and a mirror emptied and loaded again holds as many records as before."""
    with transaction.atomic():
        first = factories.make_connection(name="first world")
        services.mirror_upsert(connection=first, object_name="contacts", records=_names_world("a"))
        assert _counted(first.id).first["af1"] == 40
        transaction.set_rollback(True)
    second = factories.make_connection(name="second world")
    services.mirror_upsert(connection=second, object_name="contacts", records=_names_world("b"))
    counted = _counted(second.id)
    assert counted.first["bf1"] == 40 and "af1" not in counted.first

    MirrorRecord.objects.filter(connection=second).delete()
    services.mirror_upsert(connection=second, object_name="contacts", records=_names_world("c"))
    counted = _counted(second.id)
    assert counted.first["cf1"] == 40 and "bf1" not in counted.first
