"""How often two people at one company share a full name, counted in the CRM's own records.

A lead with nothing but a name and a company (`personal_evidence`) is the CRM's record of that name there,
or another person of that name at that company whom the CRM does not hold. Which is likelier depends on
the name and the company: a rare name at a company the CRM holds one person of is almost surely that
person; "Jürgen Müller" at a German firm of forty is not. Name frequencies among *all* records understate
the second: colleagues share a country and a language, so they share names far more often than two random
records do (in a CRM of ten countries, about ten times as often). Both are measured here:

- a name's frequency among the live records (first and last name apart: counted jointly, one person's
  duplicate records would count as namesakes);
- how much likelier two records at one company share a first (last) name than two random records do, the
  concentration; never taken below 1.

The chance that a given colleague at the company carries the full name is then u = (k_first * f(first)) *
(k_last * f(last)), and the expected namesakes among the company's people is n_company * u, where the CRM's
head count at the company stands for the company's size (the candidate itself included: conservative). With
the share of inbound records that are in the CRM (pi, from the flow's model) and the chance that a person's
two records agree on both names (m, from the model), the probability that the writer is the candidate is

    pi * m / (pi * m + (1 - pi) * n_company * u).

Too few records, or too few colleagues to measure the concentration, and nothing is estimated (None).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_RECORDS = 1000  # below this, a name's frequency is mostly noise
MIN_COLLEAGUE_PAIRS = 200  # pairs of records at one company needed to measure the concentration


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


@dataclass(frozen=True)
class NameFrequencies:
    live: int  # every live record, names or not: what an inbound record could match
    records: int
    first: Counter
    last: Counter
    company: Counter
    first_concentration: float
    last_concentration: float

    def colleague_shares_name(self, first: str, last: str) -> float:
        """u: the chance that one given colleague at a company is called `first` `last`. A name the CRM
        holds no one of (a nickname as written) counts as held once: unseen is not impossible."""
        share_first = min(1.0, self.first_concentration * max(1, self.first[first]) / self.records)
        share_last = min(1.0, self.last_concentration * max(1, self.last[last]) / self.records)
        return share_first * share_last

    def namesakes(self, first: str, last: str, company: str) -> float:
        """Expected people of this full name at this company (its CRM head count, at least one, times u)."""
        return max(1, self.company[company]) * self.colleague_shares_name(first, last)

    def writer_probability(
        self, first: str, last: str, company: str, *, in_crm: float, names_m: float
    ) -> float:
        """The probability that a writer giving only this name and company is the CRM's one record of them."""
        matched = in_crm * names_m
        other = (1.0 - in_crm) * self.namesakes(first, last, company)
        return matched / (matched + other) if matched + other > 0 else 0.0


def measure(rows: Iterable[tuple[str, str, str]]) -> NameFrequencies | None:
    """The frequencies of (first name, last name, company name) rows, already normalised; rows missing any
    of the three are skipped. None when there are too few records or colleagues to measure."""
    rows = list(rows)
    live = len(rows)
    named = [
        (first_name, last_name, company_name)
        for first_name, last_name, company_name in rows
        if first_name
        and last_name
        and company_name
        and isinstance(first_name, str)
        and isinstance(last_name, str)
        and isinstance(company_name, str)
    ]
    # Counted a column at a time (a mirror holds tens of thousands of records): the counts of one loop.
    firsts, lasts, companies = (
        (list(column) for column in zip(*named, strict=True)) if named else ([], [], [])
    )
    first, last, company = Counter(firsts), Counter(lasts), Counter(companies)
    first_at = Counter(zip(companies, firsts, strict=True))
    last_at = Counter(zip(companies, lasts, strict=True))
    records = sum(company.values())
    colleague_pairs = sum(_pairs(count) for count in company.values())
    if records < MIN_RECORDS or colleague_pairs < MIN_COLLEAGUE_PAIRS:
        return None
    all_pairs = _pairs(records)

    def concentration(overall: Counter, at_company: Counter) -> float:
        random_rate = sum(_pairs(count) for count in overall.values()) / all_pairs
        colleague_rate = sum(_pairs(count) for count in at_company.values()) / colleague_pairs
        return max(1.0, colleague_rate / random_rate) if random_rate else 1.0

    return NameFrequencies(
        live=live,
        records=records,
        first=first,
        last=last,
        company=company,
        first_concentration=concentration(first, first_at),
        last_concentration=concentration(last, last_at),
    )
