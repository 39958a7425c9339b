"""A nineteenth record set: HubSpot contacts linked from an email-marketing platform's audience export.

    python benchmarks/identity_nineteenth.py [--people 3000] [--per-category 40] [--seed 191] [--skip-splink]

The CRM side is a HubSpot contacts export under its property labels: `Record ID`, `First Name`, `Last Name`,
`Email`, `Additional email addresses` (the addresses a contact had before, joined by ";": HubSpot keeps the old
primary there when the primary changes), `Phone Number`, `Mobile Phone Number`, `Company Name`, `Job Title`,
`Street Address`, `City`, `State/Region`, `Postal Code`, `Country/Region`, `Date of birth`, `Contact owner`,
`Lifecycle Stage`, `Lead Status`, `Marketing contact status`, `Create Date`, `Last Activity Date`.

The inbound side is a Mailchimp audience export: the subscribed, unsubscribed and cleaned (bounced) files put
one under the other, as a marketer hands them over. Columns as Mailchimp writes them: `Email Address`,
`First Name`, `Last Name`, `Address` (the whole address in one cell, its parts separated by two spaces:
street, second line, city, state, zip, country code), `Phone Number` (as the subscriber typed it), `Birthday`
(month/day, no year), a `Company` merge field, then `MEMBER_RATING`, `OPTIN_TIME`, `OPTIN_IP`, `CONFIRM_TIME`,
`CONFIRM_IP`, `LATITUDE`, `LONGITUDE`, `GMTOFF`, `DSTOFF`, `TIMEZONE`, `CC`, `REGION` (the last seven are where
the sign-up's IP address was, not where the person lives), `LAST_CHANGED`, `LEID`, `EUID`, `NOTES`, `TAGS`,
and the unsubscribed file's `UNSUB_TIME`, `UNSUB_CAMPAIGN_TITLE`, `UNSUB_CAMPAIGN_ID`, `UNSUB_REASON`,
`UNSUB_REASON_OTHER` and the cleaned file's `CLEAN_TIME`, `CLEAN_CAMPAIGN_TITLE`, `CLEAN_CAMPAIGN_ID`. An
audience holds an address once: no two inbound rows share an email address (in any letter case).

People of the US, Canada, the UK, Ireland, Australia and Germany at made-up firms, with phones valid in their
own numbering plan. Categories are what happens when a marketing list meets a CRM: the CRM holds the work
address while the person subscribed with a personal one (known to the CRM or not), plus-addressing, Gmail's
dots, letter case, names typed in lower case, capitals, the wrong field or as junk ("test", "asdf", "N/A"),
empty merge fields, a nickname, a married name, a home address in Mailchimp's combined field, a birthday without
its year, people the CRM holds twice, bounced addresses of people who changed jobs, a new job's address beside
the same mobile, a company switchboard typed as the phone; and look-alikes a sales-ops person would never link:
a colleague subscribed on a role address (info@, sales@) the CRM holds on one person's record, a spouse on the
family's shared mailbox, a spouse or grown child at the family's home address and landline, a successor on a
recycled corporate mailbox, a dotted corporate address that is another person's (dots only mean nothing at
Gmail), namesakes elsewhere, people not in the CRM. Every seed
deterministic; written without reading the project's other generators.

Fairness: a look-alike never shares a first initial with the person whose key it carries; a person not in the
CRM never has the full name of a CRM person at the same company; every inbound row has one truth.
"""

import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    _person_settings,
    run_generated,
)

CRM_COLUMNS = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Additional email addresses",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "Street Address",
    "City",
    "State/Region",
    "Postal Code",
    "Country/Region",
    "Date of birth",
    "Contact owner",
    "Lifecycle Stage",
    "Lead Status",
    "Marketing contact status",
    "Create Date",
    "Last Activity Date",
]

INBOUND_COLUMNS = [
    "Email Address",
    "First Name",
    "Last Name",
    "Address",
    "Phone Number",
    "Birthday",
    "Company",
    "MEMBER_RATING",
    "OPTIN_TIME",
    "OPTIN_IP",
    "CONFIRM_TIME",
    "CONFIRM_IP",
    "LATITUDE",
    "LONGITUDE",
    "GMTOFF",
    "DSTOFF",
    "TIMEZONE",
    "CC",
    "REGION",
    "LAST_CHANGED",
    "LEID",
    "EUID",
    "NOTES",
    "TAGS",
    "UNSUB_TIME",
    "UNSUB_CAMPAIGN_TITLE",
    "UNSUB_CAMPAIGN_ID",
    "UNSUB_REASON",
    "UNSUB_REASON_OTHER",
    "CLEAN_TIME",
    "CLEAN_CAMPAIGN_TITLE",
    "CLEAN_CAMPAIGN_ID",
]


@dataclass(frozen=True)
class Place:
    city: str
    state: str  # as an address writes it (a US/CA/AU code, a UK county or nothing, a German Land)
    zip_prefix: str
    timezone: str
    gmtoff: int
    dstoff: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Country:
    code: str  # ISO code, as Mailchimp's address and CC write it
    name: str  # as HubSpot's Country/Region holds it
    weight: int
    places: tuple[Place, ...]
    streets: tuple[str, ...]
    legal_forms: tuple[str, ...]
    tld: str
    isp_domains: tuple[str, ...]


