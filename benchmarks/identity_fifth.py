"""A fifth, independent check of identity: a Pipedrive export matched against inbound leads from event badge
scans, webinar registrations and enrichment vendors.

    python benchmarks/identity_fifth.py [--people 2500] [--orgs 1200] [--per-category 30] [--seed 5]
                                        [--skip-splink] [--keep DIR] [--examples 10]

**The CRM side is a Pipedrive list-view export**, as Pipedrive writes it: one column per labelled value
("Person - Email - Work", "Person - Email - Home", "Person - Phone - Work", "Person - Phone - Mobile"), several
values of one label in one cell separated by ", ", the person's whole name in "Person - Name" (no first and last
name columns), the organisation both as "Person - Organization" and as the related "Organization - Name"
column a list view adds, ids in "Person - ID" / "Organization - ID". Phone numbers are as sales reps typed
them: international, national, with an extension ("x204", "ext. 12", "Durchwahl" style "-204").

**The inbound side is a lead file** merged from three sources with their own habits: badge scans (a Full Name,
the company as printed on the badge with its legal form, e-mail addresses in capitals, the desk phone with an
extension), webinar registrations (first and last name typed by the person, a personal address now and then,
a "Dr." or "Prof." in the name) and an enrichment vendor (job title, normalised phone, company as registered).

People come from eleven locales (US, UK, DE, FR, ES, IT, NL, PL, BR, IN, JP) with their names, legal forms,
phone plans and free-mail providers. Each category has its truth: the CRM ids an auto-link may go to, or none
(`CATEGORIES`). Hostile categories are people who look like a CRM record but are someone else (namesakes,
job changes with a new address, shared inboxes, assistants who register their executive, father and son,
twins, a re-used event badge, colleagues behind one switchboard with different extensions); the others are
the CRM record's own person written differently (typos, nicknames, a maiden name with a key that agrees, a
reordered or titled name, a middle initial). Organisation categories cover subsidiaries of one brand in
other countries, a "The" prefix, "&" against "and"/"und"/"et", acronyms and lookalike names.

Both tools run in one run on the same files, as `identity_unseen.py` runs them: ours through
`manage.py identity_link --provider pipedrive --kind people|organisations --mirror-csv ... --train` in a child
process, Splink with `identity_quality.py`'s settings and SQL mapping these columns.
"""

import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from identity_quality import GeneratedCase as Case
from identity_quality import GeneratedCases as CaseSet
from identity_quality import GeneratedSuite, run_generated

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> list[str]:
    return text.split()


PERSON_COLUMNS = [
    "Person - ID",
    "Person - Name",
    "Person - Label",
    "Person - Organization",
    "Person - Email - Work",
    "Person - Email - Home",
    "Person - Email - Other",
    "Person - Phone - Work",
    "Person - Phone - Mobile",
    "Person - Phone - Home",
    "Person - Job title",
    "Person - Owner",
    "Organization - Name",
]
LEAD_COLUMNS = [
    "Lead ID",
    "Lead Source",
    "Full Name",
    "First Name",
    "Last Name",
    "Job Title",
    "Email",
    "Phone",
    "Company",
    "City",
    "Country",
]
ORG_COLUMNS = [
    "Organization - ID",
    "Organization - Name",
    "Organization - Label",
    "Organization - Address",
    "Organization - Address - City/town/village/locality",
    "Organization - Address - ZIP/Postal code",
    "Organization - Address - Country",
    "Organization - Website",
    "Organization - Owner",
    "Organization - People",
]
ACCOUNT_COLUMNS = [
    "Record ID",
    "Company Name",
    "Website",
    "HQ Phone",
    "City",
    "Postal Code",
    "Country",
    "Industry",
]
LEAD_ID = "Lead ID"
ACCOUNT_ID = "Record ID"

