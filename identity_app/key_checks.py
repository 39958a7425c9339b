"""Checks of a deterministic key against what its CRM record says, beyond the names alone.

The resolver keeps an email key beside the very same first name and another surname: a marriage changes the
surname and keeps the mailbox. That holds for a mailbox named after its person (akiko.yoshida@, a.yoshida@),
not for one that names nobody (eigyo@, desk7@, bestellung2@) or only the first name both share (akiko@):
handed from Akiko Yoshida to Akiko Nakamura with the role or the first name, it keeps neither surname.
"""

import re
from collections.abc import Callable

from anyascii import anyascii

from identity_app import (
    locale_words,
    normalise_companies,
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_text,
    organisations,
)

_LOCAL_WORDS = re.compile(r"[^a-z]+")
_TRAILING_DIGITS = re.compile(r"[._-]?\d+$")  # anna.berg7@: the name's mailbox, numbered by the employer
# German spellings of umlauts in mailboxes (mueller@ for Müller, whose normalised name is "muller").
_TRANSLITERATIONS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def _local_forms(address: str) -> list[str]:
    local = normalise_text.strip_accents(address.partition("@")[0].split("+", 1)[0].lower())
    plain = local
    for spelled, letter in _TRANSLITERATIONS:
        plain = plain.replace(spelled, letter)
    return [local, plain]


def mailbox_names_someone(address: str, names: list[tuple[str, str]]) -> bool:
    """Whether the address's local part carries a first name or a surname word of any of `names`
    (normalised first and last names), or an initial and a surname (jdoe@, j.doe@)."""
    words = [word for first, last in names for word in f"{first} {last}".split() if len(word) >= 2]
    for form in _local_forms(address):
        joined = _LOCAL_WORDS.sub("", form)
        if any(word in joined for word in words):
            return True
    return False


def surname_changed_on_impersonal_mailbox(inbound: dict, holder: dict, address: str, below: float) -> bool:
    """The same first name, a surname that clearly differs, and a mailbox that does not name the CRM
    record's surname: a mailbox handed on with a role or re-issued with the first name, or someone else's
    typed onto the record, not a person who married. A marriage keeps the mailbox made for the old name
    (sarah.jones@ on Sarah Jones's record, now Sarah Khan). A first name alone (sarah@, akiko@) is the
    successor's as much as the holder's, both being called so: a small company gives sarah@ to the next
    Sarah it hires. A mailbox made for the inbound record's own surname on a record of another surname
    (h.hill@ on Henry Taylor's record, given by Henry Hill) is as often an assistant's or a colleague's
    address typed onto the record as a stale name."""
    first, last = inbound.get("first_name"), inbound.get("last_name")
    held_first, held_last = holder.get("first_name"), holder.get("last_name")
    if not (first and last and held_first and held_last and "@" in address):
        return False
    if normalise_names.family_closeness(last, held_last) >= below or _surname_initial_of(last, held_last):
        return False
    if (
        normalise_names.name_closeness(first, held_last) >= below
        and normalise_names.name_closeness(last, held_first) >= below
    ):
        return False  # the family name first (ONO Yuki for Yuki Ono): the same name, not another surname
    return not mailbox_names_someone(address, [("", held_last)])


def personal_mailbox_at_home(inbound: dict, holder: dict, address: str) -> bool:
    """A free-mail address (a person's own account, never re-issued with a job) beside the holder's very home:
    the same street and postcode. Whoever writes so under another surname married or divorced; no successor
    inherits a personal mailbox and the house with it."""
    if "@" not in address or not normalise_emails.is_free_mail(address):
        return False
    street, held_street = inbound.get("street") or "", holder.get("street") or ""
    code, held_code = inbound.get("postcode") or "", holder.get("postcode") or ""
    if not (street and held_street and code and held_code):
        return False
    same_code = code == held_code or (code[:5].isdigit() and code[:5] == held_code[:5])
    same_street = (
        street == held_street or street.endswith(f" {held_street}") or held_street.endswith(f" {street}")
    )
    return same_code and same_street and bool(re.search(r"\d", street))


