# ruff: noqa: RUF001 - Cyrillic labels and names are what these tests are about
"""Rules found by the fifty-fifth generator (an exporter's Pipedrive persons in Russia, Kazakhstan and Ukraine,
typed in Latin letters, against a Bitrix24 contacts export in Russian): Bitrix24's Russian labels, Russian
country names, Cyrillic names in every usual romanisation, Russian diminutives and Ukrainian forms, the
patronymic kept apart and telling a father from his son, the trunk 8 of Russia's and Kazakhstan's plan, Cyrillic
company names and legal forms, and name blocks in one romanisation. None of these tests reads an outside file."""

import pytest

from identity_app import blocking, columns, normalise_names, normalise_places
from identity_app.attributes import PATRONYMIC, build_profile, recognised_columns
from identity_app.normalise_companies import company_name, company_similarity
from tests.identity.conftest import crm, filler_records


def test_bitrix24s_russian_labels_are_read():
    renames = recognised_columns(
        ["ID", "Имя", "Отчество", "Фамилия", "ФИО", "Компания", "Рабочий телефон", "Мобильный телефон",
         "Домашний телефон", "Рабочий e-mail", "Частный e-mail", "Адрес", "Город", "Страна"]
    )  # fmt: skip
    assert renames["Имя"] == "first_name"
    assert renames["Фамилия"] == "last_name"
    assert renames["Отчество"] == PATRONYMIC
    assert renames["ФИО"] == "full_name"
    assert renames["Компания"] == "company_name"
    assert renames["Мобильный телефон"] == "mobilephone"
    # two labels that squash to "email" once their Cyrillic is dropped: a work and a private address
    assert renames["Рабочий e-mail"] == "work_email"
    assert renames["Частный e-mail"] == "personal_email"
    assert renames["Город"] == "city"


@pytest.mark.parametrize(
    ("written", "code"), [("Российская Федерация", "RU"), ("РФ", "RU"), ("Республика Казахстан", "KZ")]
)
def test_russian_names_of_countries_are_read(written, code):
    assert normalise_places.country(written) == code


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("yuri", "iurii"),  # the Russian passport's ICAO romanisation
        ("jurij", "yury"),
        ("yulia", "iuliia"),
        ("pyotr", "petr"),  # ё as "yo" or "e"
        ("kseniya", "xenia"),
        ("vasilii", "vasily"),
        ("natalia", "natalya"),
        ("mykhailo", "mikhaylo"),  # a Ukrainian passport's and the Ukrainian Cyrillic read letter by letter
    ],
)
def test_a_cyrillic_given_name_in_two_romanisations_is_one_name(left, right):
    assert normalise_names.names_equivalent(left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [("iakovlev", "yakovlev"), ("kiseljov", "kiselev"), ("solovyov", "soloviev"), ("scherbakov", "shcherbakov"),
     ("oleinik", "oleynik")],
)  # fmt: skip
def test_a_cyrillic_surname_in_two_romanisations_is_one_surname(left, right):
    assert normalise_names.surname_closeness(left, right) >= normalise_names.EQUIVALENT_SIMILARITY


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("oleksandr", "aleksandr"),  # the Ukrainian and the Russian form
        ("serhii", "sergey"),
        ("olena", "elena"),
        ("alexander", "aleksandr"),
        ("dima", "dmitrii"),  # a diminutive, in any romanisation of its full name
        ("sasha", "aleksandra"),
        ("zhenya", "evgeniy"),
    ],
)
def test_east_slavic_forms_and_diminutives_are_one_name(left, right):
    assert normalise_names.names_equivalent(left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [("aleksandr", "aleksandra"), ("evgeniy", "evgeniya"), ("mario", "marie"), ("maria", "mario")],
)
def test_a_man_and_a_woman_of_one_name_and_vowels_at_the_end_stay_two_names(left, right):
    assert not normalise_names.names_equivalent(left, right)


@pytest.mark.parametrize(
    ("values", "first", "last", "patronymic"),
    [
        ({"full_name": "Иванов Иван Петрович"}, "ivan", "ivanov", "petrovich"),  # the register's order
        ({"full_name": "Ivan Petrovich Ivanov"}, "ivan", "ivanov", "petrovich"),
        ({"first_name": "Ivan Petrovich", "last_name": "Ivanov"}, "ivan", "ivanov", "petrovich"),
        (
            {"first_name": "Иван", "patronymic": "Петрович", "last_name": "Иванов"},
            "ivan",
            "ivanov",
            "petrovich",
        ),
        ({"full_name": "Roman Abramovich"}, "roman", "abramovich", None),  # a surname that ends so
    ],
)
def test_a_patronymic_is_kept_apart_from_the_given_name(values, first, last, patronymic):
    profile = build_profile(values)
    assert (profile["first_name"], profile["last_name"]) == (first, last)
    assert profile["extra"].get(PATRONYMIC) == patronymic


