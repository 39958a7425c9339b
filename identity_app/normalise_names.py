"""People's names: titles, suffixes, credentials and pronouns read off, a display name ("Doe, Jane",
"Jane Doe <jane@acme.com>") split, nicknames and diminutives (the `nicknames` package, supplemented), particles
and romanisations, and how alike two names are: typos, initials, swapped or split names, dropped surnames.
"""

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from nicknames import NickNamer
from rapidfuzz.distance import OSA, DamerauLevenshtein, JaroWinkler, Levenshtein, Prefix

from identity_app.locale_words import (
    gendered_pair,
    reordered_names,
    surnames_of_two_sexes,
)
from identity_app.nickname_supplement import (
    DIMINUTIVES,
    EAST_SLAVIC_DIMINUTIVES,
    EAST_SLAVIC_FORMS,
    ROMANISATIONS,
)
from identity_app.normalise_text import (
    EMAIL_SHAPE,
    TEXT_CACHE_SIZE,
    as_text,
    cached_for_text,
    is_latin_letter,
    romanised,
    words_of,
)

# Forms of address and degrees written into a name, as normalised ("Dott.ssa" is "dott ssa", "inż." "inz"):
# English, German (Herr, Frau, Dipl.-Ing., Dipl.-Kfm./-Kffr.), French (Mme, Mlle), Italian (Dott., Ing., Avv.),
# Spanish (Dña., Dra., Sra.), Polish (inż., mgr), Dutch (drs.), Nigerian "Engr." and a trailing PhD.
NAME_TITLES = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx", "phd"),
        *(
            "herr",
            "frau",
            "dipl",
            "ing",
            "mme",
            "mlle",
            "pr",
            "dott",
            "ssa",
            "avv",
            "dna",
            "dra",
            "sra",
            "inz",
            "mgr",
            "kfm",
            "kffr",
            "drs",
            "engr",
        ),
        # Malaysian and Indonesian forms of address and honours (Encik, Puan, Datuk, Dato', Datin, Hajah,
        # Bapak, Ibu, Singapore's Mdm): never names
        *("encik", "puan", "datuk", "dato", "datin", "hajah", "hjh", "bapak", "bpk", "ibu", "mdm"),
    }
)


# Forms of address that are also a name, an initial or a generation elsewhere ("Sr." ends "Robert Smith Sr.",
# "M." is an initial, "Pan" a surname): only in front of a name of two words or more. Spanish (Sr., Srta.,
# Lic.), Danish and Norwegian (Hr., Fru), Polish (Pan, Pani), Italian (Sig.), Dutch (Dhr., Mevr., Ir.), French
# (M.), Austrian (Mag.), Arabic "Eng." (Eng is also a surname), Indian "Er." (engineer), "CA" (chartered
# accountant) and "Adv." (advocate), Nigerian "Chief", "Alhaji"/"Alhaja" and "Barr." (barrister).
LEADING_NAME_TITLES = frozenset(
    {
        *("sr", "srta", "lic", "licda", "hr", "fru", "pan", "pani", "sig", "dhr", "mevr", "m", "ir", "mag"),
        *("eng", "er", "ca", "adv", "chief", "alhaji", "alhaja", "barr"),
        # Malay and Indonesian ones that are also a name or an initial elsewhere: En., Pn., Cik, Haji / Hj., Pak,
        # Bu ("Bu" and "Pak" are Chinese and Korean family names too)
        *("en", "pn", "cik", "haji", "hj", "pak", "bu"),
    }
)


# Malaysian honours of two words, the second "Sri" or "Seri" (Tan Sri, Puan Sri, Dato' Sri, Datuk Seri, Datin
# Sri): read off before a name, "Tan Sri" before two words at least ("Tan" is a family name, Sri a given name).
_MALAYSIAN_HONOUR = re.compile(
    r"^\s*(?:(?:puan|dato'?|datuk|datin)\s+s(?:e)?ri\s+(?=\S)|tan\s+s(?:e)?ri\s+(?=\S+\s+\S))", re.IGNORECASE
)


# "H.E." (His or Her Excellency) and "H.H." (Highness) in front of a Gulf dignitary's name: as letters they are
# initials, so only the dotted form ahead of a name of two words or more is read as the title.
_DIGNITARY_TITLE = re.compile(r"^\s*H\.\s?[EH]\.\s+(?=\S+\s+\S)", re.IGNORECASE)


# A German, Austrian or Swiss doctorate names its faculty after "Dr.", in lower case with a dot ("Dr. med.",
# "Dr. rer. nat.", "Dr. phil.", "Dr. med. dent.", "Dr. h.c.", "Dr.-Ing. habil."): part of the title, never a
# given name. Only that written form is read so: "Dr. Phil Jones" keeps his given name.
_DOCTORATE_FACULTY = re.compile(
    r"\bDr\.(?:-Ing\.)?(?:\s*(?:med|dent|vet|univ|rer|nat|pol|oec|soc|phil|jur|iur|theol|habil|sc|techn|pharm|"
    r"paed|agr|troph|medic)\.|\s*h\.\s?c\.)+"
)


# Austria's "DI" (Diplomingenieur) in front of a name: read as the title only in capitals before a capitalised
# word ("DI Susanne Brunner"), never "Di" the particle or surname ("Di Stefano", "DI STEFANO MARCO").
_AUSTRIAN_ENGINEER = re.compile(r"^\s*DI\s+(?=[A-Z][a-z])")


# German "jun." and "sen." after a name tell a son from his father as "Jr." and "Sr." do. Read only as written,
# in lower case with the dot and last (bracketed or not): "Jun" and "Sen" are given names and surnames too
# (Zhang Xiao Jun, Amartya Sen).
_GERMAN_GENERATION = re.compile(r"(?<=\S)\s+\(?(jun|sen)\.\)?\s*$")


_GENERATION_WORDS = {"jun": " junior", "sen": " senior"}


_ADDRESS_IN_TEXT = re.compile(r"<?(?:mailto:)?[^@\s<>]+@[^@\s<>]+>?")  # "Jane Doe <jane@acme.com>"


# Given names Spanish writes short with a dot (or María's superscript a): "Ma. Fernanda", "Mª José", "Fdo.",
# "Fco. Javier", "Ma. Gpe.". Read only so written: "Ma" alone is a Chinese name.
_SPANISH_ABBREVIATED_NAME = re.compile(r"(?<!\S)(Mª\.?|(?:Ma|Fdo|Fco|Gpe)\.)(?=\s|$)", re.IGNORECASE)
_SPANISH_ABBREVIATIONS = {
    "ma": "Maria",
    "mª": "Maria",
    "fdo": "Fernando",
    "fco": "Francisco",
    "gpe": "Guadalupe",
}


@cached_for_text
def name(value) -> str:
    """Person name: lower case, no accents, no punctuation, no titles, single spaces. An email address
    typed into a name field is no name ("" rather than the words of the address)."""
    if "@" in str(value) and EMAIL_SHAPE.match(as_text(value)):
        return ""
    if (
        type(value) is str
        and not value.isascii()
        and (spelling := _KOREAN_FAMILY_SPELLINGS.get(value.strip()))
    ):
        return spelling  # a Korean family name alone in Hangul, as its bearers spell it ("김" is Kim)
    if type(value) is str and ("." in value or "ª" in value):
        value = _SPANISH_ABBREVIATED_NAME.sub(
            lambda match: _SPANISH_ABBREVIATIONS[match.group(1).rstrip(".").lower()], value
        )
    text = _ADDRESS_IN_TEXT.sub(" ", romanised(value)) if "@" in str(value) else romanised(value)
    text = _MALAYSIAN_HONOUR.sub("", _DIGNITARY_TITLE.sub("", text))
    text = _AUSTRIAN_ENGINEER.sub("", _DOCTORATE_FACULTY.sub(" Dr. ", text))
    text = _GERMAN_GENERATION.sub(lambda match: _GENERATION_WORDS[match.group(1)], text)
    words = [word for word in words_of(text) if word not in NAME_TITLES]
    # "M." is Monsieur before a name, but the first of a run of initials ("M.E. de Boer") before another one
    while len(words) > 2 and words[0] in LEADING_NAME_TITLES and not (len(words[0]) == len(words[1]) == 1):
        words = words[1:]
    return " ".join(words)


# Hungarian names are written family name first ("Nagy István"). A married woman may write her husband's surname
# with -né before her own ("Kovácsné Tóth Anna": Anna Tóth, Mrs Kovács), and a father and son of one name "id."
# and "ifj." (the elder, the younger) before it, where other languages write Sr. and Jr. after it.
_HUNGARIAN_GENERATIONS = {"ifj": "junior", "ifjabb": "junior", "id": "senior", "idosebb": "senior"}
_HUSBANDS_SURNAME = re.compile(r"^(\w{2,})né$|^(\w{4,})ne$", re.IGNORECASE)  # "ne" as typed without accents


def married_surname(value) -> bool:
    """Whether a name field holds a Hungarian married woman's surname: her husband's with -né, then her own."""
    words = as_text(value).split()
    return len(words) >= 2 and bool(_HUSBANDS_SURNAME.match(words[0]))