def surname_and_company_changed_on_work_mailbox(
    inbound: dict, holder: dict, address: str, below: float
) -> bool:
    """The same first name only, beside a surname and a company that both clearly differ, on a company's
    mailbox (not free mail): a marriage keeps the mailbox, but not at a company the record no longer names.
    Such a record carries someone else's address: a re-used event badge, a colleague's address typed in."""
    if "@" not in address or normalise_emails.is_free_mail(address):
        return False
    last, held_last = inbound.get("last_name"), holder.get("last_name")
    company, held_company = inbound.get("company_name"), holder.get("company_name")
    if not (last and held_last and company and held_company):
        return False
    if (
        normalise_names.family_closeness(last, held_last) >= below
        or _surname_initial_of(last, held_last)
        or _names_swapped(inbound, holder, below)
    ):
        return False
    if (
        not inbound.get("first_name")
        and normalise_names.name_closeness(last, holder.get("first_name") or "") >= below
    ):
        return False  # one name only, the holder's first name: "Ruth" signs so, and gives no surname at all
    if organisations.is_acronym_of(company, held_company) or organisations.is_acronym_of(
        held_company, company
    ):
        return False  # "VPS" for Vertex Peak Solutions: the company written as its initials
    return normalise_companies.company_similarity(company, held_company) < below


def _surname_initial_of(last: str, held_last: str) -> bool:
    """Whether the surname is written as the holder's surname's initial: "Ulla V." is how a product's member
    list or a chat shortens Ulla Valdez, not another surname (`family_closeness` weighs whole surnames)."""
    return len(last) == 1 and held_last[:1] == last


def _names_swapped(inbound: dict, holder: dict, below: float) -> bool:
    """Whether the record gives the holder's names the other way round (`normalise_names.names_swapped`)."""
    names = (inbound.get("first_name"), inbound.get("last_name"))
    held = (holder.get("first_name"), holder.get("last_name"))
    return all(names) and all(held) and normalise_names.names_swapped(names, held, below)


_DIGITS = re.compile(r"[0-9]+")


def household_mailbox(address: str, surnames: list[str]) -> bool:
    """Whether the address names a household by its surname, as English speakers name a family's shared
    mailbox: in the plural (thesmiths@, the.johnsons22@, thejoneses@ for Smith, Johnson, Jones), or with a word
    for the household after it (smithhome@, smith.household@, thesmithshome@). The word for family in an
    address (smith.family@) is found without the surname (`normalise_emails.is_role_address`)."""
    words = [word for surname in surnames if surname for word in surname.split() if len(word) >= 2]
    for form in _local_forms(address):
        joined = _DIGITS.sub("", _LOCAL_WORDS.sub("", form))
        bare = joined.removeprefix("the")
        if joined.startswith("the") and any(bare in (f"{w}s", f"{w}es") for w in words):
            return True
        if any(bare in (f"{w}{h}", f"{w}s{h}") for w in words for h in locale_words.HOUSEHOLD_WORDS):
            return True
    return False


def shared_household_mailbox(emails, held_emails, surnames: list[str]) -> str:
    """A mailbox both records give that is a household's (`household_mailbox`, or one with the word for family
    in it), or "": a home where two people of one surname write from one address."""
    held = set(held_emails or ())
    for address in emails or ():
        if address in held and (
            household_mailbox(address, surnames)
            or locale_words.is_family_local_part(address.partition("@")[0])
        ):
            return address
    return ""


