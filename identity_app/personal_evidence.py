"""When nothing personal agrees, the company may not carry a person's link.

Two people of one name at one company look alike on everything a lead form without an email or a phone
gives. Company agreement is what colleagues share; it says "same company", not "same person". So a person
record whose best candidate agrees on nothing personal (no email, phone or date of birth in common; a phone
several CRM records hold is a switchboard, not personal) does not link on its own when:
- the company names are only similar, not the same (after legal forms): a similar name is another firm as
  often as a typo ("Möller Logistik" / "Müller Logistik"), or
- nothing places the two records together either (no city, postcode or street in common): a name and a
  company alone are how namesake colleagues look.
The record goes to review with that said. A sales-ops team reads it as: "a lead with only a name and a
company is checked by a person".
"""

from dataclasses import dataclass

from identity_app.scoring import MISSING

NOTHING_PERSONAL = "nothing_personal"  # the veto's name in a candidate's `vetoed_by`
WORDS = "only the name and the company agree, nothing personal (email, phone, date of birth) does"


PLACE = ("city", "postcode", "street")


@dataclass(frozen=True)
class CompanyOnlyCheck:
    personal: tuple[int, ...]  # comparison indices of personal evidence (emails, phone, date of birth)
    place: tuple[int, ...]  # comparison indices of where the person is (city, postcode, street)
    company: int  # the company-name comparison's index

    def fires(self, scorer, levels: tuple[int, ...], not_personal: tuple[int, ...] = ()) -> bool:
        """Whether a candidate with these levels leans on the company alone (`scorer`: the flow's `Scorer`).
        `not_personal`: comparisons that agree on something shared this time (a switchboard number several CRM
        records hold), which say "same company" too."""
        if any(levels[index] == 0 for index in self.personal if index not in not_personal):
            return False
        company = levels[self.company]
        if company == MISSING or company == scorer.different[self.company]:
            return False  # the company does not carry this candidate
        if company != 0:
            return True  # a similar company name beside nothing personal
        return not any(levels[index] == 0 for index in self.place)


def company_only_check(scorer, *, personal: list[int]) -> CompanyOnlyCheck | None:
    """The check for a people flow's scorer (None when it compares no company name or nothing personal)."""
    company = scorer.level_index("company_name")
    if company is None or not personal:
        return None
    place = tuple(index for attribute in PLACE if (index := scorer.level_index(attribute)) is not None)
    return CompanyOnlyCheck(personal=tuple(personal), place=place, company=company)
