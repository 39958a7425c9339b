# ruff: noqa: RUF001, RUF002 - Cyrillic names, labels and legal forms are what this record set is about
"""A fifty-fifth record set: Pipedrive persons of an equipment exporter selling in Russia, Kazakhstan and Ukraine,
held in Latin letters as its reps typed them, linked from a Bitrix24 contacts export in Russian.

    python benchmarks/identity_fiftyfifth.py [--people 2400] [--per-category 40] [--seed 551] [--skip-splink]
                                             [--keep DIR]

An exporter of pumps and compressors sells through distributors, plants and sole proprietors in Russia,
Kazakhstan and Ukraine. Its account managers work in Pipedrive (English interface) and type their contacts' names
in Latin letters, each in the transliteration he was taught or read off a passport or a business card: Юрий as
"Yuri", "Yury", "Yuriy", "Iurii" (the Russian passport's since 2014) or "Jurij"; Щербаков as "Shcherbakov" or
"Scherbakov"; Ё as "yo" or "e"; a Ukrainian's passport name ("Oleksandr", "Serhii", "Olena") where a Russian
speaker says Александр, Сергей, Елена. Now and then a rep keeps the patronymic in the first name ("Ivan
Petrovich") to tell a father and his son apart. The regional office keeps its contacts in Bitrix24 in Russian;
before a campaign they are linked to Pipedrive's persons.

The CRM side is a Pipedrive persons export under the list view's labels, as the other Pipedrive generators write
them: `Person - ID`, `Person - Name`, `Person - First name`, `Person - Last name`, `Person - Phone - Work` (a
direct line, or the firm's line on one person), `Person - Phone - Mobile`, `Person - Phone - Home` (a sole
proprietor working from home: the household's landline), `Person - Email - Work`, `Person - Email - Home`,
`Organization - Name` ("Promservis LLC", "OOO Promservis", "IP Kovalsky"), `Organization - INN` (an organization
custom field: the firm's taxpayer number), `Person - Job title`, `Person - Postal address` with its City and
Country parts, `Person - Owner`, `Person - Person created`.

The inbound side is Bitrix24's contacts export under the labels its Russian interface gives a contact's fields
(checked with the search tool in avshatalov48/bitrix24-core-corp, `modules/crm/lang/ru/classes/general/
crm_contact.php`: "ID", "Обращение", "Имя", "Отчество", "Фамилия", "Компания", "Должность", "Адрес", "Город",
"Страна", "Ответственный", "Дата создания", "Тип контакта", and the whole name's "Ф.И.О."; `.../crm_field_multi.php`:
the multi-fields "Рабочий телефон", "Мобильный телефон", "Домашний телефон", "Рабочий e-mail", "Частный e-mail"),
with the company's requisite "ИНН" (Bitrix24's `RQ_INN`, labelled "ИНН" in forms found with the search tool) and a
"ФИО" column that a list imported from an accounting program fills instead of the name's parts, in Russian order:
"Иванов Иван Иванович" (surname, given name, patronymic). Names in Cyrillic (Ё written Е most of the time, as
Russian keyboards leave it), the given name a diminutive now and then ("Саша" for Александр and for Александра,
"Дима", "Женя", "Таня", "Серёжа"); companies with their legal form in front and the name in quotes (ООО
«Промсервис», ООО "Промсервис", ТОО in Kazakhstan, ТОВ in Ukraine, ИП Ковальский Андрей Петрович); numbers
with the trunk 8 ("8 (495) 123-45-67"), "+7 (916) 123-45-67", Kazakh +7 7xx, Ukrainian "+38 (067) 123-45-67"
or "067 123 45 67"; the firm's ИНН (10 digits; 12 for a sole proprietor). Emails in Latin letters.

Categories, each with its truth (the Pipedrive person, or none). IN:
- `email_held`: the held work address; the name in Cyrillic, parts in their columns.
- `mobile_held`: the held mobile written another way (8, +7, +38, 0); no address.
- `translit_variants`: the Latin name held in another transliteration than the Cyrillic gives (Iurii, Jurij,
  Yury; Scherbakov; Solovev, Soloviev); the held address or mobile.
- `ukrainian_forms`: a Ukrainian held under the passport's Ukrainian form (Oleksandr, Serhii, Dmytro, Olena,
  Volodymyr), written in Russian (Александр, Сергей, Дмитрий, Елена, Владимир) or Ukrainian; the held address or
  mobile.
- `fio_one_cell`: the whole name in "ФИО" in Russian order, the parts empty; the held address or mobile.
- `diminutive`: the given name as a diminutive (Саша, Дима, Женя, Таня, Серёжа); the held address or mobile.
- `patronymic_held`: a person whose held first name carries the patronymic ("Ivan Petrovich"), written with
  Отчество; the held address or mobile.
- `job_change`: a new firm, its line, ИНН and address; the held mobile.
- `name_company_city`: no key Pipedrive holds; the full name (never one Pipedrive holds twice), the company and
  the city.
OUT (truth none):
- `father_son`: a family firm: the son (his patronymic is his father's first name) at the firm's line and ИНН,
  his own mobile or address or the firm's mailbox. Pipedrive holds the father; where the son bears his
  father's first name (Иван Петрович, Иван Иванович), the father is held with his patronymic.
- `husband_wife`: a sole proprietor working from home or a family firm: Pipedrive holds the husband with the
  household's or the firm's line; the row is his wife (her own first name; the feminine form of his surname,
  Ковальская for Ковальский, or the one form a Ukrainian -енко or -ук surname has) with that line, her own mobile
  or address or none.
- `namesake_common`: a very common name (Иванов, Смирнов, Кузнецов ...) Pipedrive holds at another firm; their own
  mobile and address.
- `colleague_firm_line`: a colleague Pipedrive does not hold, giving the firm's line held on one person and the
  firm's ИНН.
- `not_in_crm`: persons Pipedrive does not hold, at new or known firms.

Fairness: a careful reader can tell each row. A mobile is one person's; a firm's line and a household's line are
shared, and so is the ИНН; the son's and the wife's rows always carry something of their own (another first name
or another patronymic than the one held, their own mobile or address); a name without a key is never one
Pipedrive holds twice. Not made: Eugene for Евгений (a translation, not a transliteration). Written from scratch
(only `identity_quality`'s and `generated_phones`' interfaces). Every seed deterministic.
"""