def hungarian_surname(value) -> str:
    """A surname as a Hungarian record writes it, normalised, a husband's surname with -né before the woman's
    own taken as his surname ("Kovácsné Tóth" is "kovacs toth": both names she is known by). "" for no text."""
    words = as_text(value).split()
    if len(words) >= 2 and (husband := _HUSBANDS_SURNAME.match(words[0])):
        words[0] = husband.group(1) or husband.group(2)
    return name(" ".join(words))


def hungarian_name_parts(value) -> tuple[str, str] | None:
    """(given name, surname) of a whole name written in Hungarian order, normalised: the first word the
    surname, or the first two where the first is a husband's surname with -né ("Kovácsné Tóth Anna"), the rest
    the given names; titles left out and "ifj."/"id." kept as the surname's generation ("ifj. Szabó László" is
    László Szabó Jr.). None where fewer than two name words remain."""
    words = display_name(value).split()
    generation = ""
    while words and (not name(words[0]) or name(words[0]) in _HUNGARIAN_GENERATIONS):
        generation = _HUNGARIAN_GENERATIONS.get(name(words[0]), generation)
        words = words[1:]
    if len(words) < 2:
        return None
    family = 2 if len(words) >= 3 and _HUSBANDS_SURNAME.match(words[0]) else 1
    surname, given = hungarian_surname(" ".join(words[:family])), name(" ".join(words[family:]))
    if not (surname and given):
        return None
    return given, f"{surname} {generation}".strip()


# A display name as people write it on a social profile or a sign-up form carries more than the name: pronouns
# in brackets ("(she/her)"), emojis, post-nominal credentials after a comma ("Jane Doe, MBA, CPA"), a nickname
# in quotes ('Robert "Bob" Smith') and the name again in another script ("Wei Wang (王伟)"). None of it is the
# given name or the surname.
_PRONOUNS = frozenset(
    {
        "she",
        "her",
        "hers",
        "he",
        "him",
        "his",
        "they",
        "them",
        "theirs",
        "ze",
        "zir",
        "xe",
        "xem",
        "any",
        "all",
    }
)


_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")


_QUOTED_NICKNAME = re.compile(r"(?<=\S)\s+[\"\u201c\u201d][^\"\u201c\u201d]+[\"\u201c\u201d](?=\s+\S)")


# A credential as it is written after a name: capitals, maybe a hyphen or dots ("MBA", "SHRM-CP", "Ph.D.",
# "PhD"), never a roman numeral ("III" is a generation, which tells a father from his son).
_CREDENTIAL = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.\-]{1,9}$")


_ROMAN = re.compile(r"^[IVX]+\.?$")


def _is_symbol(char: str) -> bool:
    """An emoji, a pictograph or what joins and varies them (a zero-width joiner, a variation selector)."""
    return unicodedata.category(char) in ("So", "Sk", "Cf", "Cs") or "\ufe00" <= char <= "\ufe0f"


def _latin_words(text: str) -> list[str]:
    return [
        word
        for word in text.split()
        if any(c.isalpha() for c in word) and all(is_latin_letter(c) for c in word if c.isalpha())
    ]


def display_name(value) -> str:
    """A full name as a profile or a form displays it, with what is not the name left out (see above):
    "🚀 Jane Doe (she/her)", "Jane Doe, MBA, CPA" and 'Jane "JD" Doe' are "Jane Doe"; "Wei Wang (王伟)" and
    "王伟 Wei Wang" are "Wei Wang". A name of one script only, and any other bracket, stay as written."""
    text = as_text(value)
    if not text:
        return ""
    if not text.isascii():
        text = "".join(" " if _is_symbol(char) else char for char in text)
    latin = len(_latin_words(text)) >= 2

    def bracketed(match) -> str:
        inside = match.group(1)
        words = words_of(inside)
        if words and all(word in _PRONOUNS or word == "pronouns" for word in words):
            return " "
        if latin and inside.strip() and not _latin_words(inside):
            return " "  # the name again in another script
        return match.group(0)

    text = _BRACKETED.sub(bracketed, text)
    text = _QUOTED_NICKNAME.sub(" ", text)
    head, comma, tail = text.partition(",")
    tokens = [token for token in re.split(r"[,\s]+", tail) if token]
    if (
        comma
        and tokens
        and len(head.split()) >= 2
        and not head.isupper()
        and all(_CREDENTIAL.match(token) and not _ROMAN.match(token) for token in tokens)
    ):
        text = head
    if latin and not text.isascii():
        kept = _latin_words(text)
        if len(kept) >= 2:
            text = " ".join(
                word for word in text.split() if word in kept or not any(c.isalpha() for c in word)
            )
    return " ".join(text.split())


# -- how alike two names are ------------------------------------------------------------------------------

# What a nickname, an initial or a part of a name counts as, on the 0-1 similarity scale of Jaro-Winkler.
EQUIVALENT_SIMILARITY = 0.95


INITIAL_SIMILARITY = 0.9


def _nicknamer() -> NickNamer:
    """The `nicknames` package's table with `nickname_supplement`'s diminutives added (the package's own
    way to extend it: a lookup table given to `NickNamer`)."""
    lookup = NickNamer.default_lookup()
    for full, diminutive in (*DIMINUTIVES, *EAST_SLAVIC_DIMINUTIVES):
        lookup.setdefault(full, set()).add(diminutive)
    return NickNamer(nickname_lookup=lookup)


_NICKNAMER = _nicknamer()
_LISTED_DIMINUTIVES = frozenset(DIMINUTIVES)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def name_forms(word: str) -> frozenset[str]:
    """The word with its nicknames and the names it is a nickname of ("bob": robert, bobby, ...), from the
    `nicknames` package's lists."""
    return frozenset({word, *_NICKNAMER.nicknames_of(word), *_NICKNAMER.canonicals_of(word)})


def name_canonicals(word: str) -> list[str]:
    """The word and the full names it may stand for: "bob" -> bob, robert, ... (blocking keys that let a
    nickname meet its full name)."""
    return sorted({word, *_NICKNAMER.canonicals_of(word)}) if word else []


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _canonicals(word: str) -> frozenset[str]:
    return frozenset(_NICKNAMER.canonicals_of(word))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _nicknames(word: str) -> frozenset[str]:
    return frozenset(_NICKNAMER.nicknames_of(word))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _is_full_name(word: str) -> bool:
    """A name with a shorter nickname of its own ("alexander": alex), not itself a nickname only."""
    return any(len(nickname) < len(word) for nickname in _NICKNAMER.nicknames_of(word))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def is_known_given_name(word: str) -> bool:
    """Whether the `nicknames` package lists the word as a given name or a nickname of one."""
    return bool(_NICKNAMER.nicknames_of(word) or _NICKNAMER.canonicals_of(word))


# How names with umlauts and Nordic letters are spelled in ASCII (Müller as Mueller, Søren as Soeren, Åse as
# Aase): folded to the base letter, which is how `name` writes the letter itself (muller, soren, ase).
_ASCII_SPELLINGS = re.compile(r"ae|oe|ue|aa")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def spelling_folded(name: str) -> str:
    """A normalised name with ae/oe/ue/aa written as a/o/u/a: "guenther mueller" and "günther müller"
    (normalised "gunther muller") agree; and Dutch "ij", one letter (IJ), written "y" as other languages and
    old spellings write it (Dijkstra/Dykstra, Meijer/Meyer, van Dijk/van Dyk). Also folds names that merely
    contain the pairs (michael, manuel), so two names that agree only when folded are equivalent, not the same
    (`names_equivalent`). Remembered: each name is folded for every pair and block key it is in."""
    if not name:
        return name
    return _ASCII_SPELLINGS.sub(lambda match: match.group()[0], name.replace("ij", "y"))


# Spellings of one Cyrillic (or Greek) name in Latin letters that are more than a slip apart: "кс" written
# "x" or "ks" (Alexei/Aleksei, Maxim/Maksim), a final "ий" written "y", "ii" or "iy" (Dmitry/Dmitrii), a
# final "ей" written "ey" or "ei" (Alexey/Aleksei, Sergey/Sergei).
_TRANSLITERATIONS = ((re.compile(r"ks"), "x"), (re.compile(r"(?:ii|iy)$"), "y"), (re.compile(r"ey$"), "ei"))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def transliteration_folded(word: str) -> str:
    """A normalised one-word name with its transliteration variants written one way (`_TRANSLITERATIONS`):
    "aleksei" and "alexei" are both "alexei", "dmitrii" and "dmitry" both "dmitry"."""
    for pattern, written in _TRANSLITERATIONS:
        word = pattern.sub(written, word)
    return word


