"""A fifteenth identity generator, written from scratch: Salesforce Contacts <- event registrations.

    python benchmarks/identity_fifteenth.py [--seed 151] [--people 3000] [--skip-splink] [--keep DIR]

The CRM side is a Salesforce Contacts report export ("Contact ID", "Salutation", "First Name", "Last Name",
"Title", "Account Name", "Email", "Phone", "Mobile", "Mailing City", "Mailing Country"); the inbound side an
Eventbrite attendee report of a conference and its webinars ("Attendee #", "Order #", "Order Date", "First
Name", "Last Name", "Email", "Buyer Email", "Ticket Type", "Company", "Job Title", "Cell Phone", "Work Phone",
"Work City", "Work Country", "Badge Name").

Registration data is typed by the people themselves, on phones, often by someone else for them: an executive
assistant books her executives with her own address, a team lead books his team with his, marketing books a
group under events@; names come in capitals or lower case, with titles and suffixes, swapped by a form, as badge
nicknames, in their own order and script; emails are personal, mistyped or placeholders; companies are
abbreviated, suffixed or carry "The"; phones are local. Each category has people who are in the CRM and people
who are not, with the CRM ids that are right for each row as ground truth. Deterministic per seed.
"""

import random
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

CRM_COLUMNS = [
    "Contact ID",
    "Salutation",
    "First Name",
    "Last Name",
    "Title",
    "Account Name",
    "Email",
    "Phone",
    "Mobile",
    "Mailing City",
    "Mailing Country",
    "Lead Source",
    "Created Date",
]
INBOUND_ID = "Attendee #"
INBOUND_COLUMNS = [
    INBOUND_ID,
    "Order #",
    "Order Date",
    "First Name",
    "Last Name",
    "Email",
    "Buyer Email",
    "Ticket Type",
    "Company",
    "Job Title",
    "Cell Phone",
    "Work Phone",
    "Work City",
    "Work Country",
    "Badge Name",
]

# -- the world: countries, names, companies ---------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple[str, ...]  # the CRM's English name first, then how attendees write it
    calling: str
    trunk: str  # the national prefix a local number is written with
    cities: tuple[str, ...]
    area_codes: tuple[str, ...]
    mobile_prefixes: tuple[str, ...]
    local_digits: int  # digits after the area code / mobile prefix


COUNTRIES = {
    "US": Country(
        "US",
        ("United States", "USA", "US", "United States of America"),
        "1",
        "",
        ("New York", "Chicago", "San Francisco", "Boston", "Austin", "Seattle", "Atlanta", "Denver"),
        ("212", "312", "415", "617", "512", "206", "404", "303"),
        ("917", "773", "650", "857", "737", "425", "678", "720"),
        7,
    ),
    "GB": Country(
        "GB",
        ("United Kingdom", "UK", "England", "Great Britain"),
        "44",
        "0",
        ("London", "Manchester", "Edinburgh", "Bristol", "Leeds"),
        ("20", "161", "131", "117", "113"),
        ("7700", "7911", "7825", "7403"),
        6,
    ),
    "DE": Country(
        "DE",
        ("Germany", "Deutschland", "DE"),
        "49",
        "0",
        ("Berlin", "München", "Hamburg", "Frankfurt am Main", "Köln", "Stuttgart"),
        ("30", "89", "40", "69", "221", "711"),
        ("151", "160", "170", "176"),
        8,
    ),
    "ES": Country(
        "ES",
        ("Spain", "España", "Espana"),
        "34",
        "",
        ("Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao"),
        ("91", "93", "96", "95", "94"),
        ("6", "7"),
        8,
    ),
    "NL": Country(
        "NL",
        ("Netherlands", "Nederland", "The Netherlands", "Holland"),
        "31",
        "0",
        ("Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven"),
        ("20", "10", "30", "70", "40"),
        ("6",),
        8,
    ),
    "BR": Country(
        "BR",
        ("Brazil", "Brasil"),
        "55",
        "",
        ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre"),
        ("11", "21", "31", "41", "51"),
        ("119", "219", "319"),
        8,
    ),
    "FR": Country(
        "FR",
        ("France", "FR", "france"),
        "33",
        "0",
        ("Paris", "Lyon", "Marseille", "Toulouse", "Lille"),
        ("1", "4", "5"),
        ("6", "7"),
        8,
    ),
    "VN": Country(
        "VN",
        ("Vietnam", "Viet Nam", "Việt Nam"),
        "84",
        "0",
        ("Ho Chi Minh City", "Hanoi", "Da Nang"),
        ("28", "24", "236"),
        ("90", "91", "98"),
        7,
    ),
    "CN": Country(
        "CN",
        ("China", "PRC", "P.R. China", "中国"),
        "86",
        "0",
        ("Shanghai", "Beijing", "Shenzhen", "Guangzhou"),
        ("21", "10", "755", "20"),
        ("139", "138", "186"),
        8,
    ),
    "KR": Country(
        "KR",
        ("South Korea", "Korea", "Republic of Korea", "대한민국"),
        "82",
        "0",
        ("Seoul", "Busan", "Incheon"),
        ("2", "51", "32"),
        ("10",),
        8,
    ),
    "AE": Country(
        "AE",
        ("United Arab Emirates", "UAE", "U.A.E."),
        "971",
        "0",
        ("Dubai", "Abu Dhabi", "Sharjah"),
        ("4", "2", "6"),
        ("50", "55", "56"),
        7,
    ),
    "IN": Country(
        "IN",
        ("India", "IN", "INDIA"),
        "91",
        "0",
        ("Bengaluru", "Mumbai", "Chennai", "Hyderabad", "Pune"),
        ("80", "22", "44", "40", "20"),
        ("98", "99", "90"),
        8,
    ),
    "RU": Country(
        "RU",
        ("Russia", "Russian Federation", "Россия"),
        "7",
        "8",
        ("Moscow", "Saint Petersburg", "Novosibirsk"),
        ("495", "812", "383"),
        ("916", "921", "903"),
        7,
    ),
    "GR": Country(
        "GR",
        ("Greece", "GR", "Ελλάδα"),
        "30",
        "",
        ("Athens", "Thessaloniki", "Patras"),
        ("21", "231", "261"),
        ("69",),
        8,
    ),
    "JP": Country(
        "JP",
        ("Japan", "JP", "日本"),
        "81",
        "0",
        ("Tokyo", "Osaka", "Yokohama"),
        ("3", "6", "45"),
        ("90", "80"),
        8,
    ),
}


@dataclass(frozen=True)
class Culture:
    """How a people writes its names: first names by sex, family names, and the country they mostly work in."""

    name: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    countries: tuple[str, ...]


