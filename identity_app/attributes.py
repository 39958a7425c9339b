"""Which raw field feeds which comparison attribute, and the normalised profile of one record.

A profile is a plain dict with the attribute names below; the mirror stores it in `MirrorRecord` columns and
the resolver builds one for every inbound record, so both sides are normalised the same way.
"""

import re

from rapidfuzz.distance import Levenshtein

from identity_app import (
    column_labels,
    locale_words,
    name_parts,
    normalise_companies,
    normalise_emails,
    normalise_names,
    normalise_phones,
    normalise_places,
    normalise_text,
    organisations,
)

# attribute -> raw field names to try, first non-empty wins. Covers Salesforce, HubSpot and Pipedrive names
# and the canonical names themselves (inbound records usually use those).
DEFAULT_ATTRIBUTE_MAP: dict[str, list[str]] = {
    "emails": [
        "emails",
        "email",
        "Email",
        "work_email",
        "personal_email",
        "hs_additional_emails",
        "secondary_email",
    ],
    "phone": ["phone", "Phone", "phones", "mobilephone", "MobilePhone", "mobile_phone"],
    "first_name": ["first_name", "firstname", "FirstName"],
    "last_name": ["last_name", "lastname", "LastName"],
    # the caller ID after any name a record gives (a telephony system's own contact name is typed by a person)
    "full_name": ["full_name", "name", "Name", "caller_id_name"],
    "company_name": ["company_name", "company", "Company", "org_name", "account_name", "AccountName"],
    "company_id": ["company_id", "AccountId", "associatedcompanyid", "org_id"],
    "street": ["street", "address", "MailingStreet", "Street", "BillingStreet"],
    "city": ["city", "MailingCity", "City", "BillingCity"],
    "postcode": ["postcode", "zip", "postal_code", "MailingPostalCode", "PostalCode", "BillingPostalCode"],
    "state": ["state", "MailingState", "State", "BillingState"],
    "country": ["country", "MailingCountry", "Country", "BillingCountry"],
    "date_of_birth": ["date_of_birth", "Birthdate", "birthdate", "dob"],
    # Organisations only: the company's own web address or domain.
    "domain": ["domain", "website", "Website", "company_domain", "web", "url"],
}
# Column labels of CRM UI exports and other tools (HubSpot "First Name", "Phone Number", "Company Domain Name";
# Pipedrive "Person - Email - Work"; enrichment "HQ Phone") -> the field name the attribute map reads. Labels
# are compared squashed (lower case, letters and digits only) after an object prefix such as "Person - ".
_LABEL_FIELDS = {
    **dict.fromkeys(("emailaddress", "primaryemail", "emailprimary", "mail", "emailmain"), "email"),
    **dict.fromkeys(("emailwork", "workemail", "businessemail", "workemailaddress"), "work_email"),
    **dict.fromkeys(("emailhome", "homeemail", "privateemail", "personalemailaddress"), "personal_email"),
    # HubSpot's label of `hs_additional_emails` is "Additional email addresses" (the addresses a contact had
    # before: HubSpot keeps the old primary there when it changes), ";" between them
    **dict.fromkeys(
        (
            *("emailother", "otheremail", "additionalemail", "additionalemails", "additionalemailaddresses"),
            # NPSP's third address beside its home and work ones (`npe01__AlternateEmail__c`)
            *("alternateemail", "alternativeemail", "emailalternate"),
        ),
        "secondary_email",
    ),
    **dict.fromkeys(
        (
            "phonenumber",
            "phonework",
            "workphone",
            "businessphone",
            "officephone",
            "telephone",
            "tel",
            "mainphone",
            "companyphone",
            "hqphone",
            "companyhqphone",
            "phonemain",
            "phoneprimary",
            "primaryphone",
            # a sales-intelligence vendor's (ZoomInfo "Direct Phone Number", Apollo "Work Direct Phone"): the
            # person's own desk line, beside the company's switchboard ("Company HQ Phone")
            "directphone",
            "directphonenumber",
            "workdirectphone",
            "directdial",
            "directline",
            "directnumber",
        ),
        "phone",
    ),
    **dict.fromkeys(
        (
            "mobilephonenumber",
            "phonemobile",
            "mobile",
            "mobilenumber",
            "cellphone",
            "cell",
            "cellphonenumber",
        ),
        "mobilephone",
    ),
    **dict.fromkeys(("phonehome", "homephone", "phoneother", "otherphone"), "phones"),
    # The number a person is reached on by WhatsApp (a CRM's custom field "WhatsApp Number", a form's
    # "WhatsApp"): a mobile of their own, beside or instead of the one in the mobile field
    **dict.fromkeys(
        # HubSpot's own property "WhatsApp Phone Number"
        (
            "whatsapp",
            "whatsappnumber",
            "whatsappphone",
            "whatsappphonenumber",
            "whatsappmobile",
            "whatsappno",
        ),
        "phones",
    ),
    # An application form's two numbers, each beside a column saying which kind it is (the Common App's
    # "Preferred phone" = "Mobile" and "Preferred phone number"; "Alternate phone" and "... number"): the
    # numbers are the applicant's own, the kind columns name no number
    "preferredphonenumber": "phone",
    **dict.fromkeys(("alternatephonenumber", "alternativephonenumber"), "phones"),
    **dict.fromkeys(("givenname", "forename", "firstnames"), "first_name"),
    **dict.fromkeys(("surname", "familyname"), "last_name"),
    **dict.fromkeys(("fullname", "contactname", "personname", "displayname", "leadname"), "full_name"),
    # A telephony system's calls export: the carrier's caller ID of the other party's line (`CALLER_ID_FIELD`)
    **dict.fromkeys(
        ("callername", "callerid", "calleridname", "cnam", "callerdisplayname"), "caller_id_name"
    ),
    **dict.fromkeys(
        (
            "companyname",
            "organization",
            "organisation",
            "organizationname",
            "organisationname",
            "orgname",
            "employer",
            "accountname",
            "companyaccount",  # a Salesforce Leads report's "Company / Account"
            # a prospect list's (Sales Navigator exporters, LinkedIn-sourced lists): the employer the profile names
            "currentcompany",
            "currentemployer",
        ),
        "company_name",
    ),
    **dict.fromkeys(
        (
            "companydomainname",
            "companydomain",
            "websiteurl",
            "webaddress",
            "homepage",
            "domainname",
            "webdomain",
            # a product's user export: the user's workspace (organisation, team, account) and the domain it
            # verified for sign-in or invitations (its SSO or allowed domain), which is the employer's
            "workspacedomain",
            "ssodomain",
            "verifieddomain",
            "organizationdomain",
            "organisationdomain",
            "orgdomain",
            "accountdomain",
            "teamdomain",
        ),
        "domain",
    ),
    # HubSpot's label of its `address` property; other tools' first address line
    **dict.fromkeys(("streetaddress", "addressline1", "address1"), "street"),
    # An ERP's business partner master (SAP's customer and vendor lists: "Name 1", "Telephone 1", "House
    # Number", the name's second line "Name 2"): the partner's own name, its numbers, the number of its street
    "name1": "name",
    "name2": "name_2",
    **dict.fromkeys(("telephone1", "phone1"), "phone"),
    **dict.fromkeys(("telephone2", "phone2"), "phones"),
    "housenumber": "house_number",
    # An organisation's VAT registration number: an ERP's ("VAT Registration No."), a CRM's custom field
    # ("VAT_Number__c", "VAT ID"), an accounting tool's ("Tax Registration Number"), in the country's words
    # (Germany's "USt-IdNr.", France's "N° TVA intracommunautaire", Italy's "Partita IVA", the Netherlands'
    # "BTW-nummer")
    **dict.fromkeys(
        (
            *("vatregistrationno", "vatregistrationnumber", "vatregno", "vatnumber", "vatno", "vatid"),
            *("vatnumberc", "vatidc", "vatregistrationnumberc", "vatidnumber", "euvatnumber", "taxregnumber"),
            *("taxregistrationnumber", "ustidnr", "ustid", "umsatzsteueridentifikationsnummer", "numerotva"),
            *("ntvaintracommunautaire", "tvaintracommunautaire", "partitaiva", "btwnummer", "btwnr"),
        ),
        "vat_number",
    ),
    # Zoom's webinar registration report: "Country/Region Name"
    **dict.fromkeys(("countryregion", "countryname", "countrycode", "countryregionname"), "country"),
    **dict.fromkeys(("zipcode", "postalcode", "zippostalcode"), "postcode"),
    **dict.fromkeys(("stateregion", "province", "stateprovince", "provincecode"), "state"),
    # A Salesforce report labels an address's parts after the address: "Mailing Zip/Postal Code", "Billing
    # State/Province" (the API names MailingPostalCode, BillingState are read above).
    **{f"{kind}zippostalcode": "postcode" for kind in ("mailing", "billing", "shipping", "other")},
    **{f"{kind}stateprovince": "state" for kind in ("mailing", "billing", "shipping", "other")},
    **dict.fromkeys(("birthday", "birthdate", "dateofbirth"), "date_of_birth"),
    # A name's suffix kept apart from the surname (Salesforce's Contact `Suffix`, a donor database's "Suffix 1")
    **dict.fromkeys(("suffix", "namesuffix", "suffix1", "generationalsuffix"), "name_suffix"),
    # A donor CRM's mark of a person who has died (NPSP's `npsp__Deceased__c`, "Deceased", "Date of Death")
    **dict.fromkeys(("deceased", "isdeceased", "deceasedflag"), "deceased"),
    **dict.fromkeys(("deceaseddate", "dateofdeath", "deathdate", "dateofdeceased"), "deceased_date"),
    **dict.fromkeys(("location", "personlocation", "contactlocation", "leadlocation"), "location"),
    # The names a person goes by beside the legal one a form asks for first (the Common App's "Preferred
    # name" and "Former name(s)"; a student system's "Chosen Name", EDA's "Former Last Name"; "Maiden Name")
    **dict.fromkeys(
        ("preferredname", "preferredfirstname", "nickname", "chosenname", "chosenfirstname", "goesby"),
        "preferred_name",
    ),
    **dict.fromkeys(
        ("formername", "formernames", "formerlastname", "previouslastname", "maidenname", "birthsurname"),
        "former_names",
    ),
    # The US NPPES NPI registry's download (`npidata_pfile`) and the provider directories written in its shape:
    # the provider's legal name apart from its prefix ("DR.") and credential ("M.D.", "MD, FACC"), which are no
    # part of a name; the practice location's address and telephone (the practice's, which colleagues share);
    # an organisation's legal business name (entity type 2). Fax numbers are not read: a fax is a practice's
    # machine, never a person's line. The mailing address's telephone is another number the practice gives.
    "providerfirstname": "first_name",
    "providerlastnamelegalname": "last_name",
    "providernamesuffixtext": "name_suffix",
    "providerorganizationnamelegalbusinessname": "company_name",
    "providerfirstlinebusinesspracticelocationaddress": "street",
    "providerbusinesspracticelocationaddresscityname": "city",
    "providerbusinesspracticelocationaddressstatename": "state",
    "providerbusinesspracticelocationaddresspostalcode": "postcode",
    "providerbusinesspracticelocationaddresstelephonenumber": "phone",
    "providerbusinessmailingaddresstelephonenumber": "phones",
    # The French register SIRENE's establishments file (INSEE's `StockEtablissement`, with its company's
    # `denominationUniteLegale` joined from `StockUniteLegale`): the company's legal name, the establishment's
    # postcode and town (its street: `with_register_street`)
    "denominationunitelegale": "company_name",
    "codepostaletablissement": "postcode",
    "libellecommuneetablissement": "city",
    # A startup database's company export (Crunchbase's "Headquarters Location": "San Francisco, California,
    # United States"; other lists' "HQ Location"): the organisation's own place in one cell
    **dict.fromkeys(("headquarterslocation", "hqlocation"), "location"),
}
_OBJECT_PREFIX = re.compile(
    r"^\s*(?:person|contact|lead|organi[sz]ation|company|account|deal)\s+-\s+", re.IGNORECASE
)


def without_object_prefix(label: str) -> str:
    """A column label without the object a CRM's export names before it ("Person - CPF" is "CPF")."""
    return _OBJECT_PREFIX.sub("", label or "")


# A Salesforce custom field's API name: a managed package's namespace ("npe01__", NPSP's) before it and "__c"
# after it. The name between is the field's: NPSP's `npe01__HomeEmail__c` is the contact's home email. Data
# Loader writes its header in capitals: `NPE01__HOMEEMAIL__C`.
_SALESFORCE_CUSTOM_FIELD = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9]{0,14}__)?([A-Za-z][A-Za-z0-9_]*?)__c$", re.IGNORECASE
)


