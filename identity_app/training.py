"""Fitting a flow's comparison weights, and checking a model before it is used.

The pairs the deterministic keys decide (a unique email, phone or external id, not contradicted by the rest
of the record) are labelled matches: they seed the m-probabilities. u comes from random mirror pairs (nearly
all non-matches). EM then runs over every blocked (inbound, CRM record) pair. The fitted model is refused
when a closer level weighs less than a farther one, when its match class does not separate from the
non-matches, or when, without the keys, it disagrees with the keys on the records they decided.
"""

import dataclasses
import functools
import random
from collections import Counter
from dataclasses import dataclass, field

from crmhub.core.gc_pause import collector_paused
from identity_app import em, level_order
from identity_app.attributes import PERSONAL_IDENTIFIER, EntityKind
from identity_app.models import KeyName
from identity_app.resolver import Resolver
from identity_app.scoring import MISSING, comparison_levels

RANDOM_PAIRS_FOR_U = 5000
MIN_RANDOM_PAIRS = 100
TRAINING_SAMPLE = 2000  # records: about 40,000 blocked pairs of people, plenty for the weights
MIN_RECORDS = 50  # inbound records with candidates a fit needs
BATCH_SIZE = 1000
KEY_METHODS = frozenset({KeyName.EXTERNAL_ID, KeyName.EMAIL, KeyName.PHONE, KeyName.LEI})


PERSON_KEY_ATTRIBUTES = frozenset({"emails", "phone"})


def key_attributes(rules) -> frozenset[str]:
    """Attributes a deterministic key of these rules compares (an organisation's web domain is one)."""
    domain = KeyName.DOMAIN if hasattr(KeyName, "DOMAIN") else None
    numbers = {f"extra.{name}" for name, kind in rules.attribute_types.items() if kind == PERSONAL_IDENTIFIER}
    return (
        PERSON_KEY_ATTRIBUTES
        | ({"email_domain"} if domain and domain in rules.key_precedence else set())
        | numbers
    )


# The vetoes that stop a link whatever its score when a comparison is at its "different" level.
_DIFFERENT_LEVEL_VETOES = frozenset({"no_disagreement", "not_clearly_different"})


def vetoed_levels(rules) -> frozenset[tuple[int, int]]:
    """(comparison index, level index) of the "different" levels at which an organisation flow's vetoes stop
    any link by score (a clearly different name, another city): two organisations there are never linked as
    one, so the model calling them a match does not make its match class broader (`em.separation`). People's
    name vetoes are lifted by evidence (a nickname, a swap, a slip confirmed): none is listed for them."""
    if rules.entity_kind != EntityKind.ORGANISATION:
        return frozenset()
    vetoed = {veto["attribute"] for veto in rules.vetoes if veto.get("require") in _DIFFERENT_LEVEL_VETOES}
    return frozenset(
        (index, len(comparison_levels(comparison)) - 1)
        for index, comparison in enumerate(rules.comparisons)
        if comparison["attribute"] in vetoed
    )


def is_key_comparison(comparison: dict, keys: frozenset[str] = PERSON_KEY_ATTRIBUTES) -> bool:
    """Comparisons on the deterministic keys themselves: they agree on every key-decided pair."""
    attribute = comparison["attribute"]
    return attribute in keys or attribute.startswith("external_ids.")


@dataclass
class TrainingData:
    """What fitting and checking need, gathered in one pass over the records (its size is bounded by the
    number of distinct level patterns and of key-decided records, not by the blocked pairs)."""

    patterns: Counter = field(default_factory=Counter)
    em_patterns: Counter = field(default_factory=Counter)
    records: int = 0
    records_with_pairs: int = 0
    labelled: list[tuple[int, ...]] = field(default_factory=list)
    # per key-decided record: the key's CRM id and the levels of every blocked candidate
    key_groups: list[tuple[str, dict[str, tuple[int, ...]]]] = field(default_factory=list)
    random_pairs: list[tuple[int, ...]] = field(default_factory=list)
    mirror_records: int = 0  # live CRM records each inbound record could have been compared with
    key_attributes: frozenset[str] = PERSON_KEY_ATTRIBUTES
    vetoed_levels: frozenset[tuple[int, int]] = frozenset()  # `vetoed_levels` of the flow's rules
    # `key_rivals` of `key_groups` by the key comparisons masked: every model checked reads the same
    _rivals: dict = field(default_factory=dict, repr=False, compare=False)

    def key_rivals(self, keys: frozenset[int]) -> list[tuple]:
        found = self._rivals.get(keys)
        if found is None or found[0] != len(self.key_groups):  # key groups added since: made again
            found = self._rivals[keys] = (len(self.key_groups), key_rivals(self.key_groups, keys))
        return found[1]


