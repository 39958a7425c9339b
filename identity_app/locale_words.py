"""Words of other languages than English that say what a mailbox is.

A department's mailbox (einkauf@, achats@, compras@, inkoop@) passes from one holder of the role to the next,
and a family's (familie.schulz@) is written by each of its members: neither names one person, so neither is
a key. English role words are `normalise_emails.ROLE_LOCAL_PARTS`.
"""

import re

DEPARTMENT_LOCAL_PARTS = frozenset(
    {
        # German
        "einkauf",
        "vertrieb",
        "verkauf",
        "buchhaltung",
        "rechnungen",
        "rechnung",
        "personal",
        "personalabteilung",
        "verwaltung",
        "kundenservice",
        "kundendienst",
        "empfang",
        "zentrale",
        "kontakt",
        "anfrage",
        "anfragen",
        "bestellung",
        "bestellungen",
        "buero",
        "sekretariat",
        "geschaeftsfuehrung",
        "vorstand",
        "presse",
        "bewerbung",
        # French
        "achats",
        "commercial",
        "comptabilite",
        "compta",
        "direction",
        "accueil",
        "secretariat",
        "ventes",
        "facturation",
        "recrutement",
        # Spanish and Portuguese
        "compras",
        "ventas",
        "vendas",
        "contabilidad",
        "contabilidade",
        "administracion",
        "administracao",
        "recepcion",
        "informacion",
        "atencionalcliente",
        "facturacion",
        "comercial",
        "contacto",
        "contato",
        # Brazilian firms' desks (a small firm's one mailbox is often its finance or service desk's)
        "financeiro",
        "atendimento",
        "faturamento",
        "suporte",
        "administrativo",
        "diretoria",
        "recepcao",
        "orcamento",
        "orcamentos",
        "cobranca",
        "pedidos",
        "cadastro",
        "secretaria",
        "suprimentos",
        "logistica",
        "juridico",
        # Dutch
        "inkoop",
        "verkoop",
        "administratie",
        "receptie",
        "klantenservice",
        "boekhouding",
        # Italian
        "acquisti",
        "vendite",
        "amministrazione",
        "contabilita",
        "segreteria",
        "ufficio",
        # Japanese and Chinese, romanised (sales, general affairs, accounting, HR; procurement, sales,
        # finance, HR, customer service)
        "eigyo",
        "soumu",
        "somu",
        "keiri",
        "jinji",
        "caigou",
        "xiaoshou",
        "caiwu",
        "renshi",
        "kefu",
    }
)
# Desks whose short names are also initials ("ap.nguyen@"): role mailboxes only as the whole local part.
WHOLE_LOCAL_PARTS = frozenset(
    {
        "ap",
        "ar",
        "ap.ar",
        "payables.ap",
        "adm",  # Portuguese "administração"
        "sac",  # Brazil's "serviço de atendimento ao consumidor", a customer service desk by law
        "rh",  # "recursos humanos"
    }
)
# A household's mailbox has the word for family in it: familie.schulz@, family.smith@, garciafamily75@.
FAMILY_PREFIXES = ("familie", "family", "famille", "familia", "famiglia", "familj", "famil")
_LOCAL_WORD_BREAKS = re.compile(r"[._\-0-9]+")


def is_shared_local_part(local: str) -> bool:
    """A department's or a family's mailbox, by its local part (lower case, before any "+tag")."""
    head = local.split("+", 1)[0]
    first_word = head.replace("-", ".").replace("_", ".").split(".")[0]
    return head in WHOLE_LOCAL_PARTS or first_word in DEPARTMENT_LOCAL_PARTS or is_family_local_part(head)


# Words after a surname that name a household's mailbox: smithhome@, smith.household22@, thesmithshome@.
HOUSEHOLD_WORDS = ("household", "home")
_NOT_LETTERS = re.compile(r"[^a-z]+")


def is_household_local_part(local: str) -> bool:
    """A household's mailbox by its local part (lower case): a name with the word for the household after it
    (smithhome@, smith.household22@). Many families hold one so named at their own providers."""
    letters = _NOT_LETTERS.sub("", local.split("+", 1)[0])
    return any(letters.endswith(word) and len(letters) - len(word) >= 3 for word in HOUSEHOLD_WORDS)