# locale: given names (male, female), surnames, company words, legal forms, free mail, a city and postcode
# shape, the country name a lead form writes, and the phone region.
LOCALES = {
    "US": dict(
        male=words(
            "James Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony Steven Andrew Joshua Kenneth Kevin Brian Timothy Ronald Jason Gregory Benjamin Patrick Raymond"
        ),
        female=words(
            "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Margaret Lisa Betty Sandra Ashley Kimberly Emily Donna Michelle Rebecca Katherine Deborah Stephanie"
        ),
        last=words(
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Thompson White Harris Clark Lewis Robinson Walker Young Allen Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards"
        ),
        legal=["Inc.", "LLC", "Corp.", "Inc", "Corporation"],
        free=["gmail.com", "yahoo.com", "outlook.com", "aol.com"],
        cities=["Chicago", "Austin", "Denver", "Boston", "Seattle", "Atlanta"],
        country="United States",
        tld="com",
    ),
    "UK": dict(
        male=words(
            "Oliver George Harry Jack Charlie Thomas Oscar William James Henry Alfie Edward Samuel Joseph Alexander Daniel Benjamin Toby Archie Freddie Rory Callum Ewan Gareth Rhys"
        ),
        female=words(
            "Olivia Amelia Isla Ava Emily Sophie Grace Lily Freya Charlotte Poppy Evie Ella Ruby Alice Eleanor Harriet Imogen Philippa Fiona Siobhan Bethan Niamh Rosie Hannah"
        ),
        last=words(
            "Hughes Wood Hall Wright Walker Jackson Green Hill Cooper Ward Morris King Lloyd Bennett Griffiths Price Ellis Marshall Harrison Knight Pearce Holmes Shaw Fletcher Barker Chapman Kaur Bailey Richards Dawson Hunt Fraser Stewart Campbell Murray Reid Taylor Watson Kennedy"
        ),
        legal=["Ltd", "Limited", "PLC", "Ltd."],
        free=["hotmail.co.uk", "btinternet.com", "gmail.com", "yahoo.co.uk"],
        cities=["Leeds", "Bristol", "Manchester", "Glasgow", "Cardiff", "Reading"],
        country="United Kingdom",
        tld="co.uk",
    ),
    "DE": dict(
        male=words(
            "Lukas Maximilian Felix Jonas Leon Tobias Florian Matthias Stefan Andreas Jürgen Klaus Wolfgang Dieter Uwe Sebastian Moritz Johannes Benedikt Hendrik Torsten Jörg Ralf Dirk Volker"
        ),
        female=words(
            "Anna Lena Katharina Laura Julia Sabine Petra Ursula Monika Birgit Claudia Anja Heike Jana Kerstin Franziska Miriam Svenja Annika Sophie Hannelore Gisela Ingrid Silke Dörte"
        ),
        last=words(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Werner Krause Lehmann Köhler Maier Walter Günther Kaiser Fuchs Peters Scholz Möller Weiß Jäger Vogel"
        ),
        legal=["GmbH", "AG", "GmbH & Co. KG", "SE"],
        free=["web.de", "gmx.de", "t-online.de", "gmx.net"],
        cities=["Berlin", "München", "Köln", "Hamburg", "Stuttgart", "Leipzig"],
        country="Germany",
        tld="de",
    ),
    "FR": dict(
        male=words(
            "Jean Pierre Louis Nicolas Julien Antoine Mathieu Guillaume Olivier Sébastien Thierry Benoît Étienne François Jérôme Rémi Hugo Théo Baptiste Cédric Laurent Yannick Gaël Loïc Arnaud"
        ),
        female=words(
            "Marie Camille Léa Manon Chloé Julie Sophie Nathalie Isabelle Céline Aurélie Émilie Hélène Margaux Élodie Sandrine Delphine Clémence Anaïs Océane Mathilde Pauline Agnès Brigitte Solène"
        ),
        last=words(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefebvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel"
        ),
        legal=["SAS", "S.A.", "SARL", "SA"],
        free=["orange.fr", "free.fr", "laposte.net", "wanadoo.fr"],
        cities=["Lyon", "Lille", "Nantes", "Toulouse", "Bordeaux", "Paris"],
        country="France",
        tld="fr",
    ),
    "ES": dict(
        male=words(
            "José Antonio Manuel Francisco Javier David Daniel Carlos Miguel Alejandro Rafael Pablo Sergio Fernando Jorge Alberto Álvaro Diego Adrián Rubén Iván Óscar Andrés Ramón Enrique"
        ),
        female=words(
            "María Carmen Ana Isabel Laura Cristina Marta Lucía Elena Pilar Raquel Rocío Sara Paula Beatriz Silvia Nuria Alba Irene Patricia Inmaculada Montserrat Sonia Noelia Ainhoa"
        ),
        last=words(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio"
        ),
        legal=["S.L.", "S.A.", "SL", "SA", "S.L.U."],
        free=["hotmail.es", "gmail.com", "telefonica.net", "yahoo.es"],
        cities=["Madrid", "Valencia", "Sevilla", "Bilbao", "Zaragoza", "Málaga"],
        country="Spain",
        tld="es",
    ),
    "IT": dict(
        male=words(
            "Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Carlo Franco Domenico Bruno Paolo Michele Giorgio Alessandro Lorenzo Matteo Andrea Marco Stefano Davide Riccardo"
        ),
        female=words(
            "Giulia Chiara Francesca Federica Sara Martina Valentina Alessia Silvia Elisa Paola Roberta Laura Simona Giorgia Elena Ilaria Serena Beatrice Arianna Alice Cristina Daniela Monica Claudia"
        ),
        last=words(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti DeLuca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola"
        ),
        legal=["S.r.l.", "S.p.A.", "Srl", "SpA"],
        free=["libero.it", "virgilio.it", "tiscali.it", "alice.it"],
        cities=["Milano", "Torino", "Bologna", "Firenze", "Napoli", "Roma"],
        country="Italy",
        tld="it",
    ),
    "NL": dict(
        male=words(
            "Daan Sem Lucas Levi Finn Milan Jesse Bram Thijs Ruben Sander Joost Maarten Pieter Willem Bas Jeroen Niels Koen Wouter Stijn Gijs Hidde Tijmen Rutger"
        ),
        female=words(
            "Emma Julia Sophie Tess Sara Anna Lotte Fleur Iris Femke Sanne Eva Anouk Marieke Ilse Lieke Roos Esmee Noor Floor Maaike Linda Mirjam Ingrid Hanneke"
        ),
        last=words(
            "Jansen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra Kok Jacobs Vermeulen Willems Schouten Hoekstra Koster Prins Post Kuipers Veenstra Huisman Boer Wijaya Verhoeven Molenaar Bosman Timmermans Groen Gerritsen Hermans Maas Bakker"
        ),
        legal=["B.V.", "BV", "N.V.", "NV"],
        free=["ziggo.nl", "kpnmail.nl", "hotmail.nl", "gmail.com"],
        cities=["Utrecht", "Eindhoven", "Rotterdam", "Groningen", "Haarlem", "Amsterdam"],
        country="Netherlands",
        tld="nl",
    ),
    "PL": dict(
        male=words(
            "Piotr Krzysztof Andrzej Tomasz Paweł Marcin Michał Grzegorz Jakub Łukasz Mateusz Adam Marek Rafał Dariusz Wojciech Sebastian Kamil Bartosz Przemysław Jacek Zbigniew Szymon Dawid Radosław"
        ),
        female=words(
            "Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Joanna Magdalena Monika Aleksandra Natalia Karolina Beata Dorota Justyna Paulina Weronika Zofia Agata Marta Izabela Renata Iwona Ilona"
        ),
        last=words(
            "Nowak Kowalczyk Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński Król Majewski Olszewski Jaworski Wróbel Malinowski Pawlak Witkowski Walczak Stępień Górski Rutkowski Michalak Sikora"
        ),
        legal=["Sp. z o.o.", "S.A.", "sp. z o.o.", "SA"],
        free=["wp.pl", "onet.pl", "interia.pl", "o2.pl"],
        cities=["Kraków", "Wrocław", "Gdańsk", "Poznań", "Łódź", "Warszawa"],
        country="Poland",
        tld="pl",
    ),
    "BR": dict(
        male=words(
            "João Pedro Lucas Gabriel Matheus Rafael Guilherme Felipe Gustavo Thiago Bruno Rodrigo Leonardo Eduardo Vinícius Caio Diego Fábio Marcelo Renato Otávio Henrique Sérgio Márcio Paulo"
        ),
        female=words(
            "Ana Beatriz Mariana Juliana Fernanda Camila Larissa Letícia Bruna Amanda Gabriela Aline Patrícia Vanessa Tatiana Renata Daniela Luana Priscila Débora Simone Adriana Cláudia Viviane Raíssa"
        ),
        last=words(
            "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade Moreira Nunes Marques Machado Mendes Freitas Cardoso Ramos Gonçalves Santana Teixeira Araújo Pinto"
        ),
        legal=["Ltda.", "S.A.", "Ltda", "S/A"],
        free=["uol.com.br", "bol.com.br", "terra.com.br", "gmail.com"],
        cities=["São Paulo", "Curitiba", "Recife", "Campinas", "Salvador", "Belo Horizonte"],
        country="Brazil",
        tld="com.br",
    ),
    "IN": dict(
        male=words(
            "Rahul Amit Vikram Arjun Rohan Sanjay Rajesh Suresh Anil Karthik Pranav Aditya Nikhil Siddharth Varun Harish Manoj Deepak Gaurav Abhishek Venkatesh Srinivas Naveen Ashok Kiran"
        ),
        female=words(
            "Priya Anjali Neha Pooja Divya Kavya Shreya Aishwarya Meera Lakshmi Sneha Ritu Swati Deepika Nandini Radhika Ananya Sunita Rekha Preeti Shalini Kavitha Padma Asha Jyoti"
        ),
        last=words(
            "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Menon Rao Joshi Mehta Shah Desai Agarwal Chopra Malhotra Kapoor Banerjee Chatterjee Mukherjee Das Pillai Krishnan Subramanian Bhat Kulkarni Pandey Mishra Tiwari Saxena Srivastava Chauhan Yadav Naidu Hegde"
        ),
        legal=["Pvt. Ltd.", "Private Limited", "Limited", "Pvt Ltd"],
        free=["rediffmail.com", "gmail.com", "yahoo.co.in", "outlook.com"],
        cities=["Bengaluru", "Pune", "Hyderabad", "Chennai", "Mumbai", "Gurugram"],
        country="India",
        tld="in",
    ),
    "JP": dict(
        male=words(
            "Hiroshi Takashi Kenji Daisuke Kazuki Yuto Haruto Sota Ren Takumi Shota Naoki Ryota Kenta Yusuke Masato Satoshi Tetsuya Koji Makoto Akira Shin Tomoya Yuki Hayato"
        ),
        female=words(
            "Yuko Keiko Tomoko Naoko Akiko Yumi Sakura Hina Yui Aoi Mio Rin Haruka Ayaka Misaki Nanami Emi Kaori Megumi Noriko Eri Chihiro Asuka Mai Saki"
        ),
        last=words(
            "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ogawa Fujita Okada Goto Hasegawa Murakami Kondo Ishii Saito Sakamoto Endo Aoki Fujii Nishimura"
        ),
        legal=["K.K.", "Co., Ltd.", "Corporation", "Inc."],
        free=["yahoo.co.jp", "docomo.ne.jp", "gmail.com", "nifty.com"],
        cities=["Tokyo", "Osaka", "Nagoya", "Fukuoka", "Sapporo", "Yokohama"],
        country="Japan",
        tld="co.jp",
    ),
}
PHONE_REGION = {"UK": "GB"}
LOCAL_WORDS = {
    "DE": ["Technik", "Logistik", "Maschinenbau", "Systeme", "Beratung", "Werke", "Software", "Handel"],
    "FR": ["Conseil", "Industries", "Technologies", "Services", "Logistique", "Solutions", "Ingénierie"],
    "ES": ["Soluciones", "Tecnología", "Consultores", "Logística", "Ingeniería", "Servicios"],
    "IT": ["Tecnologie", "Servizi", "Consulenza", "Meccanica", "Sistemi", "Logistica"],
    "NL": ["Techniek", "Advies", "Logistiek", "Groep", "Installaties", "Diensten"],
    "PL": ["Technologie", "Systemy", "Logistyka", "Doradztwo", "Inżynieria", "Usługi"],
    "BR": ["Tecnologia", "Soluções", "Logística", "Consultoria", "Engenharia", "Serviços"],
}
ENGLISH_WORDS = [
    "Systems",
    "Analytics",
    "Labs",
    "Partners",
    "Networks",
    "Dynamics",
    "Solutions",
    "Software",
    "Logistics",
    "Industries",
    "Capital",
    "Robotics",
    "Health",
    "Energy",
    "Media",
    "Foods",
]
BRAND_SYLLABLES = words(
    "vel tor nix ara quo lum zen cor bri dax fen gal hol iri jas kel mar nor ost pra rin sol tam ul vor wen yar zor ele ond"
)
TITLES = [
    "VP Sales",
    "Head of Marketing",
    "CTO",
    "Procurement Manager",
    "Data Engineer",
    "Account Executive",
    "Operations Director",
    "CFO",
    "Product Manager",
    "IT Manager",
    "Founder & CEO",
    "Buyer",
]
ROLE_LOCALS = ["info", "sales", "events", "office", "contact", "marketing", "team"]

