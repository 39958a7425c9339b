"""A record without a country that writes a number nationally ("070-1291-7524"): where the number, read in a
candidate's own country, is that record's own number and no other record's in any country, it is that
person's line and may decide a link that the name and the company alone could not. A Cyrillic name in two
transliterations (Aleksei/Alexei) is one name."""

from identity_app import normalise_names, normalise_phones
from tests.identity.conftest import crm, filler_records


def _crm_people():
    return [
        crm(
            "c1",
            FirstName="Naoko",
            LastName="Kimura",
            Email="naokok@kestreltextiles.co.jp",
            Phone="+81 3-6046-8639 ext 428",
            MobilePhone="070-1291-7524",
            Company="Kestrel Textiles K.K.",
            MailingCity="Osaka",
            MailingCountry="Japan",
        ),
        crm(
            "c2",
            FirstName="Tomohiro",
            LastName="Kimura",
            Email="tomohirok@kestreltextiles.co.jp",
            Phone="+81 3-6046-8639 ext 430",
            MobilePhone="+81 90-1903-2849",
            Company="Kestrel Textiles K.K.",
            MailingCity="Osaka",
            MailingCountry="Japan",
        ),
        crm(
            "c4",
            FirstName="Tatiana",
            LastName="Fedorova",
            Email="tatiana.fedorova@pinecrest.ru",
            Phone="+7 495 506-55-53",
            MobilePhone="+7 926 070-56-43",
            Company="Pinecrest Textiles OOO",
            MailingCity="Moscow",
            MailingCountry="Russia",
        ),
        crm(
            "c5",
            FirstName="Natalia",
            LastName="Fedorova",
            Email="natalia.fedorova@pinecrest.ru",
            Phone="+7 495 506-55-53 ext 655",
            Company="Pinecrest Textiles OOO",
            MailingCity="Moscow",
            MailingCountry="Russia",
        ),
        crm(
            "c6",
            FirstName="Alexei",
            LastName="Volkov",
            Email="alexei.volkov@redwoodpartners.ru",
            Phone="+7 495 661-24-53 x 134",
            MobilePhone="8 (903) 987-14-67",
            Company="Redwood Partners OOO",
            MailingCity="Saint Petersburg",
            MailingCountry="Russia",
        ),
        crm(
            "c7",
            FirstName="Dmitry",
            LastName="Volkov",
            Email="dmitry.volkov@redwoodpartners.ru",
            Phone="+7 495 661-24-53",
            MobilePhone="+7 926 221-87-75",
            Company="Redwood Partners OOO",
            MailingCity="Saint Petersburg",
            MailingCountry="Russia",
        ),
        *filler_records(),
    ]


NAOKO = {
    "external_id": "n1",
    "first_name": "Naoko",
    "last_name": "Kimura",
    "company_name": "Kestrel Textiles K.K.",
}


def test_a_national_number_that_is_one_record_s_own_number_links_with_the_name_and_company(
    db, enabled, mirror, resolve
):
    mirror(*_crm_people())
    tatyana = {
        "external_id": "t1",
        "first_name": "Tatyana",  # Tatiana transliterated otherwise
        "last_name": "Fedorova",
        "company_name": "Pinecrest Textiles OOO",
        "phone": "8 (495) 506-55-53 x119",
        "mobilephone": "8 (926) 070-56-43",  # Russia's trunk prefix is 8, not 0
    }
    naoko, tatyana = resolve({**NAOKO, "mobilephone": "070-1291-7524"}, tatyana)
    assert (naoko.matched, naoko.crm_id) == (True, "c1")
    assert (tatyana.matched, tatyana.crm_id) == (True, "c4")
    assert any("which no other CRM record holds" in note for note in naoko.notes)


def test_a_national_number_two_records_hold_or_written_with_an_extension_decides_nothing(
    db, enabled, mirror, resolve
):
    """The same national digits on a second record (a family line, a company's mobile) say which company,
    not which person; a number with an extension is a switchboard's."""
    shared = crm(
        "c8",
        FirstName="Hiro",
        LastName="Sato",
        MobilePhone="070-1291-7524",
        Company="Bluefin K.K.",
        MailingCity="Tokyo",
        MailingCountry="Japan",
    )
    mirror(*_crm_people(), shared)
    on_two, desk = resolve(
        {**NAOKO, "mobilephone": "070-1291-7524"},
        {**NAOKO, "external_id": "n2", "phone": "03-6046-8639 ext 428"},
    )
    assert not on_two.matched and on_two.candidates[0]["crm_id"] == "c1"
    assert not desk.matched


def test_the_same_national_number_for_another_name_links_nobody(db, enabled, mirror, resolve):
    mirror(*_crm_people())
    [emi] = resolve({**NAOKO, "first_name": "Emi", "mobilephone": "070-1291-7524"})
    assert not emi.matched


def test_cyrillic_names_in_two_transliterations_are_one_name():
    for left, right in (
        ("aleksei", "alexei"),
        ("alexey", "aleksei"),
        ("maksim", "maxim"),
        ("dmitrii", "dmitry"),
        ("dmitriy", "dmitry"),
        ("sergey", "sergei"),
    ):
        assert normalise_names.names_equivalent(left, right), (left, right)
    for left, right in (("christian", "christina"), ("alexis", "alexa"), ("sergio", "sergei")):
        assert not normalise_names.names_equivalent(left, right), (left, right)