def is_family_local_part(local: str) -> bool:
    """A family's mailbox by its local part (lower case): the word for family anywhere in it."""
    head = local.split("+", 1)[0]
    # schulz.familie@, costa.family48@, family.smith@, and run together (garciafamily75@; Gmail's
    # "mulder.familie" is compared without its dots, as "mulderfamilie"). "famil" alone only where a word
    # starts: jfamilton@ is J. Familton's. Every prefix starts "fam": most mailboxes hold no "fam" at all and
    # need no split into words.
    return "fam" in head and (
        any(word in head for word in FAMILY_PREFIXES if word != "famil")
        or any(word.startswith("famil") for word in _LOCAL_WORD_BREAKS.split(head))
    )


# Endings that make a woman's name of a man's (Simon/Simone, Daniel/Daniela, Jan/Jana, Christian/Christiane,
# Michel/Michele, Gabriel/Gabrielle, Joseph/Josephine, Stefan/Stefanie, Jan/Janina, Paul/Paulina), and endings
# swapped for one (Antonio/Antonia, Julius/Julia, Andreas/Andrea, Alexander/Alexandra, Peter/Petra,
# Christian/Christina).
_FEMININE_ADDED = ("a", "e", "ne", "na", "le", "ine", "ette", "ie", "ina")
_ENDINGS_SWAPPED = (
    ("o", "a"),
    ("us", "a"),
    ("o", "e"),
    ("as", "a"),
    ("os", "a"),
    ("er", "ra"),
    ("ian", "ina"),
    ("l", "ela"),  # Czech and Slovak Michal/Michaela, Polish Rafał/Rafaela
)


def gendered_pair(left: str, right: str) -> bool:
    """Two given names of a family of names, one a man's and one a woman's: two people, not a typo, though
    only an ending apart. Normalised single words."""
    if left[:3] != right[:3]:
        return False  # both forms below share their first three letters (a stem of three or more)
    for short, long in ((left, right), (right, left)):
        if len(short) >= 3 and long.startswith(short) and long[len(short) :] in _FEMININE_ADDED:
            return True
    for masculine, feminine in _ENDINGS_SWAPPED:
        for one, other in ((left, right), (right, left)):
            stem = one[: -len(masculine)]
            if len(stem) >= 3 and one.endswith(masculine) and other == stem + feminine:
                return True
    return False


# Where a language gives a family name a man's and a woman's form: the man's ending and the woman's (Polish
# Kowalski/Kowalska, Nowicki/Nowicka; Czech and Slovak Novotný/Novotná; Russian and Bulgarian written in Latin
# letters Ivanov/Ivanova, Pushkin/Pushkina, Tolstoy/Tolstaya; Greek Papadopoulos/Papadopoulou; Lithuanian
# Kazlauskas/Kazlauskienė, a wife's, and Kazlauskaitė, a daughter's).
_SURNAME_ENDINGS_BY_SEX = (
    ("ski", "ska"),
    ("cki", "cka"),
    ("dzki", "dzka"),
    ("y", "a"),
    ("sky", "skaya"),
    ("skiy", "skaya"),
    ("skii", "skaya"),
    ("skij", "skaja"),
    ("oy", "aya"),
    ("ov", "ova"),
    ("ev", "eva"),
    ("in", "ina"),
    ("yn", "yna"),
    ("os", "ou"),
    ("is", "i"),
    ("as", "iene"),
    ("is", "iene"),
    ("ys", "iene"),
    ("us", "iene"),
    ("as", "aite"),
    ("is", "yte"),
    ("ys", "yte"),
    ("us", "ute"),
)
_CZECH_FEMININE = "ova"  # Novák/Nováková, Svoboda/Svobodová, Němec/Němcová, Hájek/Hájková


def surnames_of_two_sexes(left: str, right: str) -> bool:
    """Whether two normalised one-word surnames are one family name in its man's and its woman's form
    (`_SURNAME_ENDINGS_BY_SEX`; Czech and Slovak add "-ová" to the man's name, dropping its last vowel or the
    "e" before its last letter): Jan Kowalski and Janina Kowalska, Michal Pokorný and Michaela Pokorná are a
    husband and wife or a brother and sister, not one person with a typo in the surname."""
    if left == right or " " in left + right or left[:3] != right[:3]:
        return False
    for man, woman in ((left, right), (right, left)):
        for masculine, feminine in _SURNAME_ENDINGS_BY_SEX:
            stem = man[: -len(masculine)]
            if len(stem) >= 3 and man.endswith(masculine) and woman == stem + feminine:
                return True
        if woman.endswith(_CZECH_FEMININE) and len(woman) > len(man):
            base = woman[: -len(_CZECH_FEMININE)]
            if man == base or (man[-1] in "aeo" and man[:-1] == base):
                return True
            if len(base) >= 3 and man == base[:-1] + "e" + base[-1]:
                return True
    return False