# The letters the usual romanisations of Russian and Ukrainian write apart (English-language practice, the Russian
# passport's ICAO 9303 since 2014, German- or Polish-schooled "j"): й, ю and я as "y", "i" or "j" (Yury/Iurii/Jurij,
# Yakovlev/Iakovlev), щ as "shch" or "sch", kha as "kh" or "h", ё as "yo", "io", "jo" or "e" and ie after a soft sign
# as "ye", "ie" or "e" (Kiselyov/Kiseliov/Kiseljov/Kiselev, Vasilyev/Vasiliev), й between a vowel and a consonant
# (Oleynik/Oleinik/Olejnik), -ий or -ый as "y", "ii", "iy", "ij" or "yi". Read only between East Slavic names
# (`cyrillic_spellings_alike`): elsewhere the same letters tell names apart (Jing and Ying, Khanh and Hanh, Hyeon
# and Heon).
_CYRILLIC_SPELLINGS = (
    (re.compile(r"ks"), "x"),
    (re.compile(r"j"), "y"),
    (re.compile(r"s?shch|sch"), "sh"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"i?y?ia|iya"), "ya"),
    (re.compile(r"iyu|iu"), "yu"),
    (re.compile(r"^ye"), "e"),
    (re.compile(r"(?<=[a-z])(?:yo|io|ye|ie)(?=[a-z])"), "e"),
    (re.compile(r"(?<=[aeou])y(?=[bcdfgklmnprstvz])"), "i"),
    (re.compile(r"(?:ii|iy|yi|yy)$"), "y"),
    (re.compile(r"ey$"), "ei"),
)
# How Russian, Ukrainian and Belarusian family names end (Ivanov, Ivanova, Vasilyev, Pushkin, Kovalsky,
# Kovalskaya, Shevchenko, Kovalchuk, Olejnik), as the romanisations write the endings.
_EAST_SLAVIC_SURNAME = re.compile(
    r"(?:[oe]v|[oe]va|yov|yova|iov|iova|jov|jova|in|ina|yn|yna|sk[iy]|skii|skiy|skij|skaya|skaja|skaia|enko|[uy]k|ik)$"
)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def cyrillic_folded(word: str) -> str:
    """A normalised one-word East Slavic name with its romanisations written one way (`_CYRILLIC_SPELLINGS`):
    "iakovlev", "jakovlev" and "yakovlev" are all "yakovlev", "kiseljov" and "kiselev" both "kiselev"."""
    for pattern, written in _CYRILLIC_SPELLINGS:
        word = pattern.sub(written, word)
    return word


def cyrillic_spellings_alike(left: str, right: str) -> bool:
    """Two normalised one-word names, both East Slavic family names by their endings (`_EAST_SLAVIC_SURNAME`), of
    four letters or more, that are one name in two romanisations (`cyrillic_folded`): Iakovlev and Yakovlev,
    Polishchuk and Polischuk, Oleinik and Olejnik."""
    return (
        min(len(left), len(right)) >= 4
        and bool(_EAST_SLAVIC_SURNAME.search(left) and _EAST_SLAVIC_SURNAME.search(right))
        and cyrillic_folded(left) == cyrillic_folded(right)
    )


# How one Arabic (or Persian, Urdu) name is written in Latin letters by different people and clerks: the
# short vowels heard as o or u, e or i (Omar/Umar, Moza/Mouza, Nasir/Nasser, Jasim/Jasem), long ones doubled
# (Noora/Nora, Khadeeja/Khadija, Meera/Mira), a consonant doubled or not (Hassan/Hasan), a final h or y
# (Latifah/Latifa, Suwaidy/Suwaidi), qaf as q or k (Tariq/Tarik). Only the vowel *letter* of one vowel is
# folded: a vowel added or taken away is another name (Hassan/Hussain, Ali/Alia, Saeed/Sayed, Hamad/Hamid), and
# o or e before another vowel is left as it is (Joan/Juan, Dean/Dian are two names).
_ROMANISED_VOWELS = ((re.compile(r"ou|oo"), "u"), (re.compile(r"ee|ei"), "i"), (re.compile(r"o(?![aeiou])"), "u"),
                     (re.compile(r"e(?![aeiou])"), "i"), (re.compile(r"(?<=[aeiou])h$"), ""),
                     (re.compile(r"y$"), "i"), (re.compile(r"(?<=i)y(?=a)"), ""), (re.compile(r"q"), "k"),
                     (re.compile(r"^abd[aiu]?l"), "abdal"), (re.compile(r"(.)\1"), r"\1"))  # fmt: skip


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def romanisation_folded(word: str) -> str:
    """A normalised one-word name with its romanisation's vowel letters, doubled letters, final h or y and q
    written one way (`_ROMANISED_VOWELS`): "mouza" and "moza" are both "muza", "nasser" and "nasir" "nasir",
    "hassan" and "hasan" "hasan", but "hussain" stays "husain"."""
    for pattern, written in _ROMANISED_VOWELS:
        word = pattern.sub(written, word)
    return word


def romanisations_of_one_name(left: str, right: str) -> bool:
    """Two one-word names of four letters or more that `romanisation_folded` writes alike."""
    return min(len(left), len(right)) >= 4 and romanisation_folded(left) == romanisation_folded(right)


def _folded_with_places(name: str) -> tuple[str, frozenset[int]]:
    """`spelling_folded`, and where in the folded name each folded pair's base letter stands."""
    places, parts, position = [], [], 0
    for match in _ASCII_SPELLINGS.finditer(name):
        parts.append(name[position : match.start() + 1])
        position = match.end()
        places.append(sum(map(len, parts)) - 1)
    parts.append(name[position:])
    return "".join(parts), frozenset(places)


def _spelled_slip_similarity(left: str, right: str) -> float:
    """How alike two one-word names are when one writes an umlaut or a Nordic letter in ASCII and also
    carries a slip ("muellr" for müller, normalised "muller"): one slip between the folded forms, away
    from the folded letters, is a slip of the spelling (0.9: the spelling and the slip). A slip on a folded
    letter is another name: "mueller" folds to "muller", one letter from "miller", but at the "ue"."""
    (folded_left, left_places), (folded_right, right_places) = map(_folded_with_places, (left, right))
    if not (left_places or right_places) or _name_slips(folded_left, folded_right) != 1:
        return 0.0
    for _, source, target in Levenshtein.editops(folded_left, folded_right):
        if source in left_places or target in right_places:
            return 0.0
    return 1.0 - 0.1


@lru_cache(maxsize=1 << 17)
def names_equivalent(left: str, right: str) -> bool:
    """One name is a nickname of the other: the `nicknames` package lists the shorter as the longer's
    ("bob"/"robert"; a nickname is no longer than its name, though the package also lists Hannah under
    Susan), both are nicknames, not full names, of one name ("bob"/"rob": robert; not Sandra and Alexander,
    both full names the package lists under Alexandria), or the shorter, of three to five letters, is how
    the longer begins ("barb"/"barbara", "cat"/"catherine"). Two full names that merely share a nickname
    are two names: Christian and Christina are both "Chris", Elizabeth and Melissa both "Lisa". A name
    and its ASCII spelling (guenther/gunther for Günther, soeren/soren for Søren) are equivalent too."""
    if _equivalence_marks(left).isdisjoint(_equivalence_marks(right)):  # most pairs: only a prefix is left
        return _prefix_of_other(left, right)
    return _names_equivalent_in_full(left, right)


def _names_equivalent_in_full(left: str, right: str) -> bool:
    """`names_equivalent` asked rule by rule, without the marks that tell most pairs apart at once."""
    if min(len(left), len(right)) >= 3 and spelling_folded(left) == spelling_folded(right):
        return True
    if _ROMANISATION_GROUP.get(left, left) == _ROMANISATION_GROUP.get(right, right):
        return True
    if min(len(left), len(right)) >= 4 and transliteration_folded(left) == transliteration_folded(right):
        return True
    if not east_slavic_names(left).isdisjoint(east_slavic_names(right)) or cyrillic_spellings_alike(
        left, right
    ):
        return True
    for nickname, name in ((left, right), (right, left)):
        if len(nickname) <= len(name) and (name in _canonicals(nickname) or nickname in _nicknames(name)):
            return True
        if (name, nickname) in _LISTED_DIMINUTIVES:
            return True  # a diminutive longer than its name (Honza for Jan), listed for that name alone
    if not (_is_full_name(left) or _is_full_name(right)) and not _canonicals(left).isdisjoint(
        _canonicals(right)
    ):
        return True
    return _prefix_of_other(left, right)


def _prefix_of_other(left: str, right: str) -> bool:
    """The shorter name, of three to five letters, is how the longer begins ("barb"/"barbara"), and not its
    man's form of which the longer is the woman's (`gendered_pair`): Jan is not short for Janina, nor Paul
    for Pauline."""
    shorter, longer = (left, right) if len(left) <= len(right) else (right, left)
    return (
        3 <= len(shorter) <= 5
        and len(longer) >= len(shorter) + 2
        and longer.startswith(shorter)
        and not gendered_pair(shorter, longer)
    )


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _equivalence_marks(name: str) -> frozenset[tuple[str, str]]:
    """What a name shares with every name `names_equivalent` holds equivalent to it, but for a prefix
    ("barb"/"barbara"): its spelling and transliteration folds (at the lengths they count from), its
    romanisation group, and the name itself with its canonical names and nicknames. Names whose marks are
    disjoint are equivalent only by the prefix rule: one set test instead of a dozen look-ups a pair."""
    marks = {("group", _ROMANISATION_GROUP.get(name, name))}
    marks.update(("name", other) for other in (name, *_canonicals(name), *_nicknames(name)))
    if len(name) >= 3:
        marks.add(("spelling", spelling_folded(name)))
    if len(name) >= 4:
        marks.add(("transliteration", transliteration_folded(name)))
    marks.update(("east slavic", full) for full in east_slavic_names(name))
    if len(name) >= 4 and _EAST_SLAVIC_SURNAME.search(name):
        marks.add(("cyrillic", cyrillic_folded(name)))
    return frozenset(marks)