US = Country(
    "US",
    "United States",
    52,
    (
        Place("New York", "NY", "100", "America/New_York", -5, -4, 40.71, -74.0),
        Place("Brooklyn", "NY", "112", "America/New_York", -5, -4, 40.65, -73.95),
        Place("Boston", "MA", "021", "America/New_York", -5, -4, 42.36, -71.06),
        Place("Chicago", "IL", "606", "America/Chicago", -6, -5, 41.88, -87.63),
        Place("Austin", "TX", "787", "America/Chicago", -6, -5, 30.27, -97.74),
        Place("Dallas", "TX", "752", "America/Chicago", -6, -5, 32.78, -96.8),
        Place("Denver", "CO", "802", "America/Denver", -7, -6, 39.74, -104.99),
        Place("Phoenix", "AZ", "850", "America/Phoenix", -7, -7, 33.45, -112.07),
        Place("San Francisco", "CA", "941", "America/Los_Angeles", -8, -7, 37.77, -122.42),
        Place("San Diego", "CA", "921", "America/Los_Angeles", -8, -7, 32.72, -117.16),
        Place("Seattle", "WA", "981", "America/Los_Angeles", -8, -7, 47.61, -122.33),
        Place("Atlanta", "GA", "303", "America/New_York", -5, -4, 33.75, -84.39),
        Place("Columbus", "OH", "432", "America/New_York", -5, -4, 39.96, -83.0),
        Place("Minneapolis", "MN", "554", "America/Chicago", -6, -5, 44.98, -93.27),
        Place("Raleigh", "NC", "276", "America/New_York", -5, -4, 35.78, -78.64),
        Place("Portland", "OR", "972", "America/Los_Angeles", -8, -7, 45.52, -122.68),
    ),
    (
        "Main St",
        "Oak Ave",
        "Maple Dr",
        "Cedar Ln",
        "Elm St",
        "Park Ave",
        "Washington Blvd",
        "Lakeview Rd",
        "Sunset Blvd",
        "Pine St",
        "Highland Ave",
        "Riverside Dr",
        "Market St",
        "Spring St",
        "Hillcrest Rd",
    ),
    ("Inc.", "LLC", "Corp.", "Inc", "Co."),
    ".com",
    ("comcast.net", "verizon.net", "att.net", "sbcglobal.net"),
)
CA = Country(
    "CA",
    "Canada",
    9,
    (
        Place("Toronto", "ON", "M5V", "America/Toronto", -5, -4, 43.65, -79.38),
        Place("Vancouver", "BC", "V6B", "America/Vancouver", -8, -7, 49.28, -123.12),
        Place("Calgary", "AB", "T2P", "America/Edmonton", -7, -6, 51.05, -114.07),
        Place("Ottawa", "ON", "K1P", "America/Toronto", -5, -4, 45.42, -75.7),
    ),
    ("King St W", "Yonge St", "Granville St", "Bank St", "Queen St E", "Bloor St W"),
    ("Inc.", "Ltd.", "Corp."),
    ".ca",
    ("rogers.com", "shaw.ca", "sympatico.ca"),
)
GB = Country(
    "GB",
    "United Kingdom",
    14,
    (
        Place("London", "", "EC2A", "Europe/London", 0, 1, 51.52, -0.08),
        Place("London", "", "SE1", "Europe/London", 0, 1, 51.5, -0.09),
        Place("Manchester", "Greater Manchester", "M1", "Europe/London", 0, 1, 53.48, -2.24),
        Place("Leeds", "West Yorkshire", "LS1", "Europe/London", 0, 1, 53.8, -1.55),
        Place("Bristol", "", "BS1", "Europe/London", 0, 1, 51.45, -2.59),
        Place("Edinburgh", "", "EH2", "Europe/London", 0, 1, 55.95, -3.19),
    ),
    ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Queen Street", "Park Road"),
    ("Ltd", "Limited", "plc", "Ltd."),
    ".co.uk",
    ("btinternet.com", "sky.com", "virginmedia.com"),
)
IE = Country(
    "IE",
    "Ireland",
    4,
    (
        Place("Dublin", "Co. Dublin", "D02", "Europe/Dublin", 0, 1, 53.35, -6.26),
        Place("Cork", "Co. Cork", "T12", "Europe/Dublin", 0, 1, 51.9, -8.47),
    ),
    ("Baggot Street", "Harcourt Street", "Patrick Street", "Grand Parade"),
    ("Ltd", "Limited", "DAC"),
    ".ie",
    ("eircom.net",),
)
AU = Country(
    "AU",
    "Australia",
    9,
    (
        Place("Sydney", "NSW", "20", "Australia/Sydney", 10, 11, -33.87, 151.21),
        Place("Melbourne", "VIC", "30", "Australia/Melbourne", 10, 11, -37.81, 144.96),
        Place("Brisbane", "QLD", "40", "Australia/Brisbane", 10, 10, -27.47, 153.03),
        Place("Perth", "WA", "60", "Australia/Perth", 8, 8, -31.95, 115.86),
    ),
    ("George St", "Collins St", "Queen St", "Hay St", "Pitt St", "Bourke St"),
    ("Pty Ltd", "Pty. Ltd.", "Ltd"),
    ".com.au",
    ("bigpond.com", "optusnet.com.au"),
)
DE = Country(
    "DE",
    "Germany",
    12,
    (
        Place("Berlin", "Berlin", "101", "Europe/Berlin", 1, 2, 52.52, 13.4),
        Place("München", "Bayern", "803", "Europe/Berlin", 1, 2, 48.14, 11.58),
        Place("Hamburg", "Hamburg", "203", "Europe/Berlin", 1, 2, 53.55, 9.99),
        Place("Köln", "Nordrhein-Westfalen", "506", "Europe/Berlin", 1, 2, 50.94, 6.96),
        Place("Frankfurt am Main", "Hessen", "603", "Europe/Berlin", 1, 2, 50.11, 8.68),
    ),
    ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Lindenallee", "Goethestraße"),
    ("GmbH", "AG", "GmbH & Co. KG", "UG"),
    ".de",
    ("web.de", "gmx.de", "t-online.de"),
)
COUNTRIES = (US, CA, GB, IE, AU, DE)

ENGLISH_MALE = [
    "James",
    "John",
    "Robert",
    "Michael",
    "William",
    "David",
    "Richard",
    "Joseph",
    "Thomas",
    "Charles",
    "Christopher",
    "Daniel",
    "Matthew",
    "Anthony",
    "Mark",
    "Donald",
    "Steven",
    "Paul",
    "Andrew",
    "Joshua",
    "Kenneth",
    "Kevin",
    "Brian",
    "George",
    "Timothy",
    "Ronald",
    "Edward",
    "Jason",
    "Jeffrey",
    "Ryan",
    "Jacob",
    "Gary",
    "Nicholas",
    "Eric",
    "Jonathan",
    "Stephen",
    "Larry",
    "Justin",
    "Scott",
    "Brandon",
    "Benjamin",
    "Samuel",
    "Gregory",
    "Alexander",
    "Patrick",
    "Frank",
    "Raymond",
    "Jack",
    "Dennis",
    "Jerry",
    "Tyler",
    "Aaron",
    "Henry",
    "Adam",
    "Douglas",
    "Nathan",
    "Peter",
    "Zachary",
    "Kyle",
    "Noah",
    "Ethan",
    "Jeremy",
    "Walter",
    "Christian",
    "Keith",
    "Roger",
    "Terry",
    "Austin",
    "Sean",
    "Gerald",
    "Carl",
    "Harold",
    "Dylan",
    "Arthur",
    "Lawrence",
    "Jordan",
    "Jesse",
    "Bryan",
    "Billy",
    "Bruce",
    "Gabriel",
    "Joe",
    "Logan",
    "Alan",
    "Juan",
    "Albert",
    "Willie",
    "Elijah",
    "Wayne",
    "Randy",
    "Vincent",
    "Liam",
    "Oliver",
    "Callum",
    "Declan",
    "Ciaran",
    "Rhys",
    "Angus",
    "Hamish",
    "Lachlan",
    "Connor",
]
ENGLISH_FEMALE = [
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Barbara",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Lisa",
    "Nancy",
    "Betty",
    "Sandra",
    "Margaret",
    "Ashley",
    "Kimberly",
    "Emily",
    "Donna",
    "Michelle",
    "Carol",
    "Amanda",
    "Melissa",
    "Deborah",
    "Stephanie",
    "Dorothy",
    "Rebecca",
    "Sharon",
    "Laura",
    "Cynthia",
    "Amy",
    "Kathleen",
    "Angela",
    "Shirley",
    "Brenda",
    "Emma",
    "Anna",
    "Pamela",
    "Nicole",
    "Samantha",
    "Katherine",
    "Christine",
    "Helen",
    "Debra",
    "Rachel",
    "Carolyn",
    "Janet",
    "Maria",
    "Catherine",
    "Heather",
    "Diane",
    "Olivia",
    "Julie",
    "Joyce",
    "Victoria",
    "Ruth",
    "Virginia",
    "Lauren",
    "Kelly",
    "Christina",
    "Joan",
    "Evelyn",
    "Judith",
    "Andrea",
    "Hannah",
    "Megan",
    "Cheryl",
    "Jacqueline",
    "Martha",
    "Madison",
    "Teresa",
    "Gloria",
    "Sara",
    "Janice",
    "Ann",
    "Kathryn",
    "Abigail",
    "Sophia",
    "Frances",
    "Jean",
    "Alice",
    "Judy",
    "Isabella",
    "Julia",
    "Grace",
    "Amber",
    "Denise",
    "Danielle",
    "Marilyn",
    "Beverly",
    "Charlotte",
    "Natalie",
    "Theresa",
    "Diana",
    "Brittany",
    "Doris",
    "Kayla",
    "Alexis",
    "Lori",
    "Marie",
    "Siobhan",
    "Aoife",
    "Niamh",
    "Fiona",
    "Eilidh",
    "Chloe",
    "Zoe",
    "Mia",
    "Ruby",
    "Harriet",
]
ENGLISH_SURNAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Chavez",
    "Wood",
    "James",
    "Bennett",
    "Gray",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Price",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Patel",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jimenez",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Bell",
    "Coleman",
    "Butler",
    "Henderson",
    "Barnes",
    "Gonzales",
    "Fisher",
    "Vasquez",
    "Simmons",
    "Romero",
    "Jordan",
    "Patterson",
    "Alexander",
    "Hamilton",
    "Graham",
    "Reynolds",
    "Griffin",
    "Wallace",
    "Moreno",
    "West",
    "Cole",
    "Hayes",
    "Bryant",
    "Herrera",
    "Gibson",
    "Ellis",
    "Tran",
    "Medina",
    "Aguilar",
    "Stevens",
    "Murray",
    "Ford",
    "Castro",
    "Marshall",
    "Owens",
    "Harrison",
    "Fernandez",
    "McDonald",
    "Woods",
    "Washington",
    "Kennedy",
    "Wells",
    "Vargas",
    "Henry",
    "Chen",
    "Freeman",
    "Webb",
    "Tucker",
    "Guzman",
    "Burns",
    "Crawford",
    "Olson",
    "Simpson",
    "Porter",
    "Hunter",
    "Gordon",
    "Mendez",
    "Silva",
    "Shaw",
    "Snyder",
    "Mason",
    "Dixon",
    "Munoz",
    "Hunt",
    "Hicks",
    "Holmes",
    "Palmer",
    "Wagner",
    "Black",
    "Robertson",
    "Boyd",
    "Rose",
    "Stone",
    "Salazar",
    "Fox",
    "Warren",
    "Mills",
    "Meyer",
    "Rice",
    "Schmidt",
    "Garza",
    "Daniels",
    "Ferguson",
    "Nichols",
    "Stephens",
    "Soto",
    "Weaver",
    "Ryan",
    "Gardner",
    "Payne",
    "Grant",
    "Dunn",
    "Kelley",
    "Spencer",
    "Hawkins",
    "Arnold",
    "Pierce",
    "Vazquez",
    "Hansen",
    "Peters",
    "Santos",
    "Hart",
    "Bradley",
    "Knight",
    "Elliott",
    "Cunningham",
    "Duncan",
    "Armstrong",
    "Hudson",
    "Carroll",
    "Lane",
    "Riley",
    "Andrews",
    "Alvarado",
    "Ray",
    "Delgado",
    "Berry",
    "Perkins",
    "Hoffman",
    "Johnston",
    "Matthews",
    "Pena",
    "Richards",
    "Willis",
    "Carpenter",
    "Lawrence",
    "Sandoval",
    "O'Brien",
    "O'Connor",
    "McCarthy",
    "Fitzgerald",
    "Byrne",
    "Doyle",
    "Lynch",
    "Gallagher",
    "MacLeod",
    "Fraser",
    "Campbell-Jones",
    "Singh",
    "Shah",
]
GERMAN_MALE = [
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Christian",
    "Markus",
    "Frank",
    "Alexander",
    "Matthias",
    "Sebastian",
    "Tobias",
    "Florian",
    "Daniel",
    "Jan",
    "Lukas",
    "Jonas",
    "Felix",
    "Maximilian",
    "Johannes",
    "Wolfgang",
    "Jürgen",
    "Uwe",
    "Dirk",
    "Sven",
    "Jens",
    "Torsten",
    "Henrik",
    "Moritz",
    "Niklas",
]
GERMAN_FEMALE = [
    "Sabine",
    "Susanne",
    "Petra",
    "Claudia",
    "Andrea",
    "Stefanie",
    "Julia",
    "Katharina",
    "Anna",
    "Laura",
    "Lena",
    "Sarah",
    "Nicole",
    "Sandra",
    "Birgit",
    "Anja",
    "Kerstin",
    "Melanie",
    "Christina",
    "Franziska",
    "Johanna",
    "Miriam",
    "Ute",
    "Heike",
    "Annika",
    "Lea",
    "Marie",
    "Jana",
    "Carolin",
    "Svenja",
]
GERMAN_SURNAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
]

