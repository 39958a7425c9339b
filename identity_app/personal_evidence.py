"""When nothing personal agrees, the company may not carry a person's link.

Two people of one name at one company look alike on everything a lead form without an email or a phone
gives: the name, the company, the city. Company agreement is what colleagues share; it says "same company",
not "same person". So a person record whose best candidate agrees on nothing personal (no email, phone or
date of birth in common) links on its own only when:
- the company, if compared, is the very same name (after legal forms): a similar one is another firm as
  often as a typo ("Möller Logistik" / "Müller Logistik"), and
- the rest of the evidence (the names, the city, ...) reaches the auto-link threshold without the employer
  comparisons' positive weight.
Otherwise the record goes to review with that said. A sales-ops team reads it as: "a lead with only a name
and a company is checked by a person unless the name and place alone are convincing".
"""

from dataclasses import dataclass

from identity_app.scoring import MISSING

NOTHING_PERSONAL = "nothing_personal"  # the veto's name in a candidate's `vetoed_by`
WORDS = "only the name and the company agree, nothing personal (email, phone, date of birth) does"


@dataclass(frozen=True)
class CompanyOnlyCheck:
    personal: tuple[int, ...]  # comparison indices of personal evidence (emails, phone, date of birth)
    employer: tuple[int, ...]  # comparison indices of employer evidence (company, email domain, company id)
    company: int | None  # the company-name comparison's index
    threshold: float

    def fires(self, scorer, levels: tuple[int, ...]) -> bool:
        """Whether a candidate with these levels leans on the company alone (`scorer`: the flow's `Scorer`)."""
        if any(levels[index] == 0 for index in self.personal):
            return False
        company = levels[self.company] if self.company is not None else MISSING
        if company not in (MISSING, 0) and company != scorer.different[self.company]:
            return True  # a similar company name beside nothing personal
        employer_weight = sum(
            max(scorer.weights[index][levels[index]], 0.0)
            for index in self.employer
            if levels[index] != MISSING
        )
        if employer_weight <= 0:
            return False
        return scorer.probability(scorer.total(levels) - employer_weight) < self.threshold


def company_only_check(scorer, *, personal: list[int], threshold: float) -> CompanyOnlyCheck | None:
    """The check for a people flow's scorer (None when it compares no employer attribute)."""
    employer = tuple(i for i, comparison in enumerate(scorer.comparisons) if comparison.get("employer"))
    if not employer or not personal:
        return None
    company = scorer.level_index("company_name")
    return CompanyOnlyCheck(personal=tuple(personal), employer=employer, company=company, threshold=threshold)
