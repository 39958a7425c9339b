"""The resolver: which CRM record (by internal id) an inbound record belongs to, and why.

Order of evidence, per the flow's rules:
1. deterministic keys in precedence order: the CRM id sent with the record, a learned or confirmed identity
   link for (source, external id), the configured external-id field, a unique email, a unique phone.
   A key counts only if it points to exactly one live record (after following merges); role addresses and
   values shared by two records are never keys.
2. otherwise candidates from the blocking rules, scored with Fellegi-Sunter weights. Auto-link only when the
   flow enables it, the best candidate's probability reaches the threshold, it leads the next one clearly,
   and no veto objects. Everything else stops with its ranked candidates for a person to decide.

Reads only: one batch costs a fixed number of queries, and nothing is written here.
"""

import functools

from crmhub.core.gc_pause import collector_paused
from identity_app import (
    blocking,
    columns,
    mirror_index,
    normalise_phones,
    normalise_text,
    organisations,
    salesforce_ids,
)
from identity_app.attributes import (
    CRM_REFERENCE,
    DECEASED,
    NAMES_TWO_PEOPLE,
    PERSONAL_IDENTIFIER_TYPES,
    SOCIAL_PROFILE,
    EntityKind,
    display_values,
    merged_attribute_map,
    profile_phones,
    unread_phones,
)
from identity_app.blocking import FALLBACK_BLOCKING_RULES, rule_kind
from identity_app.mirror import MAX_MERGE_DEPTH, RecordRef
from identity_app.models import IdentifierKind, KeyName, ReviewReason
from identity_app.personal_evidence import company_only_check
from identity_app.resolution import (
    ANOTHER_HOUSEHOLD,
    COMPANY_NUMBER_KIND,
    COMPANY_PAGE_KIND,
    DECEASED_NOTE,
    DOMAIN_KIND,
    INBOUNDS,
    JOINT_NAME_NOTE,
    LEI_KIND,
    MATCHED,
    MAX_CANDIDATES,
    NAME_MADE_MAILBOX,
    NAMES_ONLY,
    OTHER_LINE,
    OWN_CONTACTS_DIFFER,
    PERSONAL_EVIDENCE,
    PLACE_AND_BIRTH,
    VAT_KIND,
    Candidate,
    Inbound,
    Resolution,
    Rules,
    Target,
    attributes_of,
    bare_candidate,
)
from identity_app.resolver_candidates import CandidateSearch
from identity_app.resolver_decisions import Decisions
from identity_app.resolver_keys import KeyEvidence
from identity_app.resolver_vetoes import Vetoes
from identity_app.scoring import Scorer

__all__ = [
    "ANOTHER_HOUSEHOLD",
    "INBOUNDS",
    "MATCHED",
    "MAX_CANDIDATES",
    "NAMES_ONLY",
    "NAME_MADE_MAILBOX",
    "OTHER_LINE",
    "OWN_CONTACTS_DIFFER",
    "Candidate",
    "Inbound",
    "Resolution",
    "Resolver",
    "Rules",
]


