"""A fortieth record set: a Dubai brokerage's Salesforce Contacts linked from a property portal's leads.

    python benchmarks/identity_fortieth.py [--people 2500] [--per-category 40] [--seed 401] [--skip-splink]
                                           [--keep DIR]

A residential brokerage in Dubai keeps its buyers, tenants, landlords and the co-brokers it deals with as
Salesforce Contacts; its agents create one for each client they talk to. Its listings are on Property Finder,
whose leads (an enquiry by call, WhatsApp, email or SMS about a listing) it pulls each day and wants to link to
the contacts it has.

The CRM side is a Salesforce Data Loader export of `Contact` under the API field names, in capitals as Data Loader
writes its header: `ID` (18 characters), `SALUTATION`, `FIRSTNAME`, `LASTNAME`, `EMAIL`, `PHONE`, `MOBILEPHONE`,
`MAILINGSTREET` ("Villa 14, Street 23, Al Barsha 2", "Apartment 1203, Marina Heights"), `MAILINGCITY`,
`MAILINGCOUNTRY`, `ACCOUNTID` (a co-broker's agency), `LEADSOURCE`, `OWNERID`, `CREATEDDATE` (ISO, "Z"), and
custom fields `NATIONALITY__C`, `EMIRATES_ID__C` (784-YYYY-NNNNNNN-C, on a few: the ones who signed a tenancy or a
sale), `WHATSAPP_NUMBER__C` and `CONTACT_TYPE__C` (Buyer, Tenant, Landlord, Investor, Broker). Agents type a UAE
mobile every way people write one: "+971 50 123 4567", "00971501234567", "050 123 4567", "0501234567",
"501234567", "971501234567".

The inbound side is Property Finder's lead as its Enterprise API gives it (`lead.created` webhook and the leads
endpoint: `id`, `channel` whatsapp / email / call / sms, `status`, `entityType` listing, `listing.id`,
`listing.reference`, `publicProfile.id` the agent's profile, `sender.name` one full name, `sender.contacts` a list
of `{type: phone | email | whatsapp, value}`, `message`, `responseLink`), written as a data engineer flattens it:
`sender.contacts` pivoted by type into `sender.phone`, `sender.email`, `sender.whatsapp`, plus `createdAt`. The
field names are those of integrations published for the API (a Supabase function's `PFWebhookPayload`); no real
export was at hand, so the flattening is an assumption. Bayut publishes no API (its leads are an Excel download
from Profolio), so it is not used. The sender's name is what the person typed on the portal: "Muhammad
Almansoori" for the CRM's "Mohammed Al Mansoori", the whole chain "Ahmed bin Khalid bin Saeed Al Mazrouei" for
the CRM's "Ahmed Al Mazrouei", or the CRM's chain against their "Ahmed Al Mazrouei".

Categories, each with its truth (the Salesforce ID, either of two for a person held twice, or none). IN:
- `own_mobile`: the contact's own mobile (another way of writing it), the name as the contact has it or in
  capitals; now and then the own email. The bulk of a real day's leads.
- `romanised_name`: the first name and/or the family name romanised another way (Mohammed / Muhammad / Mohamed /
  Mohd; Abdul Rahman / Abdulrahman / Abdel-Rahman; Al Mansoori / Al-Mansoori / Almansoori / El Mansouri), with
  the own mobile or own email.
- `patronymic_name`: the chain (bin / binti / bint, or the father's and grandfather's names without it) on one
  side, first name and family name only on the other; the own mobile.
- `whatsapp_lead`: a WhatsApp enquiry: the number the contact holds as its mobile or its WhatsApp number, no
  email.
- `email_lead`: an email enquiry: the own email (personal or company), no phone.
- `namesake_own_mobile`: one of several contacts of one full name ("Mohammed Al Mansoori"); the lead with his own
  mobile.
- `expat_buyer`: Indian, Pakistani, Filipino, Russian and British buyers and tenants (Russian names transliterated
  otherwise now and then: Dmitry / Dmitri, Natalia / Natalya); a UAE or home-country mobile, or the email.
- `crm_duplicate`: the person held twice (an agent's contact with the Emirates ID and email, a portal import with
  the name and mobile); the lead with the mobile.
- `agent_phone_buyer_held`: a co-broker typed his own phone on his client's enquiry; the client's own email is on
  the client's contact.
OUT:
- `namesake_not_held`: a lead named as two or more held contacts, on a mobile and email nobody holds.
- `relative_family_number`: a relative (wife, son, brother, daughter) not held, on the family's number that a
  relative's contact holds, the family name the same, the first name another.
- `sibling_near_name`: a brother or sister not held whose name is a vowel or a syllable from the holder's
  (Hassan / Hussain, Ali / Alia, Hamad / Hamdan, Majid / Hamid), on the family's number the holder's contact holds.
- `agent_phone_on_lead`: a co-broker's phone on his client's enquiry, the client not held; the co-broker's contact
  holds the phone (and the same phone is on several leads).
- `colleague_mailbox`: a company's shared mailbox (info@, procurement@) held on one employee's contact; the lead
  of a colleague.
- `not_in_crm`: new enquirers.

Fairness: a mobile is one person's except a family's number and a co-broker's (which sit beside another person's
name); a held contact's full name is shared only with held namesakes; no one outside the CRM shares the full name
of a contact unless they are a namesake of two or more. Written from scratch (only `identity_quality`'s and
`generated_phones`' interfaces). Every seed deterministic.
"""