# Nicknames a CRM holds or a lead types, both ways round (formal in CRM, familiar on the badge, or the other).
NICKNAMES = {
    "Robert": "Bob",
    "William": "Bill",
    "Richard": "Dick",
    "James": "Jim",
    "Michael": "Mike",
    "Joseph": "Joe",
    "Thomas": "Tom",
    "Charles": "Chuck",
    "Daniel": "Dan",
    "Matthew": "Matt",
    "Anthony": "Tony",
    "Steven": "Steve",
    "Andrew": "Andy",
    "Kenneth": "Ken",
    "Timothy": "Tim",
    "Patrick": "Pat",
    "Benjamin": "Ben",
    "Gregory": "Greg",
    "Elizabeth": "Liz",
    "Margaret": "Peggy",
    "Katherine": "Kate",
    "Rebecca": "Becky",
    "Jennifer": "Jen",
    "Patricia": "Patty",
    "Deborah": "Debbie",
    "Alexander": "Alex",
    "Edward": "Ted",
    "Samuel": "Sam",
    "Harriet": "Hattie",
    "Eleanor": "Ellie",
    "Philippa": "Pippa",
    "Stephanie": "Steph",
    "Kimberly": "Kim",
    "Susan": "Sue",
    "Barbara": "Barb",
}
TWIN_PAIRS = [
    ("Daniel", "Daniela"),
    ("Christian", "Christina"),
    ("Mario", "Maria"),
    ("Francesco", "Francesca"),
    ("Julian", "Juliana"),
    ("Paulo", "Paula"),
    ("Gabriel", "Gabriela"),
    ("Jan", "Jana"),
    ("Andrea", "Andreas"),
    ("Marek", "Marta"),
    ("Aleksander", "Aleksandra"),
    ("Stefan", "Stefanie"),
]
GENERATIONS = {
    "US": ("Sr.", "Jr."),
    "UK": ("Sr", "Jr"),
    "BR": ("", "Filho"),
    "ES": ("", "Jr."),
    "IN": ("Sr.", "Jr."),
    "DE": ("sen.", "jun."),
    "IT": ("", "Jr."),
    "FR": ("père", "fils"),
    "NL": ("sr.", "jr."),
    "PL": ("senior", "junior"),
    "JP": ("", "Jr."),
}