NICKNAMES = {
    "Robert": "Bob",
    "William": "Bill",
    "Elizabeth": "Liz",
    "Katherine": "Kate",
    "Michael": "Mike",
    "James": "Jim",
    "Richard": "Rick",
    "Jennifer": "Jenny",
    "Thomas": "Tom",
    "Christopher": "Chris",
    "Margaret": "Maggie",
    "Daniel": "Dan",
    "Joseph": "Joe",
    "Patricia": "Trish",
    "Susan": "Sue",
    "Anthony": "Tony",
    "Nicholas": "Nick",
    "Rebecca": "Becky",
    "Alexander": "Alex",
    "Samantha": "Sam",
    "Matthew": "Matt",
    "Andrew": "Andy",
    "Benjamin": "Ben",
    "Jonathan": "Jon",
    "Stephanie": "Steph",
    "Deborah": "Debbie",
    "Edward": "Ted",
    "Kimberly": "Kim",
    "Zachary": "Zach",
    "Gregory": "Greg",
    "Timothy": "Tim",
    "Jeffrey": "Jeff",
    "Kenneth": "Ken",
    "Steven": "Steve",
    "Catherine": "Cathy",
    "Victoria": "Vicky",
    "Christine": "Chris",
}

STEMS = [
    "Acorn",
    "Apex",
    "Arbor",
    "Atlas",
    "Beacon",
    "Birch",
    "Blue",
    "Harbor",
    "Bright",
    "Cascade",
    "Cedar",
    "Summit",
    "Cobalt",
    "Copper",
    "Crest",
    "Delta",
    "Drift",
    "Ember",
    "Evergreen",
    "Falcon",
    "Fern",
    "Fieldstone",
    "Granite",
    "Harbor",
    "Hearth",
    "Highland",
    "Horizon",
    "Iron",
    "Juniper",
    "Keystone",
    "Lakeshore",
    "Lantern",
    "Linden",
    "Maple",
    "Meridian",
    "Northwind",
    "Oakridge",
    "Orchard",
    "Pinnacle",
    "Prairie",
    "Quarry",
    "Redwood",
    "Ridgeline",
    "River",
    "Saffron",
    "Sterling",
    "Stonebridge",
    "Tidewater",
    "Timber",
    "Trident",
    "Union",
    "Vantage",
    "Westbrook",
    "Willow",
    "Zenith",
    "Alder",
    "Bramble",
    "Canyon",
    "Driftwood",
    "Foxglove",
    "Gable",
    "Hollow",
    "Ironwood",
    "Kestrel",
    "Larkspur",
    "Mosaic",
    "Nimbus",
    "Osprey",
    "Pebble",
    "Quill",
    "Rowan",
    "Sable",
    "Thistle",
    "Umber",
    "Vireo",
    "Wren",
    "Yarrow",
]
SECTORS = (
    "Analytics",
    "Logistics",
    "Dental",
    "Brewing",
    "Consulting",
    "Software",
    "Design",
    "Health",
    "Realty",
    "Outfitters",
    "Labs",
    "Foods",
    "Marketing",
    "Engineering",
    "Capital",
    "Systems",
    "Interiors",
    "Energy",
)
TITLES = (
    "Marketing Manager",
    "Director of Operations",
    "Office Manager",
    "CEO",
    "Founder",
    "Sales Director",
    "Account Executive",
    "Head of Procurement",
    "IT Manager",
    "Finance Director",
    "Customer Success Manager",
    "Product Manager",
    "HR Business Partner",
    "Practice Manager",
    "",
)
OWNERS = (
    "rachel.kim@ourcrm.example",
    "tom.bradley@ourcrm.example",
    "priya.shah@ourcrm.example",
    "marcus.oneill@ourcrm.example",
    "",
)
LIFECYCLE = (
    "Subscriber",
    "Lead",
    "Marketing Qualified Lead",
    "Sales Qualified Lead",
    "Opportunity",
    "Customer",
)
LEAD_STATUS = (
    "New",
    "Open",
    "In Progress",
    "Open Deal",
    "Unqualified",
    "Attempted to Contact",
    "Connected",
    "",
)
CAMPAIGNS = (
    "Spring Product Update",
    "Monthly Newsletter - March",
    "Webinar Invite: Q3 Roadmap",
    "Customer Stories #12",
    "Black Friday Early Access",
    "Monthly Newsletter - October",
)
TAGS = ('"Newsletter"', '"Webinar 2024"', '"Trade show"', '"Customer"', '"Newsletter","Webinar 2024"', "")
UNSUB_REASONS = (
    "I no longer want to receive these emails",
    "I never signed up for this mailing list",
    "The emails are inappropriate",
    "The emails are spam and should be reported",
    "Other",
)
ROLE_LOCALS = ("info", "sales", "office", "hello", "admin", "accounts", "contact", "marketing", "team")
FREEMAIL = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com")
JUNK_NAMES = ("test", "asdf", "N/A", "na", "x", ".", "-", "none", "TEST", "qwerty", "xxx", "?")


