"""A person's name as Dutch and Flemish records keep it in parts: the initials of every official given name
("Voorletters": "J.P.M."), the name the person goes by ("Roepnaam": "Hans", beside the official "Johannes"),
and the surname's particle apart from it ("Tussenvoegsel": "van den" beside "Berg"). Read together they are
the first and last names the rest of the resolver compares: the particle goes before the surname, and a record
with no first name gives the call name, else the initials, in its place. A surname field that a clerk filled
with the whole name ("mevr. E. de Graaf-van Vliet": a form of address, the initials, the surname), the first
name left empty, gives its initials as the first name."""

import re

from identity_app import normalise_text

INITIALS_FIELD = "initials"
PARTICLE_FIELD = "name_particle"
CALL_NAME_FIELD = "preferred_name"  # the name the person goes by, read as other exports' "Preferred name" is

# A form of address (Dutch "dhr.", "mevr.", "mw.", Flemish "de heer", "mevrouw"), then initials, then the surname.
_INITIALS_BEFORE_SURNAME = re.compile(
    r"^\s*(?:(?:dhr|mevr|mw|mevrouw|de\s+heer|heer|mr|mrs|ms)\.?\s+)?((?:[A-Z]\.\s*){1,5})\s*(?=[^\W\d]{2})",
    re.IGNORECASE,
)


def _text(value) -> str:
    return value.strip() if type(value) is str else ""


def _present(values: dict, fields: list[str]) -> tuple[str, str]:
    """The first of `fields` that holds a text, and that text (the first field and "" when none does)."""
    for field in fields:
        if text := _text(values.get(field)):
            return field, text
    return (fields[0] if fields else ""), ""


def with_name_parts(values: dict, first_fields: list[str], last_fields: list[str]) -> dict:
    """`values` with its name parts read into its first- and last-name fields (the module's rules); the same
    dict when the record keeps no such parts."""
    particle = _text(values.get(PARTICLE_FIELD))
    call_name, initials = _text(values.get(CALL_NAME_FIELD)), _text(values.get(INITIALS_FIELD))
    first_field, first = _present(values, first_fields)
    last_field, last = _present(values, last_fields)
    if not first_field or not last_field:
        return values
    read = {}
    if not first and last and (written := _INITIALS_BEFORE_SURNAME.match(last)):
        read[first_field] = first = written.group(1).strip()
        read[last_field] = last = last[written.end() :].strip()
    if particle and last and not _starts_with(last, particle):
        read[last_field] = f"{particle} {last}"
    if not first and (call_name or initials):
        read[first_field] = call_name or initials
    return {**values, **read} if read else values


def _starts_with(surname: str, particle: str) -> bool:
    """Whether the surname is written with its particle already ("van den Berg", "Van den Berg")."""
    written, start = " ".join(normalise_text.words_of(surname)), " ".join(normalise_text.words_of(particle))
    return written == start or written.startswith(f"{start} ")


def initials_letters(written) -> str:
    """The letters of initials as written ("J.P.M.", "j p m", "JPM" -> "jpm"), "" when it is no run of two
    initials or more."""
    if not written:
        return ""
    words = normalise_text.words_of(written)
    if len(words) == 1 and len(words[0]) <= 4 and type(written) is str and written.strip().isupper():
        words = list(words[0])  # "JPM": initials written without dots
    letters = "".join(words)
    return letters if len(words) >= 2 and all(len(word) == 1 for word in words) else ""


def other_initials(initials: str, held_first_name: str) -> bool:
    """Whether a record's initials of all its official given names (`initials_letters`) and a CRM record's first
    name written as initials only ("b a", two or more) are another person's: neither run begins the other. A
    person's initials never change; a call name may be any of the given names, so only initials against
    initials tell."""
    return initials_agree(initials, held_first_name) is False


def initials_agree(initials: str, held_first_name: str) -> bool | None:
    """Whether a record's initials (`initials_letters`) and a CRM first name written as initials only begin
    alike (one run begins the other: "C.C." and "C."); None when either gives none."""
    held = initials_letters(held_first_name or "")
    if not (initials and held):
        return None
    return held.startswith(initials) or initials.startswith(held)


def name_part_fields() -> tuple[str, ...]:
    """The fields this module reads beside the attribute map's."""
    return (INITIALS_FIELD, PARTICLE_FIELD, CALL_NAME_FIELD)