# category -> (kind, may an auto-link go to the CRM record the case is built on?)
CATEGORIES = {
    # people who are the CRM record's person
    "badge_scan_exact": "link",
    "typo_in_name": "link",
    "nickname": "link",
    "maiden_name_same_email": "link",
    "maiden_name_same_mobile": "link",
    "reordered_name": "link",
    "academic_title": "link",
    "middle_initial": "link",
    "uppercase_plus_tag_email": "link",
    "home_email_only": "link",
    "second_address_in_cell": "link",
    "phone_extension_only": "link",
    "transliterated": "link",
    "mobile_not_first_phone": "link",
    # people who are someone else
    "namesake_other_company": "none",
    "namesake_same_company": "none",
    "job_change_new_email": "none",
    "shared_inbox": "none",
    "assistant_for_exec": "none",
    "father_son": "none",
    "twins_same_address": "none",
    "reused_badge": "none",
    "switchboard_other_extension": "none",
    "not_in_crm": "none",
}
ORG_CATEGORIES = {
    "org_legal_suffix": "link",
    "org_the_prefix": "link",
    "org_ampersand_and": "link",
    "org_acronym_same_domain": "link",
    "org_website_forms": "link",
    "org_accents_case": "link",
    "org_subsidiary_in_crm": "link",  # both subsidiaries in the CRM: only the right one
    "org_subsidiary_other_country": "none",
    "org_lookalike_name": "none",
    "org_acronym_collision": "none",
    "org_not_in_crm": "none",
}


def ascii_fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def german_fold(text: str) -> str:
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(umlaut, spelled)
    return ascii_fold(text)


def slug(text: str) -> str:
    return "".join(c for c in ascii_fold(text).lower() if c.isalnum())


@dataclass
class Person:
    locale: str
    first: str
    last: str
    company: "Company"
    work_email: str = ""
    home_email: str = ""
    work_phone: str = ""  # E.164
    extension: str = ""
    mobile: str = ""
    home_phone: str = ""
    title: str = ""
    city: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Company:
    locale: str
    brand: str
    legal: str
    domain: str
    switchboard: str
    city: str
    street: str
    postcode: str

    @property
    def name(self) -> str:
        return f"{self.brand} {self.legal}"


class World:
    """Deterministic people and companies; every name and address handed out once unless a case asks for a
    namesake."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used_names: set[tuple[str, str]] = set()
        self.used_domains: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_brands: set[str] = set()
        self.used_emails: set[str] = set()
        self.companies: dict[str, list[Company]] = {locale: [] for locale in LOCALES}

    # -- values ----------------------------------------------------------------------------------------

    def phone(self, locale: str, kind=phonenumbers.PhoneNumberType.FIXED_LINE) -> str:
        region = PHONE_REGION.get(locale, locale)
        example = phonenumbers.example_number_for_type(region, kind)
        digits = phonenumbers.national_significant_number(example)
        for _ in range(200):
            keep = max(2, len(digits) - 6)
            candidate = digits[:keep] + "".join(str(self.rng.randrange(10)) for _ in digits[keep:])
            parsed = phonenumbers.parse(f"+{example.country_code}{candidate}")
            e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(parsed) and e164 not in self.used_phones:
                self.used_phones.add(e164)
                return e164
        raise RuntimeError(f"no phone number for {locale}")

    def brand(self) -> str:
        while True:
            word = "".join(
                self.rng.choice(BRAND_SYLLABLES) for _ in range(self.rng.choice((2, 2, 3)))
            ).title()
            if word not in self.used_brands and len(word) > 4:
                self.used_brands.add(word)
                return word

    def company(self, locale: str, *, brand: str | None = None, domain: str | None = None) -> Company:
        info = LOCALES[locale]
        if brand is None:
            words = LOCAL_WORDS.get(locale, ENGLISH_WORDS)
            brand = self.brand() if self.rng.random() < 0.5 else f"{self.brand()} {self.rng.choice(words)}"
        if domain is None:
            base = slug(brand.split()[0]) + ("" if self.rng.random() < 0.6 else "-" + slug(brand.split()[-1]))
            domain = f"{base}.{info['tld']}"
            while domain in self.used_domains:
                domain = f"{base}{self.rng.randrange(2, 99)}.{info['tld']}"
        self.used_domains.add(domain)
        company = Company(
            locale,
            brand,
            self.rng.choice(info["legal"]),
            domain,
            self.phone(locale),
            self.rng.choice(info["cities"]),
            f"{self.rng.randrange(1, 180)} {self.rng.choice(['Main', 'High', 'Park', 'Mill', 'Station'])} St",
            f"{self.rng.randrange(10000, 99999)}",
        )
        self.companies[locale].append(company)
        return company

    def any_company(self, locale: str) -> Company:
        pool = self.companies[locale]
        if len(pool) < 25 or self.rng.random() < 0.3:
            return self.company(locale)
        return self.rng.choice(pool)

    def name(self, locale: str, *, female: bool | None = None, last: str | None = None) -> tuple[str, str]:
        info = LOCALES[locale]
        for _ in range(1000):
            is_female = self.rng.random() < 0.5 if female is None else female
            first = self.rng.choice(info["female" if is_female else "male"])
            family = last or self.rng.choice(info["last"])
            if locale == "PL" and is_female and family.endswith("ski"):
                family = family[:-1] + "a"
            if (first, family) not in self.used_names:
                self.used_names.add((first, family))
                return first, family
        raise RuntimeError("names exhausted")

    def work_address(self, first: str, last: str, domain: str) -> str:
        given, family = slug(first), slug(last)
        style = self.rng.choice(["{f}.{l}", "{f}.{l}", "{i}{l}", "{f}", "{f}_{l}", "{l}.{f}"])
        return style.format(f=given, l=family, i=given[0]) + "@" + domain

    def home_address(self, first: str, last: str, locale: str) -> str:
        given, family = slug(first), slug(last)
        style = self.rng.choice(["{f}.{l}{n}", "{f}{l}{n}", "{i}.{l}{n}", "{l}.{f}"])
        return (
            style.format(f=given, l=family, i=given[0], n=self.rng.randrange(1, 99))
            + "@"
            + self.rng.choice(LOCALES[locale]["free"])
        )

    def addresses(self, person: Person, *, home: bool) -> None:
        """A work address no one else holds (and a personal one when asked), from the person's name."""
        for _ in range(50):
            person.work_email = self.work_address(person.first, person.last, person.company.domain)
            if person.work_email not in self.used_emails:
                break
        else:
            person.work_email = (
                f"{slug(person.first)}.{slug(person.last)}{len(self.used_emails)}@{person.company.domain}"
            )
        self.used_emails.add(person.work_email)
        person.home_email = ""
        if home:
            person.home_email = self.home_address(person.first, person.last, person.locale)
            while person.home_email in self.used_emails:
                person.home_email = self.home_address(person.first, person.last, person.locale)
            self.used_emails.add(person.home_email)

    def rename(self, person: Person, first: str, last: str) -> Person:
        """The person under another name (a namesake, a nickname), their addresses made from it."""
        person.first, person.last = first, last
        self.addresses(person, home=bool(person.home_email))
        return person

    def person(self, locale: str | None = None, *, company: Company | None = None, **name) -> Person:
        locale = locale or self.rng.choice(list(LOCALES))
        first, last = self.name(locale, **name)
        company = company or self.any_company(locale)
        person = Person(locale, first, last, company)
        self.addresses(person, home=self.rng.random() < 0.35)
        person.mobile = (
            self.phone(locale, phonenumbers.PhoneNumberType.MOBILE) if self.rng.random() < 0.6 else ""
        )
        if self.rng.random() < 0.5:
            person.work_phone, person.extension = company.switchboard, str(self.rng.randrange(100, 999))
        elif self.rng.random() < 0.5:
            person.work_phone = self.phone(locale)
        person.title = self.rng.choice(TITLES)
        person.city = company.city
        return person


