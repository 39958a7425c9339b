"""Expectation-maximisation of Fellegi-Sunter m/u probabilities over blocked candidate pairs (plain Python).

Each pair is a tuple of level indices, one per comparison (`scoring.MISSING` where a side has no value).
Identical tuples are counted once with their multiplicity, so a run over millions of pairs is a loop over
the few hundred patterns that actually occur.
"""

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field

from identity_app.scoring import MISSING, PROBABILITY_FLOOR

FLOOR = PROBABILITY_FLOOR


@dataclass
class Estimate:
    m: list[list[float]]
    u: list[list[float]]
    prior: float
    iterations: int
    converged: bool
    pairs: int
    pooled: list = field(default_factory=list)  # `level_order.Pooled`: levels whose order was repaired


def _normalised(counts: list[float]) -> list[float]:
    total = sum(counts)
    if total <= 0:
        return [1.0 / len(counts)] * len(counts)
    floored = [max(count / total, FLOOR) for count in counts]
    scale = sum(floored)
    return [value / scale for value in floored]


def _likelihood(pattern: tuple[int, ...], probabilities: list[list[float]]) -> float:
    result = 1.0
    for index, level in enumerate(pattern):
        if level != MISSING:
            result *= probabilities[index][level]
    return result


def estimate(
    pairs,
    *,
    level_counts: list[int],
    initial_m: list[list[float]],
    initial_u: list[list[float]],
    initial_prior: float = 0.1,
    max_iterations: int = 200,
    tolerance: float = 1e-7,
    fixed_u: bool = False,
    fixed_m: frozenset[int] = frozenset(),
) -> Estimate:
    """Estimate m, u and the prior share of matches among `pairs` (an iterable of level tuples, or a Counter
    of them with their multiplicities). The m of the comparisons in `fixed_m` stays as given."""
    patterns = pairs if isinstance(pairs, Counter) else Counter(tuple(pair) for pair in pairs)
    total_pairs = sum(patterns.values())
    m = [_normalised(list(levels)) for levels in initial_m]
    u = [_normalised(list(levels)) for levels in initial_u]
    prior = min(max(initial_prior, FLOOR), 1 - FLOOR)
    if total_pairs == 0:
        return Estimate(m=m, u=u, prior=prior, iterations=0, converged=False, pairs=0)

    iterations, converged = 0, False
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported after the loop
        m_counts = [[0.0] * count for count in level_counts]
        u_counts = [[0.0] * count for count in level_counts]
        expected_matches = 0.0
        for pattern, multiplicity in patterns.items():
            match_likelihood = prior * _likelihood(pattern, m)
            non_match_likelihood = (1 - prior) * _likelihood(pattern, u)
            posterior = match_likelihood / (match_likelihood + non_match_likelihood)
            expected_matches += posterior * multiplicity
            for index, level in enumerate(pattern):
                if level != MISSING:
                    m_counts[index][level] += posterior * multiplicity
                    u_counts[index][level] += (1 - posterior) * multiplicity
        new_m = [
            m[index] if index in fixed_m else _normalised(counts) for index, counts in enumerate(m_counts)
        ]
        new_u = u if fixed_u else [_normalised(counts) for counts in u_counts]
        new_prior = min(max(expected_matches / total_pairs, FLOOR), 1 - FLOOR)
        change = max(
            abs(new_prior - prior),
            *(abs(a - b) for new, old in zip(new_m, m, strict=True) for a, b in zip(new, old, strict=True)),
            *(abs(a - b) for new, old in zip(new_u, u, strict=True) for a, b in zip(new, old, strict=True)),
        )
        m, u, prior = new_m, new_u, new_prior
        if change < tolerance:
            converged = True
            break
    if not fixed_u:
        m, u, prior = _matches_class_first(m, u, prior)
    return Estimate(m=m, u=u, prior=prior, iterations=iterations, converged=converged, pairs=total_pairs)


