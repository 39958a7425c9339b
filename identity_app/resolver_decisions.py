"""The resolver's decisions: link, or leave for review with the candidates in the order a person reads.

The best candidate is linked only when the flow allows it, its probability reaches the threshold, no veto
objects and it leads the next candidate by more than the tie margin; candidates within the margin are a tie that
nothing resolves by itself (the two CRM records may be duplicates). Keys that point to different records are a
conflict, never linked. Mixed into `identity_app.resolver.Resolver`.
"""

import math

from identity_app import (
    blocking,
    locale_words,
    name_parts,
    normalise_companies,
    normalise_names,
    normalise_phones,
    normalise_places,
    normalise_text,
    organisations,
)
from identity_app.attributes import INITIALS, OTHER_NAMES, EntityKind, displays_name_alike
from identity_app.models import KeyName, ReviewReason
from identity_app.personal_evidence import NOTHING_PERSONAL
from identity_app.personal_evidence import WORDS as COMPANY_ONLY
from identity_app.resolution import (
    ANOTHER_HOUSEHOLD,
    ANOTHER_HOUSEHOLD_NOTE,
    COMMON_NAME_ELSEWHERE,
    COMMON_NAME_ELSEWHERE_NOTE,
    GENERATION,
    KEY_WORDS,
    MATCHED,
    MAX_CANDIDATES,
    NAME_ELSEWHERE,
    NAME_ELSEWHERE_NOTE,
    NAME_MADE_MAILBOX,
    NAME_MADE_MAILBOX_NOTE,
    NAMES_ONLY,
    NAMES_ONLY_NOTE,
    NO_CANDIDATE_NOTE,
    NO_PERSON_NAMED,
    NO_PERSON_NAMED_NOTE,
    OTHER_LINE,
    OTHER_LINE_NOTE,
    OTHER_PREMISES,
    OTHER_PREMISES_NOTE,
    OWN_CONTACTS_DIFFER,
    OWN_CONTACTS_DIFFER_NOTE,
    Candidate,
    Inbound,
    Resolution,
    and_joined,
    as_percent,
    candidate_name,
    first_name_clearly_differs,
    mobile_beside_office_line,
    placed_with_holder,
)
from identity_app.scoring import similarity

# A birth date held by this many CRM records or more is counted, not only tested (`_common_birth_date_probability`).
COMMON_BIRTH_DATE_COUNT_LIMIT = 10_000