# -- writing numbers as people type them ---------------------------------------------------------------


def typed_phone(rng: random.Random, e164: str, extension: str = "", *, national_ok: bool = True) -> str:
    parsed = phonenumbers.parse(e164)
    style = rng.random()
    if style < 0.45 or not national_ok:
        text = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif style < 0.75:
        text = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        text = e164
    if extension:
        text += rng.choice([f" x{extension}", f" ext. {extension}", f" x {extension}", f" ext{extension}"])
    return text


def crm_person_row(rng: random.Random, person: Person, pid: str, **override) -> dict:
    """A Pipedrive persons export row; phones international (a Pipedrive export has no country column to
    read a national number in), some with a desk extension."""
    company = person.company
    row = {
        "Person - ID": pid,
        "Person - Name": person.name,
        "Person - Label": rng.choice(["", "Customer", "Hot lead", "Warm lead", "Cold lead"]),
        "Person - Organization": company.name,
        "Person - Email - Work": person.work_email,
        "Person - Email - Home": person.home_email,
        "Person - Email - Other": "",
        "Person - Phone - Work": typed_phone(rng, person.work_phone, person.extension, national_ok=False)
        if person.work_phone
        else "",
        "Person - Phone - Mobile": typed_phone(rng, person.mobile, national_ok=False)
        if person.mobile
        else "",
        "Person - Phone - Home": typed_phone(rng, person.home_phone, national_ok=False)
        if person.home_phone
        else "",
        "Person - Job title": person.title,
        "Person - Owner": rng.choice(["Alex Reed", "Sam Ortiz", "Kim Lang", "Jo Park"]),
        "Organization - Name": company.name,
    }
    row.update(override)
    return row


def lead_row(rng: random.Random, person: Person, *, source: str | None = None, **override) -> dict:
    """An inbound lead as one of three sources writes it."""
    source = source or rng.choice(["badge scan", "webinar", "enrichment"])
    company = person.company
    row = {column: "" for column in LEAD_COLUMNS if column != LEAD_ID}
    row["Lead Source"] = source
    row["City"] = person.city
    row["Country"] = LOCALES[person.locale]["country"]
    row["Job Title"] = person.title
    phone = person.mobile or person.work_phone
    extension = "" if person.mobile else person.extension
    if source == "badge scan":
        row["Full Name"] = person.name.upper() if rng.random() < 0.3 else person.name
        row["Email"] = person.work_email.upper() if rng.random() < 0.5 else person.work_email
        row["Company"] = company.name.upper() if rng.random() < 0.2 else company.name
        row["Phone"] = typed_phone(rng, phone, extension) if phone else ""
    elif source == "webinar":
        row["First Name"], row["Last Name"] = person.first, person.last
        row["Email"] = person.work_email
        row["Company"] = company.brand if rng.random() < 0.6 else company.name
        row["Phone"] = typed_phone(rng, phone, extension) if phone and rng.random() < 0.5 else ""
    else:
        row["Full Name"] = person.name
        row["Email"] = person.work_email
        row["Company"] = company.name
        row["Phone"] = phone and phonenumbers.format_number(
            phonenumbers.parse(phone), phonenumbers.PhoneNumberFormat.E164
        )
    row.update(override)
    return row


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    near = {
        "a": "s",
        "e": "r",
        "i": "o",
        "o": "i",
        "n": "m",
        "m": "n",
        "r": "t",
        "s": "a",
        "t": "r",
        "l": "k",
    }
    return word[:i] + near.get(word[i], "e") + word[i + 1 :]