def u_from_random_pairs(pairs, *, level_counts: list[int]) -> list[list[float]]:
    """P(level | non-match) from random pairs, with add-one smoothing so no level is impossible."""
    counts = [[1.0] * count for count in level_counts]
    # Random pairs repeat a few patterns (most disagree on nearly everything): each pattern counted once,
    # by how often it occurs (whole numbers: the same sums as one pair at a time).
    for pair, times in Counter(map(tuple, pairs)).items():
        for index, level in enumerate(pair):
            if level != MISSING:
                counts[index][level] += times
    return [_normalised(levels) for levels in counts]


def _matches_class_first(m, u, prior):
    """EM does not know which class is "match": it is the one whose full agreement weighs more."""
    agreement = sum(math.log(m_levels[0] / u_levels[0]) for m_levels, u_levels in zip(m, u, strict=True))
    if agreement >= 0:
        return m, u, prior
    return u, m, 1 - prior


# -- seeding m from the pairs the keys decide ----------------------------------------------------------------


MIN_LABELLED_PAIRS = 50  # labelled pairs a comparison needs before its m is taken from them


def m_from_labelled_pairs(
    pairs, *, level_counts: list[int], fallback_m: list[list[float]], skip: frozenset[int] = frozenset()
) -> tuple[list[list[float]], frozenset[int]]:
    """P(level | match) counted over pairs a deterministic key decided (labelled matches), with add-one
    smoothing, and the comparisons observed on enough of them (MIN_LABELLED_PAIRS) to trust. Comparisons in
    `skip` (the keys themselves: they agree on every such pair by construction) and comparisons the
    labelled pairs never observe keep `fallback_m`."""
    counts = [[1.0] * count for count in level_counts]
    seen = [0] * len(level_counts)
    for pair in pairs:
        for index, level in enumerate(pair):
            if level != MISSING and index not in skip:
                counts[index][level] += 1
                seen[index] += 1
    trusted = frozenset(index for index, count in enumerate(seen) if count >= MIN_LABELLED_PAIRS)
    m = [
        _normalised(levels) if index in trusted else list(fallback_m[index])
        for index, levels in enumerate(counts)
    ]
    return m, trusted


def level_observations(patterns: Counter, level_counts: list[int]) -> list[list[int]]:
    """How many pairs sat on each level of each comparison."""
    observed = [[0] * count for count in level_counts]
    for pattern, multiplicity in patterns.items():
        for index, level in enumerate(pattern):
            if level != MISSING:
                observed[index][level] += multiplicity
    return observed


def posterior(pattern: tuple[int, ...], m, u, prior: float) -> float:
    match_likelihood = prior * _likelihood(pattern, m)
    non_match_likelihood = (1 - prior) * _likelihood(pattern, u)
    total = match_likelihood + non_match_likelihood
    return match_likelihood / total if total > 0 else 0.0


def weight_bits(m: float, u: float) -> float:
    return math.log2(max(m, FLOOR) / max(u, FLOOR))


# -- checking a fitted model before it is used ---------------------------------------------------------------

MIN_LEVEL_PAIRS = 20  # a level seen on fewer pairs is not judged (its estimate is mostly the starting value)
ORDER_TOLERANCE_BITS = 0.5  # neighbouring similarity levels may swap by this much without meaning anything
# A record has one CRM record (two where the CRM holds it twice); namesakes with nothing else to compare
# tie legitimately, so only a clearly broader class is refused.
MAX_MATCHES_PER_RECORD = 3.0
MAX_OTHER_NAME_MATCHES = 0.1  # share of called matches whose first and last names both clearly differ
MAX_UNDECIDED_SHARE = 0.25  # pairs the model cannot call either way (0.1 < p < 0.9)
MIN_KEY_AGREEMENT = 0.9
MIN_KEY_PAIRS = 20


