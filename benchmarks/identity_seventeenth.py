"""A seventeenth record set: Pipedrive persons linked from a trade show's lead-retrieval export (badge scans).

    python benchmarks/identity_seventeenth.py [--people 3000] [--per-category 50] [--seed 171] [--skip-splink]

The CRM side is a Pipedrive persons export as its list view writes it: `Person - ID`, `Person - Name`,
`Person - First name`, `Person - Last name`, `Person - Label`, `Person - Organization`, `Person - Email - Work`,
`... - Home`, `... - Other`, `Person - Phone - Work`, `... - Home`, `... - Mobile`, `... - Other` (several values
of one kind in one cell, joined by ", " as the export joins them), `Person - Job title`, `Person - Owner`, the
postal address's city and country, `Person - Person created`, `Person - Open deals`, `Person - Marketing status`.

The inbound side is what an exhibitor's lead-retrieval app exports after a show: one row per badge scan (`Badge
ID`, `Scan Date`, `Scanned By`, `First Name`, `Last Name`, `Company`, `Job Title`, `Email`, `Phone`,
`Address 1`, `Address 2`, `City`, `State/Province`, `Zip/Postal Code`, `Country`, the rep's `Notes`, the booth's
questionnaire answers and `Lead Rating`). Registration data is what the visitor typed when registering (a
personal mailbox, the company's switchboard, the company as they write it), OCR of business cards when a badge
would not scan, and reps typing at the booth.

People of twelve countries (US, UK, India, Brazil, Japan, Germany, France, Nigeria, Mexico, Poland, Korea, the
Gulf and Egypt), with phones valid in their own numbering plan. Categories hold the same person written
otherwise (OCR and typing slips, name order, nicknames, company forms, a job change, a personal mailbox, the
switchboard on the badge, national number formats, transliterations, a second work address, a married name,
people the CRM holds twice) and look-alikes a sales-ops person would never link (colleagues registered on one
card, a badge handed to a colleague, namesakes, a shared booth phone, an agency or distributor registering its
client's staff, a family member, a mailbox handed to a successor, a founder's son). Every seed deterministic;
written without reading the project's other generators.

Fairness: a case no reader could decide from the two records is not generated. A look-alike never shares a first
name with the person whose key it carries; a person not in the CRM never has the full name of a CRM person at the
same company; a job change always keeps the mobile.
"""

import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from identity_quality import GeneratedCase, GeneratedCases, GeneratedSuite, run_generated

CRM_COLUMNS = [
    "Person - ID",
    "Person - Name",
    "Person - First name",
    "Person - Last name",
    "Person - Label",
    "Person - Organization",
    "Person - Email - Work",
    "Person - Email - Home",
    "Person - Email - Other",
    "Person - Phone - Work",
    "Person - Phone - Home",
    "Person - Phone - Mobile",
    "Person - Phone - Other",
    "Person - Job title",
    "Person - Owner",
    "Person - Postal address - City/town/village/locality",
    "Person - Postal address - Country",
    "Person - Person created",
    "Person - Open deals",
    "Person - Marketing status",
]
INBOUND_COLUMNS = [
    "Badge ID",
    "Scan Date",
    "Scanned By",
    "First Name",
    "Last Name",
    "Company",
    "Job Title",
    "Email",
    "Phone",
    "Address 1",
    "Address 2",
    "City",
    "State/Province",
    "Zip/Postal Code",
    "Country",
    "Notes",
    "Purchasing Timeframe",
    "Role in Purchase Decision",
    "Products of Interest",
    "Lead Rating",
]


@dataclass
class Culture:
    code: str
    region: str  # ISO country code of its numbering plan
    country_names: tuple  # how a registration form writes the country
    cities: tuple  # (city, state/province, postcode)
    given_m: tuple
    given_f: tuple
    surnames: tuple
    tld: str
    legal_forms: tuple
    free_mail: tuple
    family_first: bool = False
    weight: int = 1