def person_cases(people: int = 2500, per_category: int = 30, *, seed: int = 5) -> CaseSet:
    world = World(seed)
    rng = world.rng
    out = CaseSet()
    next_id = iter(range(1001, 10**7))

    def add(person: Person, **override) -> str:
        pid = str(next(next_id))
        out.crm_rows.append(crm_person_row(rng, person, pid, **override))
        return pid

    # Background: the CRM's other persons, every locale.
    for _ in range(people):
        add(world.person())

    def case(category: str, row: dict, truth: tuple[str, ...] = ()) -> None:
        out.cases.append(Case(category, row, truth))

    def english() -> str:
        return rng.choice(["US", "UK"])

    for _ in range(per_category):
        # -- the CRM record's own person, written otherwise --
        p = world.person()
        case("badge_scan_exact", lead_row(rng, p, source="badge scan"), (add(p),))

        p = world.person()
        pid = add(p)
        typo_first = rng.random() < 0.5
        row = lead_row(rng, p, source=rng.choice(["webinar", "badge scan"]))
        wrong = (_typo(rng, p.first), p.last) if typo_first else (p.first, _typo(rng, p.last))
        row.update({"Full Name": "", "First Name": wrong[0], "Last Name": wrong[1]})
        case("typo_in_name", row, (pid,))

        locale = english()
        formal = rng.choice(
            [n for n in NICKNAMES if n in LOCALES[locale]["male"] + LOCALES[locale]["female"]]
        )
        female = formal in LOCALES[locale]["female"]
        p = world.person(locale, female=female)
        world.used_names.add((formal, p.last))
        world.rename(p, formal, p.last)
        nick = NICKNAMES[formal]
        if rng.random() < 0.5:  # the CRM holds the familiar form, the badge the formal one
            pid = add(p, **{"Person - Name": f"{nick} {p.last}"})
            case("nickname", lead_row(rng, p, source="badge scan"), (pid,))
        else:
            pid = add(p)
            case(
                "nickname", lead_row(rng, p, source="badge scan", **{"Full Name": f"{nick} {p.last}"}), (pid,)
            )

        p = world.person(female=True)
        p.home_email = p.home_email or world.home_address(p.first, p.last, p.locale)
        pid = add(p)
        married = rng.choice(LOCALES[p.locale]["last"])
        row = lead_row(rng, p, source="webinar", **{"Email": p.home_email, "Last Name": married})
        case("maiden_name_same_email", row, (pid,))

        p = world.person(female=True)
        p.mobile = p.mobile or world.phone(p.locale, phonenumbers.PhoneNumberType.MOBILE)
        pid = add(p)
        married = (
            f"{p.last}-{rng.choice(LOCALES[p.locale]['last'])}"
            if rng.random() < 0.5
            else rng.choice(LOCALES[p.locale]["last"])
        )
        row = lead_row(
            rng,
            p,
            source="badge scan",
            **{"Full Name": f"{p.first} {married}", "Email": "", "Phone": typed_phone(rng, p.mobile)},
        )
        case("maiden_name_same_mobile", row, (pid,))

        p = world.person()
        pid = add(p)
        if p.locale == "JP" or rng.random() < 0.3:
            written = f"{p.last.upper()} {p.first}"
        else:
            written = f"{p.last}, {p.first}"
        case("reordered_name", lead_row(rng, p, source="badge scan", **{"Full Name": written}), (pid,))

        p = world.person(rng.choice(["DE", "US", "UK", "IT", "FR", "ES", "PL"]))
        titles = {
            "DE": ["Dr.", "Prof. Dr.", "Dr.-Ing."],
            "IT": ["Dott.", "Ing.", "Avv."],
            "FR": ["Dr", "Pr"],
            "ES": ["Dr.", "Dña."],
            "PL": ["dr", "dr inż.", "prof."],
        }.get(p.locale, ["Dr.", "Prof.", "Mr."])
        title = rng.choice(titles)
        if rng.random() < 0.5:
            pid = add(p, **{"Person - Name": f"{title} {p.name}"})
            case("academic_title", lead_row(rng, p, source="enrichment"), (pid,))
        else:
            pid = add(p)
            row = lead_row(rng, p, source="badge scan", **{"Full Name": f"{title} {p.name}"})
            if rng.random() < 0.3:
                row["Full Name"] += ", PhD"
            case("academic_title", row, (pid,))

        p = world.person(rng.choice(["US", "UK", "BR", "DE", "NL"]))
        pid = add(p)
        initial = rng.choice("ABCDEFGHJKLMPRSTW")
        row = lead_row(rng, p, source="badge scan", **{"Full Name": f"{p.first} {initial}. {p.last}"})
        case("middle_initial", row, (pid,))

        p = world.person()
        pid = add(p)
        local, _, domain = p.work_email.partition("@")
        tagged = f"{local}+{rng.choice(['webinar', 'events', 'dreamforce', 'news'])}@{domain}".upper()
        case("uppercase_plus_tag_email", lead_row(rng, p, source="webinar", **{"Email": tagged}), (pid,))

        p = world.person()
        p.home_email = p.home_email or world.home_address(p.first, p.last, p.locale)
        pid = add(p)
        row = lead_row(rng, p, source="webinar", **{"Email": p.home_email, "Company": "", "Phone": ""})
        case("home_email_only", row, (pid,))

        p = world.person()
        old = world.work_address(p.first, p.last, world.company(p.locale).domain)
        pid = add(p, **{"Person - Email - Work": f"{old}, {p.work_email}"})
        case("second_address_in_cell", lead_row(rng, p, source="enrichment"), (pid,))

        p = world.person()
        p.work_phone, p.extension, p.mobile = world.phone(p.locale), str(rng.randrange(10, 999)), ""
        pid = add(p)
        row = lead_row(rng, p, source="badge scan", **{"Email": ""})
        row["Phone"] = typed_phone(rng, p.work_phone, p.extension)
        case("phone_extension_only", row, (pid,))

        p = world.person(rng.choice(["DE", "PL", "FR", "ES", "BR"]))
        pid = add(p)
        fold = german_fold if p.locale == "DE" else ascii_fold
        row = lead_row(rng, p, source="badge scan", **{"Full Name": fold(p.name).upper()})
        case("transliterated", row, (pid,))

        p = world.person()
        p.mobile = p.mobile or world.phone(p.locale, phonenumbers.PhoneNumberType.MOBILE)
        p.work_phone, p.extension = p.company.switchboard, str(rng.randrange(100, 999))
        pid = add(p)
        row = lead_row(rng, p, source="webinar", **{"Email": "", "Phone": typed_phone(rng, p.mobile)})
        case("mobile_not_first_phone", row, (pid,))

        # -- someone else --
        p = world.person()
        add(p)
        other = world.rename(world.person(p.locale), p.first, p.last)
        case("namesake_other_company", lead_row(rng, other), ())

        p = world.person()
        add(p)
        other = world.rename(world.person(p.locale, company=p.company), p.first, p.last)
        local, _, domain = p.work_email.partition("@")
        other.work_email = (
            f"{local}{rng.randrange(2, 9)}@{domain}"
            if rng.random() < 0.5
            else (f"{slug(p.first)}.{slug(p.last)}.{rng.choice(['ext', 'uk', 'de', 'hq'])}@{domain}")
        )
        other.mobile, other.work_phone = world.phone(p.locale, phonenumbers.PhoneNumberType.MOBILE), ""
        case("namesake_same_company", lead_row(rng, other, source="enrichment"), ())

        p = world.person()
        add(p)
        moved = world.person(p.locale)
        moved.home_email = ""
        world.rename(moved, p.first, p.last)
        moved.mobile = world.phone(p.locale, phonenumbers.PhoneNumberType.MOBILE)
        case(
            "job_change_new_email", lead_row(rng, moved, source=rng.choice(["badge scan", "enrichment"])), ()
        )

        p = world.person()
        shared = f"{rng.choice(ROLE_LOCALS)}@{p.company.domain}"
        add(p, **{"Person - Email - Work": shared})
        colleague = world.person(p.locale, company=p.company)
        colleague.work_email, colleague.mobile = shared, ""
        case("shared_inbox", lead_row(rng, colleague, source="webinar", **{"Phone": ""}), ())

        exec_ = world.person()
        exec_id = add(exec_)
        assistant = world.person(exec_.locale, company=exec_.company)
        assistant.title = "Executive Assistant"
        add(assistant)
        row = lead_row(rng, exec_, source="webinar", **{"Email": assistant.work_email})
        row["Phone"] = typed_phone(
            rng, assistant.work_phone or exec_.company.switchboard, assistant.extension
        )
        case("assistant_for_exec", row, ())
        del exec_id

        male_locale = rng.choice(list(GENERATIONS))
        father = world.person(male_locale, female=False)
        father.home_phone = world.phone(male_locale)
        father.home_email = father.home_email or world.home_address(father.first, father.last, male_locale)
        world.used_emails.add(father.home_email)
        senior, junior = GENERATIONS[male_locale]
        add(father, **({"Person - Name": f"{father.name} {senior}"} if senior and rng.random() < 0.5 else {}))
        son = world.rename(world.person(male_locale), father.first, father.last)
        son.mobile, son.work_phone = "", ""
        son.city = father.city
        son_email = world.home_address(son.first, son.last, male_locale)
        # "{last}.{first}@" has no number: the father's own address may come out again
        while son_email in world.used_emails:
            son_email = world.home_address(son.first, son.last, male_locale)
        world.used_emails.add(son_email)
        row = lead_row(rng, son, source="webinar", **{"Email": son_email})
        row.update({"First Name": son.first, "Last Name": f"{son.last} {junior}", "Full Name": ""})
        row["Phone"] = typed_phone(rng, father.home_phone)
        case("father_son", row, ())

        one, two = rng.choice(TWIN_PAIRS)
        locale = rng.choice(["DE", "IT", "BR", "PL", "US", "NL"])
        a = world.person(locale)
        world.rename(a, one, a.last)
        a.home_phone = world.phone(locale)
        family_mail = f"{slug(a.last)}.family{rng.randrange(1, 99)}@{rng.choice(LOCALES[locale]['free'])}"
        a.home_email = family_mail
        add(a, **{"Person - Name": f"{one} {a.last}"})
        b = world.rename(world.person(locale), two, a.last)
        b.city = a.city
        row = lead_row(
            rng,
            b,
            source="webinar",
            **{"Email": family_mail, "Company": "", "Phone": typed_phone(rng, a.home_phone)},
        )
        case("twins_same_address", row, ())

        holder = world.person()
        add(holder)
        wearer = world.person(holder.locale)
        row = lead_row(rng, wearer, source="badge scan", **{"Email": holder.work_email.upper()})
        case("reused_badge", row, ())

        p = world.person()
        p.work_phone, p.extension, p.mobile, p.home_email = (
            p.company.switchboard,
            str(rng.randrange(100, 999)),
            "",
            "",
        )
        add(p)
        colleague = world.person(p.locale, company=p.company)
        colleague.work_phone, colleague.mobile = p.company.switchboard, ""
        colleague.extension = str(int(p.extension) + rng.randrange(1, 50))
        row = lead_row(rng, colleague, source="badge scan", **{"Email": ""})
        row["Phone"] = typed_phone(rng, colleague.work_phone, colleague.extension)
        case("switchboard_other_extension", row, ())

        stranger = world.person()
        case("not_in_crm", lead_row(rng, stranger), ())

    rng.shuffle(out.crm_rows)
    rng.shuffle(out.cases)
    for number, item in enumerate(out.cases, start=1):
        item.external_id = f"LEAD-{number:05d}"
    return out