def new_surname_on_own_mobile(
    inbound: dict,
    holder: dict,
    number: str,
    below: float,
    *,
    given_as_mobile: Callable[[], bool] | None = None,
) -> bool:
    """The very same first name, another surname, the same company, on a number that is a mobile by its
    numbering plan, a new mailbox at the employer's domain made of the new name, and the same date of birth
    on both records: a marriage keeps the mobile as it keeps the mailbox, and the new mailbox is the new
    name's, not a colleague's beside a shared office line. Without the birth date the shape is as much a
    company mobile (or a desk line) handed to the next holder of the role who shares the first name, with a
    mailbox of their own: nothing else on the two records tells the two apart, so it stays in review. A switchboard or a desk line (a fixed number, or a plan that does not tell mobiles apart,
    as in the US) stays shared evidence, and so does a mobile beside a first name that is only close
    (Huong/Hung) or another employer (a number given up and handed on). The caller checks that the number
    is not written with an extension.

    Where the plan cannot tell (the US, Mexico, Denmark), `given_as_mobile` may: whether the record gives the
    number in its mobile field and the CRM record does not hold it as its office line beside another number.
    A person writes their own phone under "Mobile"; a switchboard or a desk line is written under "Phone"."""
    first, last = inbound.get("first_name"), inbound.get("last_name")
    held_first, held_last = holder.get("first_name"), holder.get("last_name")
    company, held_company = inbound.get("company_name"), holder.get("company_name")
    if not (first and last and held_first and held_last and company and held_company):
        return False
    if first != held_first or normalise_names.name_closeness(last, held_last) >= below:
        return False
    if normalise_companies.company_similarity(company, held_company) < below:
        return False
    born, held_born = inbound.get("date_of_birth"), holder.get("date_of_birth")
    if not (born and born == held_born):
        return False
    if not normalise_phones.is_mobile_number(number) and not (
        given_as_mobile is not None and normalise_phones.may_be_mobile_number(number) and given_as_mobile()
    ):
        return False
    # The new name's own mailbox at the employer's domain, which the old record does not hold: a lead that
    # gives only a name beside a number is as often a colleague of the same first name on a shared line.
    held = [
        a
        for a in holder.get("emails") or ()
        if normalise_emails.is_key_email(a) and not normalise_emails.is_free_mail(a)
    ]
    domains = {normalise_emails.registrable_domain(a.rpartition("@")[2]) for a in held}
    return any(
        normalise_emails.is_key_email(a)
        and a not in held
        and normalise_emails.registrable_domain(a.rpartition("@")[2]) in domains
        and normalise_emails.name_made_user_name(
            _TRAILING_DIGITS.sub("", normalise_emails.user_name(a)), first, last
        )
        for a in inbound.get("emails") or ()
    )


def is_line_of_a_place(holder: dict, number: str, *, given_as_mobile: bool = False) -> bool:
    """Whether a number is a line of a place (a home's landline, an office's line) rather than a person's own:
    a fixed line by its plan, or, where the plan cannot tell (the US, Canada), one the CRM record lists
    before another of its numbers (an export lists the office and home phones before the mobile) and the
    inbound record does not give as its mobile (`given_as_mobile`)."""
    if normalise_phones.is_mobile_number(number) or given_as_mobile:
        return False
    if not normalise_phones.may_be_mobile_number(number):
        return True
    held = _numbers(holder)
    return number in held and held[-1] != number


def own_contacts_differ(inbound: dict, holder: dict, shared: list[str]) -> bool:
    """Whether the two records' own contacts say two people, the numbers in `shared` (lines of a place both
    give) aside: their mailboxes differ (`own_mailboxes_differ`), and each gives a valid number of its own and
    none agrees nor is the other mistyped (one slip). A father and his namesake son at one address, both
    answering the house phone, look exactly so; so do namesake colleagues on one office line. A record
    without a number of its own says too little: the same person with a new mailbox and the house phone is
    far commoner than a namesake at home."""
    own = [n for n in _numbers(inbound) if n not in shared and normalise_phones.is_valid_phone(n)]
    if not own:  # the holder's numbers need no look-up
        return False
    held_own = [n for n in _numbers(holder) if n not in shared and normalise_phones.is_valid_phone(n)]
    if not held_own or set(own) & set(held_own):
        return False
    if not own_mailboxes_differ(inbound, holder) and not _own_mobiles_beside_a_line(
        inbound, holder, shared, own + held_own
    ):
        return False
    # One number read in two countries ("33 4362 9258" without a country: Alabama's and Guadalajara's), or
    # mistyped by one slip, is the same number, not two people's.
    return not any(
        normalise_text.number_slip(ours, theirs) or normalise_phones.same_national_number(ours, theirs)
        for ours in own
        for theirs in held_own
    )