import random
import string
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    person_model_em_on_email,
    run_generated,
)

CRM_ID = "ID"
CRM_COLUMNS = [
    CRM_ID, "SALUTATION", "FIRSTNAME", "LASTNAME", "EMAIL", "PHONE", "MOBILEPHONE", "WHATSAPP_NUMBER__C",
    "MAILINGSTREET", "MAILINGCITY", "MAILINGCOUNTRY", "NATIONALITY__C", "EMIRATES_ID__C", "CONTACT_TYPE__C",
    "ACCOUNTID", "LEADSOURCE", "OWNERID", "CREATEDDATE",
]  # fmt: skip
INBOUND_ID = "id"
INBOUND_COLUMNS = [
    INBOUND_ID, "createdAt", "status", "channel", "entityType", "listing.id", "listing.reference",
    "publicProfile.id", "sender.name", "sender.phone", "sender.email", "sender.whatsapp", "message",
    "responseLink",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

# One Arabic given name -> the ways it is romanised (the first the most common). Distinct names stay apart
# even where their romanisations come close (Hassan / Hussain, Saeed / Sayed).
ARABIC_MALE = [
    ["Mohammed", "Muhammad", "Mohamed", "Mohammad", "Mohd", "Mohamad"],
    ["Ahmed", "Ahmad"], ["Khalid", "Khaled"], ["Saeed", "Said"], ["Abdul Rahman", "Abdulrahman", "Abdel-Rahman",
    "Abdelrahman"], ["Abdullah", "Abdulla"], ["Omar", "Umar"], ["Ali"], ["Hamad"], ["Rashid", "Rashed"],
    ["Sultan"], ["Saif", "Saif"], ["Majid", "Majed"], ["Yousef", "Yousuf", "Youssef", "Yusuf"], ["Hassan",
    "Hasan"], ["Hussain", "Hussein", "Husain"], ["Ibrahim", "Ebrahim"], ["Faisal", "Faysal"], ["Tariq", "Tareq",
    "Tarek"], ["Abdulaziz", "Abdul Aziz", "Abdelaziz"], ["Hamdan"], ["Mansour", "Mansoor"], ["Obaid", "Obaid"],
    ["Jassim", "Jasim", "Jasem"], ["Nasser", "Nasir"], ["Waleed", "Walid"], ["Hamid", "Hamed"],
]  # fmt: skip
ARABIC_FEMALE = [
    ["Fatima", "Fatma", "Fatimah"], ["Aisha", "Ayesha", "Aysha"], ["Maryam", "Mariam"], ["Noura", "Noora",
    "Nora"], ["Shamma"], ["Hessa", "Hissa"], ["Latifa", "Latifah"], ["Mouza", "Moza"], ["Amna"], ["Khadija",
    "Khadeeja"], ["Salama"], ["Reem"], ["Sara", "Sarah"], ["Hind"], ["Alia", "Aliya"], ["Meera", "Mira"],
]  # fmt: skip
# Family names: the article written Al / Al- / joined / El, the vowels the way one family or clerk wrote them.
ARABIC_FAMILIES = [
    ["Mansoori", "Mansouri"], ["Mazrouei", "Mazroui"], ["Shamsi"], ["Suwaidi", "Suwaidy"], ["Nuaimi", "Noaimi"],
    ["Ketbi", "Kutbi"], ["Dhaheri", "Daheri"], ["Hammadi"], ["Falasi", "Falasy"], ["Marri"], ["Muhairi",
    "Muhairy"], ["Hashimi", "Hashemi"], ["Qasimi", "Qassimi"], ["Blooshi", "Bloushi", "Balushi"], ["Kaabi"],
    ["Zaabi"], ["Rumaithi"], ["Ameri", "Amiri"], ["Khoori", "Khouri"], ["Mheiri"], ["Tunaiji"],
]  # fmt: skip
EXPATS = {
    "Indian": (["Rahul", "Anil", "Vikram", "Arjun", "Suresh", "Rajesh", "Sanjay", "Karthik", "Naveen", "Manoj",
                "Prakash", "Harish", "Ajay", "Rohit", "Sandeep", "Vivek", "Girish", "Ashok"],
               ["Priya", "Sunita", "Deepa", "Neha", "Kavita", "Anjali", "Lakshmi", "Divya", "Meena", "Pooja",
                "Shruti", "Radhika", "Swati", "Rekha"],
               ["Sharma", "Patel", "Nair", "Menon", "Iyer", "Reddy", "Gupta", "Pillai", "Mehta", "D'Souza",
                "Kulkarni", "Joshi", "Rao", "Varghese", "Thomas", "Kurian", "Bhat", "Shetty", "Agarwal", "Chopra"]),
    "Pakistani": (["Imran", "Bilal", "Usman", "Kamran", "Asif", "Zeeshan", "Adnan", "Danish", "Waqas", "Shahid"],
                  ["Sana", "Zainab", "Hira", "Rabia", "Mahnoor", "Sadia"],
                  ["Khan", "Qureshi", "Malik", "Butt", "Chaudhry", "Siddiqui", "Sheikh", "Abbasi", "Raza", "Mirza",
                   "Hashmi", "Javed"]),
    "Filipino": (["Jose", "Ramon", "Angelo", "Jericho", "Rodel", "Arnel", "Carlo", "Jomar"], ["Maria", "Cristina",
                 "Rowena", "Jennifer", "Marites", "Lovely", "Janine", "Girlie"], ["Santos", "Reyes", "Bautista",
                 "Mendoza", "Dela Cruz", "Villanueva", "Aquino", "Ramos", "Castillo", "Navarro", "Salazar", "Pascual"]),
    "Russian": (["Dmitry", "Sergey", "Alexey", "Ivan", "Nikolai", "Andrey", "Maxim", "Pavel", "Artem"],
                ["Olga", "Natalia", "Ekaterina", "Anna", "Yulia", "Svetlana", "Irina", "Tatiana"],
                ["Ivanov", "Petrov", "Smirnov", "Volkov", "Kuznetsov", "Sokolov", "Popov", "Morozov", "Lebedev",
                 "Novikov", "Fedorov", "Orlov"]),
    "British": (["James", "Oliver", "Thomas", "William", "Daniel", "George", "Harry", "Edward", "Matthew"],
                ["Charlotte", "Emma", "Sophie", "Harriet", "Lucy", "Amelia", "Hannah", "Georgina"],
                ["Smith", "Taylor", "Walker", "Wright", "Thompson", "Hughes", "Clarke", "Edwards", "Harrison",
                 "Cooper", "Bennett", "Fletcher", "Marshall", "Holmes"]),
}  # fmt: skip
# Names a vowel or a syllable apart that are two names (brothers Hassan and Hussain, a brother Ali and a sister
# Alia): (female, index into the other list) of the name's near other.
_MALE_INDEX = {names[0]: index for index, names in enumerate(ARABIC_MALE)}
_FEMALE_INDEX = {names[0]: index for index, names in enumerate(ARABIC_FEMALE)}
NEAR_NAMES = {
    "Hassan": (False, _MALE_INDEX["Hussain"]), "Hussain": (False, _MALE_INDEX["Hassan"]),
    "Ali": (True, _FEMALE_INDEX["Alia"]), "Alia": (False, _MALE_INDEX["Ali"]),
    "Hamad": (False, _MALE_INDEX["Hamdan"]), "Hamdan": (False, _MALE_INDEX["Hamad"]),
    "Saeed": (False, _MALE_INDEX["Saif"]), "Saif": (False, _MALE_INDEX["Saeed"]),
    "Majid": (False, _MALE_INDEX["Hamid"]), "Nasser": (False, _MALE_INDEX["Mansour"]),
    "Sara": (True, _FEMALE_INDEX["Salama"]), "Reem": (True, _FEMALE_INDEX["Meera"]),
}  # fmt: skip
RUSSIAN_SPELLINGS = {"Dmitry": "Dmitri", "Sergey": "Sergei", "Alexey": "Alexei", "Andrey": "Andrei",
                     "Natalia": "Natalya", "Yulia": "Julia", "Nikolai": "Nikolay"}  # fmt: skip
EXPAT_REGION = {"Indian": "IN", "Pakistani": "PK", "Filipino": "PH", "Russian": "RU", "British": "GB"}

# -- places and companies -------------------------------------------------------------------------------------

VILLA_AREAS = ["Al Barsha 2", "Al Barsha 3", "Mirdif", "Al Warqa'a 1", "Umm Suqeim 2", "Jumeirah 3",
               "Al Khawaneej 1", "Nad Al Sheba 3", "Al Mizhar 1", "Al Twar 2"]  # fmt: skip
TOWERS = [("Marina Heights", "Dubai Marina"), ("Burj Vista 1", "Downtown Dubai"), ("Executive Tower B",
          "Business Bay"), ("Lake Terrace", "JLT"), ("Al Sahab 2", "Dubai Marina"), ("Park Towers",
          "DIFC"), ("The Residences 4", "Downtown Dubai"), ("Shams 1", "JBR")]  # fmt: skip
PERSONAL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "hotmail.com", "yahoo.com",
                    "outlook.com", "icloud.com", "live.com"]  # fmt: skip
