"""The resolver's deterministic keys and what can contradict them.

A key (the CRM id sent with the record, a stored CRM reference, an external id, a unique email, phone, domain or
VAT number) points to one live CRM record. It links on its own only when the record's other strong attributes do
not contradict the key's record: both names clearly different, another company behind a key that is not
personal, a desk line or a household's line, a successor on a handed-on mailbox. Each contradiction names its
reason for the reviewer. Mixed into `identity_app.resolver.Resolver`, whose attributes these methods read.
"""

import functools

from identity_app import (
    key_checks,
    name_parts,
    normalise_companies,
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_text,
    organisations,
)
from identity_app.attributes import (
    CALLER_ID_FIELD,
    INITIALS,
    PATRONYMIC,
    EntityKind,
    first_value,
    names_a_company,
    names_as_held,
    profile_phones,
    written_patronymic,
)
from identity_app.models import Contradiction, IdentifierKind, KeyName
from identity_app.resolution import (
    CHECK_ATTRIBUTES,
    COMPANY_NUMBER_KIND,
    COMPANY_PAGE_KIND,
    DOMAIN_KIND,
    KEY_WORDS,
    LEI_KIND,
    MOBILE_FIELD,
    ORGANISATION_CHECK_ATTRIBUTES,
    VAT_KIND,
    Inbound,
    KeyResult,
    Resolution,
    an_office_abroad,
    and_joined,
    companies_differ,
    companies_in_two_scripts,
    first_name_clearly_differs,
    generations_differ,
    key_evidence,
    key_note,
    name_close,
    name_written_more_fully,
    names_in_kanji,
    national_holders,
    other_numbers,
    same_full_name,
    scripts_differ,
    two_generations,
    written_in_japan,
    written_name,
)
from identity_app.scoring import similarity


def _named_after_its_holder(company: str, holder: dict) -> bool:
    """Whether a normalised company name is the very name of the person whose CRM record holds it, in either
    order: a sole trader's firm is registered under its owner's name ("Budai Béla e.v.", family name first in
    Hungary; "John Smith Plumbing" less its trade word is not), so a record giving that name names the owner."""
    own = f"{holder.get('first_name') or ''} {holder.get('last_name') or ''}".split()
    return len(own) >= 2 and sorted(company.split()) == sorted(own)