def _own_mobiles_beside_a_line(
    inbound: dict, holder: dict, shared: list[str], own_numbers: list[str]
) -> bool:
    """Whether both records give a line of a place (`shared`) and each its own mobile (every other number of
    theirs a mobile by its plan, or Mexican: `_own_mobile_by_plan`), with no mailbox to say otherwise: one
    of them gives none of a person's (none, or a role mailbox). Where a family firm's one line is answered by
    the owner and his son of the same name, their mobiles (their WhatsApp) are what tells them apart; a
    mailbox is often missing from a WhatsApp lead."""
    if not shared:
        return False
    if not all(_own_mobile_by_plan(n) for n in own_numbers):
        return False
    mailboxes = [a for a in inbound.get("emails") or () if normalise_emails.is_key_email(a)]
    held_mailboxes = [a for a in holder.get("emails") or () if normalise_emails.is_key_email(a)]
    return not (mailboxes and held_mailboxes)


# Mexico's ten-digit plan gives mobiles and landlines from the same ranges (no type by the number), and a
# lead's second number beside a firm's line there is its WhatsApp mobile; in the US and Canada, whose plan cannot
# tell either, it is as often the office's fax or another line.
_PLANS_OF_OWN_MOBILES = ("+52",)


def _own_mobile_by_plan(number: str) -> bool:
    """A mobile by its numbering plan, or a number of Mexico's plan (`_PLANS_OF_OWN_MOBILES`)."""
    return normalise_phones.is_mobile_number(number) or (
        number.startswith(_PLANS_OF_OWN_MOBILES) and normalise_phones.may_be_mobile_number(number)
    )


def line_of_a_place(inbound: dict, holder: dict, number: str, *, given_as_mobile: bool) -> bool:
    """Whether a key number is a line of a place (`is_line_of_a_place`) beside own contacts that say another
    person (`own_contacts_differ`): everyone at home answers the house phone; their own mobile and mailbox
    tell who. Not when both records give one date of birth: the relative of the same name at home is a
    father or a son, born a generation apart, while a person's mobile and mailbox change (a student's
    between an inquiry and an application)."""
    born = inbound.get("date_of_birth")
    if born and born == holder.get("date_of_birth"):
        return False
    return is_line_of_a_place(holder, number, given_as_mobile=given_as_mobile) and own_contacts_differ(
        inbound, holder, [number]
    )


def initial_on_line_of_a_place(inbound: dict, holder: dict, number: str, *, given_as_mobile: bool) -> bool:
    """Whether a key number is a line of a place (`is_line_of_a_place`) and the record's first name agrees
    with the holder's only as an initial, beside a surname written otherwise than the holder's ("mevr. E. De
    Backer-Jacobs" on Erik De Backer's home line): everyone at home answers the house phone, and "E." is his
    wife Els as well as him. The same surname as written, or a whole first name, keeps the key."""
    first, held_first = inbound.get("first_name"), holder.get("first_name")
    last, held_last = inbound.get("last_name"), holder.get("last_name")
    if not (first and held_first and last and held_last) or last == held_last:
        return False
    if normalise_names.name_match(first, held_first)[0] != "initial":
        return False
    return is_line_of_a_place(holder, number, given_as_mobile=given_as_mobile)


def _numbers(profile: dict) -> list[str]:
    return [n for n in profile.get("phones") or ([profile["phone"]] if profile.get("phone") else []) if n]


def own_mailboxes_differ(inbound: dict, holder: dict) -> bool:
    """Whether both records give a personal mailbox (no role or shared one) and none says the same person:
    no address both hold, and no mailbox name at two providers but one made of the names (jsmith@ at two
    providers is any J. Smith's; jsmith.photo@ is one person's)."""
    mailboxes = [a for a in inbound.get("emails") or () if normalise_emails.is_key_email(a)]
    held_mailboxes = [a for a in holder.get("emails") or () if normalise_emails.is_key_email(a)]
    if not mailboxes or not held_mailboxes or set(mailboxes) & set(held_mailboxes):
        return False
    if not normalise_emails.same_user_other_domain(mailboxes, held_mailboxes):
        return True
    first, last = inbound.get("first_name"), inbound.get("last_name")
    users = {normalise_emails.user_name(a) for a in mailboxes} & {
        normalise_emails.user_name(a) for a in held_mailboxes
    }
    return all(normalise_emails.name_made_user_name(user, first, last) for user in users)