def reservoir_sample(records, size: int = TRAINING_SAMPLE, *, seed: int = 0) -> list[dict]:
    """A uniform sample of an iterable of any length, read once, in memory bounded by `size`."""
    reservoir = Reservoir(size, seed=seed)
    reservoir.add(records)
    return reservoir.sample


class Reservoir:
    """`reservoir_sample` drawn as the records go by, in parts (a pass over a file that reads it for
    something else): after every record has been added, `sample` is what `reservoir_sample` of them all
    gives."""

    def __init__(self, size: int = TRAINING_SAMPLE, *, seed: int = 0):
        self.size, self.seen = size, 0
        self.rng = random.Random(seed)  # noqa: S311 - sampling, not security
        self.sample: list[dict] = []

    def add(self, records) -> None:
        size, sample, randrange = self.size, self.sample, self.rng.randrange
        index = self.seen - 1
        for index, record in enumerate(records, start=self.seen):
            if index < size:
                sample.append(record)
                continue
            slot = randrange(index + 1)
            if slot < size:
                sample[slot] = record
        self.seen = index + 1


@dataclass
class Candidate:
    """One blocked live candidate: its comparison levels, and the same levels with the comparisons that
    the blocking made agree masked (for EM: inside a block on last name, every pair agrees on last name,
    which says nothing about which pairs are matches)."""

    levels: tuple[int, ...]
    unforced: tuple[int, ...]


@dataclass
class BlockedLevels:
    """Each record's blocked live candidates, column by column: their CRM ids, comparison levels and blocks
    (the block kinds each candidate shares with the record, as bits), and what each set of bits forces to
    agree (`masks`)."""

    crm_ids: list[list[str]]
    levels: list[list[tuple[int, ...]]]
    held: list[list[int]]
    masks: dict[int, frozenset[int]]


def blocked_levels(resolver: Resolver, records: list[dict]) -> BlockedLevels:
    """The levels of every blocked live candidate of each record (`BlockedLevels`). A people flow's record whose
    one name is a company's (`Resolver.named_as_company`: a business's own account) has none: it agrees with
    every colleague on the company, its street and its domain, and teaches the fit "same company", not what one
    person's match looks like."""
    resolver.reader.prepare()
    items = resolver.inbounds(records)
    forced_by_kind = resolver.forced_by_kind
    keys_per_item = resolver.search_keys(items)
    members = resolver.reader.block_members(set().union(*keys_per_item), resolver.rules.max_block_size)
    # Per record, each candidate's blocks as a set of block kinds (what they force to agree), held as the
    # bits of an integer: one bit per kind.
    bits: dict[str, int] = {}
    kinds_per_item: list[dict[int, int]] = []
    for keys in keys_per_item:
        kinds: dict[int, int] = {}
        for key in resolver.blocks_searched(keys, members):
            bit = bits.get(key[0])
            if bit is None:
                bit = bits[key[0]] = 1 << len(bits)
            for record_id in members.get(key, ()):
                kinds[record_id] = kinds.get(record_id, 0) | bit
        kinds_per_item.append(kinds)
    rows = resolver.reader.scoring_values(
        set().union(*kinds_per_item), resolver.scorer.attributes, resolver.scorer.values
    )
    live = {
        record_id: (ref.crm_id, values)
        for record_id, (ref, values) in rows.items()
        if not ref.is_deleted and not ref.merged_into
    }
    masks = {
        held: frozenset().union(*(forced_by_kind.get(kind, ()) for kind, bit in bits.items() if held & bit))
        for held in {held for kinds in kinds_per_item for held in kinds.values()}
    }
    blocked = BlockedLevels(crm_ids=[], levels=[], held=[], masks=masks)
    against = resolver.scorer.against
    people = resolver.rules.entity_kind == EntityKind.PERSON
    for item, kinds in zip(items, kinds_per_item, strict=True):
        found = (
            []
            if people and resolver.named_as_company(item)
            else [(record_id, live[record_id]) for record_id in kinds if record_id in live]
        )
        blocked.crm_ids.append([crm_id for _, (crm_id, _) in found])
        blocked.levels.append(against(item.profile).level_rows([values for _, (_, values) in found]))
        blocked.held.append([kinds[record_id] for record_id, _ in found])
    return blocked


