"""Phone numbers for the identity generators: drawn at random, valid in a country's plan, never handed out twice."""

import random

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType


def fresh_number(rng: random.Random, region: str, kind, taken: set, *, random_digits: int) -> str:
    """A number of `kind` in `region`'s plan (E.164): the plan's example number with its last `random_digits`
    digits drawn from `rng` (its first two always kept), valid, a mobile where a mobile is asked for, and not in
    `taken` (it is added there)."""
    example = phonenumbers.example_number_for_type(region, kind)
    national = str(example.national_number)
    keep = max(2, len(national) - random_digits)
    while True:
        digits = national[:keep] + "".join(str(rng.randint(0, 9)) for _ in national[keep:])
        parsed = phonenumbers.parse(f"+{example.country_code}{digits}")
        if not phonenumbers.is_valid_number(parsed):
            continue
        if kind == PhoneNumberType.MOBILE and phonenumbers.number_type(parsed) not in (
            PhoneNumberType.MOBILE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ):
            continue
        text = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
        if text not in taken:
            taken.add(text)
            return text