def _east_slavic_folded(name: str) -> str:
    return cyrillic_folded(name) if len(name) >= 4 else name


# Each East Slavic given name's forms (`nickname_supplement.EAST_SLAVIC_FORMS`), romanisation folded, -> the
# name's Russian form, folded; each diminutive, folded, -> the Russian full names it is short for.
_EAST_SLAVIC_NAME = {
    _east_slavic_folded(form): _east_slavic_folded(forms[0]) for forms in EAST_SLAVIC_FORMS for form in forms
}
_EAST_SLAVIC_SHORT: dict[str, frozenset[str]] = {}
for _full, _short in EAST_SLAVIC_DIMINUTIVES:
    _folded_full = _EAST_SLAVIC_NAME.get(_east_slavic_folded(_full), _east_slavic_folded(_full))
    _EAST_SLAVIC_NAME.setdefault(_folded_full, _folded_full)
    _EAST_SLAVIC_SHORT[_short] = _EAST_SLAVIC_SHORT.get(_short, frozenset()) | {_folded_full}


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def east_slavic_names(name: str) -> frozenset[str]:
    """The Russian full names (romanisation folded) a normalised one-word name is a form of: itself in any
    romanisation, its Ukrainian form (Oleksandr, Serhii, Olena), or a diminutive (Sasha: Aleksandr and
    Aleksandra). Empty for a name no table lists."""
    folded = _east_slavic_folded(name)
    if folded in _EAST_SLAVIC_NAME:
        return frozenset({_EAST_SLAVIC_NAME[folded]})
    return _EAST_SLAVIC_SHORT.get(name) or _EAST_SLAVIC_SHORT.get(folded) or frozenset()


def _word_match(left: str, right: str) -> tuple[str, float]:
    if left == right:
        return "exact", 1.0
    if len(left) == 1 or len(right) == 1:
        return ("initial", INITIAL_SIMILARITY) if left[0] == right[0] else ("different", 0.0)
    if names_equivalent(left, right):
        return "nickname", EQUIVALENT_SIMILARITY
    return "similar", JaroWinkler.similarity(left, right)


# Surname particles (Dutch tussenvoegsels, German, French, Spanish, Italian and Portuguese ones) and their
# short forms in exports ("vd Berg", "v. Dijk", "d'Jong"): written before or after the name ("Berg, van der"),
# abbreviated or left out, they do not make another surname.
NAME_PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "dei",
        "di",
        "da",
        "das",
        "dos",
        "do",
        "du",
        "des",
        "la",
        "le",
        "ter",
        "ten",
        "te",
        "t",
        "het",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "vd",
        "v",
        "d",
    ]
)


_ROMANISATION_GROUP = {form: group[0] for group in ROMANISATIONS for form in group}


# The Arabic article before a family name, written "Al", "El", "al-" or joined to the name ("Alrashid"): the
# same family name however it is written ("Al Rashid", "El-Rashid", "Alrashid").
_ARABIC_ARTICLE = re.compile(r"\b[ae]l (?=[a-z]{3,})")


def arabic_article_joined(name: str) -> str:
    """A normalised name with a separate Arabic article joined to the word after it as "al": "el rashid" and
    "al rashid" are "alrashid" (names without such an article come back unchanged)."""
    return _ARABIC_ARTICLE.sub("al", name) if " " in name else name


# An Arabic name's chain: the given name, the father's (and grandfather's) names, "bin" / "bint" / "ibn" (son
# or daughter of) before each or not, then the family name after its article ("Ahmed bin Khalid bin Saeed Al
# Mazrouei", a passport's "Ahmed Khalid Saeed Al Mazrouei"). One record holds the chain, another only the given
# and the family name: the fathers' names are no part of the family name. A given name "servant of" or "father
# of" is two words ("Abdul Rahman", "Abu Bakr"): never split after its first.
PATRONYMIC_LINKS = frozenset({"bin", "bint", "binti", "ibn"})
_ARABIC_ARTICLES = frozenset({"al", "el"})
COMPOUND_GIVEN_FIRST = frozenset({"abdul", "abdel", "abd", "abdal", "abu"})


# A Malay name joins the given name to the father's given name with "bin" / "binti" (son or daughter of;
# Singapore's "binte", the short "bt."), and a Malaysian or Singaporean Indian name with "a/l" / "a/p" (anak
# lelaki / perempuan) or "s/o" / "d/o": "Ahmad Faizal bin Ismail", "Muthu a/l Rajan". There is no family name:
# the father's name stands where a surname would (siblings share it, the father is "Ismail bin Hassan"), and
# records write the link or leave it out ("Ahmad Faizal Ismail", last name "bin Ismail" or "Ismail").
MALAY_LINKS = frozenset({"bin", "binti", "binte", "bint", "bt"})
_INDIAN_LINK = re.compile(r"(?<![^\s.])[asd]\s*/\s*[lpo](?![^\s.])", re.IGNORECASE)
_INDIAN_LINK_WORDS = frozenset({("a", "l"), ("a", "p"), ("s", "o"), ("d", "o")})


def patronymic_link_at(words: list[str], raw) -> tuple[int, int] | None:
    """Where a normalised whole name's patronymic link is (its first word and the word after it), written
    between a given name and the father's; None when it has none. "a/l" is read only as written with its slash
    (`raw`), never two initials."""
    for at in range(1, len(words) - 1):
        if words[at] in MALAY_LINKS:
            return at, at + 1
        if (
            at < len(words) - 2
            and (words[at], words[at + 1]) in _INDIAN_LINK_WORDS
            and type(raw) is str
            and _INDIAN_LINK.search(raw)
        ):
            return at, at + 2
    return None


# A Russian, Ukrainian or Belarusian patronymic (the father's given name made a middle name: Иван Петрович is
# Пётр's son) as `name` romanises it: -ovich, -evich (a son; Ukrainian -ovych), -ovna, -evna, -ichna (a daughter;
# Ukrainian -ivna), and the few sons' patronymics in -ich alone. A surname may end so too (Abramovich,
# Rabinovich): a word is read as a patronymic only where a name's shape puts one (`patronymic_split`,
# `given_and_patronymic`).
_PATRONYMIC = re.compile(
    r"^[a-z]{2,}(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna)$|^(?:ilyich|ilich|kuzmich|fomich|lukich|nikitich)$"
)


def is_patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.match(word))


def patronymic_split(words: list[str]) -> tuple[str, str, str] | None:
    """(given name, patronymic, family name) of a normalised whole name of three words with a patronymic,
    in either order Russian writes: "ivan petrovich ivanov", or the register's and the accountant's "ivanov ivan
    petrovich" (family name first: "ФИО"). None for any other name."""
    if len(words) != 3:
        return None
    if is_patronymic(words[1]) and not is_patronymic(words[2]):
        return words[0], words[1], words[2]
    if is_patronymic(words[2]) and not is_patronymic(words[0]) and not is_patronymic(words[1]):
        return words[1], words[2], words[0]
    return None


def given_and_patronymic(first: str) -> tuple[str, str]:
    """A normalised first name without the patronymic written after it ("ivan petrovich": "ivan",
    "petrovich"), as a rep types both into the first-name field; (first, "") when it carries none."""
    words = first.split()
    if len(words) >= 2 and is_patronymic(words[-1]) and not is_patronymic(words[0]):
        return " ".join(words[:-1]), words[-1]
    return first, ""


def patronymics_differ(left: str, right: str) -> bool:
    """Two normalised patronymics, both given, that are two fathers' (Petrovich, Ivanovich): not one in two
    romanisations or languages (Ivanovich / Ivanovych, Sergeevna / Serhiivna), nor one slip apart."""
    if not (left and right) or left == right:
        return False
    folded_left, folded_right = cyrillic_folded(left), cyrillic_folded(right)
    if Levenshtein.distance(folded_left, folded_right) <= 2:
        return False
    fathers = _FATHER_STEMS.get(_father_stem(left), {_father_stem(left)})
    return fathers.isdisjoint(_FATHER_STEMS.get(_father_stem(right), {_father_stem(right)}))


_PATRONYMIC_ENDING = re.compile(r"(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna|ich)$")
_STEM_VOWELS = re.compile(r"[aeiouy]+$")


def _father_stem(name: str) -> str:
    """A father's given name, or the patronymic made of it, without its ending and its last vowels, romanisation
    folded, y read as i: "sergeevna" and "sergey" are "serg", "serhiivna" and "serhiy" "serh", "mikhaylovich" and
    "mykhailo" "mihail"."""
    return _STEM_VOWELS.sub("", cyrillic_folded(_PATRONYMIC_ENDING.sub("", name)).replace("y", "i"))


# The stem of each form of an East Slavic given name (`nickname_supplement.EAST_SLAVIC_FORMS`) -> the stems of all
# its forms: Sergeevna and Serhiivna are one father's daughters' (Sergey, Serhiy).
_FATHER_STEMS: dict[str, set[str]] = {}
for _forms in EAST_SLAVIC_FORMS:
    _stems = {_father_stem(_form) for _form in _forms}
    for _stem in _stems:
        _FATHER_STEMS.setdefault(_stem, set()).update(_stems)