# Kana, kanji and Hangul are letters of a label too: Japanese and Korean exports label their columns in them
# ("TEL会社", the company's number, is not "TEL"; "携帯電話" and "휴대폰" are the mobile). Hangul is compared as the
# letters (jamo) that folding the accents decomposes its syllables into. So is Cyrillic: a Russian export's
# "Рабочий e-mail" and "Частный e-mail" are a work and a private address, not two columns both labelled "email".
_NOT_LABEL_LETTERS = re.compile(r"[^0-9a-z\u0430-\u045f\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _squashed(label: str) -> str:
    # Accents and widths folded first: "Téléphone" is "telephone", not "tlphone"; full-width letters are their ASCII ones.
    label = _SALESFORCE_CUSTOM_FIELD.sub(r"\1", label)
    return _NOT_LABEL_LETTERS.sub("", normalise_text.strip_accents(_OBJECT_PREFIX.sub("", label)).lower())


_KNOWN_FIELDS = {_squashed(field): field for fields in DEFAULT_ATTRIBUTE_MAP.values() for field in fields}
_KNOWN_FIELDS.update(_LABEL_FIELDS)
# Other languages' labels never displace an English one of the same letters.
for _field, _labels in column_labels.localised_labels().items():
    for _label in _labels:
        _KNOWN_FIELDS.setdefault(_squashed(_label), _field)
_ATTRIBUTE_OF_FIELD = {
    field: attribute for attribute, fields in DEFAULT_ATTRIBUTE_MAP.items() for field in fields
}


# A Pipedrive list view adds the related organisation's columns to a persons export: "Organization - Name"
# beside "Person - Name". Without its prefix it reads as a person's name; it is the company's name (which is
# also what an organisations export's own "Organization - Name" is).
_ORGANISATION_PREFIX = re.compile(r"^\s*(?:organi[sz]ation|company|account)\s+-\s+", re.IGNORECASE)
_ORGANISATION_NAME_LABELS = frozenset({"name", "fullname", "displayname"})


# Pipedrive exports an address field as its parts, each labelled after the field: "Organization - Address -
# City/town/village/locality", "Person - Postal address - ZIP/Postal code", "... - Country".
# An application form's "Permanent address - Address1", "... - City", "... - Zip" (the Common App's permanent home
# address, beside its optional mailing address) likewise. Dynamics 365 exports a contact's or an account's primary
# address as "Address 1: Street 1", "Address 1: City", "Address 1: ZIP/Postal Code", "Address 1: State/Province",
# "Address 1: Country/Region" (its second address, "Address 2: ...", is left unread, as Xero's street address is).
# A company register's registered office labels its parts after it: the UK Companies House bulk file's
# "RegAddress.AddressLine1", "RegAddress.PostTown", "RegAddress.PostCode"; others' "Registered Address City".
_ADDRESS_FIELDS = (
    *("postaladdress", "address", "address1", "billingaddress", "mailingaddress", "shippingaddress"),
    *("permanentaddress", "permanenthomeaddress"),
    *("regaddress", "registeredaddress", "registeredofficeaddress"),
)
_ADDRESS_PARTS = {
    "citytownvillagelocality": "city",
    "posttown": "city",  # the Royal Mail's word for the town of a UK address
    "zippostalcode": "postcode",
    "country": "country",
    "statecounty": "state",
    "streetroadname": "street",
    "street1": "street",
    "countryregion": "country",
    "stateprovince": "state",
    "housenumber": "house_number",
    # an accounting tool's address parts after the address's name: Stripe's "Address City", "Address Postal
    # Code"; a billing address's "Billing Address Line 1", "... Country"; Xero's "POCity", "SAPostalCode"
    "line1": "street",
    "addressline1": "street",
    "address1": "street",
    "1": "street",  # a donation or checkout form's "Billing Address 1"
    "city": "city",
    "postalcode": "postcode",
    "postcode": "postcode",
    "zip": "postcode",
    "zipcode": "postcode",
    "state": "state",
    "region": "state",
    "province": "state",
}
# Xero's contacts export gives two addresses, each part after its address's initials: the postal address
# ("POAddressLine1", "POCity", "PORegion", "POPostalCode", "POCountry") and the street address ("SA...").
# The postal address comes first in the file and is the one read (an invoice's address).
_XERO_ADDRESSES = ("po", "sa")
# A Shopify customers export labels the customer's default address "Default Address City", "... Zip",
# "... Province Code", "... Country Code", "... Address1", "... Company" and "... Phone" (the number given with
# the address at checkout: the customer's own, kept beside their SMS `Phone`).
_SHOPIFY_ADDRESS = "defaultaddress"
_SHOPIFY_ADDRESS_PARTS = {
    "address1": "street",
    "city": "city",
    "zip": "postcode",
    "province": "state",
    "provincecode": "state",
    "country": "country",
    "countrycode": "country",
    "company": "company_name",
    "phone": "phones",
}
# An event registration export (Eventbrite's attendee report) asks for a work and a home address, each part
# labelled after it: "Work City", "Work Country", "Home Zip", "Work Address 1".
_CONTACT_ADDRESS_PREFIXES = ("work", "home", "business", "office")
_CONTACT_ADDRESS_PARTS = {
    "address1": "street",
    "city": "city",
    "state": "state",
    "zip": "postcode",
    "zipcode": "postcode",
    "postcode": "postcode",
    "postalcode": "postcode",
    "country": "country",
}
# A prospecting database's company export (Apollo's "Company Street", "Company City", "Company State", "Company
# Postal Code", "Company Country"; ZoomInfo's "Company Street Address", "Company Zip Code") labels the company's
# headquarters address after the company. Read as the account's billing address, whose fields come after a
# record's own in the attribute map: a contacts export that also has the person's "City" keeps that.
_COMPANY_ADDRESS_PREFIXES = ("company", "companyhq", "hq", "headquarters")
_COMPANY_ADDRESS_PARTS = {
    "street": "BillingStreet",
    "streetaddress": "BillingStreet",
    "address1": "BillingStreet",
    "addressline1": "BillingStreet",
    "city": "BillingCity",
    "state": "BillingState",
    "stateprovince": "BillingState",
    "stateregion": "BillingState",
    "region": "BillingState",
    "zip": "BillingPostalCode",
    "zipcode": "BillingPostalCode",
    "postalcode": "BillingPostalCode",
    "postcode": "BillingPostalCode",
    "zippostalcode": "BillingPostalCode",
    "country": "BillingCountry",
    "countryregion": "BillingCountry",
}
# The house number Pipedrive exports apart from the street's name ("Organization - Address - House number"):
# read with the street (`_street_with_number`), never on its own.
HOUSE_NUMBER_FIELD = "house_number"


# Stripe's exports write each metadata key a business set on its customers as a column "<key> (metadata)":
# "company (metadata)", "phone (metadata)". The key is the label.
_STRIPE_METADATA = re.compile(r"\s*\(metadata\)\s*$", re.IGNORECASE)


def field_for_column(label: str) -> str:
    """The attribute map's field name a column label stands for ("Person - Email - Work" -> "work_email",
    "First Name" -> "firstname", "Organization - Name" -> "company_name", "Organization - Address - Country"
    -> "country"), or "" when it is none of them."""
    squashed = _squashed(_STRIPE_METADATA.sub("", label or ""))
    if squashed in _ORGANISATION_NAME_LABELS and _ORGANISATION_PREFIX.match(label):
        return "company_name"
    for address in (*_ADDRESS_FIELDS, *_XERO_ADDRESSES):
        if squashed.startswith(address) and (part := _ADDRESS_PARTS.get(squashed[len(address) :])):
            return part
    if squashed.startswith(_SHOPIFY_ADDRESS) and (
        part := _SHOPIFY_ADDRESS_PARTS.get(squashed[len(_SHOPIFY_ADDRESS) :])
    ):
        return part
    for prefix in _CONTACT_ADDRESS_PREFIXES:
        if squashed.startswith(prefix) and (part := _CONTACT_ADDRESS_PARTS.get(squashed[len(prefix) :])):
            return part
    for prefix in _COMPANY_ADDRESS_PREFIXES:
        if squashed.startswith(prefix) and (part := _COMPANY_ADDRESS_PARTS.get(squashed[len(prefix) :])):
            return part
    return _KNOWN_FIELDS.get(squashed, "") or _subject_role_field(squashed) or _filer_field(squashed)


# A file whose rows name two parties labels each party's fields after its role: a partner portal's deal
# registration ("Partner Rep Email" beside "Customer Contact Email", "End Customer Company"), a referral
# programme's lead ("Partner Email", "Customer Email"), a payment's "Customer Email". The fields after the role
# of the one the row is about (the customer, its contact, the prospect) are the record's own; the other party's
# (the partner, the rep, the owner, the referrer: whoever filed the row) are never read, since their address and
# number belong to a different person the CRM often holds. Longest role first: "End Customer Contact" before
# "End Customer" before "Customer".
_SUBJECT_ROLES = (
    "endcustomercontact",
    # a fundraising platform's donations export ("Donor First Name", "Donor Email"; "Supporter Email";
    # Blackbaud's "Constituent"): the giver the row is about
    "constituent",
    "supporter",
    "donor",
    "customercontact",
    "primarycontact",
    "endcustomer",
    "customer",
    "enduser",
    "prospect",
    "contact",
    "client",
    "lead",
)
# "Customer Name", "End Customer Name", "Client Name" name a company as often as a person (a deal registration's
# end customer is a company): a bare name is read after a role that is a person only.
_PERSON_ROLES = frozenset({"endcustomercontact", "customercontact", "primarycontact", "enduser", "contact"})


def _subject_role_field(squashed: str) -> str:
    role = next((role for role in _SUBJECT_ROLES if squashed.startswith(role)), "")
    rest = squashed[len(role) :]
    if not role or not rest:
        return ""
    field = _KNOWN_FIELDS.get(rest, "")
    if _ATTRIBUTE_OF_FIELD.get(field) == "full_name" and role not in _PERSON_ROLES:
        return ""
    return field


# The other party's roles: whoever filed the row or owns it. A portal that demands a contact's email or phone
# gets the filer's own when the filer has no other ("Customer Contact Email" = "Partner Rep Email"); that key
# is then the filer's (a different person, often in the CRM as the partner's contact), not the record's.
_FILER_ROLES = tuple(
    sorted(
        (
            "partnerrep",
            "partnercontact",
            "partneruser",
            "partner",
            "reseller",
            "distributor",
            "referrer",
            "referringpartner",
            "referredby",
            "submitter",
            "submittedby",
            "registeredby",
            "createdby",
            "salesrep",
            "rep",
            "owner",
            "contactowner",
            "leadowner",
            "accountowner",
            "dealowner",
            "recordowner",
            "assignedto",
            "assignee",
            "accountmanager",
            "channelmanager",
            # Not filers but the other people a row about one person names: an applicant's or a pupil's parents
            # and guardians (the Common App's "Parent 1 email", "Parent 2 phone"), an emergency contact. A
            # student who gives a parent's address or mobile as their own gives a key the CRM holds on the
            # parent; the row itself says whose it is.
            *("parent1", "parent2", "parent", "guardian1", "guardian2", "guardian", "parentguardian"),
            *("mother", "father", "emergencycontact"),
        ),
        key=len,
        reverse=True,
    )
)
# The fields a file's filer columns are read under: their addresses and numbers are never a record's own
# (`without_filer_keys`). Several of each ("Partner Rep Email", "Submitted By Email").
FILER_FIELDS = {
    "emails": ("filer_email", "filer_email_2", "filer_email_3"),
    "phone": ("filer_phone", "filer_phone_2", "filer_phone_3", "filer_phone_4"),
}


def _filer_field(squashed: str) -> str:
    role = next((role for role in _FILER_ROLES if squashed.startswith(role)), "")
    rest = squashed[len(role) :]
    if not role or not rest:
        return ""
    attribute = _ATTRIBUTE_OF_FIELD.get(_KNOWN_FIELDS.get(rest, "") or _subject_role_field(rest))
    return FILER_FIELDS[attribute][0] if attribute in FILER_FIELDS else ""


def _free_filer_field(field: str, taken: set[str]) -> str:
    fields = next(fields for fields in FILER_FIELDS.values() if field in fields)
    return next((f for f in fields if f not in taken), "")


def filer_keys(values: dict, region: str) -> tuple[list[str], list[str]]:
    """The addresses and numbers a row gives for whoever filed it (the filer columns of `recognised_columns`),
    numbers read in `region` as the record's own are."""
    emails = _all_emails(values, FILER_FIELDS["emails"])
    phones = (
        all_phones(values, FILER_FIELDS["phone"], region)
        if any(values.get(field) for field in FILER_FIELDS["phone"])
        else []
    )
    return emails, phones


def without_filer_keys(keys: list[str], filers: list[str]) -> list[str]:
    """`keys` (a record's emails or numbers) without those the same row gives as its filer's."""
    return [key for key in keys if key not in filers] if filers else keys


# An email platform's export locates each member by the IP address they signed up or last opened from
# (Mailchimp: LATITUDE, LONGITUDE, GMTOFF, DSTOFF, TIMEZONE, CC, REGION): where a mail was opened, not where
# the person lives or works. A file with these columns never has its REGION or CC read as an address's state
# or country.
_GEOLOCATION_COLUMNS = frozenset({"latitude", "longitude", "gmtoff", "dstoff", "timezone"})
_GEOLOCATED_PARTS = frozenset({"region", "cc", "countrycode", "regioncode"})


def _geolocated(fieldnames) -> bool:
    squashed = {_squashed(name) for name in fieldnames or [] if name}
    return {"latitude", "longitude"} <= squashed and len(squashed & _GEOLOCATION_COLUMNS) >= 3


FILER_FIELD_NAMES = frozenset(field for fields in FILER_FIELDS.values() for field in fields)


# A B2B marketplace's enquiry export (IndiaMART's Lead Manager API: `SENDER_NAME`, `SENDER_MOBILE`,
# `SENDER_EMAIL_ALT`, `QUERY_TYPE`, `RECEIVER_MOBILE`; TradeIndia's: `sender_name`, `sender_co`,
# `sender_other_mobiles`, `rfi_id`, `receiver_mobile`) labels the buyer who sent the enquiry "sender" and the
# seller it went to "receiver". In such a file the sender's columns are the record's own; the receiver's are the
# seller's (its own line, the same on every row) and never read as the record's. A property portal's leads
# (Property Finder's Enterprise API: `sender.name`, `sender.contacts` of type phone / email / whatsapp, beside
# `listing.id` and `listing.reference`, the listing enquired about) name the enquirer the same way. Elsewhere
# "sender" is left unread: an email tool's log calls the rep who sent a mail its sender.
_ENQUIRY_MARKERS = ("query", "inquiry", "enquiry", "rfiid", "receiver", "listing")
_ENQUIRY_SENDER = "sender"
_ENQUIRY_RECEIVER = "receiver"
_ENQUIRY_SENDER_PARTS = {
    "name": "full_name",
    "mobile": "mobilephone",
    "email": "email",
    "company": "company_name",
    "co": "company_name",
    "city": "city",
    "state": "state",
    "pincode": "postcode",
    "country": "country",
    "countryiso": "country",
    "mobilealt": "phones",
    "othermobiles": "phones",
    "phone": "phones",
    "phonealt": "phones",
    "whatsapp": "phones",
    "emailalt": "secondary_email",
}


def _marketplace_enquiries(fieldnames) -> bool:
    squashed = [_squashed(name) for name in fieldnames or [] if name]
    return any(name.startswith(_ENQUIRY_SENDER) for name in squashed) and any(
        name.startswith(_ENQUIRY_MARKERS) for name in squashed
    )


def _enquiry_party_field(label: str) -> str:
    """The field a marketplace enquiry's sender or receiver column is read under ("" when neither)."""
    squashed = _squashed(label)
    if squashed.startswith(_ENQUIRY_SENDER):
        return _ENQUIRY_SENDER_PARTS.get(squashed[len(_ENQUIRY_SENDER) :], "")
    if squashed.startswith(_ENQUIRY_RECEIVER):
        attribute = _ATTRIBUTE_OF_FIELD.get(_KNOWN_FIELDS.get(squashed[len(_ENQUIRY_RECEIVER) :], ""))
        return FILER_FIELDS[attribute][0] if attribute in FILER_FIELDS else ""
    return ""


# A WeCom (WeChat Work, 企业微信) customer export, as its external-contact API names the fields
# (`externalcontact/get`, `batch/get_by_user`: `external_userid`, `name`, `corp_full_name`, and the following
# rep's `remark`, `remark_corp_name`, `remark_mobiles`). `name` is a WeChat user's own nickname ("Sunny🌸",
# "海阔天空"); the rep's `remark` is the name the rep knows the customer by (张伟, "张伟-恒达"), and is read before
# it. `remark_mobiles` are the numbers the rep noted for the customer. `userid` is the rep's own id and `corp_name`
# a short form of the company name: neither is read. Elsewhere "remark" is a free note and stays unread.
_WECOM_ID = "externaluserid"
_WECOM_MARKERS = frozenset({"remarkmobiles", "remarkcorpname", "corpfullname", "followuser", "followinfo"})
_WECOM_FIELDS = {
    "remark": "full_name",
    "remarkmobiles": "phones",
    "corpfullname": "company_name",
    "remarkcorpname": "company_name",
}


def _wecom_customers(fieldnames) -> bool:
    squashed = {_squashed(name) for name in fieldnames or [] if name}
    return _WECOM_ID in squashed and bool(squashed & _WECOM_MARKERS)


def _wecom_field(label: str) -> str:
    """The field a WeCom customer export's column is read under ("" for the rest: `field_for_column`)."""
    return _WECOM_FIELDS.get(_squashed(label), "")


# GLEIF's LEI register (its golden copy and concatenated file as CSV, `lei2`: the LEI-CDF's XML flattened by path,
# "Entity.LegalName", "Entity.HeadquartersAddress.City"): the entity's legal name, and its headquarters address read
# as the organisation's address. The headquarters is where the entity operates, the address a counterparty's
# record holds; an international branch's is the branch's own, while its legal address is its head office's (the
# legal entity's, abroad). The legal address (a registered agent's or a fund's domicile for many, shared by
# thousands of entities) stays unread. The other names are read with the organisation's facts (`OTHER_NAMES`).
_GLEIF_FIELDS = {
    "entitylegalname": "company_name",
    "entityheadquartersaddressfirstaddressline": "street",
    "entityheadquartersaddresscity": "city",
    "entityheadquartersaddresspostalcode": "postcode",
    "entityheadquartersaddresscountry": "country",
}


def _gleif_records(fieldnames) -> bool:
    squashed = {_squashed(name) for name in fieldnames or [] if name}
    return "entitylegalname" in squashed and "entityheadquartersaddresscity" in squashed


# Norway's register of legal entities (Brønnøysundregistrene's Enhetsregisteret), its `enheter` and `underenheter`
# downloads as CSV: the JSON API's fields flattened by path ("forretningsadresse.poststed"). `navn` is the unit's
# name; a main unit's address is its business address (`forretningsadresse`), a sub-unit's (a shop, a branch office)
# its location (`beliggenhetsadresse`): each row fills one of the two. The post address (`postadresse`, a post box
# more often than not) stays unread, and so does the municipality (`kommune`): the post town is the town an address
# is written with. The organisation number is read with the organisation's facts (`COMPANY_NUMBER`).
_BRREG_FIELDS = {
    "navn": "company_name",
    "hjemmeside": "website",
    **{
        f"{address}{part}": field
        for address in ("forretningsadresse", "beliggenhetsadresse")
        for part, field in (
            ("adresse", "street"),
            ("postnummer", "postcode"),
            ("poststed", "city"),
            ("land", "country"),
        )
    },
}


def _brreg_records(fieldnames) -> bool:
    squashed = {_squashed(name) for name in fieldnames or [] if name}
    return "organisasjonsnummer" in squashed and bool(
        squashed & {"forretningsadressepoststed", "beliggenhetsadressepoststed"}
    )


# Labels that mean "name" as well as "first name": Portuguese "Nome" and Spanish "Nombre" head the given name
# beside "Sobrenome" / "Apellidos", and the whole name where no surname column stands beside them (a form's
# single name field: RD Station Marketing's leads export writes "Nome" so).
_NAME_OR_FIRST_NAME = frozenset({"nome", "nombre", _squashed("이름")})


def recognised_columns(fieldnames, *, keep=()) -> dict[str, str]:
    """Renames that let the attribute map read a file's labelled columns: {label: field name}. A column
    already named as the map reads it, one in `keep` (id and flag columns), and a label whose field the
    file already has (or an earlier label took) stay as they are."""
    read_as_is = {field for fields in DEFAULT_ATTRIBUTE_MAP.values() for field in fields}
    present = set(fieldnames or [])
    taken = present & read_as_is
    renames = {}
    geolocated = _geolocated(fieldnames)
    enquiries = _marketplace_enquiries(fieldnames)
    wecom = _wecom_customers(fieldnames)
    gleif = _gleif_records(fieldnames)
    brreg = _brreg_records(fieldnames)

    surname_column = any(_ATTRIBUTE_OF_FIELD.get(field_for_column(label)) == "last_name" for label in present)
    for label in fieldnames or []:
        if not label or label in keep or label in read_as_is:
            continue
        if geolocated and _squashed(label) in _GEOLOCATED_PARTS:
            continue
        field = (
            (_enquiry_party_field(label) if enquiries else "")
            or (_wecom_field(label) if wecom else "")
            or (_GLEIF_FIELDS.get(_squashed(label), "") if gleif else "")
            or (_BRREG_FIELDS.get(_squashed(label), "") if brreg else "")
            or field_for_column(label)
        )
        if not field:
            continue
        if not surname_column and _squashed(label) in _NAME_OR_FIRST_NAME:
            field = "full_name"  # RD Station's "Nome": the whole name a lead typed on a form
        if field in FILER_FIELD_NAMES:
            field = _free_filer_field(field, taken)
        if field in taken and field in _ATTRIBUTE_OF_FIELD:  # another free field of the same attribute
            attribute = _ATTRIBUTE_OF_FIELD[field]
            field = next((f for f in DEFAULT_ATTRIBUTE_MAP[attribute] if f not in taken), "")
        if field:
            renames[label] = field
            taken.add(field)
    return renames


def unread_columns(fieldnames, attribute_map: dict[str, list[str]] | None = None, *, keep=()) -> list[str]:
    """Columns that no attribute reads (after `recognised_columns`' renames), to tell the user."""
    attribute_map = attribute_map or DEFAULT_ATTRIBUTE_MAP
    read = {field for fields in attribute_map.values() for field in fields} | FILER_FIELD_NAMES
    read.update((PREFERRED_NAME_FIELD, FORMER_NAMES_FIELD, *name_parts.name_part_fields()))
    if attribute_map.get("street"):
        read.update((HOUSE_NUMBER_FIELD, *_REGISTER_STREET_PARTS))
    if attribute_map.get("city"):
        read.add(LOCATION_FIELD)
    if attribute_map.get("full_name"):
        read.update((NAME_SECOND_LINE_FIELD, VAT_NUMBER_FIELD))
    return [label for label in fieldnames or [] if label and label not in keep and label not in read]


# Every email and phone field is read (a record may have a work and a personal address, an office line and a
# mobile), not just the first.
MULTI_VALUE_ATTRIBUTES = frozenset({"emails", "phones"})

TEXT_ATTRIBUTES = (
    "email_domain",
    "phone",
    "first_name",
    "last_name",
    "company_name",
    "company_id",
    "street",
    "city",
    "postcode",
    "state",
    "country",
)
# `phone` is the first usable number (shown, and read for its country); `phones` holds every number.
# Set only on a profile whose date of birth was written impossibly: the ISO dates it is one slip from.
BIRTH_DATE_READINGS = "date_of_birth_readings"
# The national digits of each number a record without a country writes nationally and its flow's region does
# not read ("01 23 77 44 30" in a US flow): a CRM record's are looked up under them (`IdentifierKind.
# PHONE_NATIONAL`), so that a number several records hold is seen as shared however each writes it.
NATIONAL_PHONES = "national_phones"
PROFILE_ATTRIBUTES = ("emails", *TEXT_ATTRIBUTES, "phones", "date_of_birth", "external_ids", "extra")
DISPLAY_ATTRIBUTES = (
    "emails",
    "phone",
    "first_name",
    "last_name",
    "full_name",
    "company_name",
    "domain",
    "city",
)


class EntityKind:
    """What a flow's records are. People have first and last names; organisations have one name, a web
    domain and an address; deals are matched by CRM id or external id only, never fuzzily."""

    PERSON = "person"
    ORGANISATION = "organisation"
    DEAL = "deal"

    ALL = (PERSON, ORGANISATION, DEAL)
    CHOICES = [
        (PERSON, "Person (contacts, leads)"),
        (ORGANISATION, "Organisation (companies, accounts)"),
        (DEAL, "Deal (CRM id or external id only)"),
    ]


_ORGANISATION_OBJECTS = frozenset(
    {
        "company",
        "companies",
        "account",
        "accounts",
        "organization",
        "organizations",
        "organisation",
        "organisations",
        "org",
        "orgs",
    }
)
_DEAL_OBJECTS = frozenset({"deal", "deals", "opportunity", "opportunities"})


_PERSON_WORDS = frozenset({"person", "persons", "people", "contact", "contacts", "lead", "leads"})


def entity_kind_named(word: str) -> str:
    """The kind a word names, singular or plural, in the words of any CRM ("deals", "accounts",
    "companies", "people", "opportunities"); ValueError naming the kinds for any other word."""
    name = (word or "").strip().lower()
    for kind, words in (
        (EntityKind.PERSON, _PERSON_WORDS),
        (EntityKind.ORGANISATION, _ORGANISATION_OBJECTS),
        (EntityKind.DEAL, _DEAL_OBJECTS),
    ):
        if name in words:
            return kind
    raise ValueError(
        f"{word!r} is no kind of record; use person (people, contacts, leads), organisation (companies, "
        "accounts) or deal (deals, opportunities)."
    )


def entity_kind_for_object(object_name: str) -> str:
    """The kind a CRM object's records most likely are, from its name (a flow may say otherwise)."""
    name = (object_name or "").strip().lower()
    if name in _ORGANISATION_OBJECTS:
        return EntityKind.ORGANISATION
    if name in _DEAL_OBJECTS:
        return EntityKind.DEAL
    return EntityKind.PERSON


# Types a custom attribute can declare, each with the normaliser that makes equal values equal text. An
# "identifier" is one person's own number (a national id, a social security or member number): its exact
# agreement is personal evidence (`Resolver`), as an email or a date of birth is.
# A "profile" is a social profile's public address (LinkedIn's /in/<name>): one person's, whichever job they
# hold, compared as its canonical form (`normalise_emails.profile_url`).
ATTRIBUTE_TYPES = (
    "text",
    "email",
    "phone",
    "domain",
    "url",
    "date",
    "number",
    "identifier",
    "profile",
    "crm_id",
)
PERSONAL_IDENTIFIER = "identifier"
SOCIAL_PROFILE = "profile"
PERSONAL_IDENTIFIER_TYPES = frozenset({PERSONAL_IDENTIFIER, SOCIAL_PROFILE})
# A column of CRM record ids another system stored for the record (Zendesk's Salesforce integration writes the
# contact's id into the user's external_id): not compared, read as a key (`Resolver`, `crm_references`).
CRM_REFERENCE = "crm_id"
# Column labels of a person's social profile address: a CRM's custom property ("LinkedIn URL"), a prospect
# list's ("Profile URL", "LinkedIn Profile URL"), a data vendor's ("LinkedIn Contact Profile URL", "Person
# Linkedin Url"), an applicant-tracking system's column of the candidate's social sites (Greenhouse's "Social
# Media", Lever's "Links", others' "Social Profiles"), which may hold a GitHub or a portfolio site beside it.
# Only LinkedIn /in/ addresses are read from them (`normalise_emails.profile_url`).
_PROFILE_LABELS = frozenset(
    {
        *(
            "linkedin",
            "linkedinurl",
            "linkedinprofile",
            "linkedinprofileurl",
            "profileurl",
            "publicprofileurl",
        ),
        *("linkedincontactprofileurl", "personlinkedinurl", "contactlinkedinurl", "linkedinpublicprofileurl"),
        *("socialmedia", "socialmediaaddresses", "socialprofiles", "sociallinks", "links"),
    }
)


# Column labels of a US provider's National Provider Identifier: the registry's own ("NPI", NPPES's
# `npidata_pfile`), a CRM's custom property ("NPI Number", "NPI #", "Provider NPI", HubSpot's `npi_number`),
# spelled out ("National Provider Identifier").
_PROVIDER_NUMBER_LABELS = frozenset(
    {"npi", "npinumber", "npino", "npiid", "providernpi", "individualnpi", "nationalprovideridentifier"}
)


def provider_number_column(labels) -> str:
    """The one column of a file whose label says it holds a provider's NPI, or ""."""
    found = [label for label in labels or [] if label and _squashed(label) in _PROVIDER_NUMBER_LABELS]
    return found[0] if len(found) == 1 else ""


def profile_column(labels) -> str:
    """The one column of a file whose label says it holds a person's social profile address, or ""."""
    found = [label for label in labels or [] if label and _squashed(label) in _PROFILE_LABELS]
    return found[0] if len(found) == 1 else ""


def _typed(kind: str, value, region: str):
    if kind == "email":
        return normalise_emails.email(value)
    if kind == "phone":
        return normalise_phones.phone(str(value), region)
    if kind in ("domain", "url"):  # a website is compared as its registrable domain
        return normalise_emails.url_domain(value)
    if kind == "date":
        parsed = normalise_text.date(value)
        return parsed.isoformat() if parsed else ""
    if kind == "number":
        return normalise_text.number(value)
    if kind == PERSONAL_IDENTIFIER:
        return normalise_text.personal_identifier(value)
    if kind == SOCIAL_PROFILE:
        return normalise_emails.profile_url(value)
    if kind == CRM_REFERENCE:  # kept as written: a Salesforce id's capitals are part of it
        return str(value).strip()
    return normalise_text.plain(value)


_NORMALISERS = {
    "first_name": normalise_names.name,
    "last_name": normalise_names.name,
    "company_name": normalise_companies.company_name,
    "company_id": normalise_text.identifier,
    "street": normalise_places.street,
    "city": normalise_places.city,
    "postcode": normalise_places.postcode,
    "state": normalise_text.plain,
    "country": normalise_places.country,
}


def _unwrap(value):
    """Pipedrive-style [{"value": ..., "primary": true}] and {"value": 5} shapes become plain values."""
    if isinstance(value, dict):
        return value.get("value", value.get("id"))
    if isinstance(value, (list, tuple)):
        return [_unwrap(item) for item in value]
    return value


def _street_with_number(street: str, values: dict) -> str:
    """A normalised street without a number, with the house number its export gives apart: as the address's
    first line writes the two ("Bahnhofstraße 208", "208 Main Street"), else after the street. Without it
    "Bahnhofstraße" at 12 and at 150 would read as one address."""
    number = normalise_places.street(values.get(HOUSE_NUMBER_FIELD))
    if not number or any(char.isdigit() for char in street):
        return street
    combined = values.get("address")
    first_line = normalise_places.street(str(combined).split(",")[0]) if type(combined) is str else ""
    if street in first_line and number in first_line.split():
        return first_line
    return f"{street} {number}"


def _first(values: dict, names: list[str]):
    for field in names:
        value = values.get(field)
        if value is None or value == "":
            continue
        if type(value) is str:  # the common case, without the unwrapping below
            return value
        value = _unwrap(value)
        if isinstance(value, list):
            value = next((item for item in value if item not in (None, "")), None)
        if value not in (None, ""):
            return value
    return None


def first_value(values: dict, names: list[str]):
    """The first of `names` a record gives a value (`_first`), for the modules that read raw values."""
    return _first(values, names)


def _all_emails(values: dict, names: list[str]) -> list[str]:
    found: list[str] = []
    for field in names:
        value = values.get(field)
        if value is None:
            continue
        for address in normalise_emails.emails(_unwrap(value)):
            if address not in found:
                found.append(address)
    return found


_ADDRESS_ATTRIBUTES = ("city", "state", "postcode", "country")


def with_address_parts(values: dict, attribute_map: dict[str, list[str]]) -> dict:
    """`values` with an address written in one cell (Mailchimp's "street  city  state  zip  country",
    `normalise_places.combined_address`; a CRM's one address field, "Storgata 12, 8006 Bodø, Norway",
    `normalise_places.comma_address`) read as its parts: the street field keeps the street, and the city, state,
    postcode and country the record gives nowhere else are added. The same dict when there is none."""
    read = False  # the first street field that holds a text: the one the street is read from
    for field in attribute_map.get("street", []):
        text = values.get(field)
        if type(text) is not str or not text.strip():
            continue
        first, read = not read, True
        if "  " in text:
            if (parts := normalise_places.combined_address(text)) is None:
                return values
        elif not first or (parts := normalise_places.comma_address(text)) is None:
            continue
        expanded = {**values, field: parts["street"]}
        for attribute in _ADDRESS_ATTRIBUTES:
            fields = attribute_map.get(attribute, [])
            if parts.get(attribute) and fields and _first(values, fields) in (None, ""):
                expanded[fields[0]] = parts[attribute]
        return expanded
    return values


# A person's location in one cell as a professional network writes it ("Greater Boston", "Lyon,
# Auvergne-Rhône-Alpes, France"; `normalise_places.location`): a prospect list's "Location" column.
LOCATION_FIELD = "location"
_LOCATION_ATTRIBUTES = ("city", "state", "country")


# SIRENE writes an establishment's street in parts: its number, a repetition index ("B" bis, "T" ter), INSEE's code
# of the street's type ("AV", "BD", "CHE") and the street's name ("DE LA REPUBLIQUE"). Read as the one line a
# person writes ("12B avenue DE LA REPUBLIQUE"), the type's code as its word.
_REGISTER_STREET_PARTS = (
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
)
_REGISTER_STREET_TYPES = {
    "ALL": "allee", "AV": "avenue", "BD": "boulevard", "CAR": "carrefour", "CHE": "chemin", "CHS": "chaussee",
    "CITE": "cite", "COR": "corniche", "CRS": "cours", "DOM": "domaine", "ESP": "esplanade", "FG": "faubourg",
    "HAM": "hameau", "IMP": "impasse", "LD": "lieu dit", "LOT": "lotissement", "MTE": "montee", "PAS": "passage",
    "PL": "place", "PLN": "plaine", "PRO": "promenade", "PROM": "promenade", "QUA": "quartier", "QUAI": "quai",
    "RES": "residence", "RPT": "rond point", "RTE": "route", "RUE": "rue", "SEN": "sente", "SQ": "square",
    "TRA": "traverse", "VLA": "villa", "VLGE": "village",
}  # fmt: skip


def with_register_street(values: dict, attribute_map: dict[str, list[str]]) -> dict:
    """`values` with a SIRENE establishment's street parts (`_REGISTER_STREET_PARTS`) as its street line where the
    record gives no street of its own; the same dict otherwise."""
    name = values.get("libelleVoieEtablissement")
    fields = attribute_map.get("street", [])
    if type(name) is not str or not name or not fields or _first(values, fields) not in (None, ""):
        return values
    number, repeat, kind = (str(values.get(part) or "").strip() for part in _REGISTER_STREET_PARTS[:3])
    line = " ".join(
        part for part in (number + repeat, _REGISTER_STREET_TYPES.get(kind.upper(), kind), name) if part
    )
    return {**values, fields[0]: line}


def with_name_parts(values: dict, attribute_map: dict[str, list[str]]) -> dict:
    """`values` with a Dutch or Flemish record's name parts (initials, call name, particle) read into its first-
    and last-name fields (`name_parts.with_name_parts`)."""
    return name_parts.with_name_parts(
        values, attribute_map.get("first_name", []), attribute_map.get("last_name", [])
    )


def with_location_parts(values: dict, attribute_map: dict[str, list[str]]) -> dict:
    """`values` with the city, state and country its location cell names, each where the record has no field of
    its own for it (a file with a City column keeps that: its Location may be another place's). The same dict
    when there is nothing to add."""
    text = values.get(LOCATION_FIELD)
    if type(text) is not str or not text:
        return values
    added = {}
    for attribute, part in normalise_places.location(text).items():
        fields = attribute_map.get(attribute, [])
        if fields and not any(field in values for field in fields):
            added[fields[0]] = part
    return {**values, **added} if added else values


def cedex_address(values: dict, attribute_map: dict[str, list[str]]) -> bool:
    """Whether the record's town or postcode is written with a CEDEX mark (`normalise_places.cedex_written`):
    its postcode is then a sorting office's CEDEX code, no place's."""
    return any(
        normalise_places.cedex_written(_first(values, attribute_map.get(part, [])))
        for part in ("city", "postcode")
    )


def merged_attribute_map(extra: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    attribute_map = {attribute: list(fields) for attribute, fields in DEFAULT_ATTRIBUTE_MAP.items()}
    for attribute, fields in (extra or {}).items():
        names = [fields] if isinstance(fields, str) else list(fields)
        if attribute not in names:
            names.append(attribute)  # inbound records name the attribute itself
        attribute_map[attribute] = [*names, *(f for f in attribute_map.get(attribute, []) if f not in names)]
    return attribute_map


def build_profile(
    values: dict,
    *,
    attribute_map: dict[str, list[str]] | None = None,
    external_id_fields: list[str] = (),
    region: str = "US",
    kind: str = EntityKind.PERSON,
    attribute_types: dict[str, str] | None = None,
) -> dict:
    """Normalise raw values into a profile. Attributes outside the default set go to `extra`, normalised
    by their declared type (text when none is declared).

    People: a `name` column is split into first and last names when those are absent. Organisations: a
    `name` column is the company name, never split, and `email_domain` holds the organisation's registrable
    web domain (its website, else the domain of its first non-free-mail address, role addresses included)."""
    attribute_map = attribute_map or DEFAULT_ATTRIBUTE_MAP
    values = with_location_parts(with_address_parts(values, attribute_map), attribute_map)
    values = with_register_street(values, attribute_map)
    if kind == EntityKind.PERSON:
        values = with_name_parts(values, attribute_map)
    emails = _all_emails(values, attribute_map.get("emails", []))
    emails += [address for address in _emails_in_name_fields(values, attribute_map) if address not in emails]
    country = _first(values, attribute_map.get("country", [])) or _country_by_writing(values, attribute_map)
    phones = all_phones(
        values, attribute_map.get("phone", []), normalise_places.phone_region(country, region)
    )
    if not country and phones:
        phones = _read_in_own_country(values, attribute_map.get("phone", []), phones, region)
    if not country:
        phones = with_mainland_mobiles(values, attribute_map, phones, region)
        phones = with_trunk_eight_numbers(values, attribute_map, phones, region)
    filer_emails, filer_phones = filer_keys(values, normalise_places.phone_region(country, region))
    emails, phones = without_filer_keys(emails, filer_emails), without_filer_keys(phones, filer_phones)
    born = _first(values, attribute_map.get("date_of_birth", []))
    profile = {
        "emails": emails,
        "email_domain": normalise_emails.company_domain(emails),
        "phone": phones[0] if phones else "",
        "phones": phones,
        "date_of_birth": normalise_text.date(born),
    }
    for attribute, normaliser in _NORMALISERS.items():
        profile[attribute] = normaliser(_first(values, attribute_map.get(attribute, [])))
    if profile["date_of_birth"] is None and (readings := normalise_text.date_readings(born)):
        # An impossible date ("19105412") is no date, but the real dates one slip from it are compared in its
        # place (`scoring.DateReadings`) and find the record's people when nothing else does (`blocking`).
        profile[BIRTH_DATE_READINGS] = [reading.isoformat() for reading in readings]
    if profile["postcode"] and cedex_address(values, attribute_map):
        profile["postcode"] = ""  # a CEDEX code, no place's postcode
    if profile["street"] and values.get(HOUSE_NUMBER_FIELD):
        profile["street"] = _street_with_number(profile["street"], values)
    if not country and (national := national_phones(values, attribute_map, region)):
        profile[NATIONAL_PHONES] = national
    if kind == EntityKind.PERSON:
        person_names(profile, values, attribute_map, normalise_places.phone_region(country, region))
        if not profile["email_domain"] and not profile["company_name"]:
            profile["email_domain"] = _employer_domain(values, attribute_map, emails)
    else:
        _organisation_names(profile, values, attribute_map, emails)
    nested_ids = values.get("external_ids") if isinstance(values.get("external_ids"), dict) else {}
    profile["external_ids"] = {
        field: normalise_text.identifier(value)
        for field in external_id_fields
        if (value := nested_ids.get(field, values.get(field))) not in (None, "")
    }
    types = attribute_types or {}
    profile.setdefault("extra", {})  # a name split may have put a preferred name there
    for attribute, fields in attribute_map.items():
        if attribute in DEFAULT_ATTRIBUTE_MAP or (raw := _first(values, fields)) in (None, ""):
            continue
        value = _typed(types.get(attribute, "text"), raw, region)
        if value not in (None, ""):
            profile["extra"][attribute] = value
    if kind == EntityKind.ORGANISATION:
        organisation_facts(profile, values)
    else:
        donor_facts(profile, values, attribute_map)
    return profile


def _country_by_writing(values: dict, attribute_map: dict) -> str:
    """The country a record that names none is written in (`normalise_places.country_by_writing`)."""
    return normalise_places.country_by_writing(
        _first(values, attribute_map.get("postcode", [])),
        _first(values, attribute_map.get("company_name", [])),
        [_first(values, attribute_map.get(field, [])) for field in NAME_FIELDS],
    )


# A suffix and a death as a CRM's API names them (Salesforce's `Suffix`, NPSP's `npsp__Deceased__c`) or as a
# labelled export's columns are read (`_LABEL_FIELDS`)
NAME_SUFFIX_FIELDS = ("name_suffix", "Suffix", "suffix")
DECEASED_FLAGS = ("deceased", "npsp__Deceased__c", "Deceased__c", "Deceased", "is_deceased")
DECEASED_DATES = ("deceased_date", "Deceased_Date__c", "Date_of_Death__c", "date_of_death")
# `extra` keys: the CRM marks the person as dead; the record's names are two people's ("John & Mary Smith")
DECEASED = "deceased"
NAMES_TWO_PEOPLE = "names_two_people"
# `extra` keys: the other first names a person goes by, the surnames they had (`other_person_names`)
PREFERRED_NAMES = "preferred_names"
FORMER_SURNAMES = "former_surnames"
PREFERRED_NAME_FIELD = "preferred_name"
# `extra` key: the initials of all the person's official given names, as a Dutch record keeps them apart
# (`name_parts.initials_letters`)
INITIALS = "initials"
# `extra` key: the family name and the given name as a Korean record writes them in Hangul (`_split_hangul_name`)
HANGUL_NAME = "hangul_name"
# `extra` key and field: a Russian or Ukrainian record's patronymic (`patronymic_apart`)
PATRONYMIC = "patronymic"
FORMER_NAMES_FIELD = "former_names"
_TRUE_TEXTS = frozenset({"true", "yes", "y", "1", "x", "deceased", "t"})


def donor_facts(profile: dict, values: dict, attribute_map: dict) -> None:
    """What a person's record says beyond the compared attributes, as donor and membership records write it:
    a household account is no employer; a name field holding a dedication or "Anonymous" names nobody; a
    suffix kept in its own field is the surname's (Jr. tells a son from his father); a joint name is two
    people's; a death date or flag says the person died."""
    first, last = _name_fields(values, attribute_map)
    full = _first(values, attribute_map.get("full_name", []))
    company = _first(values, attribute_map.get("company_name", []))
    donor_facts_of(profile, values, first, last, full, company)


def donor_facts_of(profile: dict, values: dict, first: str, last: str, full, company) -> None:
    """`donor_facts` given the record's name fields and company as written (`_first` of each, first and last
    "" when there is none): `columns.build_profiles` reads them a column at a time."""
    if (
        profile.get("company_name")
        and company
        and _FAMILY_WORD.search(company)
        and is_household_account(company)
    ):
        profile["company_name"] = ""
    written = _written_names(first, last, full)
    # most names give neither sign: the rules below are asked only of those that do
    if _NOBODY_SIGN.match(written) and names_nobody(written):
        profile["first_name"] = profile["last_name"] = ""
    if (suffix := _first(values, NAME_SUFFIX_FIELDS)) and profile.get("last_name"):
        _add_generation(profile, normalise_names.name(suffix))
    if _TWO_PEOPLE_SIGN.search(written) and names_two_people(written, first, last):
        profile["extra"][NAMES_TWO_PEOPLE] = True
    if _died(values):
        profile["extra"][DECEASED] = True
    other_person_names(profile, values)


_SEVERAL_NAMES = re.compile(r"\s*[,;/]\s*|\s+(?:and|or)\s+", re.IGNORECASE)


def other_person_names(profile: dict, values: dict) -> None:
    """The first names a person goes by beside the legal one (a nickname, a chosen name) and the surnames they
    had before, as a form asks for them apart ("Preferred name", "Former name(s)": "Wong", "Layla Wong",
    "Wong, Carter"), normalised as the names are. A former name that starts with the first name is the
    person's whole name then: its surname is the rest."""
    if initials := name_parts.initials_letters(values.get(name_parts.INITIALS_FIELD)):
        profile["extra"][INITIALS] = initials
    preferred = values.get(PREFERRED_NAME_FIELD)
    if (
        isinstance(preferred, str)
        and (name := normalise_names.name(preferred))
        and name != profile.get("first_name")
    ):
        profile["extra"][PREFERRED_NAMES] = [name]
    former = values.get(FORMER_NAMES_FIELD)
    if not isinstance(former, str) or not former.strip():
        return
    first, surnames = profile.get("first_name") or "", []
    for part in _SEVERAL_NAMES.split(former):
        name = normalise_names.name(part)
        if first and name.startswith(f"{first} "):
            name = name[len(first) + 1 :]
        if name and name != profile.get("last_name") and name not in surnames:
            surnames.append(name)
    if surnames:
        profile["extra"][FORMER_SURNAMES] = surnames


def names_as_held(inbound: dict, holder: dict) -> dict:
    """The inbound profile under the names a CRM record holds, where they are ones the person gives as their
    preferred first name or a former surname (`other_person_names`): "Alex" is Alexandra's own name on her
    inquiry, "Wong" hers before she took her stepfather's; and a first name held as the initials the record
    gives for its official given names. Unchanged otherwise."""
    extra = inbound.get("extra") or {}
    held_first, held_last = holder.get("first_name"), holder.get("last_name")
    names = {}
    if (
        held_first
        and held_first != inbound.get("first_name")
        and held_first in extra.get(PREFERRED_NAMES, ())
    ):
        names["first_name"] = held_first
    if held_last and held_last != inbound.get("last_name") and held_last in extra.get(FORMER_SURNAMES, ()):
        names["last_name"] = held_last
    if held_first and held_first != inbound.get("first_name") and _held_as_own_initials(extra, held_first):
        names["first_name"] = held_first  # "Nel" of initials C.C., held as "C.C. van Leeuwen"
    names.update(_hangul_names_as_held(inbound, holder))
    return {**inbound, **names} if names else inbound


def _held_as_own_initials(extra: dict, held_first: str) -> bool:
    """Whether a CRM record's first name is written as initials only, the same as the ones the record gives
    for all its official given names (a call name may start with another letter: Nel for Cornelia)."""
    return name_parts.initials_agree(extra.get(INITIALS) or "", held_first) is True


def hangul_names(inbound: dict, holder: dict) -> tuple[list[str], list[str]]:
    """The (family, given) names each of the two records writes in Hangul ([] for a record that does not): the
    inbound record's as split (`_split_hangul_name`), the CRM record's as displayed."""
    ours = (inbound.get("extra") or {}).get(HANGUL_NAME) or []
    display = holder.get("display") or {}
    family, given = display.get("last_name") or "", display.get("first_name") or ""
    theirs = (
        [family, given] if normalise_names.all_hangul(family) and normalise_names.all_hangul(given) else []
    )
    return ours, theirs


def english_name_beside_hangul(profile: dict, values: dict, attribute_map: dict) -> None:
    """A bilingual card's English side beside its Hangul name ("Daniel Kim", "Daniel Minjun Kim" for 김민준): the
    Western given name the person goes by in business, kept as a preferred name."""
    hangul = (profile.get("extra") or {}).get(HANGUL_NAME)
    if not hangul:
        return
    for field in attribute_map.get("full_name", ()):
        value = values.get(field)
        if type(value) is not str or not value.isascii() or not value.strip():
            continue
        for word in normalise_names.name(value).split():
            if normalise_names.is_known_given_name(word) and not _spells_part_of(word, hangul):
                profile["extra"][PREFERRED_NAMES] = [word]
                return


def _spells_part_of(word: str, hangul: list[str]) -> bool:
    """Whether a word in Latin letters spells a Korean name's family name, its given name or a syllable of it."""
    family, given = hangul
    return any(normalise_names.spelled_as_hangul(word, part) for part in (family, given, *given))


def _hangul_names_as_held(inbound: dict, holder: dict) -> dict:
    """A name one record writes in Hangul and the other in Latin letters is the same name when the letters are a
    spelling of its syllables (`normalise_names.spelled_as_hangul`: 김지훈 is Ji-hoon Kim, Jihun Gim): the
    inbound record is then read under the CRM record's names (either of them written in Hangul)."""
    ours, theirs = hangul_names(inbound, holder)
    if not ours and not theirs:
        return {}
    names = {}
    for attribute, position in (("last_name", 0), ("first_name", 1)):
        mine, held = inbound.get(attribute) or "", holder.get(attribute) or ""
        if not mine or not held or mine == held:
            continue
        if (ours and normalise_names.spelled_as_hangul(held, ours[position])) or (
            theirs and normalise_names.spelled_as_hangul(mine, theirs[position])
        ):
            names[attribute] = held
    if len(names) < 2 and _whole_name_spelled(inbound, holder, ours or theirs, bool(ours)):
        names = {"first_name": holder.get("first_name") or "", "last_name": holder.get("last_name") or ""}
    return names


def _whole_name_spelled(inbound: dict, holder: dict, hangul: list[str], ours: bool) -> bool:
    """Whether the record in Latin letters spells the Hangul name whole, however its words were split into a
    given name and a family name ("Min Ji Kim" read "min" / "ji kim", or "KIM Min Ji")."""
    latin = holder if ours else inbound
    first, last = latin.get("first_name") or "", latin.get("last_name") or ""
    return bool(first and last) and normalise_names.whole_name_spelled_as_hangul(f"{first}{last}", *hangul)


_FAMILY_WORD = re.compile(r"famil|househ", re.IGNORECASE)
_NOBODY_SIGN = re.compile(r"\s*(?:in\s|imo|iho|anon|(?:a\s+)?tribute|dedicated|remembering)", re.IGNORECASE)
_TWO_PEOPLE_SIGN = re.compile(r"&|\+|\band\b|famil|househ|^\s*the\s", re.IGNORECASE)


def _add_generation(profile: dict, suffix: str) -> None:
    last = profile["last_name"]
    if locale_words.generation(f"x {suffix}") and not locale_words.generation(last):
        profile["last_name"] = f"{last} {suffix}"


def _written_names(first: str, last: str, full) -> str:
    """The record's name as written: its first and last name fields joined, else its one name field."""
    written = f"{first.strip()} {last.strip()}".strip()
    return written or (full.strip() if type(full) is str else "")


def _name_fields(values: dict, attribute_map: dict) -> tuple[str, str]:
    found = (_first(values, attribute_map.get(attribute, [])) for attribute in ("first_name", "last_name"))
    return tuple(part if type(part) is str else "" for part in found)


def _died(values: dict) -> bool:
    flag, died_on = _first(values, DECEASED_FLAGS), _first(values, DECEASED_DATES)
    return str(flag or "").strip().lower() in _TRUE_TEXTS or bool(str(died_on or "").strip())


# A gift made in someone's name: the donation form's name fields then hold the honoree ("In memory of Jane Doe",
# "In honour of ...", "IMO Jane Doe"), not the donor, whose own address and card the row still carries.
_DEDICATION = re.compile(
    r"^\s*(?:in\s+(?:loving\s+)?(?:memory|honou?r|remembrance|celebration|tribute)\s+(?:of|to)"
    r"|(?:a\s+)?tribute\s+to|dedicated\s+to|remembering)\b",
    re.IGNORECASE,
)
_DEDICATION_INITIALS = re.compile(r"^\s*(?:IMO|IHO|IMOF)\b")  # in capitals only: Imo is a given name too
# A donor who gives without a name: "Anonymous", "Anon", "Anonymous Donor"
_ANONYMOUS_WORDS = frozenset({"anonymous", "anon", "donor", "gift", "friend", "anonymously"})


def names_nobody(written: str) -> bool:
    """Whether a person's name fields hold no one's own name: a dedication (the honoree's name follows it)
    or an anonymous gift's stand-in name."""
    if not written:
        return False
    if _DEDICATION.match(written) or _DEDICATION_INITIALS.match(written):
        return True
    words = normalise_names.name(written).split()
    return bool(words) and words[0] in ("anonymous", "anon") and set(words) <= _ANONYMOUS_WORDS


# Two people in one name ("John & Mary Smith", "Mary and John", "Mr and Mrs J Smith", "Mr. & Mrs. Smith"):
# a couple's joint gift or membership. Each side of the "&" or "and" must be a given name or a form of
# address, so that a firm's name ("Orwell & Pike", "Smith and Sons") is not read as a couple.
_JOINED = re.compile(r"\s*(?:&|\+|\band\b)\s*", re.IGNORECASE)
_ADDRESS_FORMS = frozenset({"mr", "mrs", "ms", "miss", "dr", "rev", "sir", "lady", "lord", "prof", "mx"})
# "The Smith Family", "The Smiths" ("Smith Household" is `is_household_account`'s)
_THE_FAMILY = re.compile(r"^\s*the\s+\S+(?:s|\s+family|\s+household)\s*$", re.IGNORECASE)


def names_two_people(written: str, first_field: str = "", last_field: str = "") -> bool:
    """Whether a person record's name is a couple's or a family's, not one person's. A first-name field that
    joins two names ("John & Mary"), or a last-name field that goes on from it ("& John Smith"), is two
    people's whatever the names: a form's given-name field never holds a firm."""
    if not written:
        return False
    if _THE_FAMILY.match(written) or is_household_account(written):
        return True
    if _joins_two(first_field) and not normalise_companies.written_as_company(first_field):
        return True
    if (
        first_field.strip()
        and _JOINED.match(last_field or "")
        and _JOINED.sub("", last_field, count=1).strip()
    ):
        return True
    parts = _JOINED.split(written, maxsplit=1)
    if len(parts) != 2:
        return False
    before, after = _name_words(parts[0]), _name_words(parts[1])
    return (
        bool(before and after) and _a_person_word(before[-1], parts[0]) and _a_person_word(after[0], parts[1])
    )


def _joins_two(text: str) -> bool:
    parts = _JOINED.split(text or "", maxsplit=1)
    return len(parts) == 2 and all(_name_words(part) for part in parts)


def _name_words(text: str) -> list[str]:
    """A name's words, a form of address kept ("Mr" alone is a person too)."""
    return normalise_names.name(text).split() or [w for w in re.split(r"\W+", text.lower()) if w]


def _a_person_word(word: str, written: str) -> bool:
    forms = {w.strip(".").lower() for w in written.split()}
    return word in _ADDRESS_FORMS or bool(forms & _ADDRESS_FORMS) or normalise_names.is_known_given_name(word)


# A nonprofit CRM files each donor under a household account (Salesforce NPSP's "Smith Household", "The Smith
# Family"; "Household of ..."): the family's, named after it, never an employer. Read as a company it would say
# that spouses, a father and his son, are colleagues.
_HOUSEHOLD_ACCOUNT = re.compile(
    r"^\s*(?:the\s+)?\S.*?\s(?:household|family|families)\s*$|^\s*household\s+of\s", re.IGNORECASE
)


def is_household_account(value) -> bool:
    """Whether a contact's account name is a household's ("Smith Household", "The Smith Family")."""
    return type(value) is str and bool(_HOUSEHOLD_ACCOUNT.match(value))


def _employer_domain(values: dict, attribute_map: dict, emails: list[str]) -> str:
    """A person's employer's domain when no work address gives one: the company's domain a CRM holds beside a
    contact (HubSpot's "Company Domain Name"), or the domain a product's workspace verified for its members'
    sign-in. Someone who signed up from a personal address but sits in a workspace that admits only acme.com
    addresses, or whom the CRM files under acme.com, works at acme.com as surely as a work address would say.
    Read only where the record names no company: beside the company's name its domain is the same fact, and
    counted twice (name and domain agreeing) it lifts a colleague's nameless record over the threshold. Nor
    beside a role address (team@, ops@): a team's login is nobody's, and its domain is no one's employer."""
    if not all(map(normalise_emails.is_free_mail, emails)):
        return ""
    domain = organisations.own_domain(_first(values, attribute_map.get("domain", [])))
    return "" if "/" in domain else domain  # a page on a platform ("instagram.com/acme") is no mail domain


def _read_in_own_country(values: dict, fields: list[str], phones: list[str], region: str) -> list[str]:
    """A record that names no country, read in the country of its own international numbers when that reads
    more of its numbers: a rep who typed "+44 113 239 4549" and "07439 154848" on one record had one country
    in mind, and the flow's default region reads the national one as nothing.

    A record with one number text keeps its reading: read again it gives at most one number, and the first
    number read counts as valid wherever it has a country of its own (`valid_phone_region`), so the other
    reading never reads more."""
    texts = list(_phone_texts(values, fields))
    if len(texts) < 2 or all(map(normalise_phones.written_internationally, texts)):
        return phones  # one number, or each reads the same in every country: nothing to read again
    own = normalise_phones.valid_phone_region(phones[0])
    if not own or own == region:
        return phones
    again = all_phones(values, fields, own)
    valid = sum(map(normalise_phones.is_valid_phone, phones))
    return again if sum(map(normalise_phones.is_valid_phone, again)) > valid else phones


# Every mainland Chinese mobile is eleven digits starting with 1, written "138 0013 8000", "138-0013-8000" or
# run together, without +86 by most who type one; no other plan written beside Han characters takes that form
# (Japan's and Taiwan's national numbers start with a trunk 0, Hong Kong's and Macau's have eight digits). Read
# in a North American flow it is "1" and ten digits, often a valid number there ("131 0927 0190" is
# +1 310-927-0190), which a North American writes with the "1" apart ("1-310-927-0190", "1 (310) ...").
_KANA_OR_HAN = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3041-\u30ff]")
_DIGIT_GROUPS = re.compile(r"\d+")


def _writes_chinese(values: dict, attribute_map: dict) -> bool:
    """Whether a record writes its names or company in Han characters, with no kana (Japanese)."""
    texts = [
        text
        for attribute in ("company_name", *NAME_FIELDS)
        if (text := _first(values, attribute_map.get(attribute, []))) and isinstance(text, str)
    ]
    return any(_KANA_OR_HAN.search(text) for text in texts) and not any(_KANA.search(text) for text in texts)


def _mainland_mobile_digits(text: str) -> str:
    """The +86 number of a text written as a mainland mobile: eleven digits starting with 1 without a country
    code and not with a lone leading "1", or after the country code 86 written without its plus ("86-138...");
    else ""."""
    text = text.strip()
    groups = _DIGIT_GROUPS.findall(text)
    if text.startswith(("+", "00", "(")) or not groups:
        return ""
    digits = "".join(groups)
    if len(digits) == 13 and groups[0] == "86" and digits[2] == "1":
        return f"+{digits}"
    return f"+86{digits}" if len(digits) == 11 and digits[0] == "1" and groups[0] != "1" else ""


def with_mainland_mobiles(values: dict, attribute_map: dict, phones: list[str], region: str) -> list[str]:
    """A record that names no country and writes Chinese (`_writes_chinese`): each number written as a mainland
    mobile (`_mainland_mobile_digits`) read as one where China's plan makes it a mobile."""
    if region == "CN" or not _writes_chinese(values, attribute_map):
        return phones
    readings = {
        normalise_phones.phone(text, region): mobile
        for text in _phone_texts(values, attribute_map.get("phone", []))
        if (mobile := _mainland_mobile_digits(text)) and normalise_phones.is_mobile_number(mobile)
    }
    return _read_again(phones, readings)


# Russia and Kazakhstan share one numbering plan (+7), dialled at home with the trunk 8 before the ten digits:
# "8 (912) 295-66-89", "8 727 351 23 70". No other plan whose countries write Cyrillic takes that form (Belarus
# dials 8 before a 0: "8 029 ..."; Ukraine's national numbers start with 0; Bulgaria's, Serbia's too).
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _writes_cyrillic(values: dict, attribute_map: dict) -> bool:
    """Whether a record writes its names or company in Cyrillic."""
    return any(
        isinstance(text, str) and _CYRILLIC.search(text)
        for attribute in ("company_name", *NAME_FIELDS)
        if (text := _first(values, attribute_map.get(attribute, [])))
    )


def _trunk_eight_number(text: str) -> str:
    """The +7 number of a text written with the trunk 8 before ten digits that do not start with 0; else ""."""
    text = text.strip()
    if text.startswith(("+", "00")):
        return ""
    digits = "".join(_DIGIT_GROUPS.findall(text))
    return f"+7{digits[1:]}" if len(digits) == 11 and digits[0] == "8" and digits[1] != "0" else ""


def with_trunk_eight_numbers(values: dict, attribute_map: dict, phones: list[str], region: str) -> list[str]:
    """A record that names no country and writes Cyrillic (`_writes_cyrillic`): each number written with the
    trunk 8 (`_trunk_eight_number`) read as the +7 number it is, where that is a valid one. Read in another
    region's plan it is nothing, or that country's number."""
    if region in ("RU", "KZ") or not _writes_cyrillic(values, attribute_map):
        return phones
    readings = {
        normalise_phones.phone(text, region): number
        for text in _phone_texts(values, attribute_map.get("phone", []))
        if (number := _trunk_eight_number(text)) and normalise_phones.is_valid_phone(number)
    }
    return _read_again(phones, readings)


def _read_again(phones: list[str], readings: dict[str, str]) -> list[str]:
    """`phones` with each number that `readings` reads otherwise replaced by that reading, the readings added
    where no number stood for them, each once, in order."""
    if not readings:
        return phones
    found: list[str] = []
    for number in [*(readings.get(number, number) for number in phones), *readings.values()]:
        if number and number not in found:
            found.append(number)
    return found


def all_phones(values: dict, fields: list[str], region: str) -> list[str]:
    """Every usable number of `fields`, in field order, each once: a Salesforce record's office `Phone` and
    its `MobilePhone`, HubSpot's phone and mobile, Pipedrive's several values. A work phone written nationally
    without a country (unreadable in `region`) is left out and hides nothing."""
    found: list[str] = []
    for text in _phone_texts(values, fields):
        number = normalise_phones.phone(text, region)
        if number and number not in found:
            found.append(number)
    return found


def _phone_texts(values: dict, fields: list[str]):
    """The texts of `fields`' numbers, in field order (a list field's items in its order, a cell's several
    numbers in its order: `normalise_phones.phone_texts`), empty ones left out."""
    for field in fields:
        value = values.get(field)
        if value is None or value == "":
            continue
        value = _unwrap(value)
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, ""):
                yield from normalise_phones.phone_texts(str(item))


