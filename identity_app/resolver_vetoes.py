"""The resolver's vetoes: what stops a well-scored candidate from being linked without a person.

A veto fires on "clearly different" (a name below the flow's similarity level, another date of birth, another
generation, another household, own contacts that differ, only names and a town in common), never on a typo, a
nickname, an initial or swapped names, and some strong evidence (a personal identifier, a home) lifts named
vetoes. Mixed into `identity_app.resolver.Resolver`.
"""

import math

from identity_app import (
    blocking,
    key_checks,
    locale_words,
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_text,
    organisations,
)
from identity_app.attributes import EntityKind
from identity_app.models import DEFAULT_VETO_SIMILARITY, ONE_MAILBOX_PER_DOMAIN
from identity_app.personal_evidence import COMPANY_ONLY_PROBABILITY, MAX_SHARE_IN_CRM, NOTHING_PERSONAL
from identity_app.resolution import (
    ANOTHER_HOUSEHOLD,
    AREA,
    COMMON_NAME_ELSEWHERE,
    GENERATION,
    HOUSE_NUMBER,
    IDENTIFIED_PERSON_LIFTS,
    NAME_ELSEWHERE,
    NAME_EQUIVALENT_LABEL,
    NAME_MADE_MAILBOX,
    NAMES_ONLY,
    NO_PERSON_NAMED,
    OTHER_LINE,
    OTHER_PREMISES,
    OWN_CONTACTS_DIFFER,
    SAME_TEXT_IS_ONE,
    STREET_WORD,
    SURNAME_SLIP,
    as_list,
    first_name_mistyped,
    first_names_compatible,
    other_mailbox_at_same_domain,
    same_house_number,
)
from identity_app.scoring import MISSING, DateReadings, InboundScorer, similarity

# Records whose company names carry a one-word name for it to be a name many firms bear, not one that places a firm:
# a family's name in a town's register ("Serra": a builder, a hardware shop, a plumber, a painter ...).
COMMON_NAME_HOLDERS = 5


