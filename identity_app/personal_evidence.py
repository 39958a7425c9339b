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

Except where the CRM's own counts show the name is rare at that company (`name_frequency`): a name and a
company that agree exactly, nothing placing the two apart, link when the candidate is the writer with
probability `COMPANY_ONLY_PROBABILITY`. The bar is stricter than a flow's usual 0.99: no later email, phone
or birth date will ever check such a link, and at 0.99 one in a hundred would be a namesake colleague.

Where a place does agree, the same counts still weigh the name (`Resolver._namesake_colleague_likelier`):
with nothing personal in common, the very name at the very company counts as often as colleagues share
names, not as often as two random records do, and the candidate must still reach the flow's threshold.
"""

from dataclasses import dataclass

from identity_app.scoring import MISSING

NOTHING_PERSONAL = "nothing_personal"  # the veto's name in a candidate's `vetoed_by`
WORDS = "only the name and the company agree, nothing personal (email, phone, date of birth) does"


PLACE = ("city", "postcode", "street")
COMPANY_ONLY_PROBABILITY = 0.999
# The share of inbound records that are in the CRM is the model's (prior x live records); never above this,
# so an untrained flow's generous prior does not decide it.
MAX_SHARE_IN_CRM = 0.9


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