# fmt: off
CULTURES = [
    Culture(
        "us", "US",
        ("United States", "USA", "US", "United States of America"),
        (("New York", "NY", "10017"), ("Chicago", "IL", "60606"), ("Austin", "TX", "78701"),
         ("Boston", "MA", "02110"), ("Denver", "CO", "80202"), ("Seattle", "WA", "98101"),
         ("Atlanta", "GA", "30303")),
        ("James", "Michael", "Robert", "David", "William", "Richard", "Thomas", "Daniel", "Matthew", "Anthony",
         "Steven", "Andrew", "Joshua", "Kevin", "Brian", "Timothy", "Gregory", "Patrick", "Jonathan", "Nicholas"),
        ("Jennifer", "Elizabeth", "Patricia", "Susan", "Jessica", "Margaret", "Rebecca", "Katherine", "Deborah",
         "Stephanie", "Christine", "Samantha", "Amanda", "Melissa", "Victoria", "Laura", "Heather", "Megan"),
        ("Anderson", "Thompson", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "Allen", "King", "Wright",
         "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips",
         "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers",
         "Reed", "Bailey", "Cooper", "Richardson", "Cox", "Howard", "Ward", "Peterson", "Gray"),
        "com",
        ("Inc.", "LLC", "Corp.", "Inc"),
        ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com"),
        weight=3,
    ),
    Culture(
        "uk", "GB",
        ("United Kingdom", "UK", "Great Britain", "England"),
        (("London", "", "EC2A 4NE"), ("Manchester", "", "M1 4BT"), ("Leeds", "", "LS1 5AB"),
         ("Bristol", "", "BS1 6QH"), ("Edinburgh", "", "EH2 2ER"), ("Birmingham", "", "B3 2HJ")),
        ("Oliver", "Harry", "George", "Jack", "Charlie", "Alfie", "Rhys", "Callum", "Liam", "Gareth", "Nigel",
         "Graham", "Stuart", "Duncan", "Alistair"),
        ("Olivia", "Amelia", "Isla", "Emily", "Poppy", "Charlotte", "Sophie", "Fiona", "Gemma", "Harriet",
         "Siobhan", "Kirsty", "Imogen"),
        ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
         "Thompson", "Hughes", "Holmes", "Shaw", "Lloyd", "Pritchard", "Fletcher", "Whitaker", "Ashworth",
         "Sutcliffe", "Crawford", "McKenzie", "Fraser", "Hargreaves", "Pemberton", "Blackwood"),
        "co.uk",
        ("Ltd", "Limited", "PLC", "Ltd."),
        ("gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk"),
        weight=2,
    ),
    Culture(
        "in", "IN",
        ("India", "IN", "Bharat"),
        (("Bengaluru", "Karnataka", "560001"), ("Pune", "Maharashtra", "411001"),
         ("Mumbai", "Maharashtra", "400001"), ("Chennai", "Tamil Nadu", "600002"),
         ("Hyderabad", "Telangana", "500081"), ("New Delhi", "Delhi", "110001"), ("Gurugram", "Haryana", "122002")),
        ("Rahul", "Amit", "Rajesh", "Suresh", "Vikram", "Arjun", "Sanjay", "Anil", "Venkatesh", "Srinivas",
         "Karthik", "Pradeep", "Manoj", "Nikhil", "Rohan", "Harish", "Deepak", "Gaurav", "Ashok", "Kiran"),
        ("Priya", "Anjali", "Deepika", "Kavya", "Lakshmi", "Meera", "Neha", "Pooja", "Divya", "Shreya", "Swati",
         "Aishwarya", "Ananya", "Sunita", "Rekha", "Bhavana"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Krishnan", "Menon", "Rao", "Joshi", "Kulkarni",
         "Deshpande", "Mehta", "Chatterjee", "Banerjee", "Subramanian", "Venkataraman", "Pillai", "Agarwal",
         "Malhotra", "Kapoor", "Srinivasan", "Bhattacharya", "Naidu", "Chopra", "Saxena", "Trivedi", "Hegde"),
        "co.in",
        ("Pvt. Ltd.", "Private Limited", "Ltd", "Pvt Ltd"),
        ("gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"),
        weight=2,
    ),
    Culture(
        "br", "BR",
        ("Brazil", "Brasil", "BR"),
        (("São Paulo", "SP", "01310-100"), ("Rio de Janeiro", "RJ", "20040-002"), ("Curitiba", "PR", "80010-000"),
         ("Belo Horizonte", "MG", "30130-010"), ("Porto Alegre", "RS", "90010-150"),
         ("Campinas", "SP", "13010-111")),
        ("João", "Pedro", "Lucas", "Gabriel", "Rafael", "Thiago", "Felipe", "Gustavo", "Rodrigo", "Leonardo",
         "Eduardo", "Marcelo", "André", "Bruno", "Vinícius", "Fábio"),
        ("Ana", "Juliana", "Fernanda", "Mariana", "Camila", "Beatriz", "Larissa", "Patrícia", "Letícia", "Renata",
         "Aline", "Vanessa", "Tatiana", "Luana"),
        ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida", "Nascimento", "Lima",
         "Araújo", "Fernandes", "Carvalho", "Gomes", "Martins", "Rocha", "Ribeiro", "Barbosa", "Cavalcanti",
         "Monteiro", "Teixeira", "Moreira", "Cardoso", "Mendes"),
        "com.br",
        ("Ltda.", "S.A.", "Ltda", "Eireli"),
        ("gmail.com", "hotmail.com", "uol.com.br", "bol.com.br", "terra.com.br"),
        weight=2,
    ),
    Culture(
        "jp", "JP",
        ("Japan", "JP", "日本"),
        (("Tokyo", "Tokyo", "100-0005"), ("Osaka", "Osaka", "530-0001"), ("Nagoya", "Aichi", "450-0002"),
         ("Yokohama", "Kanagawa", "220-0012"), ("Fukuoka", "Fukuoka", "810-0001")),
        ("Hiroshi", "Takeshi", "Kenji", "Daisuke", "Yuki", "Satoshi", "Kazuki", "Naoki", "Shota", "Ryota",
         "Takumi", "Haruto", "Kenta", "Masato"),
        ("Yuko", "Aiko", "Keiko", "Naomi", "Sakura", "Yumi", "Haruka", "Misaki", "Ayaka", "Emi", "Mariko", "Kaori"),
        ("Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
         "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Yamaguchi", "Mori",
         "Ikeda", "Hashimoto", "Ishikawa", "Ogawa", "Fujita"),
        "co.jp",
        ("K.K.", "Co., Ltd.", "Corporation", "Inc."),
        ("gmail.com", "yahoo.co.jp", "docomo.ne.jp", "outlook.jp"),
        family_first=True,
    ),
    Culture(
        "de", "DE",
        ("Germany", "Deutschland", "DE"),
        (("Berlin", "Berlin", "10117"), ("München", "Bayern", "80331"), ("Hamburg", "Hamburg", "20095"),
         ("Frankfurt am Main", "Hessen", "60311"), ("Köln", "Nordrhein-Westfalen", "50667"),
         ("Stuttgart", "Baden-Württemberg", "70173"), ("Düsseldorf", "Nordrhein-Westfalen", "40213")),
        ("Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Matthias", "Tobias", "Johannes",
         "Jürgen", "Wolfgang", "Florian", "Sebastian", "Jörg", "Uwe", "Dirk", "Alexander", "Maximilian"),
        ("Sabine", "Claudia", "Katharina", "Julia", "Anja", "Stefanie", "Nicole", "Susanne", "Birgit", "Jana",
         "Franziska", "Lena", "Anke", "Ute"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
         "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
         "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Weiß"),
        "de",
        ("GmbH", "AG", "GmbH & Co. KG", "SE"),
        ("gmx.de", "web.de", "t-online.de", "gmail.com"),
        weight=2,
    ),
    Culture(
        "fr", "FR",
        ("France", "FR", "République française"),
        (("Paris", "Île-de-France", "75008"), ("Lyon", "Auvergne-Rhône-Alpes", "69002"),
         ("Toulouse", "Occitanie", "31000"), ("Lille", "Hauts-de-France", "59000"),
         ("Nantes", "Pays de la Loire", "44000"), ("Bordeaux", "Nouvelle-Aquitaine", "33000")),
        ("Jean", "Pierre", "Nicolas", "Julien", "Sébastien", "Frédéric", "Guillaume", "Mathieu", "Olivier",
         "Laurent", "Thierry", "Christophe", "Benoît", "Rémi", "François", "Antoine"),
        ("Marie", "Nathalie", "Isabelle", "Sophie", "Céline", "Stéphanie", "Aurélie", "Camille", "Émilie",
         "Hélène", "Élodie", "Sandrine", "Virginie", "Claire"),
        ("Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Lefebvre", "Girard", "Bonnet", "Dupont",
         "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "Mercier", "Blanc", "Guérin",
         "Boyer", "Garnier", "Chevalier", "Gauthier", "Perrin", "Morel"),
        "fr",
        ("SAS", "SA", "SARL", "S.A.S."),
        ("orange.fr", "free.fr", "gmail.com", "laposte.net", "wanadoo.fr"),
    ),
    Culture(
        "ng", "NG",
        ("Nigeria", "NG", "Federal Republic of Nigeria"),
        (("Lagos", "Lagos", "101233"), ("Abuja", "FCT", "900211"), ("Port Harcourt", "Rivers", "500272"),
         ("Ibadan", "Oyo", "200211")),
        ("Oluwaseun", "Chukwuemeka", "Adebayo", "Oluwafemi", "Ifeanyi", "Babatunde", "Olumide", "Emeka", "Tunde",
         "Obinna", "Nnamdi", "Kelechi", "Segun", "Uche"),
        ("Ngozi", "Chiamaka", "Funmilayo", "Adaeze", "Oluwakemi", "Temitope", "Yetunde", "Folake", "Nneka",
         "Aisha", "Blessing", "Chinwe"),
        ("Adeyemi", "Okafor", "Okonkwo", "Balogun", "Eze", "Nwosu", "Adebayo", "Ogunleye", "Olawale", "Chukwu",
         "Obi", "Ibrahim", "Afolabi", "Onyekachi", "Adeleke", "Ogbonna", "Nnadi", "Uchenna", "Oyelaran", "Akinola",
         "Okoro", "Ajayi"),
        "com.ng",
        ("Ltd", "Limited", "Plc", "Nigeria Ltd"),
        ("gmail.com", "yahoo.com", "hotmail.com"),
    ),
    Culture(
        "mx", "MX",
        ("Mexico", "México", "MX"),
        (("Ciudad de México", "CDMX", "06600"), ("Guadalajara", "Jalisco", "44100"),
         ("Monterrey", "Nuevo León", "64000"), ("Puebla", "Puebla", "72000"), ("Querétaro", "Querétaro", "76000")),
        ("José", "Francisco", "Alejandro", "Roberto", "Enrique", "Jorge", "Ricardo", "Fernando", "Miguel",
         "Arturo", "Héctor", "Raúl", "Sergio", "Javier"),
        ("Guadalupe", "María", "Verónica", "Adriana", "Gabriela", "Alejandra", "Claudia", "Mónica", "Leticia",
         "Rocío", "Paola", "Daniela"),
        ("Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez",
         "Flores", "Gómez", "Díaz", "Vázquez", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz", "Mendoza",
         "Castillo", "Jiménez", "Ruiz", "Aguilar", "Salazar"),
        "com.mx",
        ("S.A. de C.V.", "S. de R.L. de C.V.", "SA de CV", "S.A.P.I. de C.V."),
        ("gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com"),
    ),
    Culture(
        "pl", "PL",
        ("Poland", "Polska", "PL"),
        (("Warszawa", "mazowieckie", "00-001"), ("Kraków", "małopolskie", "31-001"),
         ("Wrocław", "dolnośląskie", "50-001"), ("Gdańsk", "pomorskie", "80-001"),
         ("Poznań", "wielkopolskie", "61-001")),
        ("Piotr", "Krzysztof", "Tomasz", "Paweł", "Marcin", "Michał", "Łukasz", "Grzegorz", "Wojciech", "Jakub",
         "Kamil", "Mateusz", "Bartosz", "Rafał"),
        ("Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna", "Aleksandra", "Monika", "Ewa", "Dorota",
         "Beata", "Justyna", "Karolina"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
         "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk",
         "Piotrowski", "Grabowski", "Pawłowski", "Michalski", "Nowicki", "Adamczyk"),
        "pl",
        ("Sp. z o.o.", "S.A.", "sp. z o.o.", "Spółka z o.o."),
        ("wp.pl", "onet.pl", "interia.pl", "gmail.com", "o2.pl"),
    ),
    Culture(
        "kr", "KR",
        ("South Korea", "Korea, Republic of", "KR", "Republic of Korea"),
        (("Seoul", "Seoul", "04524"), ("Busan", "Busan", "48058"), ("Incheon", "Incheon", "21999"),
         ("Seongnam", "Gyeonggi-do", "13487"), ("Daejeon", "Daejeon", "34126")),
        ("Min-jun", "Seo-jun", "Ji-hoon", "Hyun-woo", "Dong-hyun", "Jae-won", "Sung-min", "Tae-yang", "Young-ho",
         "Jun-ho", "Sang-woo", "Kyung-soo"),
        ("Ji-yeon", "Seo-yeon", "Min-seo", "Hye-jin", "Eun-ji", "Su-bin", "Ye-jin", "Ha-eun", "Yoon-ah", "Soo-jin",
         "Da-eun", "Mi-rae"),
        ("Kim", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Seo", "Kwon",
         "Hwang", "Ahn", "Song", "Hong", "Jeon", "Ko", "Moon", "Yang", "Baek", "Nam", "Oh"),
        "co.kr",
        ("Co., Ltd.", "Corp.", "Inc.", "Co. Ltd"),
        ("naver.com", "daum.net", "gmail.com", "hanmail.net"),
        family_first=True,
    ),
    Culture(
        "ar", "AE",
        ("United Arab Emirates", "UAE", "U.A.E."),
        (("Dubai", "Dubai", ""), ("Abu Dhabi", "Abu Dhabi", ""), ("Sharjah", "Sharjah", "")),
        ("Mohammed", "Ahmed", "Khalid", "Omar", "Abdullah", "Hamad", "Saeed", "Faisal", "Tariq", "Yousef",
         "Rashid", "Sultan", "Majid", "Hassan"),
        ("Fatima", "Aisha", "Mariam", "Noura", "Layla", "Huda", "Reem", "Salma", "Amal", "Hessa", "Dana"),
        ("Al-Mansouri", "Al-Hashimi", "Al-Falasi", "Al-Suwaidi", "Al-Maktoum", "Al-Nuaimi", "Al-Shamsi",
         "Al-Zaabi", "Al-Ketbi", "Al-Mazrouei", "Haddad", "Khoury", "Nasser", "Saleh", "Al-Qasimi", "Al-Dhaheri",
         "Al-Marri", "Al-Hammadi"),
        "ae",
        ("LLC", "L.L.C.", "FZ-LLC", "FZE"),
        ("gmail.com", "hotmail.com", "yahoo.com", "outlook.com"),
    ),
    Culture(
        "sa", "SA",
        ("Saudi Arabia", "KSA", "Kingdom of Saudi Arabia"),
        (("Riyadh", "Riyadh", "11564"), ("Jeddah", "Makkah", "21442"), ("Dammam", "Eastern Province", "32241")),
        ("Abdulaziz", "Fahad", "Saud", "Turki", "Nasser", "Bandar", "Abdulrahman", "Meshal", "Sami", "Waleed",
         "Ibrahim"),
        ("Nora", "Sara", "Lama", "Ghada", "Haya", "Mashael", "Abeer", "Rana", "Wafa"),
        ("Al-Otaibi", "Al-Ghamdi", "Al-Qahtani", "Al-Harbi", "Al-Zahrani", "Al-Shehri", "Al-Dosari", "Al-Mutairi",
         "Al-Anazi", "Al-Shammari", "Al-Subaie", "Al-Juhani", "Al-Rashid", "Al-Saud"),
        "com.sa",
        ("Co.", "Company Ltd", "LLC", "CJSC"),
        ("gmail.com", "hotmail.com", "yahoo.com"),
    ),
    Culture(
        "eg", "EG",
        ("Egypt", "EG", "Arab Republic of Egypt"),
        (("Cairo", "Cairo", "11511"), ("Alexandria", "Alexandria", "21500"), ("Giza", "Giza", "12511")),
        ("Mahmoud", "Mostafa", "Amr", "Karim", "Sherif", "Hesham", "Tamer", "Waleed", "Ahmed", "Ayman", "Islam"),
        ("Mona", "Dina", "Rania", "Yasmin", "Nermeen", "Heba", "Shaimaa", "Marwa", "Nadia"),
        ("Abdel-Rahman", "El-Sayed", "Hassan", "Mahmoud", "Farouk", "El-Masry", "Mansour", "Soliman", "Abdelaziz",
         "Fathy", "Gaber", "Shawky", "Ezzat", "Ragab", "Hamdy", "Samir"),
        "com.eg",
        ("S.A.E.", "LLC", "Co.", "Egypt"),
        ("gmail.com", "yahoo.com", "hotmail.com"),
    ),
]
# fmt: on
CULTURE_OF = {culture.code: culture for culture in CULTURES}