def test_a_mobile_under_the_name_transliterated_otherwise_is_no_successor_s(db, enabled, mirror, resolve):
    mirror(*_crm_people())
    [aleksei] = resolve(
        {
            "external_id": "a1",
            "first_name": "Aleksei",
            "last_name": "Volkov",
            "mobilephone": "+79039871467",
            "company_name": "Redwood Partners OOO",
        }
    )
    assert (aleksei.matched, aleksei.crm_id) == (True, "c6")


def test_a_trunk_prefix_other_than_zero_is_looked_up_in_its_own_countries():
    lookups = normalise_phones.national_lookups("8 (926) 070-56-43")
    assert "+79260705643" in lookups and "+379260705643" not in lookups
    assert normalise_phones.has_extension("914 40 69 93 x 244") and not normalise_phones.has_extension(
        "631 52 28 60"
    )


# -- a double surname written with one part, and a typed name split at its first space ------------------------------


def _spanish_colleagues():
    return [
        crm(
            "s1",
            FirstName="María Fernanda",
            LastName="Morales Sánchez",
            Email="mf.morales@willowmedia.com.mx",
            Phone="+52 81 2158 5195",
            MobilePhone="+52 55 6321 6064",
            Company="Willow Media S.A. de C.V.",
            MailingCity="Monterrey",
            MailingCountry="Mexico",
        ),
        crm(
            "s2",
            FirstName="María Fernanda",
            LastName="López González",
            Email="mf.lopez@willowmedia.com.mx",
            Phone="+52 81 2158 5195 ext 799",
            Company="Willow Media S.A. de C.V.",
            MailingCity="Monterrey",
            MailingCountry="Mexico",
        ),
        crm(
            "s3",
            FirstName="Francisco",
            LastName="Martínez Ruiz",
            Email="fmartinezruiz@harborenergy.es",
            MobilePhone="+34 665 71 01 50",
            Company="Harbor Energy S.L.",
            MailingCity="Sevilla",
            MailingCountry="Spain",
        ),
        crm(
            "s4",
            FirstName="Francisco",
            LastName="Rodríguez Martínez",
            Email="frodriguez@harborenergy.es",
            Phone="+34 914 40 69 93 ext 168",
            MobilePhone="+34 607 26 41 46",
            Company="Harbor Energy S.L.",
            MailingCity="Sevilla",
            MailingCountry="Spain",
        ),
        crm(
            "s7",
            FirstName="María José",
            LastName="Jiménez Martínez",
            Phone="+34 914 40 69 93",
            Company="Harbor Energy S.L.",
            MailingCity="Sevilla",
            MailingCountry="Spain",
        ),
        crm(
            "s5",
            FirstName="Guadalupe",
            LastName="Reyes García",
            Email="g.reyesgarcia@driftwood.com.mx",
            MobilePhone="+52 33 2690 4142",
            Company="Driftwood Partners S.A. de C.V.",
            MailingCountry="Mexico",
        ),
        crm(
            "s6",
            FirstName="Guadalupe",
            LastName="Reyes Morales",
            Email="g.reyesmorales@driftwood.com.mx",
            MobilePhone="+52 33 3375 1460",
            Company="Driftwood Partners S.A. de C.V.",
            MailingCountry="Mexico",
        ),
        *filler_records(),
    ]


def test_a_typed_name_split_at_its_first_space_is_the_name_with_its_second_surname_dropped(
    db, enabled, mirror, resolve
):
    mirror(*_spanish_colleagues())
    [result] = resolve(
        {
            "external_id": "m1",
            "first_name": "María",
            "last_name": "Fernanda Morales",
            "company_name": "Willow Media S.A. de C.V.",
            "mobilephone": "55 6321 6064",  # national, no country: read in the candidate's own country
        }
    )
    assert (result.matched, result.crm_id) == (True, "s1")


def test_a_colleague_carrying_the_surname_as_a_mother_s_name_is_no_namesake_in_spain(
    db, enabled, mirror, resolve
):
    """Francisco Martínez is Francisco Martínez Ruiz, whose mobile he writes; Francisco Rodríguez Martínez
    would go by Rodríguez. Two colleagues who both carry Reyes first stay namesakes: the number cannot
    choose between them."""
    mirror(*_spanish_colleagues())
    francisco, guadalupe = resolve(
        {
            "external_id": "f1",
            "first_name": "Francisco",
            "last_name": "Martínez",
            "company_name": "Harbor Energy S.L.",
            "phone": "+34 914 40 69 93 x 244",  # the company's switchboard
            "mobilephone": "+34 665 71 01 50",
        },
        {
            "external_id": "g1",
            "first_name": "Guadalupe",
            "last_name": "Reyes",
            "company_name": "Driftwood Partners S.A. de C.V.",
            "mobilephone": "+52 33 2690 4142",
        },
    )
    assert (francisco.matched, francisco.crm_id) == (True, "s3")
    assert not guadalupe.matched


def test_which_of_two_surnames_a_family_keeps_follows_the_country():
    assert normalise_names.family_surname_elsewhere("martinez", "martinez ruiz", "rodriguez martinez", "ES")
    assert not normalise_names.family_surname_elsewhere("martinez", "martinez ruiz", "rodriguez martinez", "")
    assert not normalise_names.family_surname_elsewhere("reyes", "reyes garcia", "reyes morales", "MX")
    # Portugal and Brazil keep the last: Silva is João Pereira da Silva, not João Silva Santos.
    assert normalise_names.family_surname_elsewhere("silva", "pereira da silva", "silva santos", "BR")
    assert not normalise_names.family_surname_elsewhere("silva", "pereira da silva", "silva santos", "ES")
    assert normalise_phones.phone_region_of("+34665710150") == "ES"