def without_leading_link(last: str, raw) -> str:
    """A normalised last name without the patronymic link it begins with ("bin ismail" is "ismail", "a l
    rajan" from "a/l Rajan" is "rajan"); a name of one word, or one without a link, as it is."""
    words = last.split()
    if len(words) >= 2 and words[0] in MALAY_LINKS:
        return " ".join(words[1:])
    if (
        len(words) >= 3
        and (words[0], words[1]) in _INDIAN_LINK_WORDS
        and type(raw) is str
        and _INDIAN_LINK.search(raw)
    ):
        return " ".join(words[2:])
    return last


def family_name_of_chain(last: str) -> str:
    """A normalised last name with the fathers' names before its Arabic family name left out ("bin khalid al
    mazrouei" -> "al mazrouei", "khalid saeed al mazrouei" -> "al mazrouei"); other names as they are. The
    family name is the last article ("al", "el") with the one word after it; a name without one, or one that is
    only an article and its word, stays whole."""
    words = last.split()
    if len(words) < 3 or words[-2] not in _ARABIC_ARTICLES or len(words[-1]) < 3:
        return last
    if any(word in _ARABIC_ARTICLES for word in words[:-2]):
        return last  # two family names ("al qasimi al hashimi"): not a chain to shorten
    return " ".join(words[-2:])


def _article_joined_alike(left: str, right: str) -> bool:
    """One family name with its Arabic article written apart, joined or as "El", and its letters romanised
    either way ("el suwaidy" / "al suwaidi")."""
    joined = arabic_article_joined(left), arabic_article_joined(right)
    return joined[0] == joined[1] or (" " not in joined[0] + joined[1] and romanisations_of_one_name(*joined))


def without_particles(name: str) -> str:
    """A normalised name's words other than surname particles, "" when nothing else is left (a name such
    as "Le" or "Du" is no particle then: it stays itself)."""
    return " ".join(word for word in name.split() if word not in NAME_PARTICLES)


@lru_cache(maxsize=1 << 17)
def name_match(left: str, right: str) -> tuple[str, float]:
    """How two normalised person names relate: ("exact" | "nickname" | "initial" | "part" | "similar" |
    "different", similarity 0-1). Several words ("mary ann" / "mary", "garcia lopez" / "garcia") are
    aligned word by word; a name that is part of the other counts as equivalent, and so does the same name
    with its particles moved, shortened or left out ("berg van der", "vd berg" / "van der berg")."""
    if left == right:
        return "exact", 1.0
    if not left or not right:
        return "different", 0.0
    core = without_particles(left)
    if core and core == without_particles(right):
        return "part", EQUIVALENT_SIMILARITY
    if (" " in left or " " in right) and _article_joined_alike(left, right):
        return "part", EQUIVALENT_SIMILARITY
    if (" " in left) != (" " in right) and left.replace(" ", "") == right.replace(" ", ""):
        return (
            "exact",
            1.0,
        )  # one name's letters, hyphenated, spaced or joined: "Min-ji", "Minji", "isabe lla"
    if (" " in left) != (" " in right) and romanisations_of_one_name(
        left.replace(" ", ""), right.replace(" ", "")
    ):
        return "nickname", EQUIVALENT_SIMILARITY  # "abdul aziz" / "abdelaziz"
    if reordered_names(left, right):
        return "different", 0.0
    lefts, rights = left.split(), right.split()
    if len(lefts) == 1 and len(rights) == 1:
        return _word_match(left, right)
    whole = JaroWinkler.similarity(left, right)
    shorter, longer = sorted((lefts, rights), key=len)
    best = [
        max(((_word_match(word, other), other) for other in longer), key=lambda m: m[0][1])
        for word in shorter
    ]
    aligned = min(match[1] for match, _ in best)
    # "Juana" is no part of "Juan Carlos": a name of the other sex, not a typo of one of its words.
    gendered = any(gendered_pair(word, other) for word, (_, other) in zip(shorter, best, strict=True))
    if aligned >= INITIAL_SIMILARITY and aligned > whole and not gendered:
        return "part", min(aligned, EQUIVALENT_SIMILARITY)
    return "similar", whole


def name_similarity(left: str, right: str) -> float:
    return name_match(left, right)[1]


_HAS_DIGIT = re.compile(r"[0-9]")


def word_typo_similarity(left: str, right: str) -> float:
    """1 for the same word, 0.95 per typo (an edit or a swap of neighbours) that a word of its length may
    carry (none under four letters, one under eight, two from eight), 0 beyond: "traders" and "partners"
    are different words, though Jaro-Winkler finds them 0.81 alike. A word with a digit is a number, not a
    word to misspell: "1073858 Alberta Inc." and "1073885 Alberta Inc." are two numbered companies, "Unit 4"
    and "Unit 5" two firms."""
    if left == right:
        return 1.0
    if _HAS_DIGIT.search(left) or _HAS_DIGIT.search(right):
        return 0.0
    longest = max(len(left), len(right))
    allowed = 0 if longest < 4 else 1 if longest < 8 else 2
    distance = OSA.distance(left, right, score_cutoff=allowed)
    return 1.0 - 0.05 * distance if distance <= allowed else 0.0


def _name_slips(left: str, right: str) -> int | None:
    """How many slips (an edit or a swap of neighbours) lie between two words, when a name of their length
    may carry that many (none under four letters, one up to nine, two from ten); None beyond. An "m" read as
    "rn" is one slip (`ocr_misread`)."""
    longest = max(len(left), len(right))
    allowed = 0 if longest < 4 else 1 if longest < 10 else 2
    distance = OSA.distance(left, right, score_cutoff=allowed)
    if distance <= allowed:
        return distance
    return 1 if allowed and ocr_misread(left, right) else None


# Text recognition (a badge or a business card read by a scanner app) reads a printed "m" as "rn": Almeida as
# "Alrneida", Gómez as "Górnez". Two edits by the letter count, one misreading of the same print.
_OCR_RN = "rn"


_OCR_MIN_LENGTH = 5


def ocr_misread(left: str, right: str) -> bool:
    """Whether one word is the other with one "m" read as "rn" (in a word of five letters or more)."""
    shorter, longer = sorted((left, right), key=len)
    if len(longer) != len(shorter) + 1 or len(shorter) < _OCR_MIN_LENGTH or _OCR_RN not in longer:
        return False
    at = longer.find(_OCR_RN)
    while at >= 0:
        if longer[:at] + "m" + longer[at + 2 :] == shorter:
            return True
        at = longer.find(_OCR_RN, at + 1)
    return False


def _name_typo_similarity(left: str, right: str) -> float:
    """1 for the same word, 0.95 per slip a name of its length may carry, 0 beyond; and 0 for two different
    given names that both exist, however few letters apart (Christian/Christina, Joan/John): a reader sees
    two names, and only personal evidence (`name_slip` and the resolver's vetoes) can say it was a slip."""
    if left == right:
        return 1.0
    if is_known_given_name(left) and is_known_given_name(right):
        return 0.0
    if name_cut_short(left, right):
        return INITIAL_SIMILARITY
    if gendered_pair(left, right) or rhyming_names(left, right):
        return 0.0
    slips = _name_slips(left, right)
    if slips is None:
        return _spelled_slip_similarity(left, right) or _misspelled_long_name_similarity(left, right)
    return 1.0 - 0.05 * slips


# Where a name cut short may end though the longer is a woman's form of it: not in a consonant, an "a" or an
# "e", where a man's or a woman's name of its own ends (Karl/Karla, Daniel/Daniela, Nicholas/Nichola).
_CUT_VOWELS = frozenset("iouy")


def name_cut_short(left: str, right: str) -> bool:
    """Whether one one-word name is a known given name (the `nicknames` package's) with its last letter lost,
    and that shorter form no name of its own: "joshu" for Joshua, "charli" for Charlie, "ne" for Ned (a field
    cut short, a letter dropped at the end of typing). Not "daniel" for Daniela, a name the package knows
    (her brother's), nor "karl" for Karla, which it does not: where the longer is the other sex's form of
    the shorter (`gendered_pair`), only a shorter ending in a vowel no such name ends in ("joshu") is cut."""
    shorter, longer = sorted((left, right), key=len)
    return (
        len(shorter) >= 2
        and len(longer) == len(shorter) + 1
        and longer.startswith(shorter)
        and is_known_given_name(longer)
        and not is_known_given_name(shorter)
        and (shorter[-1] in _CUT_VOWELS or not gendered_pair(shorter, longer))
    )


# A long name misspelled twice (two letters misread, dropped or swapped: "patrvrck", "courmtey", "isablel")
# still reads as the name when the word it was made from is a known given name, the written word is none, and
# the two begin alike: a slip at a name's first letters makes another name (Brianna, Adrianna), and people
# rarely mistype the first letters of a name.
_LONG_NAME = 7