class Resolver(KeyEvidence, CandidateSearch, Vetoes, Decisions):
    """Resolves inbound records against one CRM object's mirror under one flow's rules.

    Its parts, one module each: the deterministic keys and their contradictions (`resolver_keys`), the blocked
    candidates and their scores (`resolver_candidates`), the vetoes (`resolver_vetoes`) and the decision
    (`resolver_decisions`); what they share is in `identity_app.resolution`. This class builds what they read
    from the rules and runs a batch through them (`resolve_batch`).
    """

    def __init__(self, *, connection_id: int, object_name: str, rules: Rules):
        self.connection_id, self.object_name = connection_id, object_name
        self.rules = rules
        # Whether shown candidates carry their per-attribute contributions (a results file has no use for them).
        self.explain = True
        self.scorer = Scorer(rules.comparisons, rules.prior_match_probability)
        self.attribute_map = merged_attribute_map(rules.mirror_fields)
        self.external_kind = IdentifierKind.EXTERNAL_PREFIX + rules.external_id_field
        self.key_precedence = [
            key
            for key in rules.key_precedence
            if rules.entity_kind != EntityKind.DEAL or key in KeyName.DEAL  # deals: ids only, never data
        ]
        self.uses = set(self.key_precedence)
        # Columns of CRM ids another system stored for the record (`crm_references`): keys, not compared.
        self.reference_columns = [
            column for column, kind in rules.attribute_types.items() if kind == CRM_REFERENCE
        ]
        self.veto_checks = self._veto_checks()
        fallback = {tuple(rule) for rule in FALLBACK_BLOCKING_RULES}
        self.fallback_kinds = frozenset(
            rule_kind(rule) for rule in rules.blocking_rules if tuple(rule) in fallback
        )
        self.weak_first_name = self._weak_first_name()
        self.place_and_birth = [
            index
            for attribute in PLACE_AND_BIRTH
            if (index := self.scorer.level_index(attribute)) is not None
        ]
        # A custom attribute the flow types as a personal identifier (a national id) is personal evidence too.
        self.identity_numbers = [
            index
            for index, comparison in enumerate(self.scorer.comparisons)
            if comparison["attribute"].startswith("extra.")
            and rules.attribute_types.get(comparison["attribute"][len("extra.") :])
            in PERSONAL_IDENTIFIER_TYPES
        ]
        self.personal_evidence = [
            index
            for attribute in PERSONAL_EVIDENCE
            if (index := self.scorer.level_index(attribute)) is not None
        ] + self.identity_numbers
        self.profile_numbers = [
            index
            for index in self.identity_numbers
            if rules.attribute_types.get(self.scorer.comparisons[index]["attribute"][len("extra.") :])
            == SOCIAL_PROFILE
        ]
        self.phone_level = self.scorer.level_index("phone")
        self.home = self._home_comparisons()
        # A surname's veto reads it as a surname (`normalise_names.surname_closeness`), not as a given name.
        self.surname_index = (
            self.scorer.name_pair[1]
            if self.scorer.name_pair and self.scorer.comparisons[self.scorer.name_pair[1]]["method"] == "name"
            else None
        )
        street = self.scorer.level_index("street")
        postcode = self.scorer.level_index("postcode")
        self.street_and_postcode = (
            (street, postcode, self.scorer.level_index("country"))
            if rules.entity_kind == EntityKind.ORGANISATION and street is not None and postcode is not None
            else None
        )
        self.company_name_level = (
            self.scorer.level_index("company_name") if rules.entity_kind == EntityKind.ORGANISATION else None
        )
        self.premises_levels = (
            (self.phone_level, street)
            if rules.entity_kind == EntityKind.ORGANISATION
            and self.phone_level is not None
            and street is not None
            else None
        )
        # An organisation's own lines (its phone, its domain), and what places it beyond its name and town:
        # those and its street and postcode.
        self.own_lines, self.placing_levels = (
            (
                tuple(i for a in ("phone", "email_domain") if (i := self.scorer.level_index(a)) is not None),
                tuple(
                    index
                    for attribute in ("phone", "email_domain", "street", "postcode")
                    if (index := self.scorer.level_index(attribute)) is not None
                ),
            )
            if rules.entity_kind == EntityKind.ORGANISATION
            else ((), ())
        )
        self.company_only = (
            company_only_check(self.scorer, personal=self.personal_evidence)
            if self.rules.entity_kind == EntityKind.PERSON
            else None
        )
        self.identifying = self._identifying_comparisons()

    @functools.cached_property
    def reader(self):
        """The mirror's reader (in memory or the database), chosen at first read: a resolver that only
        computes keys (`lookup_keys`) reads nothing."""
        return mirror_index.reader_for(
            self.connection_id, self.object_name, self.scorer.attributes, self.scorer.values
        )

    def spec(self) -> tuple[int, str, Rules]:
        """What builds this resolver again (`Resolver(*spec)` in another process): plain, picklable data."""
        return self.connection_id, self.object_name, self.rules

    @classmethod
    def from_spec(cls, spec: tuple[int, str, Rules]) -> "Resolver":
        connection_id, object_name, rules = spec
        return cls(connection_id=connection_id, object_name=object_name, rules=rules)

    def inbound(self, record: dict) -> Inbound:
        return self.inbounds([record])[0]

    def inbounds(self, records: list[dict]) -> list[Inbound]:
        """The records as `Inbound`s, their profiles built for the whole batch a column at a time (or
        remembered, `INBOUNDS`)."""
        attributes = [attributes_of(record) for record in records]
        remembered: list[list | None] = [None] * len(records)
        if INBOUNDS.enabled:
            entries, shape = INBOUNDS.entries, self._shape
            keys = [INBOUNDS.key(shape, fields) for fields in attributes]
            remembered = [entries.get(key) if key is not None else None for key in keys]
        missing = [position for position, entry in enumerate(remembered) if entry is None]
        profiles = columns.build_profiles(
            [attributes[position] for position in missing],
            attribute_map=self.attribute_map,
            region=self.rules.default_region,
            kind=self.rules.entity_kind,
            attribute_types=self.rules.attribute_types,
        )
        if INBOUNDS.enabled:
            if len(entries) + len(missing) > INBOUNDS.limit:
                INBOUNDS.clear()
            for position, profile in zip(missing, profiles, strict=True):
                if keys[position] is not None:
                    remembered[position] = INBOUNDS.entries[keys[position]] = [profile, None]
        built = iter(profiles)
        return [
            Inbound(
                raw=record,
                source_system=str(record.get("source_system") or self.rules.source_system),
                external_id=normalise_text.identifier(record.get("external_id")),
                crm_id=normalise_text.identifier(record.get("crm_id")),
                profile=entry[0] if entry is not None else next(built),
                remembered=entry,
                attributes=fields,
            )
            for record, entry, fields in zip(records, remembered, attributes, strict=True)
        ]

    @functools.cached_property
    def forced_by_kind(self) -> dict[str, frozenset[int]]:
        """Block kind -> the comparisons its blocks make agree (`blocking.forced_comparisons`)."""
        return blocking.forced_comparisons(self.rules.blocking_rules, self.scorer.attributes)

    @functools.cached_property
    def key_comparisons(self) -> dict[int, str]:
        """Comparison index -> the lookup kind agreeing there means sharing (`blocking.KEY_COMPARISONS`)."""
        return {
            index: blocking.KEY_COMPARISONS[attribute]
            for index, attribute in enumerate(self.scorer.attributes)
            if attribute in blocking.KEY_COMPARISONS
        }

    @functools.cached_property
    def _shape(self) -> str:
        """What shapes an inbound record's profile and search keys besides its fields."""
        rules = self.rules
        shaping = (self.attribute_map, rules.default_region, rules.entity_kind, rules.attribute_types)
        return repr((*shaping, rules.blocking_rules))

    def search_keys(self, items: list[Inbound]) -> list[set[tuple[str, str]]]:
        """`blocking.search_keys` of each item's profile, for the whole batch at once (or remembered)."""
        missing = [
            position
            for position, item in enumerate(items)
            if item.remembered is None or item.remembered[1] is None
        ]
        built = columns.block_keys_by_record(
            [items[position].profile for position in missing], self.rules.blocking_rules, plain_keys=True
        )
        for position, keys in zip(missing, built, strict=True):
            keys |= blocking.folded_first_name_keys(items[position].profile, self.rules.blocking_rules)
            keys |= blocking.other_name_keys(items[position].profile, self.rules.blocking_rules)
        if len(missing) == len(items) and not INBOUNDS.enabled:
            return built
        found: list = [None] * len(items)
        for position, keys in zip(missing, built, strict=True):
            found[position] = keys
            if items[position].remembered is not None:
                items[position].remembered[1] = keys
        return [
            keys if keys is not None else item.remembered[1] for keys, item in zip(found, items, strict=True)
        ]

    def lookup_keys(self, records: list[dict]) -> set[tuple[str, str]]:
        """Every mirror lookup key that resolving (or fitting on) `records` may read: their search keys and
        their deterministic keys. An in-memory mirror loaded for these records only needs these indexed, and
        its phone numbers (`columns.positions_by_key`): the national readings of a number written without a
        country (`_national_lookups`, some 60 a number) are looked up for the records left for review only."""
        with collector_paused():
            items = self.inbounds(records)
            keys = set().union(*self.search_keys(items))
            for item in items:
                keys |= self._key_lookups(item)
            return keys

    def _key_lookups(self, item: Inbound) -> set[tuple[str, str]]:
        """The lookups of the record's deterministic keys; read by the keys and again by the candidates."""
        if item.lookups is None:
            item.lookups = self._lookups_of(item)
        return item.lookups

    def _attributes(self, item: Inbound) -> dict:
        """The record's attributes (`attributes_of`), read once; nothing changes them."""
        if item.attributes is None:
            item.attributes = attributes_of(item.raw)
        return item.attributes

    def _written(self, item: Inbound) -> dict:
        """The record's identifying values as written (`display_values`), read once."""
        if item.written is None:
            item.written = display_values(self._attributes(item), self.attribute_map)
        return item.written

    def _unread_phones(self, item: Inbound) -> list[str]:
        if item.unread_phones is None:
            item.unread_phones = unread_phones(self._attributes(item), self.attribute_map)
        return item.unread_phones

    def _national_lookups(self, item: Inbound) -> set[tuple[str, str]]:
        """Where the records a number written nationally without a country may be another's own number
        are looked up (`normalise_phones.national_lookups`): never a key, only candidates for the review list
        (`_relist_on_national_numbers`)."""
        if self.phone_level is None:
            return set()
        if item.national_lookups is None:
            item.national_lookups = {
                (IdentifierKind.PHONE, number)
                for text in self._unread_phones(item)
                for number in normalise_phones.national_lookups(text)
            }
        return item.national_lookups

    def _lookups_of(self, item: Inbound) -> set[tuple[str, str]]:
        keys = set()
        if KeyName.PHONE in self.uses or self.phone_level is not None:
            keys.update(
                (IdentifierKind.PHONE_NATIONAL, digits)
                for number in profile_phones(item.profile)
                if (digits := normalise_phones.national_digits(number))
            )
        if KeyName.EXTERNAL_ID in self.uses and self.rules.external_id_field and item.external_id:
            keys.add((self.external_kind, item.external_id))
        if KeyName.EMAIL in self.uses:
            keys.update((IdentifierKind.EMAIL, address) for address in item.profile["emails"])
        if KeyName.PHONE in self.uses:
            keys.update((IdentifierKind.PHONE, number) for number in profile_phones(item.profile))
        if KeyName.DOMAIN in self.uses and organisations.is_domain_key(item.profile["email_domain"]):
            keys.add((DOMAIN_KIND, item.profile["email_domain"]))
        if KeyName.VAT in self.uses and (number := organisations.vat_number(item.profile)):
            keys.add((VAT_KIND, number))
        if KeyName.COMPANY_NUMBER in self.uses and (number := organisations.company_number(item.profile)):
            keys.add((COMPANY_NUMBER_KIND, number))
        if KeyName.COMPANY_PAGE in self.uses and (page := organisations.company_page(item.profile)):
            keys.add((COMPANY_PAGE_KIND, page))
        if KeyName.LEI in self.uses and (code := organisations.lei(item.profile)):
            keys.add((LEI_KIND, code))
        return keys

    def resolve_batch(self, records: list[dict], *, keys_only: bool = False) -> list[Resolution]:
        """Resolutions of the records, in order. `keys_only` (what fitting needs: which records a key decided)
        leaves out the scoring of records no key decided: they come back as no_match without candidates; a
        key that waits on the candidates (a phone and namesake colleagues) is still decided in full."""
        with collector_paused():
            return self._resolve_batch(records, keys_only=keys_only)

    def _resolve_batch(self, records: list[dict], *, keys_only: bool = False) -> list[Resolution]:
        self.reader.prepare()
        items = self.inbounds(records)
        link_pairs = {(i.source_system, i.external_id) for i in items if i.external_id}
        links = self.reader.links(link_pairs) if KeyName.IDENTITY_LINK in self.uses else {}
        hits = self.reader.key_hits(set().union(*(self._key_lookups(item) for item in items)))

        refs: dict[str, RecordRef] = {ref.crm_id: ref for found in hits.values() for ref in found}
        wanted = {item.crm_id for item in items if item.crm_id} | {crm_id for crm_id, _ in links.values()}
        wanted |= {crm_id for item in items for _, crm_id in self._crm_references(item)}
        refs.update(self.reader.refs_by_crm_id(wanted - refs.keys()))
        self._other_id_forms(wanted - refs.keys(), refs)
        self.reader.add_survivors(refs)

        key_results = [self._data_keys(item, hits, refs) for item in items]
        holders = self._key_holder_profiles(key_results, refs)
        results: list[Resolution | None] = [
            self._deterministic(item, links, results, holders, refs)
            for item, results in zip(items, key_results, strict=True)
        ]
        pending = [index for index, result in enumerate(results) if result is None]
        if keys_only:
            for index in pending:
                if items[index].key_conflict is not None:
                    results[index] = self._key_conflict(items[index], [])
                elif items[index].shared_key_link is None:
                    results[index] = self._resolution(
                        items[index], ReviewReason.NO_MATCH, notes=["Not scored."]
                    )
            pending = [index for index in pending if results[index] is None]
        if pending:
            explain = self.explain
            # Keys only: the resolutions say which records a key decided, nothing a person reads.
            self.explain = explain and not keys_only
            try:
                probabilistic = self._probabilistic([items[index] for index in pending], hits, refs)
            finally:
                self.explain = explain
            for index, result in zip(pending, probabilistic, strict=True):
                results[index] = result
        if self.rules.entity_kind == EntityKind.PERSON:
            self._hold_back(items, results, hits, refs, keys_only=keys_only)
        return results

    def _hold_back(self, items: list[Inbound], results: list, hits, refs, *, keys_only: bool) -> None:
        """Links no evidence may make without a person, turned into reviews (in place): a record whose name
        is a couple's or a family's ("John & Mary Smith", "The Smith Family": a joint gift, a household
        membership) is neither spouse alone, whichever one's address or phone it carries; and a CRM person
        marked as deceased makes no new gift or sign-up (a widow writing as "Mrs John Smith", an estate, an
        heir on the family's mailbox, someone using the details does). The candidates are scored for the
        reviewer as any record's are."""
        matched = [index for index, result in enumerate(results) if result is not None and result.matched]
        if not matched:
            return
        dead = self._deceased({results[index].crm_id for index in matched})
        held = {
            index: JOINT_NAME_NOTE
            if (items[index].profile.get("extra") or {}).get(NAMES_TWO_PEOPLE)
            else DECEASED_NOTE.format(crm_id=results[index].crm_id)
            for index in matched
            if (items[index].profile.get("extra") or {}).get(NAMES_TWO_PEOPLE)
            or results[index].crm_id in dead
        }
        if not held:
            return
        positions = sorted(held)
        for index in positions:
            # a key's holder its names set aside is a candidate like any other here: nothing links
            items[index].contradicted = set()
        scored = (
            [None] * len(positions)
            if keys_only
            else self._probabilistic([items[index] for index in positions], hits, refs)
        )
        for index, again in zip(positions, scored, strict=True):
            linked = results[index]
            candidates = list(again.candidates) if again is not None else []
            by_id = {candidate.get("crm_id"): candidate for candidate in candidates}
            by_id.setdefault(linked.crm_id, bare_candidate(linked.crm_id, linked.score, linked.probability))
            # the holders of the record's own mailbox and numbers next, whatever their names score: a widow's
            # own address beside her late husband's name is hers
            holders = [
                ref.crm_id
                for key in sorted(self._key_lookups(items[index]))
                for ref in hits.get(key, ())
                if not ref.is_deleted and not ref.merged_into
            ]
            for crm_id in holders:
                by_id.setdefault(crm_id, bare_candidate(crm_id, None, None))
            first = [linked.crm_id, *dict.fromkeys(crm_id for crm_id in holders if crm_id != linked.crm_id)]
            candidates = [by_id[crm_id] for crm_id in first] + [
                candidate for crm_id, candidate in by_id.items() if crm_id not in first
            ]
            for rank, candidate in enumerate(candidates, start=1):
                candidate["rank"] = rank
            results[index] = self._resolution(
                items[index],
                ReviewReason.VETO,
                candidates=candidates[:MAX_CANDIDATES],
                score=linked.score,
                probability=linked.probability,
                notes=[held[index], *linked.notes],
            )

    def _deceased(self, crm_ids: set[str]) -> set[str]:
        """The CRM ids among `crm_ids` whose records the CRM marks as deceased."""
        refs = self.reader.refs_by_crm_id(crm_ids)
        if not refs:
            return set()
        profiles = self.reader.profiles({ref.id for ref in refs.values()}, ("extra",))
        dead_ids = {
            record_id for record_id, profile in profiles.items() if (profile.get("extra") or {}).get(DECEASED)
        }
        return {crm_id for crm_id, ref in refs.items() if ref.id in dead_ids}

    def _other_id_forms(self, missing: set[str], refs: dict[str, RecordRef]) -> None:
        """A CRM id the mirror does not hold as written may be a Salesforce id in its other length (15
        characters from a report, 18 from the API): the mirror's record is the one it names."""
        forms = {form: crm_id for crm_id in missing if (form := salesforce_ids.other_form(crm_id))}
        for form, ref in self.reader.refs_by_crm_id(set(forms)).items():
            refs[forms[form]] = ref
            refs.setdefault(ref.crm_id, ref)  # the record under its own id too (its profile is read by it)

    def _follow(self, crm_id: str, refs: dict[str, RecordRef]) -> Target:
        chain = [crm_id]
        ref = refs.get(crm_id)
        if ref is None:
            return Target(crm_id, "not_in_mirror", chain)
        for _ in range(MAX_MERGE_DEPTH + 1):
            if not ref.merged_into:
                return Target(ref.crm_id, "deleted" if ref.is_deleted else "live", chain)
            chain.append(ref.merged_into)
            survivor = refs.get(ref.merged_into)
            if survivor is None:
                return Target(ref.merged_into, "unknown_survivor", chain)
            ref = survivor
        return Target(ref.crm_id, "unknown_survivor", chain)

    def _resolution(self, item: Inbound, outcome: str, **fields) -> Resolution:
        return Resolution(
            inbound=item.raw,
            source_system=item.source_system,
            external_id=item.external_id,
            outcome=str(outcome),
            **fields,
        )

    def _to_target(
        self, item: Inbound, crm_id: str, method: str, refs, *, link_method: str = ""
    ) -> Resolution:
        """Resolve through a key that names one CRM id (sent CRM id, identity link, unique key)."""
        target = self._follow(crm_id, refs)
        evidence = {
            "attribute": method,
            "method": "key",
            "inbound": item.crm_id if method == KeyName.CRM_ID else item.external_id,
            "candidate": crm_id,
            "level": f"{link_method} link" if link_method else "unique key",
            "weight": None,
        }
        notes = []
        repointed_from = ""
        if len(target.chain) > 1:
            repointed_from = crm_id
            notes.append(
                f"{crm_id} was merged into {' -> '.join(target.chain[1:])}; re-pointed to the survivor."
            )
        if target.status == "live":
            return self._resolution(
                item,
                MATCHED,
                crm_id=target.crm_id,
                method=method,
                explanation=[evidence],
                notes=notes,
                repointed_from=repointed_from,
            )
        if target.status == "not_in_mirror" and method == KeyName.IDENTITY_LINK:
            notes.append(f"{crm_id} is not in the mirror yet; trusting the {link_method} identity link.")
            return self._resolution(
                item, MATCHED, crm_id=crm_id, method=method, explanation=[evidence], notes=notes
            )
        if target.status == "deleted":
            notes.append(f"{target.crm_id} is deleted in the CRM.")
            return self._resolution(item, ReviewReason.DELETED_TARGET, explanation=[evidence], notes=notes)
        if target.status == "unknown_survivor":
            notes.append(f"{crm_id} was merged into {target.crm_id}, which is not in the mirror.")
            return self._resolution(item, ReviewReason.MERGED_TARGET, explanation=[evidence], notes=notes)
        notes.append(f"CRM id {crm_id} is not in the mirror.")
        return self._resolution(item, ReviewReason.NO_MATCH, explanation=[evidence], notes=notes)