def reordered_names(left: str, right: str) -> bool:
    """The same words in another order: José María and María José are two people's given names (and
    García López and López García two families' surnames)."""
    lefts, rights = left.split(), right.split()
    return len(lefts) > 1 and lefts != rights and sorted(lefts) == sorted(rights)


# Words after a name that tell a father from his son of the same name (normalised: no dots, no accents).
_GENERATIONS = {
    # Not German "jun."/"sen.": Jun and Sen are given names and surnames too (Zhang Xiao Jun, Amartya Sen).
    # Spanish "hijo" after a Mexican or Colombian son's name ("Jesús Vázquez Herrera hijo"), as Portuguese "Filho"
    **dict.fromkeys(("jr", "junior", "filho", "fils", "hijo", "ii"), "junior"),
    **dict.fromkeys(("sr", "senior", "pere"), "senior"),
    **dict.fromkeys(("neto", "iii"), "third"),
    # Portuguese: a nephew named after his uncle (Rui Barbosa Sobrinho), another man of the very same name
    "sobrinho": "nephew",
}


def generation(name: str) -> str:
    """ "junior", "senior", "third", "nephew" when a normalised name ends with such a word (Miller Jr., Silva
    Filho, Dupont père, Alves Sobrinho), else ""."""
    words = name.split()
    return _GENERATIONS.get(words[-1], "") if len(words) > 1 else ""


def generations_differ(left: str, right: str) -> bool:
    """Two normalised surnames (or full names) of which one marks a generation the other does not, or another
    one: Robert Miller Jr. is not shown to be Robert Miller, nor Robert Miller Sr."""
    return generation(left) != generation(right)


# A syllable of Hanyu Pinyin (an initial, a final), and one of the Revised Romanisation of Korean (an
# initial, a vowel, an ending), roughly. Chinese given names are written joined ("xiaoming"), Korean ones
# with a hyphen or a space between their syllables ("seo-jun", "hyun woo"); Western names rarely read as
# either (daniel, michael, kevin, christina do not).
_PINYIN = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u)"
)
_KOREAN = (
    r"(?:kk|tt|pp|ss|jj|ch|[gndrlmbsjkthpyw])?"
    r"(?:yae|yeo|wae|ae|eo|eu|oo|ee|ya|ye|yo|yu|wa|wo|we|wi|oe|ui|a|e|o|u|i)"
    r"(?:ng|[kntlmp])?"
)
_PINYIN_NAME = re.compile(rf"(?:{_PINYIN}){{2,3}}")
_KOREAN_SYLLABLES = re.compile(rf"(?:{_KOREAN}|{_PINYIN})(?:[ -](?:{_KOREAN}|{_PINYIN}))+")


def romanised_syllables(name: str) -> bool:
    """Whether a normalised given name reads as romanised Chinese or Korean syllables: two or three Pinyin
    syllables written joined, or syllables written apart. In such a name a changed letter is another
    syllable, another character: Xiaoming and Xiaoling, Seo-jun and Seo-jin, Jianhua and Jianhui are two
    names, not one name and a typo."""
    return bool(_PINYIN_NAME.fullmatch(name) or _KOREAN_SYLLABLES.fullmatch(name))


# Family names romanised in older or family spellings that the syllable patterns do not cover.
_SURNAME_SPELLINGS = frozenset(
    {"park", "choi", "lee", "lim", "yi", "rhee", "chung", "shin", "ahn", "oh", "yoo", "woo"}
)
_ONE_SYLLABLE = re.compile(rf"{_KOREAN}|{_PINYIN}")
_TWO_SYLLABLES = re.compile(rf"({_KOREAN}|{_PINYIN})[ -]?({_KOREAN}|{_PINYIN})")


def syllable_initials(given: str) -> str:
    """The initials of a normalised given name of two romanised Korean or Chinese syllables, joined or apart
    ("yeonghui", "young hee" -> "yh"; "xiaoming" -> "xm"), as a mailbox abbreviates it (yh.kim@); else ""."""
    match = _TWO_SYLLABLES.fullmatch(given)
    return match.group(1)[0] + match.group(2)[0] if match else ""


def one_syllable_surname(name: str) -> bool:
    """Whether a normalised family name is one romanised Chinese or Korean syllable (Wang, Chen, Kim, Park)."""
    return name in _SURNAME_SPELLINGS or bool(_ONE_SYLLABLE.fullmatch(name))