def candidate_levels(resolver: Resolver, records: list[dict]) -> list[dict[str, Candidate]]:
    """For each record, its blocked live candidates: CRM id -> `Candidate`."""
    blocked = blocked_levels(resolver, records)
    unforced: dict[tuple, tuple[int, ...]] = {}  # (levels, block kinds' bits) -> levels without the forced
    groups = []
    for crm_ids, rows, helds in zip(blocked.crm_ids, blocked.levels, blocked.held, strict=True):
        group = {}
        for crm_id, levels, held in zip(crm_ids, rows, helds, strict=True):
            masked = unforced.get((levels, held))
            if masked is None:
                masked = unforced[(levels, held)] = _without(levels, blocked.masks[held])
            group[crm_id] = Candidate(levels, masked)
        groups.append(group)
    return groups


def _name_levels(attributes, labels) -> list[tuple[int, int]]:
    """(index, "different" level) of the first- and last-name comparisons."""
    return [
        (index, len(labels[index]) - 1)
        for index, attribute in enumerate(attributes)
        if attribute in ("first_name", "last_name")
    ]


def _is_label(resolution, levels_by_crm_id: dict, names: list[tuple[int, int]]) -> bool:
    """A key decided the record, and the record's names do not both clearly differ from the key's record's
    (a reassigned mailbox or a switchboard phone is not a sample of what matches look like, nor is a job
    change that a kept phone number decided: the company's weight is learned from the usual case; nor a role
    mailbox between two records naming no person: a person's names are learned from people).
    `levels_by_crm_id`: the record's blocked candidates' levels."""
    if not (
        resolution.matched and resolution.method in KEY_METHODS and resolution.crm_id in levels_by_crm_id
    ):
        return False
    if resolution.employer_changed or resolution.mailbox_record:
        return False
    levels = levels_by_crm_id[resolution.crm_id]
    return not names or not all(levels[index] == different for index, different in names)


def _number_holder(crm_ids: list[str], rows: list[tuple[int, ...]], numbers, names) -> int | None:
    """The one blocked candidate (its position) whose personal identifier (a national id, a social security
    number) the record's agrees with exactly, when no other candidate holds it (a household's or an account's
    number names no one) and the two do not differ on both names: a pair that identifier decides, a label as a
    key's pair is. None otherwise."""
    holders = [i for i, levels in enumerate(rows) if any(levels[index] == 0 for index in numbers)]
    if len(holders) != 1 or len(set(crm_ids)) != len(crm_ids):
        return None
    levels = rows[holders[0]]
    return None if names and all(levels[index] == different for index, different in names) else holders[0]