def _misspelled_long_name_similarity(left: str, right: str) -> float:
    """0.9 when a word of at least `_LONG_NAME` letters is two slips from a known given name it begins as (its
    first two letters), and is no known name itself; 0 otherwise. Letters added at the end are another name,
    not a misspelling (Martin/Martinez, a surname; Paul/Paulina)."""
    if max(len(left), len(right)) < _LONG_NAME or min(len(left), len(right)) < _LONG_NAME - 1:
        return 0.0
    if (
        left[:2] != right[:2]
        or left.startswith(right)
        or right.startswith(left)
        or _ending_apart(left, right)
    ):
        return 0.0
    if is_known_given_name(left) == is_known_given_name(right):
        return 0.0
    return INITIAL_SIMILARITY if OSA.distance(left, right, score_cutoff=2) == 2 else 0.0


_RHYME_MIN_LENGTH = 4


def rhyming_names(left: str, right: str) -> bool:
    """Two names alike but for their first letter (Jason and Mason, Cody and Jody, Molly and Holly): names
    siblings and twins are given, not a slip, since people rarely mistype the first letter of a name. Not
    under four letters, where one letter is a larger part of the name."""
    return len(left) == len(right) >= _RHYME_MIN_LENGTH and left[0] != right[0] and left[1:] == right[1:]


def _ending_apart(left: str, right: str) -> bool:
    """Two words alike but for their endings (the shorter's last letter, the longer's last two or fewer):
    Brandon and Brandy, Jordan and Jordy are two names, whose ending is where they differ, not a misspelling,
    which falls anywhere in a word. The `nicknames` package does not know every name ("brandon")."""
    shorter, longer = sorted((left, right), key=len)
    stem = Prefix.similarity(shorter, longer)
    return stem >= len(shorter) - 1 and len(longer) - stem <= 2


def name_slip(left: str, right: str) -> bool:
    """Whether two different one-word names are a slip apart, known names or not ("joan"/"john")."""
    return (
        left != right
        and " " not in left + right
        and _name_slips(left, right) is not None
        and not gendered_pair(left, right)
    )


# A first name keyed or read wrong stays this close to the right one (edits or swaps of neighbours): one slip in a
# name of up to four letters ("kyl" / "kyle", "riy" / "roy"), two in a longer one ("samyle" / "samuel", "cheela" /
# "chelsea": a letter dropped beside two swapped, which counts as two slips, not three).
_KEYED_WRONG = ((4, 1), (99, 2))


def name_keyed_wrong(left: str, right: str) -> bool:
    """Whether two different one-word first names are one name keyed or read wrong: a slip or two apart
    (`_KEYED_WRONG`, in Damerau-Levenshtein's count, where two swapped letters stay one slip beside a letter
    dropped between them), and not both names people are given (`is_known_given_name`): a typo makes a word
    that is nobody's name, where Mark and Mary, John and Joan are two people's."""
    if left == right or " " in left + right or not left or not right:
        return False
    allowed = next(slips for longest, slips in _KEYED_WRONG if max(len(left), len(right)) <= longest)
    if DamerauLevenshtein.distance(left, right, score_cutoff=allowed) > allowed:
        return False
    return not (is_known_given_name(left) and is_known_given_name(right))


@lru_cache(maxsize=1 << 17)
def name_closeness(left: str, right: str) -> float:
    """How alike two normalised person names are as a person reading them judges it, on the 0-1 scale
    vetoes and key checks use: the same name 1, a nickname, an initial or a part of the name as
    `name_match` says, a typo 0.95 per slip, anything else 0. Unlike Jaro-Winkler, which finds Patricia and
    Patrick 0.89 alike, letters in common do not make two names close."""
    kind, value = name_match(left, right)
    if kind != "similar":
        return value
    lefts, rights = left.split(), right.split()
    if len(lefts) == 1 and len(rights) == 1:
        return _name_typo_similarity(left, right)
    if second_surname_initialled(left, right):
        return EQUIVALENT_SIMILARITY
    joined = _name_typo_similarity(left.replace(" ", ""), right.replace(" ", ""))
    shorter, longer = sorted((lefts, rights), key=len)
    aligned = sum(max(_name_typo_similarity(word, other) for other in shorter) for word in longer) / len(
        longer
    )
    return min(max(joined, aligned), EQUIVALENT_SIMILARITY)


def _surname_word_closeness(left: str, right: str) -> float:
    if left == right:
        return 1.0
    if min(len(left), len(right)) >= 3 and spelling_folded(left) == spelling_folded(right):
        return EQUIVALENT_SIMILARITY
    if _ROMANISATION_GROUP.get(left, left) == _ROMANISATION_GROUP.get(right, right):
        return EQUIVALENT_SIMILARITY
    if min(len(left), len(right)) >= 4 and transliteration_folded(left) == transliteration_folded(right):
        return EQUIVALENT_SIMILARITY
    if cyrillic_spellings_alike(left, right):
        return EQUIVALENT_SIMILARITY
    if romanisations_of_one_name(left, right):
        return EQUIVALENT_SIMILARITY
    if ocr_misread(left, right):
        return 1.0 - 0.05  # one slip
    return word_typo_similarity(left, right)


def second_surname_initialled(left: str, right: str) -> bool:
    """Two names of two words, the first the same and the second written as its initial on one side: "Vázquez
    Q." for Vázquez Quintero, as Mexican and Colombian forms and signatures shorten the mother's surname."""
    lefts, rights = left.split(), right.split()
    if len(lefts) != 2 or len(rights) != 2 or lefts[0] != rights[0]:
        return False
    (short, long_) = sorted((lefts[1], rights[1]), key=len)
    return len(short) == 1 and len(long_) > 1 and long_.startswith(short)


@lru_cache(maxsize=1 << 16)
def surname_closeness(left: str, right: str) -> float:
    """`name_closeness` for two surnames, for a surname's veto. A given name's rules do not carry over: an "e"
    more is a spelling of the same family name (Clark/Clarke, Brown/Browne, Green/Greene), not a woman's form
    as Louis/Louise is, and two surnames that are also given names are a slip apart like any others. Two that
    differ only in an ending, one of them in "a", stay apart: where a language inflects surnames, that is the
    woman's form (Ivanov/Ivanova, Papadopoulos/Papadopoula), a husband and wife rather than a typo.
    `family_closeness` asks another question, of mailboxes."""
    closeness = name_closeness(left, right)
    if closeness or " " in left + right or left == right:
        return closeness
    slips = _name_slips(left, right)
    if slips is None:
        return closeness
    stem = next(
        (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a != b), min(len(left), len(right))
    )
    if stem >= 3 and stem >= min(len(left), len(right)) - 1 and "a" in (left[-1], right[-1]):
        return closeness
    return 1.0 - 0.05 * slips


@lru_cache(maxsize=1 << 16)
def family_closeness(left: str, right: str) -> float:
    """How alike two normalised surnames are as one family's name, for the key checks that ask whether a
    mailbox names the record's family: a surname that begins another (Bos and Bosch, Park and Parker, Kim and
    Kimura, Hall and Halliday) is another family's, not its short form as Barb is Barbara's, and first names'
    nicknames are no surnames'. Particles moved or left out, a double surname with one of its names dropped
    (Garcia for Garcia Lopez), a transliterated or ASCII spelling and a typo stay close."""
    closeness = name_closeness(left, right)
    if not closeness or left == right:
        return closeness
    lefts = (without_particles(left) or left).split()
    rights = (without_particles(right) or right).split()
    if word_typo_similarity("".join(lefts), "".join(rights)):
        return closeness  # vanderberg, al rashid / alrashid
    if word_typo_similarity(arabic_article_joined(left).replace(" ", ""), right.replace(" ", "")):
        return closeness
    shorter, longer = sorted((lefts, rights), key=len)
    if all(max(_surname_word_closeness(word, other) for other in longer) for word in shorter):
        return closeness
    return 0.0


def names_clearly_differ(first: tuple[str, str], second: tuple[str, str], below: float) -> bool:
    """Two (first, last) names are clearly different unless, in either order (a swapped first and last
    name is the same name), one part agrees closely or both parts are at least similar.

    Parts are compared by `name_closeness`. A part is similar at `below`; one part agrees on its own when it
    is the same name or a slip of it (halfway from `below` to identity: 0.875 for 0.75). So a changed
    surname with the same first name is not a contradiction (a marriage), but a nickname or an initial with
    another surname is ("Pete Smith" for Peter Olsen), and so are "Brian Gibson" against "Ryan Jordan" and
    "Daniel Alvarez" against "Diane Hall". Unknown when a side lacks either part: then they do not clearly
    differ."""
    if not all(first) or not all(second):
        return False
    close = (1 + below) / 2

    def one_part_same(a: str, b: str) -> bool:
        # The very name or a slip of it: a nickname or an initial beside another surname is too little
        # ("Christian Ross" writing from chris.young@...).
        return name_closeness(a, b) >= close and name_match(a, b)[0] in ("exact", "similar")

    def same(a: tuple[str, str], b: tuple[str, str]) -> bool:
        similarities = (name_closeness(a[0], b[0]), name_closeness(a[1], b[1]))
        return one_part_same(a[0], b[0]) or one_part_same(a[1], b[1]) or min(similarities) >= below

    return (
        not same(first, second)
        and not names_swapped(first, second, below)
        and not split_elsewhere(first, second)
        and not name_within_other(first, second)
    )