def unread_phones(values: dict, attribute_map: dict[str, list[str]]) -> list[str]:
    """Numbers a record without a country writes in a national form, as written, each once: read in its
    flow's `region` only by a guess, if at all ("010-7028-4224", "631 52 28 60"; "33 4362 9258", a number
    in Guadalajara, is also one in Alabama). A record that names its country has read its numbers there:
    none of them is left to read in another."""
    if _first(values, attribute_map.get("country", [])) not in (None, ""):
        return []
    found: list[str] = []
    for field in attribute_map.get("phone", []):
        value = values.get(field)
        if value is None or value == "":
            continue
        value = _unwrap(value)
        for item in value if isinstance(value, list) else [value]:
            text = str(item).strip() if item not in (None, "") else ""
            if (
                text
                and not text.startswith(("+", "00"))
                and sum(character.isdigit() for character in text) >= 6
                and not normalise_phones.phone(
                    text, "ZZ"
                )  # "ZZ" is no region: only an international form reads
                and text not in found
            ):
                found.append(text)
    return found


def national_phones(values: dict, attribute_map: dict[str, list[str]], region: str) -> list[str]:
    """`NATIONAL_PHONES` of a record: the national digits of each number it writes nationally (no "+" nor
    "00") that `region` reads as no valid number."""
    found = []
    for text in _phone_texts(values, attribute_map.get("phone", [])):
        text = text.strip()
        if text.startswith(("+", "00")):
            continue
        number = normalise_phones.phone(text, region)  # read once already for the profile (cached)
        digits = normalise_phones.written_national_digits(text)
        if number and not text.lstrip("( ").startswith(("0", "1")):
            continue  # no trunk 0 nor a leading 1: the region's own plain national form ("(415) 555-0134")
        if (number and normalise_phones.is_valid_phone(number)) or len(digits) < 6 or digits in found:
            continue
        found.append(digits)
    return found