def test_a_patronymic_is_read_alike_row_by_row_and_column_by_column():
    rows = [{"full_name": "Иванов Иван Петрович"}, {"first_name": "Ivan Petrovich", "last_name": "Ivanov"}]
    for row, profile in zip(rows, columns.build_profiles(rows), strict=True):
        alone = build_profile(row)
        assert (profile["first_name"], profile["extra"]) == (alone["first_name"], alone["extra"])


@pytest.mark.parametrize(
    ("left", "right", "differ"),
    [
        ("petrovich", "ivanovich", True),  # a father and his son
        ("ivanovich", "ivanovych", False),  # Russian and Ukrainian
        ("sergeevna", "serhiivna", False),
        ("mikhaylovich", "mykhailovych", False),
        ("petrovich", "", False),
    ],
)
def test_two_patronymics_differ_when_they_are_two_fathers(left, right, differ):
    assert normalise_names.patronymics_differ(left, right) is differ


FIRM_LINE = "+7 343 254 11 90"


def test_a_son_of_his_fathers_name_on_the_family_firms_line_is_not_linked(mirror, resolve):
    """Pipedrive holds the owner of a family firm as "Ivan Petrovich" Ivanov with the firm's line. His son Иван
    Иванович gives that line: the patronymic says he is another man. The father, with his, still links."""
    mirror(
        crm("father", firstname="Ivan Petrovich", lastname="Ivanov", company="Ivanov i K", city="Yekaterinburg",
            country="Russia", phone=FIRM_LINE, mobilephone="+7 912 611 40 28"),
        *filler_records(),
    )  # fmt: skip
    firm = {
        "company_name": "ООО «Иванов и К»",
        "city": "Екатеринбург",
        "country": "Россия",
        "phone": "8 (343) 254-11-90",
    }
    son, father = resolve(
        {**firm, "external_id": "son", "first_name": "Иван", "patronymic": "Иванович", "last_name": "Иванов"},
        {
            **firm,
            "external_id": "father",
            "first_name": "Иван",
            "patronymic": "Петрович",
            "last_name": "Иванов",
        },
    )
    assert not son.matched, (son.notes, son.candidates)
    assert (father.outcome, father.crm_id) == ("matched", "father"), (father.notes, father.candidates)


def test_the_trunk_8_on_a_cyrillic_record_without_a_country_is_a_plus_7_number():
    written = {"first_name": "Иван", "last_name": "Иванов", "mobilephone": "8 (912) 295-66-89"}
    assert "+79122956689" in build_profile(written)["phones"]
    assert (
        "+77011234567" in build_profile({**written, "mobilephone": "8 701 123 45 67"})["phones"]
    )  # Kazakhstan
    # the same digits beside a name in Latin letters are read as the flow's region reads them
    assert (
        "+79122956689"
        not in build_profile({**written, "first_name": "Ivan", "last_name": "Ivanov"})["phones"]
    )


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("ООО «Промсервис»", "Promservis LLC"),
        ('ТОО "Сибмаш-Урал"', "TOO Sibmash-Ural"),
        ("Днепромаш-Юг, ПрАТ", "JSC Dnepromash-Yug"),
        ('ТОВ "Гидромаш"', "LLC Gidromash"),
    ],
)
def test_a_cyrillic_company_name_and_its_latin_one_are_one_name(written, typed):
    assert company_similarity(company_name(written), company_name(typed)) == 1.0


def test_a_cyrillic_name_and_its_other_romanisation_share_a_name_block():
    crm_keys = blocking.name_token_keys("andrii", "polischuk")
    inbound_keys = blocking.name_token_keys(normalise_names.name("Андрей"), normalise_names.name("Полищук"))
    assert set(crm_keys) & set(inbound_keys)


def test_a_son_of_his_fathers_name_at_the_family_firm_is_no_probable_match(mirror, resolve, enabled):
    """The son writes from his own mailbox at the family firm's domain, which Pipedrive does not hold: his
    names, the firm and its domain agree with his father's record but for the patronymic."""
    mirror(
        crm("father", firstname="Ivan Petrovich", lastname="Ivanov", company="Ivanov i K", city="Yekaterinburg",
            country="Russia", email="ivanov@ivanov-k.ru", mobilephone="+7 912 611 40 28"),
        *filler_records(),
    )  # fmt: skip
    (son,) = resolve(
        {"external_id": "son", "first_name": "Иван", "patronymic": "Иванович", "last_name": "Иванов",
         "company_name": "ООО «Иванов и К»", "city": "Екатеринбург", "country": "Россия",
         "email": "ivan.ivanov@ivanov-k.ru"},
    )  # fmt: skip
    assert not son.matched, (son.notes, son.candidates)
