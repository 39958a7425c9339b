"""Repairing the order of a fitted comparison's agreeing levels by pooling (isotonic estimation).

A closer level must not weigh more than a looser one: a typo'd first name is no better evidence than the
very same first name. Estimated weights break that order for a plain statistical reason: u of a looser
level comes from the few random pairs that land on it (often none, so its u is the smoothing floor), while
u of "exact" is inflated by common values (two random people called John). The constrained maximum
likelihood estimate under "closer weighs at least as much" pools the violating levels (the pool-adjacent-
violators rule): each pooled level keeps its own m, and u is shared out so that every level of the pool
weighs log2(sum m / sum u). Both distributions keep their totals, so the model stays a model.

Only agreeing levels are pooled. A model in which an agreeing level weighs less than "different" is not
repaired: agreement counting less than disagreement means the match class is wrong, and the checks refuse
it (`em.order_problems`).
"""

import math
from dataclasses import dataclass

from identity_app.em import FLOOR

MARGIN_BITS = 0.05  # a looser level this much heavier than a closer one is pooled (below: rounding noise)


@dataclass(frozen=True)
class Pooled:
    """Levels of one comparison that now share one weight, in words for the model's report."""

    attribute: str
    labels: tuple[str, ...]
    before: tuple[float, ...]
    weight: float

    def words(self) -> str:
        were = ", ".join(
            f"'{label}' {bits:+.1f}" for label, bits in zip(self.labels, self.before, strict=True)
        )
        return (
            f"{self.attribute}: {were} bits pooled to {self.weight:+.1f} bits each (a looser level may not "
            f"weigh more than a closer one)."
        )


def _is_similarity(label: str) -> bool:
    return label.startswith(("similarity >=", "within "))


def ordered_pairs(labels: list[str]) -> list[tuple[int, int]]:
    """(closer, looser) level pairs among the agreeing levels (all but the last, "different"): "exact"
    before every other agreeing level, and a higher similarity before a lower one. Levels of another kind
    (a nickname, an initial, a swapped date) are ranked against "exact" only."""
    agreeing = range(len(labels) - 1)
    pairs = [(0, level) for level in agreeing if level != 0]
    similarities = [level for level in agreeing if _is_similarity(labels[level])]
    pairs += [(a, b) for i, a in enumerate(similarities) for b in similarities[i + 1 :]]
    return pairs


def _bits(m: float, u: float) -> float:
    return math.log2(max(m, FLOOR) / max(u, FLOOR))


def pool(labels: list[str], m: list[float], u: list[float]) -> tuple[list[float], list[list[int]]]:
    """u with the agreeing levels that break the order pooled, and the pools of more than one level."""
    group_of = list(range(len(labels)))

    def members(group: int) -> list[int]:
        return [level for level, g in enumerate(group_of) if g == group]

    def weight(group: int) -> float:
        levels = members(group)
        return _bits(sum(m[level] for level in levels), sum(u[level] for level in levels))

    pairs = ordered_pairs(labels)
    changed = True
    while changed:
        changed = False
        for closer, looser in pairs:
            a, b = group_of[closer], group_of[looser]
            if a != b and weight(b) > weight(a) + MARGIN_BITS:
                group_of = [a if g == b else g for g in group_of]
                changed = True
                break
    repaired = list(u)
    pools = []
    for group in sorted(set(group_of)):
        levels = members(group)
        if len(levels) < 2:
            continue
        total_m, total_u = sum(m[level] for level in levels), sum(u[level] for level in levels)
        for level in levels:
            repaired[level] = m[level] * total_u / total_m if total_m > 0 else u[level]
        pools.append(levels)
    return repaired, pools


def repaired_u(
    attributes: list[str], labels: list[list[str]], m, u
) -> tuple[list[list[float]], list[Pooled]]:
    """Every comparison's u with its order repaired, and what was pooled (empty when nothing was)."""
    new_u, pooled = [], []
    for attribute, level_labels, m_levels, u_levels in zip(attributes, labels, m, u, strict=True):
        repaired, pools = pool(level_labels, list(m_levels), list(u_levels))
        new_u.append(repaired)
        for levels in pools:
            pooled.append(
                Pooled(
                    attribute=attribute,
                    labels=tuple(level_labels[level] for level in levels),
                    before=tuple(_bits(m_levels[level], u_levels[level]) for level in levels),
                    weight=_bits(m_levels[levels[0]], repaired[levels[0]]),
                )
            )
    return new_u, pooled