def training_data(
    resolver: Resolver, records: list[dict], *, random_pairs: int = RANDOM_PAIRS_FOR_U, pool=None
) -> TrainingData:
    """What fitting needs from `records`, gathered chunk by chunk: in this process (what it remembers on the
    way serves the resolve that follows), or, given a `workers.WorkerPool`, a chunk per worker while this
    process levels the random pairs (the parts are small; the workers resolve next, remembering theirs)."""
    # With workers, two chunks each: a worker whose first chunk was slow (its records' blocks larger, or the
    # machine busy on its core) takes fewer of the rest, and the fit waits less on its last chunk.
    size = BATCH_SIZE if pool is None else max(1, min(BATCH_SIZE, -(-len(records) // (2 * pool.workers))))
    chunks = [records[start : start + size] for start in range(0, len(records), size)]
    with collector_paused():
        if pool is None:
            parts = [chunk_training_data(resolver, chunk) for chunk in chunks]
            pairs = resolver.random_pair_levels(random_pairs) if random_pairs else []
        else:
            # The random pairs are levelled in the workers too, a slice each after their chunk: this process
            # levelling them beside two busy workers slowed both, and wrote to (so copied) pages they share.
            parts = pool.map_all(functools.partial(_chunk_training_data_of, resolver.spec()), chunks)
            slices = range(pool.workers) if random_pairs else ()
            pairs_of = functools.partial(_random_pair_levels_of, resolver.spec(), random_pairs)
            pair_parts = pool.map_all(pairs_of, [(index, pool.workers) for index in slices])
            parts = list(parts)
            pairs = [levels for part in pair_parts for levels in part]
        data = TrainingData(
            key_attributes=key_attributes(resolver.rules), vetoed_levels=vetoed_levels(resolver.rules)
        )
        for part in parts:
            data.patterns.update(part.patterns)
            data.em_patterns.update(part.em_patterns)
            data.records += part.records
            data.records_with_pairs += part.records_with_pairs
            data.labelled += part.labelled
            data.key_groups += part.key_groups
        data.random_pairs = pairs
        data.mirror_records = resolver.reader.live_count()
    return data


def _chunk_training_data_of(spec, chunk: list[dict]) -> TrainingData:
    """`chunk_training_data` in a worker process, with the resolver rebuilt from its spec."""
    return chunk_training_data(Resolver.from_spec(spec), chunk)


def _random_pair_levels_of(spec, size: int, part: tuple[int, int]) -> list[tuple[int, ...]]:
    """A slice of `Resolver.random_pair_levels` in a worker process."""
    return Resolver.from_spec(spec).random_pair_levels(size, part=part)


def chunk_training_data(resolver: Resolver, chunk: list[dict]) -> TrainingData:
    """Level patterns, labels and key groups of one chunk of records (without random pairs)."""
    data = TrainingData(key_attributes=key_attributes(resolver.rules))
    names = _name_levels(resolver.scorer.attributes, resolver.scorer.labels)
    numbers = resolver.identity_numbers
    resolutions = resolver.resolve_batch(chunk, keys_only=True)  # labels come from keys only
    blocked = blocked_levels(resolver, chunk)
    # Each distinct (levels, blocks) counted once, then its levels with and without what its blocks forced
    # counted: the same counts, in the same order of first appearance, as pair by pair.
    levels_and_blocks: Counter = Counter()
    for resolution, crm_ids, rows, helds in zip(
        resolutions, blocked.crm_ids, blocked.levels, blocked.held, strict=True
    ):
        data.records += 1
        data.records_with_pairs += bool(rows)
        levels_and_blocks.update(zip(rows, helds, strict=True))
        if resolution.matched and resolution.method in KEY_METHODS:
            levels = dict(zip(crm_ids, rows, strict=True))
            if _is_label(resolution, levels, names):
                data.labelled.append(levels[resolution.crm_id])
                data.key_groups.append((resolution.crm_id, levels))
        elif numbers and (holder := _number_holder(crm_ids, rows, numbers, names)) is not None:
            data.labelled.append(rows[holder])
            data.key_groups.append((crm_ids[holder], dict(zip(crm_ids, rows, strict=True))))
    for (levels, held), count in levels_and_blocks.items():
        data.patterns[levels] += count
        data.em_patterns[_without(levels, blocked.masks[held])] += count
    return data


@dataclass
class Fit:
    """A fitted model (comparisons with new m and u, and the prior) and its check."""

    comparisons: list[dict]
    prior: float
    check: em.ModelCheck
    estimate: em.Estimate | None = None

    @property
    def accepted(self) -> bool:
        return self.check.accepted


def fit(data: TrainingData, *, comparisons: list[dict], prior: float) -> Fit:
    """Seed m from the key-decided pairs, u from random pairs, run EM over the blocked pairs, check."""
    level_counts = [len(comparison_levels(c)) for c in comparisons]
    if not data.patterns:
        check = em.ModelCheck(
            comparisons=[],
            problems=["No blocked candidate pairs: there is nothing to fit the weights on."],
            prior=prior,
            pairs=0,
            records=data.records,
            matches_per_record=None,
            undecided_share=None,
            key_pairs=0,
            key_agreement=None,
            notes=[],
        )
        return Fit(comparisons=comparisons, prior=prior, check=check)
    keys = frozenset(i for i, c in enumerate(comparisons) if is_key_comparison(c, data.key_attributes))
    initial_m, labelled = em.m_from_labelled_pairs(
        data.labelled, level_counts=level_counts, fallback_m=[c["m"] for c in comparisons], skip=keys
    )
    enough_random = len(data.random_pairs) >= MIN_RANDOM_PAIRS
    initial_u = (
        em.u_from_random_pairs(data.random_pairs, level_counts=level_counts)
        if enough_random
        else [c["u"] for c in comparisons]
    )
    notes = []
    per_candidate = False
    if labelled:
        # The labels fix m where they cover a comparison; EM estimates the prior, and the m of the rest from
        # the pairs outside the blocks that forced them to agree, with u as sampled.
        observed = em.level_observations(data.em_patterns, level_counts)
        unseen = frozenset(i for i, levels in enumerate(observed) if min(levels) < em.MIN_LEVEL_PAIRS)
        named = ", ".join(comparisons[i]["attribute"] for i in sorted(labelled))
        notes.append(f"m taken from {len(data.labelled)} pairs that a key decided, for: {named}.")
        everything = frozenset(range(len(comparisons)))

        def attempts_for(m, fixed):
            free = _ordered(
                comparisons, _em(data, level_counts, m, initial_u, prior, enough_random, fixed | unseen)
            )
            anchored = _ordered(
                comparisons, _em(data, level_counts, m, initial_u, prior, enough_random, everything)
            )
            # Candidates, best first: EM's m for what the labels do not cover, then those m as configured; each
            # with EM's prior, then with the share of matches counted among the key-decided records' candidates.
            return (
                free,
                anchored,
                [
                    *(
                        (_global_prior(data, estimate), "global")
                        for estimate in (free, anchored)
                        if enough_random and data.mirror_records
                    ),
                    (free, "EM"),
                    (_counted_prior(data, free), "counted"),
                    (anchored, "EM"),
                    (_counted_prior(data, anchored), "counted"),
                ],
            )

        free, anchored, attempts = attempts_for(initial_m, labelled)
        estimate, prior_source, per_candidate = _first_passing(data, comparisons, attempts)
        if estimate is None and (company_level := company_addresses(data, comparisons, keys)):
            # Every model refused, and colleagues share the place as a person shares it with their own
            # record: the fit once more without counting it (`company_addresses`). Only now, so that where a
            # model passed before, the same one still wins.
            neutral = [list(initial_u[i]) if i in company_level else m for i, m in enumerate(initial_m)]
            refit = attempts_for(neutral, labelled | company_level)
            estimate, prior_source, per_candidate = _first_passing(data, comparisons, refit[2])
            if estimate is not None:
                free, anchored, _ = refit
                labelled |= company_level
                names = ", ".join(comparisons[i]["attribute"] for i in sorted(company_level))
                notes.append(COMPANY_ADDRESS_NOTE.format(names=names))
        if per_candidate:
            notes.append(KEY_AGREEMENT_PER_CANDIDATE_NOTE)
        if estimate is None:
            estimate, prior_source = free, "EM"
        if estimate.m is anchored.m:
            kept = ", ".join(comparisons[i]["attribute"] for i in sorted(everything - labelled)) or "none"
            notes.append(f"m kept as configured for: {kept} (EM over them was refused by the checks).")
        elif kept := sorted(unseen - labelled):
            kept_names = ", ".join(comparisons[i]["attribute"] for i in kept)
            notes.append(f"m kept as configured (too few pairs outside their blocks): {kept_names}.")
        if prior_source == "global":
            notes.append(_GLOBAL_PRIOR_NOTE.format(records=data.mirror_records))
        if prior_source == "counted":
            notes.append("Prior counted as one match among each key-decided record's candidates.")
    else:
        # No key decided enough records to learn from. As the best tools do: u as sampled from random
        # pairs, fixed; m by EM over the blocked pairs, each pair without the comparisons its blocks forced
        # to agree; the prior of random pairs. Failing the checks, plain EM with m and u free (u starting
        # from random pairs). Nothing anchors the match class, so the checks matter most here.
        estimate = None
        if enough_random and data.mirror_records:
            configured = _ordered(
                comparisons,
                _em(
                    data, level_counts, initial_m, initial_u, prior, True, frozenset(range(len(comparisons)))
                ),
            )
            estimate = _first_accepted(
                data,
                comparisons,
                notes,
                [
                    (
                        _global_prior(
                            data,
                            _ordered(
                                comparisons,
                                _em(data, level_counts, initial_m, initial_u, prior, True, frozenset()),
                            ),
                        ),
                        f"Only {len(data.labelled)} pairs decided by a key: m by EM over the blocked pairs "
                        "(without the comparisons their blocks forced), u from random pairs.",
                    ),
                    (
                        _prior_of_fixed_weights(data, configured),
                        f"Only {len(data.labelled)} pairs decided by a key: m kept as configured, u from "
                        "random pairs, the prior they imply over the blocked pairs' whole patterns.",
                    ),
                    (
                        _global_prior(data, configured),
                        f"Only {len(data.labelled)} pairs decided by a key: m kept as configured, u from "
                        "random pairs, the prior of the blocked pairs without the comparisons their blocks "
                        "forced.",
                    ),
                ],
            )
            if estimate is not None:
                notes.append(_GLOBAL_PRIOR_NOTE.format(records=data.mirror_records))
        if estimate is None:
            estimate = _ordered(
                comparisons,
                em.estimate(
                    data.patterns,
                    level_counts=level_counts,
                    initial_m=initial_m,
                    initial_u=initial_u,
                    initial_prior=prior,
                ),
            )
            notes.append(f"Only {len(data.labelled)} pairs decided by a key: EM alone, without labels.")
    notes += [pooled.words() for pooled in estimate.pooled]
    fitted = _with_weights(comparisons, estimate)
    check = check_model(data, comparisons=fitted, prior=estimate.prior, per_candidate=per_candidate)
    if data.records_with_pairs < MIN_RECORDS:
        check.problems.insert(
            0,
            f"Too little to fit on: {data.records_with_pairs} record(s) with candidates, at least "
            f"{MIN_RECORDS} needed.",
        )
    if not enough_random:
        notes.append(
            f"Only {len(data.random_pairs)} random mirror pairs: u was estimated by EM, not sampled."
        )
    check.notes = notes + check.notes
    return Fit(comparisons=fitted, prior=estimate.prior, check=check, estimate=estimate)


MIN_COLLEAGUE_PAIRS = 20
COMPANY_ADDRESS_SHARE = 0.5
COMPANY_ADDRESS_NOTE = (
    "Not counted as evidence of the person: {names}. Colleagues at one company agree on them about as often as a "
    "person agrees with their own record (the company's address, not the person's): counted with the company "
    "as well, they made colleagues matches."
)


def _first_passing(data, comparisons, attempts) -> tuple[em.Estimate | None, str, bool]:
    """The first attempt whose model the checks accept, and whether it passed only with the keys' agreement
    measured per candidate (`_key_agreement`: tried only when every attempt is refused with the prior per
    random pair, so that where a model passed before, the same one still wins)."""
    for per_candidate in (False, True):
        for estimate, prior_source in attempts:
            if check_model(
                data,
                comparisons=_with_weights(comparisons, estimate),
                prior=estimate.prior,
                per_candidate=per_candidate,
            ).accepted:
                return estimate, prior_source, per_candidate
    return None, "", False


def company_addresses(data: TrainingData, comparisons: list[dict], keys: frozenset[int]) -> frozenset[int]:
    """The comparisons (other than keys, names and the employer's) that say where a person's company is,
    not who the person is: among the key-decided records' other candidates at the same employer (colleagues,
    not the match), they agree at least half as often as on the key's own record. A lead or contact export
    whose address is the company's (a Salesforce Lead's Street/City/PostalCode) makes postcode and city such
    comparisons; their weight, multiplied with the company's and the email domain's as if independent, made
    the model's match class "same company" and the model was refused (issue 13)."""
    employer = [i for i, c in enumerate(comparisons) if c.get("employer")]
    tested = [
        i
        for i, c in enumerate(comparisons)
        if i not in keys and not c.get("employer") and c["attribute"] not in ("first_name", "last_name")
    ]
    if not employer or not tested:
        return frozenset()
    colleagues, colleagues_agree = Counter(), Counter()
    matches, matches_agree = Counter(), Counter()
    for crm_id, group in data.key_groups:
        for other, levels in group.items():
            if other == crm_id:
                seen, agreeing = matches, matches_agree
            elif any(levels[i] == 0 for i in employer):
                seen, agreeing = colleagues, colleagues_agree
            else:
                continue
            for index in tested:
                if levels[index] != MISSING:
                    seen[index] += 1
                    agreeing[index] += levels[index] == 0
    return frozenset(
        index
        for index in tested
        if colleagues[index] >= MIN_COLLEAGUE_PAIRS
        and matches_agree[index]
        and colleagues_agree[index] / colleagues[index]
        >= COMPANY_ADDRESS_SHARE * matches_agree[index] / matches[index]
    )


MIN_PRIOR = 1e-9  # the scorer's own floor
KEY_AGREEMENT_PER_CANDIDATE_NOTE = (
    "Agreement with the keys measured with one match among each key-decided record's candidates: every "
    "model was refused with the prior per random pair, which shrinks as the CRM grows."
)


def _first_accepted(data, comparisons, notes: list[str], attempts) -> em.Estimate | None:
    """The first (estimate, note) whose model the checks accept (its note added), each refused one's
    reasons added to `notes` in words; None when all are refused."""
    for estimate, note in attempts:
        tried = check_model(data, comparisons=_with_weights(comparisons, estimate), prior=estimate.prior)
        if tried.accepted:
            notes.append(note)
            return estimate
        notes.append(f"Refused first ({note.rstrip('.')}): " + " ".join(tried.problems))
    return None


_GLOBAL_PRIOR_NOTE = (
    "Prior: the chance that a random inbound record and a random one of the {records:,} CRM records match "
    "(u comes from random pairs)."
)


def _global_prior(data, estimate: em.Estimate) -> em.Estimate:
    """The estimate with the prior of the population its u describes. u sampled from random mirror pairs
    describes every (inbound, CRM record) pair, not the blocked ones; EM's prior is the share of matches
    among the blocked pairs, which the blocking raised. Used together, they count the evidence that put a
    pair in a block twice (the same company, postcode and city make colleagues and households "matches").
    So, as the best tools do, the prior is the chance that two random records match: the matches EM counts
    among the blocked pairs (at most one per record) over all inbound x mirror pairs."""
    if not data.mirror_records or not data.records:
        return estimate
    matches = min(estimate.prior * sum(data.em_patterns.values()), data.records_with_pairs)
    prior = min(max(matches / (data.records * data.mirror_records), MIN_PRIOR), 1 - em.FLOOR)
    return dataclasses.replace(estimate, prior=prior)


PRIOR_ROUNDS = 100


def _prior_of_fixed_weights(data, estimate: em.Estimate) -> em.Estimate:
    """The estimate with the prior that its fixed m and u imply over every inbound x mirror pair: EM's step
    for the prior alone, over each blocked pair's whole pattern, the pairs outside the blocks counted as
    non-matches. With m and u both fixed, EM over the patterns without the comparisons the blocks forced
    (`_global_prior`) misses the matches whose forced agreement is most of their evidence: on a file with no
    key, where the names put pairs in a block, it counted one match in thirty records."""
    pairs = data.records * data.mirror_records
    if not pairs or not data.patterns:
        return _global_prior(data, estimate)
    prior = _global_prior(data, estimate).prior
    for _ in range(PRIOR_ROUNDS):
        matches = sum(
            count * em.posterior(levels, estimate.m, estimate.u, prior)
            for levels, count in data.patterns.items()
        )
        updated = min(max(min(matches, data.records_with_pairs) / pairs, MIN_PRIOR), 1 - em.FLOOR)
        if abs(updated - prior) <= prior * 1e-6:
            break
        prior = updated
    return dataclasses.replace(estimate, prior=updated)


def _counted_prior(data, estimate: em.Estimate) -> em.Estimate:
    """The estimate with the share of matches among the blocked pairs counted directly: a key-decided
    record has exactly one match among its candidates (as the best tools estimate the prior from
    deterministic rules). Unchanged where keys decided too few records."""
    if len(data.key_groups) < em.MIN_KEY_PAIRS:
        return estimate
    candidates = sum(len(group) for _, group in data.key_groups)
    prior = min(max(len(data.key_groups) / candidates, em.FLOOR), 1 - em.FLOOR)
    return dataclasses.replace(estimate, prior=prior)


def _ordered(comparisons: list[dict], estimate: em.Estimate) -> em.Estimate:
    """The estimate with each comparison's agreeing levels in order (`level_order`): a looser level that
    came out heavier than a closer one is pooled with it."""
    u, pooled = level_order.repaired_u(
        [c["attribute"] for c in comparisons],
        [comparison_levels(c) for c in comparisons],
        estimate.m,
        estimate.u,
    )
    return dataclasses.replace(estimate, u=u, pooled=pooled)


def _em(data, level_counts, initial_m, initial_u, prior, fixed_u: bool, fixed_m: frozenset[int]):
    return em.estimate(
        data.em_patterns,
        level_counts=level_counts,
        initial_m=initial_m,
        initial_u=initial_u,
        initial_prior=prior,
        fixed_u=fixed_u,
        fixed_m=fixed_m,
    )


def _with_weights(comparisons: list[dict], estimate: em.Estimate) -> list[dict]:
    return [
        {**comparison, "m": _stored(m), "u": _stored(u)}
        for comparison, m, u in zip(comparisons, estimate.m, estimate.u, strict=True)
    ]


def _stored(probabilities: list[float]) -> list[float]:
    """Probabilities as a model stores them: six decimals, and never rounded down to an impossible 0."""
    return [max(round(p, 6), em.FLOOR) for p in probabilities]


def check_model(
    data: TrainingData, *, comparisons: list[dict], prior: float, per_candidate: bool = False
) -> em.ModelCheck:
    """Check a model (fitted, or the flow's current one) against the data: level order, separation, and
    agreement with the keys (`per_candidate`: see `_key_agreement`)."""
    attributes = [c["attribute"] for c in comparisons]
    labels = [comparison_levels(c) for c in comparisons]
    m = [c["m"] for c in comparisons]
    u = [c["u"] for c in comparisons]
    level_counts = [len(levels) for levels in labels]
    observed = em.level_observations(data.patterns, level_counts)
    reports = em.comparison_reports(attributes, labels, m, u, observed)
    problems = em.order_problems(reports)
    notes = []
    matches_per_record = undecided = None
    if data.patterns:
        names = _name_levels(attributes, labels)
        keys = frozenset(i for i, c in enumerate(comparisons) if is_key_comparison(c, data.key_attributes))
        split = em.separation(
            data.patterns, m, u, prior, data.records_with_pairs, names, keys, vetoed=data.vetoed_levels
        )
        problems += em.separation_problems(split)
        matches_per_record, undecided = split.matches_per_record, split.undecided_share
    keys = frozenset(i for i, c in enumerate(comparisons) if is_key_comparison(c, data.key_attributes))
    agreeing, checked = _key_agreement(
        data.key_groups, m, u, prior, keys, per_candidate=per_candidate, rivals=data.key_rivals(keys)
    )
    key_agreement = agreeing / checked if checked else None
    if checked >= em.MIN_KEY_PAIRS:
        if problem := em.key_agreement_problem(agreeing, checked):
            problems.append(problem)
    else:
        notes.append(
            f"Only {checked} key-decided record(s) with other attributes: agreement with the keys not checked."
        )
    return em.ModelCheck(
        comparisons=reports,
        problems=problems,
        prior=prior,
        pairs=sum(data.patterns.values()),
        records=data.records,
        matches_per_record=matches_per_record,
        undecided_share=undecided,
        key_pairs=checked,
        key_agreement=key_agreement,
        notes=notes,
    )


def _without(levels: tuple[int, ...], keys: frozenset[int]) -> tuple[int, ...]:
    return tuple(MISSING if index in keys else level for index, level in enumerate(levels))


def _key_agreement(
    key_groups, m, u, prior: float, keys: frozenset[int], *, per_candidate: bool = False, rivals=None
) -> tuple[int, int]:
    """(records where the model alone gives the key's record p >= 0.5 and puts no other candidate level
    with or above it, records checked). A tie counts as agreement only between candidates that show the
    very same levels (two namesakes with nothing else to compare). Records whose key pair has no other
    attribute to compare are not checked.

    `per_candidate`: p with the prior that one of the record's candidates is its match (1 / candidates; the
    key says so) in place of `prior`. A prior per random pair shrinks as the CRM grows: at 40,000
    organisations an exact name and city, the key's record ranked first of about 17 candidates, was p = 0.10,
    and every model was refused as disagreeing with the keys (issue 13)."""
    agreeing = checked = 0
    # Candidates' levels repeat across records: each pattern's posterior is computed once.
    posteriors: dict[tuple, float] = {}

    def posterior(levels: tuple[int, ...], prior: float) -> float:
        found = posteriors.get((levels, prior))
        if found is None:
            found = posteriors[(levels, prior)] = em.posterior(levels, m, u, prior)
        return found

    for keyed, candidates, others in key_rivals(key_groups, keys) if rivals is None else rivals:
        checked += 1
        if per_candidate:
            prior = 1.0 / candidates
        best = posterior(keyed, prior)
        if best < 0.5:
            continue
        for rival_levels in others:
            rival = posterior(rival_levels, prior)
            if rival > best or (rival == best and rival_levels != keyed):
                break
        else:
            agreeing += 1
    return agreeing, checked


def key_rivals(key_groups, keys: frozenset[int]) -> list[tuple[tuple[int, ...], int, tuple]]:
    """What `_key_agreement` reads of each key-decided record it checks (one whose key's record has another
    attribute to compare): that record's levels without the keys, how many candidates the record has, and
    the distinct levels without the keys of its other candidates (whether any of them outranks the key's
    record is all it asks: each pattern once). The same for every model checked on the same data."""
    masked: dict[tuple[int, ...], tuple[int, ...]] = {}

    def without_keys(levels: tuple[int, ...]) -> tuple[int, ...]:
        found = masked.get(levels)
        if found is None:
            found = masked[levels] = _without(levels, keys)
        return found

    found = []
    for crm_id, group in key_groups:
        keyed = without_keys(group[crm_id])
        if all(level == MISSING for level in keyed):
            continue
        others = dict.fromkeys(without_keys(levels) for other, levels in group.items() if other != crm_id)
        found.append((keyed, len(group), tuple(others)))
    return found


def report_lines(report: dict) -> list[str]:
    """A model check (`ModelCheck.as_dict()`) as plain text: verdict, reasons, each comparison's weights."""
    lines = [report.get("summary", "")]
    figures = [
        f"pairs {report.get('pairs', 0):,} from {report.get('records', 0):,} records",
        f"prior {report.get('prior', 0):.4g}",
    ]
    if report.get("matches_per_record") is not None:
        figures.append(f"matches per record {report['matches_per_record']:.2f}")
    if report.get("undecided_share") is not None:
        figures.append(f"undecided pairs {report['undecided_share']:.1%}")
    if report.get("key_agreement") is not None:
        figures.append(
            f"agrees with the keys on {report['key_agreement']:.1%} of {report['key_pairs']} records"
        )
    lines.append("Figures: " + "; ".join(figures) + ".")
    lines += [f"Note: {note}" for note in report.get("notes", [])]
    for comparison in report.get("comparisons", []):
        lines.append(f"{comparison['attribute']}:")
        lines += [f"  {level['words']}" for level in comparison["levels"]]
    return lines