COMPANIES = ["gulfstarlogistics.ae", "alnoorholding.com", "sandcrestcapital.ae", "meridianfm.ae",
             "dunebridge.com", "palmgateinvest.ae", "oasistechme.com", "falconridgegroup.ae"]  # fmt: skip
AGENCIES = ["Harbourline Realty", "Desert Key Properties", "Crescent Homes Brokers", "Blue Dune Real Estate"]
SOURCES = ["Property Finder", "Property Finder", "Bayut", "Dubizzle", "Walk-in", "Referral", "Website"]
MESSAGES = ["Hi, I am interested in this property. Please call me.", "Is this still available?",
            "Please share more details and viewing times.", "What is the final price?",
            "Interested. Please send floor plan.", ""]  # fmt: skip


def salesforce_id(prefix: str, rng: random.Random, taken: set) -> str:
    """An 18-character Salesforce id: the object's key prefix, twelve drawn characters and the case suffix."""
    alphabet = string.ascii_letters + string.digits
    while True:
        id15 = prefix + "0" + "".join(rng.choice(alphabet) for _ in range(11))
        suffix = ""
        for start in (0, 5, 10):
            bits = sum(1 << bit for bit, ch in enumerate(id15[start : start + 5]) if ch.isupper())
            suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
        if id15 not in taken:
            taken.add(id15)
            return id15 + suffix


