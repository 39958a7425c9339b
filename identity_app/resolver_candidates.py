"""The resolver's candidates: blocking, bulk scoring and what each candidate shares with the record.

Records no key decided are compared with the mirror records that share a block with them (names, email, phone,
postcode, ...), scored with the flow's Fellegi-Sunter weights, and the best few explained. Numbers several CRM
people hold (a switchboard, a household's line) are found here and left out of the score. The fit's pairs (the
blocked pairs and random pairs EM reads) come from the same blocks. Mixed into
`identity_app.resolver.Resolver`.
"""

import functools
import random
from operator import neg

from identity_app import blocking, key_checks, normalise_phones
from identity_app.attributes import EntityKind, profile_phones
from identity_app.mirror import RecordRef
from identity_app.models import DEFAULT_VETO_SIMILARITY, IdentifierKind, ReviewReason
from identity_app.resolution import (
    MAX_CANDIDATES,
    REVIEW_ATTRIBUTES,
    Candidate,
    Inbound,
    Resolution,
    ScoredBatch,
    as_list,
    attributes_for_review,
    national_holders,
    one_person_renamed,
    own_number_holders_of,
    same_birth,
    same_employer,
    same_names,
)
from identity_app.scoring import MISSING, InboundScorer, remember_batch


class CandidateSearch:
    """Blocked candidates, their scores and the numbers several CRM people share."""

    def _probabilistic(self, items: list[Inbound], hits, refs) -> list[Resolution]:
        """Score every blocked candidate, then explain only the best few.

        All candidates of the batch are read once with just their comparison values and scored in bulk
        (`Scorer.totals`, the same sums as `Scorer.total`); the full profiles, levels and contributions are
        read and built for the candidates that rank in the top MAX_CANDIDATES + 1 only.
        """
        if self.rules.entity_kind == EntityKind.DEAL:
            note = "Deals are matched by CRM id or external id only, and neither found a record."
            return [
                self._resolution(item, ReviewReason.NO_MATCH, notes=[*item.key_notes, note]) for item in items
            ]
        keys_per_item = self.search_keys(items)
        members = self.reader.block_members(set().union(*keys_per_item), self.rules.max_block_size)
        key_ids_per_item = [
            {ref.id for key in self._key_lookups(item) for ref in hits.get(key, ())} for item in items
        ]
        scorers = [self.scorer.against(item.profile) for item in items]
        block_tokens = self.reader.block_tokens
        if block_tokens is None:  # big blocks are narrowed by their members' values: read them all
            rows = self._scoring_rows(set().union(*members.values(), *key_ids_per_item))
            values = {record_id: record_values for record_id, (_, record_values) in rows.items()}
        narrower = blocking.Narrower(
            members,
            values if block_tokens is None else {},
            self.forced_by_kind,
            self.rules.narrow_block_size,
            block_tokens=block_tokens,
            key_comparisons=self.key_comparisons,
        )
        # The holders of a record's key lookups are candidates whatever its blocks (`Narrower`).
        candidate_ids_per_item = [
            self._blocked_candidates(narrower, keys, scorer.values, self._key_lookups(item), key_ids)
            for item, keys, scorer, key_ids in zip(
                items, keys_per_item, scorers, key_ids_per_item, strict=True
            )
        ]
        if block_tokens is not None:  # the reader narrowed on its own values: the candidates' are read
            rows = self._scoring_rows(set().union(*candidate_ids_per_item))
            values = {record_id: record_values for record_id, (_, record_values) in rows.items()}
        for ref, _ in rows.values():
            refs.setdefault(ref.crm_id, ref)
        self.reader.add_survivors(refs)
        live_targets = self._live_targets(rows, refs)
        record_ids = [sorted(i for i in ids if i in live_targets) for ids in candidate_ids_per_item]
        if len(items) > 1:  # a batch is levelled comparison by comparison; one record levels its own
            remember_batch(scorers, [[values[i] for i in ids] for ids in record_ids])
        shared_numbers = [
            self._shared_numbers(scorer, ids, live_targets, values)
            for scorer, ids in zip(scorers, record_ids, strict=True)
        ]
        shortlists = [
            self._shortlist(
                scorer, ids, live_targets, values, self._without_shared_numbers(scorer, ids, values, shared)
            )
            for scorer, ids, shared in zip(scorers, record_ids, shared_numbers, strict=True)
        ]
        profiles = self.reader.profiles(
            {entry[2] for shortlist, _ in shortlists for entry in shortlist}, REVIEW_ATTRIBUTES
        )
        context = [
            {
                **self._candidate_context(item, hits),
                "shared_numbers": shared,
                "household_holders": self._household_holders(item, scorer, hits, values),
            }
            for item, scorer, shared in zip(items, scorers, shared_numbers, strict=True)
        ]
        decided = []
        for item, scorer, (shortlist, _), flags in zip(items, scorers, shortlists, context, strict=True):
            candidates = self._candidates(scorer, shortlist, values, profiles, **flags)
            decided.append((self._decision(item, candidates), candidates))
        self._relist_on_national_numbers(
            items,
            ScoredBatch(scorers, record_ids, live_targets, values, shortlists, profiles, context, refs),
            decided,
        )
        # The extras only ever serve the review list: looked for (and read) for the records left for review.
        extras = [
            self._extras(scorer, rest, values) if candidates and not resolution.matched else []
            for scorer, (_, rest), (resolution, candidates) in zip(scorers, shortlists, decided, strict=True)
        ]
        wanted = {entry[2] for found in extras for entry in found} - profiles.keys()
        if wanted:
            profiles.update(self.reader.profiles(wanted, REVIEW_ATTRIBUTES))
        return [
            self._listed(
                item,
                resolution,
                candidates + self._candidates(scorer, found, values, profiles, **flags)
                if found
                else candidates,
            )
            for item, scorer, found, (resolution, candidates), flags in zip(
                items, scorers, extras, decided, context, strict=True
            )
        ]

    def _blocked_candidates(self, narrower, keys, values: tuple, lookups, key_ids: set[int]) -> set[int]:
        """A record's candidates: its key lookups' holders and its blocks' members, the fallback rules' blocks
        (`blocking.FALLBACK_BLOCKING_RULES`) only when nothing else found one."""
        primary = {key for key in keys if key[0] not in self.fallback_kinds}
        found = narrower.candidates(primary, values, lookups) | key_ids
        if found or len(primary) == len(keys):
            return found
        return narrower.candidates(keys, values, lookups) | key_ids

    def _relist_on_national_numbers(self, items, batch: ScoredBatch, decided) -> None:
        """Rank again the candidates of a record left for review that writes a number in a national form
        without a country ("010-7028-4224"): the records whose own number it is, read in their own country,
        are candidates whatever the blocks, and agree on the phone. Its country is a guess (a French and a
        Dutch 06 mobile share their ten digits; "631 52 28 60" is a valid number in two dozen countries), so
        it is never a key and never vetoes; the list a person sees is ordered with it. It is decided again
        only where the number is one CRM record's own (`_decided_on_own_number`)."""
        phone = self.phone_level
        if phone is None:
            return
        waiting = [
            position
            for position, (item, (resolution, _)) in enumerate(zip(items, decided, strict=True))
            if not resolution.matched and self._unread_phones(item)
        ]
        found = self.reader.key_hits(set().union(*(self._national_lookups(items[at]) for at in waiting)))
        holders_at = {position: self._national_holders(items[position], found) for position in waiting}
        # The whole batch's holders, read once.
        self._read_more(batch, set().union(*(set().union(*of.values()) for of in holders_at.values())))
        values, record_ids, shortlists = batch.values, batch.record_ids, batch.shortlists
        relisted, owners = [], {}
        for position, holders_of in holders_at.items():
            texts = self._unread_phones(items[position])
            holders = set().union(*holders_of.values())
            ids = sorted({*record_ids[position], *(i for i in holders if i in batch.live_targets)})
            agreeing = [
                at
                for at, record_id in enumerate(ids)
                if any(
                    normalise_phones.reads_as(text, number)
                    for number in as_list(values[record_id][phone])
                    if number
                    for text in texts
                )
            ]
            scorer = batch.scorers[position]
            own = {
                i: target
                for i, target in own_number_holders_of(holders_of, batch.live_targets).items()
                if i in ids
            }
            if (
                ids == record_ids[position]
            ):  # no new candidate: relisted if one agrees anew or on its own line
                agreeing = [at for at in agreeing if scorer.level_in_column(phone, at) != 0]
                if not (agreeing or own):
                    continue
                totals = shortlists[position][1][0]
            elif agreeing:
                totals = scorer.totals([values[i] for i in ids])
            else:
                continue
            record_ids[position] = ids
            scores = scorer.agreed_at(phone, agreeing, totals)
            shortlists[position] = self._shortlist(scorer, ids, batch.live_targets, values, scores)
            relisted.append(position)
            owners[position] = own
        profiles = batch.profiles
        wanted = {entry[2] for position in relisted for entry in shortlists[position][0]} - profiles.keys()
        if wanted:
            profiles.update(self.reader.profiles(wanted, REVIEW_ATTRIBUTES))
        for position in relisted:
            own = owners[position]
            candidates = self._candidates(
                batch.scorers[position],
                shortlists[position][0],
                values,
                profiles,
                **batch.context[position],
                own_number_holders=frozenset(own),
            )
            resolution = self._decided_on_own_number(items[position], candidates, own)
            decided[position] = (resolution or decided[position][0], candidates)

    def _decided_on_own_number(
        self, item: Inbound, candidates: list[Candidate], own: dict[int, str]
    ) -> Resolution | None:
        """The link to the one CRM record whose own number a record without a country writes nationally
        ("070-1291-7524" on a record in Japan that holds +81 70-1291-7524), when it wins on every other
        check a link passes (threshold, vetoes, ties, the margin over the rest, namesake colleagues): the
        country is the candidate's own, and no other record holds the number in any country's reading, so
        it is that person's line. None when it does not link (the decision made without it stands). A
        number written with an extension is a switchboard's and never counts (`own_number_holders_of`)."""
        if not own:
            return None
        resolution = self._decision(item, candidates)
        if not resolution.matched or resolution.crm_id not in own.values():
            return None
        resolution.notes = [
            *resolution.notes,
            f"Its number written without a country reads, in the country of CRM record {resolution.crm_id}, "
            "as that record's own number, which no other CRM record holds.",
        ]
        return resolution

    def _national_holders(self, item: Inbound, found) -> dict[str, set[int]]:
        """Each of `item`'s national numbers -> the records (`found` by `_national_lookups`) whose own number
        it reads as."""
        lookups = self._national_lookups(item)
        return {
            text: {
                ref.id
                for lookup in lookups
                for ref in found.get(lookup, ())
                if normalise_phones.reads_as(text, lookup[1])
            }
            for text in self._unread_phones(item)
        }

    def _read_more(self, batch: ScoredBatch, record_ids: set[int]) -> None:
        """Add the scoring values and live targets of those of `record_ids` the batch has not read yet."""
        if unread := record_ids - batch.values.keys():
            rows = self._scoring_rows(unread)
            for ref, row in rows.values():
                batch.refs.setdefault(ref.crm_id, ref)
                batch.values[ref.id] = row
            self.reader.add_survivors(batch.refs)
            batch.live_targets.update(self._live_targets(rows, batch.refs))

    def _scoring_rows(self, record_ids: set[int]) -> dict[int, tuple[RecordRef, tuple]]:
        return self.reader.scoring_values(record_ids, self.scorer.attributes, self.scorer.values)

    def _live_targets(self, rows: dict, refs) -> dict[int, str]:
        """Record id -> the live CRM id it stands for (itself, or its survivor); dead ends left out."""
        targets = {}
        for record_id, (ref, _) in rows.items():
            if not ref.merged_into and not ref.is_deleted:  # the common case, without following anything
                targets[record_id] = ref.crm_id
                continue
            target = self._follow(ref.crm_id, refs)
            if target.status == "live":
                targets[record_id] = target.crm_id
        return targets

    def _shortlist(
        self, scorer: InboundScorer, record_ids: list[int], live_targets, values, scores=None
    ) -> tuple[list[tuple], tuple[list, list[tuple]]]:
        """(score, target crm id, scored record id, extra, its position among `record_ids`) of the
        best-ranked candidates, best first; and the rest, where the review list's extras are looked for
        (`_extras`): the scores and the others' (-score, crm id, record id, position), in rank order. A target reached through several records (a survivor and its merged
        duplicates) keeps its best score, the lowest record id among equals (`record_ids` come sorted). The
        position reads the levels `scorer.totals` kept (`InboundScorer.levels_at`). `scores`: totals already
        made (`_relist_on_national_numbers`)."""
        if scores is None:
            scores = scorer.totals([values[i] for i in record_ids])
        targets = [live_targets[i] for i in record_ids]
        # Best score first, then the CRM id (one order for the shortlist and the rest), sorted as tuples;
        # of a target's records, the first is its best score, the lowest record id among equals.
        ranked = sorted(zip(map(neg, scores), targets, record_ids, range(len(record_ids)), strict=True))
        if len(set(targets)) < len(targets):  # a survivor and its merged duplicates: each target once
            seen: set[str] = set()
            ranked = [entry for entry in ranked if entry[1] not in seen and not seen.add(entry[1])]
        shortlist = [
            (scores[at], crm_id, record_id, False, at)
            for _, crm_id, record_id, at in ranked[: MAX_CANDIDATES + 1]
        ]
        return shortlist, (scores, ranked[MAX_CANDIDATES + 1 :])

    @staticmethod
    def _extras(scorer: InboundScorer, rest: list[tuple], values) -> list[tuple]:
        """A reviewer looks for the person among those whose names agree: when the best scores go to others
        (colleagues at a new employer share its company and domain), the best name-agreeing candidates of
        `rest` (`_shortlist`) come along as extras, for the review list only (`as_list`). Read from the
        levels the record's last `scorer.totals` kept."""
        extras = []
        scores, ranked = rest
        for _, crm_id, record_id, at in ranked:  # in rank order, names asked until enough agree
            if scorer.names_agree_at(at, values[record_id]):
                extras.append((scores[at], crm_id, record_id, True, at))
                if len(extras) == MAX_CANDIDATES:
                    break
        return extras

    def blocked_pair_levels(self, records: list[dict]) -> list[tuple[int, ...]]:
        """Comparison levels of every (inbound, live mirror record) pair that shares a block: EM's input."""
        self.reader.prepare()
        items = self.inbounds(records)
        keys_per_item = self.search_keys(items)
        members = self.reader.block_members(set().union(*keys_per_item), self.rules.max_block_size)
        ids_per_item = [self._blocked_members(keys, members) for keys in keys_per_item]
        rows = self.reader.scoring_values(
            set().union(*ids_per_item), self.scorer.attributes, self.scorer.values
        )
        live = {
            record_id: values
            for record_id, (ref, values) in rows.items()
            if not ref.is_deleted and not ref.merged_into
        }
        pairs = []
        for item, ids in zip(items, ids_per_item, strict=True):
            scorer = self.scorer.against(item.profile)
            pairs += [scorer.levels(live[record_id]) for record_id in ids if record_id in live]
        return pairs

    def _blocked_members(self, keys, members) -> set[int]:
        """Every member of a record's blocks (`blocks_searched`)."""
        return {i for key in self.blocks_searched(keys, members) for i in members.get(key, ())}

    def blocks_searched(self, keys, members):
        """A record's block keys that give its candidates: the fallback rules' (`FALLBACK_BLOCKING_RULES`) only
        when no other block has a member."""
        primary = [key for key in keys if key[0] not in self.fallback_kinds]
        if len(primary) < len(keys) and not any(members.get(key) for key in primary):
            return keys
        return primary

    def random_pair_levels(
        self, size: int = 2000, *, seed: int = 0, part: tuple[int, int] = (0, 1)
    ) -> list[tuple[int, ...]]:
        """Comparison levels of random mirror record pairs: almost all non-matches, so they estimate u.
        `part` (k, n): only the k-th of n consecutive slices of the pairs, so that n processes level them
        between them (the slices, joined in order, are the whole list)."""
        values = self.reader.sample_values(size, self.scorer.values, seed=seed)  # each record's once
        rng = random.Random(seed)  # noqa: S311 - sampling, not security
        rng.shuffle(values)
        index, parts = part
        pairs = max(len(values) - 1, 0)
        start, end = pairs * index // parts, pairs * (index + 1) // parts
        return self.scorer.pair_levels(values[start:end], values[start + 1 : end + 1])

    def _shared_numbers(self, scorer: InboundScorer, ids: list[int], live_targets, values) -> tuple[int, ...]:
        """The personal identifiers (`identity_numbers`) of the record whose value two or more live CRM records
        of other names or birth dates hold among its candidates (`_one_person`: two records of one person are
        a CRM duplicate, which the number still names): a household's, an account's or a policy's number, not
        one person's, as a number several records hold is a switchboard (`_phone_shared`). Its holders are
        its candidates when the flow blocks on it (the offline run's `--attribute` does; a household's other
        holders share its surname and address blocks anyway)."""
        shared = []
        for index in self.identity_numbers:
            ours = scorer.values[index]
            if not ours or not isinstance(ours, str):
                continue
            holders = {live_targets[i]: values[i] for i in ids if values[i][index] == ours}
            if len(holders) > 1 and not self._one_person(list(holders.values())):
                shared.append(index)
        return tuple(shared)

    def _one_person(self, holders: list[tuple]) -> bool:
        """Whether the CRM records holding one number are a duplicate of one person: each pair's names alike
        (a typo or a nickname apart, `normalise_names.name_closeness`, in either order) and their dates of birth the
        same or a slip apart, or their first names alike and the very date of birth under two surnames
        (`one_person_renamed`), rather than a household's or an account's several people."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        birth = self.scorer.level_index("date_of_birth")
        return all(
            (
                same_names(one[first], one[last], other[first], other[last])
                and (birth is None or same_birth(one[birth], other[birth]))
            )
            or (birth is not None and one_person_renamed(one[first], one[birth], other[first], other[birth]))
            for at, one in enumerate(holders)
            for other in holders[at + 1 :]
        )

    def _without_shared_numbers(self, scorer: InboundScorer, ids: list[int], values, shared: tuple[int, ...]):
        """The candidates' totals with a shared identifier's agreement left out (None when none is shared:
        `_shortlist` totals them): a number several CRM records hold is no evidence of any one of them."""
        if not shared:
            return None
        scores = scorer.totals([values[i] for i in ids])
        for index in shared:
            ours, weight = scorer.values[index], self.scorer.weights[index][0]
            scores = [
                score - weight if values[i][index] == ours else score
                for score, i in zip(scores, ids, strict=True)
            ]
        return scores

    def _candidate_context(self, item: Inbound, hits) -> dict:
        """What weighing each candidate of `item` reads besides its levels (`_candidates`)."""
        shared_phone = self._phone_shared(item, hits)
        mailbox_holders = self._mailbox_holders(item, hits)
        return {
            "mailbox_held": self._mailbox_held(item, hits),
            "mailbox_holders": mailbox_holders,
            "contact_holders": self._contact_holders(item, hits, mailbox_holders),
            "shared_phone": shared_phone,
            "desk_line": self._desk_line(item) if shared_phone else (),
        }

    def _desk_line(self, item: Inbound) -> tuple[str, str]:
        """(number, extension) when a person's record writes its number with an extension
        (`normalise_phones.written_extension`); () otherwise. A switchboard several CRM records hold says which
        company; the extension says which desk it puts the caller through to."""
        number = item.profile.get("phone")
        if self.rules.entity_kind != EntityKind.PERSON or not number:
            return ()
        attributes = self._attributes(item)
        for name in self.attribute_map.get("phone", ()):
            text = attributes.get(name)
            if (
                type(text) is str
                and normalise_phones.may_write_extension(text)
                and (extension := normalise_phones.written_extension(text, number))
            ):
                return number, extension
        return ()

    @staticmethod
    def _mailbox_held(item: Inbound, hits) -> bool:
        """Whether one of the record's addresses is on a CRM record already (its holder's, or a mailbox
        handed on to this person): then another address on the person's own record is no sign of another
        person (`ONE_MAILBOX_PER_DOMAIN`)."""
        return any(hits.get((IdentifierKind.EMAIL, address)) for address in item.profile["emails"])

    @staticmethod
    def _mailbox_holders(item: Inbound, hits) -> frozenset[str]:
        """The CRM ids holding one of the record's addresses, role and shared ones too (a household's
        smithfamily@, which is no key but which a namesake elsewhere does not hold)."""
        return frozenset(
            ref.crm_id
            for address in item.profile["emails"]
            for ref in hits.get((IdentifierKind.EMAIL, address), ())
        )

    @staticmethod
    def _contact_holders(item: Inbound, hits, mailbox_holders: frozenset[str]) -> frozenset[str]:
        """The CRM ids holding both one of the record's addresses (`mailbox_holders`) and its phone: the
        person whose contact details the record gives (an assistant who registers her executive with her own
        address and line)."""
        phone = item.profile.get("phone")
        if not phone:
            return frozenset()
        return mailbox_holders & {ref.crm_id for ref in hits.get((IdentifierKind.PHONE, phone), ())}

    def _household_holders(self, item: Inbound, scorer: InboundScorer, hits, values) -> frozenset[str]:
        """The CRM ids holding one of a person's record's numbers who are another member of its family
        (`key_checks.another_household_member`): the same surname, another first name, and not the employer
        the record names (a colleague of the surname on the firm's line is an office's, not a home's). The
        record gives their line as its own, as a sibling, a spouse or a grown child gives the family's
        landline: beside the names, it says "a member of that household", whoever else of the name the CRM
        holds."""
        if self.rules.entity_kind != EntityKind.PERSON or not self.scorer.name_pair:
            return frozenset()
        first, last = self.scorer.name_pair
        inbound = {"first_name": scorer.values[first], "last_name": scorer.values[last]}
        if not all(type(name) is str and name for name in inbound.values()):
            return frozenset()
        company = self.scorer.level_index("company_name")
        employer = scorer.values[company] if company is not None else None
        holders = set()
        for number in profile_phones(item.profile):
            for ref in hits.get((IdentifierKind.PHONE, number), ()):
                held = values.get(ref.id)
                if held is None or same_employer(employer, held[company] if company is not None else None):
                    continue
                holder = {"first_name": held[first], "last_name": held[last]}
                if all(type(name) is str for name in holder.values()) and key_checks.another_household_member(
                    inbound, holder, DEFAULT_VETO_SIMILARITY
                ):
                    holders.add(ref.crm_id)
        return frozenset(holders)

    @staticmethod
    def _phone_shared(item: Inbound, hits) -> bool:
        """Whether the record's phone is on several CRM records (a switchboard: extensions are not part of a
        number): agreeing on it is what colleagues share, not something personal."""
        phone = item.profile.get("phone")
        holders = {ref.crm_id for ref in hits.get((IdentifierKind.PHONE, phone), ())} if phone else set()
        if phone and holders:
            holders.update(national_holders(phone, hits))
        if len(holders) > 1:
            return True
        # A sales-intelligence export gives a direct dial and the company's switchboard ("Direct Phone Number",
        # "Company HQ Phone"): when no CRM record holds the direct dial, the only number that can agree is the
        # switchboard, and agreeing on it is still what colleagues share.
        held = [
            {ref.crm_id for ref in hits.get((IdentifierKind.PHONE, number), ())}
            for number in profile_phones(item.profile)
        ]
        held = [crm_ids for crm_ids in held if crm_ids]
        return bool(held) and all(len(crm_ids) > 1 for crm_ids in held)

    def _candidates(
        self,
        scorer: InboundScorer,
        shortlist: list[tuple],
        values: dict,
        profiles: dict[int, dict],
        *,
        mailbox_held: bool = False,
        mailbox_holders: frozenset[str] = frozenset(),
        contact_holders: frozenset[str] = frozenset(),
        shared_phone: bool = False,
        desk_line: tuple[str, str] = (),
        own_number_holders: frozenset[int] = frozenset(),
        shared_numbers: tuple[int, ...] = (),
        household_holders: frozenset[str] = frozenset(),
    ) -> list[Candidate]:
        """The shortlisted candidates, best first; those a person will see with their contributions (the
        extra one, which only tells whether the runner-up is close, without).

        A number several CRM records hold (`shared_phone`) is a switchboard: agreeing on it is company
        evidence, not personal. Except for the candidate whose record writes it with the very extension the
        inbound record writes (`desk_line`): that is the person's own desk line, as personal as a direct
        dial (a colleague of the same name on the same extension is no real risk; a successor at that desk
        has another name, which the name vetoes weigh). And except for a record whose own number, held by no
        other record, the inbound record writes without a country (`own_number_holders`): its agreement on
        the phone is that number's."""
        candidates = []
        explain = self.explain
        for rank, (score, crm_id, record_id, extra, position) in enumerate(shortlist):
            profile, candidate_values = profiles[record_id], values[record_id]
            own_desk = (
                bool(desk_line)
                and normalise_phones.written_extension((profile["display"] or {}).get("phone"), desk_line[0])
                == desk_line[1]
            )
            shared = shared_phone and not own_desk and record_id not in own_number_holders
            holds_mailbox = crm_id in mailbox_holders or profile["crm_id"] in mailbox_holders
            # the record's address and phone are both another CRM person's
            others_contacts = bool(contact_holders - {crm_id, profile["crm_id"]})
            # the record's phone is another member's of its family (`_household_holders`)
            others_household = bool(household_holders - {crm_id, profile["crm_id"]})
            phone = self.phone_level if shared else None
            shown = rank < MAX_CANDIDATES or extra
            contributions = []
            if explain:
                levels = scorer.levels_at(position, candidate_values)
                if shown:
                    swapped = scorer.is_swapped(candidate_values, levels)
                    contributions = self.scorer.explained(scorer.values, candidate_values, levels, swapped)
                    if shared_numbers:
                        self._uncount_shared_numbers(contributions, levels, shared_numbers)
                veto_check = functools.partial(
                    self._candidate_vetoes,
                    scorer,
                    candidate_values,
                    levels,
                    mailbox_held,
                    shared,
                    holds_mailbox,
                    shared_numbers=shared_numbers,
                    others_contacts=others_contacts,
                    others_household=others_household,
                )
            else:  # the levels are read again only if a decision reads this candidate's vetoes
                veto_check = functools.partial(
                    self._candidate_vetoes_at,
                    scorer,
                    position,
                    candidate_values,
                    mailbox_held,
                    shared,
                    holds_mailbox,
                    shared_numbers=shared_numbers,
                    others_contacts=others_contacts,
                    others_household=others_household,
                )
            # A number's level is never one of the names that `levels_at` may swap: read from its column.
            phone_level = scorer.level_in_column(phone, position) if phone is not None else MISSING
            candidates.append(
                Candidate(
                    crm_id=crm_id,
                    score=score,
                    probability=self.scorer.probability(score),
                    contributions=contributions,
                    vetoed_by=veto_check() if explain else None,
                    veto_check=veto_check,
                    display=profile["display"],
                    # Without `explain`, built when a decision reads them (`Candidate.review_attributes`).
                    attributes=(attributes_for_review(profile) if explain else None) if shown else {},
                    review_profile=profile if shown else None,
                    note=f"scored on merged record {profile['crm_id']}"
                    if crm_id != profile["crm_id"]
                    else "",
                    names_agree=scorer.names_agree_at(position, candidate_values),
                    extra=extra,
                    shared_weight=self.scorer.weights[phone][phone_level] if phone_level != MISSING else 0.0,
                    desk_extension=desk_line[1] if own_desk else "",
                    identified=self._identified_by_number(scorer, position, candidate_values, shared_numbers),
                    identified_by_profile=self._identified_by_number(
                        scorer, position, candidate_values, shared_numbers, self.profile_numbers
                    ),
                )
            )
        return candidates

    def _identified_by_number(
        self,
        scorer: InboundScorer,
        position: int,
        candidate_values: tuple,
        shared_numbers: tuple[int, ...],
        numbers: list[int] | None = None,
    ) -> bool:
        """Whether the candidate at `position` holds the record's own personal identifier (one no two CRM
        people hold; one of `numbers`, by default any) and has its names: both written on both sides (either
        way round), each the same, a nickname, an initial or a part of the other, or a slip from it (the
        closest similarity level; a name only loosely alike, "Maria" and "Mark", is another person's)."""
        numbers = self.identity_numbers if numbers is None else numbers
        if not numbers or not self.scorer.name_pair:
            return False
        if not any(
            scorer.level_in_column(index, position) == 0 for index in numbers if index not in shared_numbers
        ):
            return False
        levels = scorer.levels_at(position, candidate_values)
        return all(
            levels[index] != MISSING and levels[index] <= self._close_name_level(index)
            for index in self.scorer.name_pair
        )

    def _close_name_level(self, index: int) -> int:
        """The loosest level of name comparison `index` that still reads as the same name: exact, then (a
        name comparison's) nickname, initial or part, then its closest similarity level; never "different"."""
        comparison = self.scorer.comparisons[index]
        closest = 1 + (comparison["method"] == "name")
        return min(closest, len(self.scorer.labels[index]) - 2)

    def _uncount_shared_numbers(self, contributions: list[dict], levels, shared_numbers) -> None:
        """Show an identifier several CRM people hold as agreeing but not counted, as `_without_shared_numbers`
        left its weight out of the score."""
        shared = {self.scorer.attributes[index] for index in shared_numbers if levels[index] == 0}
        for contribution in contributions:
            if contribution["attribute"] in shared:
                contribution["level"] += " (held by several CRM records: not counted)"
                contribution["weight"] = 0.0