import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated, unused_value

CRM_ID = "Person - ID"
CRM_COLUMNS = [
    CRM_ID, "Person - Name", "Person - First name", "Person - Last name", "Person - Phone - Work",
    "Person - Phone - Mobile", "Person - Phone - Home", "Person - Email - Work", "Person - Email - Home",
    "Organization - Name", "Organization - INN", "Person - Job title", "Person - Postal address",
    "Person - Postal address - City/town/village/locality", "Person - Postal address - Country",
    "Person - Owner", "Person - Person created",
]  # fmt: skip
INBOUND_ID = "ID"
INBOUND_COLUMNS = [
    INBOUND_ID, "Обращение", "Фамилия", "Имя", "Отчество", "ФИО", "Компания", "ИНН", "Должность",
    "Рабочий телефон", "Мобильный телефон", "Домашний телефон", "Рабочий e-mail", "Частный e-mail", "Адрес",
    "Город", "Страна", "Ответственный", "Тип контакта", "Дата создания",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# Given name -> (the son's patronymic, the daughter's), the diminutives it is called by, its Ukrainian form in
# Cyrillic and as a Ukrainian passport writes it.
MALE = {
    "Александр": ("Александрович", "Александровна", ["Саша"], ("Олександр", "Oleksandr")),
    "Алексей": ("Алексеевич", "Алексеевна", ["Лёша"], ("Олексій", "Oleksii")),
    "Андрей": ("Андреевич", "Андреевна", [], ("Андрій", "Andrii")),
    "Дмитрий": ("Дмитриевич", "Дмитриевна", ["Дима"], ("Дмитро", "Dmytro")),
    "Евгений": ("Евгеньевич", "Евгеньевна", ["Женя"], ("Євген", "Yevhen")),
    "Сергей": ("Сергеевич", "Сергеевна", ["Серёжа"], ("Сергій", "Serhii")),
    "Юрий": ("Юрьевич", "Юрьевна", ["Юра"], ("Юрій", "Yurii")),
    "Иван": ("Иванович", "Ивановна", ["Ваня"], ("Іван", "Ivan")),
    "Михаил": ("Михайлович", "Михайловна", ["Миша"], ("Михайло", "Mykhailo")),
    "Николай": ("Николаевич", "Николаевна", ["Коля"], ("Микола", "Mykola")),
    "Владимир": ("Владимирович", "Владимировна", ["Володя"], ("Володимир", "Volodymyr")),
    "Пётр": ("Петрович", "Петровна", ["Петя"], ("Петро", "Petro")),
    "Максим": ("Максимович", "Максимовна", [], None),
    "Павел": ("Павлович", "Павловна", ["Паша"], ("Павло", "Pavlo")),
    "Виктор": ("Викторович", "Викторовна", [], None),
    "Олег": ("Олегович", "Олеговна", [], None),
    "Игорь": ("Игоревич", "Игоревна", [], ("Ігор", "Ihor")),
    "Константин": ("Константинович", "Константиновна", ["Костя"], None),
    "Григорий": ("Григорьевич", "Григорьевна", ["Гриша"], ("Григорій", "Hryhorii")),
    "Фёдор": ("Фёдорович", "Фёдоровна", ["Федя"], None),
    "Денис": ("Денисович", "Денисовна", [], None),
    "Роман": ("Романович", "Романовна", [], None),
    "Вячеслав": ("Вячеславович", "Вячеславовна", ["Слава"], None),
    "Геннадий": ("Геннадьевич", "Геннадьевна", ["Гена"], None),
    "Анатолий": ("Анатольевич", "Анатольевна", ["Толя"], None),
    "Василий": ("Васильевич", "Васильевна", ["Вася"], ("Василь", "Vasyl")),
    "Борис": ("Борисович", "Борисовна", [], None),
    "Артём": ("Артёмович", "Артёмовна", [], None),
    "Ерлан": ("Ерланович", "Ерлановна", [], None),
    "Нурлан": ("Нурланович", "Нурлановна", [], None),
    "Асхат": ("Асхатович", "Асхатовна", [], None),
    "Тимур": ("Тимурович", "Тимуровна", [], None),
    "Бауыржан": ("Бауыржанович", "Бауыржановна", [], None),
    "Данияр": ("Даниярович", "Данияровна", [], None),
    "Серик": ("Серикович", "Сериковна", [], None),
    "Марат": ("Маратович", "Маратовна", [], None),
    "Кайрат": ("Кайратович", "Кайратовна", [], None),
    "Арман": ("Арманович", "Армановна", [], None),
}  # fmt: skip
FEMALE = {
    "Александра": (["Саша"], None), "Елена": (["Лена"], ("Олена", "Olena")), "Татьяна": (["Таня"], ("Тетяна", "Tetiana")),
    "Ольга": (["Оля"], None), "Наталья": (["Наташа"], ("Наталія", "Nataliia")), "Ирина": (["Ира"], ("Ірина", "Iryna")),
    "Светлана": (["Света"], None), "Евгения": (["Женя"], None), "Юлия": (["Юля"], ("Юлія", "Yuliia")),
    "Анна": (["Аня"], None), "Мария": (["Маша"], None), "Екатерина": (["Катя"], ("Катерина", "Kateryna")),
    "Анастасия": (["Настя"], None), "Марина": ([], None), "Людмила": (["Люда"], None), "Галина": (["Галя"], ("Галина", "Halyna")),
    "Ксения": (["Ксюша"], None), "Дарья": (["Даша"], None), "Айгуль": ([], None), "Жанна": ([], None),
    "Динара": ([], None), "Гульнара": ([], None), "Асель": ([], None), "Алия": ([], None),
    "Оксана": ([], ("Оксана", "Oksana")), "Валентина": (["Валя"], None),
}  # fmt: skip
KAZAKH_GIVEN = {"Ерлан", "Нурлан", "Асхат", "Тимур", "Бауыржан", "Данияр", "Серик", "Марат", "Кайрат", "Арман",
                "Айгуль", "Жанна", "Динара", "Гульнара", "Асель", "Алия"}  # fmt: skip
# (masculine, feminine) surnames; a Ukrainian -енко, -ук or -ик surname has one form for both.
SURNAMES_RU = [
    ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
    ("Соколов", "Соколова"), ("Лебедев", "Лебедева"), ("Козлов", "Козлова"), ("Новиков", "Новикова"),
    ("Морозов", "Морозова"), ("Петров", "Петрова"), ("Волков", "Волкова"), ("Соловьёв", "Соловьёва"),
    ("Васильев", "Васильева"), ("Зайцев", "Зайцева"), ("Павлов", "Павлова"), ("Семёнов", "Семёнова"),
    ("Голубев", "Голубева"), ("Виноградов", "Виноградова"), ("Богданов", "Богданова"), ("Воробьёв", "Воробьёва"),
    ("Фёдоров", "Фёдорова"), ("Михайлов", "Михайлова"), ("Беляев", "Беляева"), ("Тарасов", "Тарасова"),
    ("Комаров", "Комарова"), ("Орлов", "Орлова"), ("Киселёв", "Киселёва"), ("Макаров", "Макарова"),
    ("Андреев", "Андреева"), ("Ковальский", "Ковальская"), ("Вишневский", "Вишневская"), ("Крылов", "Крылова"),
    ("Щербаков", "Щербакова"), ("Щукин", "Щукина"), ("Жуков", "Жукова"), ("Хохлов", "Хохлова"),
    ("Царёв", "Царёва"), ("Юдин", "Юдина"), ("Яковлев", "Яковлева"), ("Журавлёв", "Журавлёва"),
    ("Чернышёв", "Чернышёва"), ("Шапошников", "Шапошникова"), ("Ястребов", "Ястребова"), ("Рябов", "Рябова"),
]  # fmt: skip
SURNAMES_UA = [
    ("Шевченко", "Шевченко"), ("Бондаренко", "Бондаренко"), ("Коваленко", "Коваленко"), ("Ткаченко", "Ткаченко"),
    ("Кравченко", "Кравченко"), ("Олейник", "Олейник"), ("Ковальчук", "Ковальчук"), ("Мельник", "Мельник"),
    ("Бойко", "Бойко"), ("Полищук", "Полищук"), ("Савчук", "Савчук"), ("Гончаренко", "Гончаренко"),
    ("Лысенко", "Лысенко"), ("Марченко", "Марченко"), ("Ковальский", "Ковальская"), ("Руденко", "Руденко"),
]  # fmt: skip
SURNAMES_KZ = [
    ("Ахметов", "Ахметова"), ("Сулейменов", "Сулейменова"), ("Жумабаев", "Жумабаева"), ("Нурпеисов", "Нурпеисова"),
    ("Касымов", "Касымова"), ("Абдрахманов", "Абдрахманова"), ("Искаков", "Искакова"), ("Тулеуов", "Тулеуова"),
    ("Байжанов", "Байжанова"), ("Омаров", "Омарова"), ("Есенов", "Есенова"), ("Кенжебаев", "Кенжебаева"),
]  # fmt: skip
# Names held for one person at one firm and met again at another (the hard negatives).
COMMON = [("Сергей", "Иванов"), ("Александр", "Смирнов"), ("Дмитрий", "Кузнецов"), ("Андрей", "Попов"),
          ("Елена", "Иванова"), ("Алексей", "Смирнов"), ("Ольга", "Кузнецова"), ("Иван", "Петров")]  # fmt: skip
JOBS = ["Генеральный директор", "Директор", "Главный инженер", "Начальник отдела снабжения", "Менеджер по закупкам",
        "Снабженец", "Главный механик", "Коммерческий директор", "Инженер", "Руководитель проекта", "Бухгалтер"]  # fmt: skip
PIPEDRIVE_JOBS = ["CEO", "Director", "Chief engineer", "Procurement", "Buyer", "Chief mechanic", ""]
OWNERS = ["Anna Krause", "Tobias Lenz", "Marek Nowak", "Sofia Romero"]
RESPONSIBLE = ["Ковалева Марина", "Дьяченко Игорь", "Савельев Роман"]
TYPES = ["Клиенты", "Партнеры", "Поставщики", "Общие контакты", ""]


@dataclass(frozen=True)
class Place:
    country: str
    city: str  # in Russian
    latin: str  # as Pipedrive holds it
    area: str  # the area code (after +7 or +380)


PLACES = [
    Place("RU", "Москва", "Moscow", "495"), Place("RU", "Москва", "Moscow", "499"),
    Place("RU", "Санкт-Петербург", "Saint Petersburg", "812"), Place("RU", "Екатеринбург", "Yekaterinburg", "343"),
    Place("RU", "Новосибирск", "Novosibirsk", "383"), Place("RU", "Казань", "Kazan", "843"),
    Place("RU", "Нижний Новгород", "Nizhny Novgorod", "831"), Place("RU", "Самара", "Samara", "846"),
    Place("RU", "Челябинск", "Chelyabinsk", "351"), Place("RU", "Пермь", "Perm", "342"),
    Place("KZ", "Алматы", "Almaty", "727"), Place("KZ", "Астана", "Astana", "7172"),
    Place("KZ", "Караганда", "Karaganda", "7212"), Place("KZ", "Шымкент", "Shymkent", "7252"),
    Place("UA", "Киев", "Kyiv", "44"), Place("UA", "Харьков", "Kharkiv", "57"),
    Place("UA", "Днепр", "Dnipro", "56"), Place("UA", "Одесса", "Odesa", "48"),
]  # fmt: skip
COUNTRY_RU = {"RU": ["Россия", "Российская Федерация", "РФ"], "KZ": ["Казахстан", "Республика Казахстан"],
              "UA": ["Украина"]}  # fmt: skip
COUNTRY_LATIN = {"RU": "Russia", "KZ": "Kazakhstan", "UA": "Ukraine"}
BRANDS = ["Промсервис", "Техснаб", "Энергомаш", "Уралтехснаб", "Сибмаш", "Стройресурс", "Гидромаш", "Агротех",
          "Нефтехимсервис", "Металлург", "Теплосила", "Промавтоматика", "Спецмонтаж", "Вектор", "Альфа-Инжиниринг",
          "Газкомплект", "Регион", "Меридиан", "Прогресс", "Импульс", "Казпромснаб", "Астанатехмаш", "Днепромаш",
          "Укрпромсервис", "Полимер", "Компрессор", "Насосные системы", "Северсталь-Сервис"]  # fmt: skip
FORMS = {"RU": ["ООО", "ООО", "ООО", "АО", "ПАО"], "KZ": ["ТОО", "ТОО", "АО"], "UA": ["ТОВ", "ООО", "ПрАТ"]}
LATIN_FORMS = {"ООО": ["LLC", "OOO", "LLC"], "АО": ["JSC", "AO"], "ПАО": ["PJSC", "PAO"], "ТОО": ["LLP", "TOO"],
               "ТОВ": ["LLC", "TOV"], "ПрАТ": ["PrJSC", "PJSC"], "ИП": ["IP"]}  # fmt: skip
STREETS = ["ул. Ленина", "ул. Гагарина", "пр. Мира", "ул. Промышленная", "ул. Заводская", "ул. Советская",
           "ул. Садовая", "ш. Энтузиастов", "ул. Абая", "пр. Победы", "ул. Шевченко", "ул. Строителей"]  # fmt: skip
PRIVATE_MAIL = {"RU": ["mail.ru", "yandex.ru", "bk.ru", "list.ru", "gmail.com", "inbox.ru", "rambler.ru"],
                "KZ": ["mail.ru", "gmail.com", "inbox.kz", "yandex.kz"],
                "UA": ["ukr.net", "gmail.com", "i.ua", "meta.ua"]}  # fmt: skip
TLD = {"RU": ["ru", "ru", "com", "su"], "KZ": ["kz", "kz", "com"], "UA": ["com.ua", "ua", "com"]}

# -- transliteration ----------------------------------------------------------------------------------------------

_BASE = dict(zip("абвгдезиклмнопрстуфы", "abvgdeziklmnoprstufy", strict=True))
_BASE.update({"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "э": "e",
              "ё": "e", "й": "y", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"})  # fmt: skip
# How reps, passports and business cards write Cyrillic in Latin letters: the scheme's letters over the base.
SCHEMES = {
    "common": {
        "ё": "yo",
        "щ": "shch",
    },  # what most English-language material writes (Yury? below: "iy" endings)
    "passport": {"й": "i", "ю": "iu", "я": "ia", "ъ": "ie"},  # the Russian passport's (ICAO 9303) since 2014
    "jot": {"й": "j", "ю": "ju", "я": "ja", "ё": "jo", "щ": "sch", "х": "h"},  # German- or Polish-schooled
    "short": {"щ": "sch", "х": "h", "ё": "e"},  # typed fast
}
# Conventional English spellings of a few names, as their bearers' cards give them.
CONVENTIONAL = {"Александр": ["Alexander", "Alexandr", "Aleksandr"], "Алексей": ["Alexey", "Alexei", "Aleksey"],
                "Максим": ["Maxim", "Maksim"], "Юрий": ["Yuri", "Yury", "Yuriy", "Iurii", "Jurij"],
                "Дмитрий": ["Dmitry", "Dmitriy", "Dmitrii"], "Евгений": ["Evgeny", "Evgeniy", "Yevgeny", "Evgenii"],
                "Сергей": ["Sergey", "Sergei"], "Андрей": ["Andrey", "Andrei"], "Наталья": ["Natalya", "Natalia"],
                "Юлия": ["Yulia", "Julia", "Iuliia"], "Ксения": ["Ksenia", "Xenia", "Kseniia"],
                "Пётр": ["Petr", "Pyotr"], "Фёдор": ["Fedor", "Fyodor"], "Артём": ["Artem", "Artyom"]}  # fmt: skip


def latin(text: str, scheme: str = "common") -> str:
    """Cyrillic as the scheme writes it in Latin letters (a final -ий / -ый as the scheme has them)."""
    letters = {**_BASE, **SCHEMES[scheme]}
    words = []
    for word in text.split(" "):
        lower = word.lower()
        if lower.endswith(("ий", "ый")):
            ending = {"common": "iy", "passport": "ii", "jot": "ij", "short": "y"}[scheme]
            if lower.endswith("ый"):
                ending = {"passport": "yi", "jot": "yj"}.get(scheme, "y")
            body = "".join(letters.get(c, c) for c in lower[:-2]) + ending
        else:
            body = "".join(letters.get(c, c) for c in lower)
        words.append("-".join(part[:1].upper() + part[1:] for part in body.split("-")))
    return " ".join(words)


def plain_e(text: str) -> str:
    """Ё written Е, as most Russian keyboards leave it."""
    return text.replace("ё", "е").replace("Ё", "Е")


def ascii_slug(text: str) -> str:
    return "".join(c for c in latin(text, "short").lower() if c.isalnum())


@dataclass(eq=False)
class Firm:
    name: str  # the brand, in Cyrillic
    form: str
    place: Place
    domain: str
    line: str  # E.164
    street: str
    inn: str
    latin_name: str  # as Pipedrive holds it
    owner: "Person | None" = None  # a sole proprietor's or a family firm's owner
    family: bool = False
    home: bool = False

    def written(self, rng: random.Random) -> str:
        """The company as a Russian-speaking clerk writes it: the legal form in front, the name in quotes."""
        if self.form == "ИП":
            owner = self.owner
            return rng.choice([f"ИП {owner.last} {owner.first} {owner.patronymic}",
                               f"ИП {owner.last} {owner.first[0]}.{owner.patronymic[0]}.", f"ИП {owner.last}"])  # fmt: skip
        return rng.choice([f"{self.form} «{self.name}»", f'{self.form} "{self.name}"', f"{self.name}, {self.form}",
                           f"{self.form} {self.name}", self.name])  # fmt: skip


@dataclass(eq=False)
class Person:
    first: str  # in Russian
    patronymic: str
    last: str
    female: bool
    firm: Firm
    ukrainian: bool = False
    mobile: str = ""
    email: str = ""
    private: str = ""
    scheme: str = "common"
    row: dict | None = None
    held_first: str = ""
    father: str = ""  # the father's first name (the patronymic's source)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.firms: list[Firm] = []
        self.people: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.mailboxes: set[str] = set()
        self.ids: set[str] = set()
        self.inns: set[str] = set()
        self.used: set[int] = set()
        self.name_counts: dict[tuple[str, str], int] = {}
        self.now = datetime(2026, 11, 30, 10, 0)

    # -- numbers ----------------------------------------------------------------------------------------------

    def landline(self, place: Place) -> str:
        code = "+380" if place.country == "UA" else "+7"
        length = 9 if place.country == "UA" else 10
        while True:
            rest = "".join(str(self.rng.randint(0, 9)) for _ in range(length - len(place.area)))
            number = f"{code}{place.area}{rest}"
            if rest[0] in "01" or number in self.numbers:
                continue
            parsed = phonenumbers.parse(number)
            if (
                phonenumbers.is_valid_number(parsed)
                and phonenumbers.region_code_for_number(parsed) == place.country
            ):
                self.numbers.add(number)
                return number

    def new_mobile(self, country: str) -> str:
        return fresh_number(self.rng, country, PhoneNumberType.MOBILE, self.numbers, random_digits=7)

    def written(self, e164: str) -> str:
        """A number as a Russian, Kazakh or Ukrainian clerk writes it."""
        if e164.startswith("+380"):
            national = e164[4:]
            a, b = national[:2], national[2:]
            return self.rng.choice([f"+38 (0{a}) {b[:3]}-{b[3:5]}-{b[5:]}", f"0{a} {b[:3]} {b[3:5]} {b[5:]}",
                                    f"+380{national}", f"+380 {a} {b[:3]} {b[3:]}",
                                    f"(0{a}) {b[:3]}-{b[3:5]}-{b[5:]}"])  # fmt: skip
        national = e164[2:]
        a, b = national[:3], national[3:]
        if national.startswith(("7172", "7212", "7252")):
            a, b = national[:4], national[4:]
            return self.rng.choice([f"8 ({a}) {b[:2]}-{b[2:4]}-{b[4:]}", f"+7 ({a}) {b[:2]}-{b[2:4]}-{b[4:]}",
                                    f"8{national}", f"+7 {a} {b}"])  # fmt: skip
        return self.rng.choice([f"8 ({a}) {b[:3]}-{b[3:5]}-{b[5:]}", f"+7 ({a}) {b[:3]}-{b[3:5]}-{b[5:]}",
                                f"8{national}", f"+7{national}", f"8-{a}-{b[:3]}-{b[3:5]}-{b[5:]}",
                                f"+7 {a} {b[:3]} {b[3:5]} {b[5:]}", f"7{national}"])  # fmt: skip

    def held_number(self, e164: str) -> str:
        """A number as the exporter's reps type it into Pipedrive: international, mostly."""
        parsed = phonenumbers.parse(e164)
        code = f"+{parsed.country_code}"
        return self.rng.choice([e164, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                                f"{code} {e164[len(code):]}"])  # fmt: skip

    # -- firms and people -------------------------------------------------------------------------------------

    def inn(self, sole: bool) -> str:
        return unused_value(
            lambda: "".join(str(self.rng.randint(0, 9)) for _ in range(12 if sole else 10)), self.inns
        )

    def firm(self, place: Place | None = None, *, owner: "Person | None" = None, home: bool = False) -> Firm:
        place = place or self.rng.choice(PLACES)
        taken = {(f.name, f.place.city) for f in self.firms}
        if owner is not None and home:
            form, name = "ИП", owner.last
        else:
            form = self.rng.choice(FORMS[place.country])
            for _ in range(200):
                name = self.rng.choice(BRANDS)
                if owner is not None:
                    name = self.rng.choice([f"{owner.last} и К", f"Торговый дом {owner.last}", f"{owner.last} и сыновья",
                                            f"{owner.last}-{self.rng.choice(['Сервис', 'Техника', 'Снаб'])}"])  # fmt: skip
                elif self.rng.random() < 0.4:
                    name = (
                        f"{name}-{self.rng.choice(['М', 'Центр', 'Сервис', 'Групп', 'Юг', 'Урал', 'Плюс'])}"
                    )
                if (name, place.city) not in taken:
                    break
        slug = ascii_slug(owner.last if owner is not None else name)
        domains = {f.domain for f in self.firms}
        tld = self.rng.choice(TLD[place.country])
        domain = f"{slug}.{tld}"
        while domain in domains:
            domain = f"{slug}{self.rng.choice(['-m', 'group', str(self.rng.randint(2, 99)), place.latin[:3].lower()])}.{tld}"
        latin_form = self.rng.choice(LATIN_FORMS[form])
        brand = latin(plain_e(name), self.rng.choice(["common", "short"]))
        latin_name = self.rng.choice([f"{brand} {latin_form}", f"{latin_form} {brand}", brand])
        street = f"{self.rng.choice(STREETS)}, д. {self.rng.randint(1, 120)}"
        made = Firm(name, form, place, domain, self.landline(place), street, self.inn(form == "ИП"), latin_name,
                    owner, owner is not None and not home, home)  # fmt: skip
        self.firms.append(made)
        return made

    def draw(
        self, female: bool, place: Place, *, first: str = "", last: str = "", father: str = ""
    ) -> Person:
        kazakh = place.country == "KZ" and self.rng.random() < 0.5
        ukrainian = place.country == "UA"
        if not first:
            pool = list(FEMALE) if female else list(MALE)
            first = self.rng.choice([n for n in pool if (n in KAZAKH_GIVEN) == kazakh])
        if not last:
            pair = self.rng.choice(SURNAMES_UA if ukrainian else SURNAMES_KZ if kazakh else SURNAMES_RU)
            last = pair[1] if female else pair[0]
        father = father or self.rng.choice([n for n in MALE if (n in KAZAKH_GIVEN) == kazakh])
        patronymic = MALE[father][1] if female else MALE[father][0]
        person = Person(first, patronymic, last, female, Firm("", "", place, "", "", "", "", ""), ukrainian)
        person.father = father
        person.scheme = self.rng.choice(["common", "common", "passport", "short", "jot"])
        return person

    def person(self, firm: Firm, *, female: bool | None = None, keep: bool = True, **names) -> Person:
        is_female = (self.rng.random() < 0.4) if female is None else female
        for _ in range(100):
            person = self.draw(is_female, firm.place, **names)
            if names or (person.first, person.last) not in COMMON:
                break
        person.firm = firm
        person.mobile = self.new_mobile(firm.place.country)
        person.email = self.work_address(person)
        person.private = self.private_address(person)
        if keep:
            self.people.append(person)
        return person

    def latin_first(self, person: Person) -> str:
        if person.ukrainian and self.ua_form(person):
            return self.ua_form(person)[1]
        if person.first in CONVENTIONAL and self.rng.random() < 0.6:
            return self.rng.choice(CONVENTIONAL[person.first])
        return latin(person.first, person.scheme)

    def latin_last(self, person: Person, scheme: str = "") -> str:
        return latin(person.last, scheme or person.scheme)

    def ua_form(self, person: Person):
        return MALE[person.first][3] if not person.female and person.first in MALE else (
            FEMALE[person.first][1] if person.female and person.first in FEMALE else None)  # fmt: skip

    def work_address(self, person: Person) -> str:
        first, last = ascii_slug(person.first), ascii_slug(person.last)
        pat = ascii_slug(person.patronymic)
        options = [f"{last}", f"{first[0]}.{last}", f"{first}.{last}", f"{last}.{first[0]}{pat[0]}",
                   f"{last}_{first[0]}{pat[0]}", f"{last}{first[0]}"]  # fmt: skip
        for local in self.rng.sample(options, len(options)):
            address = f"{local}@{person.firm.domain}"
            if address not in self.mailboxes:
                self.mailboxes.add(address)
                return address
        return unused_value(
            lambda: f"{first}.{last}{self.rng.randint(2, 99)}@{person.firm.domain}", self.mailboxes
        )

    def private_address(self, person: Person) -> str:
        first, last = ascii_slug(person.first), ascii_slug(person.last)
        domain = self.rng.choice(PRIVATE_MAIL[person.firm.place.country])
        return unused_value(
            lambda: (
                self.rng.choice(
                    [
                        f"{first}.{last}",
                        f"{first[0]}{last}",
                        f"{last}.{first}",
                        f"{last}{self.rng.randint(70, 99)}",
                        f"{first}{self.rng.randint(70, 99)}",
                        f"{first}_{last}{self.rng.randint(1, 9)}",
                    ]
                )
                + f"@{domain}"
            ),
            self.mailboxes,
        )

    def hold(self, person: Person, *, with_patronymic: bool = False) -> dict:
        firm = person.firm
        first = self.latin_first(person)
        if with_patronymic:
            first = f"{first} {latin(plain_e(person.patronymic), person.scheme)}"
        person.held_first = first
        last = self.latin_last(person)
        created = self.now - timedelta(days=self.rng.randint(30, 3000))
        email = person.email if self.rng.random() < 0.85 else ""
        row = {
            CRM_ID: unused_value(lambda: str(self.rng.randint(1000, 99999)), self.ids),
            "Person - Name": f"{first} {last}",
            "Person - First name": first,
            "Person - Last name": last,
            "Person - Phone - Work": "",
            "Person - Phone - Mobile": self.held_number(person.mobile) if self.rng.random() < 0.8 else "",
            "Person - Phone - Home": "",
            "Person - Email - Work": email,
            "Person - Email - Home": person.private if not email or self.rng.random() < 0.1 else "",
            "Organization - Name": firm.latin_name,
            "Organization - INN": firm.inn if self.rng.random() < 0.5 else "",
            "Person - Job title": self.rng.choice(PIPEDRIVE_JOBS),
            "Person - Postal address": "",
            "Person - Postal address - City/town/village/locality": firm.place.latin,
            "Person - Postal address - Country": COUNTRY_LATIN[firm.place.country],
            "Person - Owner": self.rng.choice(OWNERS),
            "Person - Person created": created.strftime("%Y-%m-%d %H:%M:%S"),
        }
        person.row = row
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        patronymic_held = set()
        while len(self.people) < self.target:
            roll = self.rng.random()
            place = self.rng.choice(PLACES)
            if roll < 0.3:  # a family firm (the father owns it) or a sole proprietor working from home
                owner = self.draw(False, place)
                firm = self.firm(place, owner=owner, home=roll < 0.12)
                owner.firm = firm
                owner.mobile = self.new_mobile(place.country)
                owner.email = self.work_address(owner)
                owner.private = self.private_address(owner)
                self.people.append(owner)
                if self.rng.random() < 0.4:  # the rep keeps the patronymic: a son or a namesake may come
                    patronymic_held.add(id(owner))
                continue
            firm = self.firm(place)
            for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6])):
                self.person(firm)
        plain_firms = [f for f in self.firms if not f.family and not f.home]
        for first, last in COMMON:
            firm = self.rng.choice(plain_firms)
            self.person(firm, female=first in FEMALE, first=first, last=last)
        for person in self.people:
            self.hold(person, with_patronymic=id(person) in patronymic_held or self.rng.random() < 0.05)
            key = (plain_e(person.first), plain_e(person.last))
            self.name_counts[key] = self.name_counts.get(key, 0) + 1
        for firm in self.firms:
            holders = [p for p in self.people if p.firm is firm]
            if not holders:
                continue
            holder = holders[0] if firm.owner is not None else self.rng.choice(holders)
            if firm.home:
                holder.row["Person - Phone - Home"] = self.held_number(firm.line)
            elif firm.family or self.rng.random() < 0.6:
                holder.row["Person - Phone - Work"] = self.held_number(firm.line)
            if firm.owner is not None:
                holder.row["Person - Phone - Mobile"] = holder.row[
                    "Person - Phone - Mobile"
                ] or self.held_number(holder.mobile)

    # -- the Bitrix24 export ----------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and p.row and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def common(self, person: Person) -> bool:
        return (person.first, person.last) in COMMON

    def unique(self, person: Person) -> bool:
        return self.name_counts.get((plain_e(person.first), plain_e(person.last)), 0) == 1

    def plain(self, person: Person) -> bool:
        return not self.common(person) and person.firm.owner is None

    def held_email(self, person: Person) -> bool:
        return person.row["Person - Email - Work"] == person.email

    def held_mobile(self, person: Person) -> bool:
        return bool(person.row["Person - Phone - Mobile"])

    def keyed(self, person: Person) -> bool:
        return self.held_email(person) or self.held_mobile(person)

    def held_key(self, person: Person) -> dict:
        if self.held_email(person) and (self.rng.random() < 0.5 or not self.held_mobile(person)):
            return {"Рабочий e-mail": person.email}
        return {"Мобильный телефон": self.written(person.mobile)}

    def cyrillic(self, text: str) -> str:
        return plain_e(text) if self.rng.random() < 0.8 else text

    def name_fields(self, person: Person, *, first: str = "") -> dict:
        first = first or person.first
        if person.ukrainian and self.rng.random() < 0.3 and self.ua_form(person):
            first = self.ua_form(person)[0]
        fields = {
            "Фамилия": self.cyrillic(person.last),
            "Имя": self.cyrillic(first),
            "Отчество": "",
            "ФИО": "",
        }
        if self.rng.random() < 0.7:
            fields["Отчество"] = self.cyrillic(person.patronymic)
        return fields

    def lead(self, category: str, truth: list[str], person: Person, *, names: dict | None = None,
             firm: Firm | None = None, **fields) -> None:  # fmt: skip
        firm = firm or person.firm
        created = self.now - timedelta(days=self.rng.randint(0, 400), minutes=self.rng.randint(0, 900))
        row = {
            "Обращение": ("г-жа" if person.female else "г-н") if self.rng.random() < 0.2 else "",
            **(names or self.name_fields(person)),
            "Компания": firm.written(self.rng) if self.rng.random() < 0.9 else "",
            "ИНН": firm.inn if self.rng.random() < 0.5 else "",
            "Должность": self.rng.choice(JOBS) if self.rng.random() < 0.7 else "",
            "Рабочий телефон": "",
            "Мобильный телефон": "",
            "Домашний телефон": "",
            "Рабочий e-mail": "",
            "Частный e-mail": "",
            "Адрес": firm.street if self.rng.random() < 0.4 else "",
            "Город": firm.place.city,
            "Страна": self.rng.choice(COUNTRY_RU[firm.place.country]) if self.rng.random() < 0.7 else "",
            "Ответственный": self.rng.choice(RESPONSIBLE),
            "Тип контакта": self.rng.choice(TYPES),
            "Дата создания": created.strftime("%d.%m.%Y %H:%M:%S"),
        }
        row.update(fields)
        case = GeneratedCase(category, row, tuple(truth))
        case.external_id = unused_value(lambda: str(self.rng.randint(100_000, 999_999)), self.ids)
        self.cases.append(case)

    # IN

    def email_held(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_email(p) and self.plain(p))
            work = self.written(person.firm.line) if self.rng.random() < 0.3 else ""
            self.lead("email_held", [person.row[CRM_ID]], person,
                      **{"Рабочий телефон": work, "Рабочий e-mail": person.email})  # fmt: skip

    def mobile_held(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            private = (
                person.private
                if self.rng.random() < 0.3 and person.row["Person - Email - Home"] != person.private
                else ""
            )
            self.lead("mobile_held", [person.row[CRM_ID]], person,
                      **{"Мобильный телефон": self.written(person.mobile), "Частный e-mail": private})  # fmt: skip

    def translit_variants(self) -> None:
        hard = ("й", "ю", "я", "щ", "ё", "х", "ий")
        for _ in range(self.per):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p) and not p.ukrainian
                               and any(c in (p.first + p.last).lower() for c in hard))  # fmt: skip
            scheme = self.rng.choice([s for s in SCHEMES if s != "common"])
            first = (
                latin(person.first, scheme)
                if person.first not in CONVENTIONAL
                else self.rng.choice(CONVENTIONAL[person.first])
            )
            last = latin(person.last, scheme)
            person.row.update({"Person - First name": first, "Person - Last name": last,
                               "Person - Name": f"{first} {last}"})  # fmt: skip
            self.lead("translit_variants", [person.row[CRM_ID]], person, **self.held_key(person))

    def ukrainian_forms(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: p.ukrainian and self.keyed(p) and self.plain(p) and self.ua_form(p)
                               and self.ua_form(p)[1] != latin(p.first))  # fmt: skip
            form = self.ua_form(person)
            first = form[1]
            person.row.update(
                {"Person - First name": first, "Person - Name": f"{first} {person.row['Person - Last name']}"}
            )
            names = self.name_fields(person)
            names["Имя"] = self.rng.choice([person.first, person.first, form[0]])
            self.lead("ukrainian_forms", [person.row[CRM_ID]], person, names=names, **self.held_key(person))

    def fio_one_cell(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p))
            fio = self.rng.choice([f"{person.last} {person.first} {person.patronymic}",
                                   f"{person.last} {person.first} {person.patronymic}", f"{person.last} {person.first}"])  # fmt: skip
            names = {"Фамилия": "", "Имя": "", "Отчество": "", "ФИО": self.cyrillic(fio)}
            self.lead("fio_one_cell", [person.row[CRM_ID]], person, names=names, **self.held_key(person))

    def diminutive(self) -> None:
        def short(p: Person) -> list[str]:
            return (
                (FEMALE[p.first][0] if p.female else MALE[p.first][2])
                if p.first in (FEMALE if p.female else MALE)
                else []
            )

        for _ in range(self.per):
            person = self.pick(lambda p: self.keyed(p) and self.plain(p) and short(p) and not p.ukrainian)
            names = self.name_fields(person, first=self.rng.choice(short(person)))
            names["Отчество"] = ""
            self.lead("diminutive", [person.row[CRM_ID]], person, names=names, **self.held_key(person))

    def patronymic_held(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(
                lambda p: " " in p.row["Person - First name"] and self.keyed(p) and not self.common(p)
            )
            names = self.name_fields(person)
            names["Отчество"] = self.cyrillic(person.patronymic)
            fields = self.held_key(person)
            if person.firm.owner is not None and self.rng.random() < 0.5:
                fields["Рабочий телефон"] = self.written(person.firm.line)
            self.lead("patronymic_held", [person.row[CRM_ID]], person, names=names, **fields)

    def job_change(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held_mobile(p) and self.plain(p))
            place = (
                person.firm.place
                if self.rng.random() < 0.6
                else self.rng.choice([p for p in PLACES if p.country == person.firm.place.country])
            )
            firm = self.firm(place)
            moved = Person(person.first, person.patronymic, person.last, person.female, firm)
            self.lead("job_change", [person.row[CRM_ID]], person, firm=firm,
                      **{"Рабочий телефон": self.written(firm.line), "Мобильный телефон": self.written(person.mobile),
                         "Рабочий e-mail": self.work_address(moved)})  # fmt: skip

    def name_company_city(self) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.unique(p) and self.plain(p))
            self.lead("name_company_city", [person.row[CRM_ID]], person)

    # OUT

    def father_son(self) -> None:
        for _ in range(self.per):
            father = self.pick(lambda p: p.firm.family and p.firm.owner is p)
            same_name = " " in father.held_first and self.rng.random() < 0.5
            first = (
                father.first
                if same_name
                else self.rng.choice([n for n in MALE if n != father.first and n not in KAZAKH_GIVEN])
            )
            son = self.person(
                father.firm, female=False, keep=False, first=first, last=father.last, father=father.first
            )
            names = self.name_fields(son)
            names["Отчество"] = self.cyrillic(
                son.patronymic
            )  # a son at his father's firm is told apart by it
            if self.rng.random() < 0.3:
                names = {"Фамилия": "", "Имя": "", "Отчество": "",
                         "ФИО": self.cyrillic(f"{son.last} {son.first} {son.patronymic}")}  # fmt: skip
            own = self.rng.choice(["mobile", "email", "both"])
            fields = {"Рабочий телефон": self.written(father.firm.line), "ИНН": father.firm.inn}
            if own in ("mobile", "both"):
                fields["Мобильный телефон"] = self.written(son.mobile)
            if own in ("email", "both"):
                fields["Рабочий e-mail"] = son.email
            self.lead("father_son", [], son, **fields, names=names)

    def husband_wife(self) -> None:
        for _ in range(self.per):
            husband = self.pick(lambda p: p.firm.owner is p)
            pair = next(
                (s for s in SURNAMES_RU + SURNAMES_UA + SURNAMES_KZ if s[0] == husband.last),
                (husband.last,) * 2,
            )
            wife = self.person(husband.firm, female=True, keep=False, last=pair[1])
            fields = {
                ("Домашний телефон" if husband.firm.home else "Рабочий телефон"): self.written(
                    husband.firm.line
                )
            }
            roll = self.rng.random()
            if roll < 0.4:
                fields["Мобильный телефон"] = self.written(wife.mobile)
            elif roll < 0.7:
                fields["Частный e-mail"] = wife.private
            self.lead("husband_wife", [], wife, **fields)

    def namesake_common(self) -> None:
        held = [p for p in self.people if self.common(p)]
        for _ in range(self.per // 2):
            namesake = self.rng.choice(held)
            firm = self.rng.choice([f for f in self.firms if f is not namesake.firm and f.owner is None])
            person = self.person(
                firm, female=namesake.female, keep=False, first=namesake.first, last=namesake.last
            )
            self.lead("namesake_common", [], person, **{"Мобильный телефон": self.written(person.mobile),
                      "Рабочий e-mail": person.email if self.rng.random() < 0.7 else ""})  # fmt: skip

    def colleague_firm_line(self) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: self.plain(p) and p.row["Person - Phone - Work"])
            person = self.person(holder.firm, keep=False)
            self.lead("colleague_firm_line", [], person, **{"Рабочий телефон": self.written(holder.firm.line),
                      "ИНН": holder.firm.inn, "Рабочий e-mail": person.email if self.rng.random() < 0.5 else ""})  # fmt: skip

    def not_in_crm(self) -> None:
        for _ in range(self.per * 2):
            firm = (
                self.firm()
                if self.rng.random() < 0.6
                else self.rng.choice([f for f in self.firms if f.owner is None])
            )
            person = self.person(firm, keep=False)
            fields = {"Мобильный телефон": self.written(person.mobile)} if self.rng.random() < 0.6 else {}
            mail = "Рабочий e-mail" if self.rng.random() < 0.6 else "Частный e-mail"
            self.lead("not_in_crm", [], person, **fields,
                      **{mail: person.email if mail == "Рабочий e-mail" else person.private})  # fmt: skip

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.father_son, self.husband_wife, self.namesake_common, self.colleague_firm_line,
            self.patronymic_held, self.email_held, self.mobile_held, self.translit_variants, self.ukrainian_forms,
            self.fio_one_cell, self.diminutive, self.job_change, self.name_company_city, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads Pipedrive's first and last names and Bitrix24's (the whole name's second and first words where only
# "ФИО" is given), transliterated by DuckDB's strip_accents after a Cyrillic-to-Latin table, the email, the last
# nine digits of the mobile (else the work or home phone), the company and the city.
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяії"
_LATIN = "abvgdeejziiklmnoprstufhccss_y_eyyii"
_CRM_PHONE = """coalesce(nullif("Person - Phone - Mobile", ''), nullif("Person - Phone - Work", ''),
                         "Person - Phone - Home", '')"""


def _latin_sql(column: str) -> str:
    return f"nullif(replace(translate(lower(trim({column})), '{_CYRILLIC}', '{_LATIN}'), '_', ''), '')"


_INBOUND_FIRST = _latin_sql("""coalesce(nullif("Имя", ''), split_part("ФИО", ' ', 2))""")
_INBOUND_LAST = _latin_sql("""coalesce(nullif("Фамилия", ''), split_part("ФИО", ' ', 1))""")
_INBOUND_COMPANY = _latin_sql('"Компания"')
_INBOUND_CITY = _latin_sql('"Город"')

PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(split_part(trim("Person - First name"), ' ', 1)), '') AS first_name,
               nullif(lower(trim("Person - Last name")), '') AS last_name,
               nullif(lower(trim(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"))), '')
                   AS email,
               nullif(right(regexp_replace({_CRM_PHONE}, '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}("Organization - Name") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("Person - Postal address - City/town/village/locality")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               {_INBOUND_FIRST} AS first_name,
               {_INBOUND_LAST} AS last_name,
               nullif(lower(trim(coalesce(nullif("Рабочий e-mail", ''), "Частный e-mail"))), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("Мобильный телефон", ''), nullif("Рабочий телефон", ''),
                                                    "Домашний телефон", ''), '[^0-9]', '', 'g'), 9), '') AS phone,
               {{company}}({_INBOUND_COMPANY}) AS company,
               CAST(NULL AS VARCHAR) AS zip,
               {_INBOUND_CITY} AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="pipedrive",
        inbound_file="bitrix24_contacts",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "pipedrive",
            "--object",
            "persons",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Pipedrive persons (an exporter in Russia, Kazakhstan and Ukraine) <- a Bitrix24 contacts export",
    )
]


if __name__ == "__main__":
    run_generated("identity55", SUITES, seed=551, people=2400, orgs=0, per_category=40)