def emirates_id(born: int, rng: random.Random) -> str:
    """784-YYYY-NNNNNNN-C: the UAE's code, the birth year, seven digits and a Luhn check digit."""
    digits = f"784{born}{rng.randrange(10**7):07d}"
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"784-{born}-{digits[7:]}-{(10 - total % 10) % 10}"


@dataclass
class Household:
    family: int  # index into ARABIC_FAMILIES, -1 for expats
    address: str
    number: str = ""  # the family's mobile (the father's), which relatives give too
    members: list = field(default_factory=list)


@dataclass
class Person:
    given: tuple  # (kind, index): ("ar-m", 3), ("ar-f", 1), ("Indian", "Rahul")
    first: str  # as the person usually writes it
    last: str  # family name as the CRM holds it ("Al Mansoori", "Sharma")
    female: bool
    born: int
    nationality: str
    household: Household | None = None
    father: str = ""  # the father's and grandfather's given names (Emiratis)
    grandfather: str = ""
    mobile: str = ""  # E.164
    whatsapp: str = ""  # a second number used for WhatsApp, when not the mobile
    email: str = ""
    company: str = ""
    work_email: str = ""
    contacts: list = field(default_factory=list)  # Salesforce rows
    broker: bool = False


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.people: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.emails: set[str] = set()
        self.ids: set[str] = set()
        self.used: set[int] = set()
        self.brokers: list[Person] = []
        self.owners = [salesforce_id("005", self.rng, self.ids) for _ in range(9)]
        self.agencies = [salesforce_id("001", self.rng, self.ids) for _ in AGENCIES]
        self.lead_ids: set[str] = set()
        self.now = datetime(2026, 12, 1, 9, 0)

    # -- draws ------------------------------------------------------------------------------------------------

    def number(self, region: str = "AE") -> str:
        return fresh_number(self.rng, region, PhoneNumberType.MOBILE, self.numbers, random_digits=7)

    def typed(self, e164: str) -> str:
        """A number as an agent types it into Salesforce."""
        parsed = phonenumbers.parse(e164)
        national = str(parsed.national_number)
        if parsed.country_code != 971:
            return self.rng.choice(
                [e164, phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL), f"00{e164[1:]}"]
            )
        return self.rng.choice(
            [f"+971 {national[:2]} {national[2:5]} {national[5:]}", e164, f"00971{national}", f"0{national}",
             f"0{national[:2]} {national[2:5]} {national[5:]}", national, f"971{national}",
             f"0{national[:2]}-{national[2:]}"]
        )  # fmt: skip

    def portal_number(self, e164: str) -> str:
        """A number as the portal hands it on: mostly E.164, now and then as the sender typed it."""
        if self.rng.random() < 0.7:
            return e164
        return self.typed(e164)

    def mailbox(self, first: str, last: str, domain: str = "") -> str:
        f = "".join(ch for ch in first.lower() if ch.isalpha())
        l = "".join(ch for ch in last.lower() if ch.isalpha())  # noqa: E741
        for attempt in range(80):
            local = self.rng.choice(["{f}.{l}", "{f}{l}", "{fi}{l}", "{f}_{l}", "{f}{n}", "{l}.{f}"]).format(
                f=f, l=l, fi=f[0], n=self.rng.randint(1, 999)
            )
            if attempt or self.rng.random() < 0.4:
                local += str(self.rng.randint(1, 99))
            address = f"{local}@{domain or self.rng.choice(PERSONAL_DOMAINS)}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no mailbox left")

    def address(self, villa: bool) -> str:
        if villa:
            return f"Villa {self.rng.randint(1, 90)}, Street {self.rng.randint(1, 40)}, {self.rng.choice(VILLA_AREAS)}"
        tower, area = self.rng.choice(TOWERS)
        return f"Apartment {self.rng.randint(1, 60)}{self.rng.randint(1, 12):02d}, {tower}, {area}"

    # -- people ---------------------------------------------------------------------------------------------

    @staticmethod
    def spelling(given: tuple, index: int = 0) -> str:
        kind, key = given
        if kind in ("ar-m", "ar-f"):
            names = (ARABIC_MALE if kind == "ar-m" else ARABIC_FEMALE)[key]
            return names[index % len(names)]
        return key

    def other_spelling(self, given: tuple, first: str) -> str:
        kind, key = given
        if kind in ("ar-m", "ar-f"):
            names = (ARABIC_MALE if kind == "ar-m" else ARABIC_FEMALE)[key]
            others = [n for n in names if n != first]
            return self.rng.choice(others) if others else first
        return RUSSIAN_SPELLINGS.get(key, key)

    def family_written(self, family: int, index: int | None = None) -> str:
        """An Emirati family name as one person or clerk writes it."""
        variants = ARABIC_FAMILIES[family]
        stem = variants[index % len(variants)] if index is not None else self.rng.choice(variants)
        article = self.rng.choice(["Al ", "Al ", "Al ", "Al-", "Al", "El ", "El-"])
        return article + (stem.lower() if article.endswith(("Al", "El")) else stem)

    def arabic_given(self, female: bool) -> tuple:
        names = ARABIC_FEMALE if female else ARABIC_MALE
        # Mohammed and Ahmed are far more common than the rest: namesakes follow.
        weights = [8 if i == 0 else 4 if i == 1 else 1 for i in range(len(names))]
        return ("ar-f" if female else "ar-m", self.rng.choices(range(len(names)), weights)[0])

    def emirati(self, household: Household, female: bool, born: int, father: str = "") -> Person:
        given = self.arabic_given(female)
        first = self.spelling(given, 0 if self.rng.random() < 0.6 else self.rng.randrange(6))
        grandfather = self.spelling(self.arabic_given(False), 0)
        person = Person(given, first, "Al " + ARABIC_FAMILIES[household.family][0], female, born, "Emirati",
                        household, father=father or self.spelling(self.arabic_given(False), 0),
                        grandfather=grandfather)  # fmt: skip
        if self.rng.random() < 0.25:  # the family's own way of writing its name
            person.last = self.family_written(household.family, 0)
        person.mobile = self.number()
        if self.rng.random() < 0.15:
            person.whatsapp = self.number()
        roll = self.rng.random()
        if roll < 0.75:
            person.email = self.mailbox(first, ARABIC_FAMILIES[household.family][0])
        if self.rng.random() < 0.25:
            person.company = self.rng.choice(COMPANIES)
            person.work_email = self.mailbox(first, ARABIC_FAMILIES[household.family][0], person.company)
        household.members.append(person)
        self.people.append(person)
        return person

    def expat(self, nationality: str) -> Person:
        male, female_names, surnames = EXPATS[nationality]
        female = self.rng.random() < 0.4
        first = self.rng.choice(female_names if female else male)
        last = self.rng.choice(surnames)
        if nationality == "Russian" and female:
            last += "a"
        person = Person((nationality, first), first, last, female, self.rng.randint(1960, 2000), nationality,
                        Household(-1, self.address(self.rng.random() < 0.3)))  # fmt: skip
        home = EXPAT_REGION[nationality]
        person.mobile = self.number(home if home in ("GB", "RU") and self.rng.random() < 0.3 else "AE")
        if self.rng.random() < 0.85:
            person.email = self.mailbox(first, last)
        if self.rng.random() < 0.3:
            person.company = self.rng.choice(COMPANIES)
            person.work_email = self.mailbox(first, last, person.company)
        self.people.append(person)
        return person

    def family(self) -> None:
        household = Household(self.rng.randrange(len(ARABIC_FAMILIES)), self.address(self.rng.random() < 0.8))
        age = self.rng.randint(35, 70)
        head = self.emirati(household, False, 2026 - age)
        household.number = head.mobile
        if self.rng.random() < 0.7:
            self.emirati(household, True, 2026 - age + self.rng.randint(0, 8))
        for _ in range(self.rng.choice([0, 1, 1, 2, 3])):
            if age < 42:
                break
            self.emirati(household, self.rng.random() < 0.5, 2026 - age + self.rng.randint(20, 30),
                         father=head.first)  # fmt: skip
        if self.rng.random() < 0.3:  # a brother of the head, with their father's name
            self.emirati(household, False, 2026 - age + self.rng.randint(-6, 6), father=head.father)

    # -- Salesforce -------------------------------------------------------------------------------------------

    def hold(self, person: Person, *, chain: bool | None = None, import_row: bool = False) -> dict:
        """Write `person`'s Contact: an agent's (most of the fields) or a portal import's (name and mobile)."""
        created = self.now - timedelta(days=self.rng.randint(20, 2_500), seconds=self.rng.randint(0, 86_000))
        last = person.last
        if chain is None:
            chain = person.father and self.rng.random() < 0.12
        if chain:  # the agent copied the passport's name
            link = self.rng.choice(["bin " if not person.female else "bint ", ""])
            last = f"{link}{person.father} {last}"
        mobile = self.typed(person.mobile) if person.mobile else ""
        row = {
            CRM_ID: salesforce_id("003", self.rng, self.ids),
            "SALUTATION": "" if import_row else self.rng.choice(["Mr." if not person.female else "Ms.", ""]),
            "FIRSTNAME": person.first,
            "LASTNAME": last,
            "EMAIL": "" if import_row else (person.email or person.work_email),
            "PHONE": "",
            "MOBILEPHONE": mobile,
            "WHATSAPP_NUMBER__C": self.typed(person.whatsapp) if person.whatsapp and not import_row else "",
            "MAILINGSTREET": "" if import_row or not person.household or self.rng.random() < 0.4 else person.household.address,
            "MAILINGCITY": "" if import_row else "Dubai",
            "MAILINGCOUNTRY": "" if import_row else self.rng.choice(["United Arab Emirates", "UAE", "AE", ""]),
            "NATIONALITY__C": "" if import_row else person.nationality,
            "EMIRATES_ID__C": "",
            "CONTACT_TYPE__C": "Broker" if person.broker else self.rng.choice(["Buyer", "Buyer", "Tenant", "Landlord", "Investor"]),
            "ACCOUNTID": self.rng.choice(self.agencies) if person.broker else "",
            "LEADSOURCE": "Property Finder" if import_row else self.rng.choice(SOURCES),
            "OWNERID": self.rng.choice(self.owners),
            "CREATEDDATE": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }  # fmt: skip
        if person.work_email and row["EMAIL"] == person.email and self.rng.random() < 0.3:
            row["EMAIL"] = person.work_email
        if not import_row and person.nationality == "Emirati" and self.rng.random() < 0.3:
            row["EMIRATES_ID__C"] = emirates_id(person.born, self.rng)
        person.contacts.append(row)
        self.crm_rows.append(row)
        return row

    def build_crm(self) -> None:
        while len(self.people) < self.target * 0.75:
            self.family()
        while len(self.people) < self.target * 1.3:
            self.expat(self.rng.choice(list(EXPATS)))
        for person in self.people:
            if self.rng.random() < 0.72:
                self.hold(person)
        for _ in range(12):  # co-brokers the brokerage deals with, each held with his own phone
            broker = self.expat(self.rng.choice(["Indian", "Pakistani", "British", "Russian"]))
            broker.broker = True
            broker.work_email = ""
            self.hold(broker)
            self.brokers.append(broker)

    def held_names(self) -> dict:
        """Folded full names of held contacts (first name as the person writes it, family name's stem)."""
        names: dict = {}
        for person in self.people:
            if person.contacts:
                names.setdefault(self.name_key(person), []).append(person)
        return names

    @staticmethod
    def name_key(person: Person) -> tuple:
        if person.given[0] in ("ar-m", "ar-f") and person.household:
            return (person.given, person.household.family)
        return (person.given, person.last.lower())

    # -- the portal's leads ---------------------------------------------------------------------------------

    def pick(self, test) -> Person:
        pool = [p for p in self.people if id(p) not in self.used and test(p)]
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def lead_id(self) -> str:
        while (value := str(self.rng.randint(10_000_000, 99_999_999))) in self.lead_ids:
            pass
        self.lead_ids.add(value)
        return value

    def written_name(self, person: Person, *, romanised: bool = False, chain: bool = False) -> str:
        first = self.other_spelling(person.given, person.first) if romanised else person.first
        last = person.last
        if romanised and person.household and person.household.family >= 0:
            last = self.family_written(person.household.family)
        if chain and person.father:
            link = (
                self.rng.choice(["bin ", "bin ", ""])
                if not person.female
                else self.rng.choice(["bint ", "binti ", ""])
            )
            grand = f"{link}{person.grandfather} " if self.rng.random() < 0.5 else ""
            last = f"{link}{person.father} {grand}{last}"
        name = f"{first} {last}"
        roll = self.rng.random()
        if roll < 0.1:
            name = name.upper()
        elif roll < 0.15:
            name = name.lower()
        return name  # fmt: skip

    def lead(self, category: str, truth: list[str], name: str, *, phone: str = "", email: str = "",
             whatsapp: str = "", channel: str = "") -> None:  # fmt: skip
        channel = channel or ("whatsapp" if whatsapp else "email" if email and not phone else
                              self.rng.choice(["call", "call", "sms", "email"]))  # fmt: skip
        reference = f"HL-{self.rng.choice('SR')}-{self.rng.randint(1000, 9999)}"
        created = self.now - timedelta(days=self.rng.randint(0, 30), minutes=self.rng.randint(0, 1400))
        row = {
            "createdAt": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "status": self.rng.choice(["sent", "delivered", "read", "replied"]),
            "channel": channel,
            "entityType": "listing",
            "listing.id": str(self.rng.randint(4_000_000, 9_999_999)),
            "listing.reference": reference,
            "publicProfile.id": str(self.rng.randint(100_000, 999_999)),
            "sender.name": name,
            "sender.phone": self.portal_number(phone) if phone else "",
            "sender.email": email,
            "sender.whatsapp": self.portal_number(whatsapp) if whatsapp else "",
            "message": self.rng.choice(MESSAGES),
            "responseLink": "",
        }
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    @staticmethod
    def held(person: Person) -> bool:
        return len(person.contacts) == 1 and not person.broker

    def unique(self, person: Person, names: dict) -> bool:
        return len(names.get(self.name_key(person), [])) == 1

    # IN

    def own_mobile(self, names: dict) -> None:
        for _ in range(self.per * 6):
            person = self.pick(lambda p: self.held(p) and self.unique(p, names))
            email = person.email if person.email and self.rng.random() < 0.3 else ""
            self.lead("own_mobile", [person.contacts[0][CRM_ID]], self.written_name(person), phone=person.mobile,
                      email=email)  # fmt: skip

    def romanised_name(self, names: dict) -> None:
        for index in range(self.per):
            person = self.pick(
                lambda p: self.held(p) and self.unique(p, names) and p.nationality == "Emirati"
                and len((ARABIC_MALE if p.given[0] == "ar-m" else ARABIC_FEMALE)[p.given[1]]) > 1
            )  # fmt: skip
            held_email = person.contacts[0]["EMAIL"]
            keys = {"phone": person.mobile} if index % 3 or not held_email else {"email": held_email}
            self.lead("romanised_name", [person.contacts[0][CRM_ID]], self.written_name(person, romanised=True),
                      **keys)  # fmt: skip

    def patronymic_name(self, names: dict) -> None:
        for index in range(self.per // 2):
            person = self.pick(lambda p: self.held(p) and self.unique(p, names) and p.father)
            if index % 2:  # the CRM holds the chain, the lead the short name
                row = person.contacts[0]
                if person.father not in row["LASTNAME"]:
                    row["LASTNAME"] = (
                        f"{'bin ' if not person.female else 'bint '}{person.father} {row['LASTNAME']}"
                    )
                name = self.written_name(person)
            else:
                name = self.written_name(person, chain=True)
            self.lead("patronymic_name", [person.contacts[0][CRM_ID]], name, phone=person.mobile)

    def whatsapp_lead(self, names: dict) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held(p) and self.unique(p, names))
            number = (
                person.whatsapp
                if person.whatsapp and person.contacts[0]["WHATSAPP_NUMBER__C"]
                else person.mobile
            )
            self.lead(
                "whatsapp_lead", [person.contacts[0][CRM_ID]], self.written_name(person), whatsapp=number
            )

    def email_lead(self, names: dict) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held(p) and self.unique(p, names) and p.contacts[0]["EMAIL"])
            self.lead("email_lead", [person.contacts[0][CRM_ID]], self.written_name(person),
                      email=person.contacts[0]["EMAIL"])  # fmt: skip

    def namesake_own_mobile(self, names: dict) -> None:
        for _ in range(self.per // 2):
            person = self.pick(
                lambda p: (
                    self.held(p) and len([o for o in names.get(self.name_key(p), []) if o.contacts]) >= 2
                )
            )
            self.lead("namesake_own_mobile", [person.contacts[0][CRM_ID]], self.written_name(person),
                      phone=person.mobile)  # fmt: skip

    def expat_buyer(self, names: dict) -> None:
        for index in range(self.per):
            person = self.pick(
                lambda p: self.held(p) and self.unique(p, names) and p.nationality != "Emirati"
            )
            name = self.written_name(person)
            if person.nationality == "Russian" and index % 2:
                name = name.replace(person.first, RUSSIAN_SPELLINGS.get(person.first, person.first))
            keys = {"phone": person.mobile} if index % 4 or not person.contacts[0]["EMAIL"] else {
                "email": person.contacts[0]["EMAIL"]}  # fmt: skip
            self.lead("expat_buyer", [person.contacts[0][CRM_ID]], name, **keys)

    def crm_duplicate(self, names: dict) -> None:
        for _ in range(self.per // 2):
            person = self.pick(lambda p: self.held(p) and self.unique(p, names))
            self.hold(person, chain=False, import_row=True)
            self.lead("crm_duplicate", [row[CRM_ID] for row in person.contacts], self.written_name(person),
                      phone=person.mobile)  # fmt: skip

    def agent_phone_buyer_held(self, names: dict) -> None:
        for _ in range(self.per // 2):
            person = self.pick(
                lambda p: self.held(p) and self.unique(p, names) and p.contacts[0]["EMAIL"] == p.email != ""
            )
            broker = self.rng.choice(self.brokers)
            self.lead("agent_phone_buyer_held", [person.contacts[0][CRM_ID]], self.written_name(person),
                      phone=broker.mobile, email=person.email)  # fmt: skip

    # OUT

    def namesake_not_held(self, names: dict) -> None:
        crowded = [key for key, people in names.items() if len(people) >= 2]
        for _ in range(self.per):
            key = self.rng.choice(crowded)
            model = names[key][0]
            first = self.spelling(model.given, 0) if self.rng.random() < 0.5 else model.first
            last = (
                model.last if model.household is None else "Al " + ARABIC_FAMILIES[model.household.family][0]
            )
            email = self.mailbox(first, last) if self.rng.random() < 0.5 else ""
            self.lead("namesake_not_held", [], f"{first} {last}", phone=self.number(), email=email)

    def sibling_near_name(self, names: dict) -> None:
        """A brother or sister whose name is a vowel or a syllable from the holder's (Hassan / Hussain, Ali /
        Alia, Hamad / Hamdan), not held, on the family's number that the holder's contact holds."""
        made = 0
        for holder in list(self.people):
            if made >= self.per // 2:
                return
            kind = holder.given[0]
            if not self.held(holder) or kind not in ("ar-m", "ar-f") or id(holder) in self.used:
                continue
            if not holder.household or holder.household.number != holder.mobile:
                continue
            near = NEAR_NAMES.get(self.spelling(holder.given, 0))
            if not near:
                continue
            female, index = near
            given = ("ar-f" if female else "ar-m", index)
            sibling = Person(given, self.spelling(given, 0), holder.last, female, holder.born + 2, "Emirati",
                             holder.household, father=holder.father, grandfather=holder.grandfather)  # fmt: skip
            if names.get(self.name_key(sibling)):
                continue
            self.used.add(id(holder))
            self.lead("sibling_near_name", [], self.written_name(sibling), phone=holder.mobile)
            made += 1

    def relative_family_number(self, names: dict) -> None:
        for _ in range(self.per):
            relative = self.pick(
                lambda p: not p.contacts and p.household and p.household.number
                and not names.get(self.name_key(p))
                and any(o.mobile == p.household.number and len(o.contacts) == 1 and o.given != p.given
                        for o in p.household.members)
            )  # fmt: skip
            self.lead(
                "relative_family_number", [], self.written_name(relative), phone=relative.household.number
            )

    def agent_phone_on_lead(self, names: dict) -> None:
        for index in range(self.per):
            client = self.pick(lambda p: not p.contacts and not names.get(self.name_key(p)) and not p.broker)
            broker = self.brokers[index % len(self.brokers)]
            email = client.email if self.rng.random() < 0.5 else ""
            self.lead("agent_phone_on_lead", [], self.written_name(client), phone=broker.mobile, email=email)

    def colleague_mailbox(self, names: dict) -> None:
        for _ in range(self.per // 2):
            holder = self.pick(lambda p: self.held(p) and p.company and not p.broker)
            box = f"{self.rng.choice(['info', 'procurement', 'admin', 'hr', 'office'])}@{holder.company}"
            if box in self.emails:
                box = f"{self.rng.choice(['contact', 'sales', 'reception'])}{self.rng.randint(1, 9)}@{holder.company}"
            self.emails.add(box)
            holder.contacts[0]["EMAIL"] = box
            colleague = self.pick(lambda p, given=holder.given: not p.contacts and not names.get(self.name_key(p)) and not p.broker
                                  and p.given != given)  # fmt: skip
            self.lead("colleague_mailbox", [], self.written_name(colleague), email=box,
                      phone=colleague.mobile if self.rng.random() < 0.3 else "")  # fmt: skip

    def not_in_crm(self, names: dict) -> None:
        for _ in range(self.per * 2):
            person = self.pick(lambda p: not p.contacts and not names.get(self.name_key(p)) and not p.broker)
            keys = {"phone": person.mobile} if self.rng.random() < 0.8 else {}
            if person.email and self.rng.random() < 0.6:
                keys["email"] = person.email
            if not keys:
                keys["email"] = self.mailbox(person.first, person.last)
            self.lead("not_in_crm", [], self.written_name(person, romanised=self.rng.random() < 0.3), **keys)

    def build(self) -> GeneratedCases:
        self.build_crm()
        names = self.held_names()
        for category in (
            self.colleague_mailbox, self.own_mobile, self.romanised_name, self.patronymic_name, self.whatsapp_lead,
            self.email_lead, self.namesake_own_mobile, self.expat_buyer, self.crm_duplicate,
            self.agent_phone_buyer_held, self.namesake_not_held, self.sibling_near_name, self.relative_family_number,
            self.agent_phone_on_lead, self.not_in_crm,
        ):  # fmt: skip
            category(names)
        self.rng.shuffle(self.cases)
        for case in self.cases:
            case.external_id = self.lead_id()
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the first name and the family name (the sender's name split at its first space), the email, the
# last nine digits of the mobile (else the WhatsApp number) on both sides; nothing else is on both.
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(trim("FIRSTNAME")), '') AS first_name,
               nullif(lower(trim("LASTNAME")), '') AS last_name,
               nullif(lower(trim("EMAIL")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("MOBILEPHONE", ''), "WHATSAPP_NUMBER__C", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               CAST(NULL AS VARCHAR) AS company,
               CAST(NULL AS VARCHAR) AS zip,
               CAST(NULL AS VARCHAR) AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(split_part(trim("sender.name"), ' ', 1)), '') AS first_name,
               nullif(lower(trim(substr(trim("sender.name"), strpos(trim("sender.name"), ' ') + 1))), '')
                   AS last_name,
               nullif(lower(trim("sender.email")), '') AS email,
               nullif(right(regexp_replace(coalesce(nullif("sender.phone", ''), "sender.whatsapp", ''),
                                           '[^0-9]', '', 'g'), 9), '') AS phone,
               CAST(NULL AS VARCHAR) AS company,
               CAST(NULL AS VARCHAR) AS zip,
               CAST(NULL AS VARCHAR) AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="salesforce_contacts",
        inbound_file="propertyfinder_leads",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "salesforce",
            "--object",
            "Contact",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Salesforce Contacts (a Dubai brokerage) <- Property Finder leads",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity40", SUITES, seed=401, people=2500, orgs=0, per_category=40)