STEMS = (
    "Northwind",
    "Bluepeak",
    "Ironleaf",
    "Silverline",
    "Greenfield",
    "Brightwater",
    "Redstone",
    "Clearpath",
    "Highgate",
    "Falconridge",
    "Stonebridge",
    "Sunvale",
    "Orbitex",
    "Vantora",
    "Kestrel",
    "Meridian",
    "Lumora",
    "Cobalt",
    "Evergreen",
    "Novalis",
    "Pinecrest",
    "Quantix",
    "Riverton",
    "Solvera",
    "Tridena",
    "Ultranet",
    "Velora",
    "Westbrook",
    "Zenith",
    "Arcadia",
    "Borealis",
    "Cascadia",
    "Delphin",
    "Ember",
    "Fjordline",
    "Granite",
    "Harbor",
    "Inland",
    "Juniper",
    "Keystone",
    "Lakeshore",
    "Monarch",
    "Nimbus",
    "Oakridge",
    "Polaris",
    "Quarry",
    "Rosewood",
    "Sapphire",
    "Tideway",
    "Uplink",
    "Vertex",
    "Willow",
    "Yarrow",
    "Azura",
    "Bravura",
    "Cedar",
    "Duneland",
    "Everest",
    "Frontier",
    "Gallant",
    "Horizon",
    "Indigo",
    "Jetstream",
)
SECTORS = (
    "Systems",
    "Logistics",
    "Analytics",
    "Foods",
    "Pharma",
    "Robotics",
    "Energy",
    "Textiles",
    "Packaging",
    "Medical",
    "Software",
    "Motors",
    "Chemicals",
    "Engineering",
    "Networks",
    "Materials",
    "Components",
    "Automation",
    "Instruments",
    "Plastics",
)
TITLES = (
    "Procurement Manager",
    "Head of Operations",
    "CTO",
    "Plant Manager",
    "Purchasing Director",
    "Engineer",
    "Sales Director",
    "Managing Director",
    "Supply Chain Lead",
    "Quality Manager",
    "R&D Manager",
    "IT Director",
    "Buyer",
    "Project Manager",
    "Founder & CEO",
    "VP Engineering",
    "Product Manager",
    "Category Manager",
    "Operations Analyst",
    "Technical Director",
)
LABELS = ("Customer", "Hot lead", "Warm lead", "Cold lead", "Partner", "Customer, Partner", "")
OWNERS = ("Hannah Ortiz", "Marco Bianchi", "Sven Lindqvist", "Aditi Rao", "Tom Becker", "Julia Santos")
REPS = (
    "Hannah Ortiz",
    "Marco Bianchi",
    "Sven Lindqvist",
    "Aditi Rao",
    "Tom Becker",
    "Julia Santos",
    "Kai Wong",
)
TIMEFRAMES = ("0-3 months", "3-6 months", "6-12 months", "No plans", "Just researching")
ROLES = ("Decision maker", "Influencer", "Recommender", "End user", "Consultant")
PRODUCTS = ("Sensors", "Software platform", "Service contract", "Sensors; Software platform", "Spare parts")
RATINGS = ("Hot", "Warm", "Cold")
NOTES = (
    "Wants a demo after the show",
    "Send pricing",
    "Existing customer, renewal in Q2",
    "Met at the booth",
    "Interested in the pilot",
    "Call next week",
    "",
    "",
    "Asked about integrations",
    "Follow up by email",
)
# Diminutives a badge prints instead of the given name, per culture (the generator's own table).
DIMINUTIVES = {
    "James": "Jim",
    "Michael": "Mike",
    "Robert": "Bob",
    "William": "Bill",
    "Richard": "Rick",
    "Thomas": "Tom",
    "Daniel": "Dan",
    "Matthew": "Matt",
    "Anthony": "Tony",
    "Steven": "Steve",
    "Andrew": "Andy",
    "Joshua": "Josh",
    "Timothy": "Tim",
    "Gregory": "Greg",
    "Patrick": "Pat",
    "Jonathan": "Jon",
    "Nicholas": "Nick",
    "Jennifer": "Jen",
    "Elizabeth": "Liz",
    "Patricia": "Trish",
    "Susan": "Sue",
    "Jessica": "Jess",
    "Margaret": "Peggy",
    "Rebecca": "Becky",
    "Katherine": "Kate",
    "Deborah": "Debbie",
    "Stephanie": "Steph",
    "Christine": "Chris",
    "Samantha": "Sam",
    "Amanda": "Mandy",
    "Victoria": "Vicky",
    "Alistair": "Ali",
    "Charlotte": "Lottie",
    "Callum": "Cal",
    "Harriet": "Hattie",
    "Katarzyna": "Kasia",
    "Małgorzata": "Gosia",
    "Tomasz": "Tomek",
    "Aleksandra": "Ola",
    "Krzysztof": "Krzysiek",
    "Wojciech": "Wojtek",
    "Jakub": "Kuba",
    "Magdalena": "Magda",
    "Michał": "Michał",
    "José": "Pepe",
    "Francisco": "Paco",
    "Guadalupe": "Lupita",
    "Alejandro": "Alex",
    "Roberto": "Beto",
    "Enrique": "Quique",
    "Alejandra": "Ale",
    "Eduardo": "Dudu",
    "Fernanda": "Nanda",
    "Gabriel": "Gabi",
    "Rafael": "Rafa",
    "Johannes": "Hannes",
    "Katharina": "Kathi",
    "Christian": "Chris",
    "Alexander": "Alex",
    "Maximilian": "Max",
    "Franziska": "Franzi",
    "Sebastian": "Basti",
    "Nicolas": "Nico",
    "Frédéric": "Fred",
    "Guillaume": "Guillaume",
    "Venkatesh": "Venky",
    "Srinivas": "Srini",
    "Rajesh": "Raj",
    "Oluwaseun": "Seun",
    "Olumide": "Mide",
    "Oluwafemi": "Femi",
    "Chukwuemeka": "Emeka",
    "Babatunde": "Tunde",
    "Oluwakemi": "Kemi",
    "Temitope": "Tope",
    "Abdullah": "Abdo",
    "Abdulaziz": "Aziz",
}
# Spellings another system gives one name (transliteration, folded letters, Arabic article joined).
TRANSLITERATIONS = {
    "Mohammed": ("Muhammad", "Mohamed", "Mohammad"),
    "Yousef": ("Yousuf", "Youssef"),
    "Khalid": ("Khaled",),
    "Abdulrahman": ("Abdul Rahman",),
    "Fahad": ("Fahd",),
    "Saeed": ("Said",),
    "Hussein": ("Hussain",),
    "Mostafa": ("Mustafa",),
    "Mahmoud": ("Mahmud",),
    "Waleed": ("Walid",),
    "Hesham": ("Hisham",),
    "Ito": ("Itoh",),
    "Kato": ("Katoh",),
    "Sato": ("Satoh",),
    "Ogawa": ("Ogawa",),
    "Yuko": ("Yuuko",),
    "Yuki": ("Yuuki",),
    "Ryota": ("Ryouta",),
    "Shota": ("Shouta",),
    "Haruto": ("Haruto",),
    "Jung": ("Chung", "Jeong"),
    "Lim": ("Im", "Lim"),
    "Cho": ("Jo",),
    "Yoon": ("Yun",),
    "Shin": ("Sin",),
    "Kang": ("Gang",),
    "Choi": ("Choe",),
    "Kwon": ("Gwon",),
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ß", "ss"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def german_fold(text: str) -> str:
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(umlaut, spelled)
    return fold(text)


def mailbox_word(text: str) -> str:
    return "".join(char for char in fold(text).lower() if char.isalnum())


def surname_for(surname: str, culture: Culture, female: bool) -> str:
    """A Polish surname in its feminine form for a woman (Kowalski, Kowalska)."""
    if female and culture.code == "pl" and surname.endswith(("ski", "cki")):
        return surname[:-1] + "a"
    return surname


@dataclass
class Company:
    name: str  # the trading name
    legal: str
    domain: str
    culture: Culture
    city: tuple
    street: str
    switchboard: str
    pattern: str  # how its mailboxes are made
    crm_name: str = ""  # how the CRM writes it
    offices: list = field(default_factory=list)  # (city tuple) of a multinational's other offices


@dataclass
class Person:
    first: str
    last: str
    culture: Culture
    company: Company | None
    city: tuple
    title: str
    work_email: str = ""
    personal_email: str = ""
    direct: str = ""
    mobile: str = ""
    home: str = ""
    crm_id: str = ""
    extra_work_emails: list = field(default_factory=list)
    extra_work_phones: list = field(default_factory=list)


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.people = people
        self.per = per_category
        self.next_id = 1000 + self.rng.randrange(1000)
        self.crm: list[Person] = []
        self.crm_rows: dict[str, dict] = {}
        self.cases: list[GeneratedCase] = []
        self.companies: list[Company] = []
        self.used_numbers: set[str] = set()
        self.used_mailboxes: set[str] = set()
        self.full_names_at: set[tuple] = set()  # (company domain, folded first, folded last) of CRM people
        self.full_names: set[tuple] = set()  # (folded first, folded last) of every person made
        self.taken: set[str] = set()  # CRM ids a category has used

    # -- building blocks ----------------------------------------------------------------------------------

    def culture(self) -> Culture:
        return self.rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]

    def number(self, region: str, kind=PhoneNumberType.MOBILE) -> str:
        example = phonenumbers.example_number_for_type(region, kind)
        digits = str(example.national_number)
        for _ in range(200):
            keep = max(2, len(digits) - 7)
            candidate = digits[:keep] + "".join(self.rng.choice("0123456789") for _ in digits[keep:])
            parsed = phonenumbers.parse(f"+{example.country_code}{candidate}")
            text = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
            if (
                phonenumbers.is_valid_number(parsed)
                and text not in self.used_numbers
                and "0000" not in candidate
            ):
                self.used_numbers.add(text)
                return text
        raise RuntimeError(f"no number for {region}")

    def written(self, e164: str, style: str = "") -> str:
        """A number as a person types it: international, national, E.164, "00..." or with "(0)"."""
        if not e164:
            return ""
        parsed = phonenumbers.parse(e164)
        style = style or self.rng.choice(("intl", "intl", "intl", "e164", "national"))
        international = phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
        if style == "intl":
            return international
        if style == "e164":
            return e164
        if style == "national":
            return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        if style == "double_zero":
            return "00" + international[1:]
        if style == "trunk":  # "+49 (0)30 ..." as European cards print it
            code, rest = international.split(" ", 1)
            return f"{code} (0){rest}"
        if style == "dots":
            national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
            return "".join(c if c.isdigit() else "." for c in national).strip(".").replace("..", ".")
        return international

    def company(self, culture: Culture | None = None) -> Company:
        culture = culture or self.culture()
        for _ in range(100):
            stem, sector = self.rng.choice(STEMS), self.rng.choice(SECTORS)
            name = f"{stem} {sector}"
            domain = f"{stem.lower()}{sector.lower()[:4] if self.rng.random() < 0.5 else ''}.{culture.tld}"
            if all(c.domain != domain and c.name != name for c in self.companies):
                break
        city = self.rng.choice(culture.cities)
        street = (
            f"{self.rng.randrange(1, 240)} {self.rng.choice(('Main', 'Park', 'Harbour', 'Station', 'Market', 'Tech'))} "
            f"{self.rng.choice(('Street', 'Road', 'Avenue'))}"
        )
        company = Company(
            name=name,
            legal=f"{name} {self.rng.choice(culture.legal_forms)}",
            domain=domain,
            culture=culture,
            city=city,
            street=street,
            switchboard=self.number(culture.region, PhoneNumberType.FIXED_LINE),
            pattern=self.rng.choice(("first.last", "first.last", "flast", "first", "first_last", "firstl")),
        )
        company.crm_name = company.legal if self.rng.random() < 0.3 else company.name
        self.companies.append(company)
        return company

    def mailbox(self, first: str, last: str, pattern: str, domain: str) -> str:
        f, l_ = mailbox_word(first), mailbox_word(last)
        local = {
            "first.last": f"{f}.{l_}",
            "flast": f"{f[:1]}{l_}",
            "first": f,
            "first_last": f"{f}_{l_}",
            "firstl": f"{f}{l_[:1]}",
        }[pattern]
        address = f"{local}@{domain}"
        serial = 2
        while address in self.used_mailboxes:
            address = f"{local}{serial}@{domain}"
            serial += 1
        self.used_mailboxes.add(address)
        return address

    def free_mailbox(self, first: str, last: str, culture: Culture) -> str:
        f, l_ = mailbox_word(first), mailbox_word(last)
        local = self.rng.choice(
            (
                f"{f}.{l_}",
                f"{f}{l_}",
                f"{l_}.{f}",
                f"{f}{self.rng.randrange(70, 99)}",
                f"{f}.{l_}{self.rng.randrange(1, 99)}",
            )
        )
        address = f"{local}@{self.rng.choice(culture.free_mail)}"
        while address in self.used_mailboxes:
            address = f"{f}.{l_}{self.rng.randrange(100, 999)}@{self.rng.choice(culture.free_mail)}"
        self.used_mailboxes.add(address)
        return address

    def name(self, culture: Culture, female: bool | None = None) -> tuple[str, str]:
        female = self.rng.random() < 0.45 if female is None else female
        given = self.rng.choice(culture.given_f if female else culture.given_m)
        return given, surname_for(self.rng.choice(culture.surnames), culture, female)

    def person(
        self,
        company: Company | None = None,
        culture: Culture | None = None,
        *,
        in_crm: bool,
        first: str = "",
        last: str = "",
        namesake: bool = False,
    ) -> Person:
        culture = culture or (company.culture if company else self.culture())
        company = company or self.company(culture)
        for _ in range(200):
            given, family = (first, last) if first else self.name(culture)
            key = (fold(given).lower(), fold(family).lower())
            if first or namesake or key not in self.full_names:
                break
        else:
            raise RuntimeError("names ran out")
        self.full_names.add(key)
        city = culture.cities[0] if company.offices else company.city
        person = Person(given, family, culture, company, city, self.rng.choice(TITLES))
        person.work_email = self.mailbox(given, family, company.pattern, company.domain)
        if self.rng.random() < 0.55:
            person.direct = self.number(culture.region, PhoneNumberType.FIXED_LINE)
        if self.rng.random() < 0.7:
            person.mobile = self.number(culture.region)
        if self.rng.random() < 0.25:
            person.personal_email = self.free_mailbox(given, family, culture)
        if in_crm:
            self.add_crm(person)
        return person

    def add_crm(self, person: Person, *, write_name_as: tuple | None = None) -> str:
        person.crm_id = str(self.next_id)
        self.next_id += self.rng.randrange(1, 4)
        self.crm.append(person)
        self.full_names_at.add((person.company.domain, fold(person.first).lower(), fold(person.last).lower()))
        self.crm_rows[person.crm_id] = self.crm_row(person, write_name_as)
        return person.crm_id

    def crm_row(self, person: Person, write_name_as: tuple | None = None) -> dict:
        first, last = write_name_as or (person.first, person.last)
        phone_style = self.rng.choice(("intl", "intl", "e164", "national"))
        work_phones = [p for p in (person.direct, *person.extra_work_phones) if p]
        if not work_phones and self.rng.random() < 0.35:
            work_phones = [person.company.switchboard]
        city, country = ("", "")
        if self.rng.random() < 0.65:
            city, country = person.city[0], person.culture.country_names[0]
        if not country and phone_style == "national":
            phone_style = "intl"  # a national number with no country is a guess for any reader
        return {
            "Person - ID": person.crm_id,
            "Person - Name": f"{first} {last}",
            "Person - First name": first,
            "Person - Last name": last,
            "Person - Label": self.rng.choice(LABELS),
            "Person - Organization": person.company.crm_name,
            "Person - Email - Work": ", ".join([person.work_email, *person.extra_work_emails]),
            "Person - Email - Home": person.personal_email,
            "Person - Email - Other": "",
            "Person - Phone - Work": ", ".join(self.written(p, phone_style) for p in work_phones),
            "Person - Phone - Home": self.written(person.home, phone_style),
            "Person - Phone - Mobile": self.written(person.mobile, phone_style),
            "Person - Phone - Other": "",
            "Person - Job title": person.title,
            "Person - Owner": self.rng.choice(OWNERS),
            "Person - Postal address - City/town/village/locality": city,
            "Person - Postal address - Country": country,
            "Person - Person created": f"20{self.rng.randrange(19, 26)}-{self.rng.randrange(1, 13):02d}-"
            f"{self.rng.randrange(1, 29):02d} {self.rng.randrange(8, 19):02d}:{self.rng.randrange(60):02d}:00",
            "Person - Open deals": str(self.rng.choice((0, 0, 0, 1, 2))),
            "Person - Marketing status": self.rng.choice(("Subscribed", "No consent", "Unsubscribed", "")),
        }

    def badge(self, person: Person, **overrides) -> dict:
        """What a scan of `person`'s badge exports, before a category changes it."""
        company = person.company
        city = person.city
        row = {
            "Scan Date": f"2026-10-{self.rng.randrange(13, 16)} {self.rng.randrange(9, 18):02d}:"
            f"{self.rng.randrange(60):02d}",
            "Scanned By": self.rng.choice(REPS),
            "First Name": person.first,
            "Last Name": person.last,
            "Company": company.name if company else "",
            "Job Title": person.title,
            "Email": person.work_email,
            "Phone": self.written(person.mobile or person.direct, self.rng.choice(("intl", "intl", "e164"))),
            "Address 1": company.street if company else "",
            "Address 2": self.rng.choice(("", "", "", "Suite 200", "3rd floor", "Building B")),
            "City": city[0],
            "State/Province": city[1],
            "Zip/Postal Code": city[2],
            "Country": self.rng.choice(person.culture.country_names[:2]),
            "Notes": self.rng.choice(NOTES),
            "Purchasing Timeframe": self.rng.choice(TIMEFRAMES),
            "Role in Purchase Decision": self.rng.choice(ROLES),
            "Products of Interest": self.rng.choice(PRODUCTS),
            "Lead Rating": self.rng.choice(RATINGS),
        }
        row.update(overrides)
        return row

    def add(self, category: str, row: dict, truth=()) -> None:
        self.cases.append(GeneratedCase(category, row, tuple(truth)))

    def crm_person(self, test=lambda person: True) -> Person:
        """A CRM person no category has used yet, passing `test`."""
        for _ in range(5000):
            person = self.rng.choice(self.crm)
            if person.crm_id not in self.taken and test(person):
                self.taken.add(person.crm_id)
                return person
        raise RuntimeError("no CRM person left for a category")

    def colleague(self, of: Person, *, in_crm: bool) -> Person:
        """Someone else at `of`'s company: another first initial and another surname (never read as `of`
        under a nickname or a married name), a name no CRM person at the company has."""
        for _ in range(300):
            first, last = self.name(of.culture)
            if first[0] == of.first[0] or fold(last).lower() == fold(of.last).lower():
                continue
            if (of.company.domain, fold(first).lower(), fold(last).lower()) in self.full_names_at:
                continue
            if (fold(first).lower(), fold(last).lower()) in self.full_names:
                continue
            return self.person(of.company, in_crm=in_crm, first=first, last=last)
        raise RuntimeError("no colleague name left")

    # -- the CRM ------------------------------------------------------------------------------------------

    def population(self) -> None:
        for culture in CULTURES:
            for _ in range(4 + 4 * culture.weight):
                self.company(culture)
        # Two multinationals with offices in many countries: namesakes at one employer.
        for stem in ("Globex Industrial", "Orion Dynamics"):
            culture = CULTURE_OF["us"]
            company = self.company(culture)
            company.name, company.legal = stem, f"{stem} Inc."
            company.domain = stem.split()[0].lower() + ".com"
            company.crm_name = stem
            company.offices = [c.cities[0] for c in CULTURES]
        multinationals = [c for c in self.companies if c.offices]
        while len(self.crm) < self.people:
            if self.rng.random() < 0.08:
                self.person(self.rng.choice(multinationals), self.culture(), in_crm=True)
            else:
                company = self.rng.choice(self.companies)
                self.person(company, company.culture, in_crm=True)

    # -- categories: the same person ----------------------------------------------------------------------

    def clean_scan(self, n):
        for _ in range(n):
            person = self.crm_person()
            self.add("clean_scan", self.badge(person), [person.crm_id])

    def ocr_name_typo(self, n):
        confusions = (
            ("rn", "m"),
            ("m", "rn"),
            ("cl", "d"),
            ("li", "h"),
            ("e", "c"),
            ("o", "c"),
            ("u", "ii"),
            ("n", "h"),
            ("a", "o"),
            ("t", "f"),
        )
        for _ in range(n):
            person = self.crm_person(lambda p: len(p.last) >= 5 and p.work_email)
            for _ in range(50):
                source, target = self.rng.choice(confusions)
                where = person.last.lower().find(source, 1)
                if where > 0:
                    last = person.last[:where] + target + person.last[where + len(source) :]
                    break
            else:
                last = person.last[:2] + person.last[3] + person.last[2] + person.last[4:]
            self.add("ocr_name_typo", self.badge(person, **{"Last Name": last}), [person.crm_id])

    def email_slip(self, n):
        """The rep typed the address from a business card (one letter swapped, dropped or doubled)."""
        for _ in range(n):
            person = self.crm_person(lambda p: len(p.work_email.split("@")[0]) >= 6)
            local, domain = person.work_email.split("@")
            at = self.rng.randrange(1, len(local) - 2)
            kind = self.rng.choice(("swap", "drop", "double"))
            if (
                kind == "swap"
                and local[at].isalpha()
                and local[at + 1].isalpha()
                and local[at] != local[at + 1]
            ):
                local = local[:at] + local[at + 1] + local[at] + local[at + 2 :]
            elif kind == "drop" and local[at].isalpha():
                local = local[:at] + local[at + 1 :]
            else:
                local = local[:at] + local[at] + local[at:]
            phone = self.written(person.mobile) if person.mobile and self.rng.random() < 0.5 else ""
            self.add(
                "email_slip", self.badge(person, Email=f"{local}@{domain}", Phone=phone), [person.crm_id]
            )

    def name_order_swapped(self, n):
        for index in range(n):
            family_first = index % 3 != 2
            person = self.crm_person(
                lambda p, family_first=family_first: p.culture.family_first == family_first
            )
            row = self.badge(person, **{"First Name": person.last, "Last Name": person.first})
            if self.rng.random() < 0.3 and person.mobile:
                row["Email"] = ""
                row["Phone"] = self.written(person.mobile)
            self.add("name_order_swapped", row, [person.crm_id])

    def nickname_on_badge(self, n):
        for _ in range(n):
            person = self.crm_person(lambda p: DIMINUTIVES.get(p.first, p.first) != p.first)
            row = self.badge(person, **{"First Name": DIMINUTIVES[person.first]})
            if self.rng.random() < 0.3 and person.mobile:
                row.update(
                    Email=self.free_mailbox(person.first, person.last, person.culture),
                    Phone=self.written(person.mobile),
                )
            self.add("nickname_on_badge", row, [person.crm_id])

    def company_written_differently(self, n):
        for _ in range(n):
            person = self.crm_person(lambda p: not p.company.offices)
            company = person.company
            initials = "".join(word[0] for word in company.name.split()).upper()
            form = self.rng.choice(
                (
                    company.legal,
                    company.legal.upper(),
                    f"The {company.name}",
                    initials,
                    company.name.lower(),
                    company.name.split()[0],
                    f"{company.name} ({company.culture.country_names[0]})",
                )
            )
            row = self.badge(person, Company=form)
            if self.rng.random() < 0.5 and person.mobile:
                row.update(Email="", Phone=self.written(person.mobile))
            self.add("company_written_differently", row, [person.crm_id])

    def job_change(self, n):
        for _ in range(n):
            person = self.crm_person(lambda p: bool(p.mobile))
            new = (
                self.company(person.culture)
                if self.rng.random() < 0.6
                else self.rng.choice(
                    [
                        c
                        for c in self.companies
                        if c is not person.company and not c.offices and c.culture is person.culture
                    ]
                )
            )
            row = self.badge(
                person,
                Company=new.name,
                Email=self.mailbox(person.first, person.last, new.pattern, new.domain),
                Phone=self.written(person.mobile),
                **{
                    "Job Title": self.rng.choice(TITLES),
                    "Address 1": new.street,
                    "City": new.city[0],
                    "State/Province": new.city[1],
                    "Zip/Postal Code": new.city[2],
                },
            )
            self.add("job_change", row, [person.crm_id])

    def personal_mailbox_at_show(self, n):
        for _ in range(n):
            person = self.crm_person(lambda p: not p.personal_email)
            row = self.badge(person, Email=self.free_mailbox(person.first, person.last, person.culture))
            row["Phone"] = self.written(person.mobile) if person.mobile and self.rng.random() < 0.6 else ""
            self.add("personal_mailbox_at_show", row, [person.crm_id])

    def switchboard_on_badge(self, n):
        for _ in range(n):
            person = self.crm_person(lambda p: not p.company.offices)
            # The switchboard is on some colleagues' records (their "Work" phone).
            for _ in range(2):
                mate = self.colleague(person, in_crm=False)
                mate.direct = ""
                self.add_crm(mate)
                self.crm_rows[mate.crm_id]["Person - Phone - Work"] = self.written(person.company.switchboard)
            row = self.badge(person, Phone=self.written(person.company.switchboard))
            if self.rng.random() < 0.4:
                row["Email"] = ""
            self.add("switchboard_on_badge", row, [person.crm_id])

    def national_number_formats(self, n):
        for _ in range(n):
            person = self.crm_person(lambda p: bool(p.mobile) and p.culture.region not in ("US",))
            style = self.rng.choice(("national", "double_zero", "trunk", "dots", "national"))
            if style == "trunk" and person.culture.region not in ("DE", "GB", "FR", "PL", "NG", "EG"):
                style = "national"
            row = self.badge(person, Email="", Phone=self.written(person.mobile, style))
            row["Country"] = person.culture.country_names[0]
            self.add("national_number_formats", row, [person.crm_id])

    def transliterated_names(self, n):
        def spellable(p):
            return (
                p.first in TRANSLITERATIONS
                or p.last in TRANSLITERATIONS
                or fold(p.first + p.last) != (p.first + p.last)
                or "Al-" in p.last
                or "El-" in p.last
                or "Abdel-" in p.last
            )

        for _ in range(n):
            person = self.crm_person(spellable)
            first, last = person.first, person.last
            if first in TRANSLITERATIONS:
                first = self.rng.choice(TRANSLITERATIONS[first])
            if last in TRANSLITERATIONS:
                last = self.rng.choice(TRANSLITERATIONS[last])
            if "-" in last and last.split("-")[0] in ("Al", "El", "Abdel"):
                last = self.rng.choice((last.replace("-", ""), last.replace("-", " "), last.split("-", 1)[1]))
            if person.culture.code == "de":
                first, last = german_fold(first), german_fold(last)
            else:
                first, last = fold(first), fold(last)
            row = self.badge(person, **{"First Name": first, "Last Name": last})
            if self.rng.random() < 0.35 and person.mobile:
                row.update(Email="", Phone=self.written(person.mobile))
            self.add("transliterated_names", row, [person.crm_id])

    def second_work_email(self, n):
        """The CRM holds two work addresses in one cell ("a@x.com, b@x.com"); the badge has the second."""
        for _ in range(n):
            person = self.crm_person(lambda p: p.company.pattern != "first.last" and not p.company.offices)
            other = self.mailbox(person.first, person.last, "first.last", person.company.domain)
            person.extra_work_emails.append(other)
            self.crm_rows[person.crm_id]["Person - Email - Work"] = f"{person.work_email}, {other}"
            self.add("second_work_email", self.badge(person, Email=other, Phone=""), [person.crm_id])

    def phone_list_cell(self, n):
        """The CRM holds two work numbers in one cell; the badge has the second, with a personal mailbox."""
        for _ in range(n):
            person = self.crm_person(lambda p: bool(p.direct) and not p.company.offices)
            second = self.number(person.culture.region)
            person.extra_work_phones.append(second)
            style = self.rng.choice(("intl", "e164"))
            self.crm_rows[person.crm_id]["Person - Phone - Work"] = ", ".join(
                self.written(p, style) for p in (person.direct, second)
            )
            row = self.badge(
                person,
                Email=self.free_mailbox(person.first, person.last, person.culture),
                Phone=self.written(second, style),
            )
            self.add("phone_list_cell", row, [person.crm_id])

    def crm_duplicates(self, n):
        """The CRM holds the person twice: a rep's record from a business card (name as typed, work email
        missing, a mobile) beside the imported one."""
        for _ in range(n):
            person = self.crm_person(lambda p: bool(p.work_email) and bool(p.mobile))
            twin = Person(
                person.first,
                person.last,
                person.culture,
                person.company,
                person.city,
                person.title,
                work_email="",
                mobile=person.mobile,
            )
            first_id = person.crm_id
            self.add_crm(twin)
            self.taken.add(twin.crm_id)
            self.crm_rows[twin.crm_id]["Person - Email - Work"] = self.rng.choice(("", person.work_email))
            self.add("crm_duplicates", self.badge(person), [first_id, twin.crm_id])

    def short_form_names(self, n):
        """A long name as a badge prints it: a double surname cut to one, a middle name dropped, an initial."""
        for _ in range(n):
            culture = self.rng.choice([CULTURE_OF[c] for c in ("mx", "br", "in", "us")])
            company = self.rng.choice([c for c in self.companies if c.culture is culture])
            given, family = self.name(culture)
            if culture.code == "mx":
                crm_name = (
                    given + " " + self.rng.choice(culture.given_f + culture.given_m),
                    f"{family} {self.rng.choice(culture.surnames)}",
                )
                badge_name = (given, family)
            elif culture.code == "br":
                first_surname = self.rng.choice(culture.surnames)
                crm_name = (given, f"{first_surname} {family}")
                badge_name = (given, family)
            elif culture.code == "in":
                crm_name = (f"{given} {self.rng.choice(culture.given_m)}", family)
                badge_name = (given, family)
            else:
                middle = self.rng.choice(culture.given_m + culture.given_f)
                crm_name = (given, family)
                badge_name = (f"{given} {middle[0]}.", family)
            if {(fold(a).lower(), fold(b).lower()) for a, b in (crm_name, badge_name)} & self.full_names:
                continue
            person = self.person(company, in_crm=False, first=badge_name[0].split()[0], last=badge_name[1])
            person.first, person.last = crm_name
            self.add_crm(person)
            self.taken.add(person.crm_id)
            row = self.badge(person, **{"First Name": badge_name[0], "Last Name": badge_name[1]})
            if self.rng.random() < 0.4 and person.mobile:
                row.update(Email="", Phone=self.written(person.mobile))
            self.add("short_form_names", row, [person.crm_id])

    def badge_name_formatting(self, n):
        for _ in range(n):
            person = self.crm_person()
            first, last = person.first, person.last
            kind = self.rng.choice(("caps", "lower", "title", "suffix", "full_in_last"))
            if kind == "caps":
                first, last = first.upper(), last.upper()
            elif kind == "lower":
                first, last = first.lower(), last.lower()
            elif kind == "title":
                first = f"{self.rng.choice(('Dr.', 'Prof.', 'Dr', 'Eng.', 'Mr.', 'Ms.'))} {first}"
            elif kind == "suffix":
                last = f"{last}, {self.rng.choice(('PhD', 'MBA', 'P.Eng.', 'CPA'))}"
            else:
                first, last = "", f"{first} {last}"
            self.add(
                "badge_name_formatting",
                self.badge(person, **{"First Name": first, "Last Name": last}),
                [person.crm_id],
            )

    def married_name(self, n):
        """She took another surname (or joined the two); her company is the same. Half keep the mailbox made
        for the old name (a marriage keeps it: sarah.jones@ on Sarah Jones's record, now Sarah Khan), with or
        without the mobile; half have a new mailbox made of the new name beside the same mobile (the resolver
        leaves those to review: without a date of birth they read as a colleague of the same first name
        handed the company mobile)."""
        for _ in range(n):
            person = self.crm_person(
                lambda p: (
                    bool(p.mobile)
                    and p.first in p.culture.given_f
                    and not p.company.offices
                    and p.culture.code not in ("kr", "ar", "sa", "eg")
                )
            )
            # Never the name of a colleague the CRM holds: "Jennifer Mitchell" with Jennifer Nelson's mailbox
            # beside the CRM's own Jennifer Mitchell at the firm is a colleague on Nelson's contacts as much
            # as Nelson married (no reader can tell).
            surnames = [
                surname_for(s, person.culture, True)
                for s in person.culture.surnames
                if s != person.last
                and (person.company.domain, fold(person.first).lower(), fold(s).lower())
                not in self.full_names_at
                and (
                    person.company.domain,
                    fold(person.first).lower(),
                    fold(surname_for(s, person.culture, True)).lower(),
                )
                not in self.full_names_at
            ]
            new_last = self.rng.choice(surnames)
            if person.culture.code in ("pl", "de", "mx") and self.rng.random() < 0.5:
                new_last = (
                    f"{person.last}-{new_last}"
                    if person.culture.code != "mx"
                    else f"{person.last} de {new_last}"
                )
            kept = self.rng.random() < 0.5
            email = (
                person.work_email
                if kept
                else self.mailbox(
                    person.first,
                    new_last.split()[-1].split("-")[-1],
                    person.company.pattern,
                    person.company.domain,
                )
            )
            phone = self.written(person.mobile) if not kept or self.rng.random() < 0.5 else ""
            row = self.badge(person, **{"Last Name": new_last}, Email=email, Phone=phone)
            self.add("married_name", row, [person.crm_id])

    def card_typed_by_rep(self, n):
        """No badge scan: the rep typed a business card — lower case, no email, the direct line as printed."""
        for _ in range(n):
            person = self.crm_person(
                lambda p: bool(p.direct) and p.culture.region in ("DE", "GB", "FR", "PL", "NG")
            )
            row = self.badge(
                person,
                **{"First Name": person.first.lower(), "Last Name": person.last.lower()},
                Email="",
                Phone=self.written(person.direct, self.rng.choice(("trunk", "national", "intl"))),
                Company=person.company.legal,
                Notes="Typed from business card",
            )
            row["Country"] = person.culture.country_names[0]
            self.add("card_typed_by_rep", row, [person.crm_id])

    # -- categories: look-alikes ----------------------------------------------------------------------------

    def _maybe_in_crm(self, person: Person, share: float) -> tuple:
        if self.rng.random() < share:
            self.add_crm(person)
            self.taken.add(person.crm_id)
            return (person.crm_id,)
        return ()

    def colleagues_one_company_card(self, n):
        """A company registered its visitors on one card: every badge carries the registrant's email and
        phone."""
        made = 0
        while made < n:
            registrant = self.crm_person(lambda p: bool(p.direct or p.mobile) and not p.company.offices)
            for _ in range(self.rng.choice((2, 3))):
                mate = self.colleague(registrant, in_crm=False)
                truth = self._maybe_in_crm(mate, 0.4)
                row = self.badge(
                    mate,
                    Email=registrant.work_email,
                    Phone=self.written(registrant.direct or registrant.mobile),
                )
                self.add("colleagues_one_company_card", row, truth)
                made += 1

    def badge_passed_to_colleague(self, n):
        """Her badge, worn by a colleague: the rep typed the name of the person he spoke to; the email and
        mobile are still hers."""
        for _ in range(n):
            owner = self.crm_person(lambda p: bool(p.mobile) and not p.company.offices)
            wearer = self.colleague(owner, in_crm=False)
            truth = self._maybe_in_crm(wearer, 0.4)
            row = self.badge(
                wearer,
                Email=owner.work_email,
                Phone=self.written(owner.mobile),
                Notes=f"Badge belongs to {owner.first} {owner.last}",
            )
            self.add("badge_passed_to_colleague", row, truth)

    def namesake_other_company(self, n):
        for _ in range(n):
            known = self.crm_person(lambda p: not p.company.offices)
            others = [
                c
                for c in self.companies
                if c.culture is known.culture
                and c is not known.company
                and c.city != known.company.city
                and not c.offices
            ]
            company = (
                self.rng.choice(others) if others and self.rng.random() < 0.6 else self.company(known.culture)
            )
            twin = self.person(company, in_crm=False, first=known.first, last=known.last, namesake=True)
            truth = self._maybe_in_crm(twin, 0.3)
            self.add("namesake_other_company", self.badge(twin), truth)

    def namesakes_same_employer(self, n):
        """Two people of one common name at a multinational, in two offices, each with their own mailbox."""
        for _ in range(n):
            known = self.crm_person(lambda p: bool(p.company.offices))
            city = self.rng.choice([c for c in known.company.offices if c != known.city])
            office = next(c for c in CULTURES if c.cities[0] == city)
            twin = self.person(
                known.company, known.culture, in_crm=False, first=known.first, last=known.last, namesake=True
            )
            twin.city = city
            twin.mobile = self.number(office.region)
            twin.direct = ""
            truth = self._maybe_in_crm(twin, 0.35)
            self.add("namesakes_same_employer", self.badge(twin, Country=office.country_names[0]), truth)

    def shared_booth_phone(self, n):
        """A team's shared phone (a sales hotline, the booth mobile), recorded on one CRM person only."""
        for _ in range(n):
            holder = self.crm_person(lambda p: not p.company.offices)
            shared = self.number(holder.culture.region)
            self.crm_rows[holder.crm_id]["Person - Phone - Work"] = self.written(shared)
            visitor = self.colleague(holder, in_crm=False)
            truth = self._maybe_in_crm(visitor, 0.3)
            self.add("shared_booth_phone", self.badge(visitor, Phone=self.written(shared)), truth)

    def agency_or_distributor_registration(self, n):
        """An events agency or a distributor registered its client's staff with its own coordinator's email
        and phone; the CRM knows the coordinator."""
        for _ in range(n):
            culture = self.culture()
            agency = self.company(culture)
            if self.rng.random() < 0.5:
                agency.name = f"{agency.name.split()[0]} Events"
                agency.legal = f"{agency.name} {self.rng.choice(culture.legal_forms)}"
            agency.crm_name = agency.name
            coordinator = self.person(agency, in_crm=True)
            self.taken.add(coordinator.crm_id)
            client = self.rng.choice([c for c in self.companies if c.culture is culture and not c.offices])
            for _ in range(50):
                staff = self.person(client, in_crm=False)
                if staff.first[0] != coordinator.first[0] and staff.last != coordinator.last:
                    break
            truth = self._maybe_in_crm(staff, 0.3)
            shown_company = agency.name if self.rng.random() < 0.3 else client.name
            row = self.badge(
                staff,
                Company=shown_company,
                Email=coordinator.work_email,
                Phone=self.written(coordinator.direct or coordinator.mobile or agency.switchboard),
            )
            self.add("agency_or_distributor_registration", row, truth)

    def family_member(self, n):
        """A spouse or grown child at the show on the family's home line (and sometimes the family mailbox)."""
        for _ in range(n):
            holder = self.crm_person(lambda p: p.culture.code not in ("kr",))
            holder.home = self.number(
                holder.culture.region,
                PhoneNumberType.FIXED_LINE
                if holder.culture.region not in ("NG",)
                else PhoneNumberType.MOBILE,
            )
            self.crm_rows[holder.crm_id]["Person - Phone - Home"] = self.written(holder.home)
            if not holder.personal_email:
                holder.personal_email = self.free_mailbox(holder.first, holder.last, holder.culture)
                self.crm_rows[holder.crm_id]["Person - Email - Home"] = holder.personal_email
            for _ in range(100):
                first, _ = self.name(holder.culture)
                if first[0] != holder.first[0]:
                    break
            relative = self.person(
                None, holder.culture, in_crm=False, first=first, last=holder.last, namesake=True
            )
            truth = self._maybe_in_crm(relative, 0.2)
            email = holder.personal_email if self.rng.random() < 0.4 else relative.work_email
            row = self.badge(relative, Email=email, Phone=self.written(holder.home))
            self.add("family_member", row, truth)

    def mailbox_reused_by_successor(self, n):
        """The predecessor's mailbox went to the successor (a function mailbox on a person's record, or the
        departed person's own address kept alive)."""
        words = {"de": "einkauf", "fr": "achats", "mx": "compras", "br": "compras", "pl": "zakupy"}
        for _ in range(n):
            holder = self.crm_person(lambda p: not p.company.offices)
            if self.rng.random() < 0.5:
                box = (
                    f"{words.get(holder.culture.code, self.rng.choice(('purchasing', 'procurement', 'buyer')))}"
                    f"@{holder.company.domain}"
                )
                if box in self.used_mailboxes:
                    box = (
                        f"{box.split('@')[0]}.{mailbox_word(holder.company.city[0])}@{holder.company.domain}"
                    )
                self.used_mailboxes.add(box)
                holder.work_email = box
                self.crm_rows[holder.crm_id]["Person - Email - Work"] = box
            successor = self.colleague(holder, in_crm=False)
            truth = self._maybe_in_crm(successor, 0.3)
            row = self.badge(successor, Email=holder.work_email, **{"Job Title": holder.title})
            self.add("mailbox_reused_by_successor", row, truth)

    def founder_and_son(self, n):
        """A family firm's founder in the CRM and his son of the same name at the same firm (Jr., Filho,
        Junior): own mailbox and mobile, the firm's switchboard."""
        for _ in range(n):
            culture = CULTURE_OF[self.rng.choice(("us", "br", "mx"))]
            founder = self.crm_person(
                lambda p, culture=culture: (
                    p.culture is culture and p.first in culture.given_m and not p.company.offices
                )
            )
            suffix = {
                "us": self.rng.choice(("Jr.", "Jr", "II")),
                "br": self.rng.choice(("Filho", "Júnior")),
                "mx": self.rng.choice(("Jr.", "Hijo")),
            }[culture.code]
            son = self.person(
                founder.company, in_crm=False, first=founder.first, last=founder.last, namesake=True
            )
            son.work_email = self.mailbox(
                founder.first, f"{founder.last} {suffix}", "first.last", founder.company.domain
            )
            truth = self._maybe_in_crm(son, 0.2)
            if truth:
                self.crm_rows[son.crm_id]["Person - Last name"] = f"{son.last} {suffix}"
                self.crm_rows[son.crm_id]["Person - Name"] = f"{son.first} {son.last} {suffix}"
            row = self.badge(
                son,
                **{"Last Name": f"{son.last} {suffix}"},
                Phone=self.written(son.mobile or founder.company.switchboard),
            )
            self.add("founder_and_son", row, truth)

    def new_colleague_known_company(self, n):
        for _ in range(n):
            known = self.crm_person(lambda p: not p.company.offices)
            self.taken.discard(known.crm_id)  # only its company is used
            newcomer = self.colleague(known, in_crm=False)
            self.add("new_colleague_known_company", self.badge(newcomer))

    def not_in_crm(self, n):
        for _ in range(n):
            newcomer = self.person(None, in_crm=False)
            self.add("not_in_crm", self.badge(newcomer))

    def build(self) -> GeneratedCases:
        self.population()
        per = self.per
        for make, count in (
            (self.clean_scan, 2 * per),
            (self.ocr_name_typo, per),
            (self.email_slip, per),
            (self.name_order_swapped, per),
            (self.nickname_on_badge, per),
            (self.company_written_differently, per),
            (self.job_change, per),
            (self.personal_mailbox_at_show, per),
            (self.switchboard_on_badge, per),
            (self.national_number_formats, per),
            (self.transliterated_names, per),
            (self.second_work_email, per),
            (self.phone_list_cell, per),
            (self.crm_duplicates, per),
            (self.short_form_names, per),
            (self.badge_name_formatting, per),
            (self.married_name, per),
            (self.card_typed_by_rep, per),
            (self.colleagues_one_company_card, per),
            (self.badge_passed_to_colleague, per),
            (self.namesake_other_company, per),
            (self.namesakes_same_employer, per),
            (self.shared_booth_phone, per),
            (self.agency_or_distributor_registration, per),
            (self.family_member, per),
            (self.mailbox_reused_by_successor, per),
            (self.founder_and_son, per),
            (self.new_colleague_known_company, per),
            (self.not_in_crm, 2 * per),
        ):
            make(count)
        self.rng.shuffle(self.cases)
        badge_ids = self.rng.sample(range(100000, 999999), len(self.cases))
        for case, badge_id in zip(self.cases, badge_ids, strict=True):
            case.external_id = f"TS26-{badge_id}"
        rows = list(self.crm_rows.values())
        self.rng.shuffle(rows)
        return GeneratedCases(crm_rows=rows, cases=self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the same files, standardised as its documentation asks: the first of several values in a cell.
PERSON_SQL = {
    "crm": """
        SELECT "Person - ID" AS unique_id,
               nullif(lower(trim("Person - First name")), '') AS first_name,
               nullif(lower(trim("Person - Last name")), '') AS last_name,
               nullif(lower(trim(split_part(coalesce(nullif("Person - Email - Work", ''),
                                                     "Person - Email - Home", ''), ',', 1))), '') AS email,
               {phone}(split_part(coalesce(nullif("Person - Phone - Mobile", ''), "Person - Phone - Work", ''),
                                  ',', 1)) AS phone,
               {company}("Person - Organization") AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(trim("Person - Postal address - City/town/village/locality")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "Badge ID" AS unique_id,
               nullif(lower(trim("First Name")), '') AS first_name,
               nullif(lower(trim("Last Name")), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {phone}("Phone") AS phone,
               {company}("Company") AS company,
               nullif(trim("Zip/Postal Code"), '') AS zip,
               nullif(lower(trim("City")), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{path}', all_varchar = true)
    """,
}

SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="pipedrive",
        inbound_file="lead_retrieval",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id="Badge ID",
        cli_options=["--provider", "pipedrive", "--object", "persons", "--kind", "person"],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Pipedrive persons <- trade-show lead retrieval",
    )
]


if __name__ == "__main__":
    run_generated("identity17", SUITES, seed=171, people=3000, orgs=0, per_category=50)