class Vetoes:
    """Vetoes on a candidate, and the strong agreements that lift them."""

    def _candidate_vetoes_at(
        self,
        scorer: InboundScorer,
        position: int,
        candidate_values: tuple,
        mailbox_held: bool,
        shared_phone: bool,
        holds_mailbox: bool = False,
        shared_numbers: tuple[int, ...] = (),
        others_contacts: bool = False,
        others_household: bool = False,
    ) -> list[str]:
        """`_candidate_vetoes` of the candidate at `position` of what `scorer.totals` last totalled."""
        levels = scorer.levels_at(position, candidate_values)
        return self._candidate_vetoes(
            scorer,
            candidate_values,
            levels,
            mailbox_held,
            shared_phone,
            holds_mailbox,
            shared_numbers=shared_numbers,
            others_contacts=others_contacts,
            others_household=others_household,
        )

    def _candidate_vetoes(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        mailbox_held: bool,
        shared_phone: bool,
        holds_mailbox: bool = False,
        shared_numbers: tuple[int, ...] = (),
        others_contacts: bool = False,
        others_household: bool = False,
    ) -> list[str]:
        """Every veto a shortlisted candidate trips (`Candidate.vetoed_by`). `holds_mailbox`: the candidate's
        record holds one of the record's addresses, a role or shared one too; `others_contacts`: another CRM
        record holds both the record's address and its phone; `others_household`: another CRM record of
        the record's family holds its phone (`_household_holders`)."""
        return self._vetoes(
            scorer,
            candidate_values,
            levels,
            mailbox_held=mailbox_held,
            shared_phone=shared_phone,
            holds_mailbox=holds_mailbox,
            shared_numbers=shared_numbers,
            others_contacts=others_contacts,
            others_household=others_household,
        ) + self._initial_only(scorer, candidate_values, levels)

    def _initial_only(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> list[str]:
        """["first_name"] when a first name agrees only as an initial ("T." for Thomas), nothing personal
        (email, phone, date of birth) agrees, and the company is named after the surname: in a family firm
        "T. Weber" at Weber Bau, at Thomas Weber's address, is as likely Tobias as Thomas."""
        if not self.weak_first_name or not self.scorer.name_pair:
            return []
        index, equivalent = self.weak_first_name
        if levels[index] != equivalent or any(levels[personal] == 0 for personal in self.personal_evidence):
            return []
        ours, theirs = scorer.values[index], candidate_values[index]
        if not (isinstance(ours, str) and isinstance(theirs, str)) or min(len(ours), len(theirs)) != 1:
            return []
        company = self.scorer.level_index("company_name")
        surname = candidate_values[self.scorer.name_pair[1]]
        if company is None or not isinstance(surname, str) or not surname:
            return []
        named = [
            value for value in (scorer.values[company], candidate_values[company]) if isinstance(value, str)
        ]
        return ["first_name"] if any(set(surname.split()) <= set(value.split()) for value in named) else []

    def _split_elsewhere(self, scorer: InboundScorer, candidate_values: tuple) -> bool:
        """Whether the candidate's first and last names are the inbound record's words split at another
        place, the second surname perhaps dropped (`normalise_names.split_elsewhere`): one name, not a veto."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        names = (scorer.values[first], scorer.values[last]), (candidate_values[first], candidate_values[last])
        return all(
            type(name) is str and name for pair in names for name in pair
        ) and normalise_names.split_elsewhere(*names)

    def _veto_checks(self) -> list[tuple[str, int, str, float]]:
        """(attribute, comparison index, requirement, similarity floor) of each usable veto."""
        checks = []
        for veto in self.rules.vetoes:
            index = self.scorer.level_index(veto["attribute"])
            if index is not None:
                below = float(veto.get("below", DEFAULT_VETO_SIMILARITY))
                checks.append((veto["attribute"], index, veto.get("require", "no_disagreement"), below))
        return checks

    def _vetoes(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        *,
        mailbox_held=False,
        shared_phone=False,
        holds_mailbox=False,
        shared_numbers: tuple[int, ...] = (),
        others_contacts=False,
        others_household=False,
    ) -> list[str]:
        """The vetoes a candidate trips. "not_clearly_different" fires only below its similarity floor, so a
        typo, a nickname, an initial or swapped first and last names pass; "no_disagreement" fires on the
        lowest level, "exact" on anything but exact agreement. A first name that agrees only as a nickname or
        an initial is weaker evidence: the first-name veto also fires when the city, postcode or date of birth
        then disagrees."""
        vetoed = []
        swapped = None
        for attribute, index, require, below in self.veto_checks:
            level = levels[index]
            if level == MISSING:
                continue
            if require == "exact":
                fires = level != 0
            elif require == "no_disagreement":
                fires = level == self.scorer.different[index]
            elif require == ONE_MAILBOX_PER_DOMAIN:
                fires = (
                    not mailbox_held
                    and other_mailbox_at_same_domain(scorer.values[index], candidate_values[index])
                    and not self._own_mailbox_mistyped(scorer, candidate_values, index)
                )
            else:
                if swapped is None:
                    swapped = scorer.is_swapped(candidate_values, levels)
                right = candidate_values[index]
                if swapped and index in self.scorer.name_pair:
                    first, last = self.scorer.name_pair
                    right = candidate_values[last if index == first else first]
                comparison = self.scorer.comparisons[index]
                left = scorer.values[index]
                if type(left) is str and left == right and comparison["method"] in SAME_TEXT_IS_ONE:
                    fires = below > 1.0  # `similarity` of a name or a text with itself is 1
                elif not swapped and index == self.surname_index and type(left) is str and type(right) is str:
                    fires = normalise_names.surname_closeness(left, right) < below
                else:
                    fires = similarity(comparison, left, right) < below or (
                        comparison["method"] == "company"
                        and self.rules.entity_kind == EntityKind.ORGANISATION
                        and organisations.word_substituted(left, right)
                    )
                if fires and comparison["method"] == "name":
                    fires = not (
                        self._split_elsewhere(scorer, candidate_values)
                        or self._a_slip_confirmed(scorer, right, index, levels, shared_numbers)
                        or (
                            not swapped and self._new_surname_at_home(scorer, candidate_values, index, levels)
                        )
                    )
            if fires and attribute in IDENTIFIED_PERSON_LIFTS:
                fires = not self._identified(scorer, candidate_values, levels, index, shared_numbers)
            if (
                fires
                and attribute == "city"
                and self._same_street_and_postcode(scorer, candidate_values, levels)
            ):
                fires = (
                    False  # "Bruxelles" / "Brussels", "Köln" / "Cologne": one address, its city's two names
                )
            if fires:
                vetoed.append(attribute)
        if self.weak_first_name and "first_name" not in vetoed:
            index, equivalent = self.weak_first_name
            if (
                levels[index] == equivalent
                and any(levels[other] == self.scorer.different[other] for other in self.place_and_birth)
                and not self._identified(scorer, candidate_values, levels, index, shared_numbers)
            ):
                vetoed.append("first_name")  # "Chris" in Salem is not shown to be Christina in Madison
        if (
            shared_phone
            and "first_name" not in vetoed
            and self._slip_on_shared_line(scorer, candidate_values, levels, shared_numbers)
        ):
            vetoed.append("first_name")  # Tarun on the Mehtas' shop line is not shown to be Varun
        if "first_name" not in vetoed and self._two_sexes_of_one_family(scorer, candidate_values):
            vetoed.append("first_name")  # Janina Kowalska is not shown to be Jan Kowalski
        if self._generations_differ(scorer, candidate_values) and not self._own_number_and_birth(
            scorer, candidate_values, levels, shared_numbers
        ):
            vetoed.append(GENERATION)  # Robert Miller Jr. is not shown to be Robert Miller
        if self._name_made_mailbox_only(scorer, candidate_values, levels):
            vetoed.append(NAME_MADE_MAILBOX)  # r.whitaker@one-firm and r.whitaker@another are namesakes too
        if self.premises_levels is not None and self._other_premises(scorer, candidate_values, levels):
            vetoed.append(OTHER_PREMISES)
        elif self._other_line_name_only(levels):
            vetoed.append(OTHER_LINE)  # "The Copper Kettle" on another number, nothing else to place it
        elif self._alike_name_at_another_door(scorer, candidate_values, levels):
            vetoed.append(NAME_ELSEWHERE)  # "Menuiserie Rousseau" is not "Menuiserie Roussel" down the road
        elif self._common_name_at_another_door(scorer, candidate_values, levels):
            vetoed.append(COMMON_NAME_ELSEWHERE)  # "Serra S.r.l." is not the other Serra down the road
        if self._own_contacts_differ(scorer, candidate_values, levels, shared_phone, shared_numbers):
            vetoed.append(OWN_CONTACTS_DIFFER)  # a father and his namesake son at one address
        if others_household and self._elsewhere_than_household(
            scorer, candidate_values, levels, shared_numbers
        ):
            vetoed.append(ANOTHER_HOUSEHOLD)  # a sibling on the family's line, a namesake in another home
        if not holds_mailbox and self._names_only(levels):
            vetoed.append(NAMES_ONLY)
        not_personal = (self.phone_level,) if shared_phone and self.phone_level is not None else ()
        not_personal += shared_numbers
        if self._no_person_named(levels, not_personal):
            vetoed.append(NO_PERSON_NAMED)
        if self.company_only is not None:
            # Both checks below weigh the same name at the same company: counted once.
            found = self._name_at_company(scorer, candidate_values, levels)
            # A switchboard agreeing is no reason to skip weighing the name among colleagues: it says which
            # company, as the company's name does.
            among_colleagues = (
                self._name_at_company(scorer, candidate_values, levels, not_personal)
                if not_personal
                else found
            )
            # A rare name weighs a writer who gives nothing but the name and the company (and the company's
            # main line: a caller put through from the switchboard). One who gives the address and the phone
            # of another CRM person is that person's doing (an assistant registering her executive): whoever
            # the name is, it does not carry a link alone.
            if (
                self.company_only.fires(self.scorer, levels, not_personal)
                and (
                    others_contacts
                    or not self._rare_name_at_company(levels, among_colleagues)
                    or self._another_own_mobile(scorer, candidate_values, levels)
                )
            ) or self._namesake_colleague_likelier(levels, among_colleagues, not_personal):
                vetoed.append(NOTHING_PERSONAL)  # only the name and the company link it (`personal_evidence`)
        return vetoed

    def _own_mailbox_mistyped(self, scorer: InboundScorer, candidate_values: tuple, index: int) -> bool:
        """Whether the record's other mailbox at the candidate's domain is the candidate's own with one slip
        (`key_checks.mistyped_own_mailbox`: james_stewwart@ for james_stewart@, typed at a booth from a
        business card) beside the candidate's very first and last names: not another person's mailbox. It
        is no evidence for the candidate either; the rest of the record decides."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        names = (scorer.values[first], scorer.values[last])
        if not all(type(name) is str and name for name in names):
            return False
        if names != (candidate_values[first], candidate_values[last]):
            return False
        inbound = {"first_name": names[0], "last_name": names[1], "emails": scorer.values[index]}
        holder = {"first_name": names[0], "last_name": names[1], "emails": candidate_values[index]}
        return key_checks.mistyped_own_mailbox(inbound, holder)

    def _identifying_comparisons(self) -> tuple[int, ...] | None:
        """Comparison indices that can tell a person from a namesake (every one but the names and the area):
        None for flows that are not about people or compare no name pair."""
        if self.rules.entity_kind != EntityKind.PERSON or not self.scorer.name_pair:
            return None
        area = {index for attribute in AREA if (index := self.scorer.level_index(attribute)) is not None}
        return tuple(
            index
            for index in range(len(self.scorer.comparisons))
            if index not in self.scorer.name_pair and index not in area
        )

    def _no_person_named(self, levels: tuple[int, ...], not_personal: tuple[int, ...]) -> bool:
        """Whether a person candidate's names cannot be compared with the record's at all (one side gives
        neither a first nor a last name: a business's own customer account, a mailbox the CRM keeps as a
        contact) and nothing personal agrees exactly (`not_personal`: a number several CRM records hold). What
        else agrees (the company, its street, its domain) is what every colleague shares."""
        if (
            self.rules.entity_kind != EntityKind.PERSON
            or not self.scorer.name_pair
            or self.company_only is None
        ):
            return False
        if any(levels[index] != MISSING for index in self.scorer.name_pair):
            return False
        return not any(
            levels[index] == 0 for index in self.company_only.personal if index not in not_personal
        )

    def _names_only(self, levels: tuple[int, ...]) -> bool:
        """Whether nothing but the names (and at most the town or region) agrees: no email, phone, date of
        birth, employer, street or postcode, in any degree. A lead whose mailbox is a role or a made-up
        address (not compared), whose company column is empty or "[not provided]", and a CRM record of the
        same name: a namesake looks exactly so, and a town of a million holds many of one name."""
        if self.identifying is None:
            return False
        different = self.scorer.different
        return not any(
            levels[index] != MISSING and levels[index] != different[index] for index in self.identifying
        )

    def _other_line_name_only(self, levels: tuple[int, ...]) -> bool:
        """Whether an organisation gives another phone or another domain of its own than the candidate and
        agrees with it on nothing that places a company beyond its name and town: no phone, domain, street
        or postcode, in any degree. A customer list that gives a name, a mailbox and a number (no address)
        meets a CRM company of the same name elsewhere so; a shop's own line or domain says which shop, and
        here it says another one."""
        different = self.scorer.different
        if not any(levels[index] == different[index] for index in self.own_lines):
            return False
        return all(levels[index] in (MISSING, different[index]) for index in self.placing_levels)

    def _alike_name_at_another_door(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether an organisation's name agrees only approximately (a letter or a word apart: "Roussel" /
        "Rousseau", two family names) while its street address differs (another street, or another house
        number on it) and neither its phone nor its domain agrees. A name written otherwise may be a slip or a
        namesake; the door would tell, and it says another one."""
        if self.company_name_level is None or self.street_and_postcode is None:
            return False
        name = self.company_name_level
        if levels[name] in (0, MISSING, self.scorer.different[name]):
            return False
        return self._at_another_door(scorer, candidate_values, levels)

    def _at_another_door(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether an organisation's street address differs from the candidate's (another street, or another
        house number on it) while neither its phone nor its domain agrees. Needs `street_and_postcode`."""
        street = self.street_and_postcode[0]
        if levels[street] == MISSING or any(levels[index] == 0 for index in self.own_lines):
            return False
        return levels[street] == self.scorer.different[street] or organisations.other_premises(
            scorer.values[street], candidate_values[street]
        )

    def _common_name_at_another_door(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether an organisation's name agrees exactly but is one word that at least `COMMON_NAME_HOLDERS` CRM
        records carry in their names (a family's name: "Serra", "Keller"), while its street address differs and
        neither its phone nor its domain agrees. Many firms of a town bear a family's name; such a name places
        none of them, and the door says another one. A rarer word (a coined brand) still places its firm."""
        if self.company_name_level is None or self.street_and_postcode is None:
            return False
        name = self.company_name_level
        written = scorer.values[name]
        if levels[name] != 0 or not isinstance(written, str) or " " in written or not written:
            return False
        return (
            self._at_another_door(scorer, candidate_values, levels)
            and self._company_word_holders(written) >= COMMON_NAME_HOLDERS
        )

    def _company_word_holders(self, word: str) -> int:
        """How many CRM records carry this word in their company names (their `company_tokens` block key), up to
        `COMMON_NAME_HOLDERS`, counted once a resolver; 0 where the flow does not block on the names' words."""
        counted = self.__dict__.setdefault("_company_word_counts", {})
        if word not in counted:
            key = (blocking.rule_kind(("company_tokens",)), word)
            counted[word] = self.reader.holder_count(key, COMMON_NAME_HOLDERS)
        return counted[word]

    def _same_street_and_postcode(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether an organisation gives the candidate's postcode exactly and its street address (written
        alike, "Goethestr. 99" / "Goethestraße 99", with no other house number), in no other country: one
        building, whose city one of the two writes in another language ("Köln" / "Cologne", "Den Haag" / "The
        Hague") or as its district. The city then does not veto."""
        if self.street_and_postcode is None:
            return False
        street, postcode, country = self.street_and_postcode
        return (
            levels[postcode] == 0
            and levels[street] not in (MISSING, self.scorer.different[street])
            and not organisations.other_premises(scorer.values[street], candidate_values[street])
            and (country is None or levels[country] != self.scorer.different[country])
        )

    def _other_premises(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether an organisation gives another phone and another street address than the candidate (the
        street's other house number counts: a similarity rates "hauptstrasse 12" and "hauptstrasse 150"
        alike). A chain's locations, a group's companies and namesakes share a name, a domain and a city;
        only a location's own line or address tells them apart, and both say another one."""
        phone, street = self.premises_levels
        if levels[phone] != self.scorer.different[phone] or levels[street] == MISSING:
            return False
        return levels[street] == self.scorer.different[street] or organisations.other_premises(
            scorer.values[street], candidate_values[street]
        )

    def _name_at_company(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        not_personal: tuple[int, ...] = (),
    ) -> tuple[float, tuple[str, str, str]] | None:
        """(the probability that the writer is the candidate on the name and the company alone, counted in
        the CRM (`name_frequency`), and the three values as written) when the surname and the company name
        agree exactly, the first name exactly or only as a nickname or an initial (`weak_first_name`), and
        nothing personal agrees; None otherwise or when there are too few records to count.

        A first name that agrees only as a nickname is weighed the same way: "Jack Flores" at John Flores's
        firm is John writing his nickname (the nickname level's m) or a colleague called Jack whom the CRM
        does not hold (how often the written name is a colleague's). The larger the CRM's head count at the
        firm, the likelier the colleague: the scorer's weights, drawn from random pairs, do not see that."""
        if not self.scorer.name_pair or any(
            levels[index] == 0 for index in self.personal_evidence if index not in not_personal
        ):
            return None  # a switchboard several CRM records hold (`not_personal`) is what colleagues share
        first, last = self.scorer.name_pair
        company = self.company_only.company
        nickname = self.weak_first_name is not None and levels[first] == self.weak_first_name[1]
        if (levels[first] != 0 and not nickname) or levels[last] != 0 or levels[company] != 0:
            return None
        names = (scorer.values[first], scorer.values[last], scorer.values[company])
        if not all(isinstance(value, str) and value for value in names):
            return None
        if not nickname and names != (
            candidate_values[first],
            candidate_values[last],
            candidate_values[company],
        ):
            return None
        if nickname and names[1:] != (candidate_values[last], candidate_values[company]):
            return None
        frequencies = self.reader.name_frequencies(
            self.scorer.attributes, self.scorer.values, first, last, company
        )
        if frequencies is None:
            return None
        comparisons = self.scorer.comparisons
        probability = frequencies.writer_probability(
            *names,
            in_crm=min(MAX_SHARE_IN_CRM, self.rules.prior_match_probability * frequencies.live),
            names_m=comparisons[first]["m"][levels[first]] * comparisons[last]["m"][0],
        )
        return probability, names

    def _namesake_colleague_likelier(
        self, levels: tuple[int, ...], found, not_personal: tuple[int, ...] = ()
    ) -> bool:
        """Whether a candidate that agrees on nothing personal but on the very name at the very company
        falls below the flow's threshold once the name is weighed as colleagues share names: the odds from
        `_name_at_company` in place of the prior, the names and the employer comparisons, plus every other
        comparison's weight (place, and personal attributes that disagree). Fellegi-Sunter multiplies the
        company's and the names' weights as if colleagues drew names independently; they share a country and
        a language, so "Anna de Vries" at one firm in Amsterdam is as often a namesake as the same person.
        `found`: what `_name_at_company` says of the candidate; `not_personal`: comparisons agreeing on a
        switchboard, which colleagues share and which add nothing here."""
        if found is None:
            return False
        probability, _ = found
        if probability >= 1.0:
            return False
        first, last = self.scorer.name_pair
        skipped = {
            first,
            last,
            *not_personal,
            *(i for i, c in enumerate(self.scorer.comparisons) if c.get("employer")),
        }
        others = sum(
            self.scorer.weights[index][level]
            for index, level in enumerate(levels)
            if level != MISSING and index not in skipped
        )
        if probability <= 0:
            return True
        threshold = min(self.rules.auto_link_threshold, 1 - 1e-12)
        return math.log2(probability / (1.0 - probability)) + others < math.log2(
            threshold / (1.0 - threshold)
        )

    def _another_own_mobile(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether the record gives a mobile of its own (a mobile by its numbering plan) and the candidate holds
        another one, none in common. A rare name at a company carries a link for a writer who gives nothing
        but the name and the company (`_rare_name_at_company`); one who gives a mobile that is not the
        candidate's is a colleague of that name as often as the candidate with a new number, and the CRM's
        name counts cannot tell which (in China, where a few hundred given names and surnames make most
        names, least of all)."""
        phones = self.phone_level
        if phones is None or levels[phones] in (MISSING, 0):
            return False
        ours = {n for n in as_list(scorer.values[phones]) if n and normalise_phones.is_mobile_number(n)}
        theirs = {n for n in as_list(candidate_values[phones]) if n and normalise_phones.is_mobile_number(n)}
        return bool(ours and theirs) and not ours & theirs

    def _rare_name_at_company(self, levels: tuple[int, ...], found) -> bool:
        """Whether a name and a company alone may carry the link: both names and the company name agree
        exactly, no place disagrees, and the CRM's own counts (`name_frequency`) make the candidate the
        writer with probability `COMPANY_ONLY_PROBABILITY`: a rare name at a company the CRM holds few people
        of. Too few records to count names, and the candidate goes to review."""
        if any(levels[index] != MISSING for index in self.company_only.place):
            return False
        if found is None or levels[self.scorer.name_pair[0]] != 0:  # a nickname never carries it alone
            return False
        probability, _ = found
        return probability >= COMPANY_ONLY_PROBABILITY

    def _name_made_mailbox_only(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether the emails agree only as "same user name, other domain", every shared mailbox name is made
        of the inbound record's own names (`normalise_emails.name_made_user_name`: the names counted twice), and
        nothing but the names and the town agrees besides."""
        rule = self.scorer.user_name_rule
        if rule is None or not self.scorer.name_pair:
            return False
        emails, user_level, _ = rule
        if levels[emails] != user_level or self._placed_or_personal(levels, emails):
            return False
        first, last = (scorer.values[index] for index in self.scorer.name_pair)
        if not isinstance(first, str) and not isinstance(last, str):
            return False
        ours, theirs = scorer.values[emails], candidate_values[emails]
        shared = {normalise_emails.user_name(a) for a in as_list(ours) if a} & {
            normalise_emails.user_name(b) for b in as_list(theirs) if b
        }
        if shared and normalise_emails.same_user_within_domain(as_list(ours), as_list(theirs)):
            return False  # another host of the same company domain (eu.acme.com), not another domain
        first, last = (first if isinstance(first, str) else None), (last if isinstance(last, str) else None)
        return bool(shared) and all(
            normalise_emails.name_made_user_name(user, first, last)
            or normalise_emails.initial_spelled_user_name(user, first, last)
            for user in shared
        )

    def _own_contacts_differ(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        shared_phone: bool,
        shared_numbers: tuple[int, ...] = (),
    ) -> bool:
        """Whether nothing personal agrees (no mailbox, no number but lines of a place, `key_checks.
        is_line_of_a_place`, or a switchboard several CRM records hold; no date of birth; no personal
        identifier, a social profile's address, that no two CRM people hold) and the two records' own contacts
        say two people (`key_checks.own_contacts_differ`). Then only the names and a place link them, and a
        father and his namesake son at one address, or namesake colleagues at one firm, look exactly so."""
        phones, emails = self.phone_level, self.scorer.level_index("emails")
        if self.rules.entity_kind != EntityKind.PERSON or phones is None or emails is None:
            return False
        if levels[emails] == 0:
            return False
        born = self.scorer.level_index("date_of_birth")
        if born is not None and levels[born] == 0:
            return False
        if any(levels[index] == 0 for index in self.identity_numbers if index not in shared_numbers):
            return False  # the person's own number or profile: an agency's mailbox beside it says nothing
        inbound = {
            "phones": [n for n in as_list(scorer.values[phones]) if n],
            "emails": [a for a in as_list(scorer.values[emails]) if a],
        }
        holder = {
            "phones": [n for n in as_list(candidate_values[phones]) if n],
            "emails": [a for a in as_list(candidate_values[emails]) if a],
        }
        if self.scorer.name_pair:
            first, last = (scorer.values[index] for index in self.scorer.name_pair)
            inbound.update(
                first_name=first if type(first) is str else "", last_name=last if type(last) is str else ""
            )
        shared = [number for number in inbound["phones"] if number in holder["phones"]]
        if shared and not (shared_phone or all(key_checks.is_line_of_a_place(holder, n) for n in shared)):
            return False  # a person's own number agrees
        return key_checks.own_contacts_differ(inbound, holder, shared)

    def _elsewhere_than_household(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...], shared_numbers=()
    ) -> bool:
        """Whether nothing of the candidate's own places them where the record's phone does, another member
        of their family holding it (`_household_holders`): no mailbox or number of the record is the
        candidate's, no personal identifier agrees, and the candidate does not live at the record's home
        (`_at_home`). The names, the town and even a date of birth are what a relative of the same name in
        another home, or a twin, shares; a person's own mailbox, mobile or front door are not."""
        own = [index for index in (self.phone_level, self.scorer.level_index("emails")) if index is not None]
        if any(levels[index] == 0 for index in own):
            return False
        if any(levels[index] == 0 for index in self.identity_numbers if index not in shared_numbers):
            return False
        return not self._at_home(scorer, candidate_values, levels)

    def _placed_or_personal(self, levels: tuple[int, ...], emails: int) -> bool:
        """Whether a phone or date of birth, or the postcode, agrees exactly: more than names and a town."""
        postcode = self.scorer.level_index("postcode")
        agreeing = [i for i in self.personal_evidence if i != emails] + (
            [postcode] if postcode is not None else []
        )
        return any(levels[index] == 0 for index in agreeing)

    def _two_sexes_of_one_family(self, scorer: InboundScorer, candidate_values: tuple) -> bool:
        """`normalise_names.two_sexes_of_one_family` on the record's and the candidate's names."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        names = (scorer.values[first], scorer.values[last]), (candidate_values[first], candidate_values[last])
        return all(type(name) is str for pair in names for name in pair) and (
            normalise_names.two_sexes_of_one_family(*names)
        )

    def _generations_differ(self, scorer: InboundScorer, candidate_values: tuple) -> bool:
        if not self.scorer.name_pair:
            return False
        last = self.scorer.name_pair[1]
        ours, theirs = scorer.values[last], candidate_values[last]
        return (
            ours != theirs  # the same surname marks the same generation, or none
            and isinstance(ours, str)
            and isinstance(theirs, str)
            and bool(ours and theirs)
            and locale_words.generations_differ(ours, theirs)
        )

    def _own_number_and_birth(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...], shared_numbers=()
    ) -> bool:
        """Whether a personal identifier no two CRM people hold and the very date of birth both agree: a
        generational suffix one record writes and the other leaves out ("Hale" in a booking system without a
        suffix field, "Hale Jr." in the CRM) then says nothing against it. A father and his namesake son
        differ in their birth dates; a father's number typed on his son's record agrees on the number
        alone."""
        birth = self.scorer.level_index("date_of_birth")
        if birth is None or levels[birth] != 0:
            return False
        return any(levels[index] == 0 for index in self.identity_numbers if index not in shared_numbers)

    def _weak_first_name(self) -> tuple[int, int] | None:
        """(first name's comparison index, its nickname-or-initial level) when the flow has a graded first-name
        veto and a name comparison with that level."""
        for attribute, index, require, _ in self.veto_checks:
            if attribute == "first_name" and require == "not_clearly_different":
                labels = self.scorer.labels[index]
                if NAME_EQUIVALENT_LABEL in labels:
                    return index, labels.index(NAME_EQUIVALENT_LABEL)
        return None

    def _identified(
        self,
        scorer: InboundScorer,
        candidate_values: tuple,
        levels: tuple[int, ...],
        vetoed: int,
        shared_numbers: tuple[int, ...] = (),
    ) -> bool:
        """Whether the veto on comparison `vetoed` (a first name, a surname, a date of birth) is lifted: a
        personal identifier (`identity_numbers`: a national id, a social security number) agrees exactly, no
        two CRM people hold it (`shared_numbers`: a household's or an account's number is no one's), and
        one more strong attribute agrees besides the vetoed one: the surname, the date of birth, or the home
        (`_at_home`). A father and his namesake son, or twins, never share such a number: what differs is a
        name written otherwise (a middle name, a typo past a slip, a new surname) or a date mistyped. Two
        relatives with one number copied onto both records stay apart: it is shared, and the inbound record
        must agree with the candidate on more than the number."""
        own = [index for index in self.identity_numbers if index not in shared_numbers]
        agreeing = set(self._strong_agreements(scorer, candidate_values, levels))
        if any(levels[index] == 0 for index in own):
            besides = agreeing - {vetoed, *self._workplace(candidate_values)}
            if self._another_first_name(scorer, candidate_values, vetoed):
                family = set(self._family_shares())
                if besides & family and self._birth_misprinted_from(scorer, candidate_values, levels):
                    return True
                besides -= family
            return bool(besides)
        return self._identified_but_for_a_slip(scorer, candidate_values, levels, vetoed, own, agreeing)

    def _another_first_name(self, scorer: InboundScorer, candidate_values: tuple, vetoed: int) -> bool:
        """Whether the vetoed comparison is the first name and the two first names are clearly two people's
        (`first_names_compatible`: not the same, a short form, an initial, a part, a slip or a name keyed
        wrong)."""
        if not self.scorer.name_pair or vetoed != self.scorer.name_pair[0]:
            return False
        return not first_names_compatible(scorer.values[vetoed], candidate_values[vetoed])

    def _birth_misprinted_from(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]
    ) -> bool:
        """Whether one record's date of birth is no date at all ("19381131", "19409716") and the other's is one
        slip of the pen from it (`scoring.DateReadings`: a digit mistyped or two swapped). The misprint was typed
        from the person's own date; a relative born on another day is not one slip from it, and a twin born the
        same day agrees on the very date, which needs no reading. A real date a slip from another real one is not
        read so: a sibling or a spouse born on the same day of another year, twins born either side of midnight."""
        birth = self.scorer.level_index("date_of_birth")
        if birth is None or levels[birth] in (MISSING, self.scorer.different[birth]):
            return False
        return type(scorer.values[birth]) is DateReadings or type(candidate_values[birth]) is DateReadings

    def _family_shares(self) -> tuple[int, ...]:
        """The strong agreements a family shares (`_strong_agreements`' indices): the surname and the home.
        Beside another first name they say "a relative": a front desk types a spouse's member number on her
        husband's record, a parent's on a child's, and the relative's record then agrees on the number, the
        surname and the home. Only the very date of birth is the person's own among them."""
        return tuple(
            index
            for index in (self.scorer.name_pair[1], self.scorer.level_index("street"))
            if index is not None
        )

    def _identified_but_for_a_slip(
        self, scorer: InboundScorer, candidate_values: tuple, levels, vetoed: int, own: list[int], agreeing
    ) -> bool:
        """Whether a name's or the birth date's veto is lifted by the candidate's own number typed with one
        slip (`normalise_text.identifier_slip`: a digit mistyped or two swapped, not at the number's end) beside
        everything else that names the person: for a name, the other name and the very date of birth (where
        either record gives no date: the very home); for the date of birth, both names. A twin or a sibling
        at that home, or a father and his namesake son, hold numbers of their own, a random one or the next
        one issued, never the candidate's with a keying slip; what differs is one thing as written (a middle
        name gone by, a new surname, a date typed wrong)."""
        if not self.scorer.name_pair:
            return False
        first, last = self.scorer.name_pair
        birth = self.scorer.level_index("date_of_birth")
        if vetoed == birth:
            needed = {first, last}
        elif vetoed in (first, last):
            if birth is not None and levels[birth] == MISSING:
                birth = self.scorer.level_index("street")  # `_at_home`'s index in `agreeing`
            needed = {last if vetoed == first else first, birth}
        else:
            return False
        if not needed <= agreeing:
            return False
        return any(
            isinstance(scorer.values[index], str)
            and isinstance(candidate_values[index], str)
            and normalise_text.identifier_slip(
                normalise_text.personal_identifier(scorer.values[index]),
                normalise_text.personal_identifier(candidate_values[index]),
            )
            for index in own
        )

    def _workplace(self, candidate_values: tuple) -> tuple[int, ...]:
        """The street's comparison index when the candidate's record names its employer: its address is the
        workplace's, which colleagues share, no home (a rep copying a group's roster puts one provider's number
        on a colleague's record, at the very address)."""
        street, company = self.scorer.level_index("street"), self.scorer.level_index("company_name")
        if street is None or company is None or not candidate_values[company]:
            return ()
        return (street,)

    def _strong_agreements(self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]):
        """The comparisons among first name, surname, date of birth and home that agree: the first name exactly
        or with a typo (`first_name_mistyped`: never another name, a nickname or an initial), the surname
        exactly or a slip apart (`normalise_names.surname_closeness`), the date of birth exactly, the home as
        `_at_home` reads it (its street's index). Beside the person's own number, the first name is as strong
        as the surname: a new surname under one's own first name and number is a marriage or a typo."""
        if self.scorer.name_pair:
            first, last = self.scorer.name_pair
            if levels[first] == 0 or first_name_mistyped(scorer.values[first], candidate_values[first]):
                yield first
            ours, theirs = scorer.values[last], candidate_values[last]
            if levels[last] == 0 or (
                isinstance(ours, str)
                and isinstance(theirs, str)
                and ours
                and theirs
                and normalise_names.surname_closeness(ours, theirs) >= SURNAME_SLIP
            ):
                yield last
        birth = self.scorer.level_index("date_of_birth")
        if birth is not None and levels[birth] == 0:
            yield birth
        if self._at_home(scorer, candidate_values, levels):
            yield self.scorer.level_index("street")

    def _at_home(self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...]) -> bool:
        """Whether the two records give the very home: house number and street, and its postcode or town. An
        address without a house number (a street alone, a PO box's town) is not a home. The street may carry
        a typo ("11 leist strewt"): alike as a text, with the very house number, it is the same street."""
        street = self.scorer.level_index("street")
        if street is None or levels[street] == MISSING or levels[street] == self.scorer.different[street]:
            return False
        if levels[street] != 0 and not same_house_number(scorer.values[street], candidate_values[street]):
            return False
        area = [i for name in ("postcode", "city") if (i := self.scorer.level_index(name)) is not None]
        if not any(levels[i] == 0 for i in area):
            return False
        written = scorer.values[street]
        return (
            isinstance(written, str)
            and HOUSE_NUMBER.search(written) is not None
            and STREET_WORD.search(written) is not None
        )

    def _home_comparisons(self) -> tuple[int, int, int, tuple[int, ...]] | None:
        """(last name, date of birth, street, (postcode, city)) comparison indices for `_new_surname_at_home`,
        None when the flow lacks a name pair, an exact-or-not date of birth or a street."""
        if not self.scorer.name_pair:
            return None
        birth, street = self.scorer.level_index("date_of_birth"), self.scorer.level_index("street")
        area = tuple(i for name in ("postcode", "city") if (i := self.scorer.level_index(name)) is not None)
        if birth is None or street is None or not area:
            return None
        return self.scorer.name_pair[1], birth, street, area

    def _new_surname_at_home(
        self, scorer: InboundScorer, candidate_values: tuple, index: int, levels: tuple[int, ...]
    ) -> bool:
        """Whether the surname's veto is lifted: another surname beside the very first name, the very date of
        birth and the very home (house number and street, and its postcode or town) is a married name or a
        surname typed wrong, not someone else. Who else lives at one address under the same first name and
        was born the same day? Twins have other first names (the first-name veto stays), a father and his
        namesake son other birth dates (the date-of-birth veto stays). An address without a house number
        (a street alone, a PO box's town) is not a home. The first name may carry a typo ("luge" for Luke),
        never be another name, a nickname or the other sex's form of it (`first_name_mistyped`)."""
        if self.home is None or index != self.home[0]:
            return False
        birth, first = self.home[1], self.scorer.name_pair[0]
        return (
            (levels[first] == 0 or first_name_mistyped(scorer.values[first], candidate_values[first]))
            and levels[birth] == 0
            and self._at_home(scorer, candidate_values, levels)
        )

    def _slip_on_shared_line(
        self, scorer: InboundScorer, candidate_values: tuple, levels: tuple[int, ...], shared_numbers=()
    ) -> bool:
        """Whether the record's first name is a slip of the candidate's (one letter apart, no nickname nor
        initial of it: Tarun and Varun), the number they agree on is held by several CRM records (a family's
        or a shop's line), and nothing personal besides agrees. On a line a family shares the given name is
        what tells its members apart, and siblings' names often rhyme: a letter's difference is then as likely
        another member of the family as a typo of this one."""
        if not self.scorer.name_pair or self.phone_level is None or levels[self.phone_level] != 0:
            return False
        if any(
            levels[personal] == 0
            for personal in self.personal_evidence
            if personal != self.phone_level and personal not in shared_numbers
        ):
            return False
        index = self.scorer.name_pair[0]
        left, right = scorer.values[index], candidate_values[index]
        if not (isinstance(left, str) and isinstance(right, str)) or scorer.is_swapped(
            candidate_values, levels
        ):
            return False
        return normalise_names.name_match(left, right)[0] == "similar" and normalise_names.name_slip(
            left, right
        )

    def _a_slip_confirmed(
        self, scorer: InboundScorer, right, index: int, levels: tuple[int, ...], shared_numbers=()
    ) -> bool:
        """Two real names a slip apart (Joan/John) are a typo only when something personal to the candidate
        agrees too (date of birth, phone, email, a personal identifier no other CRM record holds): company and
        city are what a colleague shares. Where both are names people are given, a member number alone does
        not confirm it: a front desk types a wife's number on her husband's record, and Joan and John are a
        couple's names as often as one name mistyped."""
        left = scorer.values[index]
        if not (isinstance(left, str) and isinstance(right, str) and normalise_names.name_slip(left, right)):
            return False
        confirming = [personal for personal in self.personal_evidence if personal not in shared_numbers]
        if normalise_names.is_known_given_name(left) and normalise_names.is_known_given_name(right):
            confirming = [personal for personal in confirming if personal not in self.identity_numbers]
        return any(levels[personal] == 0 for personal in confirming)