def another_household_member(inbound: dict, holder: dict, below: float) -> bool:
    """Whether a CRM record holding the inbound record's phone is another member of the writer's family: the
    same surname (or a slip of it), and a first name that is clearly another (not a nickname, an initial or
    a typo of it). The number is then that household's, which the writer gives as theirs: a sibling, a
    spouse or a grown child on the family's line, at the family's address."""
    first, last = inbound.get("first_name"), inbound.get("last_name")
    held_first, held_last = holder.get("first_name"), holder.get("last_name")
    if not (first and last and held_first and held_last):
        return False
    if last != held_last and normalise_names.surname_closeness(last, held_last) < below:
        return False
    return normalise_names.name_closeness(first, held_first) < below and not normalise_names.name_slip(
        first, held_first
    )


_MAILBOX_SEPARATORS = frozenset("._-")
MIN_MISTYPED_MAILBOX = 6  # letters and separators: "jsmith" is the shortest mailbox a slip is read in


def _one_slip(left: str, right: str) -> str:
    """The characters one typing slip changes between two texts (a letter swapped with its neighbour, dropped,
    doubled or struck for another), or "" when they are not one slip apart."""
    if len(left) == len(right):
        diffs = [i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b]
        if len(diffs) == 1:
            return left[diffs[0]] + right[diffs[0]]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            i, j = diffs
            return left[i] + left[j] if (left[i], left[j]) == (right[j], right[i]) else ""
        return ""
    longer, shorter = (left, right) if len(left) > len(right) else (right, left)
    if len(longer) != len(shorter) + 1:
        return ""
    i = next((k for k, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter))
    return longer[i] if longer[:i] + longer[i + 1 :] == longer[:i] + shorter[i:] else ""


def mistyped_own_mailbox(inbound: dict, holder: dict) -> bool:
    """Whether the record's mailbox is the holder's own, mistyped on a phone's keyboard: at the same domain, one
    slip apart (edward.campbmll@ for edward.campbell@, snader@ for sander@), neither its first character nor a
    digit nor a separator changed (asmith@ beside jsmith@, jsmith2@ beside jsmith@, johnsmith@ or john_smith@
    beside john.smith@ may be a colleague's own: an intern of his father's name is given harry.kendrick@ beside
    harry_kendrick@), and not a mailbox made of the record's own names when those are
    not the holder's (Joan Smith's joan.smith@ is hers, not John Smith's john.smith@ mistyped)."""
    held = [a for a in holder.get("emails") or () if normalise_emails.is_key_email(a)]
    own = [a for a in inbound.get("emails") or () if normalise_emails.is_key_email(a)]
    first, last = inbound.get("first_name"), inbound.get("last_name")
    same_names = (first, last) == (holder.get("first_name"), holder.get("last_name"))
    for address in own:
        user, _, domain = address.lower().rpartition("@")
        if not same_names and normalise_emails.name_made_user_name(user, first, last):
            continue
        for other in held:
            other_user, _, other_domain = other.lower().rpartition("@")
            if other_domain != domain or min(len(user), len(other_user)) < MIN_MISTYPED_MAILBOX:
                continue
            if user[0] != other_user[0]:
                continue
            changed = _one_slip(user, other_user)
            if changed and not any(c.isdigit() or c in _MAILBOX_SEPARATORS for c in changed):
                return True
    return False