def ascii_fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ü", "ue").replace("ö", "oe").replace("ä", "ae")
    text = text.replace("Ü", "Ue").replace("Ö", "Oe").replace("Ä", "Ae")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return folded


def mailbox_word(text: str) -> str:
    return "".join(ch for ch in ascii_fold(text).lower() if ch.isalnum())


@dataclass
class Company:
    name: str  # as the CRM holds it
    short: str  # as people type it
    domain: str
    pattern: str  # first.last, flast, firstl, first
    country: Country
    place: Place
    street: str
    zip: str
    switchboard: str  # E.164


@dataclass
class Person:
    record_id: str
    first: str
    last: str
    female: bool
    company: Company
    country: Country
    email: str = ""
    additional: list[str] = field(default_factory=list)
    phone: str = ""  # the CRM's Phone Number (E.164), a direct line or the switchboard
    mobile: str = ""  # E.164
    title: str = ""
    street: str = ""
    place: Place | None = None
    zip: str = ""
    dob: str = ""  # YYYY-MM-DD
    in_crm: bool = True
    lifecycle: str = ""


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.size = people
        self.per = per_category
        self.companies: list[Company] = []
        self.people: list[Person] = []
        self.pool: list[Person] = []  # CRM people no case has used yet
        self.cases: list[GeneratedCase] = []
        self.used_inbound_emails: set[str] = set()
        self.crm_emails: set[str] = set()
        self.crm_names_at: set[tuple[str, str, str]] = set()  # (first, last, company domain), lower case
        self.record_ids: set[str] = set()
        self.numbers: set[str] = set()
        self.leids: set[int] = set()
        self.who: Person | None = None  # the subscriber of the row being written (where their IP is, mostly)

    # -- numbers and names ----------------------------------------------------------------------------

    def number(self, country: Country, kind) -> str:
        """A number valid in the country's plan, of the kind asked for, never given out before (E.164)."""
        example = phonenumbers.example_number_for_type(country.code, kind)
        national = str(example.national_number)
        while True:
            keep = max(2, len(national) - 6)
            digits = national[:keep] + "".join(str(self.rng.randint(0, 9)) for _ in national[keep:])
            parsed = phonenumbers.parse("+" + str(example.country_code) + digits)
            if not phonenumbers.is_valid_number(parsed):
                continue
            kinds = phonenumbers.number_type(parsed)
            if kind == PhoneNumberType.MOBILE and kinds not in (
                PhoneNumberType.MOBILE,
                PhoneNumberType.FIXED_LINE_OR_MOBILE,
            ):
                continue
            text = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
            if text not in self.numbers:
                self.numbers.add(text)
                return text

    def written(self, e164: str, country: Country, *, crm: bool) -> str:
        """A number as a person types it or a CRM shows it."""
        parsed = phonenumbers.parse(e164)
        roll = self.rng.random()
        if crm:
            if roll < 0.4:
                return e164
            if roll < 0.8:
                return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
            return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        if roll < 0.45:
            return national
        if roll < 0.65:
            return "".join(ch for ch in national if ch.isdigit())
        if roll < 0.9:
            return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        return e164

    def names_of(self, country: Country, female: bool) -> tuple[str, str]:
        if country is DE:
            first = self.rng.choice(GERMAN_FEMALE if female else GERMAN_MALE)
            return first, self.rng.choice(GERMAN_SURNAMES)
        first = self.rng.choice(ENGLISH_FEMALE if female else ENGLISH_MALE)
        return first, self.rng.choice(ENGLISH_SURNAMES)

    def record_id(self) -> str:
        while True:
            value = str(self.rng.randint(10_000_000, 99_999_999_999))
            if value not in self.record_ids:
                self.record_ids.add(value)
                return value

    def country(self) -> Country:
        return self.rng.choices(COUNTRIES, weights=[c.weight for c in COUNTRIES])[0]

    def postcode(self, country: Country, place: Place) -> str:
        rng = self.rng
        if country is US:
            return place.zip_prefix + f"{rng.randint(0, 99):02d}"
        if country is CA:
            return (
                f"{place.zip_prefix} {rng.randint(1, 9)}{rng.choice('ABCEGHJKLMNPRSTVXY')}{rng.randint(1, 9)}"
            )
        if country is GB:
            return f"{place.zip_prefix} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        if country is IE:
            return f"{place.zip_prefix} {rng.choice('ACDEFHKNPRTVWXY')}{rng.randint(100, 999)}"
        if country is AU:
            return place.zip_prefix + f"{rng.randint(0, 99):02d}"
        return place.zip_prefix + f"{rng.randint(0, 99):02d}"

    def street(self, country: Country) -> str:
        number = self.rng.randint(1, 2400 if country in (US, CA, AU) else 180)
        name = self.rng.choice(country.streets)
        return f"{name} {number}" if country is DE else f"{number} {name}"

    # -- the CRM --------------------------------------------------------------------------------------

    def make_companies(self) -> None:
        count = max(40, self.size // 20)
        seen: set[str] = set()
        while len(self.companies) < count:
            country = self.country()
            stem = self.rng.choice(STEMS)
            sector = self.rng.choice(SECTORS)
            short = f"{stem} {sector}"
            if short in seen:
                continue
            seen.add(short)
            legal = self.rng.choice(country.legal_forms)
            domain = mailbox_word(stem) + mailbox_word(sector)[: self.rng.choice((3, 4, 20))] + country.tld
            place = self.rng.choice(country.places)
            self.companies.append(
                Company(
                    name=f"{short} {legal}",
                    short=short,
                    domain=domain,
                    pattern=self.rng.choice(("first.last", "first.last", "flast", "firstl", "first")),
                    country=country,
                    place=place,
                    street=self.street(country),
                    zip=self.postcode(country, place),
                    switchboard=self.number(country, PhoneNumberType.FIXED_LINE),
                )
            )

    def work_email(self, first: str, last: str, company: Company) -> str:
        f, lname = mailbox_word(first), mailbox_word(last)
        local = {
            "first.last": f"{f}.{lname}",
            "flast": f"{f[0]}{lname}",
            "firstl": f"{f}{lname[0]}",
            "first": f,
        }[company.pattern]
        address, n = f"{local}@{company.domain}", 2
        while address in self.crm_emails or address in self.used_inbound_emails:
            address = f"{local}{n}@{company.domain}"
            n += 1
        return address

    def personal_email(self, first: str, last: str, *, gmail: bool = False) -> str:
        f, lname = mailbox_word(first), mailbox_word(last)
        domain = "gmail.com" if gmail else self.rng.choice(FREEMAIL)
        while True:
            local = self.rng.choice(
                (
                    f"{f}{lname}",
                    f"{f}.{lname}",
                    f"{f}{lname}{self.rng.randint(1, 99)}",
                    f"{f[0]}{lname}{self.rng.randint(60, 99)}",
                    f"{f}.{lname}{self.rng.randint(1970, 2001)}",
                    f"{lname}.{f}",
                )
            )
            address = f"{local}@{domain}"
            if address not in self.crm_emails and not self._dot_twin(address):
                return address

    def _dot_twin(self, address: str) -> bool:
        """Whether a Gmail address is one the CRM or the audience holds, read without its dots."""
        local, _, domain = address.partition("@")
        if domain not in ("gmail.com", "googlemail.com"):
            return address in self.used_inbound_emails
        bare = local.replace(".", "")
        return any(
            other.partition("@")[0].replace(".", "") == bare
            for other in (*self.crm_emails, *self.used_inbound_emails)
            if other.partition("@")[2] in ("gmail.com", "googlemail.com")
        )

    def add_person(self, company: Company | None = None, *, female: bool | None = None, names=None) -> Person:
        company = company or self.rng.choice(self.companies)
        female = self.rng.random() < 0.5 if female is None else female
        while True:
            first, last = names or self.names_of(company.country, female)
            key = (first.lower(), last.lower(), company.domain)
            if key not in self.crm_names_at:
                break
            if names:
                raise ValueError("names taken")
        self.crm_names_at.add(key)
        person = Person(self.record_id(), first, last, female, company, company.country)
        person.email = self.work_email(first, last, company)
        self.crm_emails.add(person.email)
        roll = self.rng.random()
        if roll < 0.45:
            person.phone = self.number(company.country, PhoneNumberType.FIXED_LINE)  # a direct line
        elif roll < 0.75:
            person.phone = company.switchboard
        if self.rng.random() < 0.6:
            person.mobile = self.number(company.country, PhoneNumberType.MOBILE)
        person.title = self.rng.choice(TITLES)
        person.street, person.place, person.zip = company.street, company.place, company.zip
        if self.rng.random() < 0.15:
            person.dob = self.birth_date()
        person.lifecycle = self.rng.choice(LIFECYCLE)
        self.people.append(person)
        return person

    def birth_date(self) -> str:
        return f"{self.rng.randint(1955, 2000)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def give_home(self, person: Person) -> None:
        person.place = self.rng.choice(person.country.places)
        person.street = self.street(person.country)
        if self.rng.random() < 0.25 and person.country in (US, CA, AU):
            person.street += f", Apt {self.rng.randint(1, 40)}"
        person.zip = self.postcode(person.country, person.place)

    def crm_row(self, person: Person) -> dict:
        created = (
            f"{self.rng.randint(2016, 2025)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        )
        return {
            "Record ID": person.record_id,
            "First Name": person.first,
            "Last Name": person.last,
            "Email": person.email,
            "Additional email addresses": ";".join(person.additional),
            "Phone Number": self.written(person.phone, person.country, crm=True) if person.phone else "",
            "Mobile Phone Number": self.written(person.mobile, person.country, crm=True)
            if person.mobile
            else "",
            "Company Name": person.company.name if person.company else "",
            "Job Title": person.title,
            "Street Address": person.street,
            "City": person.place.city if person.place else "",
            "State/Region": person.place.state if person.place else "",
            "Postal Code": person.zip,
            "Country/Region": person.country.name,
            "Date of birth": person.dob,
            "Contact owner": self.rng.choice(OWNERS),
            "Lifecycle Stage": person.lifecycle,
            "Lead Status": self.rng.choice(LEAD_STATUS),
            "Marketing contact status": self.rng.choice(("Marketing contact", "Non-marketing contact")),
            "Create Date": f"{created} {self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}",
            "Last Activity Date": f"2026-{self.rng.randint(1, 11):02d}-{self.rng.randint(1, 28):02d}",
        }

    def take(self, predicate=lambda person: True) -> Person:
        """A CRM person no case has used yet (the first that fits, from a shuffled pool)."""
        for index, person in enumerate(self.pool):
            if predicate(person):
                self.who = person
                return self.pool.pop(index)
        person = self.add_person()
        if predicate(person):
            return person
        return self.take(predicate)

    # -- the audience ---------------------------------------------------------------------------------

    def address_cell(self, person: Person, *, home: bool = True) -> str:
        """Mailchimp's one-cell address: street, second line, city, state, zip, country, two spaces apart."""
        street = person.street
        second = ""
        if ", " in street:
            street, second = street.split(", ", 1)
        place = person.place
        parts = [street, second, place.city, place.state or place.city, person.zip, person.country.code]
        return "  ".join(part for part in parts if part)

    def inbound_email(self, address: str) -> str:
        key = address.strip().lower()
        if key in self.used_inbound_emails:
            raise ValueError("address already in the audience")
        self.used_inbound_emails.add(key)
        return address

    def row(
        self, email: str, first: str = "", last: str = "", *, status: str = "", where=None, **merge
    ) -> dict:
        """One audience member: the merge fields given, Mailchimp's own columns filled as its export does."""
        rng = self.rng
        status = status or rng.choices(("subscribed", "unsubscribed", "cleaned"), weights=(80, 14, 6))[0]
        where = where or (self.who.country if self.who else None)
        country = where if where is not None and rng.random() < 0.85 else self.country()
        place = rng.choice(country.places)
        optin = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        geo = rng.random() < 0.7
        while (leid := rng.randint(10_000_000, 999_999_999)) in self.leids:
            pass
        self.leids.add(leid)
        row = {
            "Email Address": self.inbound_email(email),
            "First Name": first,
            "Last Name": last,
            "Address": merge.get("address", ""),
            "Phone Number": merge.get("phone", ""),
            "Birthday": merge.get("birthday", ""),
            "Company": merge.get("company", ""),
            "MEMBER_RATING": str(rng.choice((1, 2, 2, 3, 3, 4, 5))),
            "OPTIN_TIME": optin,
            "OPTIN_IP": f"{rng.randint(11, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            if rng.random() < 0.6
            else "",
            "CONFIRM_TIME": optin,
            "CONFIRM_IP": f"{rng.randint(11, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            "LATITUDE": f"{place.lat + rng.uniform(-0.2, 0.2):.7f}" if geo else "",
            "LONGITUDE": f"{place.lon + rng.uniform(-0.2, 0.2):.7f}" if geo else "",
            "GMTOFF": str(place.gmtoff) if geo else "",
            "DSTOFF": str(place.dstoff) if geo else "",
            "TIMEZONE": place.timezone if geo else "",
            "CC": country.code if geo else "",
            "REGION": place.state[:2].upper() if geo and place.state else "",
            "LAST_CHANGED": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
            "EUID": "".join(rng.choice("0123456789abcdef") for _ in range(10)),
            "NOTES": "",
            "TAGS": rng.choice(TAGS),
        }
        row["_leid"] = str(leid)
        for name in INBOUND_COLUMNS[24:]:
            row[name] = ""
        if status == "unsubscribed":
            row["UNSUB_TIME"] = row["LAST_CHANGED"]
            row["UNSUB_CAMPAIGN_TITLE"] = rng.choice(CAMPAIGNS)
            row["UNSUB_CAMPAIGN_ID"] = "".join(rng.choice("0123456789abcdef") for _ in range(10))
            row["UNSUB_REASON"] = rng.choice(UNSUB_REASONS)
            row["UNSUB_REASON_OTHER"] = "too many emails" if row["UNSUB_REASON"] == "Other" else ""
        elif status == "cleaned":
            row["CLEAN_TIME"] = row["LAST_CHANGED"]
            row["CLEAN_CAMPAIGN_TITLE"] = rng.choice(CAMPAIGNS)
            row["CLEAN_CAMPAIGN_ID"] = "".join(rng.choice("0123456789abcdef") for _ in range(10))
        return row

    def merge_fields(self, person: Person, *, phone=None, address=None, company=None, birthday=None) -> dict:
        """The optional merge fields a subscriber filled: each given (True/False) or left to chance."""
        rng = self.rng
        fields = {}
        if phone if phone is not None else rng.random() < 0.35:
            number = person.mobile or person.phone
            if number:
                fields["phone"] = self.written(number, person.country, crm=False)
        if address if address is not None else rng.random() < 0.3:
            fields["address"] = self.address_cell(person)
        if company if company is not None else rng.random() < 0.5:
            fields["company"] = person.company.short if rng.random() < 0.7 else person.company.name
        if (birthday if birthday is not None else rng.random() < 0.15) and person.dob:
            fields["birthday"] = f"{person.dob[5:7]}/{person.dob[8:10]}"
        return fields

    def case(self, category: str, row: dict, truth: tuple[str, ...]) -> None:
        self.cases.append(GeneratedCase(category, row, truth))

    def each(self, count: int, make) -> None:
        made = 0
        while made < count:
            try:
                make()
            except ValueError:  # a draw that would repeat an audience address: draw again
                continue
            made += 1

    # -- categories: the same person ------------------------------------------------------------------

    def clean_subscriber(self) -> None:
        p = self.take()
        self.case(
            "clean_subscriber", self.row(p.email, p.first, p.last, **self.merge_fields(p)), (p.record_id,)
        )

    def personal_email_known(self) -> None:
        """Subscribed with a personal address the CRM keeps among the contact's additional addresses."""
        p = self.take()
        personal = self.personal_email(p.first, p.last)
        p.additional.append(personal)
        self.crm_emails.add(personal)
        row = self.row(personal, p.first, p.last, **self.merge_fields(p, company=False))
        self.case("personal_email_known", row, (p.record_id,))

    def personal_email_with_mobile(self) -> None:
        """A personal address the CRM does not hold, the mobile the CRM holds typed as the phone."""
        p = self.take(lambda person: bool(person.mobile))
        row = self.row(
            self.personal_email(p.first, p.last),
            p.first,
            p.last,
            phone=self.written(p.mobile, p.country, crm=False),
            **self.merge_fields(p, phone=False),
        )
        self.case("personal_email_with_mobile", row, (p.record_id,))

    def personal_email_name_company(self) -> None:
        """A personal address, the names and the company: nothing else."""
        p = self.take()
        fields = self.merge_fields(p, phone=False, address=False, company=True, birthday=False)
        self.case(
            "personal_email_name_company",
            self.row(self.personal_email(p.first, p.last), p.first, p.last, **fields),
            (p.record_id,),
        )

    def plus_addressing(self) -> None:
        p = self.take()
        local, _, domain = p.email.partition("@")
        tag = self.rng.choice(("news", "newsletter", "mc", "marketing", "promo", "webinar"))
        row = self.row(f"{local}+{tag}@{domain}", p.first, p.last, **self.merge_fields(p))
        self.case("plus_addressing", row, (p.record_id,))

    def gmail_dots(self) -> None:
        """The CRM holds a Gmail address (as Email or an additional one); the audience has it with other dots
        or at googlemail.com."""
        p = self.take()
        f, lname = mailbox_word(p.first), mailbox_word(p.last)
        number = str(self.rng.randint(1, 99)) if self.rng.random() < 0.4 else ""
        crm_local, typed_local = f"{f}{lname}{number}", f"{f}.{lname}{number}"
        if self.rng.random() < 0.5:
            crm_local, typed_local = typed_local, crm_local
        crm_address = f"{crm_local}@gmail.com"
        if self._dot_twin(crm_address):
            raise ValueError("taken")
        domain = "googlemail.com" if self.rng.random() < 0.2 else "gmail.com"
        if self.rng.random() < 0.5:
            p.additional.append(crm_address)
        else:
            p.additional.append(p.email)
            p.email = crm_address
        self.crm_emails.add(crm_address)
        row = self.row(f"{typed_local}@{domain}", p.first, p.last, **self.merge_fields(p, company=False))
        self.case("gmail_dots", row, (p.record_id,))

    def email_case_spaces(self) -> None:
        p = self.take()
        local, _, domain = p.email.partition("@")
        typed = self.rng.choice(
            (
                f"{local.title()}@{domain.title()}",
                p.email.upper(),
                f" {p.email} ",
                f"{local.capitalize()}@{domain}",
            )
        )
        self.case(
            "email_case_spaces", self.row(typed, p.first, p.last, **self.merge_fields(p)), (p.record_id,)
        )

    def names_case(self) -> None:
        p = self.take()
        roll = self.rng.random()
        if roll < 0.4:
            first, last = p.first.lower(), p.last.lower()
        elif roll < 0.8:
            first, last = p.first.upper(), p.last.upper()
        else:
            first, last = p.first.lower(), p.last.upper()
        self.case("names_case", self.row(p.email, first, last, **self.merge_fields(p)), (p.record_id,))

    def names_wrong_field(self) -> None:
        p = self.take()
        roll = self.rng.random()
        if roll < 0.4:
            first, last = p.last, p.first  # swapped
        elif roll < 0.75:
            first, last = f"{p.first} {p.last}", ""  # the whole name in First Name
        else:
            first, last = "", f"{p.first} {p.last}"
        self.case("names_wrong_field", self.row(p.email, first, last, **self.merge_fields(p)), (p.record_id,))

    def junk_merge_fields(self) -> None:
        """The work address with merge fields filled with placeholders ("test", "asdf", "N/A")."""
        p = self.take()
        first = self.rng.choice(JUNK_NAMES)
        last = self.rng.choice((*JUNK_NAMES, "", ""))
        self.case("junk_merge_fields", self.row(p.email, first, last), (p.record_id,))

    def email_only(self) -> None:
        p = self.take()
        self.case("email_only", self.row(p.email), (p.record_id,))

    def nickname_with_mobile(self) -> None:
        p = self.take(lambda person: person.first in NICKNAMES and bool(person.mobile))
        nick = NICKNAMES[p.first]
        row = self.row(
            self.personal_email(nick, p.last),
            nick,
            p.last,
            phone=self.written(p.mobile, p.country, crm=False),
            **self.merge_fields(p, phone=False),
        )
        self.case("nickname_with_mobile", row, (p.record_id,))

    def married_name(self) -> None:
        """The work address, the first name, and a new surname."""
        p = self.take(lambda person: person.female and person.company.pattern != "flast")
        new_last = self.names_of(p.country, True)[1]
        if new_last == p.last or (p.first.lower(), new_last.lower(), p.company.domain) in self.crm_names_at:
            raise ValueError("surname")
        row = self.row(p.email, p.first, new_last, **self.merge_fields(p))
        self.case("married_name", row, (p.record_id,))

    def home_address_only(self) -> None:
        """A personal address; the names and the home address the CRM holds, in Mailchimp's combined field."""
        p = self.take()
        self.give_home(p)
        row = self.row(
            self.personal_email(p.first, p.last),
            p.first,
            p.last,
            address=self.address_cell(p),
        )
        self.case("home_address_only", row, (p.record_id,))

    def birthday_no_year(self) -> None:
        """A personal address, the names, the company and the birthday (month/day) the CRM holds in full."""
        p = self.take()
        p.dob = p.dob or self.birth_date()
        fields = self.merge_fields(p, phone=False, address=False, company=True, birthday=True)
        row = self.row(self.personal_email(p.first, p.last), p.first, p.last, **fields)
        self.case("birthday_no_year", row, (p.record_id,))

    def crm_duplicates(self) -> None:
        """The CRM holds the person twice (a form fill under a personal address made a second contact);
        the audience has a third address, with the mobile both records hold."""
        p = self.take(lambda person: bool(person.mobile))
        twin = Person(self.record_id(), p.first, p.last, p.female, p.company, p.country)
        twin.email = self.personal_email(p.first, p.last)
        self.crm_emails.add(twin.email)
        twin.mobile, twin.title, twin.lifecycle = p.mobile, "", "Subscriber"
        twin.street, twin.place, twin.zip = p.street, p.place, p.zip
        self.people.append(twin)
        row = self.row(
            self.personal_email(p.first, p.last),
            p.first,
            p.last,
            phone=self.written(p.mobile, p.country, crm=False),
            **self.merge_fields(p, phone=False),
        )
        self.case("crm_duplicates", row, (p.record_id, twin.record_id))

    def bounced_after_job_change(self) -> None:
        """A cleaned address: the old work address that bounced after the person moved on. The CRM has the
        new job (its old primary address kept among the additional ones, as HubSpot keeps it)."""
        p = self.take()
        old_company, old_email = p.company, p.email
        p.company = self.rng.choice([c for c in self.companies if c is not old_company])
        self.crm_emails.discard(old_email)
        p.email = self.work_email(p.first, p.last, p.company)
        self.crm_emails.update((p.email, old_email))
        p.additional.append(old_email)
        p.street, p.place, p.zip = p.company.street, p.company.place, p.company.zip
        if p.phone:
            p.phone = self.number(p.company.country, PhoneNumberType.FIXED_LINE)
        fields = {"company": old_company.short} if self.rng.random() < 0.5 else {}
        row = self.row(old_email, p.first, p.last, status="cleaned", **fields)
        self.case("bounced_after_job_change", row, (p.record_id,))

    def new_job_same_mobile(self) -> None:
        """Subscribed with the new employer's address; the CRM still has the old job, and the mobile."""
        p = self.take(lambda person: bool(person.mobile) and person.company.country in (US, GB, CA, AU, IE))
        employers = [c for c in self.companies if c is not p.company and c.country is p.country]
        if not employers:
            raise ValueError("no other employer")
        new_company = self.rng.choice(employers)
        email = self.work_email(p.first, p.last, new_company)
        row = self.row(
            email,
            p.first,
            p.last,
            phone=self.written(p.mobile, p.country, crm=False),
            company=new_company.short,
        )
        self.case("new_job_same_mobile", row, (p.record_id,))

    def switchboard_as_phone(self) -> None:
        """A personal address, the names, the company and its switchboard (which the CRM holds on several
        colleagues' records)."""
        p = self.take(lambda person: person.phone == person.company.switchboard)
        row = self.row(
            self.personal_email(p.first, p.last),
            p.first,
            p.last,
            phone=self.written(p.company.switchboard, p.country, crm=False),
            company=p.company.short,
        )
        self.case("switchboard_as_phone", row, (p.record_id,))

    def role_address_holder(self) -> None:
        """The CRM holds a role address (info@, sales@) as the contact's email; that same person subscribed it."""
        p = self.take()
        address = f"{self.rng.choice(ROLE_LOCALS)}@{p.company.domain}"
        if address in self.crm_emails or address in self.used_inbound_emails:
            raise ValueError("taken")
        self.crm_emails.discard(p.email)
        p.email = address
        self.crm_emails.add(address)
        row = self.row(address, p.first, p.last, **self.merge_fields(p))
        self.case("role_address_holder", row, (p.record_id,))

    # -- categories: look-alikes ----------------------------------------------------------------------

    def other_names(self, person: Person, female: bool | None = None) -> tuple[str, str]:
        """Names sharing neither the first initial nor the surname with `person`."""
        while True:
            female = self.rng.random() < 0.5 if female is None else female
            first, last = self.names_of(person.country, female)
            if first[0] != person.first[0] and last != person.last:
                return first, last

    def colleague(
        self, holder: Person, *, in_crm: float, female: bool | None = None, last: str = "", company=None
    ) -> Person:
        """Someone beside `holder` (a colleague, a spouse): in the CRM under their own address with chance
        `in_crm`, else a person the CRM does not know."""
        company = company or holder.company
        while True:
            first, other_last = self.other_names(holder, female)
            last_name = last or other_last
            if (first.lower(), last_name.lower(), company.domain) not in self.crm_names_at:
                break
        if self.rng.random() < in_crm:
            return self.add_person(company, names=(first, last_name))
        person = Person("", first, last_name, False, company, holder.country, in_crm=False)
        person.mobile = self.number(holder.country, PhoneNumberType.MOBILE)
        return person

    def role_address_colleague(self) -> None:
        """A colleague subscribed the role address the CRM holds on one person's record."""
        holder = self.take()
        address = f"{self.rng.choice(ROLE_LOCALS)}@{holder.company.domain}"
        if address in self.crm_emails or address in self.used_inbound_emails:
            raise ValueError("taken")
        self.crm_emails.discard(holder.email)
        holder.email = address
        self.crm_emails.add(address)
        other = self.colleague(holder, in_crm=0.4)
        fields = {"company": holder.company.short} if self.rng.random() < 0.6 else {}
        if other.in_crm and self.rng.random() < 0.5 and other.mobile:
            fields["phone"] = self.written(other.mobile, other.country, crm=False)
        row = self.row(address, other.first, other.last, **fields)
        self.case("role_address_colleague", row, (other.record_id,) if other.in_crm else ())

    def shared_family_mailbox(self) -> None:
        """The family's shared mailbox is on one spouse's CRM record; the other spouse subscribed it."""
        holder = self.take(lambda person: person.country is not DE)
        self.give_home(holder)
        family = mailbox_word(holder.last)
        domain = self.rng.choice((*holder.country.isp_domains, "gmail.com", "yahoo.com"))
        address = self.rng.choice(
            (f"the{family}s@{domain}", f"{family}family@{domain}", f"{family}home@{domain}")
        )
        if address in self.crm_emails or self._dot_twin(address):
            raise ValueError("taken")
        holder.additional.append(holder.email)
        self.crm_emails.add(address)
        holder.email = address
        employers = [c for c in self.companies if c.country is holder.country and c is not holder.company]
        if not employers:
            raise ValueError("no other employer")
        spouse = self.colleague(
            holder, in_crm=0.4, female=not holder.female, last=holder.last, company=self.rng.choice(employers)
        )
        if spouse.in_crm:
            spouse.email, spouse.additional = self.personal_email(spouse.first, spouse.last), []
            self.crm_emails.add(spouse.email)
            spouse.street, spouse.place, spouse.zip = holder.street, holder.place, holder.zip
        spouse.street, spouse.place, spouse.zip = holder.street, holder.place, holder.zip
        fields = {"address": self.address_cell(holder)} if self.rng.random() < 0.6 else {}
        if spouse.in_crm and spouse.mobile and self.rng.random() < 0.5:
            fields["phone"] = self.written(spouse.mobile, spouse.country, crm=False)
        row = self.row(address, spouse.first, spouse.last, **fields)
        self.case("shared_family_mailbox", row, (spouse.record_id,) if spouse.in_crm else ())

    def household_member(self) -> None:
        """A spouse or a grown child subscribed from the family's home: the home address (and often the home
        landline) the CRM holds on the other family member's record, their own name and personal mailbox."""
        holder = self.take(lambda person: person.country is not DE)
        self.give_home(holder)
        holder.phone = self.number(holder.country, PhoneNumberType.FIXED_LINE)  # the home line
        employers = [c for c in self.companies if c.country is holder.country and c is not holder.company]
        if not employers:
            raise ValueError("no other employer")
        female = not holder.female if self.rng.random() < 0.6 else self.rng.random() < 0.5
        member = self.colleague(
            holder, in_crm=0.35, female=female, last=holder.last, company=self.rng.choice(employers)
        )
        if member.in_crm:
            self.crm_emails.discard(member.email)
            member.email = self.personal_email(member.first, member.last)
            self.crm_emails.add(member.email)
            member.phone = ""
        member.street, member.place, member.zip = holder.street, holder.place, holder.zip
        fields = {"address": self.address_cell(holder)}
        if self.rng.random() < 0.6:
            fields["phone"] = self.written(holder.phone, holder.country, crm=False)
        row = self.row(self.personal_email(member.first, member.last), member.first, member.last, **fields)
        self.case("household_member", row, (member.record_id,) if member.in_crm else ())

    def recycled_mailbox(self) -> None:
        """A departed employee's corporate mailbox now reaches their successor, who updated the names in the
        preference centre; the CRM still has the predecessor on that address."""
        holder = self.take()
        successor = self.colleague(holder, in_crm=0.3)
        fields = {"company": holder.company.short} if self.rng.random() < 0.6 else {}
        if successor.in_crm and successor.mobile and self.rng.random() < 0.5:
            fields["phone"] = self.written(successor.mobile, successor.country, crm=False)
        row = self.row(holder.email, successor.first, successor.last, **fields)
        self.case("recycled_mailbox", row, (successor.record_id,) if successor.in_crm else ())

    def dotted_corporate_lookalike(self) -> None:
        """At a company's own domain a dot is part of the address: j.smith@ is not jsmith@. The CRM holds
        jsmith@ (flast pattern); the audience has j.smith@, another person with another first initial."""
        holder = self.take(lambda person: person.company.pattern == "flast" and person.country is not DE)
        _, _, domain = holder.email.partition("@")
        names = ENGLISH_MALE if holder.female else ENGLISH_FEMALE
        firsts = [name for name in names if name[0] == holder.first[0] and name not in NICKNAMES.values()]
        if not firsts:
            raise ValueError("no first name of that initial")
        first = self.rng.choice(firsts)
        address = f"{mailbox_word(first)[0]}.{mailbox_word(holder.last)}@{domain}"
        if address in self.crm_emails or address in self.used_inbound_emails:
            raise ValueError("taken")
        if (first.lower(), holder.last.lower(), domain) in self.crm_names_at:
            raise ValueError("a CRM contact's name")
        if self.rng.random() < 0.3:
            other = self.add_person(holder.company, names=(first, holder.last))
            self.crm_emails.discard(other.email)
            other.email = self.personal_email(other.first, other.last)
            self.crm_emails.add(other.email)
            other.mobile = other.mobile or self.number(other.country, PhoneNumberType.MOBILE)
        else:
            other = Person(
                "", first, holder.last, not holder.female, holder.company, holder.country, in_crm=False
            )
        fields = {"company": holder.company.short} if self.rng.random() < 0.5 else {}
        if other.in_crm and self.rng.random() < 0.6:
            fields["phone"] = self.written(other.mobile, other.country, crm=False)
        row = self.row(address, other.first, other.last, **fields)
        self.case("dotted_corporate_lookalike", row, (other.record_id,) if other.in_crm else ())

    def namesake_elsewhere(self) -> None:
        """Someone with the full name of a CRM contact, a personal address, living elsewhere: not the contact."""
        p = self.take()
        country = self.rng.choice([c for c in COUNTRIES if c is not DE]) if p.country is not DE else DE
        place = self.rng.choice([pl for pl in country.places if pl.city != p.place.city])
        other = Person("", p.first, p.last, p.female, p.company, country, in_crm=False)
        other.place, other.street, other.zip = place, self.street(country), self.postcode(country, place)
        email = f"{mailbox_word(p.first)}{mailbox_word(p.last)}{self.rng.randint(100, 999)}@{self.rng.choice(FREEMAIL)}"
        self.who = other
        fields = {}
        if self.rng.random() < 0.5:
            fields["address"] = self.address_cell(other)
        if self.rng.random() < 0.4:
            fields["phone"] = self.written(self.number(country, PhoneNumberType.MOBILE), country, crm=False)
        self.case("namesake_elsewhere", self.row(email, p.first, p.last, **fields), ())

    def not_in_crm(self) -> None:
        """A subscriber the CRM does not know: a personal address, or a work address at a company the CRM
        may know (with its switchboard as the phone sometimes)."""
        company = self.rng.choice(self.companies)
        female = self.rng.random() < 0.5
        first, last = self.names_of(company.country, female)
        if (first.lower(), last.lower(), company.domain) in self.crm_names_at:
            raise ValueError("a CRM contact's name at that company")
        stranger = Person("", first, last, female, company, company.country, in_crm=False)
        stranger.place, stranger.street, stranger.zip = company.place, company.street, company.zip
        self.who = stranger
        fields = {}
        if self.rng.random() < 0.5:
            email = self.work_email(first, last, company)
            if self.rng.random() < 0.5:
                fields["company"] = company.short
            if self.rng.random() < 0.25:
                fields["phone"] = self.written(company.switchboard, company.country, crm=False)
        else:
            email = self.personal_email(first, last)
            if self.rng.random() < 0.3:
                fields["phone"] = self.written(
                    self.number(company.country, PhoneNumberType.MOBILE), company.country, crm=False
                )
        if self.rng.random() < 0.2:
            fields["address"] = self.address_cell(stranger)
        if email in self.crm_emails:
            raise ValueError("taken")
        self.case("not_in_crm", self.row(email, first, last, **fields), ())

    def mistyped_freemail_cleaned(self) -> None:
        """A personal address the CRM holds, typed at sign-up with the provider misspelt; it bounced."""
        p = self.take()
        personal = self.personal_email(p.first, p.last)
        local, _, domain = personal.partition("@")
        typo = {
            "gmail.com": "gmial.com",
            "yahoo.com": "yaho.com",
            "outlook.com": "outlok.com",
            "hotmail.com": "hotmial.com",
            "icloud.com": "icloud.co",
            "aol.com": "aol.co",
        }[domain]
        p.additional.append(personal)
        self.crm_emails.add(personal)
        row = self.row(f"{local}@{typo}", p.first, p.last, status="cleaned")
        self.case("mistyped_freemail_cleaned", row, (p.record_id,))

    # -- the whole set --------------------------------------------------------------------------------

    def build(self) -> GeneratedCases:
        self.make_companies()
        while len(self.people) < self.size:
            self.add_person()
        self.pool = list(self.people)
        self.rng.shuffle(self.pool)
        per = self.per
        for make, count in (
            (self.clean_subscriber, 2 * per),
            (self.personal_email_known, per),
            (self.personal_email_with_mobile, per),
            (self.personal_email_name_company, per),
            (self.plus_addressing, per),
            (self.gmail_dots, per),
            (self.email_case_spaces, per),
            (self.names_case, per),
            (self.names_wrong_field, per),
            (self.junk_merge_fields, per),
            (self.email_only, per),
            (self.nickname_with_mobile, per),
            (self.married_name, per),
            (self.home_address_only, per),
            (self.birthday_no_year, per),
            (self.crm_duplicates, per),
            (self.bounced_after_job_change, per),
            (self.new_job_same_mobile, per),
            (self.switchboard_as_phone, per),
            (self.role_address_holder, per),
            (self.role_address_colleague, per),
            (self.shared_family_mailbox, per),
            (self.household_member, per),
            (self.recycled_mailbox, per),
            (self.dotted_corporate_lookalike, per),
            (self.namesake_elsewhere, per),
            (self.mistyped_freemail_cleaned, per),
            (self.not_in_crm, 2 * per),
        ):
            self.each(count, make)
        # The audience's files one under the other: subscribed, unsubscribed, cleaned, each in its own order.
        self.rng.shuffle(self.cases)
        order = {"": 0, "u": 1, "c": 2}
        self.cases.sort(
            key=lambda case: order["c" if case.row["CLEAN_TIME"] else "u" if case.row["UNSUB_TIME"] else ""]
        )
        for case in self.cases:
            case.external_id = case.row.pop("_leid")
            case.row["LEID"] = case.external_id
        rows = [self.crm_row(person) for person in self.people]
        self.rng.shuffle(rows)
        return GeneratedCases(crm_rows=rows, cases=self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the same files, standardised as its documentation asks: the audience's one-cell address split on
# its two spaces (zip the second part from the end, city the fourth), the CRM's mobile before its phone. A birthday
# without its year is no date of birth: neither side's is compared (with only the CRM's, Splink's EM fails on
# the comparison's unobserved levels).
PERSON_SQL = {
    "crm": """
        SELECT "Record ID" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}(coalesce(nullif("Mobile Phone Number", ''), "Phone Number")) AS phone,
               {company}("Company Name") AS company,
               nullif(trim("Postal Code"), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "LEID" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email Address")), '') AS email,
               {phone}("Phone Number") AS phone,
               {company}("Company") AS company,
               nullif(trim(list_extract(string_split(coalesce("Address", ''), '  '), -2)), '') AS zip,
               nullif(lower(trim(list_extract(string_split(coalesce("Address", ''), '  '), -4))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


def splink_model():
    """The person settings, their second EM session blocked on the email instead of the company: blocked on the
    company (colleagues, most of them not one person) EM drives a level's m to underflow and Splink stops."""
    from splink import block_on

    settings, (_, deterministic) = _person_settings()
    return settings, [block_on("first_name", "last_name"), block_on("email")], deterministic, 0.7, {}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="hubspot",
        inbound_file="mailchimp",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="LEID",
        cli_options=["--provider", "hubspot", "--object", "contacts", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="HubSpot contacts <- Mailchimp audience export",
        splink_model=splink_model,
    )
]


if __name__ == "__main__":
    run_generated("identity19", SUITES, seed=191, people=3000, orgs=0, per_category=40)