def profile_phones(profile: dict) -> list[str]:
    """A profile's numbers: `phones`, or its one `phone` where a profile stored before `phones` has none."""
    phones = profile.get("phones")
    if phones:
        return list(phones)
    phone = profile.get("phone")
    return [phone] if phone else []


NAME_FIELDS = ("first_name", "last_name", "full_name")


def _emails_in_name_fields(values: dict, attribute_map: dict) -> list[str]:
    """Addresses typed into a name column ("First Name: jane.doe@acme.com"): an email address is the
    person's email wherever it was typed (the name itself then has no value, see `normalise_names.name`)."""
    found = []
    for attribute in NAME_FIELDS:
        value = _first(values, attribute_map.get(attribute, []))
        if type(value) is str and "@" in value:
            found += normalise_emails.emails(value)
    return found


# An organisation's VAT registration number as a record writes it (`_LABEL_FIELDS`), and the key its profile
# keeps of it in `extra` (`normalise_companies.vat_number`): one legal entity's number in one country, which names and
# addresses cannot change (a renamed company keeps it) and which one company's records share (its ship-to and
# bill-to records, its offices in the country).
VAT_NUMBER_FIELD = "vat_number"
VAT_NUMBER = "vat_number"


# An organisation's LinkedIn company page (`normalise_emails.company_page`), kept in `extra`: one organisation's page,
# which its name and domain changes leave in place (a renamed company's page keeps its address) and which each
# of a group's companies and a fund's regional firms has of its own. Read from the columns a CRM, a database or
# a list labels it with (HubSpot's "LinkedIn Company Page", Crunchbase's "LinkedIn", Apollo's "Company Linkedin
# Url", a Salesforce custom field `LinkedIn_Company_Page__c`); in an organisations file a plain "LinkedIn" or
# "LinkedIn URL" is the organisation's own page. Only /company/ addresses are read from them.
COMPANY_PAGE = "company_page"
# An organisation's company registration number (`normalise_companies.company_number`), kept in `extra`: one legal
# entity's number in its country's register, which names and addresses cannot change (a renamed company keeps
# it) and which no other company shares, not even one of its group at its address. Read from the register's
# own column (Companies House's "CompanyNumber") and a CRM's field for it ("Company number", "Company
# Registration Number", "Companies House Number", a Salesforce custom field `Company_Number__c`).
COMPANY_NUMBER = "company_number"
# A French company's SIREN (`normalise_companies.siren`), kept in `extra`: the company's, which all its
# establishments share (each has a SIRET of its own, read as its company number). Read from SIRENE's `siren` and a
# CRM's field for it ("SIREN", `SIREN__c`).
SIREN = "siren"
# An organisation's Legal Entity Identifier (`normalise_companies.lei`), kept in `extra`: one legal entity's code in
# GLEIF's register, which its renaming leaves in place and which no other entity holds (a branch abroad, each
# fund of an umbrella, each company of a group has one of its own). Read from the register's `LEI` and a CRM's
# field for it ("LEI", "LEI Code", "Legal Entity Identifier", a Salesforce custom field `LEI__c`).
LEI = "lei"
# The main unit a register row is a sub-unit of (Norway's Enhetsregisteret: an `underenhet`, a shop or a branch
# office with its own organisation number, names its main unit's number in `overordnetEnhet`), kept in `extra` as
# `normalise_companies.company_number` writes numbers: the row is one place of business of that company.
MAIN_UNIT = "main_unit"
# The other names a record gives the organisation in columns of their own (Crunchbase's "Also Known As" and
# "Legal Name", a CRM's "Former Name" or "Legal Name" field): its names before a rebrand, its registered name
# beside its brand. Kept in `extra` as `normalise_companies.company_name` writes names; one record giving the other's name
# among them names one company (`organisations.other_name_agrees`).
OTHER_NAMES = "other_names"
# The company that bought the organisation, as a startup database records it (Crunchbase's "Acquired by"): a
# company keeps its own record after its purchase, so the buyer's is never this record's
# (`organisations.bought_by_holder`). Kept in `extra` as `normalise_companies.company_name` writes names.
ACQUIRED_BY = "acquired_by"
# An Italian record's codice fiscale (Easyfatt's and Aruba's "Codice fiscale", a CRM's `Codice_Fiscale__c`): a
# company's is its partita IVA's eleven digits, read as its VAT number where the record gives none; a sole
# trader's (a ditta individuale) is its owner's personal code of sixteen characters, which spells the owner's
# surname and given name: the person the record's name then names is kept as the firm's owner
# (`normalise_companies.tax_code_owner`), whose name the firm is registered under.
TAX_CODE = "tax_code"
OWNER = "owner"
# A description's first words naming the organisation's former name ("Acme (formerly Widgets) builds ...",
# "Acme, formerly known as Widgets, ..."): read as one of its other names (`normalise_companies.former_name_noted`).
DESCRIPTION = "description"
_ORGANISATION_COLUMNS = {
    **dict.fromkeys(
        (
            *("linkedin", "linkedinurl", "linkedinpage", "linkedincompanypage", "linkedincompanypageurl"),
            *(
                "linkedincompanyurl",
                "companylinkedinurl",
                "companylinkedin",
                "linkedincompany",
                "linkedinlink",
            ),
        ),
        COMPANY_PAGE,
    ),
    **dict.fromkeys(
        (
            *("alsoknownas", "aka", "formername", "formernames", "formerlyknownas", "previousname"),
            *(
                "previousnames",
                "othernames",
                "alternatenames",
                "alternativenames",
                "legalname",
                "registeredname",
            ),
        ),
        OTHER_NAMES,
    ),
    **dict.fromkeys(("acquiredby", "acquirer", "acquirername", "acquiringorganization"), ACQUIRED_BY),
    # SIRENE's establishment: the signs over its door and the name it goes by, beside its company's legal name
    **dict.fromkeys(
        (
            *("enseigne1etablissement", "enseigne2etablissement", "enseigne3etablissement"),
            "denominationusuelleetablissement",
        ),
        OTHER_NAMES,
    ),
    **dict.fromkeys(
        (
            *("companynumber", "companyno", "companyregistrationnumber", "companyregistrationno"),
            *("companyregnumber", "companyregno", "companieshousenumber", "companieshouseno"),
            *("registeredcompanynumber", "companyhousenumber"),
            # a French establishment's SIRET (SIRENE's `siret`, a CRM's `SIRET__c`, "N° SIRET")
            *("siret", "numerosiret", "nsiret", "siretnumber", "siretno"),
            # the Nordic registers' numbers: Norway's organisasjonsnummer (Enhetsregisteret's own label, a CRM's
            # "Org.nr."), Sweden's organisationsnummer, Denmark's CVR-nummer
            *("organisasjonsnummer", "organisasjonsnr", "orgnummer", "orgnr", "organisationsnummer"),
            *("cvrnummer", "cvrnr", "cvr"),
        ),
        COMPANY_NUMBER,
    ),
    **dict.fromkeys(("siren", "numerosiren", "nsiren", "sirennumber", "sirenno"), SIREN),
    **dict.fromkeys(("overordnetenhet", "overordnetenhetorganisasjonsnummer"), MAIN_UNIT),
    **dict.fromkeys(
        ("lei", "leicode", "leinumber", "legalentityidentifier", "legalentityidentifierlei"), LEI
    ),
    **dict.fromkeys(("description", "shortdescription", "fulldescription"), DESCRIPTION),
    **dict.fromkeys(("codicefiscale", "codfiscale", "codfisc", "cf"), TAX_CODE),
}
_COLUMN_FACT: dict[str, str] = {}