class Decisions:
    """Link or review: thresholds, ties, key conflicts and the review list's order."""

    def _decide(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """Decide on the candidates by score; a record left for review lists those whose names agree
        first (each group by score), so the person is among the first few even when colleagues outscore
        them on company evidence."""
        resolution = self._decision(item, [candidate for candidate in candidates if not candidate.extra])
        return self._listed(item, resolution, candidates)

    def _listed(self, item: Inbound, resolution: Resolution, candidates: list[Candidate]) -> Resolution:
        """`resolution` with the review list `_decide` gives it, the extras among `candidates` included."""
        if not resolution.matched and candidates:
            # The record a key of this one points to comes first when the key only waited on namesakes
            # (`_decide_shared_key`): its names need not agree (a married name), it is the one to weigh. So
            # does a record a key points to that its names set aside (`Inbound.contradicted`): a married name
            # beside her mobile is in review as the colleague who took the mobile over would be.
            held = item.shared_key_link.crm_id if item.shared_key_link is not None else ""
            shown = sorted(
                candidates,
                key=lambda c: (
                    c.crm_id != held,
                    c.crm_id not in item.key_conflict_ids,
                    c.crm_id not in item.contradicted,
                    not c.names_agree,
                    -c.score,
                    c.crm_id,
                ),
            )[:MAX_CANDIDATES]
            resolution.candidates = [candidate.as_dict(rank) for rank, candidate in enumerate(shown, start=1)]
        return resolution

    def _key_conflict(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """Keys that point to different CRM records (two records of one person, or a mailbox and a mobile of
        two people): never linked; the records the keys point to are flagged as a tie, so that no bulk action
        picks one of them, and listed first (`as_list`)."""
        held = [c for c in candidates if c.crm_id in item.key_conflict_ids]
        if len(held) > 1:
            for candidate in held:
                candidate.tied = True
        return self._resolution(
            item,
            ReviewReason.KEY_CONFLICT,
            notes=list(item.key_notes),
            explanation=list(item.key_conflict or []),
        )

    def _decision(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        if item.key_conflict is not None:
            return self._key_conflict(item, candidates)
        if item.shared_key_link is not None:
            return self._decide_shared_key(item, candidates)
        if item.contradicted:
            # A record a key pointed to, whose other attributes say it is someone else (a mailbox handed on
            # to a successor), scores on that very key: it neither links nor ties with the others. Another
            # candidate still links only on its own evidence (threshold, vetoes, the margin over the rest).
            candidates = [c for c in candidates if c.crm_id not in item.contradicted] or candidates
        candidates, other_generations = self._of_the_written_generation(item, candidates)
        tie_notes = self._mark_ties(candidates)
        resolution = self._decide_on_scores(item, candidates)
        if not resolution.matched and (renamed := self._renamed_at_premises(item, candidates, resolution)):
            resolution = renamed
        if not resolution.matched and (placed := self._company_at_its_door(item, candidates, resolution)):
            resolution = placed
        if other_generations and not resolution.matched:
            resolution.candidates = (
                resolution.candidates
                + [
                    candidate.as_dict(rank)
                    for rank, candidate in enumerate(other_generations, start=len(resolution.candidates) + 1)
                ][: max(0, MAX_CANDIDATES - len(resolution.candidates))]
            )
        if resolution.matched and candidates[0].tied:  # never link one of a tie, whatever the threshold
            resolution.outcome, resolution.crm_id, resolution.method = str(ReviewReason.AMBIGUOUS), "", ""
        if tie_notes and not resolution.matched and self.rules.entity_kind == EntityKind.ORGANISATION:
            broken = (
                self._tie_broken_by_legal_form(item, candidates)
                or self._tie_broken_by_group_word(item, candidates)
                or self._tie_broken_by_name(item, candidates)
            )
            if broken is not None:
                resolution, tie_notes = broken, []
        elif (
            tie_notes
            and not resolution.matched
            and not item.contradicted
            and (broken := self._tie_broken_by_person_names(item, candidates)) is not None
        ):
            resolution, tie_notes = broken, []
        if item.contradicted and not (resolution.matched and resolution.crm_id not in item.contradicted):
            # A key pointed here but the record's other attributes deny it: a person decides, whatever the
            # scores say (the key's own agreement weighs in them).
            resolution.outcome = str(ReviewReason.KEY_CONTRADICTED)
            resolution.crm_id = resolution.method = ""
            resolution.would_auto_link = False
        resolution.notes = item.key_notes + tie_notes + resolution.notes
        return resolution

    def _renamed_at_premises(
        self, item: Inbound, candidates: list[Candidate], resolution: Resolution
    ) -> Resolution | None:
        """The link to the one candidate whose name is a former name the record gives (a register's previous
        names: `attributes.OTHER_NAMES`) at the record's postcode and in its town, when the scores alone fell
        short or the names' veto fired: the company renamed in place. Never when another candidate carries the
        record's current name (the name's new holder), another veto fires, or the company numbers differ."""
        if (
            self.rules.entity_kind != EntityKind.ORGANISATION
            or not self.rules.probabilistic_enabled
            or resolution.outcome not in (ReviewReason.LOW_SCORE, ReviewReason.VETO, ReviewReason.NO_MATCH)
        ):
            return None
        current, postcode = item.profile.get("company_name") or "", item.profile.get("postcode") or ""
        former = {
            name
            for name in (item.profile.get("extra") or {}).get(OTHER_NAMES) or ()
            if name and name != current
        }
        if not current or not postcode or not former:
            return None
        named = [(c, c.review_attributes().get("company_name") or "") for c in candidates]
        if any(name == current for _, name in named):
            return None
        formerly = [c for c, name in named if name in former]
        if len(formerly) != 1:
            return None
        chosen, held = formerly[0], formerly[0].review_attributes()
        if held.get("postcode") != postcode or held.get("city", "") != item.profile.get("city", ""):
            return None
        if normalise_places.other_house_numbers(self._candidate_street(chosen), item.profile.get("street")):
            return None  # another door on the street, or in the town a French postcode covers: other premises
        if (
            set(chosen.vetoes()) - {"company_name"}
            or self._other_company_number(item, chosen)
            or self._other_lei(item, chosen)
        ):
            return None
        notes = [
            f"{candidate_name(chosen)} carries {held['company_name']!r}, the name this record says the company "
            f"had before {current!r}, at its postcode and in its town: the company renamed in place."
        ]
        return self._linked_by_rule(item, chosen, resolution, notes)

    def _linked_by_rule(
        self, item: Inbound, chosen: Candidate, resolution: Resolution, notes: list[str]
    ) -> Resolution:
        """The link to `chosen` that a rule beyond the scores made (`notes` say which), the candidates listed
        as `resolution` listed them."""
        return self._resolution(
            item,
            MATCHED,
            crm_id=chosen.crm_id,
            method="probabilistic",
            would_auto_link=True,
            notes=notes,
            candidates=resolution.candidates,
            score=chosen.score,
            probability=chosen.probability,
            explanation=chosen.contributions,
        )

    def _another_organisation(self, item: Inbound, top: Candidate) -> str:
        """Why a best candidate that scores high is another organisation all the same: another register number or
        LEI, another fund of one umbrella, another company of one group ("" when nothing says so)."""
        if numbers := self._other_company_number(item, top):
            return (
                f"Best candidate {candidate_name(top)} scores high but holds company number {numbers[1]}, not "
                f"this record's {numbers[0]}: a register numbers each company once, so it is another company "
                "(one dissolved, and a newer one that took its name)."
            )
        if numbers := self._other_vat_number(item, top):
            return (
                f"Best candidate {candidate_name(top)} scores high but holds VAT number {numbers[1]}, not this "
                f"record's {numbers[0]}: a legal entity has one VAT number in a country, so it is another company "
                "(a new company at an old one's premises, a sole trader's owner's new company)."
            )
        if firms := self._sole_trader_beside_company(item, top):
            return (
                f"Best candidate {candidate_name(top)} scores high but {firms[0]} is a sole trader and {firms[1]} "
                "a company, which a sole trader never turns into: the owner's new company is another entity."
            )
        if codes := self._other_lei(item, top):
            return (
                f"Best candidate {candidate_name(top)} scores high but holds LEI {codes[1]}, not this record's "
                f"{codes[0]}: GLEIF issues each legal entity one, so it is another entity (a branch abroad, another "
                "fund of one umbrella, another company of one group)."
            )
        if main_unit := self._sub_unit_elsewhere(item, top):
            return (
                f"Best candidate {candidate_name(top)} scores high but is in another town at another postcode, and "
                f"this record is a sub-unit of {main_unit} (a shop or a branch office of its own): the company's "
                "head office or another of its places, not this one."
            )
        if word := self._other_sub_fund(item, top):
            return (
                f"Best candidate {candidate_name(top)} scores high but one of the two names is an umbrella fund's "
                f"sub-fund whose name and the other's differ in {word!r}: two funds of one umbrella, which share "
                "its name and its address."
            )
        if group := self._other_group_company(item, top):
            return (
                f"Best candidate {candidate_name(top)} scores high but its name ends with "
                f"{organisations.group_words_written(group[1])} where this record's ends with "
                f"{organisations.group_words_written(group[0])}: two companies of one group, which share the rest "
                "of the name."
            )
        return ""

    def _common_birth_date_probability(self, item: Inbound, top: Candidate) -> tuple[float, int] | None:
        """(the best candidate's probability with its birth date weighed by the share of CRM records holding
        that date, how many hold it) where the two give the same date and more CRM records hold it than the
        model's u for an exact date expects; None otherwise. The fitted u is the average over random pairs:
        a date many records share (1 January, standing for a known year only; 1900-01-01 for an unknown
        date) agrees by chance far more often than that, and says as much less. Never weighs a date more."""
        born = item.profile.get("date_of_birth")
        index = self.scorer.level_index("date_of_birth")
        if not born or index is None or top.review_attributes().get("date_of_birth") != born.isoformat():
            return None
        live, holders = self._birth_date_holders(born.isoformat())
        exact_weight = self.scorer.weights[index][0]
        m_exact = self.scorer.comparisons[index]["m"][0]
        if not live or holders < 2 or math.log2(m_exact * live / holders) >= exact_weight:
            return None
        weight = math.log2(m_exact * live / holders)
        return self.scorer.probability(top.score - exact_weight + weight), holders

    def _birth_date_holders(self, date: str) -> tuple[int, int]:
        """(the CRM's live records, how many of them hold this birth date), counted once a resolver."""
        counted = self.__dict__.setdefault("_birth_date_counts", {})
        if "" not in counted:
            counted[""] = self.reader.live_count()
        if date not in counted:
            key = (blocking.rule_kind(("date_of_birth",)), date)
            counted[date] = self.reader.holder_count(key, min(counted[""], COMMON_BIRTH_DATE_COUNT_LIMIT))
        return counted[""], counted[date]

    @staticmethod
    def _other_initials(item: Inbound, top: Candidate) -> str:
        """Why the best candidate is another person by the initials of all the given names both records write
        ("A.W." beside a CRM record held as "B.A. Visser": a wife or a son at one address), "" otherwise."""
        initials = (item.profile.get("extra") or {}).get(INITIALS) or ""
        if not name_parts.other_initials(initials, top.review_attributes().get("first_name") or ""):
            return ""
        return (
            f"Best candidate {candidate_name(top)} scores high but is held under other initials than this "
            f"record's ({'.'.join(initials.upper())}.): another person."
        )

    def _other_company_number(self, item: Inbound, candidate: Candidate) -> tuple:
        """`organisations.other_company_numbers` of the record and a candidate (its `extra` read when the
        record gives a number)."""
        if self.rules.entity_kind != EntityKind.ORGANISATION or not (
            organisations.company_number(item.profile) or organisations.siren(item.profile)
        ):
            return ()
        held = self._candidate_extra(candidate)
        if not (numbers := organisations.other_company_numbers(item.profile, held)):
            return ()
        place = {**candidate.review_attributes(), "street": self._candidate_street(candidate), **held}
        return () if organisations.main_units_number_here(item.profile, place) else numbers

    def _other_vat_number(self, item: Inbound, candidate: Candidate) -> tuple:
        """`organisations.other_vat_numbers` of the record and a candidate (its `extra` read when the record
        gives a number)."""
        if self.rules.entity_kind != EntityKind.ORGANISATION or not organisations.vat_number(item.profile):
            return ()
        return organisations.other_vat_numbers(item.profile, self._candidate_extra(candidate))

    def _sole_trader_beside_company(self, item: Inbound, candidate: Candidate) -> tuple:
        """`organisations.sole_trader_beside_company` of the record and a candidate, as their names are written."""
        if self.rules.entity_kind != EntityKind.ORGANISATION:
            return ()
        names = (
            organisations.display_name(self._written(item)),
            organisations.display_name(candidate.display),
        )
        return organisations.sole_trader_beside_company(item.profile, self._candidate_extra(candidate), names)

    def _other_lei(self, item: Inbound, candidate: Candidate) -> tuple:
        """`organisations.other_leis` of the record and a candidate (its `extra` read when the record gives an
        LEI)."""
        if self.rules.entity_kind != EntityKind.ORGANISATION or not organisations.lei(item.profile):
            return ()
        return organisations.other_leis(item.profile, self._candidate_extra(candidate))

    def _company_at_its_door(
        self, item: Inbound, candidates: list[Candidate], resolution: Resolution
    ) -> Resolution | None:
        """The link to the one candidate holding the record's French SIREN (`organisations.siren`) at its very
        street address and town, when the scores alone fell short or the names' veto fired: the company's
        establishment there, whatever name each record gives it (a shop's sign on the Account, the company's
        legal name in the register). A company's establishments share its SIREN, each at its own door. Never
        when another candidate holds the SIREN too, another veto fires, or the SIRETs differ."""
        if (
            self.rules.entity_kind != EntityKind.ORGANISATION
            or not self.rules.probabilistic_enabled
            or resolution.outcome not in (ReviewReason.LOW_SCORE, ReviewReason.VETO, ReviewReason.NO_MATCH)
        ):
            return None
        number, street, city = (
            organisations.siren(item.profile),
            item.profile.get("street") or "",
            item.profile.get("city") or "",
        )
        if not number or not street or not city:
            return None
        holding = [c for c in candidates if organisations.siren(self._candidate_extra(c)) == number]
        if len(holding) != 1:
            return None
        chosen = holding[0]
        if chosen.review_attributes().get("city", "") != city or self._candidate_street(chosen) != street:
            return None
        if (
            set(chosen.vetoes()) - {"company_name"}
            or self._other_company_number(item, chosen)
            or self._other_lei(item, chosen)
        ):
            return None
        notes = [
            f"{candidate_name(chosen)} holds this record's SIREN {number} at its street address and in its town: "
            "the company's establishment there, under another name."
        ]
        return self._linked_by_rule(item, chosen, resolution, notes)

    def _candidate_street(self, candidate: Candidate) -> str:
        """The street of a candidate's record: from its profile when read with it, else read now."""
        profile = candidate.review_profile or {}
        if "street" not in profile and profile.get("id") is not None:
            profile = self.reader.profiles({profile["id"]}, ("street",)).get(profile["id"]) or {}
        return profile.get("street") or ""

    def _candidate_extra(self, candidate: Candidate) -> dict:
        """{"extra": ...} of a candidate's record: from its profile when read with it, else read now."""
        profile = candidate.review_profile or {}
        if "extra" not in profile and profile.get("id") is not None:
            profile = self.reader.profiles({profile["id"]}, ("extra",)).get(profile["id"]) or {}
        return {"extra": profile.get("extra") or {}}

    def _sub_unit_elsewhere(self, item: Inbound, top: Candidate) -> str:
        """`organisations.sub_unit_elsewhere` of the record and the best candidate's town and postcode."""
        if self.rules.entity_kind != EntityKind.ORGANISATION or not item.profile.get("extra", {}).get(
            "main_unit"
        ):
            return ""
        return organisations.sub_unit_elsewhere(item.profile, top.review_attributes())

    def _other_sub_fund(self, item: Inbound, top: Candidate) -> str:
        """`organisations.other_sub_fund` of the record's and the best candidate's written names."""
        if self.rules.entity_kind != EntityKind.ORGANISATION:
            return ""
        written = organisations.display_name(self._written(item))
        return organisations.other_sub_fund(written, organisations.display_name(top.display))

    def _other_group_company(self, item: Inbound, top: Candidate) -> tuple:
        """`organisations.other_group_companies` of the record's and the best candidate's written names."""
        if self.rules.entity_kind != EntityKind.ORGANISATION:
            return ()
        written = organisations.display_name(self._written(item))
        return organisations.other_group_companies(written, organisations.display_name(top.display))

    def _tie_broken_by_legal_form(self, item: Inbound, candidates: list[Candidate]) -> Resolution | None:
        """The link to the one tied organisation whose legal form the inbound record names, when every other
        tied record names another form (`organisations.legal_form_choice`) and it scores as well as any of
        them; it must still pass the threshold and the vetoes on its own. None when nothing is decided."""
        tied = [candidate for candidate in candidates if candidate.tied]
        inbound_name = organisations.display_name(self._written(item))
        chosen_id, form, forms = organisations.legal_form_choice(
            inbound_name, [(c.crm_id, organisations.display_name(c.display)) for c in tied]
        )
        if (chosen := _best_of_tie(tied, chosen_id)) is None:
            return None
        named = ", ".join(f"{crm_id} ({other})" for crm_id, other in forms.items() if crm_id != chosen_id)
        return self._tie_settled_on(
            item,
            candidates,
            chosen,
            f"CRM records {chosen_id} and {named} agree on everything else; only {chosen_id} has the legal "
            f"form the record names ({form}): a parent and its subsidiary are distinct legal entities.",
            explanation={
                "attribute": "legal_form",
                "method": "legal_form",
                "inbound": form,
                "candidate": form,
                "level": "exact: the only one of the tied records with this legal form",
                "weight": None,
            },
        )

    def _tie_broken_by_group_word(self, item: Inbound, candidates: list[Candidate]) -> Resolution | None:
        """The link to the one tied organisation whose name has the inbound record's group words, when every
        other tied record's name differs in them (`organisations.group_word_choice`: a holding company and the
        company it owns, at one address) and it scores as well as any of them; it must still pass the threshold
        and the vetoes on its own. None when nothing is decided."""
        tied = [candidate for candidate in candidates if candidate.tied]
        inbound_name = organisations.display_name(self._written(item))
        chosen_id = organisations.group_word_choice(
            inbound_name, [(c.crm_id, organisations.display_name(c.display)) for c in tied]
        )
        if (chosen := _best_of_tie(tied, chosen_id)) is None:
            return None
        others = ", ".join(c.crm_id for c in tied if c is not chosen)
        return self._tie_settled_on(
            item,
            candidates,
            chosen,
            f"CRM records {chosen_id} and {others} agree on everything else; only {chosen_id}'s name has the group "
            "words the record's has (a holding company or none): a holding company and the company it owns are "
            "two companies.",
        )

    def _tie_settled_on(
        self, item: Inbound, candidates: list[Candidate], chosen: Candidate, note: str, explanation=None
    ) -> Resolution | None:
        """The link to `chosen`, one of a tie that something other than the scores told apart (`note` says
        what), when it passes the threshold and the vetoes beside the candidates outside the tie; None when
        it does not. The candidates are listed as before, `chosen` no longer marked tied."""
        resolution = self._decide_on_scores(item, [chosen, *(c for c in candidates if not c.tied)])
        if not resolution.matched:
            return None
        chosen.tied = False
        resolution.candidates = [c.as_dict(rank) for rank, c in enumerate(candidates[:MAX_CANDIDATES], 1)]
        if explanation is not None:
            resolution.explanation = [*resolution.explanation, explanation]
        resolution.notes = [*resolution.notes, note]
        return resolution

    def _tie_broken_by_name(self, item: Inbound, candidates: list[Candidate]) -> Resolution | None:
        """The link to the one tied organisation that carries the inbound record's very name, when every
        other tied record carries another (`organisations.exact_name_choice`: "Acme" beside "Acme
        Healthcare") and it scores best; it must still pass the threshold and the vetoes on its own."""
        tied = [candidate for candidate in candidates if candidate.tied]
        chosen_id = organisations.exact_name_choice(
            item.profile.get("company_name", ""),
            [(c.crm_id, c.review_attributes().get("company_name", "")) for c in tied],
        )
        if (chosen := _best_of_tie(tied, chosen_id)) is None:
            return None
        others = ", ".join(c.crm_id for c in tied if c is not chosen)
        return self._tie_settled_on(
            item,
            candidates,
            chosen,
            f"CRM records {chosen_id} and {others} score alike; only {chosen_id} carries this very name "
            f"({item.profile.get('company_name', '')}), the others another one: related companies, not "
            "duplicates.",
        )

    def _tie_broken_by_person_names(self, item: Inbound, candidates: list[Candidate]) -> Resolution | None:
        """People: the link to the one tied record whose names agree with the inbound record's, when every
        other tied record gives a first name clearly another (`first_name_clearly_differs`: not a nickname,
        an initial nor a slip of it). Records of two first names are two people (a student and her father
        at one address, twins), and the record names one of them, whichever the shared address and surname
        weigh more; it must still pass the threshold and the vetoes on its own, beside the candidates outside
        the tie."""
        tied = [candidate for candidate in candidates if candidate.tied]
        agreeing = [candidate for candidate in tied if candidate.names_agree]
        if len(agreeing) != 1:
            return None
        chosen, below = agreeing[0], self.rules.contradiction_similarity
        if not all(
            first_name_clearly_differs(item.profile, other.review_attributes(), below)
            for other in tied
            if other is not chosen
        ):
            return None
        others = and_joined([candidate_name(c) for c in tied if c is not chosen])
        return self._tie_settled_on(
            item,
            candidates,
            chosen,
            f"{candidate_name(chosen)} and {others} score alike; only {chosen.crm_id} carries this record's "
            "names, the others another first name: different people (a relative at the same address).",
        )

    def _decide_shared_key(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """A shared-kind key (a phone) links to its record unless another live record carries the same name
        at the same company: two namesake colleagues, and a number that may be the company's line, so the
        key cannot choose between them and a person does. A mobile number the record holds beside its office
        line is a person's own line, not the company's: it chooses (`mobile_beside_office_line`)."""
        link = item.shared_key_link
        key = link.explanation[0]
        if link.crm_id in item.trading_name_of:
            return self._decide_trading_name(item, candidates)
        new_surname = self._surname_differs(item, item.shared_key_holder)
        mobile = key["attribute"] == KeyName.PHONE and normalise_phones.is_mobile_number(key["inbound"])
        if mobile and not new_surname and mobile_beside_office_line(item.shared_key_holder, key["inbound"]):
            return link
        # The holder as a candidate shows its place (`shared_key_holder` may carry only names and company).
        held = next((c.review_attributes() for c in candidates if c.crm_id == link.crm_id), {})
        namesakes = [
            candidate
            for candidate in candidates[:MAX_CANDIDATES]
            if candidate.crm_id != link.crm_id
            and self._namesake(item, candidate.review_attributes())
            and not (
                mobile
                and not new_surname
                and placed_with_holder(item.profile, held, candidate.review_attributes())
            )
        ]
        if not namesakes:
            return link
        ranked = [
            candidate.as_dict(rank) for rank, candidate in enumerate(candidates[:MAX_CANDIDATES], start=1)
        ]
        named = ", ".join(candidate.crm_id for candidate in namesakes)
        what = KEY_WORDS.get(key["attribute"], key["attribute"])
        if link.mailbox_record:
            note = (
                f"The role mailbox {key['inbound']} is on CRM record {link.crm_id} under this record's name, "
                f"but {named} carry the same name at the same company: a shared mailbox does not choose between "
                "namesake colleagues."
            )
        elif item.shared_key_mistyped:
            note = (
                f"The {what} {key['inbound']}, read from an address at a mistyped domain, is on CRM record "
                f"{link.crm_id}, but {named} carry the same name at the same company: a mistyped address does "
                "not choose between namesake colleagues."
            )
        elif new_surname and key["attribute"] == KeyName.PHONE:
            note = (
                f"The mobile number {key['inbound']} is on CRM record {link.crm_id} under another surname, but "
                f"{named} carry this record's very name at the same company: the new name may be someone "
                "else's record already."
            )
        elif mobile:
            note = (
                f"The mobile number {key['inbound']} is on CRM record {link.crm_id}, as its only number, but "
                f"{named} carry the same name at the same company: a small company's line is often a mobile, "
                "so the number does not choose between namesake colleagues."
            )
        elif self._personal(key["attribute"]):
            note = (
                f"The {what} {key['inbound']} is on CRM record {link.crm_id} under another surname, but "
                f"{named} carry this record's very name at the same company: the address may be a colleague's "
                "(an assistant who registered an executive)."
            )
        else:
            note = (
                f"The {what} {key['inbound']} is on CRM record {link.crm_id}, but {named} carry the same name "
                "at the same company: a number that may be the company's line does not choose between namesake "
                "colleagues."
            )
        return self._resolution(
            item,
            ReviewReason.AMBIGUOUS,
            candidates=ranked,
            explanation=link.explanation,
            notes=[*link.notes, note],
        )

    def _decide_trading_name(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        """The key's link, for a trading name of the organisation holding the key, unless another CRM record
        carries the inbound name itself: that may be the company the name belongs to, so the key is then held
        against its record as before."""
        link, holder = item.shared_key_link, item.shared_key_holder
        what = KEY_WORDS.get(link.explanation[0]["attribute"], link.explanation[0]["attribute"])
        name, below = item.profile.get("company_name") or "", self.rules.contradiction_similarity
        others = [
            candidate
            for candidate in candidates[:MAX_CANDIDATES]
            if candidate.crm_id != link.crm_id
            and normalise_companies.company_similarity(
                name, candidate.review_attributes().get("company_name") or ""
            )
            >= below
        ]
        if not others:
            link.notes.append(
                f"{organisations.display_name(holder.get('display') or {}) or holder['company_name']} (CRM "
                f"record {link.crm_id}) holds this {what} at the same address, and {name} is its name with "
                "words added, no legal form of its own and the same switchboard: a trading name of that "
                "company, not another one."
            )
            return link
        # Another record carries the name: the key is held against its record as any other contradicted key
        # is, and the candidates decide on their own evidence.
        item.shared_key_link = None
        item.contradicted.add(link.crm_id)
        item.key_notes = [*item.key_notes, *item.trading_name_of[link.crm_id]]
        return self._decision(item, candidates)

    def _namesake(self, item: Inbound, attributes: dict) -> bool:
        """Whether a candidate carries the inbound record's name (closely, in either order) at the company of
        the record that holds the key."""
        below = self.rules.contradiction_similarity
        close = (1 + below) / 2
        first, last = item.profile["first_name"], item.profile["last_name"]
        other_first, other_last = attributes.get("first_name") or "", attributes.get("last_name") or ""
        if not (other_first and other_last):
            return False
        closeness = normalise_names.name_closeness
        if not any(
            closeness(first, a) >= close and closeness(last, b) >= close
            for a, b in ((other_first, other_last), (other_last, other_first))
        ):
            return False
        key = item.shared_key_link.explanation[0] if item.shared_key_link is not None else {}
        if normalise_names.family_surname_elsewhere(
            last,
            item.shared_key_holder.get("last_name") or "",
            other_last,
            normalise_phones.phone_region_of(
                key.get("inbound") if key.get("attribute") == KeyName.PHONE else ""
            ),
        ):
            return False  # Martínez is Francisco Martínez Ruiz's family name, Francisco Rodríguez Martínez's mother's
        born = normalise_text.date(item.profile.get("date_of_birth"))
        other_born = normalise_text.date(attributes.get("date_of_birth"))
        if born and other_born and similarity({"method": "date", "thresholds": [0]}, born, other_born) == 0:
            return False  # born on another day: a colleague of the name, not a rival for the record
        company, other_company = item.shared_key_holder.get("company_name"), attributes.get("company_name")
        return (
            bool(company and other_company)
            and normalise_companies.company_similarity(company, other_company) >= below
        )

    def _rival_but_for_shared_number(self, top: Candidate, candidates: list[Candidate]) -> Candidate | None:
        """A plausible candidate within the tie margin of the best once a shared number's weight is left out
        of both: a switchboard says which company, never which colleague."""
        if not top.shared_weight:
            return None
        personal = top.score - top.shared_weight
        for candidate in candidates:
            if candidate is top:
                continue
            other = candidate.score - candidate.shared_weight
            if (
                personal - other < self.rules.ambiguity_margin
                and self.scorer.probability(other) >= self.rules.candidate_floor
            ):
                return candidate
        return None

    def _close_only_by_shared_number(self, best: Candidate, candidate: Candidate) -> bool:
        """Whether `candidate`, whose names do not agree with the record's (one at its "different" level), comes
        within the tie margin of `best` only by agreeing on a number several CRM records hold (a switchboard)
        more than `best` does: left out of both, it is far behind. A switchboard
        says which company, never which colleague: Melissa Allen's record holding the main line the inbound
        Lisa Evans gives is no rival to Lisa Evans's record (`_rival_but_for_shared_number` is the converse)."""
        if candidate is best or candidate.names_agree or candidate.shared_weight <= best.shared_weight:
            return False  # a namesake on the switchboard stays a rival, whatever the extensions say
        personal = best.score - best.shared_weight
        return personal - (candidate.score - candidate.shared_weight) > self.rules.ambiguity_margin

    def _of_the_written_generation(
        self, item: Inbound, candidates: list[Candidate]
    ) -> tuple[list[Candidate], list[Candidate]]:
        """The candidates whose surname marks the generation the record writes ("Henry Porter Sr.", "William
        Delaney II"), and the rest: a father and his son of one name share an address and a landline and tie
        on everything else, but the record that says which of the two it is is not a tie with the other. Only
        where the record writes a generation and some candidate writes the same; else all of them, and none."""
        if len(candidates) < 2 or not locale_words.generation(item.profile.get("last_name") or ""):
            return candidates, []
        same = [candidate for candidate in candidates if GENERATION not in candidate.vetoes()]
        if not same or len(same) == len(candidates):
            return candidates, []
        return same, [candidate for candidate in candidates if GENERATION in candidate.vetoes()]

    @staticmethod
    def _another_person_by_first_name(best: Candidate, candidate: Candidate) -> bool:
        """Whether `candidate` is no rival of `best`: its first name is clearly another person's (its first-name
        veto stands, an identifier did not lift it) where `best`'s is not. A relative's record holding the
        record's member number, family address or home line scores close to the person's own record on
        those; the names say which of the family it is (a wife's number typed on her husband's record)."""
        return (
            candidate is not best and "first_name" in candidate.vetoes() and "first_name" not in best.vetoes()
        )

    def _mark_ties(self, candidates: list[Candidate]) -> list[str]:
        """Flag the candidates within the tie margin of the best: nothing links a tie on its own."""
        if len(candidates) < 2:
            return []
        best = candidates[0]
        # Equal scores are a tie whatever the margin (even 0).
        tied = [
            c
            for c in candidates[:MAX_CANDIDATES]
            if best.score - c.score <= self.rules.ambiguity_margin
            and not self._close_only_by_shared_number(best, c)
            and not self._another_person_by_first_name(best, c)
        ]
        if len(tied) < 2:
            return []
        for candidate in tied:
            candidate.tied = True
        if tied[0].probability < self.rules.candidate_floor:
            return []  # none is a plausible match ("No candidate is a plausible match." says so)
        names = and_joined([candidate_name(c) for c in tied])
        if displays_name_alike([c.display for c in tied]):
            return [
                f"Tie: {names} match this record about equally well; they may be duplicates of each other in "
                "the CRM."
            ]
        return [
            f"Tie: {names} match this record about equally well; their names differ, so they are different "
            "records in the CRM: which one this is, if either, is for a person to say."
        ]

    def _decide_on_scores(self, item: Inbound, candidates: list[Candidate]) -> Resolution:
        ranked = [
            candidate.as_dict(rank) for rank, candidate in enumerate(candidates[:MAX_CANDIDATES], start=1)
        ]
        plausible = [c for c in candidates if c.probability >= self.rules.candidate_floor]
        if not plausible:
            notes = ["No candidate is a plausible match."] if candidates else [NO_CANDIDATE_NOTE]
            return self._resolution(item, ReviewReason.NO_MATCH, candidates=ranked, notes=notes)
        top = plausible[0]
        fields = {
            "candidates": ranked,
            "score": top.score,
            "probability": top.probability,
            "explanation": top.contributions,
        }
        rivals = [
            c
            for c in plausible[1:]
            if top.score - c.score < self.rules.ambiguity_margin
            and not self._close_only_by_shared_number(top, c)
            and not self._another_person_by_first_name(top, c)
        ]
        if rivals:
            close = 1 + len(rivals)
            notes = [f"{close} candidates match this record about equally well: a person has to choose."]
            return self._resolution(item, ReviewReason.AMBIGUOUS, notes=notes, **fields)
        if rival := self._rival_but_for_shared_number(top, candidates):
            notes = [
                f"Best candidate {candidate_name(top)} is ahead of {candidate_name(rival)} only because its "
                "record holds this phone number, which other CRM records hold too (a switchboard): a person "
                "has to choose."
            ]
            return self._resolution(item, ReviewReason.AMBIGUOUS, notes=notes, **fields)
        if top.probability >= self.rules.auto_link_threshold and (
            weighed := self._common_birth_date_probability(item, top)
        ):
            probability, holders = weighed
            if probability < self.rules.auto_link_threshold:
                notes = [
                    f"Best candidate {candidate_name(top)} is a {as_percent(probability)} match once its birth "
                    f"date is weighed by the {holders:,} CRM records that hold it (a date many records give, "
                    "as a 1 January that stands for a year, tells people apart less), below the "
                    f"{self.rules.auto_link_threshold:.1%} needed to link it without a person."
                ]
                return self._resolution(item, ReviewReason.LOW_SCORE, notes=notes, **fields)
        if top.probability < self.rules.auto_link_threshold:
            if top.identified_by_profile and not top.vetoes():
                # A fitted model weighs a profile's agreement by how often the file's profiles agree, low where
                # few records give one; but one account's address under the holder's own names is a key.
                notes = [
                    f"{candidate_name(top)} holds this record's social profile address (no other CRM person "
                    f"holds it) and its names; the score alone ({as_percent(top.probability)}) is below the "
                    f"{self.rules.auto_link_threshold:.1%} needed."
                ]
                return self._resolution(
                    item, MATCHED, crm_id=top.crm_id, method="identifier", notes=notes, **fields
                )
            notes = [
                f"Best candidate {candidate_name(top)} is a {as_percent(top.probability)} match, below the "
                f"{self.rules.auto_link_threshold:.1%} needed to link it without a person."
            ]
            return self._resolution(item, ReviewReason.LOW_SCORE, notes=notes, **fields)
        if note := self._another_organisation(item, top) or self._other_initials(item, top):
            return self._resolution(item, ReviewReason.VETO, notes=[note], **fields)
        if vetoed := top.vetoes():
            differing = ", ".join(
                name.replace("_", " ")
                for name in vetoed
                if name
                not in (
                    NOTHING_PERSONAL,
                    NAME_MADE_MAILBOX,
                    OTHER_PREMISES,
                    OTHER_LINE,
                    NAME_ELSEWHERE,
                    COMMON_NAME_ELSEWHERE,
                    NAMES_ONLY,
                    OWN_CONTACTS_DIFFER,
                    ANOTHER_HOUSEHOLD,
                    NO_PERSON_NAMED,
                )
            )
            notes = [
                f"Best candidate {candidate_name(top)} scores high but its {differing} clearly differ(s)."
            ][: bool(differing)]
            if NOTHING_PERSONAL in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {COMPANY_ONLY}.")
            if NAME_MADE_MAILBOX in vetoed:
                notes.append(
                    f"Best candidate {candidate_name(top)} scores high but {NAME_MADE_MAILBOX_NOTE}."
                )
            if OTHER_PREMISES in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {OTHER_PREMISES_NOTE}.")
            if OTHER_LINE in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {OTHER_LINE_NOTE}.")
            if NAME_ELSEWHERE in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {NAME_ELSEWHERE_NOTE}.")
            if COMMON_NAME_ELSEWHERE in vetoed:
                notes.append(
                    f"Best candidate {candidate_name(top)} scores high but {COMMON_NAME_ELSEWHERE_NOTE}."
                )
            if NAMES_ONLY in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {NAMES_ONLY_NOTE}.")
            if OWN_CONTACTS_DIFFER in vetoed:
                notes.append(
                    f"Best candidate {candidate_name(top)} scores high but {OWN_CONTACTS_DIFFER_NOTE}."
                )
            if ANOTHER_HOUSEHOLD in vetoed:
                notes.append(
                    f"Best candidate {candidate_name(top)} scores high but {ANOTHER_HOUSEHOLD_NOTE}."
                )
            if NO_PERSON_NAMED in vetoed:
                notes.append(f"Best candidate {candidate_name(top)} scores high but {NO_PERSON_NAMED_NOTE}.")
            return self._resolution(item, ReviewReason.VETO, notes=notes, **fields)
        if not self.rules.probabilistic_enabled and top.identified:
            # No fitted model links on scores, but the record's own identifier is as good as a key: its holder
            # has the record's names, and nothing vetoed it.
            notes = [
                f"{candidate_name(top)} holds this record's own identifier (a personal number or profile "
                "address no other CRM person holds) and its names."
            ]
            return self._resolution(
                item, MATCHED, crm_id=top.crm_id, method="identifier", notes=notes, **fields
            )
        if not self.rules.probabilistic_enabled:
            notes = [
                f"Best candidate {candidate_name(top)} is a {as_percent(top.probability)} match; this flow links on a likely "
                "match only when a person confirms it (probabilistic auto-link is off)."
            ]
            return self._resolution(item, ReviewReason.LOW_SCORE, notes=notes, would_auto_link=True, **fields)
        notes = []
        if top.desk_extension:
            notes = [
                f"The number is a switchboard several CRM records hold, but {candidate_name(top)} has it with "
                f"extension {top.desk_extension}, as this record writes it: that person's own desk line."
            ]
        return self._resolution(
            item,
            MATCHED,
            crm_id=top.crm_id,
            method="probabilistic",
            would_auto_link=True,
            notes=notes,
            **fields,
        )


def _best_of_tie(tied: list[Candidate], chosen_id: str | None) -> Candidate | None:
    """The tied candidate `chosen_id` names, when it scores as well as any of the tie; None otherwise."""
    chosen = next((c for c in tied if c.crm_id == chosen_id), None)
    return None if chosen is None or chosen.score < max(c.score for c in tied) else chosen