def name_within_other(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """Whether every word of one (first, last) name is a word of the other, three words at least, in any order:
    the same name written more fully, as a Chinese Malaysian's or Singaporean's English name before or after it
    ("Serene Chong Li Ting" for Li Ting Chong, "TAN WEI MING JASON")."""
    words = Counter(f"{first[0]} {first[1]}".split()), Counter(f"{second[0]} {second[1]}".split())
    shorter, longer = sorted(words, key=lambda counted: counted.total())
    return shorter.total() >= 3 and not shorter - longer


def two_sexes_of_one_family(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """Whether two (first, last) names give one family name in its man's and its woman's form
    (`locale_words.surnames_of_two_sexes`, a word of either surname) beside two first names: a husband and
    wife, a brother and sister (Jan Kowalski and Janina Kowalska, Michal Pokorný and Michaela Pokorná), whom a
    nickname rule or a typo's would take for one person. The same first name beside both forms is one woman
    whose surname a record wrote in the man's form, as a foreign rep may (Jana Novák for Jana Nováková)."""
    (first_given, first_last), (second_given, second_last) = first, second
    if not all((first_given, first_last, second_given, second_last)) or first_given == second_given:
        return False
    return any(
        surnames_of_two_sexes(left, right) for left in first_last.split() for right in second_last.split()
    )


def names_swapped(first: tuple[str, str], second: tuple[str, str], below: float) -> bool:
    """Whether one (first, last) pair gives the other's names the other way round: a form filled in family
    name first (Choi Min-ji for Min-ji Choi). A swap moves both parts: one part echoing the other's name
    ("Mitchell"/"Michelle") is not a swap."""
    return min(name_closeness(first[0], second[1]), name_closeness(first[1], second[0])) >= below


def split_elsewhere(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """The same words split into first and last name at another place, the second of two surnames perhaps
    left out: "Ana / María García" is "Ana María / García Hernández" typed as one name and split at its first
    space (as Pipedrive splits a typed name), and Spanish speakers drop the second surname. Three words at
    least on the shorter side: two given names and a surname, or a given name and two surnames."""
    words = f"{first[0]} {first[1]}".split(), f"{second[0]} {second[1]}".split()
    (shorter, _), (longer, longer_name) = sorted(
        zip(words, (first, second), strict=True), key=lambda w: len(w[0])
    )
    if len(shorter) < 3 or shorter[0] != longer[0]:
        return False
    if shorter == longer:
        return True
    return len(longer) == len(shorter) + 1 and longer[:-1] == shorter and len(longer_name[1].split()) >= 2


# Where a person carries two surnames and, written with one, keeps a given one: the first (the father's) in
# Spain and Spanish-speaking America, the last in Portugal and Brazil ("Pereira da Silva" is "Silva").
FIRST_SURNAME_KEPT = frozenset(
    [
        "ES",
        "MX",
        "AR",
        "CO",
        "CL",
        "PE",
        "VE",
        "EC",
        "GT",
        "CU",
        "BO",
        "DO",
        "HN",
        "PY",
        "SV",
        "NI",
        "CR",
        "PA",
        "UY",
        "PR",
    ]
)


LAST_SURNAME_KEPT = frozenset({"PT", "BR"})


# Where every family has one surname, written after the given names, however many these are: Turkey, by its
# Surname Law of 1934 ("Mehmet Ali Öztürk"; a married woman may keep her maiden name before her husband's).
ONE_SURNAME_WRITTEN_LAST = frozenset({"TR"})


def family_surname_elsewhere(surname: str, holder: str, other: str, region: str) -> bool:
    """Whether a one-word surname is the family name `holder` (two surnames) is known by where people keep
    one of two surnames (`FIRST_SURNAME_KEPT`, `LAST_SURNAME_KEPT`), while in `other` (two surnames) it
    stands where it is not kept: Francisco Martínez is Francisco Martínez Ruiz in Spain, and Francisco
    Rodríguez Martínez (whose mother is a Martínez) would write Francisco Rodríguez."""
    words, held, others = (
        surname.split(),
        (without_particles(holder) or holder).split(),
        (without_particles(other) or other).split(),
    )
    if len(words) != 1 or len(held) < 2 or len(others) < 2:
        return False
    kept = 0 if region in FIRST_SURNAME_KEPT else -1 if region in LAST_SURNAME_KEPT else None
    if kept is None:
        return False
    return held[kept] == words[0] and others[kept] != words[0] and words[0] in others


def names_alike(first: tuple[str, str], second: tuple[str, str], below: float) -> bool:
    """Both parts at least similar, in either order, or the same words split at another place
    (`split_elsewhere`): the bar a shared key (a switchboard phone) must clear, where one matching first name
    says little. True when a side lacks either part (nothing to hold against)."""
    if not all(first) or not all(second):
        return True
    for other in (second, (second[1], second[0])):
        if min(name_closeness(first[0], other[0]), name_closeness(first[1], other[1])) >= below:
            return True
    return split_elsewhere(first, second)


# A Chinese name written in Han characters puts the family name first and writes no space: 张伟 is Wei Zhang,
# 欧阳娜 Na Ouyang. The family name is one character, or one of the two-character compound family names (复姓);
# the given name is one or two characters. Japanese names in kanji split otherwise (小林健 is Ken Kobayashi), so a
# record written in Japan is not read so (`han_name_parts`' caller).
_HAN_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_COMPOUND_FAMILY_NAMES = frozenset(
    {
        *(
            "欧阳",
            "歐陽",
            "司马",
            "司馬",
            "上官",
            "诸葛",
            "諸葛",
            "东方",
            "東方",
            "皇甫",
            "尉迟",
            "尉遲",
            "公孙",
        ),
        *("公孫", "慕容", "令狐", "夏侯", "司徒", "长孙", "長孫", "宇文", "轩辕", "軒轅", "端木", "独孤"),
        *("獨孤", "南宫", "南宮", "西门", "西門", "申屠", "闻人", "聞人", "百里", "呼延", "钟离", "鍾離"),
    }
)


def han_name_parts(text: str) -> tuple[str, str] | None:
    """The family name and the given name of a Chinese name written as one word in Han characters (two to
    four), or None when `text` is not one: 张伟 -> (张, 伟), 欧阳娜 -> (欧阳, 娜), 王晓明 -> (王, 晓明)."""
    if not 2 <= len(text) <= 4 or not all_han(text):
        return None
    if text[:2] in _COMPOUND_FAMILY_NAMES and len(text) >= 3:
        return text[:2], text[2:]
    return (text[0], text[1:]) if len(text) <= 3 else None


def all_han(text: str) -> bool:
    """Whether every character of `text` is a Han character."""
    return bool(text) and all(_HAN_CHARACTER.match(char) for char in text)


# A Korean name written in Hangul puts the family name first: 김민준 is Min-jun Kim, "박 지훈" Ji-hoon Park. The
# family name is one syllable, or one of the few two-syllable ones (남궁, 황보, 제갈, 선우, 독고, 사공, 서문);
# the given name is one or two syllables.
_HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_KOREAN_COMPOUND_FAMILY_NAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"})


def hangul_name_parts(text: str) -> tuple[str, str] | None:
    """The family name and the given name of a Korean name written in Hangul (two to four syllables, as one
    word, or the family name and the given name apart), or None when `text` is not one: 김민준 -> (김, 민준),
    "박 지훈" -> (박, 지훈), 남궁민수 -> (남궁, 민수)."""
    words = text.split()
    if len(words) == 2 and all(all_hangul(word) for word in words) and len(words[1]) <= 2:
        if len(words[0]) == 1 or words[0] in _KOREAN_COMPOUND_FAMILY_NAMES:
            return words[0], words[1]
        return None
    if len(words) != 1 or not 2 <= len(text) <= 4 or not all_hangul(text):
        return None
    if text[:2] in _KOREAN_COMPOUND_FAMILY_NAMES and len(text) >= 3:
        return text[:2], text[2:]
    return (text[0], text[1:]) if len(text) <= 3 else None


def all_hangul(text: str) -> bool:
    """Whether every character of `text` is a Hangul syllable."""
    return bool(text) and all(_HANGUL_SYLLABLE.match(char) for char in text)


# Korean family names as their bearers spell them in Latin letters, the commonest spelling of each (the Revised
# Romanisation, which a transliterator follows, writes 김 "Gim", 이 "I", 박 "Bak": almost no one does). The other
# spellings are grouped with these in `nickname_supplement.ROMANISATIONS`.
_KOREAN_FAMILY_SPELLINGS = {
    "김": "kim", "이": "lee", "박": "park", "최": "choi", "정": "jung", "강": "kang", "조": "cho", "윤": "yoon",
    "장": "jang", "임": "lim", "한": "han", "오": "oh", "서": "seo", "신": "shin", "권": "kwon", "황": "hwang",
    "안": "ahn", "송": "song", "류": "ryu", "전": "jeon", "홍": "hong", "고": "ko", "문": "moon", "양": "yang",
    "손": "son", "배": "bae", "백": "baek", "허": "heo", "유": "yoo", "남": "nam", "심": "shim", "노": "roh",
    "하": "ha", "곽": "kwak", "성": "sung", "차": "cha", "주": "joo", "우": "woo", "구": "koo", "민": "min",
    "나": "na", "진": "jin", "지": "ji", "엄": "eom", "채": "chae", "원": "won", "천": "cheon", "방": "bang",
    "공": "kong", "현": "hyun", "함": "ham", "변": "byun", "염": "yeom", "여": "yeo", "추": "choo", "도": "do",
    "석": "seok", "선": "sun", "설": "seol", "마": "ma", "길": "gil", "연": "yeon", "명": "myung", "기": "ki",
    "반": "ban", "왕": "wang", "금": "keum", "옥": "ok", "육": "yook", "인": "in", "맹": "maeng", "탁": "tak",
    "국": "kook", "은": "eun", "편": "pyun", "용": "yong", "라": "ra", "경": "kyung", "봉": "bong", "사": "sa",
    "남궁": "namgung", "황보": "hwangbo", "제갈": "jegal", "선우": "sunwoo", "독고": "dokgo",
}  # fmt: skip


def korean_family_name(hangul: str) -> str:
    """A Korean family name in Hangul as its bearers commonly spell it (김 -> kim, 이 -> lee, 박 -> park), else
    as a transliterator reads it."""
    return _KOREAN_FAMILY_SPELLINGS.get(hangul) or name(hangul)


# How the letters (jamo) of a Hangul syllable are spelt in Latin letters: the Revised Romanisation, McCune-
# Reischauer and the spellings people keep in their passports and on their cards (훈 hun / hoon, 현 hyeon /
# hyun, 영 yeong / young, 수 su / soo, 희 hui / hee, 성 seong / sung, 우 u / woo, 철 cheol / chul).
_INITIAL_SPELLINGS = (
    "g|k", "kk|gg|k", "n", "d|t", "tt|dd|t", "r|l|n", "m", "b|p", "pp|bb|p", "s|sh", "ss|s", "", "j|ch", "jj|tch|j",
    "ch|j", "k", "t", "p", "h",
)  # fmt: skip
_VOWEL_SPELLINGS = (
    "a", "ae|e", "ya", "yae|ye", "eo|u|o|uh", "e|ae", "yeo|yu|you|yo", "ye", "o", "wa", "wae|we", "oe|oi|we", "yo",
    "u|oo|woo|wu", "wo|weo", "we", "wi|wee", "yu|yoo", "eu|u|e", "ui|eui|ee|i|hee", "i|ee|y",
)  # fmt: skip
_FINAL_SPELLINGS = (
    "", "k|g", "k|kk", "k", "n", "n", "n", "t|d", "l|r", "k|l", "m", "l|p", "l", "l", "p", "l", "m", "p|b", "p",
    "t|s", "t|ss", "ng", "t|j", "t|ch", "k", "t", "p", "t|h",
)  # fmt: skip


def _syllable_spelling(syllable: str) -> str:
    index = ord(syllable) - 0xAC00
    initial, vowel, final = index // 588, (index % 588) // 28, index % 28
    onset = _INITIAL_SPELLINGS[initial]
    vowels = _VOWEL_SPELLINGS[vowel]
    coda = (
        _FINAL_SPELLINGS[final] or "h"
    )  # a syllable without a final consonant is now and then spelt with an h
    return f"(?:{onset})(?:{vowels})(?:{coda})?"


@lru_cache(maxsize=4096)
def _hangul_spellings(hangul: str) -> re.Pattern:
    return re.compile("".join(_syllable_spelling(syllable) for syllable in hangul))


def spelled_as_hangul(romanised: str, hangul: str) -> bool:
    """Whether a normalised name in Latin letters is a spelling of a name written in Hangul, syllable by
    syllable (hyphens and spaces between syllables left out): "ji hoon" and "jihun" are 지훈, "hyun woo" is 현우,
    "eun young" is not 지은. A family name is also one of its bearers' spellings (이: Lee, Yi, Rhee)."""
    letters = romanised.replace(" ", "").replace("-", "")
    if not letters.isascii() or not letters.isalpha() or not all_hangul(hangul):
        return False
    if (spelling := _KOREAN_FAMILY_SPELLINGS.get(hangul)) and names_equivalent(letters, spelling):
        return True
    return bool(_hangul_spellings(hangul).fullmatch(letters))


def _family_spellings(family: str) -> str:
    """A regular expression of a Hangul family name's spellings: its syllables' and its bearers' (Lee, Park)."""
    spelling = _KOREAN_FAMILY_SPELLINGS.get(family, "")
    root = _ROMANISATION_GROUP.get(spelling, spelling)
    forms = sorted(
        {form for form, group in _ROMANISATION_GROUP.items() if root and group == root} | {spelling} - {""}
    )
    syllables = "".join(_syllable_spelling(syllable) for syllable in family)
    return "|".join([*forms, syllables])


@lru_cache(maxsize=4096)
def _whole_name_spellings(family: str, given: str) -> re.Pattern:
    family_part, given_part = _family_spellings(family), _hangul_spellings(given).pattern
    return re.compile(f"(?:{family_part})(?:{given_part})|(?:{given_part})(?:{family_part})")


def whole_name_spelled_as_hangul(romanised: str, family: str, given: str) -> bool:
    """Whether a normalised name in Latin letters, family and given name read together in either order, spells
    a Korean name written in Hangul, wherever it was split ("min" / "ji kim" is 김민지, as "min ji" / "kim" is)."""
    letters = romanised.replace(" ", "").replace("-", "")
    if not letters.isascii() or not letters.isalpha() or not (all_hangul(family) and all_hangul(given)):
        return False
    return bool(_whole_name_spellings(family, given).fullmatch(letters))


# Vietnamese names are said family name first, then the middle name(s), then the given name, by which a person
# is called ("Nguyễn Văn An" is Mr An; "Trần Thị Thu Hà" is Ms Hà). A CRM splits them every way (first "An",
# last "Nguyễn Văn"; "Văn An" / "Nguyễn"; the order said, "Nguyễn" / "Văn An"; Western, "An" / "Nguyen"), and a
# whole name split at its first space puts the family name first. The family names (folded), commonest first,
# of which a few dozen cover nearly everyone (Nguyễn alone about 38 %); those that are also common given names
# (Hà, Mai, Lâm, Giang) are left out, as a word that might be either says nothing of the order. Folded, Đinh is
# also the middle name Đình and Hoàng a middle or given name: where both fields begin with a family name, a last
# name of one word is the family name ("Hoàng Trung" / "Phan"), else the commoner one is ("Lê" / "Đình Long",
# "Hoàng" / "Nguyễn Văn").
_VIETNAMESE_FAMILY_NAMES = {
    name: rank
    for rank, name in enumerate(
        (
            *(
                "nguyen",
                "tran",
                "le",
                "pham",
                "hoang",
                "huynh",
                "phan",
                "vu",
                "vo",
                "dang",
                "bui",
                "do",
                "ho",
            ),
            *(
                "ngo",
                "duong",
                "ly",
                "truong",
                "dinh",
                "doan",
                "trinh",
                "luong",
                "luu",
                "cao",
                "ta",
                "tang",
                "thai",
            ),
            *("chau", "quach", "vuong", "kieu", "trieu", "hua", "nghiem", "phung", "ton", "chu", "khuc"),
        )
    )
}
# How a shop or a cashier writes a regular customer: a form of address before the given name alone ("Anh
# Tuấn", "A. Tuấn", "Chị Hà", "C Hà", "Cô Lan"), folded. Chú (uncle) folds to the family name Chu ("Chu Hiếu"),
# which it is then read as.
_VIETNAMESE_FORMS_OF_ADDRESS = frozenset({"anh", "a", "chi", "c", "co", "bac", "em", "ong", "ba"})


def vietnamese_name_parts(first: str, last: str, *, whole: bool = False) -> tuple[str, str] | None:
    """The given name and the family name of a Vietnamese name however a record split it (normalised first
    and last names; `whole`: split from one name field, in the order written), "" for a family name a shop's
    form of address stands in for; None when the words are not read as a Vietnamese name (no family name
    begins either field, and no form of address begins two words)."""
    first_words, last_words = first.split(), last.split()
    if whole or not (first_words and last_words):
        return _vietnamese_name_written(first_words + last_words)
    rank = len(_VIETNAMESE_FAMILY_NAMES)
    first_rank = _VIETNAMESE_FAMILY_NAMES.get(first_words[0], rank)
    last_rank = _VIETNAMESE_FAMILY_NAMES.get(last_words[0], rank)
    if last_rank < rank and (last_rank <= first_rank or len(last_words) == 1):
        return first_words[-1], last_words[0]
    if first_rank < rank:
        return last_words[-1], first_words[0]
    return None


def _vietnamese_name_written(words: list[str]) -> tuple[str, str] | None:
    """A whole name in the order written: a form of address and a given name ("chi ha"), the family name
    first ("nguyen van an"), or last, in Western order ("ngoc anh tran": the given name is the word before it)."""
    if len(words) == 2 and words[0] in _VIETNAMESE_FORMS_OF_ADDRESS:
        return words[1], ""
    if len(words) >= 2 and words[0] in _VIETNAMESE_FAMILY_NAMES:
        return words[-1], words[0]
    if len(words) >= 2 and words[-1] in _VIETNAMESE_FAMILY_NAMES:
        return words[-2], words[-1]
    return None