# A company register's former names, one column each after its number: the UK Companies House bulk file's
# "PreviousName_1.CompanyName" .. "PreviousName_10.CompanyName" (the date of each change beside it is not a name).
_PREVIOUS_NAME_COLUMN = re.compile(r"^previousname\d+(?:companyname|name)$")
# GLEIF's other names, numbered: "Entity.OtherEntityNames.OtherEntityName.1" (a former legal name, a trading name, the
# legal name in another language) and "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1" (a
# legal name in another script written in Latin letters); their `.type` and `.xmllang` columns are no names.
_GLEIF_OTHER_NAME_COLUMN = re.compile(
    r"^entity(?:transliterated)?otherentitynames(?:transliterated)?otherentityname\d+$"
)


def _organisation_column(label) -> str:
    """What an organisations file's column says of the organisation (`_ORGANISATION_COLUMNS`), "" for none."""
    if label not in _COLUMN_FACT:
        squashed = _squashed(label) if type(label) is str else ""
        fact = _ORGANISATION_COLUMNS.get(squashed, "")
        if not fact and (_PREVIOUS_NAME_COLUMN.match(squashed) or _GLEIF_OTHER_NAME_COLUMN.match(squashed)):
            fact = OTHER_NAMES
        _COLUMN_FACT[label] = fact
    return _COLUMN_FACT[label]