# -- organisations --------------------------------------------------------------------------------------


def crm_org_row(rng: random.Random, company: Company, oid: str, **override) -> dict:
    website = rng.choice(
        [
            f"https://www.{company.domain}/",
            f"www.{company.domain}",
            f"http://{company.domain}",
            company.domain,
        ]
    )
    country = LOCALES[company.locale]["country"]
    row = {
        "Organization - ID": oid,
        "Organization - Name": company.name,
        "Organization - Label": rng.choice(["", "Customer", "Prospect", "Partner"]),
        "Organization - Address": f"{company.street}, {company.postcode} {company.city}, {country}",
        "Organization - Address - City/town/village/locality": company.city,
        "Organization - Address - ZIP/Postal code": company.postcode,
        "Organization - Address - Country": country,
        "Organization - Website": website,
        "Organization - Owner": rng.choice(["Alex Reed", "Sam Ortiz", "Kim Lang", "Jo Park"]),
        "Organization - People": str(rng.randrange(0, 40)),
    }
    row.update(override)
    return row


def account_row(rng: random.Random, company: Company, **override) -> dict:
    row = {
        "Company Name": company.name,
        "Website": rng.choice([company.domain, f"https://{company.domain}", f"www.{company.domain}"]),
        "HQ Phone": typed_phone(rng, company.switchboard),
        "City": company.city,
        "Postal Code": company.postcode,
        "Country": LOCALES[company.locale]["country"],
        "Industry": rng.choice(["Software", "Manufacturing", "Logistics", "Retail", "Consulting"]),
    }
    row.update(override)
    return row


AND_WORDS = {"DE": "und", "FR": "et", "ES": "y", "IT": "e", "NL": "en", "PL": "i", "BR": "e"}