@dataclass
class LevelReport:
    label: str
    m: float
    u: float
    weight: float
    pairs: int

    @property
    def words(self) -> str:
        return level_in_words(self.label, self.weight, self.pairs)


@dataclass
class ComparisonReport:
    attribute: str
    levels: list[LevelReport]

    def as_dict(self) -> dict:
        return {
            "attribute": self.attribute,
            "levels": [
                {
                    "label": level.label,
                    "m": round(level.m, 6),
                    "u": round(level.u, 6),
                    "weight": round(level.weight, 2),
                    "pairs": level.pairs,
                    "words": level.words,
                }
                for level in self.levels
            ],
        }


@dataclass
class ModelCheck:
    """A fitted model's report: each comparison's weights, and why it may not be used (`problems`)."""

    comparisons: list[ComparisonReport]
    problems: list[str]
    prior: float
    pairs: int
    records: int
    matches_per_record: float | None
    undecided_share: float | None
    key_pairs: int
    key_agreement: float | None
    notes: list[str]

    @property
    def accepted(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.accepted:
            return f"Model accepted: fitted on {self.pairs} candidate pairs of {self.records} records."
        return "Model refused, the previous weights stay in use: " + " ".join(self.problems)

    def as_dict(self) -> dict:
        return {
            "accepted": self.accepted,
            "summary": self.summary(),
            "problems": self.problems,
            "notes": self.notes,
            "prior": self.prior,
            "pairs": self.pairs,
            "records": self.records,
            "matches_per_record": self.matches_per_record,
            "undecided_share": self.undecided_share,
            "key_pairs": self.key_pairs,
            "key_agreement": self.key_agreement,
            "comparisons": [comparison.as_dict() for comparison in self.comparisons],
        }


def times(bits: float) -> str:
    factor = 2 ** abs(bits)
    return f"{factor:,.0f}" if factor >= 10 else f"{factor:.1f}"


def level_in_words(label: str, weight: float, pairs: int | None = None) -> str:
    """One level's weight as a sentence a sales-ops admin can check against common sense."""
    if abs(weight) < 0.5:
        said = f"{label}: says almost nothing either way ({weight:+.1f} bits)"
    elif weight > 0:
        said = f"{label}: a match becomes {times(weight)} times more likely ({weight:+.1f} bits)"
    else:
        said = f"{label}: a match becomes {times(weight)} times less likely ({weight:+.1f} bits)"
    if pairs is not None and pairs < MIN_LEVEL_PAIRS:
        said += f"; seen on only {pairs} pair(s), so not judged"
    return said


def comparison_reports(attributes, labels, m, u, observed=None) -> list[ComparisonReport]:
    reports = []
    for index, attribute in enumerate(attributes):
        reports.append(
            ComparisonReport(
                attribute=attribute,
                levels=[
                    LevelReport(
                        label=label,
                        m=m[index][level],
                        u=u[index][level],
                        weight=weight_bits(m[index][level], u[index][level]),
                        pairs=observed[index][level] if observed else MIN_LEVEL_PAIRS,
                    )
                    for level, label in enumerate(labels[index])
                ],
            )
        )
    return reports


def _is_similarity(label: str) -> bool:
    return label.startswith(("similarity >=", "within "))


def order_problems(reports: list[ComparisonReport]) -> list[str]:
    """Closer levels must not weigh less than farther ones: exact agreement never less than any other level,
    no level less than "different" (agreement never less than disagreement), and a higher similarity never
    less than a lower one. Levels of another kind (a nickname, an initial, a swapped date) are not ranked
    against the similarity levels. Levels seen on too few pairs are not judged."""
    problems = []
    for report in reports:
        judged = [level for level in report.levels if level.pairs >= MIN_LEVEL_PAIRS]
        if len(judged) < 2:
            continue
        levels = report.levels
        first, last = levels[0], levels[-1]
        if first in judged and last in judged and first.weight < last.weight:
            problems.append(
                f"{report.attribute}: '{first.label}' weighs {first.weight:+.1f} bits, less than "
                f"'{last.label}' at {last.weight:+.1f} bits; agreeing cannot count less than disagreeing."
            )
            continue
        similarities = [level for level in judged if _is_similarity(level.label)]
        ordered = [
            *((first, other) for other in judged if first in judged and other is not first),
            *((other, last) for other in judged if last in judged and other is not last),
            *itertools.combinations(similarities, 2),
        ]
        for closer, farther in ordered:
            if closer.weight + ORDER_TOLERANCE_BITS < farther.weight:
                problems.append(
                    f"{report.attribute}: '{farther.label}' weighs {farther.weight:+.1f} bits, more than "
                    f"the closer '{closer.label}' at {closer.weight:+.1f} bits."
                )
                break
    return problems


@dataclass
class Separation:
    matches_per_record: float  # candidates called a match (p >= 0.5) per inbound record with candidates
    undecided_share: float  # share of pairs the model cannot call either way (0.1 < p < 0.9)
    other_name_share: float | None  # share of called matches whose first and last names both clearly differ


def separation(
    patterns: Counter, m, u, prior: float, records: int, names=(), keys=frozenset(), vetoed=frozenset()
) -> Separation:
    """How the model splits the blocked pairs; `names` holds (index, "different" level) of the first- and
    last-name comparisons, if the flow has them. Pairs that agree on a key (`keys`: comparison indices) are
    left out of the other-name share: a key held by someone else is the key rules' business. Pairs at a level
    the flow's vetoes stop (`vetoed`: (comparison index, level index)) are no match the model can make, and
    are not counted as matches."""
    total = sum(patterns.values())
    matches = undecided = other_names = 0
    named_matches = 0
    for pattern, multiplicity in patterns.items():
        probability = posterior(pattern, m, u, prior)
        if probability >= 0.5 and not any(pattern[index] == level for index, level in vetoed):
            matches += multiplicity
            named_matches += multiplicity if not any(pattern[index] == 0 for index in keys) else 0
            on_key = any(pattern[index] == 0 for index in keys)
            if names and not on_key and all(pattern[index] == different for index, different in names):
                other_names += multiplicity
        if 0.1 < probability < 0.9:
            undecided += multiplicity
    return Separation(
        matches_per_record=matches / max(records, 1),
        undecided_share=undecided / max(total, 1),
        other_name_share=other_names / named_matches if names and named_matches else None,
    )


def separation_problems(split: Separation) -> list[str]:
    problems = []
    matches_per_record, undecided_share = split.matches_per_record, split.undecided_share
    if split.other_name_share is not None and split.other_name_share > MAX_OTHER_NAME_MATCHES:
        problems.append(
            f"{split.other_name_share:.0%} of the pairs the model calls a match have other first and last "
            f"names: its match class is a broader group, such as 'same company', not 'same person'."
        )
    if matches_per_record > MAX_MATCHES_PER_RECORD:
        problems.append(
            f"The model calls {matches_per_record:.1f} CRM records per inbound record a match, where a "
            f"record has one (two if the CRM holds it twice): its match class is a broader group, such as "
            f"'same company', not 'same person'."
        )
    if undecided_share > MAX_UNDECIDED_SHARE:
        problems.append(
            f"{undecided_share:.0%} of the candidate pairs sit between p=0.1 and p=0.9: the match class "
            f"does not separate from the non-matches."
        )
    return problems


def key_agreement_problem(agreeing: int, checked: int) -> str:
    share = agreeing / checked
    if share >= MIN_KEY_AGREEMENT:
        return ""
    return (
        f"Without the keys, the model picks the record a key decided for only {agreeing} of {checked} "
        f"key-decided records ({share:.0%}, at least {MIN_KEY_AGREEMENT:.0%} needed): it disagrees with "
        f"the keys."
    )