CULTURES = (
    Culture(
        "anglo",
        (
            "Michael",
            "Robert",
            "William",
            "James",
            "John",
            "David",
            "Richard",
            "Thomas",
            "Christopher",
            "Daniel",
            "Matthew",
            "Anthony",
            "Steven",
            "Andrew",
            "Joseph",
            "Kenneth",
            "Timothy",
            "Edward",
            "Jonathan",
            "Patrick",
            "Gregory",
            "Nicholas",
            "Benjamin",
            "Samuel",
            "Alexander",
            "Peter",
        ),
        (
            "Elizabeth",
            "Jennifer",
            "Patricia",
            "Margaret",
            "Katherine",
            "Susan",
            "Jessica",
            "Sarah",
            "Rebecca",
            "Deborah",
            "Victoria",
            "Jacqueline",
            "Christine",
            "Samantha",
            "Abigail",
            "Melissa",
            "Amanda",
            "Stephanie",
            "Laura",
            "Emily",
            "Hannah",
            "Rachel",
            "Olivia",
            "Megan",
        ),
        (
            "Smith",
            "Johnson",
            "Brown",
            "Williams",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Anderson",
            "Taylor",
            "Thomas",
            "Moore",
            "Martin",
            "Jackson",
            "Thompson",
            "White",
            "Harris",
            "Clark",
            "Lewis",
            "Robinson",
            "Walker",
            "Young",
            "Allen",
            "King",
            "Wright",
            "Scott",
            "Green",
            "Baker",
            "Adams",
            "Nelson",
            "Hill",
            "Campbell",
            "Mitchell",
            "Roberts",
            "Carter",
            "Phillips",
            "Evans",
            "Turner",
            "Parker",
            "Collins",
            "Edwards",
            "Stewart",
            "Morris",
            "Murphy",
            "Cook",
            "Rogers",
            "O'Brien",
            "McDonald",
            "Fitzgerald",
            "Sullivan",
            "Bennett",
            "Hughes",
            "Price",
            "Sanders",
        ),
        ("US", "US", "US", "GB"),
    ),
    Culture(
        "spanish",
        ("Carlos", "José", "Javier", "Miguel", "Alejandro", "Pablo", "Andrés", "Sergio", "Fernando"),
        ("María", "Lucía", "Carmen", "Isabel", "Elena", "Paula", "Marta", "Cristina", "Pilar"),
        (
            "García",
            "López",
            "Martínez",
            "Rodríguez",
            "Fernández",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Díaz",
            "Moreno",
            "Muñoz",
            "Álvarez",
            "Romero",
            "Navarro",
            "Torres",
            "Ruiz",
        ),
        ("ES",),
    ),
    Culture(
        "dutch",
        ("Jan", "Pieter", "Joost", "Maarten", "Bram", "Daan", "Sander", "Wouter", "Thijs"),
        ("Sanne", "Femke", "Anouk", "Lotte", "Marloes", "Esther", "Ingrid", "Eline", "Fleur"),
        (
            "van der Berg",
            "de Vries",
            "de Jong",
            "van Dijk",
            "van der Meer",
            "van den Bosch",
            "Bakker",
            "Visser",
            "Smit",
            "Mulder",
            "de Boer",
            "van Leeuwen",
            "Jansen",
            "van der Linden",
        ),
        ("NL",),
    ),
    Culture(
        "portuguese",
        ("João", "Pedro", "Lucas", "Gabriel", "Rafael", "Thiago", "Rodrigo", "Felipe"),
        ("Ana", "Mariana", "Beatriz", "Juliana", "Fernanda", "Camila", "Larissa", "Patrícia"),
        (
            "de Souza",
            "da Silva",
            "dos Santos",
            "de Oliveira",
            "Ferreira",
            "Costa",
            "Pereira",
            "de Almeida",
            "Carvalho",
            "Ribeiro",
            "Gonçalves",
            "Rocha",
        ),
        ("BR",),
    ),
    Culture(
        "german",
        ("Jürgen", "Klaus", "Stefan", "Matthias", "Andreas", "Tobias", "Florian", "Markus", "Jörg"),
        ("Katrin", "Sabine", "Ursula", "Birgit", "Anja", "Julia", "Nicole", "Stefanie", "Jutta"),
        (
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
            "Krüger",
            "Größner",
            "Bauer",
            "Wolf",
        ),
        ("DE",),
    ),
    Culture(
        "french",
        ("François", "Jérôme", "Sébastien", "Thierry", "Benoît", "Olivier", "Guillaume", "Étienne"),
        ("Hélène", "Amélie", "Céline", "Sophie", "Élodie", "Nathalie", "Camille", "Aurélie"),
        ("Lefèvre", "Dubois", "Moreau", "Laurent", "Girard", "Rousseau", "Mercier", "Fontaine", "Chevalier"),
        ("FR",),
    ),
    Culture(
        "vietnamese",
        ("Tuan", "Minh", "Hung", "Dung", "Quang", "Long", "Phong"),
        ("Lan", "Hoa", "Linh", "Mai", "Trang", "Thao", "Huong"),
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"),
        ("VN",),
    ),
    Culture(
        "chinese",
        ("Wei", "Jun", "Lei", "Hao", "Qiang", "Ming", "Jian", "Xiaoming", "Zhiwei"),
        ("Fang", "Jing", "Li", "Yan", "Xiu", "Mei", "Ying", "Xiaoling", "Yuqing"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu"),
        ("CN",),
    ),
    Culture(
        "korean",
        ("Min-jun", "Ji-hoon", "Seung-woo", "Hyun-woo", "Dong-hyun", "Jae-won"),
        ("Seo-yeon", "Ji-eun", "Min-ji", "Soo-jin", "Hye-jin", "Eun-ji"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"),
        ("KR",),
    ),
    Culture(
        "arabic",
        ("Mohammed", "Ahmed", "Omar", "Khalid", "Youssef", "Hassan", "Tariq", "Faisal"),
        ("Fatima", "Layla", "Noor", "Aisha", "Mariam", "Huda", "Rania", "Salma"),
        (
            "Al-Rashid",
            "Al-Hashimi",
            "Al-Mansouri",
            "Al-Qasimi",
            "Haddad",
            "Khoury",
            "Al-Farsi",
            "El-Sayed",
            "Nasser",
            "Al-Amin",
        ),
        ("AE",),
    ),
    Culture(
        "indian",
        ("Rahul", "Anand", "Vikram", "Arjun", "Sanjay", "Rajesh", "Suresh", "Venkatesh", "Karthik"),
        ("Priya", "Deepa", "Ananya", "Kavya", "Lakshmi", "Meera", "Pooja", "Divya", "Sneha"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Krishnan", "Menon", "Rao", "Subramanian"),
        ("IN",),
    ),
    Culture(
        "russian",
        ("Sergey", "Aleksandr", "Dmitry", "Andrey", "Mikhail", "Yuriy", "Aleksey", "Nikolay"),
        ("Natalya", "Yuliya", "Olga", "Tatyana", "Yekaterina", "Svetlana", "Irina", "Anastasiya"),
        ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov"),
        ("RU",),
    ),
    Culture(
        "greek",
        ("Dimitrios", "Georgios", "Konstantinos", "Ioannis", "Nikolaos", "Panagiotis", "Christos"),
        ("Eleni", "Maria", "Aikaterini", "Vasiliki", "Sofia", "Georgia", "Dimitra"),
        ("Papadopoulos", "Georgiou", "Nikolaidis", "Papadakis", "Vlachos", "Konstantinou", "Oikonomou"),
        ("GR",),
    ),
    Culture(
        "japanese",
        ("Hiroshi", "Takeshi", "Kenji", "Daisuke", "Kazuki", "Shota", "Yuto"),
        ("Yuki", "Haruka", "Ayaka", "Misaki", "Naoko", "Emi", "Keiko"),
        ("Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi"),
        ("JP",),
    ),
)
# Shares of the CRM by culture: an English-speaking vendor's CRM with an international customer base.
CULTURE_WEIGHTS = (40, 5, 5, 5, 6, 4, 3, 5, 3, 4, 6, 3, 3, 3)
# Russian and Greek names as other transliterations write them (Cyrillic and Greek themselves too).
TRANSLITERATIONS = {
    "Sergey": ("Sergei", "Сергей"),
    "Aleksandr": ("Alexander", "Alexandr", "Александр"),
    "Dmitry": ("Dmitri", "Dmitriy", "Дмитрий"),
    "Andrey": ("Andrei", "Andrew", "Андрей"),
    "Mikhail": ("Michail", "Михаил"),
    "Yuriy": ("Yuri", "Iurii", "Юрий"),
    "Aleksey": ("Alexey", "Alexei", "Алексей"),
    "Nikolay": ("Nikolai", "Николай"),
    "Natalya": ("Natalia", "Natalie", "Наталья"),
    "Yuliya": ("Yulia", "Julia", "Юлия"),
    "Olga": ("Olga", "Ольга"),
    "Tatyana": ("Tatiana", "Tatjana", "Татьяна"),
    "Yekaterina": ("Ekaterina", "Katerina", "Екатерина"),
    "Svetlana": ("Svetlana", "Светлана"),
    "Irina": ("Irina", "Ирина"),
    "Anastasiya": ("Anastasia", "Анастасия"),
    "Ivanov": ("Ivanov", "Иванов"),
    "Smirnov": ("Smirnoff", "Смирнов"),
    "Kuznetsov": ("Kuznetsoff", "Kusnezow", "Кузнецов"),
    "Popov": ("Popoff", "Попов"),
    "Sokolov": ("Sokolov", "Соколов"),
    "Lebedev": ("Lebedew", "Лебедев"),
    "Kozlov": ("Koslov", "Козлов"),
    "Novikov": ("Novikoff", "Новиков"),
    "Morozov": ("Morosov", "Морозов"),
    "Dimitrios": ("Dimitris", "Δημήτριος"),
    "Georgios": ("Giorgos", "Γεώργιος"),
    "Konstantinos": ("Kostas", "Konstantinos", "Κωνσταντίνος"),
    "Ioannis": ("Giannis", "Yannis", "Ιωάννης"),
    "Nikolaos": ("Nikos", "Νικόλαος"),
    "Panagiotis": ("Panos", "Παναγιώτης"),
    "Christos": ("Hristos", "Χρήστος"),
    "Eleni": ("Helen", "Ελένη"),
    "Maria": ("Μαρία",),
    "Aikaterini": ("Katerina", "Ekaterini", "Αικατερίνη"),
    "Vasiliki": ("Vicky", "Βασιλική"),
    "Sofia": ("Sophia", "Σοφία"),
    "Georgia": ("Γεωργία",),
    "Dimitra": ("Δήμητρα",),
    "Papadopoulos": ("Papadopoulou", "Παπαδόπουλος"),
    "Georgiou": ("Γεωργίου",),
    "Nikolaidis": ("Nikolaides", "Νικολαΐδης"),
    "Papadakis": ("Παπαδάκης",),
    "Vlachos": ("Vlahos", "Βλάχος"),
    "Konstantinou": ("Constantinou", "Κωνσταντίνου"),
    "Oikonomou": ("Economou", "Οικονόμου"),
}
# Badge names: how people who go by another name write it on a conference badge.
BADGE_NAMES = {
    "Michael": ("Mike", "Mick"),
    "Robert": ("Bob", "Rob", "Bobby"),
    "William": ("Bill", "Will", "Liam"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "John": ("Jack", "Johnny"),
    "David": ("Dave",),
    "Richard": ("Rick", "Dick", "Rich"),
    "Thomas": ("Tom", "Tommy"),
    "Christopher": ("Chris", "Kit"),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Anthony": ("Tony",),
    "Steven": ("Steve",),
    "Andrew": ("Andy", "Drew"),
    "Joseph": ("Joe", "Joey"),
    "Kenneth": ("Ken", "Kenny"),
    "Timothy": ("Tim",),
    "Edward": ("Ed", "Ted", "Eddie"),
    "Jonathan": ("Jon",),
    "Patrick": ("Pat", "Paddy"),
    "Gregory": ("Greg",),
    "Nicholas": ("Nick",),
    "Benjamin": ("Ben",),
    "Samuel": ("Sam",),
    "Alexander": ("Alex", "Sasha"),
    "Peter": ("Pete",),
    "Elizabeth": ("Liz", "Beth", "Betty", "Eliza"),
    "Jennifer": ("Jen", "Jenny"),
    "Patricia": ("Pat", "Patty", "Trish"),
    "Margaret": ("Maggie", "Peggy", "Meg"),
    "Katherine": ("Kate", "Kathy", "Katie"),
    "Susan": ("Sue", "Suzy"),
    "Jessica": ("Jess",),
    "Rebecca": ("Becky", "Becca"),
    "Deborah": ("Deb", "Debbie"),
    "Victoria": ("Vicky", "Tori"),
    "Jacqueline": ("Jackie",),
    "Christine": ("Chris", "Chrissy"),
    "Samantha": ("Sam",),
    "Abigail": ("Abby",),
    "Melissa": ("Mel", "Missy"),
    "Amanda": ("Mandy",),
    "Stephanie": ("Steph",),
    "Emily": ("Em",),
    "Alejandro": ("Álex",),
    "José": ("Pepe",),
    "Francisco": ("Paco",),
    "Guillaume": ("Will",),
    "Aleksandr": ("Sasha",),
    "Dmitry": ("Dima",),
    "Yekaterina": ("Katya",),
    "Konstantinos": ("Kostas",),
}
TITLES = (
    "Chief Executive Officer",
    "CFO",
    "VP Sales",
    "VP of Marketing",
    "Head of Procurement",
    "IT Director",
    "Sales Manager",
    "Marketing Manager",
    "Account Executive",
    "Software Engineer",
    "Data Analyst",
    "Operations Manager",
    "Product Manager",
    "HR Business Partner",
    "Solutions Architect",
    "Consultant",
    "Senior Consultant",
    "Partner",
    "Director of Finance",
    "Customer Success Manager",
    "Office Manager",
)
EXECUTIVE_TITLES = (
    "Chief Executive Officer",
    "CFO",
    "COO",
    "Managing Director",
    "President",
    "General Counsel",
)


@dataclass(frozen=True)
class Company:
    """An account: the CRM's name for it, the names attendees type, its email domain and switchboard."""

    name: str
    variants: tuple[str, ...]
    domain: str
    country: str
    city: str
    switchboard: str  # digits after the country code
    big: bool = False


# Big employers with the ways people write them; the rest are made up per seed.
BIG_COMPANIES = (
    ("Deloitte LLP", ("Deloitte", "Deloitte Consulting", "DELOITTE"), "deloitte.com"),
    ("International Business Machines Corporation", ("IBM", "IBM Corp", "I.B.M."), "ibm.com"),
    ("Accenture plc", ("Accenture", "ACN"), "accenture.com"),
    ("The Coca-Cola Company", ("Coca-Cola", "Coca Cola", "Coke"), "coca-cola.com"),
    ("PricewaterhouseCoopers LLP", ("PwC", "PWC", "Pricewaterhouse Coopers"), "pwc.com"),
    ("Ernst & Young LLP", ("EY", "Ernst and Young", "E&Y"), "ey.com"),
    ("Siemens AG", ("Siemens", "SIEMENS AG"), "siemens.com"),
    ("Banco Santander S.A.", ("Santander", "Banco Santander"), "santander.com"),
    ("Koninklijke Philips N.V.", ("Philips", "Royal Philips"), "philips.com"),
    ("Tata Consultancy Services Limited", ("TCS", "Tata Consultancy Services"), "tcs.com"),
    ("Samsung Electronics Co., Ltd.", ("Samsung", "Samsung Electronics"), "samsung.com"),
    ("The Boston Consulting Group, Inc.", ("BCG", "Boston Consulting Group"), "bcg.com"),
    ("Procter & Gamble Co.", ("P&G", "Procter and Gamble"), "pg.com"),
    ("Hewlett Packard Enterprise Company", ("HPE", "Hewlett Packard Enterprise"), "hpe.com"),
    ("Emirates Group", ("Emirates", "Emirates Airline"), "emirates.com"),
    ("Petróleo Brasileiro S.A.", ("Petrobras",), "petrobras.com.br"),
)
SMALL_NAME_PARTS = (
    (
        "Blue",
        "North",
        "Summit",
        "Iron",
        "Harbor",
        "Pine",
        "Silver",
        "Bright",
        "Cedar",
        "Atlas",
        "Granite",
        "Red",
        "Golden",
        "Vertex",
        "Nova",
        "Orbit",
        "Clear",
        "Falcon",
        "Maple",
        "Beacon",
        "Polar",
        "Crescent",
    ),
    (
        "Ridge",
        "Stone",
        "Bridge",
        "Field",
        "Point",
        "Wave",
        "Peak",
        "Lake",
        "Rock",
        "Gate",
        "Path",
        "Works",
        "Labs",
        "Logic",
        "Line",
        "Forge",
        "Leaf",
        "Way",
        "Light",
        "Hill",
    ),
    (
        "Analytics",
        "Logistics",
        "Software",
        "Consulting",
        "Partners",
        "Systems",
        "Health",
        "Capital",
        "Manufacturing",
        "Media",
        "Energy",
        "Foods",
        "Robotics",
        "Security",
        "Solutions",
        "Group",
    ),
)
LEGAL_SUFFIXES = {
    "US": ("Inc.", "LLC", "Corp."),
    "GB": ("Ltd", "Limited", "LLP"),
    "DE": ("GmbH", "AG"),
    "ES": ("S.L.", "S.A."),
    "NL": ("B.V.",),
    "BR": ("Ltda.", "S.A."),
    "FR": ("SAS", "SARL"),
    "VN": ("JSC", "Co., Ltd."),
    "CN": ("Co., Ltd.",),
    "KR": ("Co., Ltd.",),
    "AE": ("LLC", "FZE"),
    "IN": ("Pvt. Ltd.", "Limited"),
    "RU": ("LLC", "OOO"),
    "GR": ("S.A.",),
    "JP": ("K.K.", "Co., Ltd."),
}
TLDS = {
    "US": ".com",
    "GB": ".co.uk",
    "DE": ".de",
    "ES": ".es",
    "NL": ".nl",
    "BR": ".com.br",
    "FR": ".fr",
    "VN": ".vn",
    "CN": ".cn",
    "KR": ".co.kr",
    "AE": ".ae",
    "IN": ".in",
    "RU": ".ru",
    "GR": ".gr",
    "JP": ".jp",
}
FREE_MAIL = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me")
PLACEHOLDER_EMAILS = (
    "test@test.com",
    "none@none.com",
    "n/a",
    "na@na.com",
    "noemail@noemail.com",
    "asdf@asdf.com",
    "no@email.com",
    "x@x.com",
    "-",
    "abc@abc.com",
)
TICKETS = (
    "General Admission",
    "Early Bird",
    "VIP Pass",
    "Webinar",
    "Workshop + Conference",
    "Free - Virtual",
)


# -- people -----------------------------------------------------------------------------------------------


@dataclass
class Person:
    culture: str
    first: str
    last: str
    female: bool
    company: Company
    title: str
    email: str
    phone: str  # direct line or switchboard with extension, international format
    mobile: str  # international format, or ""
    city: str
    country: str
    salutation: str = ""
    suffix: str = ""
    crm_id: str = ""
    extra: dict = field(default_factory=dict)


def strip_marks(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def same_first(a: str, b: str) -> bool:
    """One given name to a reader, accents and case aside: Patrícia is Patricia."""
    return strip_marks(a).casefold() == strip_marks(b).casefold()


def local_part(text: str) -> str:
    return "".join(c for c in strip_marks(text).lower() if c.isalnum())


class World:
    """The companies and people of one seed, with the helpers that write them as CRM rows and registrations."""

    def __init__(self, rng: random.Random, people: int):
        self.rng = rng
        self.numbers: set[str] = set()
        self.shapes: dict[tuple, list[tuple[str, int]]] = {}
        self.companies = self._companies()
        self.people: list[Person] = []
        self.crm_rows: list[dict] = []
        self.names_in_crm: set[tuple[str, str]] = set()
        self.surnames_at: set[tuple[str, str, str]] = set()
        self.emails: set[str] = set()
        self.next_id = 0
        self.order = 70000000 + rng.randrange(1000000)
        for _ in range(people):
            self.add_to_crm(self.new_person())

    # companies

    def _companies(self) -> list[Company]:
        rng = self.rng
        companies = []
        for name, variants, domain in BIG_COMPANIES:
            country = rng.choice(("US", "US", "GB", "DE", "NL", "IN"))
            city = rng.choice(COUNTRIES[country].cities)
            companies.append(
                Company(name, variants, domain, country, city, self._landline(country), big=True)
            )
        seen = {c.domain for c in companies}
        while len(companies) < 260:
            first, second, kind = (rng.choice(part) for part in SMALL_NAME_PARTS)
            country = rng.choices(list(COUNTRIES), weights=[30, 8, 7, 5, 5, 5, 4, 3, 3, 3, 4, 5, 2, 2, 2])[0]
            base = f"{first}{second.lower()}" if rng.random() < 0.5 else f"{first} {second}"
            suffix = rng.choice(LEGAL_SUFFIXES[country])
            crm_name = f"{base} {kind} {suffix}"
            domain = local_part(base) + (local_part(kind)[:4] if rng.random() < 0.3 else "") + TLDS[country]
            if domain in seen:
                continue
            seen.add(domain)
            initials = "".join(word[0] for word in f"{base} {kind}".split()).upper()
            variants = (f"{base} {kind}", f"{base} {kind}, {suffix}", f"The {base} {kind}", initials)
            city = rng.choice(COUNTRIES[country].cities)
            companies.append(Company(crm_name, variants, domain, country, city, self._landline(country)))
        return companies

    def company_in(self, country: str | None = None, big: bool | None = None) -> Company:
        pool = [
            c
            for c in self.companies
            if (country is None or c.country == country) and (big is None or c.big == big)
        ]
        return self.rng.choice(pool or self.companies)

    # phones: "CC:national number", valid in the country's numbering plan (libphonenumber), written by
    # `international` and `local` as people write them

    def _number(self, country: str, prefixes: tuple[str, ...]) -> str:
        for _ in range(2000):
            prefix, length = self.rng.choice(self._shapes(country, prefixes))
            digits = prefix + "".join(str(self.rng.randrange(2 if i == 0 else 0, 10)) for i in range(length))
            if digits not in self.numbers and self._valid(country, digits):
                self.numbers.add(digits)
                return f"{country}:{digits}"
        raise RuntimeError(f"no valid number in {country} with prefixes {prefixes}")

    def _shapes(self, country: str, prefixes: tuple[str, ...]) -> list[tuple[str, int]]:
        """The (prefix, digits after it) of valid numbers in the country's plan, found once by trying."""
        key = (country, prefixes)
        if key not in self.shapes:
            spec, trial = COUNTRIES[country], random.Random(f"{country}{prefixes}")
            self.shapes[key] = [
                (prefix, length)
                for prefix in prefixes
                for length in (spec.local_digits - 1, spec.local_digits, spec.local_digits + 1)
                if any(
                    self._valid(country, prefix + "".join(str(trial.randrange(2, 10)) for _ in range(length)))
                    for _ in range(8)
                )
            ]
        return self.shapes[key]

    @staticmethod
    def _valid(country: str, digits: str) -> bool:
        parsed = phonenumbers.parse(f"+{COUNTRIES[country].calling}{digits}")
        return phonenumbers.is_valid_number(parsed) and phonenumbers.region_code_for_number(parsed) == country

    def _landline(self, country: str) -> str:
        return self._number(country, COUNTRIES[country].area_codes)

    def mobile_number(self, country: str) -> str:
        return self._number(country, COUNTRIES[country].mobile_prefixes)

    @staticmethod
    def _parsed(number: str):
        country, digits = number.split(":")
        return phonenumbers.parse(f"+{COUNTRIES[country].calling}{digits}")

    @classmethod
    def international(cls, number: str) -> str:
        if not number:
            return ""
        return phonenumbers.format_number(cls._parsed(number), phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def local(self, number: str) -> str:
        """A number as a local attendee types it: no country code, the national prefix and grouping, or the
        digits run together."""
        if not number:
            return ""
        national = phonenumbers.format_number(self._parsed(number), phonenumbers.PhoneNumberFormat.NATIONAL)
        roll = self.rng.random()
        if roll < 0.6:
            return national
        if roll < 0.85:
            return "".join(c for c in national if c.isdigit())
        return national.replace(" ", "-")

    def written_phone(self, number: str) -> str:
        """Registrations: half local, the rest international (some without spaces, some with 00)."""
        if not number:
            return ""
        roll = self.rng.random()
        if roll < 0.5:
            return self.local(number)
        country, digits = number.split(":")
        if roll < 0.7:
            return f"+{COUNTRIES[country].calling}{digits}"
        if roll < 0.8 and country != "US":
            return f"00{COUNTRIES[country].calling} {digits}"
        return self.international(number)

    # people

    def new_person(
        self,
        culture: Culture | None = None,
        company: Company | None = None,
        *,
        first: str = "",
        last: str = "",
        female: bool | None = None,
    ) -> Person:
        rng = self.rng
        culture = culture or rng.choices(CULTURES, weights=CULTURE_WEIGHTS)[0]
        if female is None:
            female = rng.random() < 0.45
        country = rng.choice(culture.countries)
        company_given = company is not None
        if company is None:
            company = self.company_in(country if rng.random() < 0.8 else None, big=rng.random() < 0.3 or None)
        for attempt in range(400):
            given = first or rng.choice(culture.female if female else culture.male)
            family = last or rng.choice(culture.family)
            if not last and culture.name == "spanish" and rng.random() < 0.6:
                family = f"{family} {rng.choice(culture.family)}"  # both surnames, the father's first
            if first and last:
                break
            if (
                attempt % 50 == 49 and not company_given
            ):  # every name of this culture is taken here: someone at another company
                company = self.company_in(big=False)
            # A namesake of someone the CRM holds only when a culture's names run out (small name pools), and
            # never at the same company: that is the CRM's person to anyone reading the two records.
            if not self._known_at(given, family, company) and (
                attempt >= 50 or (given, family) not in self.names_in_crm
            ):
                break
        title = rng.choice(TITLES)
        email = self.work_email(given, family, company)
        phone = ""
        if rng.random() < 0.55:
            phone = self._landline(company.country)
        elif rng.random() < 0.5:
            phone = company.switchboard + f";ext {rng.randrange(100, 9999)}"
        mobile = self.mobile_number(company.country) if rng.random() < 0.6 else ""
        salutation = rng.choice(("Ms.", "Mrs.") if female else ("Mr.",)) if rng.random() < 0.5 else ""
        if rng.random() < 0.04:
            salutation = "Dr."
        return Person(
            culture.name,
            given,
            family,
            female,
            company,
            title,
            email,
            phone,
            mobile,
            company.city if rng.random() < 0.85 else rng.choice(COUNTRIES[company.country].cities),
            company.country,
            salutation,
        )

    def _known_at(self, first: str, last: str, company: Company) -> bool:
        """Whether the CRM holds a person of this first name and one of these surnames at this company ("Carmen
        Díaz Sánchez" beside the CRM's "Carmen Díaz": the Spanish double surname of one person to anyone
        reading them). Namesakes at one company are made on purpose, by their own categories."""
        return any((company.domain, first, word) in self.surnames_at for word in last.split())

    def work_email(self, first: str, last: str, company: Company) -> str:
        f, s = local_part(first), local_part(last)
        patterns = (f"{f}.{s}", f"{f[0]}{s}", f"{f}{s[0]}", f"{f}_{s}", f"{f}", f"{s}.{f}")
        weights = (50, 25, 5, 5, 5 if not company.big else 0, 10 if company.big else 2)
        while True:
            user = self.rng.choices(patterns, weights=weights)[0]
            email = f"{user}@{company.domain}"
            if email not in self.emails:
                self.emails.add(email)
                return email
            weights = (50, 25, 5, 5, 0, 10)
            patterns = tuple(p + str(self.rng.randrange(2, 99)) for p in patterns)

    def personal_email(self, person: Person) -> str:
        f, s = local_part(person.first), local_part(person.last)
        user = self.rng.choice((f"{f}.{s}", f"{f}{s}", f"{f[0]}{s}", f"{f}{s}{self.rng.randrange(70, 99)}"))
        while True:
            email = f"{user}@{self.rng.choice(FREE_MAIL)}"
            if email not in self.emails:
                self.emails.add(email)
                return email
            user += str(self.rng.randrange(10))

    def add_to_crm(self, person: Person) -> Person:
        self.next_id += 1
        person.crm_id = f"003{self.next_id:015d}"[:18]
        self.people.append(person)
        self.names_in_crm.add((person.first, person.last))
        self.surnames_at.update((person.company.domain, person.first, word) for word in person.last.split())
        phone = person.phone
        if ";ext " in phone:
            number, extension = phone.split(";ext ")
            phone = f"{self.international(number)} {self.rng.choice(('ext.', 'x', 'ext'))} {extension}"
        else:
            phone = self.international(phone)
        self.crm_rows.append(
            {
                "Contact ID": person.crm_id,
                "Salutation": person.salutation,
                "First Name": person.first,
                "Last Name": person.last + (f" {person.suffix}" if person.suffix else ""),
                "Title": person.title,
                "Account Name": person.company.name,
                "Email": person.email,
                "Phone": phone,
                "Mobile": self.international(person.mobile),
                "Mailing City": person.city,
                "Mailing Country": COUNTRIES[person.country].names[0],
                "Lead Source": self.rng.choice(
                    ("Web", "Trade Show", "Partner Referral", "Webinar", "List Import")
                ),
                "Created Date": f"{self.rng.randrange(2016, 2026)}-{self.rng.randrange(1, 13):02d}-"
                f"{self.rng.randrange(1, 29):02d}",
            }
        )
        return person

    def pick(self, used: set, condition=lambda person: True) -> Person:
        """A CRM person no other case took yet."""
        for _ in range(10000):
            person = self.rng.choice(self.people)
            if person.crm_id not in used and condition(person):
                used.add(person.crm_id)
                return person
        raise RuntimeError("no CRM person left for a category")

    # registrations

    def registration(self, person: Person, **overrides) -> dict:
        """The attendee row a person typing their own registration writes: work email, company as they say
        it, their mobile, their city and country as they write them."""
        rng = self.rng
        self.order += rng.randrange(1, 40)
        company = person.company
        row = {
            "Order #": str(self.order),
            "Order Date": f"2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 29):02d} "
            f"{rng.randrange(7, 23):02d}:{rng.randrange(60):02d}",
            "First Name": person.first,
            "Last Name": person.last,
            "Email": person.email,
            "Buyer Email": person.email,
            "Ticket Type": rng.choice(TICKETS),
            "Company": rng.choice((company.name, *company.variants, *company.variants)),
            "Job Title": person.title if rng.random() < 0.7 else rng.choice(TITLES),
            "Cell Phone": self.written_phone(person.mobile) if rng.random() < 0.75 else "",
            "Work Phone": "",
            "Work City": strip_marks(person.city) if rng.random() < 0.2 else person.city,
            "Work Country": rng.choice(COUNTRIES[person.country].names),
            "Badge Name": "",
        }
        if rng.random() < 0.15:
            row["Work City"] = ""
        if rng.random() < 0.25:
            row["Work Country"] = ""
        if rng.random() < 0.3 and person.phone and ";ext" not in person.phone:
            row["Work Phone"] = self.written_phone(person.phone)
        row.update(overrides)
        return row


# -- categories ------------------------------------------------------------------------------------------


def _case(category: str, row: dict, person: Person | None, *also: Person) -> GeneratedCase:
    truth = tuple(p.crm_id for p in (person, *also) if p is not None and p.crm_id)
    return GeneratedCase(category, row, truth)


def clean_registration(world: World, used: set, n: int) -> list[GeneratedCase]:
    """People registering themselves, as they are in the CRM (company written their way, a local phone)."""
    cases = []
    for i in range(n):
        if i % 3 == 2:
            person = world.new_person()
            cases.append(_case("clean_registration", world.registration(person), None))
        else:
            person = world.pick(used)
            cases.append(_case("clean_registration", world.registration(person), person))
    return cases


def colleague_of(world: World, owner: Person) -> Person:
    """Someone new at the owner's company whose first name is not the owner's: a colleague booked under
    the owner's email who shared the owner's first name would be the owner under a changed surname to anyone
    reading the two records (a Brazilian's second surname, a married name), not a case anyone can decide."""
    while True:
        person = world.new_person(company=owner.company)
        if not same_first(person.first, owner.first):
            return person


def assistant_books_executives(world: World, used: set, n: int) -> list[GeneratedCase]:
    """An executive assistant registers her executives with her own email and desk phone: one email, several
    people, and the CRM knows her by that email. Some executives are in the CRM, some not."""
    cases = []
    while len(cases) < n:
        assistant = world.pick(used)
        assistant.title = "Executive Assistant"
        company = assistant.company
        executives = []
        for k in range(world.rng.randrange(2, 5)):
            in_crm = [
                p
                for p in world.people
                if p.company is company and p.crm_id not in used and not same_first(p.first, assistant.first)
            ]
            if in_crm and k % 2 == 0:
                executive = world.rng.choice(in_crm)
                used.add(executive.crm_id)
                executives.append(executive)
            else:
                executives.append(colleague_of(world, assistant))
        for executive in executives:
            row = world.registration(
                executive,
                **{
                    "Email": assistant.email,
                    "Buyer Email": assistant.email,
                    "Cell Phone": world.written_phone(assistant.mobile) if world.rng.random() < 0.4 else "",
                    "Job Title": world.rng.choice(EXECUTIVE_TITLES),
                },
            )
            cases.append(_case("assistant_books_executives", row, executive if executive.crm_id else None))
        if world.rng.random() < 0.3:  # and herself
            cases.append(_case("assistant_books_executives", world.registration(assistant), assistant))
    return cases


def colleague_books_team(world: World, used: set, n: int) -> list[GeneratedCase]:
    """A team lead registers his team with his own email (he is in the CRM; most of them are not)."""
    cases = []
    while len(cases) < n:
        lead = world.pick(used)
        team = [colleague_of(world, lead) for _ in range(world.rng.randrange(2, 5))]
        in_crm = [
            p
            for p in world.people
            if p.company is lead.company and p.crm_id not in used and not same_first(p.first, lead.first)
        ]
        if in_crm and world.rng.random() < 0.5:
            member = world.rng.choice(in_crm)
            used.add(member.crm_id)
            team.append(member)
        for member in team:
            row = world.registration(
                member, **{"Email": lead.email, "Buyer Email": lead.email, "Cell Phone": ""}
            )
            if world.rng.random() < 0.3:
                row["Work Phone"] = world.written_phone(lead.phone.split(";")[0])
            cases.append(_case("colleague_books_team", row, member if member.crm_id else None))
    return cases


def group_mailbox(world: World, used: set, n: int) -> list[GeneratedCase]:
    """Marketing books a group under events@ / marketing@ / info@, and the CRM holds that mailbox as a
    contact ("Events Team") or on one person who once wrote from it."""
    cases = []
    while len(cases) < n:
        company = world.company_in()
        mailbox = (
            f"{world.rng.choice(('events', 'marketing', 'info', 'office', 'training'))}@{company.domain}"
        )
        if mailbox in world.emails:
            continue
        world.emails.add(mailbox)
        holder_kind = world.rng.random()
        if holder_kind < 0.4:
            holder = world.new_person(company=company, first="Events", last="Team")
            holder.email, holder.mobile, holder.phone = mailbox, "", company.switchboard
            world.add_to_crm(holder)
            used.add(holder.crm_id)
        elif holder_kind < 0.75:
            holder = world.new_person(company=company)
            holder.email = mailbox
            world.add_to_crm(holder)
            used.add(holder.crm_id)
        holder_name = holder.first if holder_kind < 0.75 else ""
        attendees, size = [], world.rng.randrange(2, 5)
        while len(attendees) < size:
            attendee = world.new_person(company=company)
            if not same_first(attendee.first, holder_name):
                attendees.append(attendee)
        in_crm = [
            p
            for p in world.people
            if p.company is company and p.crm_id not in used and not same_first(p.first, holder_name)
        ]
        if in_crm:
            member = world.rng.choice(in_crm)
            used.add(member.crm_id)
            attendees.append(member)
        for attendee in attendees:
            row = world.registration(attendee, **{"Email": mailbox, "Buyer Email": mailbox})
            cases.append(_case("group_mailbox", row, attendee if attendee.crm_id else None))
    return cases


def badge_names(world: World, used: set, n: int) -> list[GeneratedCase]:
    """The first name as the badge reads ("Bob", "Liz", "JJ"), typed into First Name too."""
    cases = []
    for i in range(n):
        in_crm = i % 4 != 3
        if in_crm:
            person = world.pick(used, lambda p: p.first in BADGE_NAMES)
        else:
            person = world.new_person(CULTURES[0])
        badge = world.rng.choice(BADGE_NAMES.get(person.first, (person.first,)))
        if world.rng.random() < 0.15:
            badge = person.first[0] + person.last[0]
        row = world.registration(person, **{"First Name": badge, "Badge Name": f"{badge} {person.last}"})
        if world.rng.random() < 0.4:
            row["Email"] = row["Buyer Email"] = world.personal_email(person)
        cases.append(_case("badge_names", row, person if in_crm else None))
    return cases


def name_case_and_titles(world: World, used: set, n: int) -> list[GeneratedCase]:
    """Names in capitals or lower case, with titles and suffixes typed into the name fields."""
    cases = []
    for i in range(n):
        in_crm = i % 4 != 3
        person = world.pick(used) if in_crm else world.new_person()
        first, last = person.first, person.last
        roll = world.rng.random()
        if roll < 0.3:
            first, last = first.upper(), last.upper()
        elif roll < 0.55:
            first, last = first.lower(), last.lower()
        roll = world.rng.random()
        if roll < 0.35:
            first = f"{world.rng.choice(('Dr.', 'Dr', 'Prof.', 'Mr.', 'Ms.', 'Mrs'))} {first}"
        elif roll < 0.7:
            last = f"{last}{world.rng.choice((' Jr.', ', PhD', ' III', ' MBA', ', CPA', ' Sr.'))}"
        row = world.registration(person, **{"First Name": first, "Last Name": last})
        if world.rng.random() < 0.3:
            row["Email"] = row["Buyer Email"] = world.personal_email(person)
        cases.append(_case("name_case_and_titles", row, person if in_crm else None))
    return cases


def swapped_names(world: World, used: set, n: int) -> list[GeneratedCase]:
    """First and last name swapped (a form with Last Name first, or a family-name-first culture)."""
    cases = []
    for i in range(n):
        in_crm = i % 4 != 3
        person = world.pick(used) if in_crm else world.new_person()
        row = world.registration(person, **{"First Name": person.last, "Last Name": person.first})
        if world.rng.random() < 0.35:
            row["Email"] = row["Buyer Email"] = world.personal_email(person)
        cases.append(_case("swapped_names", row, person if in_crm else None))
    return cases


def second_registration(world: World, used: set, n: int) -> list[GeneratedCase]:
    """The same person registering twice: a personal email for the webinar, the work email for the
    conference (both rows are the same CRM person, or both nobody)."""
    cases = []
    while len(cases) < n:
        in_crm = world.rng.random() < 0.7
        person = world.pick(used) if in_crm else world.new_person()
        personal = world.personal_email(person)
        first = world.registration(
            person,
            **{"Email": personal, "Buyer Email": personal, "Ticket Type": "Free - Virtual", "Company": ""},
        )
        if world.rng.random() < 0.5:
            first["Company"] = world.rng.choice(person.company.variants)
        second = world.registration(person)
        for row in (first, second):
            cases.append(_case("second_registration", row, person if in_crm else None))
    return cases


def job_change(world: World, used: set, n: int) -> list[GeneratedCase]:
    """A person who changed employer since the CRM record: new company, new work email, the same mobile.
    Without the mobile the new record is nobody the CRM can tell (truth still the old record)."""
    cases = []
    for _ in range(n):
        person = world.pick(used, lambda p: bool(p.mobile))
        new_company = world.company_in(person.country)
        if new_company is person.company:
            new_company = world.company_in()
        moved = replace(
            person,
            company=new_company,
            email=world.work_email(person.first, person.last, new_company),
            city=new_company.city,
            country=new_company.country,
        )
        row = world.registration(moved, **{"Cell Phone": world.written_phone(person.mobile)})
        cases.append(_case("job_change", row, person))
    return cases


def namesakes_same_company(world: World, used: set, n: int) -> list[GeneratedCase]:
    """Two people of one name at one big company, both in the CRM; registrations of either (by their own
    work email) and of a third namesake at that company whom the CRM does not know (his own email)."""
    cases = []
    while len(cases) < n:
        company = world.company_in(big=True)
        culture = CULTURES[0] if world.rng.random() < 0.7 else world.rng.choice(CULTURES)
        first, last = world.rng.choice(culture.male), world.rng.choice(culture.family)
        pair = [
            world.add_to_crm(world.new_person(culture, company, first=first, last=last, female=False))
            for _ in range(2)
        ]
        used.update(p.crm_id for p in pair)
        for person in pair:
            if world.rng.random() < 0.8:
                cases.append(_case("namesakes_same_company", world.registration(person), person))
        if world.rng.random() < 0.6:
            third = world.new_person(culture, company, first=first, last=last, female=False)
            cases.append(_case("namesakes_same_company", world.registration(third), None))
    return cases


def namesake_new_colleague(world: World, used: set, n: int) -> list[GeneratedCase]:
    """A new hire of the same name as a colleague the CRM holds, at the same company and office, registering
    with their own work mailbox (and their own mobile): not the CRM's person; and that colleague registering
    too."""
    cases = []
    while len(cases) < n:
        known = world.pick(used, lambda p: p.company.big and p.culture == "anglo")
        culture = CULTURES[0]
        hire = world.new_person(
            culture, known.company, first=known.first, last=known.last, female=known.female
        )
        hire.city, hire.country = known.city, known.country
        cases.append(_case("namesake_new_colleague", world.registration(hire), None))
        if world.rng.random() < 0.4:
            cases.append(_case("namesake_new_colleague", world.registration(known), known))
    return cases


def namesakes_elsewhere(world: World, used: set, n: int) -> list[GeneratedCase]:
    """People not in the CRM with the name of someone who is, at another company (and some in the same
    city), with their own email and phone."""
    cases = []
    for _ in range(n):
        known = world.pick(used)
        culture = next(c for c in CULTURES if c.name == known.culture)
        other = world.new_person(culture, first=known.first, last=known.last, female=known.female)
        if other.company is known.company:
            other = replace(other, company=world.company_in(big=False))
            other.email = world.work_email(other.first, other.last, other.company)
        if world.rng.random() < 0.4:
            other.city, other.country = known.city, known.country
        row = world.registration(other)
        if world.rng.random() < 0.4:
            row["Email"] = row["Buyer Email"] = world.personal_email(other)
        cases.append(_case("namesakes_elsewhere", row, None))
    return cases


def father_and_son(world: World, used: set, n: int) -> list[GeneratedCase]:
    """A family firm's founder in the CRM and his namesake son who registers (Jr., his own email and mobile,
    the firm's switchboard); the father registering himself too."""
    cases = []
    while len(cases) < n:
        company = world.company_in(big=False)
        culture = next(c for c in CULTURES if company.country in c.countries)
        first, last = world.rng.choice(culture.male), world.rng.choice(culture.family)
        father = world.new_person(culture, company, first=first, last=last, female=False)
        father.phone = company.switchboard
        father.title = "Founder & CEO"
        world.add_to_crm(father)
        used.add(father.crm_id)
        son = world.new_person(culture, company, first=first, last=last, female=False)
        son.phone = company.switchboard
        suffix = world.rng.choice((" Jr.", " Jr", " Junior", " II"))
        row = world.registration(
            son,
            **{"Last Name": f"{last}{suffix}", "Work Phone": world.written_phone(company.switchboard)},
        )
        if world.rng.random() < 0.4:
            row["Email"] = row["Buyer Email"] = world.personal_email(son)
        cases.append(_case("father_and_son", row, None))
        if world.rng.random() < 0.5:
            row = world.registration(father, **{"Work Phone": world.written_phone(company.switchboard)})
            cases.append(_case("father_and_son", row, father))
    return cases


def shared_switchboard(world: World, used: set, n: int) -> list[GeneratedCase]:
    """Colleagues giving the company switchboard (or a shared desk phone) as their work phone, and no email
    of their own (placeholder, or the email field left to the buyer's mailbox)."""
    cases = []
    for i in range(n):
        in_crm = i % 3 == 0
        company = world.company_in()
        if in_crm:
            free = [p for p in world.people if p.company is company and p.crm_id not in used]
            person = world.rng.choice(free) if free else world.pick(used)
            used.add(person.crm_id)
            company = person.company
        else:
            person = world.new_person(company=company)
        holder = next(
            (
                p
                for p in world.people
                if p.company is company
                and p.phone.startswith(company.switchboard)
                and not same_first(p.first, person.first)
            ),
            None,
        )  # of another first name: under a mailbox named for a John, another John is him renamed to anyone
        row = world.registration(
            person,
            **{"Work Phone": world.written_phone(company.switchboard), "Cell Phone": ""},
        )
        if world.rng.random() < 0.5:
            row["Email"] = world.rng.choice(PLACEHOLDER_EMAILS)
        if holder is not None and holder is not person and world.rng.random() < 0.3:
            row["Email"] = row["Buyer Email"] = holder.email  # booked by the colleague the CRM knows by it
        cases.append(_case("shared_switchboard", row, person if in_crm else None))
    return cases


def _international_variant(world: World, person: Person) -> tuple[str, str]:
    """How a person of another culture than the form's writes their name on an English form."""
    rng = world.rng
    first, last = person.first, person.last
    if person.culture == "spanish":
        parts = last.split()
        if len(parts) > 1:  # the first surname only, or both joined by a hyphen
            return strip_marks(first), rng.choice((parts[0], strip_marks(parts[0]), "-".join(parts)))
        return strip_marks(first), strip_marks(last)
    if person.culture == "dutch":
        parts = last.split()
        if len(parts) > 1:
            particle, core = " ".join(parts[:-1]), parts[-1]
            return rng.choice(
                (
                    (first, core),
                    (f"{first} {particle}", core),
                    (first, f"{core}, {particle}"),
                    (first, last.title()),
                )
            )
        return first, last
    if person.culture == "portuguese":
        parts = last.split()
        if len(parts) > 1:
            return strip_marks(first), rng.choice((parts[-1], last.title(), "".join(parts).capitalize()))
        return strip_marks(first), last
    if person.culture == "german":
        spelled = last.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
        return first.replace("ü", "ue").replace("ö", "oe"), rng.choice((spelled, strip_marks(last)))
    if person.culture in ("vietnamese", "chinese", "korean", "japanese"):
        roll = rng.random()
        if roll < 0.5:
            return last, first  # family name first
        if roll < 0.7 and person.culture == "korean":
            return first.replace("-", ""), last
        if roll < 0.8 and person.culture == "vietnamese":
            return f"{rng.choice(('Van', 'Thi', 'Minh', 'Duc'))} {first}", last  # middle name with the given
        return first, last.upper()
    if person.culture == "arabic":
        spellings = {
            "Mohammed": ("Muhammad", "Mohamed", "Mohammad"),
            "Youssef": ("Yousef", "Youssif"),
            "Khalid": ("Khaled",),
            "Hassan": ("Hasan",),
        }
        first = rng.choice(spellings.get(first, (first,)))
        if last.startswith(("Al-", "El-")):
            last = rng.choice((last.replace("-", " "), last.replace("-", ""), last[3:], last.lower()))
        return first, last
    if person.culture == "indian":
        if rng.random() < 0.4:
            return first, rng.choice((".", first, "-"))  # a single name with the form's required last name
        return first, last
    if person.culture in ("russian", "greek"):
        return (
            rng.choice(TRANSLITERATIONS.get(first, (first,))),
            rng.choice(TRANSLITERATIONS.get(last, (last,))),
        )
    return first, last


def international_names(world: World, used: set, n: int) -> list[GeneratedCase]:
    """Names of other cultures as the registrant writes them on an English form, against the CRM's spelling."""
    cases = []
    for i in range(n):
        in_crm = i % 4 != 3
        condition = lambda p: p.culture != "anglo"  # noqa: E731
        person = world.pick(used, condition) if in_crm else world.new_person(world.rng.choice(CULTURES[1:]))
        first, last = _international_variant(world, person)
        row = world.registration(person, **{"First Name": first, "Last Name": last})
        if world.rng.random() < 0.3:
            row["Email"] = row["Buyer Email"] = world.personal_email(person)
        cases.append(_case("international_names", row, person if in_crm else None))
    return cases


def local_formats(world: World, used: set, n: int) -> list[GeneratedCase]:
    """Country in the local language, phone in the local format, a personal email: the phone and the name are
    what ties the row to the CRM."""
    cases = []
    for i in range(n):
        in_crm = i % 4 != 3
        person = (
            world.pick(used, lambda p: p.country != "US" and bool(p.mobile))
            if in_crm
            else world.new_person(world.rng.choice(CULTURES[1:]))
        )
        row = world.registration(
            person,
            **{
                "Work Country": COUNTRIES[person.country].names[-1],
                "Cell Phone": world.local(person.mobile) if person.mobile else "",
                "Email": world.personal_email(person),
            },
        )
        row["Buyer Email"] = row["Email"]
        cases.append(_case("local_formats", row, person if in_crm else None))
    return cases


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 2)
    kind = rng.random()
    if kind < 0.35:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]  # transposed
    if kind < 0.6:
        return text[:i] + text[i + 1 :]  # dropped
    if kind < 0.8:
        return text[:i] + text[i] + text[i:]  # doubled
    keys = "qwertyuiopasdfghjklzxcvbnm"
    return text[:i] + rng.choice(keys) + text[i + 1 :]


def mobile_typos(world: World, used: set, n: int) -> list[GeneratedCase]:
    """Typed on a phone: a typo in the first or last name, or in the email's local part, sometimes both."""
    cases = []
    for i in range(n):
        in_crm = i % 4 != 3
        person = world.pick(used) if in_crm else world.new_person()
        first, last, email = person.first, person.last, person.email
        roll = world.rng.random()
        if roll < 0.4:
            first = _typo(world.rng, first)
        elif roll < 0.8:
            last = _typo(world.rng, last)
        if world.rng.random() < 0.4:
            user, domain = email.split("@")
            email = f"{_typo(world.rng, user)}@{domain}"
        row = world.registration(person, **{"First Name": first, "Last Name": last, "Email": email})
        row["Buyer Email"] = email
        cases.append(_case("mobile_typos", row, person if in_crm else None))
    return cases


def placeholder_emails(world: World, used: set, n: int) -> list[GeneratedCase]:
    """No real email: "test@test.com", "none@none.com", "n/a" (a walk-in at the door, a privacy-minded
    registrant); name, company and sometimes the mobile are all there is."""
    cases = []
    for i in range(n):
        in_crm = i % 3 != 2
        person = world.pick(used) if in_crm else world.new_person()
        placeholder = world.rng.choice(PLACEHOLDER_EMAILS)
        row = world.registration(person, **{"Email": placeholder, "Buyer Email": placeholder})
        cases.append(_case("placeholder_emails", row, person if in_crm else None))
    return cases


def company_variants(world: World, used: set, n: int) -> list[GeneratedCase]:
    """The company as an abbreviation, with or without its legal suffix or "The", with a personal email: the
    name and the company are what ties the row to the CRM."""
    cases = []
    for i in range(n):
        in_crm = i % 4 != 3
        person = (
            world.pick(used, lambda p: p.company.big or world.rng.random() < 0.3)
            if in_crm
            else (world.new_person())
        )
        row = world.registration(
            person,
            **{"Company": world.rng.choice(person.company.variants), "Email": world.personal_email(person)},
        )
        row["Buyer Email"] = row["Email"]
        cases.append(_case("company_variants", row, person if in_crm else None))
    return cases


def crm_duplicates(world: World, used: set, n: int) -> list[GeneratedCase]:
    """A person the CRM holds twice (a list import beside a sales rep's manual entry): either is right."""
    cases = []
    for _ in range(n):
        person = world.pick(used)
        copy = replace(person, crm_id="", mobile=person.mobile if world.rng.random() < 0.5 else "")
        if world.rng.random() < 0.5:
            copy.email = world.personal_email(person)
        world.add_to_crm(copy)
        used.add(copy.crm_id)
        cases.append(_case("crm_duplicates", world.registration(person), person, copy))
    return cases


def new_colleagues(world: World, used: set, n: int) -> list[GeneratedCase]:
    """People the CRM does not know at companies it does: work email at the known domain, the switchboard,
    the company's city."""
    cases = []
    for _ in range(n):
        person = world.new_person(company=world.company_in())
        row = world.registration(person)
        if world.rng.random() < 0.3:
            row["Work Phone"] = world.written_phone(person.company.switchboard)
        cases.append(_case("new_colleagues", row, None))
    return cases


CATEGORIES = (
    (clean_registration, 120),
    (assistant_books_executives, 80),
    (colleague_books_team, 80),
    (group_mailbox, 80),
    (badge_names, 90),
    (name_case_and_titles, 90),
    (swapped_names, 70),
    (second_registration, 80),
    (job_change, 70),
    (namesakes_same_company, 70),
    (namesake_new_colleague, 60),
    (namesakes_elsewhere, 70),
    (father_and_son, 60),
    (shared_switchboard, 70),
    (international_names, 120),
    (local_formats, 80),
    (mobile_typos, 90),
    (placeholder_emails, 70),
    (company_variants, 80),
    (crm_duplicates, 60),
    (new_colleagues, 80),
)


def event_cases(people: int, per_category_scale: float, seed: int) -> GeneratedCases:
    rng = random.Random(seed)
    world = World(rng, people)
    used: set[str] = set()
    cases: list[GeneratedCase] = []
    for make, count in CATEGORIES:
        cases.extend(make(world, used, max(4, round(count * per_category_scale))))
    rng.shuffle(cases)
    for number, case in enumerate(cases):
        case.external_id = str(1_000_000_000 + seed * 10_000 + number)
    crm_rows = list(world.crm_rows)
    rng.shuffle(crm_rows)
    return GeneratedCases(crm_rows, cases)


SPLINK_SQL = {
    "crm": """
        SELECT "Contact ID" AS unique_id,
               nullif(lower(strip_accents(trim("First Name"))), '') AS first_name,
               nullif(lower(strip_accents(trim("Last Name"))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}(coalesce(nullif("Mobile", ''), regexp_replace("Phone", '\\s*(ext\\.?|x)\\s*\\d+$', ''))) AS phone,
               {company}(strip_accents("Account Name")) AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(strip_accents(trim("Mailing City"))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "Attendee #" AS unique_id,
               nullif(lower(strip_accents(trim("First Name"))), '') AS first_name,
               nullif(lower(strip_accents(trim("Last Name"))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}(coalesce(nullif("Cell Phone", ''), "Work Phone")) AS phone,
               {company}(strip_accents("Company")) AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(strip_accents(trim("Work City"))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}


def main() -> None:
    suite = GeneratedSuite(
        name="people",
        make=lambda args: event_cases(args.people, args.per_category / 30, args.seed),
        crm_file="salesforce_contacts",
        inbound_file="eventbrite_attendees",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=["--provider", "salesforce", "--object", "Contact", "--kind", "person"],
        splink_kind="person",
        sql=SPLINK_SQL,
        source="Salesforce Contacts <- Eventbrite attendees",
    )
    run_generated("identity-fifteenth", [suite], seed=151, people=3000, orgs=0, per_category=30)


if __name__ == "__main__":
    main()