def organisation_cases(orgs: int = 1200, per_category: int = 30, *, seed: int = 6) -> CaseSet:
    world = World(seed)
    rng = world.rng
    out = CaseSet()
    next_id = iter(range(501, 10**7))

    def add(company: Company, **override) -> str:
        oid = str(next(next_id))
        out.crm_rows.append(crm_org_row(rng, company, oid, **override))
        return oid

    def case(category: str, row: dict, truth: tuple[str, ...] = ()) -> None:
        out.cases.append(Case(category, row, truth))

    def locale() -> str:
        return rng.choice(list(LOCALES))

    for _ in range(orgs):
        add(world.company(locale()))

    for _ in range(per_category):
        c = world.company(locale())
        oid = add(c)
        case(
            "org_legal_suffix",
            account_row(rng, c, **{"Company Name": rng.choice([c.brand, c.brand.upper()])}),
            (oid,),
        )

        c = world.company(rng.choice(["US", "UK"]))
        if rng.random() < 0.5:
            oid = add(c, **{"Organization - Name": f"The {c.name}"})
            case("org_the_prefix", account_row(rng, c, **{"Company Name": c.brand}), (oid,))
        else:
            oid = add(c)
            case("org_the_prefix", account_row(rng, c, **{"Company Name": f"THE {c.brand.upper()}"}), (oid,))

        loc = locale()
        left, right = world.brand(), rng.choice(LOCALES[loc]["last"])
        c = world.company(loc, brand=f"{left} & {right}")
        oid = add(c)
        written = f"{left} {rng.choice(['and', AND_WORDS.get(loc, 'and')])} {right} {c.legal}"
        case("org_ampersand_and", account_row(rng, c, **{"Company Name": written}), (oid,))

        words = [world.brand() for _ in range(3)]
        acronym = "".join(word[0] for word in words).upper()
        c = world.company(
            locale(), brand=" ".join(words), domain=f"{acronym.lower()}{rng.randrange(10, 99)}.com"
        )
        oid = add(c)
        case(
            "org_acronym_same_domain", account_row(rng, c, **{"Company Name": f"{acronym} {c.legal}"}), (oid,)
        )

        c = world.company(locale())
        oid = add(c, **{"Organization - Website": f"https://www.{c.domain}/en/contact?utm_source=crm"})
        case(
            "org_website_forms",
            account_row(rng, c, **{"Website": f"WWW.{c.domain.upper()}", "HQ Phone": ""}),
            (oid,),
        )

        loc = rng.choice(["FR", "DE", "ES", "PL", "BR"])
        c = world.company(loc, brand=f"{world.brand()} {rng.choice(LOCAL_WORDS[loc])}")
        oid = add(c)
        case("org_accents_case", account_row(rng, c, **{"Company Name": ascii_fold(c.name).upper()}), (oid,))

        # one brand, several countries: the CRM holds two subsidiaries, the lead is one of them
        brand = world.brand()
        home, other = rng.sample(["DE", "FR", "UK", "ES", "IT", "NL", "PL", "BR", "US"], 2)
        first = world.company(home, brand=brand, domain=f"{slug(brand)}.{LOCALES[home]['tld']}")
        second = world.company(other, brand=brand, domain=f"{slug(brand)}.{LOCALES[other]['tld']}")
        add(first)
        second_id = add(second)
        case(
            "org_subsidiary_in_crm",
            account_row(rng, second, **{"Company Name": f"{brand} {second.legal}"}),
            (second_id,),
        )

        brand = world.brand()
        home, other = rng.sample(["DE", "FR", "UK", "ES", "IT", "NL", "PL", "BR", "US", "JP", "IN"], 2)
        shared = rng.random() < 0.5  # one global domain for every country, or a domain per country
        first = world.company(home, brand=brand, domain=f"{slug(brand)}-group.com" if shared else None)
        add(first)
        second = world.company(other, brand=brand, domain=f"{slug(brand)}-group.com" if shared else None)
        case("org_subsidiary_other_country", account_row(rng, second), ())

        loc = locale()
        stem = world.brand()
        words = LOCAL_WORDS.get(loc, ENGLISH_WORDS)
        one, two = rng.sample(words, 2)
        a = world.company(loc, brand=f"{stem} {one}")
        add(a)
        b = world.company(loc, brand=f"{stem} {two}")
        case("org_lookalike_name", account_row(rng, b), ())

        words = [world.brand() for _ in range(3)]
        acronym = "".join(word[0] for word in words).upper()
        a = world.company(locale(), brand=" ".join(words))
        add(a)
        b = world.company(locale(), brand=f"{acronym} {rng.choice(ENGLISH_WORDS)}")
        case("org_acronym_collision", account_row(rng, b, **{"Company Name": f"{acronym} {b.legal}"}), ())

        case("org_not_in_crm", account_row(rng, world.company(locale())), ())

    rng.shuffle(out.crm_rows)
    rng.shuffle(out.cases)
    for number, item in enumerate(out.cases, start=1):
        item.external_id = f"ACC-{number:05d}"
    return out


# -- files and the two tools ------------------------------------------------------------------------------


# Splink reads the pair through SQL that maps these columns onto its settings' names: the whole name split at
# its first space, the first address of a cell, the mobile before the desk line with its extension cut off.
_EXTENSION = r"'\s*(x|ext\.?)\s*[0-9]+\s*$'"
PERSON_SQL = {
    "crm": f"""
        SELECT "Person - ID" AS unique_id,
               nullif(lower(strip_accents(split_part(trim("Person - Name"), ' ', 1))), '') AS first_name,
               nullif(lower(strip_accents(trim(substr(trim("Person - Name"),
                      strpos(trim("Person - Name"), ' ') + 1)))), '') AS last_name,
               nullif(lower(trim(split_part(coalesce(nullif("Person - Email - Work", ''),
                      "Person - Email - Home"), ',', 1))), '') AS email,
               {{phone}}(regexp_replace(coalesce(nullif("Person - Phone - Mobile", ''), "Person - Phone - Work"),
                      {_EXTENSION}, '')) AS phone,
               {{company}}(strip_accents("Person - Organization")) AS company,
               NULL AS zip, NULL AS city, NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "Lead ID" AS unique_id,
               nullif(lower(strip_accents(coalesce(nullif(trim("First Name"), ''),
                      split_part(trim("Full Name"), ' ', 1)))), '') AS first_name,
               nullif(lower(strip_accents(coalesce(nullif(trim("Last Name"), ''),
                      trim(substr(trim("Full Name"), strpos(trim("Full Name"), ' ') + 1))))), '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               {{phone}}(regexp_replace("Phone", {_EXTENSION}, '')) AS phone,
               {{company}}(strip_accents("Company")) AS company,
               NULL AS zip,
               nullif(lower(strip_accents(trim("City"))), '') AS city,
               NULL AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}
ORGANISATION_SQL = {
    "crm": """
        SELECT "Organization - ID" AS unique_id, {company}(strip_accents("Organization - Name")) AS name,
               {domain}("Organization - Website") AS domain, NULL AS phone,
               nullif(lower(strip_accents(trim("Organization - Address - City/town/village/locality"))), '') AS city,
               nullif(trim("Organization - Address - ZIP/Postal code"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """,
    "inbound": """
        SELECT "Record ID" AS unique_id, {company}(strip_accents("Company Name")) AS name,
               {domain}("Website") AS domain, {phone}("HQ Phone") AS phone,
               nullif(lower(strip_accents(trim("City"))), '') AS city, nullif(trim("Postal Code"), '') AS postcode
        FROM read_csv('{path}', all_varchar = true)
    """,
}


def main() -> None:
    run_generated(
        "identity-fifth",
        [
            GeneratedSuite(
                "people", lambda args: person_cases(args.people, args.per_category, seed=args.seed),
                "pipedrive", "inbound", PERSON_COLUMNS, LEAD_COLUMNS, LEAD_ID,
                ["--provider", "pipedrive", "--object", "persons", "--kind", "people"], "person", PERSON_SQL,
                "Pipedrive",
            ),
            GeneratedSuite(
                "organisations", lambda args: organisation_cases(args.orgs, args.per_category, seed=args.seed + 1),
                "pipedrive", "inbound", ORG_COLUMNS, ACCOUNT_COLUMNS, ACCOUNT_ID,
                ["--provider", "pipedrive", "--object", "organizations", "--kind", "organisations"],
                "organisation", ORGANISATION_SQL, "Pipedrive",
            ),
        ],
        seed=5, people=2500, orgs=1200,
    )  # fmt: skip


if __name__ == "__main__":
    main()