def fact_of_column(label, kind: str) -> str:
    """What a column the built-in attributes leave alone is read as for records of this kind ("" for
    nothing): an organisation's facts in columns of their own (its LEI, company number, other names,
    LinkedIn page: `organisation_facts`)."""
    fact = _organisation_column(label) if kind == EntityKind.ORGANISATION else ""
    return _FACT_IN_WORDS.get(fact, fact)


_FACT_IN_WORDS = {
    COMPANY_PAGE: "LinkedIn company page",
    COMPANY_NUMBER: "company number",
    SIREN: "SIREN",
    LEI: "LEI",
    OTHER_NAMES: "other names",
    ACQUIRED_BY: "buyer",
    DESCRIPTION: "description (a former name it notes)",
}


def company_number_column(labels) -> str:
    """The first column of a file whose label says it holds a company registration number or an LEI, or ""."""
    return next(
        (label for label in labels or [] if label and _organisation_column(label) in (COMPANY_NUMBER, LEI)),
        "",
    )


def organisation_facts(profile: dict, values: dict) -> None:
    """The organisation's VAT number and company registration number into its profile's `extra`, read in the
    record's country; its LinkedIn
    company page (the first column labelled for one that holds one), the other names it is given (in their
    own columns, or as a former name at the start of its description) and the company that bought it."""
    number = normalise_companies.vat_number(values.get(VAT_NUMBER_FIELD), profile.get("country") or "")
    if number:
        profile["extra"][VAT_NUMBER] = number
    for label, value in values.items():
        fact = _organisation_column(label) if value else ""
        if fact == COMPANY_PAGE and COMPANY_PAGE not in profile["extra"]:
            if page := normalise_emails.company_page(value):
                profile["extra"][COMPANY_PAGE] = page
        elif fact == OTHER_NAMES and (names := other_names(value)):
            profile["extra"][OTHER_NAMES] = [*profile["extra"].get(OTHER_NAMES, []), *names]
        elif fact == COMPANY_NUMBER and COMPANY_NUMBER not in profile["extra"]:
            if number := normalise_companies.company_number(value, profile.get("country") or ""):
                profile["extra"][COMPANY_NUMBER] = number
        elif fact == SIREN and (number := normalise_companies.siren(value)):
            profile["extra"][SIREN] = number
        elif fact == MAIN_UNIT and (
            number := normalise_companies.company_number(value, profile.get("country") or "")
        ):
            profile["extra"][MAIN_UNIT] = number
        elif fact == LEI and LEI not in profile["extra"] and (code := normalise_companies.lei(value)):
            profile["extra"][LEI] = code
        elif fact == ACQUIRED_BY and (buyer := normalise_companies.company_name(value)):
            profile["extra"][ACQUIRED_BY] = buyer
        elif fact == TAX_CODE:
            _tax_code_facts(profile, value)
        elif fact == DESCRIPTION and (
            former := normalise_companies.former_name_noted(value, profile.get("company_name"))
        ):
            profile["extra"][OTHER_NAMES] = [*profile["extra"].get(OTHER_NAMES, []), former]
    if OTHER_NAMES in profile["extra"]:
        latin_name_first(profile)