class KeyEvidence:
    """Deterministic keys: which CRM record a key points to, and whether the record contradicts it."""

    def _key_result(self, key: str, kind: str, value: str, hits, refs) -> KeyResult:
        result = KeyResult(key=key, value=value)
        live = []
        for ref in hits.get((kind, value), []):
            target = self._follow(ref.crm_id, refs)
            if target.status == "live" and target.crm_id not in live:
                live.append(target.crm_id)
                result.held_by = ref.crm_id
            elif target.status == "deleted":
                result.deleted.append(target.crm_id)
        if len(live) == 1:
            result.crm_id = live[0]
        elif len(live) > 1:
            result.shared_by = live
        return result

    def _also_written_nationally(self, result: KeyResult, hits, refs) -> None:
        """A number other live CRM records write nationally without a country ("01 23 77 44 30" beside the
        one record's "+33 1 23 77 44 30": a company's main line, typed by reps at home): they hold it too,
        and it is no key of the one record that writes it in full. A number no record writes in full, which
        one live record without a country writes nationally ("050 309 3895", "503093895" beside a portal's
        "+971503093895"), is that record's: read in the number's own country it is the very number."""
        if not (result.crm_id or result.shared_by):
            self._held_only_nationally(result, hits, refs)
            return
        holders = [result.crm_id] if result.crm_id else list(result.shared_by)
        for crm_id in national_holders(result.value, hits):
            target = self._follow(crm_id, refs)
            if target.status == "live" and target.crm_id not in holders:
                holders.append(target.crm_id)
        if len(holders) > 1:
            result.crm_id, result.shared_by = "", holders

    def _held_only_nationally(self, result: KeyResult, hits, refs) -> None:
        if result.deleted or not normalise_phones.is_valid_phone(result.value):
            return
        live, held_by = [], ""
        for crm_id in national_holders(result.value, hits):
            target = self._follow(crm_id, refs)
            if target.status == "live" and target.crm_id not in live:
                live.append(target.crm_id)
                held_by = crm_id
        if len(live) == 1:
            result.crm_id, result.held_by = live[0], held_by
        elif len(live) > 1:
            result.shared_by = live

    def _own_desk(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether the record writes the number with the very extension the holder's record writes it with:
        the holder's desk behind the company's switchboard, whatever the caller ID says of the company."""
        desk_line = self._desk_line(item)
        held = (holder.get("display") or {}).get("phone")
        return (
            bool(desk_line)
            and desk_line[0] == number
            and normalise_phones.written_extension(held, number) == desk_line[1]
        )

    def _other_desk(self, item: Inbound, holder: dict, number: str) -> tuple[str, str] | None:
        """(the record's extension, the holder's) when both write the number with an extension and the two
        differ: one switchboard, two desks."""
        desk_line = self._desk_line(item)
        if not desk_line or desk_line[0] != number:
            return None
        held = normalise_phones.written_extension((holder.get("display") or {}).get("phone"), number)
        return (desk_line[1], held) if held and held != desk_line[1] else None

    def _name_typed(self, item: Inbound) -> bool:
        """Whether the record gives a name in a name field (not only a caller ID): then the desk is weighed
        with the name as personal evidence (`_candidates`' `desk_line`), not taken as a key."""
        values = self._attributes(item)
        return any(
            values.get(name) not in (None, "")
            for attribute in ("first_name", "last_name", "full_name")
            for name in self.attribute_map.get(attribute, ())
            if name != CALLER_ID_FIELD
        )

    def _at_desk(self, result: KeyResult, extension: str, refs) -> None:
        """A switchboard several CRM records hold, written with an extension by a record that types no name:
        the one record that writes it with that very extension holds the key (a desk line is one person's, as
        a direct dial is); the colleagues at other desks do not."""
        record_ids = {refs[crm_id].id: crm_id for crm_id in result.shared_by if crm_id in refs}
        at_desk = [
            record_ids[record_id]
            for record_id, profile in self.reader.profiles(set(record_ids), ()).items()
            if normalise_phones.written_extension((profile.get("display") or {}).get("phone"), result.value)
            == extension
        ]
        if len(at_desk) == 1:
            result.crm_id = result.held_by = at_desk[0]
            result.shared_by = []

    def _email_key(self, item: Inbound, address: str, hits, refs) -> KeyResult:
        """An address's verdict as a key. A role or shared mailbox (billing@, info@) is none: whoever writes
        from it, the CRM may hold it on one of its users. Except where the record is the one CRM record holding
        it (`_same_mailbox_user`)."""
        if normalise_emails.is_key_email(address):
            return self._key_result(KeyName.EMAIL, IdentifierKind.EMAIL, address, hits, refs)
        if self.rules.entity_kind == EntityKind.PERSON:
            result = self._key_result(KeyName.EMAIL, IdentifierKind.EMAIL, address, hits, refs)
            holder = self._holder_names(result, refs)
            if holder is not None and self._same_mailbox_user(item, holder):
                result.mailbox_record = True
                return result
        return KeyResult(key=KeyName.EMAIL, value=address)

    def _holder_names(self, result: KeyResult, refs) -> dict | None:
        """The names and company of the one live CRM record holding a key (None when none or several do)."""
        if result.crm_id not in refs:
            return None
        record_id = refs[result.crm_id].id
        return self.reader.profiles(
            {record_id}, ("first_name", "last_name", "company_name", "phone", "phones")
        ).get(record_id)

    def _same_mailbox_user(self, item: Inbound, holder: dict) -> bool:
        """Whether a record on a role mailbox is the one CRM record holding it: both name no person (a
        business's own account on its billing@, a contact the CRM made of the mailbox; or the record's one name
        is the holder's company), or both give the very same given name and the record no other surname (the
        desk's user the CRM files the mailbox under: "Angela Rose" or "Angela" on it-helpdesk@, held by Angela
        Rose), unless the two give numbers and none agrees: a mailbox passes to the next holder of the role,
        who may bear the same name and brings a line of their own."""
        first, last = item.profile["first_name"], item.profile["last_name"]
        held_first, held_last = holder["first_name"], holder["last_name"]
        if not (held_first or held_last):
            return not (first or last) or holder["company_name"] in self._names_as_company(item)
        if other_numbers(item.profile, holder):
            return False  # the next holder of the role, of the same name, with a line of their own
        if not first:  # one word given ("Amara"): `_split_full_name` holds it as the last name
            return bool(last) and last == held_first
        return first == held_first and last in ("", held_last)

    def _names_as_company(self, item: Inbound) -> tuple[str, ...]:
        """The companies an inbound person record's one name field may be written for
        (`normalise_companies.company_name_readings`); none where the record gives first and last names apart, nor one
        that starts with a given name (a person's, or a sole trader's firm named after its owner)."""
        written = self._written(item)
        if written.get("first_name") or written.get("last_name") or not written.get("full_name"):
            return ()
        return tuple(
            name
            for name in normalise_companies.company_name_readings(written["full_name"])
            if not normalise_names.is_known_given_name(name.split()[0])
        )

    def _company_named_after_holder(self, item: Inbound, results: list[KeyResult], holders) -> None:
        """An inbound person record whose one name is the company of the CRM record one of its keys points to
        ("Acme Dental" on jane@acmedental.com, which Jane Doe of Acme Dental holds): a business bought, and the
        name is its, not another person's. The record is compared without person names from here on."""
        names = self._names_as_company(item) if self.rules.entity_kind == EntityKind.PERSON else ()
        name = next(
            (
                held
                for result in results
                if result.crm_id
                and (held := (holders.get(result.crm_id) or {}).get("company_name"))
                and (held in names or self._caller_id_cut_from(item, holders[result.crm_id]))
                and not _named_after_its_holder(held, holders[result.crm_id])
            ),
            "",
        )
        if name:
            item.profile = {
                **item.profile,
                "first_name": "",
                "last_name": "",
                "company_name": item.profile["company_name"] or name,
            }
            item.named_as_company = True

    def _caller_id_cut_from(self, item: Inbound, holder: dict) -> bool:
        """Whether the record names no one but a caller ID cut at its 15 characters from the holder's company
        name, as normalised or as written ("JUNIPER INSURAN" for Juniper Insurance, "ORCHARD MEDIA L" for
        Orchard Media LLC): the business's line, not a person's name."""
        written = self._written(item)
        if written.get("first_name") or written.get("last_name"):
            return False
        caller_id = self._attributes(item).get(CALLER_ID_FIELD)
        companies = (
            holder.get("company_name"),
            normalise_text.plain((holder.get("display") or {}).get("company_name")),
        )
        return written.get("full_name") == caller_id and any(
            normalise_phones.caller_id_cut_from(caller_id, company) for company in companies if company
        )

    def _crm_references(self, item: Inbound) -> list[tuple[str, str]]:
        """(column, CRM id) of each CRM id another system stored for the record."""
        extra = item.profile.get("extra") or {}
        return [(column, extra[column]) for column in self.reference_columns if extra.get(column)]

    def _reference_keys(self, item: Inbound, refs) -> list[KeyResult]:
        """A key for each stored CRM id the mirror holds; another system's id in the column says nothing."""
        results = []
        for column, crm_id in self._crm_references(item):
            if crm_id not in refs:
                continue
            result = KeyResult(key=KeyName.CRM_REFERENCE, value=crm_id, column=column)
            target = self._follow(crm_id, refs)
            if target.status == "live":
                result.crm_id, result.held_by = target.crm_id, refs[crm_id].crm_id
            elif target.status == "deleted":
                result.deleted.append(target.crm_id)
            results.append(result)
        return results

    def _data_keys(self, item: Inbound, hits, refs) -> list[KeyResult]:
        """Each data key's verdict, in precedence order; a key with several values must agree with itself.
        A CRM id another system stored for the record comes first: it names the record, not a mailbox."""
        results = self._reference_keys(item, refs) if self.reference_columns else []
        for key in self.key_precedence:
            if key == KeyName.EXTERNAL_ID and self.rules.external_id_field and item.external_id:
                results.append(self._key_result(key, self.external_kind, item.external_id, hits, refs))
            elif key == KeyName.EMAIL:
                results.extend(
                    self._email_key(item, address, hits, refs) for address in item.profile["emails"]
                )
            elif key == KeyName.PHONE:
                for number in profile_phones(item.profile):
                    result = self._key_result(key, IdentifierKind.PHONE, number, hits, refs)
                    self._also_written_nationally(result, hits, refs)
                    if (
                        result.shared_by
                        and (desk_line := self._desk_line(item))
                        and desk_line[0] == number
                        and not self._name_typed(item)
                    ):
                        self._at_desk(result, desk_line[1], refs)
                    results.append(result)
            elif key == KeyName.DOMAIN and organisations.is_domain_key(item.profile["email_domain"]):
                results.append(self._key_result(key, DOMAIN_KIND, item.profile["email_domain"], hits, refs))
            elif key == KeyName.VAT and (number := organisations.vat_number(item.profile)):
                results.append(self._key_result(key, VAT_KIND, number, hits, refs))
            elif key == KeyName.COMPANY_NUMBER and (number := organisations.company_number(item.profile)):
                results.append(self._key_result(key, COMPANY_NUMBER_KIND, number, hits, refs))
            elif key == KeyName.COMPANY_PAGE and (page := organisations.company_page(item.profile)):
                results.append(self._key_result(key, COMPANY_PAGE_KIND, page, hits, refs))
            elif key == KeyName.LEI and (code := organisations.lei(item.profile)):
                results.append(self._key_result(key, LEI_KIND, code, hits, refs))
        return results

    def _key_holder_profiles(self, key_results: list[list[KeyResult]], refs) -> dict[str, dict]:
        """Live CRM id -> what its record says of the attributes that can contradict a key (one read)."""
        if not self.rules.contradiction_checks:
            return {}
        record_ids = {
            refs[result.crm_id].id for results in key_results for result in results if result.crm_id in refs
        }
        return {
            profile["crm_id"]: profile
            for profile in self.reader.profiles(
                record_ids,
                ORGANISATION_CHECK_ATTRIBUTES
                if self.rules.entity_kind == EntityKind.ORGANISATION
                else CHECK_ATTRIBUTES,
            ).values()
        }

    def _contradiction(
        self, item: Inbound, result: KeyResult, holder: dict | None, *, names_unreadable: bool = False
    ) -> str:
        """Why the record a data key points to seems not to be this one ("" when nothing contradicts it).
        `names_unreadable`: the two names are written in two scripts and the keys vouch for the person
        (`_names_in_other_script`): the names are not held against the key."""
        if result.key == KeyName.CRM_REFERENCE:
            return self._reference_contradiction(item, result, holder)
        if holder is None:
            return ""
        checks, below, inbound = (
            self.rules.contradiction_checks,
            self.rules.contradiction_similarity,
            names_as_held(item.profile, holder),
        )
        if names_unreadable:
            checks = [check for check in checks if check != Contradiction.NAMES]
        what = KEY_WORDS.get(result.key, result.key)
        held = f"{what} {result.value} is on CRM record {result.crm_id}"
        if self.rules.entity_kind == EntityKind.ORGANISATION:
            return (
                self._organisation_contradiction(item, result, holder)
                if Contradiction.NAMES in checks
                else ""
            )
        # Another first name (not merely a clearly different one: "Alex" beside Alexandra), on both records.
        other_first_name = (
            Contradiction.NAMES in checks
            and bool(inbound["first_name"] and holder["first_name"])
            and inbound["first_name"] != holder["first_name"]
        )
        if self._mistyped(item, result, holder) and not (
            all((inbound["first_name"], inbound["last_name"], holder["first_name"], holder["last_name"]))
            and normalise_names.names_alike(
                (inbound["first_name"], inbound["last_name"]),
                (holder["first_name"], holder["last_name"]),
                below,
            )
        ):
            return (
                f"This {what} is read from an address at a mistyped domain: evidence, not a key, and both "
                f"names do not confirm it: {held} ({holder['first_name']} {holder['last_name']})."
            )
        if Contradiction.NAMES in checks and normalise_names.names_clearly_differ(
            (inbound["first_name"], inbound["last_name"]), (holder["first_name"], holder["last_name"]), below
        ):
            return (
                f"This {what} now seems to belong to someone else: {held} "
                f"({written_name(holder)}), whose name is another person's."
            )
        if Contradiction.NAMES in checks and normalise_names.two_sexes_of_one_family(
            (inbound["first_name"], inbound["last_name"]), (holder["first_name"], holder["last_name"])
        ):
            return (
                f"This {what} seems to be a relative's: {held} ({written_name(holder)}), whose surname is the "
                "other sex's form of this record's beside another first name (a husband and wife, a brother "
                "and sister)."
            )
        if Contradiction.NAMES in checks and normalise_names.patronymics_differ(
            (inbound.get("extra") or {}).get(PATRONYMIC, ""), written_patronymic(holder.get("display") or {})
        ):
            return (
                f"This {what} seems to be a relative's: {held} ({written_name(holder)}), whose patronymic is "
                "another father's (a father and his son of one name, at one family firm or one home)."
            )
        if result.key == KeyName.PHONE and (desk := self._other_desk(item, holder, result.value)):
            return (
                f"This {what} is a switchboard: {held} ({written_name(holder)}) with extension {desk[1]}, "
                f"and this record with extension {desk[0]}: another desk."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.PHONE
            and key_checks.one_name_of_neither(inbound, holder, below)
        ):
            # a number passes to a new subscriber, and a colleague's record may hold a person's mobile
            return (
                f"This {what} now seems to belong to someone else: {held} "
                f"({written_name(holder)}), and the one name this record gives is neither of theirs."
            )
        if Contradiction.NAMES in checks and name_parts.other_initials(
            (inbound.get("extra") or {}).get(INITIALS) or "", holder["first_name"] or ""
        ):
            return (
                f"This {what} now seems to belong to someone else: {held} "
                f"({written_name(holder)}), held under other initials than this record's."
            )
        written = (self._written_first_name(item), (holder.get("display") or {}).get("first_name", ""))
        if Contradiction.NAMES in checks and first_name_clearly_differs(inbound, holder, below, written):
            return (
                f"This {what} now seems to belong to someone else: {held} "
                f"({written_name(holder)}), whose first name is another person's "
                "(a mailbox handed on to a successor, or shared by a family)."
            )
        if (
            other_first_name
            and result.key == KeyName.EMAIL
            and key_checks.household_mailbox(result.value, [inbound["last_name"], holder["last_name"]])
        ):
            # "Alex" on thejohnsons@ is Alexandra's nickname or her husband Alexander: a household's mailbox
            # is a key for the very first name it is held under only.
            return (
                f"This {what} is a household's (named after the family): {held} "
                f"({written_name(holder)}), held under another first name than this record's."
            )
        if (
            other_first_name
            and result.key == KeyName.PHONE
            and (
                household := key_checks.shared_household_mailbox(
                    inbound["emails"], holder.get("emails"), [inbound["last_name"], holder["last_name"]]
                )
            )
            and not self._own_mobile(item, holder, result.value)
        ):
            # "Sam" beside the household's mailbox is Samantha or Samuel: the home's line is as shared as its
            # mailbox, and only a mobile the CRM record holds as its own line tells one of the two.
            return (
                f"This {what} is a household's line: {held} ({written_name(holder)}), which shares the "
                f"household's mailbox {household} with this record under another first name."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.PHONE
            and key_checks.line_of_a_place(
                inbound,
                holder,
                result.value,
                given_as_mobile=self._given_as_mobile(item, holder, result.value),
            )
        ):
            return (
                f"This {what} is a line of a place (a home's or an office's): {held} "
                f"({written_name(holder)}), whose own number and mailbox are other than this record's "
                "(a relative or a colleague of the same name?)."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.PHONE
            and key_checks.initial_on_line_of_a_place(
                inbound,
                holder,
                result.value,
                given_as_mobile=self._given_as_mobile(item, holder, result.value),
            )
        ):
            return (
                f"This {what} is a line of a place (a home's or an office's): {held} "
                f"({written_name(holder)}), and this record gives only an initial of a first name beside "
                "another surname (a relative at home?)."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.EMAIL
            and key_checks.surname_changed_on_impersonal_mailbox(inbound, holder, result.value, below)
            and not key_checks.personal_mailbox_at_home(inbound, holder, result.value)
        ):
            return (
                f"This {what} may have been handed on with a role: {held} ({holder['first_name']} "
                f"{holder['last_name']}), another surname, and the address names neither person."
            )
        if (
            Contradiction.NAMES in checks
            and Contradiction.COMPANY in checks
            and result.key == KeyName.EMAIL
            and key_checks.surname_and_company_changed_on_work_mailbox(inbound, holder, result.value, below)
        ):
            return (
                f"This {what} seems to be someone else's: {held} ({written_name(holder)}, "
                f"{holder['company_name']}), another surname and another company than this record's."
            )
        if (
            Contradiction.NAMES in checks
            and result.key == KeyName.PHONE
            and (holder["first_name"] or holder["last_name"])
            and self.named_as_company(item)
            and not self._own_desk(item, holder, result.value)
        ):
            # A business's customer record (named as the company) gives the business's number: its main line,
            # which a rep may have typed on one employee's record as well.
            return (
                f"This {what} is given for a company (the record's name is a company's), so it may be the "
                f"company's line: {held} ({written_name(holder)}), a person."
            )
        shared_key = result.key not in self.rules.personal_keys and not (
            Contradiction.NAMES in checks
            and Contradiction.COMPANY in checks
            and result.key == KeyName.PHONE
            and key_checks.new_surname_on_own_mobile(
                inbound,
                holder,
                result.value,
                below,
                given_as_mobile=functools.partial(self._given_as_mobile, item, holder, result.value),
            )
            and not self._written_with_extension(item, holder, result.value)
        )  # a mobile beside a married name is the person's own line, not a switchboard
        names = ((inbound["first_name"], inbound["last_name"]), (holder["first_name"], holder["last_name"]))
        if Contradiction.NAMES in checks and shared_key and not normalise_names.names_alike(*names, below):
            return (
                f"This {what} may be shared (a switchboard?): {held} "
                f"({written_name(holder)}), whose name is not this person's."
            )
        if (
            Contradiction.NAMES in checks
            and shared_key
            and normalise_emails.other_mailbox_at_same_domain(inbound["emails"], holder.get("emails") or [])
            and not key_checks.mistyped_own_mailbox(inbound, holder)
            and not (
                result.key == KeyName.PHONE
                and key_checks.own_aliases_beside_mobile(inbound, holder, result.value, below)
            )
        ):
            return (
                f"This {what} may be an office line shared by colleagues: {held} "
                f"({written_name(holder)}), whose address at the same company is "
                "another mailbox than this record's."
            )
        if (
            Contradiction.COMPANY in checks
            and shared_key
            and companies_differ(inbound, holder, below)
            and not companies_in_two_scripts(inbound, holder)
            and not same_full_name(inbound, holder)
            and not self._own_mobile_under_fuller_name(item, inbound, holder, result)
        ):
            return (
                f"This {what} may be shared (a company number?): {held} at another company "
                f"({holder['company_name']}, not {inbound['company_name']})."
            )
        if Contradiction.NAMES in checks and two_generations(inbound, holder):
            return (
                f"This {what} is on the record of a relative of the same name: {held} "
                f"({written_name(holder)}), and the two names say two generations (Jr./Sr., II/III)."
            )
        if Contradiction.NAMES in checks and shared_key and generations_differ(inbound, holder):
            return (
                f"This {what} may be a relative's of the same name: {held} ({holder['first_name']} "
                f"{holder['last_name']}), and only one of the two names says Jr./Sr. (or says another)."
            )
        if (
            Contradiction.DATE_OF_BIRTH in checks
            and inbound.get("date_of_birth")
            and holder.get("date_of_birth")
            and similarity(
                {"method": "date", "thresholds": [0]}, inbound["date_of_birth"], holder["date_of_birth"]
            )
            == 0
        ):
            return f"This {what} seems to belong to someone else: {held}, whose date of birth differs."
        return ""

    def _reference_contradiction(self, item: Inbound, result: KeyResult, holder: dict | None) -> str:
        """`_contradiction` for a CRM id another system stored for the record: only the names can deny it.
        A full name denies it when it is another person's (a successor given the departed person's account
        keeps their id); a single name must be the record's own, or a handle made of it
        (`key_checks.stored_id_names_other`)."""
        where = f"The CRM id {result.value} in column {result.column!r} names CRM record {result.crm_id}"
        if holder is None:
            return f"{where}, whose names could not be read: not linked on it."
        inbound, below = item.profile, self.rules.contradiction_similarity
        if self.rules.entity_kind == EntityKind.ORGANISATION:
            name, held = inbound.get("company_name") or "", holder.get("company_name") or ""
            if name and held and companies_differ(inbound, holder, below):
                return f"{where}, a record of another company ({held})."
            return ""
        names = (inbound.get("first_name") or "", inbound.get("last_name") or "")
        held = (holder.get("first_name") or "", holder.get("last_name") or "")
        if why := key_checks.stored_id_names_other(names, held, below):
            return f"{where} ({written_name(holder)}), a record of someone else: {why}."
        return ""

    def _organisation_contradiction(self, item: Inbound, result: KeyResult, holder: dict) -> str:
        """`_contradiction` for organisations: names that clearly differ, unless one record gives the other's
        name as its former or trading name, or the inbound name is a trading name of the holder's at its
        premises (both lifts recorded on `item` for the link's notes and wait); a group's companies abroad."""
        below, inbound = self.rules.contradiction_similarity, item.profile
        what = KEY_WORDS.get(result.key, result.key)
        held = f"{what} {result.value} is on CRM record {result.crm_id}"
        named_otherwise = trading_name = ""
        if numbers := organisations.other_vat_numbers(inbound, holder):
            return (
                f"This {what} is another legal entity's: {held}, whose VAT number {numbers[1]} is not this "
                f"record's {numbers[0]} (one company has one VAT number in a country)."
            )
        if (numbers := organisations.other_company_numbers(inbound, holder)) and not (
            organisations.main_units_number_here(inbound, holder)
        ):
            return (
                f"This {what} is another legal entity's: {held}, whose company number {numbers[1]} is not "
                f"this record's {numbers[0]} (a register gives each company a number of its own)."
            )
        if codes := organisations.other_leis(inbound, holder):
            return (
                f"This {what} is another legal entity's: {held}, whose LEI {codes[1]} is not this record's "
                f"{codes[0]} (each legal entity, branch and fund has an LEI of its own)."
            )
        if main_unit := organisations.sub_unit_elsewhere(inbound, holder):
            return (
                f"This {what} is a company's, and this record one of its places: {held} in {holder.get('city')}, "
                f"and this record is a sub-unit of {main_unit} in {inbound.get('city')} (a shop or a branch office "
                "of its own, not the company's head office or another of its places)."
            )
        written = self._written_names(item, holder)
        if firms := organisations.sole_trader_beside_company(inbound, holder, written):
            return (
                f"This {what} is another legal entity's: {held}; {firms[0]} is a sole trader and {firms[1]} a "
                "company, which a sole trader never turns into (the owner's new company is another entity)."
            )
        if group := organisations.other_group_companies(*written):
            return (
                f"This {what} may be a group's: {held} ({written[1]}), and this record is {written[0]}: two "
                f"companies of one group, whose names differ in {organisations.group_words_written(group[1])} "
                f"and {organisations.group_words_written(group[0])}."
            )
        if buyer := organisations.bought_by_holder(inbound, holder, below):
            return (
                f"This {what} is its buyer's: {held} ({holder['company_name']}), and one of the two records says "
                f"{buyer} bought the other, which keeps a record of its own."
            )
        if item.domain_shared and (unit := self._unit_of_other(item, holder)):
            return (
                f"This {what} may be shared by an organisation's units: {held} ({unit[1]}), and one of the two "
                f"names is the other's with a unit's label ({unit[0]}); the domain is on several CRM records."
            )
        renamed = result.key == KeyName.VAT and organisations.renamed_at_premises(inbound, holder)
        # A company number is no group's: its holder at the record's address under another name is the company
        # under its trading name, or renamed.
        renamed = renamed or (
            result.key in (KeyName.COMPANY_NUMBER, KeyName.LEI)
            and organisations.placed_alike(inbound, holder)
            and organisations.names_clearly_differ(inbound, holder, below)
        )
        if renamed:
            named_otherwise = (
                f"CRM record {result.crm_id} ({holder['company_name']}) holds this record's {what} at its "
                f"address under another name than {inbound['company_name']}: the company renamed, or trading "
                "under a name of its own."
            )
        elif organisations.names_clearly_differ(inbound, holder, below) or organisations.other_script_abroad(
            inbound, holder, below
        ):
            contradiction = (
                f"This {what} seems to belong to another organisation: {held} "
                f"({holder['company_name']}), whose name clearly differs from {inbound['company_name']}."
            )
            written = self._written_names(item, holder)
            keyed = result.key in (
                KeyName.DOMAIN,
                KeyName.PHONE,
                KeyName.COMPANY_PAGE,
                KeyName.COMPANY_NUMBER,
                KeyName.LEI,
                KeyName.VAT,
            )
            other = (
                organisations.other_name_agrees(
                    inbound, holder, written, below, surname_enough=result.key == KeyName.VAT
                )
                if keyed
                else ""
            )
            if other and organisations.brand_used_elsewhere(written, inbound, holder):
                return (
                    f"This {what} may be a brand's, used by another legal entity elsewhere: {held} "
                    f"({written[1] or holder['company_name']}, {holder.get('city')}), and this record "
                    f"({written[0] or inbound['company_name']}, {inbound.get('city')}) is a company trading "
                    "under that name in another town, on another line."
                )
            if other:
                named_otherwise = (
                    f"CRM record {result.crm_id} ({written[1] or holder['company_name']}) and this record "
                    f"({written[0] or inbound['company_name']}) name one company: {other} is given as the name "
                    f"it had or trades under; the {what} decides."
                )
            elif self._trading_name(item, result, holder):
                trading_name = contradiction
            else:
                return contradiction
        written = self._written_names(item, holder)
        entity = organisations.bracketed_other_entity(written[0], written[1], below)
        if entity:
            return (
                f"This {what} may be a brand's, used by another legal entity: {held} ({written[1]}), and this "
                f"record names {entity} as the company trading under that name."
            )
        if organisations.another_office(inbound, holder, written[1]):
            return (
                f"This {what} may be shared by an organisation's offices: {held} "
                f"({written[1]}, the office in {holder['city']}), and this record "
                f"is in {inbound['city']}."
            )
        if result.key in (KeyName.DOMAIN, KeyName.PHONE) and organisations.registered_abroad(
            inbound, holder, written
        ):
            return (
                f"This {what} may be a group's, given for its companies in several countries: {held} "
                f"({written[1]}, {holder.get('country')}), and this record is {written[0]}, in "
                f"{inbound.get('country')}: another legal form in another country."
            )
        if an_office_abroad(inbound, holder):
            return (
                f"This {what} may be shared by a group's companies in several countries: {held} "
                f"({holder['company_name']}, phone in another country), and this record is named "
                f"{inbound['company_name']}."
            )
        if result.key == KeyName.COMPANY_PAGE and organisations.in_two_countries(inbound, holder):
            return (
                f"This {what} may be a group's, given for its companies in several countries: {held} "
                f"({holder['company_name']}, {holder.get('country')}), and this record is in "
                f"{inbound.get('country')}."
            )
        if result.key == KeyName.DOMAIN and organisations.group_domain_abroad(inbound, holder, result.value):
            return (
                f"This {what} may be a group's, shared by its companies in several countries: {held} "
                f"({holder['company_name']}, {holder.get('country') or 'another country'}), and this record "
                f"is in {inbound.get('country') or 'another country'}."
            )
        if named_otherwise:
            item.named_otherwise[result.crm_id] = named_otherwise
        if trading_name:
            item.trading_name_of.setdefault(result.crm_id, []).append(trading_name)
        return ""

    def _unit_of_other(self, item: Inbound, holder: dict) -> tuple[str, str]:
        """(the unit's written name, the holder's) when one record's name is the other's with a unit's label
        set off after it ("University of Eastbrook - Library" beside "University of Eastbrook":
        `organisations.unit_of`); () otherwise. An organisation whose units are CRM records of their own
        on its domain gives them its switchboard too: the number says which organisation, not which record."""
        written = self._written_names(item, holder)
        words = [
            normalise_text.latin_folded(p.get("company_name") or "").split() for p in (item.profile, holder)
        ]
        if organisations.unit_of(written[1], words[0], holder):
            return written[1], written[1]
        if organisations.unit_of(written[0], words[1], item.profile):
            return written[0], written[1]
        return ()

    def _trading_name(self, item: Inbound, result: KeyResult, holder: dict) -> bool:
        """Whether the inbound name, which clearly differs from the name of the organisation holding its
        domain or phone, is that organisation's trading name (`organisations.trading_name_at_premises`)."""
        if result.key not in (KeyName.DOMAIN, KeyName.PHONE):
            return False
        return organisations.trading_name_at_premises(item.profile, holder, self._written_names(item, holder))

    def named_as_company(self, item: Inbound) -> bool:
        """Whether an inbound person record's one name field holds a company's name
        (`attributes.names_a_company`), or the record names a company and no person at all (a registry's
        organisation, NPPES entity type 2, beside its providers): a business is the record, no person is
        named."""
        profile = item.profile
        if item.named_as_company:
            return True
        if profile["first_name"] or profile["last_name"] or not profile["company_name"]:
            return False
        written = self._written(item).get("full_name")
        return not written or names_a_company(written, profile["company_name"])

    def _written_names(self, item: Inbound, holder: dict) -> tuple[str, str]:
        """The inbound organisation's name and the key holder's, as written (legal forms and all)."""
        return (
            organisations.display_name(self._written(item)),
            organisations.display_name(holder.get("display") or {}),
        )

    def _written_with_extension(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether the inbound record, or the holder's record as the CRM shows it, writes this number with an
        extension (`normalise_phones.written_with_extension`): an office line, however its plan reads."""
        attributes = self._attributes(item)
        written = [attributes.get(name) for name in self.attribute_map.get("phone", ())]
        written.append((holder.get("display") or {}).get("phone"))
        return any(
            type(text) is str and normalise_phones.written_with_extension(text, number) for text in written
        )

    def _own_mobile(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether a number is a mobile by its plan, or, where the plan cannot tell, given as a mobile
        (`_given_as_mobile`): a person's own line rather than a home's or an office's."""
        return normalise_phones.is_mobile_number(number) or (
            normalise_phones.may_be_mobile_number(number) and self._given_as_mobile(item, holder, number)
        )

    def _own_mobile_under_fuller_name(
        self, item: Inbound, inbound: dict, holder: dict, result: KeyResult
    ) -> bool:
        """A mobile (by its plan, or given as one where the plan cannot tell) beside one person's name written
        with a word more on one side (`name_written_more_fully`): the person's own line, whatever company they
        now name; people change jobs and keep their mobile, as `same_full_name` says of the very same name."""
        if result.key != KeyName.PHONE or not name_written_more_fully(inbound, holder):
            return False
        number = result.value
        return normalise_phones.is_mobile_number(number) or (
            normalise_phones.may_be_mobile_number(number) and self._given_as_mobile(item, holder, number)
        )

    def _given_as_mobile(self, item: Inbound, holder: dict, number: str) -> bool:
        """Whether the inbound record writes this number in a mobile field (`MOBILE_FIELD`), and the holder's
        record does not hold it as its first number beside another: an export lists the office `Phone`
        before the `MobilePhone` (`attributes.DEFAULT_ATTRIBUTE_MAP`), so that one is its office line."""
        attributes = self._attributes(item)
        if not any(
            MOBILE_FIELD.search(name) and normalise_phones.written_as(attributes.get(name), number)
            for name in self.attribute_map.get("phone", ())
        ):
            return False
        phones = profile_phones(holder)
        return not (len(phones) > 1 and phones[0] == number)

    def _mistyped(self, item: Inbound, result: KeyResult, holder: dict | None) -> bool:
        """Whether an email key was read, on either side, from an address at a mistyped provider domain
        (`normalise_emails.mistyped_addresses`): then it links only when both names confirm it."""
        if (
            result.key != KeyName.EMAIL
            or result.value.rpartition("@")[2] not in normalise_emails.MAJOR_MAIL_PROVIDERS
        ):
            return False
        written = (
            self._written(item).get("emails"),
            ((holder or {}).get("display") or {}).get("emails"),
        )
        return any(result.value in normalise_emails.mistyped_addresses(text) for text in written)

    def _name_made_and_mistyped(self, item: Inbound, result: KeyResult, holder: dict | None) -> bool:
        """A mistyped address whose mailbox name is made only of the record's names (jane.doe@gmial.com):
        a namesake colleague may have mistyped their own address as well, so it waits on the candidates like
        a shared key. A mailbox name with more in it (jane.doe77) names one mailbox, whoever else is called so.
        """
        return self._mistyped(item, result, holder) and normalise_emails.name_made_user_name(
            normalise_emails.user_name(result.value),
            item.profile.get("first_name"),
            item.profile.get("last_name"),
        )

    def _written_first_name(self, item: Inbound) -> str:
        """The inbound first name as written (accents kept), "" when it came inside a full name."""
        return str(self._written(item).get("first_name") or "")

    def _deterministic(
        self, item: Inbound, links, results: list[KeyResult], holders, refs
    ) -> Resolution | None:
        for key in self.key_precedence:
            if key == KeyName.CRM_ID and item.crm_id:
                return self._to_target(item, item.crm_id, KeyName.CRM_ID, refs)
            if key == KeyName.IDENTITY_LINK and (item.source_system, item.external_id) in links:
                crm_id, link_method = links[(item.source_system, item.external_id)]
                return self._to_target(item, crm_id, KeyName.IDENTITY_LINK, refs, link_method=link_method)

        notes = [note for result in results if (note := key_note(result))]
        item.domain_shared = any(result.key == KeyName.DOMAIN and result.shared_by for result in results)
        deciding = []
        self._company_named_after_holder(item, results, holders)
        unreadable = self._names_in_other_script(item, results, holders)
        for result in results:
            if not result.crm_id:
                continue
            holder = holders.get(result.crm_id)
            contradiction = self._contradiction(
                item,
                result,
                holder,
                names_unreadable=result.crm_id in unreadable or self._kanji_against_latin(item, holder),
            )
            if contradiction:
                notes.append(contradiction)
                item.contradicted.add(result.crm_id)
            else:
                deciding.append(result)
        if any(result.key != KeyName.COMPANY_PAGE for result in deciding):
            # A LinkedIn page is a brand's, as a domain is, and a CRM that holds a company twice often has the
            # page on one record and the domain on the other: another key decides, the page adds nothing.
            deciding = [result for result in deciding if result.key != KeyName.COMPANY_PAGE]
        if not deciding:
            item.key_notes = notes
            return None
        first = deciding[0]
        disagreeing = [result for result in deciding if result.crm_id != first.crm_id]
        if disagreeing and self.rules.stop_on_key_conflict:
            held = [f"{KEY_WORDS.get(r.key, r.key)} {r.value} is on CRM record {r.crm_id}" for r in deciding]
            notes.append(f"The keys point to different CRM records: {and_joined(held)}.")
            item.key_notes = notes
            item.key_conflict = [key_evidence(r) for r in deciding]
            item.key_conflict_ids = frozenset(r.crm_id for r in deciding)
            return None  # `_key_conflict`: in review with the key holders among the candidates
        resolution = self._to_target(item, first.held_by or first.crm_id, first.key, refs)
        resolution.mailbox_record = first.mailbox_record
        resolution.explanation = [key_evidence(first)]
        resolution.notes = notes + resolution.notes
        holder = holders.get(first.crm_id)
        if (
            resolution.matched
            and holder
            and not self._personal(first.key)
            and companies_differ(item.profile, holder, self.rules.contradiction_similarity)
        ):
            resolution.employer_changed = True
        if first.crm_id in item.named_otherwise:
            resolution.notes.append(item.named_otherwise[first.crm_id])
        elif resolution.employer_changed and first.crm_id not in item.trading_name_of:
            resolution.notes.append(
                f"CRM record {first.crm_id} writes the name otherwise ({holder['company_name']}: another "
                f"script, or initials); the {KEY_WORDS.get(first.key, first.key)} decides."
                if self.rules.entity_kind == EntityKind.ORGANISATION
                else f"CRM record {first.crm_id} names another company ({holder['company_name']}); the same "
                f"name and {KEY_WORDS.get(first.key, first.key)}: the person changed jobs."
            )
        if resolution.matched and holder and first.crm_id in item.trading_name_of:
            item.key_notes = notes
            item.shared_key_link = resolution
            item.shared_key_holder = holder
            return None  # decided in `_decide_shared_key`, once the candidates show who else has the name
        if (
            resolution.matched
            and (
                not self._personal(first.key)
                or first.mailbox_record  # a role mailbox is the desk's: a namesake at the desk may be its user
                or self._surname_differs(item, holder)
                or self._name_made_and_mistyped(item, first, holder)
            )
            and self._has_names(item)
            and holder
        ):
            item.shared_key_mistyped = self._mistyped(item, first, holder)
            item.key_notes = notes
            item.shared_key_link = resolution
            item.shared_key_holder = holder
            return None  # decided in `_decide`, once the candidates show any namesake
        return resolution

    def _personal(self, key: str) -> bool:
        """Whether the key names one person (a CRM id stored for the record always does)."""
        return key in self.rules.personal_keys or key == KeyName.CRM_REFERENCE

    def _names_in_other_script(self, item: Inbound, results: list[KeyResult], holders) -> set[str]:
        """CRM ids whose record writes the person's name in another script than the inbound record (山田 太郎,
        박 지훈 against Taro Yamada, Ji-hoon Park) and holds both the record's mailbox, made of the record's
        own names (taro_yamada@, jihoon.park@), and its mobile (by the numbering plan). A transliteration
        (anyascii reads kanji as Chinese, Hangul by another system) cannot tell such names apart; a mailbox
        named after this very person and their own mobile can: a successor handed a mailbox does not find it
        named after themselves, nor a mobile with it."""
        if self.rules.entity_kind != EntityKind.PERSON:
            return set()
        first, last = item.profile.get("first_name"), item.profile.get("last_name")
        mailboxes = {
            result.crm_id
            for result in results
            if result.key == KeyName.EMAIL
            and result.crm_id
            and normalise_emails.name_made_user_name(normalise_emails.user_name(result.value), first, last)
        }
        if not mailboxes or not (first or last):
            return set()
        mobiles = {
            result.crm_id
            for result in results
            if result.key == KeyName.PHONE
            and result.crm_id
            and normalise_phones.is_mobile_number(result.value)
        }
        written = self._written(item)
        return {
            crm_id
            for crm_id in mailboxes & mobiles
            if scripts_differ(written, (holders.get(crm_id) or {}).get("display") or {})
        }

    def _kanji_against_latin(self, item: Inbound, holder: dict | None) -> bool:
        """Whether one of the two records writes the person's name in kanji and the other in Latin letters,
        the kanji on a record written in Japan. Kanji say how a Japanese name is written, not how it is read
        (佐藤 is Satō; anyascii reads it as Chinese, "zuoteng"): such names cannot be compared, and are not
        held against a key, as a record without a name is not. Kana read as they sound and are compared."""
        if self.rules.entity_kind != EntityKind.PERSON or not holder:
            return False
        written = self._written(item)
        held = holder.get("display") or {}
        if not scripts_differ(written, held):
            return False
        if names_in_kanji(written):
            postcode = first_value(self._attributes(item), self.attribute_map.get("postcode", []))
            return item.profile.get("country") == "JP" or written_in_japan(written, postcode)
        return names_in_kanji(held) and (
            holder.get("country") == "JP" or written_in_japan(held, holder.get("postcode"))
        )

    def _surname_differs(self, item: Inbound, holder: dict | None) -> bool:
        """A personal key kept beside another surname (a marriage, `_contradiction`): it still waits for the
        candidates, in case the CRM holds this record's very name at the holder's company (`_decide_shared_key`):
        then the address is a colleague's, an assistant's who registered an executive."""
        first, last = item.profile.get("first_name"), item.profile.get("last_name")
        held_first, held_last = (holder or {}).get("first_name"), (holder or {}).get("last_name")
        if not (first and last and held_first and held_last):
            return False
        below = self.rules.contradiction_similarity
        if name_close(first, held_last, below) and name_close(last, held_first, below):
            return False  # "PEMBERTON, Freya": the same two names, swapped
        return normalise_names.name_closeness(last, held_last) < below

    def _has_names(self, item: Inbound) -> bool:
        return self.rules.entity_kind == EntityKind.PERSON and bool(
            item.profile.get("first_name") and item.profile.get("last_name")
        )