def own_aliases_beside_mobile(inbound: dict, holder: dict, number: str, below: float) -> bool:
    """Whether a mobile both records give is the holder's own and the two mailboxes at their company's domain
    are that person's aliases, not two colleagues' mailboxes: the number is a mobile by its numbering plan, both
    names are alike, and every address either record holds at a domain both hold one at is made of those very
    names and nothing else (wolfgang.franke@ and wfranke@, joerdis.brunner@ and j.brunner@ for Jördis Brunner:
    German firms deliver both forms to one person). A digit in one (thomas.mueller2@) is what a mail system
    gives a second holder of the name, so it keeps the two apart; a role mailbox (info@) names nobody."""
    if not number or not normalise_phones.is_mobile_number(number):
        return False
    names = (inbound.get("first_name") or "", inbound.get("last_name") or "")
    held = (holder.get("first_name") or "", holder.get("last_name") or "")
    if not all(names) or not all(held) or not normalise_names.names_alike(names, held, below):
        return False
    ours = _company_mailboxes(inbound.get("emails") or ())
    theirs = _company_mailboxes(holder.get("emails") or ())
    shared = set(ours) & set(theirs)
    if not shared:
        return False
    return all(
        any(normalise_emails.name_made_user_name(user, *pair) for pair in (names, held))
        for domain in shared
        for user in (*ours[domain], *theirs[domain])
    )


def _company_mailboxes(addresses) -> dict[str, list[str]]:
    """Registrable company domain -> the mailbox names a record holds there (free mail left out)."""
    found: dict[str, list[str]] = {}
    for address in addresses:
        if (
            not address
            or not normalise_emails.is_key_email(address)
            or normalise_emails.is_free_mail(address)
        ):
            continue
        user, _, host = address.lower().rpartition("@")
        found.setdefault(normalise_emails.registrable_domain(host), []).append(user)
    return found


def stored_id_names_other(names: tuple[str, str], held: tuple[str, str], below: float) -> str:
    """Why a record's names say that the CRM id another system stored for it is someone else's ("" when
    they may be the CRM record's person). A full name must not be another person's (a successor given the
    departed person's help-desk account keeps their id); a single name must be one of the record's, or a
    handle made of them (jsmith, john42, adam): what people call themselves on a help desk or a forum."""
    first, last = names
    if not any(held):
        return ""
    if normalise_emails.name_made_user_name(_letters(first + last), *held):
        return ""  # a handle read as two names ("mknight-dunn" for Michael Knight-Dunn)
    if first and last:
        if normalise_names.names_clearly_differ(names, held, below):
            return "the names are two people's"
        held_first = held[0]
        swapped = (
            normalise_names.name_closeness(first, held[1]) >= below
            and normalise_names.name_closeness(last, held_first) >= below
        )
        if held_first and not swapped and normalise_names.name_closeness(first, held_first) < below:
            return "the first names are two people's"
        return ""
    word = first or last
    if not word:
        return ""
    letters = _letters(word)
    if (
        not letters
        or any(name and normalise_names.name_closeness(letters, name) >= below for name in held)
        or any(name and letters.startswith(_letters(name)) for name in held)
    ):
        return ""
    return f"{word!r} is neither their name nor a handle made of it"


def _letters(text: str) -> str:
    """A name's or a handle's letters alone (john42 -> john, mknight-dunn -> mknightdunn)."""
    return re.sub(r"[^a-z]+", "", anyascii(text).lower())


def one_name_of_neither(inbound: dict, holder: dict, below: float) -> bool:
    """Whether a record gives one name only ("Paloma", or a caller ID's surname), the holder of its key both,
    and the one name is neither the holder's first name (nor its nickname or initial) nor their surname, nor
    similar to either: another person's name, where `normalise_names.names_clearly_differ` cannot tell with one part
    missing."""
    given = [name for name in (inbound["first_name"], inbound["last_name"]) if name]
    held = (holder["first_name"], holder["last_name"])
    if len(given) != 1 or not all(held):
        return False
    return not any(_one_name_agrees(given[0], name, below) for name in held)


def _one_name_agrees(word: str, name: str, below: float) -> bool:
    kind, similarity = normalise_names.name_match(word, name)
    return (
        normalise_names.name_closeness(word, name) >= below
        or kind not in ("similar", "different")
        or (kind == "similar" and similarity >= below)
    )