def _tax_code_facts(profile: dict, value) -> None:
    """An Italian codice fiscale's facts (`TAX_CODE`): a company's eleven digits as its VAT number where the
    record gives none; a sole trader's personal code, the owner its letters find in the record's name."""
    number = normalise_companies.vat_number(value, "IT")
    if number.startswith("IT") and len(number) == 13 and VAT_NUMBER not in profile["extra"]:
        if not normalise_companies.vat_check_digit_fails(number):
            profile["extra"][VAT_NUMBER] = number
    elif owner := normalise_companies.tax_code_owner(value, profile.get("company_name") or ""):
        profile["extra"][OWNER] = owner


def latin_name_first(profile: dict) -> None:
    """An organisation named in another script than Latin letters (a register's legal name in Japanese, Greek or
    Cyrillic letters) that also gives a name of its own in Latin letters (GLEIF's legal name in English, its transliterated
    legal name) is compared by that name, its native one kept among its other names: a counterparty's record
    outside its country writes it in Latin letters, and names in two scripts cannot be compared letter by
    letter. A record written in Latin letters, or giving no Latin name, is left as it is."""
    name, others = profile.get("company_name") or "", profile["extra"].get(OTHER_NAMES) or []
    if not name or organisations.in_latin_letters(name):
        return
    latin = next((other for other in others if organisations.in_latin_letters(other)), "")
    if latin:
        profile["company_name"] = latin
        profile["extra"][OTHER_NAMES] = [name, *(other for other in others if other != latin)]


def other_names(value) -> list[str]:
    """The names one cell gives, a comma or a semicolon between them ("Widgets; Widgets Labs, Inc." gives
    "widgets" and "widgets labs"): a legal form after a comma is the name's before it."""
    names = []
    for part in re.split(r"[,;]", str(value)):
        if not part.strip() or (names and normalise_companies.company_name(f"x {part}") == "x"):
            continue
        if name := normalise_companies.company_name(part):
            names.append(name)
    return names


# The second line of a partner's name in an ERP ("Name 2"): the rest of a registered name longer than the first
# line's 35 characters, or what the record is for (a plant, a warehouse, "Accounts Payable", "c/o ...").
NAME_SECOND_LINE_FIELD = "name_2"


def _organisation_names(profile: dict, values: dict, attribute_map: dict, emails: list[str]) -> None:
    profile["first_name"] = profile["last_name"] = ""
    written = _first(
        values, attribute_map.get("company_name" if profile["company_name"] else "full_name", [])
    )
    written = name_continued(written, values.get(NAME_SECOND_LINE_FIELD))
    office = organisations.office_name(written, profile["city"])
    profile["company_name"] = normalise_companies.company_name(office or written)
    domain = organisations.own_domain(_first(values, attribute_map.get("domain", [])))
    if not domain:
        domain = next(
            (
                normalise_emails.registrable_domain(a.rpartition("@")[2])
                for a in emails
                if not normalise_emails.is_free_mail(a)
            ),
            "",
        )
    profile["email_domain"] = domain


def name_continued(first_line, second_line) -> str:
    """An organisation's name with its second line where that line ends the registered name: "Velmora
    Antriebstechnik Vertriebs" + "GmbH & Co. KG" is one name, its legal form on the second line; "Velmora GmbH"
    + "Lager Duisburg" is the company's warehouse, and "Velmora" + "Accounts Payable" its finance team, neither
    part of the name. The lines are one name when the legal form ends the second line and not the first."""
    first, second = str(first_line or "").strip(), str(second_line or "").strip()
    if not first or not second or organisations.legal_form(first):
        return first_line
    joined = f"{first} {second}"
    return joined if organisations.legal_form(joined) else first_line


# The field a caller ID is read under: a name only once its fillers are left out (`normalise_phones.caller_id_name`).
CALLER_ID_FIELD = "caller_id_name"


def full_name_value(values: dict, attribute_map: dict):
    """The one name a record gives: its first full-name field written, a caller ID only where it names
    someone (`normalise_phones.caller_id_name`: "WIRELESS CALLER" names nobody)."""
    for name in attribute_map.get("full_name", ()):
        value = _first(values, [name])
        if value is not None and name == CALLER_ID_FIELD:
            value = normalise_phones.caller_id_name(value) or None
        if value is not None:
            return value
    return None


# Kanji, kana and Hangul: names written in them put the family name first ("佐藤 太郎" is Taro Sato).
_FAMILY_FIRST_SCRIPT = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def family_name_first(profile: dict, values: dict, attribute_map: dict) -> None:
    """A whole name typed into the last-name field, its first-name field left blank (Salesforce demands a
    last name, and a rep in Japan types "佐藤　太郎" there): written in kanji, kana or Hangul, its two words are the
    family name and the given name, in that order."""
    if profile["first_name"] or not profile["last_name"]:
        return
    words = str(_first(values, attribute_map.get("last_name", [])) or "").split()
    if len(words) == 2 and all(_FAMILY_FIRST_SCRIPT.match(word) for word in words):
        profile["last_name"], profile["first_name"] = (
            normalise_names.name(words[0]),
            normalise_names.name(words[1]),
        )


# Letters only Vietnamese writes: the vowels with a tone mark below or a hook above (Latin Extended Additional's
# Vietnamese block, "ạ", "ả", "ễ", "ự") and the horned o and u ("ơ", "ư").
_VIETNAMESE_LETTERS = re.compile(r"[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0]")


def writes_vietnamese(values: dict, attribute_map: dict) -> bool:
    return any(
        isinstance(value, str) and _VIETNAMESE_LETTERS.search(value)
        for field in NAME_FIELDS
        if (value := _first(values, attribute_map.get(field, [])))
    )


def vietnamese_name_order(profile: dict, *, whole: bool = False) -> None:
    """A Vietnamese person's names as the given name (the last word said, by which the person is called) and the
    family name (the first), however the record split or ordered them (`normalise_names.vietnamese_name_parts`;
    `whole`: split from one name field); the middle names, which a CRM keeps or drops at will, left out. A name
    that ends in a generation ("Hung Hoang II", a Vietnamese-American father's son) is Western and stays as split:
    the mark tells the two apart (`locale_words.generation`)."""
    if any(locale_words.generation(profile[field]) for field in ("first_name", "last_name")):
        return
    if parts := normalise_names.vietnamese_name_parts(
        profile["first_name"], profile["last_name"], whole=whole
    ):
        profile["first_name"], profile["last_name"] = parts


def person_names(profile: dict, values: dict, attribute_map: dict, region: str) -> None:
    """A person's first and last names as a reader takes them from the record's name fields: a whole name
    split (a full-name field, or a whole name typed into the first-name field), a family name written first,
    Vietnamese order, and the last name without a patronymic link or an Arabic chain before the family name."""
    whole = not profile["first_name"] and not profile["last_name"]
    typed_whole = not whole and _whole_name_in_first_name(profile, values, attribute_map)
    if whole or typed_whole:
        full_name = (
            _first(values, attribute_map.get("first_name", []))
            if typed_whole
            else full_name_value(values, attribute_map)
        )
        profile["first_name"] = ""
        names_from_full_name(profile, full_name, companies_as_written(values, attribute_map))
        english_name_beside_hangul(profile, values, attribute_map)
        if region in normalise_names.ONE_SURNAME_WRITTEN_LAST:
            _surname_last(profile)
        whole = True
    family_name_first(profile, values, attribute_map)
    if region == "HU":
        hungarian_names(profile, values, attribute_map, whole=whole and not typed_whole)
    if region == "VN" or writes_vietnamese(values, attribute_map):
        vietnamese_name_order(profile, whole=whole)
    if profile["last_name"]:
        raw_last = _first(values, attribute_map.get("last_name", []))
        last = normalise_names.without_leading_link(profile["last_name"], raw_last)
        profile["last_name"] = normalise_names.family_name_of_chain(last)
    patronymic_apart(profile, values)


def patronymic_apart(profile: dict, values: dict) -> None:
    """A Russian or Ukrainian record's patronymic kept apart from the given name (`PATRONYMIC`): from its own
    column ("Отчество"), or written after the given name in the first-name field ("Ivan Petrovich"), which then
    keeps the given name alone. A father and his son share the family name and often the given name (Иван
    Петрович, Иван Иванович); the patronymic tells them apart."""
    first, written = normalise_names.given_and_patronymic(profile["first_name"])
    column = values.get(PATRONYMIC)
    if isinstance(column, str) and (named := normalise_names.name(column)):
        written = named
    profile["first_name"] = first
    if written:
        profile.setdefault("extra", {})[PATRONYMIC] = written


def written_patronymic(display: dict) -> str:
    """The patronymic a CRM record's names as displayed carry (`display_values`): after the given name in the
    first-name field, or in a whole name of three words (`normalise_names.patronymic_split`); "" when none."""
    if first := display.get("first_name"):
        return normalise_names.given_and_patronymic(normalise_names.name(first))[1]
    if full := display.get("full_name"):
        split = normalise_names.patronymic_split(normalise_names.name(full).split())
        return split[1] if split else ""
    return ""


def _surname_last(profile: dict) -> None:
    """A whole name's last word as its surname, the words before it as the given names, where a family has one
    surname written last (`normalise_names.ONE_SURNAME_WRITTEN_LAST`): "Mehmet Ali Öztürk" is Mehmet Ali, not
    Mehmet of the Ali Öztürk family; a married woman's maiden name before it ("Ayşe Güler Kaya") is read
    with her given names."""
    words = f"{profile['first_name']} {profile['last_name']}".split()
    if len(words) >= 3:
        profile["first_name"], profile["last_name"] = " ".join(words[:-1]), words[-1]


def hungarian_names(profile: dict, values: dict, attribute_map: dict, *, whole: bool) -> None:
    """A Hungarian record's names as a Hungarian reads them (`normalise_names.hungarian_name_parts`): a whole
    name family name first, "ifj."/"id." the generation; a surname with a husband's -né before it his and hers."""
    if whole:
        if parts := normalise_names.hungarian_name_parts(full_name_value(values, attribute_map)):
            profile["first_name"], profile["last_name"] = parts
        return
    for field in (
        "first_name",
        "last_name",
    ):  # a surname typed into the first-name field too (the order kept)
        raw = _first(values, attribute_map.get(field, []))
        if profile[field] and normalise_names.married_surname(raw):
            profile[field] = normalise_names.hungarian_surname(raw)


def _whole_name_in_first_name(profile: dict, values: dict, attribute_map: dict) -> bool:
    """Whether a record's whole name is typed into its first-name field, its last name left empty and no
    full-name field beside them: a contact a chat inbox or a form made from one name ("Md Rizal bin Fadzil",
    "Tan Wei Ming" as a WhatsApp profile gives it). Two words at least; read as a full name then."""
    return (
        not profile["last_name"]
        and len(profile["first_name"].split()) >= 2
        and full_name_value(values, attribute_map) is None
    )


def names_from_full_name(profile: dict, full_name, company: str = "") -> None:
    """A person's first and last names from the one name a record gives; or, where that name is a company's
    (`names_a_company`), its company's name, when the record has none of its own. `company`: the record's
    company names as written (`companies_as_written`)."""
    if names_a_company(full_name, profile["company_name"]):
        profile["company_name"] = profile["company_name"] or normalise_companies.company_name(full_name)
    else:
        _split_full_name(profile, full_name, company)


def companies_as_written(values: dict, attribute_map: dict) -> str:
    """Every company name a record writes, as written, joined: what a name field may repeat beside a name."""
    return " ".join(
        str(value) for field in attribute_map.get("company_name", []) if (value := values.get(field))
    )


def names_a_company(full_name, company_name: str) -> bool:
    """Whether a person's one name field holds a company's name: one with a legal form ("Acme Dental LLC"), or
    the record's own company written again ("Acme Dental", or its desk "Acme Dental Billing", beside company
    Acme Dental), unless that starts with
    a given name (a sole trader's firm is often named after its owner: "John Smith" is his own name too). A
    billing system's or a shop's customer is often the business that bought, named as such."""
    if type(full_name) is not str or not full_name:
        return False
    if normalise_companies.written_as_company(full_name):
        return True
    return (
        bool(company_name)
        and company_name in normalise_companies.company_name_readings(full_name)
        and not normalise_names.is_known_given_name(company_name.split()[0])
    )


# "Emma from Adatum": how chat widgets and support desks name a person they know only by a first name and an
# employer. The words after "from" are the company, no surname.
_FROM_COMPANY = "from"


# What a name field holds beside a Chinese name in Han characters (`_split_han_name`): words apart, joined by
# spaces, hyphens, dots or brackets ("张伟-恒达", "Kevin 张伟", "张伟(Kevin)").
_NAME_PART_SEPARATORS = re.compile(
    r"[\s\-\u2010-\u2015_/|\u00b7\u30fb.,\u3001\uff0c()\uff08\uff09\[\]\u3010\u3011]+"
)


def _split_han_name(profile: dict, full_name, company: str) -> bool:
    """A Chinese name written in Han characters split into the family name and the given name
    (`normalise_names.han_name_parts`), beside at most what a rep writes with it: the company's name
    ("张伟-恒达", the record's company written again) or the Western given name the person goes by in business
    ("Kevin 张伟", "张伟(Kevin)": kept as a preferred name). Anything else beside it, or a record written in
    Japan, is not read so. Whether it was."""
    if profile.get("country") == "JP" or type(full_name) is not str:
        return False
    words = [word for word in _NAME_PART_SEPARATORS.split(full_name) if word]
    of_company = [word for word in words if _company_beside_name(word, company)]
    western = [word for word in words if word.isascii() and word.isalpha()]
    named = [word for word in words if word not in of_company and word not in western]
    if len(named) != 1 or len(western) > 1 or not (parts := normalise_names.han_name_parts(named[0])):
        return False
    family, given = parts
    profile["last_name"], profile["first_name"] = normalise_names.name(family), normalise_names.name(given)
    if western:
        profile.setdefault("extra", {})[PREFERRED_NAMES] = [normalise_names.name(western[0])]
    return True


def _company_beside_name(word: str, company: str) -> bool:
    """Whether a word beside a Chinese name is the record's company written again, or Han characters too many
    to be anyone's name (`normalise_names.han_name_parts`: "新华精密制造", a company or a note the rep added)."""
    if word.isascii():
        return False
    if company and (word in company or _romanised_in(word, company)):
        return True
    return len(word) >= 4 and normalise_names.all_han(word) and normalise_names.han_name_parts(word) is None


def _romanised_in(word: str, company: str) -> bool:
    """Whether Han characters read in Pinyin are a word of the company's English name ("新华" in "Guangzhou
    Xinhua Import & Export Co., Ltd."): a company's short name, six letters or more so that a syllable or two
    of a given name ("li", "ming") is not found in any name."""
    romanised = normalise_text.romanised(word).lower()
    return len(romanised) >= 6 and romanised in company.lower().split()


def _split_hangul_name(profile: dict, full_name) -> bool:
    """A Korean name written in Hangul split into the family name, as its bearers commonly spell it, and the
    given name (`normalise_names.hangul_name_parts`). Whether it was."""
    if type(full_name) is not str or not (parts := normalise_names.hangul_name_parts(full_name.strip())):
        return False
    family, given = parts
    profile["last_name"] = normalise_names.korean_family_name(family)
    profile["first_name"] = normalise_names.name(given)
    profile.setdefault("extra", {})[HANGUL_NAME] = [family, given]
    return True


def _split_full_name(profile: dict, full_name, company: str = "") -> None:
    if _split_han_name(profile, full_name, company) or _split_hangul_name(profile, full_name):
        return
    words = normalise_names.name(normalise_names.display_name(full_name)).split()
    if len(words) >= 3 and words[1] == _FROM_COMPANY:
        profile["first_name"] = words[0]
        return
    initials = next((n for n, word in enumerate(words) if len(word) > 1), len(words))
    if split := normalise_names.patronymic_split(words):
        # "Иванов Иван Петрович" (a register's order, family name first) or "Ivan Petrovich Ivanov"
        profile["first_name"], patronymic, profile["last_name"] = split
        profile.setdefault("extra", {})[PATRONYMIC] = patronymic
    elif link := normalise_names.patronymic_link_at(words, full_name):
        # "Ahmad Faizal bin Ismail", "Muthu a/l Rajan": the given name before the link, the father's after it
        profile["first_name"], profile["last_name"] = " ".join(words[: link[0]]), " ".join(words[link[1] :])
    elif initials >= 2 and len(words) > initials:
        # "J.W. de Vries", "A. M. Smit": the leading initials are the given names, not part of the surname
        profile["first_name"], profile["last_name"] = " ".join(words[:initials]), " ".join(words[initials:])
    elif len(words) >= 3 and words[0] in normalise_names.COMPOUND_GIVEN_FIRST:
        # "Abdul Rahman Al Hashimi": a given name "servant of" or "father of" someone is its two words
        profile["first_name"], profile["last_name"] = " ".join(words[:2]), " ".join(words[2:])
    elif surnames := _two_surnames(words, profile.get("country")):
        profile["first_name"], profile["last_name"] = " ".join(words[:-surnames]), " ".join(words[-surnames:])
    elif len(words) >= 2:
        profile["first_name"], profile["last_name"] = words[0], " ".join(words[1:])
    elif words:
        profile["last_name"] = words[0]


# Words that make part of a Spanish surname or given name ("María del Carmen", "de la Fuente"), and the
# conjunction some write between two surnames ("Ortega y Gasset").
_SPANISH_NAME_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y"})


def _two_surnames(words: list[str], country) -> int:
    """How many of a whole name's last words are its surnames, where people carry two (a father's and a
    mother's: `normalise_names.FIRST_SURNAME_KEPT`, Mexico, Colombia, Spain): two of four words or more
    ("Ana María Castillo Sánchez", "María del Carmen Mendoza Sánchez"), and a generation after them with them
    ("... Herrera hijo"); 0 where the split is not so plain (three words: "José Luis Zúñiga" or "José Zúñiga
    Zapata"; a particle before the surnames) or elsewhere."""
    if country not in normalise_names.FIRST_SURNAME_KEPT:
        return 0
    tail = 1 if locale_words.generation(" ".join(words)) else 0
    core = words[: len(words) - tail]
    if len(core) < 4 or any(word in _SPANISH_NAME_PARTICLES for word in core[-3:]):
        return 0
    return 2 + tail


def display_values(values: dict, attribute_map: dict[str, list[str]] | None = None) -> dict:
    """Raw values of the identifying fields, as a reviewer should see them."""
    attribute_map = attribute_map or DEFAULT_ATTRIBUTE_MAP
    shown = {}
    for attribute in DISPLAY_ATTRIBUTES:
        value = _first(values, attribute_map.get(attribute, []))
        if value not in (None, ""):
            shown[attribute] = str(value)[:200]
    return shown


def displays_name_alike(displays: list[dict]) -> bool:
    """Whether CRM records, as reviewers see them (`display_values`), could be one person or company written
    twice: no two of them carry clearly different names. A record without a name could be anyone's
    duplicate; a nickname, an initial or an accent does not make a name different."""
    names = [_display_name(display or {}) for display in displays]
    known = [name for name in names if name]
    return all(_names_alike(known[0], other) for other in known[1:])


def _display_name(display: dict) -> tuple[str, ...]:
    if display.get("first_name") or display.get("last_name"):
        return (
            normalise_names.name(display.get("first_name", "")),
            normalise_names.name(display.get("last_name", "")),
        )
    if display.get("full_name"):
        return tuple(normalise_names.name(display["full_name"]).split())
    return (normalise_companies.company_name(display["company_name"]),) if display.get("company_name") else ()


def _names_alike(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    if len(left) != len(right):
        return sorted(left) == sorted(right) or " ".join(left) == " ".join(right)
    return all(_words_alike(a, b) for a, b in zip(left, right, strict=True)) or sorted(left) == sorted(right)


def _words_alike(left: str, right: str) -> bool:
    if not left or not right or left == right:
        return True
    if len(left) == 1 or len(right) == 1:
        return left[0] == right[0]
    # one slip in a name of four letters or more could be a typo of the same name (Jane / Janet)
    typo = min(len(left), len(right)) >= 4 and Levenshtein.distance(left, right) <= 1
    return typo or normalise_names.names_equivalent(left, right)
