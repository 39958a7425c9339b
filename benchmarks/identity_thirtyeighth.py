"""A thirty-eighth record set: Pipedrive persons of a Brazilian B2B software company linked from its RD Station
Marketing leads export.

    python benchmarks/identity_thirtyeighth.py [--people 3000] [--per-category 40] [--seed 381] [--skip-splink]
                                               [--keep DIR]

A São Paulo company sells management software (ERP, invoicing, NF-e) to small and mid-sized firms of Greater São
Paulo: metalworks, distributors, transport firms, clinics, many of them family firms where a father and his son
of one name (José Carlos Ferreira and José Carlos Ferreira Filho) work side by side. Its sales team works in
Pipedrive; its marketing runs on RD Station Marketing, whose forms (e-books, webinars, "fale com um consultor",
the trial) fill the leads base.

The CRM side is a Pipedrive persons export under its list-view labels (as the project's other Pipedrive sets):
`Person - ID`, `Person - Name` as the rep typed it ("Maria Santos" or "Maria da Silva" for Maria Aparecida da
Silva Santos, accents and all), `Person - First name` and `Person - Last name` (Pipedrive splits a typed name at
its first space), `Person - Email - Work` (the person's own address at the company's domain, or the firm's
contato@ / comercial@ for a small firm), `Person - Email - Home` (Gmail, Hotmail, UOL, BOL, Yahoo, Terra),
`Person - Phone - Work` (the firm's switchboard), `Person - Phone - Mobile` (as written when the person was
entered: the persons kept since the old spreadsheet hold their mobile as it was before the ninth digit, "(11)
8765-4321"), `Person - Phone - Other` (a WhatsApp number now and then), `Organization - Name`, the organization's
custom field `Organization - CNPJ` ("12.345.678/0001-95"), the person's custom field `Person - CPF` (the contract
signer's, "123.456.789-09" or bare), `Person - Job title`, `Person - Label`, `Person - Postal address -
City/town/village/locality`, `Person - Postal address - Country`, `Person - Owner`.

The inbound side is RD Station Marketing's leads export (Leads > Exportar, CSV) under its Brazilian Portuguese
column labels: `Email`, `Nome` (the full name as the lead typed it, in any case, accents dropped or not),
`Telefone`, `Celular`, `Cargo`, `Empresa`, `Cidade`, `Estado`, `País`, `Website`, `Estágio no funil`, `Dono do
Lead`, `Lead Scoring - Perfil`, `Lead Scoring - Interesse`, `Tags`, `Data da primeira conversão`, `Origem da
primeira conversão`, `Data da última conversão`, `Total de conversões`, and the account's custom fields under their
labels: `CPF`, `CNPJ`, `WhatsApp`. The labels were checked against public code that reads RD Station exports
(a lead-import mapper listing `Email`, `Nome`, `Telefone`, `Celular`, `Cargo`, `Empresa`, `País`, `Estado`,
`Cidade`, `Estágio no funil`, `Dono do Lead`, `Lead Scoring - Perfil`, `Lead Scoring - Interesse`, `Tags`, `Data
da primeira conversão`, `Origem da primeira conversão`, `Total de conversões`; an export of a lead segment
described with `Email`, `Nome`, `Telefone`, `Celular`, `Cargo`, `Lead Scoring - Perfil`, `Tags`, `Data da primeira
conversão`, `Origem da primeira conversão`) and RD Station's import template (`Nome`, `Telefone`, `Empresa`,
`Cargo`, `Cidade`). The export has no id column (RD Station keys a lead by its email); the file's id is the
contact's `uuid` as RD Station's contacts API and its connectors (Kondado's wiki) give it, a column added here.
Phone numbers as Brazilians write them: "(11) 98765-4321", "11987654321", "+55 11 98765-4321", with the trunk
prefix "011 ..." or "0xx11 ...", with a carrier selection code "0 21 11 ...", and WhatsApp's "5511987654321".

Categories, each with its truth (the Pipedrive person, or none). IN:
- `own_work_email`: the lead's own work address, held; the name as typed on either side.
- `compound_name_mobile`: the CRM holds a short form of a compound name ("Maria Santos", "Maria da Silva"); the
  lead writes all of it and a personal address nobody holds, and the person's mobile (another format).
- `old_mobile_ninth_digit`: the CRM holds the mobile as written before the ninth digit ("(11) 8765-4321"); the
  lead gives it with the 9 ("(11) 98765-4321", in `Celular` or `WhatsApp`) and a personal address nobody holds.
- `cpf_on_both`: the person's CPF on the CRM record (formatted or bare) and in the lead's `CPF` (the other way,
  or bare with its leading zero lost to a spreadsheet); a personal address nobody holds, no phone.
- `son_held_own_keys`: father and son of one name, both held at the family firm (the switchboard, the firm's
  contato@), the son's lead with his generation word (Filho, Júnior, Neto, Sobrinho) and his own mobile or email.
- `namesake_own_email`: two people of a very common name (José da Silva) both held at two firms; one's lead with
  his own work address.
OUT:
- `son_not_held`: the father held, his son of one name not (or the son held and the father not); the lead of the
  one not held, with the firm's switchboard, its shared mailbox and CNPJ, his own mobile. Truth: none.
- `colleague_shared_mailbox`: a colleague's lead (not held) on the firm's contato@ / comercial@ that a held
  colleague's record carries, the switchboard and the CNPJ. Truth: none.
- `relative_shared_whatsapp`: a family firm's WhatsApp number, held as a relative's mobile (the wife's, a
  brother's); another family member's lead (same surnames, another first name) with it. Truth: none.
- `namesake_other_firm`: a very common name held at one firm; another person of that name at another firm, with
  keys nobody holds. Truth: none.
- `not_in_crm`: new leads: half at firms nobody holds, half new colleagues at a held firm (its domain, switchboard
  and CNPJ, their own new address).

Fairness: every row has one truth a careful reader of the two records can tell. A person's own mobile, own
address and CPF are theirs alone; a switchboard, a contato@ mailbox, a CNPJ and a family's WhatsApp are the
firm's or the family's; a father and son of one name are told apart by the son's generation word (always
written by the son on the form, typed by the rep when the son is held); people outside the CRM with a held
person's name never share a key of that person. Written from scratch (only `identity_quality`'s and
`generated_phones`' interfaces). Every seed deterministic.
"""

import random
import sys
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_phones import fresh_number
from identity_quality import (
    GeneratedCase,
    GeneratedCases,
    GeneratedSuite,
    person_model_em_on_email,
    run_generated,
)

CRM_ID = "Person - ID"
CRM_COLUMNS = [
    CRM_ID, "Person - Name", "Person - First name", "Person - Last name", "Person - Email - Work",
    "Person - Email - Home", "Person - Phone - Work", "Person - Phone - Mobile", "Person - Phone - Other",
    "Organization - Name", "Organization - CNPJ", "Person - CPF", "Person - Job title", "Person - Label",
    "Person - Postal address - City/town/village/locality", "Person - Postal address - Country", "Person - Owner",
]  # fmt: skip
INBOUND_ID = "uuid"
INBOUND_COLUMNS = [
    INBOUND_ID, "Email", "Nome", "Telefone", "Celular", "Cargo", "Empresa", "Cidade", "Estado", "País", "Website",
    "Estágio no funil", "Dono do Lead", "Lead Scoring - Perfil", "Lead Scoring - Interesse", "Tags",
    "Data da primeira conversão", "Origem da primeira conversão", "Data da última conversão",
    "Total de conversões", "CPF", "CNPJ", "WhatsApp",
]  # fmt: skip

# -- names ------------------------------------------------------------------------------------------------------

FEMALE = [
    "Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia", "Aline",
    "Sandra", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia", "Júlia", "Luciana", "Vanessa", "Mariana",
    "Gabriela", "Renata", "Beatriz", "Larissa", "Priscila", "Tatiane", "Cláudia", "Simone", "Débora", "Raquel",
    "Natália", "Elaine", "Rosângela", "Sônia", "Vera", "Lúcia",
]  # fmt: skip
FEMALE_SECOND = ["Aparecida", "José", "Eduarda", "Paula", "Luiza", "Clara", "Cristina", "Helena", "Vitória",
                 "Carolina", "Beatriz", "Fernanda", "Regina", "de Fátima", "das Graças"]  # fmt: skip
MALE = [
    "José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos", "Gabriel",
    "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Raimundo", "Rodrigo", "Fernando", "Gustavo",
    "Ricardo", "André", "Thiago", "Leonardo", "Diego", "Matheus", "Vinícius", "Sérgio", "Roberto", "Márcio",
    "Fábio", "Alexandre", "Júlio", "Renato", "Otávio", "Henrique", "Caio", "Sebastião", "Joaquim",
]  # fmt: skip
MALE_SECOND = ["Carlos", "Pedro", "Paulo", "Henrique", "Eduardo", "Fernando", "Augusto", "Antônio", "Roberto",
               "Vitor", "Luiz", "Miguel", "Ricardo", "Alberto"]  # fmt: skip
# surname -> the particle it is written with when it is ("da Silva"), "" when none
SURNAMES = {
    "Silva": "da", "Santos": "dos", "Oliveira": "de", "Souza": "de", "Rodrigues": "", "Ferreira": "", "Alves": "",
    "Pereira": "", "Lima": "", "Gomes": "", "Costa": "da", "Ribeiro": "", "Martins": "", "Carvalho": "de",
    "Almeida": "de", "Lopes": "", "Soares": "", "Fernandes": "", "Vieira": "", "Barbosa": "", "Rocha": "da",
    "Dias": "", "Nascimento": "do", "Andrade": "de", "Moreira": "", "Nunes": "", "Marques": "", "Machado": "",
    "Mendes": "", "Freitas": "de", "Cardoso": "", "Ramos": "", "Gonçalves": "", "Santana": "", "Teixeira": "",
    "Araújo": "de", "Cavalcanti": "", "Monteiro": "", "Moura": "de", "Correia": "", "Azevedo": "de",
    "Campos": "", "Pinto": "", "Batista": "", "Rezende": "", "Siqueira": "de", "Brandão": "", "Magalhães": "",
    "Conceição": "da", "Assis": "de", "Cunha": "da", "Prado": "do", "Queiroz": "de", "Tavares": "",
    "Bezerra": "", "Castro": "de", "Farias": "", "Guimarães": "", "Meireles": "", "Sampaio": "",
}  # fmt: skip
# Names so common that two customers' people bear them (José da Silva is Brazil's John Smith).
COMMON = [("José", "Silva"), ("Maria", "Silva"), ("Antônio", "Santos"), ("João", "Oliveira"), ("Ana", "Souza"),
          ("Francisco", "Pereira"), ("Carlos", "Souza"), ("Paulo", "Santos"), ("Maria", "Santos"),
          ("José", "Santos"), ("Luiz", "Silva"), ("Pedro", "Costa"), ("Ana", "Silva"), ("Marcos", "Oliveira"),
          ("Francisca", "Silva"), ("João", "Santos")]  # fmt: skip
GENERATIONS = ["Filho", "Filho", "Filho", "Júnior", "Junior", "Jr.", "Neto", "Sobrinho"]
STAFF = ["Camila Rezende", "Thiago Moraes", "Juliana Prates", "Rafael Kenji Sato"]  # owners, never leads

# -- firms ------------------------------------------------------------------------------------------------------

TRADES = [("Metalúrgica", "metal"), ("Distribuidora", "distribuidora"), ("Transportadora", "transportes"),
          ("Construtora", "construtora"), ("Autopeças", "autopecas"), ("Clínica", "clinica"),
          ("Confecções", "confeccoes"), ("Comércio de Alimentos", "alimentos"), ("Plásticos", "plasticos"),
          ("Contabilidade", "contabil"), ("Logística", "log"), ("Embalagens", "embalagens"),
          ("Ferragens", "ferragens"), ("Farmácia", "farma"), ("Gráfica", "grafica"), ("Móveis", "moveis")]  # fmt: skip
CORES = ["Boa Vista", "Horizonte", "Primavera", "São Jorge", "Santa Rita", "Nova Era", "Progresso", "Vale Verde",
         "Estrela", "Aliança", "Paulista", "Bandeirantes", "Ipiranga", "Tietê", "Cantareira", "Morumbi",
         "Santa Cecília", "Aurora", "Triângulo", "Pioneira", "Líder", "Real", "Atlântico", "Jaraguá"]  # fmt: skip
QUALIFIERS = ["", "", "", "Industrial", "Comercial", "Brasil", "Express", "Soluções", "Serviços", "Center"]
LEGAL = ["Ltda", "Ltda.", "LTDA", "S.A.", "ME", "EIRELI", "EPP"]
TOWNS = [("São Paulo", "SP")] * 6 + [("Guarulhos", "SP"), ("Osasco", "SP"), ("Santo André", "SP"),
                                     ("São Bernardo do Campo", "SP"), ("Barueri", "SP"), ("Diadema", "SP"),
                                     ("Mogi das Cruzes", "SP"), ("Cotia", "SP"), ("Taboão da Serra", "SP")]  # fmt: skip
PERSONAL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "hotmail.com", "yahoo.com.br",
                    "uol.com.br", "bol.com.br", "terra.com.br", "outlook.com"]  # fmt: skip
SHARED_LOCALS = ["contato", "comercial", "vendas", "financeiro", "atendimento", "adm"]
TITLES = ["Diretor", "Sócio", "Sócio-proprietário", "Gerente Administrativo", "Gerente Financeiro", "Comprador",
          "Analista Fiscal", "Coordenador de Logística", "Assistente Administrativo", "Contador", "Gerente de TI",
          "Supervisor de Vendas", "Auxiliar Financeiro", "Proprietário", "CEO"]  # fmt: skip
FUNNEL = ["Lead", "Lead", "Lead Qualificado", "Oportunidade", "Cliente"]
ORIGINS = ["Busca Orgânica", "Busca Paga | Google", "Email", "Tráfego Direto", "Social | Facebook",
           "Referência", "Social | LinkedIn"]  # fmt: skip
TAGS = ["ebook-nfe", "webinar-erp", "trial", "fale-com-consultor", "planilha-fluxo-de-caixa", "newsletter"]


def plain(text: str) -> str:
    """Accents dropped, as a keyboard without them (or a form's old encoding) writes a name."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def slug(text: str) -> str:
    return "".join(ch for ch in plain(text).lower() if ch.isalnum())


def check_digits(digits: str, weights: list[int]) -> str:
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "0" if total < 2 else str(11 - total)


def cpf_of(base: str) -> str:
    """A CPF (9 digits and its two check digits, Receita Federal's modulo-11 rule)."""
    first = check_digits(base, list(range(10, 1, -1)))
    return base + first + check_digits(base + first, list(range(11, 1, -1)))


def cnpj_of(base: str) -> str:
    """A CNPJ (8 digits of the firm, 0001 for its head office, two check digits)."""
    body = base + "0001"
    first = check_digits(body, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    return body + first + check_digits(body + first, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])


def cpf_written(cpf: str, formatted: bool) -> str:
    return f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" if formatted else cpf


def cnpj_written(cnpj: str, formatted: bool) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}" if formatted else cnpj


@dataclass
class Firm:
    name: str
    domain: str
    switchboard: str  # E.164
    cnpj: str
    town: tuple
    family: str = ""  # the founding family's surname, for a family firm
    shared_mailbox: str = ""  # contato@..., on a colleague's record when held
    whatsapp: str = ""  # a family firm's WhatsApp number (a relative's mobile)
    people: list = field(default_factory=list)


@dataclass
class Person:
    given: list  # ["Maria", "Aparecida"]
    surnames: list  # ["Silva", "Santos"]: the mother's, then the father's
    female: bool
    firm: Firm
    suffix: str = ""  # Filho, Júnior, Neto, Sobrinho
    work_email: str = ""
    home_email: str = ""
    mobile: str = ""  # E.164
    old_mobile: bool = False  # held as written before the ninth digit
    cpf: str = ""
    title: str = ""
    contact: dict | None = None
    father: "Person | None" = None

    def full(self) -> str:
        parts = [*self.given, *(self.with_particle(s) for s in self.surnames)]
        return " ".join(parts + ([self.suffix] if self.suffix else []))

    @staticmethod
    def with_particle(surname: str) -> str:
        particle = SURNAMES.get(surname, "")
        return f"{particle} {surname}" if particle else surname

    @property
    def key(self) -> tuple:
        return (plain(self.given[0]).lower(), plain(self.surnames[-1]).lower(), self.suffix != "")


class Generator:
    def __init__(self, seed: int, people: int, per_category: int):
        self.rng = random.Random(seed)
        self.target = people
        self.per = per_category
        self.firms: list[Firm] = []
        self.persons: list[Person] = []
        self.crm_rows: list[dict] = []
        self.cases: list[GeneratedCase] = []
        self.numbers: set[str] = set()
        self.emails: set[str] = set()
        self.domains: set[str] = set()
        self.record_ids: set[str] = set()
        self.cpfs: set[str] = set()
        self.cnpjs: set[str] = set()
        self.fulls: set[str] = set()  # full names of everybody drawn (namesakes are made on purpose)
        self.used: set[int] = set()
        self.now = datetime(2026, 12, 1, 9, 0)

    # -- draws ------------------------------------------------------------------------------------------------

    def number(self, kind=PhoneNumberType.MOBILE, *, old: bool = False) -> str:
        """A São Paulo (DDD 11) number; `old`: a mobile that had eight digits before the ninth was added in 2012
        (its second digit 6 to 9, as all mobiles' first then)."""
        while True:
            drawn = fresh_number(self.rng, "BR", kind, self.numbers, random_digits=8)
            if not old or drawn[6] in "6789":
                return drawn

    def written_phone(self, e164: str, *, old: bool = False) -> str:
        """A number as a Brazilian writes it; `old`: a mobile written before its ninth digit."""
        national = str(phonenumbers.parse(e164).national_number)  # 11987654321 / 1134567890
        ddd, local = national[:2], national[2:]
        if old:
            local = local[1:]
            return self.rng.choice([f"({ddd}) {local[:4]}-{local[4:]}", f"{ddd} {local[:4]}-{local[4:]}",
                                    f"+55 {ddd} {local[:4]}-{local[4:]}", f"{ddd}{local}"])  # fmt: skip
        head, tail = local[:-4], local[-4:]
        return self.rng.choice(
            [f"({ddd}) {head}-{tail}", f"({ddd}) {head}-{tail}", f"{ddd}{local}", f"+55 {ddd} {head}-{tail}",
             f"+55{ddd}{local}", f"0{ddd} {head}-{tail}", f"(0{ddd}) {head}-{tail}", f"0xx{ddd} {head}-{tail}",
             f"0 {self.rng.choice(['15', '21', '41'])} {ddd} {head}-{tail}", f"{ddd} {head} {tail}"]
        )  # fmt: skip

    def whatsapp_written(self, e164: str) -> str:
        national = str(phonenumbers.parse(e164).national_number)
        return self.rng.choice([f"55{national}", f"+55 {national[:2]} {national[2:-4]}-{national[-4:]}",
                                f"({national[:2]}) {national[2:-4]}-{national[-4:]}"])  # fmt: skip

    def record_id(self) -> str:
        while (value := str(self.rng.randint(1_000, 99_999))) in self.record_ids:
            pass
        self.record_ids.add(value)
        return value

    def fresh_cpf(self) -> str:
        while (value := cpf_of(f"{self.rng.randrange(10**9):09d}")) in self.cpfs:
            pass
        self.cpfs.add(value)
        return value

    def fresh_cnpj(self) -> str:
        while (value := cnpj_of(f"{self.rng.randrange(10**8):08d}")) in self.cnpjs:
            pass
        self.cnpjs.add(value)
        return value

    def personal_mailbox(self, person: Person) -> str:
        first, last = slug(person.given[0]), slug(person.surnames[-1])
        for attempt in range(60):
            local = self.rng.choice(["{f}.{l}", "{f}{l}", "{f}_{l}", "{f}{l}{y}", "{f}.{l}{y}"]).format(
                f=first, l=last, y=self.rng.randint(70, 99) if attempt < 30 else self.rng.randint(100, 999)
            )
            address = f"{local}@{self.rng.choice(PERSONAL_DOMAINS)}"
            mailbox = (
                address.replace(".", "", local.count(".")) if address.endswith("@gmail.com") else address
            )
            if address not in self.emails and mailbox not in self.emails:  # Gmail ignores a name's dots
                self.emails.update((address, mailbox))
                return address
        raise RuntimeError("no mailbox left")

    def work_mailbox(self, person: Person) -> str:
        first, last = slug(person.given[0]), slug(person.surnames[-1])
        patterns = ["{f}.{l}", "{f}", "{fi}{l}", "{f}{l}", "{f}.{l}{n}"]
        for attempt in range(40):
            local = self.rng.choice(patterns if attempt < 20 else patterns[-1:]).format(
                f=first, l=last, fi=first[0], n=self.rng.randint(2, 99)
            )
            address = f"{local}@{person.firm.domain}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("no work mailbox left")

    def given(self, female: bool) -> list[str]:
        first = self.rng.choice(FEMALE if female else MALE)
        if self.rng.random() < 0.45:
            second = self.rng.choice(FEMALE_SECOND if female else MALE_SECOND)
            if plain(second) != plain(first):
                return [first, second]
        return [first]

    def surnames(self) -> list[str]:
        mother, father = self.rng.sample(list(SURNAMES), 2)
        return [mother, father] if self.rng.random() < 0.7 else [father]

    def draw_person(self, firm: Firm, female: bool, *, given=None, surnames=None, suffix="") -> Person:
        for _ in range(200):
            person = Person(
                given or self.given(female), surnames or self.surnames(), female, firm, suffix=suffix
            )
            if plain(person.full()).lower() not in self.fulls:
                break
            surnames = None
        else:
            raise RuntimeError("no fresh name left")
        self.fulls.add(plain(person.full()).lower())
        person.title = self.rng.choice(TITLES)
        if self.rng.random() < 0.85:
            person.mobile = self.number()
        if self.rng.random() < 0.35:
            person.cpf = self.fresh_cpf()
        firm.people.append(person)
        self.persons.append(person)
        return person

    # -- firms --------------------------------------------------------------------------------------------------

    def new_firm(self, family: bool) -> Firm:
        for _ in range(500):
            trade, short = self.rng.choice(TRADES)
            if family:
                founder = self.rng.choice(list(SURNAMES))
                core = self.rng.choice(
                    [f"{founder} & Filhos", f"Irmãos {founder}", founder, f"{founder} {trade}"]
                )
                name = core if trade in core else f"{trade} {core}"
                domain = f"{slug(founder)}{short}.com.br"
            else:
                founder, core = "", f"{self.rng.choice(CORES)} {self.rng.choice(QUALIFIERS)}".strip()
                name = f"{trade} {core}"
                domain = f"{short}{slug(core)}.com.br"
            if domain not in self.domains:
                self.domains.add(domain)
                break
        else:
            raise RuntimeError("no firm name left")
        firm = Firm(
            name=f"{name} {self.rng.choice(LEGAL)}", domain=domain,
            switchboard=self.number(PhoneNumberType.FIXED_LINE), cnpj=self.fresh_cnpj(),
            town=self.rng.choice(TOWNS), family=founder,
        )  # fmt: skip
        if self.rng.random() < 0.5 or family:
            firm.shared_mailbox = f"{self.rng.choice(SHARED_LOCALS)}@{domain}"
            self.emails.add(firm.shared_mailbox)
        self.firms.append(firm)
        return firm

    def staff_firm(self, firm: Firm) -> None:
        """The firm's people: a family firm's founder (his son of one name now and then, his wife, another
        child), then employees."""
        if firm.family:
            father_surnames = [self.rng.choice(list(SURNAMES)), firm.family]
            father = self.draw_person(firm, False, surnames=father_surnames)
            father.title = self.rng.choice(["Sócio-proprietário", "Diretor", "Proprietário"])
            if self.rng.random() < 0.6:
                son = self.draw_person(firm, False, given=list(father.given), surnames=list(father.surnames),
                                       suffix=self.rng.choice(GENERATIONS))  # fmt: skip
                son.father = father
            mother_name = self.rng.choice(list(SURNAMES))
            if self.rng.random() < 0.6:
                wife = self.draw_person(firm, True, surnames=[mother_name, firm.family])
                wife.title = self.rng.choice(["Sócia", "Gerente Financeira", "Diretora Administrativa"])
            if self.rng.random() < 0.5:
                child = self.draw_person(firm, self.rng.random() < 0.5, surnames=[mother_name, firm.family])
                child.title = self.rng.choice(["Gerente Comercial", "Diretor de Operações", "Compras"])
            if self.rng.random() < 0.7:  # the family's WhatsApp: the founder's or his wife's mobile
                holder = firm.people[0] if firm.people[0].mobile else None
                firm.whatsapp = holder.mobile if holder else ""
        for _ in range(self.rng.randint(1, 6)):
            self.draw_person(firm, self.rng.random() < 0.45)

    def hold(self, person: Person) -> dict:
        """The person's Pipedrive record, as the rep typed it."""
        firm = person.firm
        if firm.shared_mailbox and not person.work_email and self.rng.random() < 0.15:
            work = firm.shared_mailbox
        else:
            person.work_email = person.work_email or (
                self.work_mailbox(person) if self.rng.random() < 0.8 else ""
            )
            work = person.work_email
        if not person.home_email and (not work or self.rng.random() < 0.25):
            person.home_email = self.personal_mailbox(person)
        home = person.home_email if (not work or self.rng.random() < 0.5) else ""
        person.old_mobile = bool(person.mobile) and self.rng.random() < 0.2 and person.mobile[6] in "6789"
        typed = self.typed_in_crm(person)
        first, _, last = typed.partition(" ")
        row = {
            CRM_ID: self.record_id(), "Person - Name": typed, "Person - First name": first,
            "Person - Last name": last, "Person - Email - Work": work, "Person - Email - Home": home,
            "Person - Phone - Work": self.written_phone(firm.switchboard) if self.rng.random() < 0.6 else "",
            "Person - Phone - Mobile": self.written_phone(person.mobile, old=person.old_mobile) if person.mobile else "",
            "Person - Phone - Other": "", "Organization - Name": firm.name,
            "Organization - CNPJ": cnpj_written(firm.cnpj, self.rng.random() < 0.7),
            "Person - CPF": cpf_written(person.cpf, self.rng.random() < 0.6) if person.cpf else "",
            "Person - Job title": person.title if self.rng.random() < 0.7 else "",
            "Person - Label": self.rng.choice(["Cliente", "Cliente", "Decisor", "Influenciador", ""]),
            "Person - Postal address - City/town/village/locality": firm.town[0] if self.rng.random() < 0.5 else "",
            "Person - Postal address - Country": "Brasil" if self.rng.random() < 0.4 else "",
            "Person - Owner": self.rng.choice(STAFF),
        }  # fmt: skip
        person.contact = row
        self.crm_rows.append(row)
        return row

    def typed_in_crm(self, person: Person) -> str:
        """The name as a rep types it: often the first given name and the last surname ("Maria Santos"), now
        and then the first surname ("Maria da Silva"), the given names and the last surname, or all of it; the
        generation word whenever the person has one."""
        given, surnames = person.given, person.surnames
        roll = self.rng.random()
        if roll < 0.35 or len(surnames) == 1:
            words = [given[0], surnames[-1]] if roll < 0.7 or len(given) == 1 else [*given, surnames[-1]]
        elif roll < 0.5:
            words = [given[0], Person.with_particle(surnames[0])]
        elif roll < 0.7:
            words = [*given, surnames[-1]]
        else:
            words = [person.full().removesuffix(f" {person.suffix}") if person.suffix else person.full()]
        name = " ".join(words) + (f" {person.suffix}" if person.suffix else "")
        return plain(name) if self.rng.random() < 0.1 else name

    def typed_on_form(self, person: Person, *, whole: bool = False) -> str:
        """The name as the lead types it on a form: mostly all of it, in any case, accents dropped or not; all of
        it where the CRM holds the mother's surname alone ("Maria da Silva" for Maria ... da Silva Santos), which
        no reader could tie to "Maria Santos"."""
        held = plain(person.contact["Person - Name"]).lower() if person.contact else ""
        if len(person.surnames) > 1 and plain(person.surnames[-1]).lower() not in held.split():
            whole = True
        if whole or self.rng.random() < 0.65:
            name = person.full()
        else:
            name = " ".join(
                [person.given[0], person.surnames[-1]] + ([person.suffix] if person.suffix else [])
            )
        if self.rng.random() < 0.3:
            name = plain(name)
        roll = self.rng.random()
        return name.upper() if roll < 0.12 else name.lower() if roll < 0.25 else name

    # -- the CRM --------------------------------------------------------------------------------------------

    def build_crm(self) -> None:
        while len(self.persons) < self.target:
            firm = self.new_firm(family=self.rng.random() < 0.35)
            self.staff_firm(firm)
        for person in self.persons:
            if self.rng.random() < 0.82:
                self.hold(person)

    def pick(self, fits) -> Person:
        pool = [p for p in self.persons if id(p) not in self.used and fits(p)]
        if not pool:
            raise RuntimeError("no person fits")
        person = self.rng.choice(pool)
        self.used.add(id(person))
        return person

    def lead_row(self, category: str, truth: list[str], person: Person, **fields) -> None:
        firm = person.firm
        first = self.now - timedelta(days=self.rng.randint(30, 1500), minutes=self.rng.randint(0, 1440))
        last = first + timedelta(days=self.rng.randint(0, 300), minutes=self.rng.randint(0, 600))
        row = {
            "Email": "", "Nome": self.typed_on_form(person), "Telefone": "", "Celular": "",
            "Cargo": person.title if self.rng.random() < 0.6 else "",
            "Empresa": firm.name if self.rng.random() < 0.5 else firm.name.rsplit(" ", 1)[0],
            "Cidade": firm.town[0] if self.rng.random() < 0.6 else "", "Estado": firm.town[1] if self.rng.random() < 0.5 else "",
            "País": "Brasil" if self.rng.random() < 0.5 else "", "Website": f"www.{firm.domain}" if self.rng.random() < 0.3 else "",
            "Estágio no funil": self.rng.choice(FUNNEL), "Dono do Lead": self.rng.choice([*STAFF, ""]),
            "Lead Scoring - Perfil": self.rng.choice("ABCD"), "Lead Scoring - Interesse": str(self.rng.randint(0, 100)),
            "Tags": ",".join(self.rng.sample(TAGS, self.rng.randint(0, 2))),
            "Data da primeira conversão": first.strftime("%Y-%m-%d %H:%M:%S"),
            "Origem da primeira conversão": self.rng.choice(ORIGINS),
            "Data da última conversão": last.strftime("%Y-%m-%d %H:%M:%S"),
            "Total de conversões": str(self.rng.randint(1, 9)), "CPF": "", "CNPJ": "", "WhatsApp": "",
        }  # fmt: skip
        row.update(fields)
        if not row["Email"]:  # RD Station keys a lead by its email: every lead has one
            row["Email"] = person.home_email or self.personal_mailbox(person)
        self.cases.append(GeneratedCase(category=category, row=row, truth=tuple(truth)))

    def mobile_fields(self, person: Person) -> dict:
        if self.rng.random() < 0.25:
            return {"WhatsApp": self.whatsapp_written(person.mobile)}
        return {"Celular": self.written_phone(person.mobile)}

    def firm_fields(self, firm: Firm) -> dict:
        fields = {"Telefone": self.written_phone(firm.switchboard)}
        if self.rng.random() < 0.6:
            fields["CNPJ"] = cnpj_written(firm.cnpj, self.rng.random() < 0.5)
        return fields

    # -- IN -------------------------------------------------------------------------------------------------

    def own_work_email(self) -> None:
        for _ in range(self.per * 3):
            person = self.pick(
                lambda p: p.contact and p.contact["Person - Email - Work"] == p.work_email != ""
            )
            extra = self.mobile_fields(person) if person.mobile and self.rng.random() < 0.5 else {}
            if self.rng.random() < 0.4:
                extra["Telefone"] = self.written_phone(person.firm.switchboard)
            self.lead_row(
                "own_work_email", [person.contact[CRM_ID]], person, Email=person.work_email, **extra
            )

    def compound_name_mobile(self) -> None:
        for _ in range(self.per):
            person = self.pick(
                lambda p: (
                    p.contact
                    and p.mobile
                    and not p.old_mobile
                    and not p.suffix
                    and (len(p.given) > 1 or len(p.surnames) > 1)
                    and p.contact["Person - Name"] != p.full()
                )
            )
            self.lead_row("compound_name_mobile", [person.contact[CRM_ID]], person,
                          Nome=self.typed_on_form(person, whole=True), Email=self.personal_mailbox(person),
                          **self.mobile_fields(person))  # fmt: skip

    def old_mobile_ninth_digit(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.contact and p.old_mobile and not p.suffix)
            self.lead_row("old_mobile_ninth_digit", [person.contact[CRM_ID]], person,
                          Email=self.personal_mailbox(person), **self.mobile_fields(person))  # fmt: skip

    def cpf_on_both(self) -> None:
        for _ in range(self.per):
            person = self.pick(lambda p: p.contact and p.contact["Person - CPF"] and not p.suffix)
            held = person.contact["Person - CPF"]
            written = cpf_written(person.cpf, "." not in held)
            if "." not in written and written.startswith("0") and self.rng.random() < 0.5:
                written = written.lstrip("0")  # a spreadsheet read it as a number
            self.lead_row("cpf_on_both", [person.contact[CRM_ID]], person, CPF=written,
                          Email=self.personal_mailbox(person))  # fmt: skip

    def son_held_own_keys(self) -> None:
        for _ in range(self.per // 2):
            son = self.pick(
                lambda p: p.father and p.contact and p.father.contact and id(p.father) not in self.used
            )
            self.used.add(id(son.father))
            keys = self.mobile_fields(son) if son.mobile and self.rng.random() < 0.6 else {}
            work = son.contact["Person - Email - Work"]
            email = work if work == son.work_email != "" else ""
            if not keys and not email:  # his own personal address, on his record
                son.home_email = (
                    son.contact["Person - Email - Home"] or son.home_email or self.personal_mailbox(son)
                )
                son.contact["Person - Email - Home"] = email = son.home_email
            self.lead_row("son_held_own_keys", [son.contact[CRM_ID]], son, Email=email,
                          Nome=self.typed_on_form(son), **self.firm_fields(son.firm), **keys)  # fmt: skip

    def namesake_own_email(self) -> None:
        for first, last in self.rng.sample(COMMON, min(len(COMMON), self.per // 2)):
            people = []
            for _ in range(2):
                firm = self.new_firm(family=False)
                female = first in FEMALE
                person = self.draw_namesake(firm, female, first, last)
                person.work_email = self.work_mailbox(person)
                self.hold(person)
                person.contact["Person - Email - Work"] = person.work_email
                people.append(person)
            person = self.rng.choice(people)
            self.used.update(id(p) for p in people)
            self.lead_row("namesake_own_email", [person.contact[CRM_ID]], person, Email=person.work_email)

    def draw_namesake(self, firm: Firm, female: bool, first: str, last: str) -> Person:
        person = Person([first], [last], female, firm)
        person.title = self.rng.choice(TITLES)
        person.mobile = self.number() if self.rng.random() < 0.7 else ""
        firm.people.append(person)
        self.persons.append(person)
        return person

    # -- OUT ------------------------------------------------------------------------------------------------

    def unhold(self, person: Person) -> None:
        """The person left out of the CRM (never entered by a rep)."""
        self.crm_rows.remove(person.contact)
        self.record_ids.discard(person.contact[CRM_ID])
        person.contact = None

    def son_not_held(self) -> None:
        for index in range(self.per):
            son = self.pick(
                lambda p: (
                    p.father and p.contact and p.father.contact and id(p.father) not in self.used
                    and p.firm.shared_mailbox
                )
            )  # fmt: skip
            self.used.add(id(son.father))
            other = son if index % 2 == 0 else son.father  # the son not held, or his father not held
            self.unhold(other)
            firm = other.firm
            keys = {"Celular": self.written_phone(other.mobile)} if other.mobile else {}
            self.lead_row(
                "son_not_held", [], other, Email=firm.shared_mailbox, **self.firm_fields(firm), **keys
            )

    def colleague_shared_mailbox(self) -> None:
        for _ in range(self.per):
            holder = self.pick(
                lambda p: (
                    p.contact
                    and p.contact["Person - Email - Work"] == p.firm.shared_mailbox != ""
                    and any(o.contact is None and not o.suffix and not o.father for o in p.firm.people)
                )
            )
            colleague = next(
                o for o in holder.firm.people if o.contact is None and not o.suffix and not o.father
                and id(o) not in self.used
            ) if any(o.contact is None and not o.suffix and not o.father and id(o) not in self.used
                     for o in holder.firm.people) else None  # fmt: skip
            if colleague is None:
                continue
            self.used.add(id(colleague))
            self.lead_row("colleague_shared_mailbox", [], colleague, Email=holder.firm.shared_mailbox,
                          **self.firm_fields(holder.firm))  # fmt: skip

    def relative_shared_whatsapp(self) -> None:
        def relatives(holder: Person) -> list[Person]:
            return [
                o for o in holder.firm.people
                if o is not holder and not o.father and not o.suffix and o.surnames[-1] == holder.firm.family
                and id(o) not in self.used
            ]  # fmt: skip

        for _ in range(self.per // 2):
            holder = self.pick(lambda p: p.contact and p.firm.whatsapp == p.mobile != "" and relatives(p))
            relative = relatives(holder)[0]
            self.used.add(id(relative))
            if relative.contact:
                self.unhold(relative)
            self.lead_row("relative_shared_whatsapp", [], relative, WhatsApp=self.whatsapp_written(holder.mobile),
                          Email=relative.home_email or self.personal_mailbox(relative))  # fmt: skip

    def namesake_other_firm(self) -> None:
        for index in range(self.per):
            first, last = COMMON[index % len(COMMON)]
            female = first in FEMALE
            held = self.draw_namesake(self.new_firm(family=False), female, first, last)
            self.hold(held)
            self.used.add(id(held))
            other = self.draw_namesake(self.new_firm(family=index % 3 == 0), female, first, last)
            other.mobile = self.number()
            self.used.add(id(other))
            keys = {"Celular": self.written_phone(other.mobile)} if self.rng.random() < 0.6 else {}
            if index % 2:
                keys.update(self.firm_fields(other.firm))
            if held.firm.town == other.firm.town and self.rng.random() < 0.5:
                keys["Cidade"] = held.firm.town[0]
            self.lead_row("namesake_other_firm", [], other, Email=self.personal_mailbox(other), **keys)

    def not_in_crm(self) -> None:
        for index in range(self.per * 2):
            if index % 2 == 0:
                firm = self.new_firm(family=self.rng.random() < 0.3)
            else:
                firm = self.rng.choice([f for f in self.firms if any(p.contact for p in f.people)])
            person = self.draw_person(firm, self.rng.random() < 0.45)
            self.used.add(id(person))
            if any(
                p.contact
                and (plain(p.given[0]).lower(), plain(p.surnames[-1]).lower())
                == (plain(person.given[0]).lower(), plain(person.surnames[-1]).lower())
                for p in firm.people
            ):
                continue  # a colleague's namesake: nobody could tell
            email = self.work_mailbox(person) if self.rng.random() < 0.6 else self.personal_mailbox(person)
            keys = self.mobile_fields(person) if person.mobile and self.rng.random() < 0.6 else {}
            if person.cpf and self.rng.random() < 0.3:
                keys["CPF"] = cpf_written(person.cpf, self.rng.random() < 0.5)
            if self.rng.random() < 0.5:
                keys.update(self.firm_fields(firm))
            self.lead_row("not_in_crm", [], person, Email=email, **keys)

    def build(self) -> GeneratedCases:
        self.build_crm()
        for category in (
            self.son_not_held, self.colleague_shared_mailbox, self.relative_shared_whatsapp,
            self.son_held_own_keys, self.own_work_email, self.compound_name_mobile, self.old_mobile_ninth_digit,
            self.cpf_on_both, self.namesake_own_email, self.namesake_other_firm, self.not_in_crm,
        ):  # fmt: skip
            category()
        self.rng.shuffle(self.cases)
        for case in self.cases:
            case.external_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        return GeneratedCases.shuffled(self.rng, self.crm_rows, self.cases)


def people_cases(args) -> GeneratedCases:
    return Generator(args.seed, args.people, args.per_category).build()


# Splink reads the first and last names (the lead's `Nome` split at its first space, as Pipedrive splits), the
# email (the CRM's work address, else its home one), the last nine digits of the CRM's mobile (else its work
# number) and of the lead's `Celular` (else `WhatsApp`, else `Telefone`), the company and the city; the CPF and
# CNPJ are no columns of its comparison library's person levels.
_CRM_PHONE = """coalesce(nullif("Person - Phone - Mobile", ''), "Person - Phone - Work", '')"""
_LEAD_PHONE = """coalesce(nullif("Celular", ''), nullif("WhatsApp", ''), "Telefone", '')"""
PERSON_SQL = {
    "crm": f"""
        SELECT "{CRM_ID}" AS unique_id,
               nullif(lower(strip_accents(trim("Person - First name"))), '') AS first_name,
               nullif(lower(strip_accents(trim("Person - Last name"))), '') AS last_name,
               nullif(lower(trim(coalesce(nullif("Person - Email - Work", ''), "Person - Email - Home"))), '')
                   AS email,
               nullif(right(regexp_replace({_CRM_PHONE}, '[^0-9]', '', 'g'), 8), '') AS phone,
               {{company}}(strip_accents("Organization - Name")) AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(strip_accents(trim("Person - Postal address - City/town/village/locality"))), '')
                   AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
    "inbound": f"""
        SELECT "{INBOUND_ID}" AS unique_id,
               nullif(lower(strip_accents(split_part(trim("Nome"), ' ', 1))), '') AS first_name,
               nullif(lower(strip_accents(trim(substr(trim("Nome"), length(split_part(trim("Nome"), ' ', 1)) + 1)))),
                      '') AS last_name,
               nullif(lower(trim("Email")), '') AS email,
               nullif(right(regexp_replace({_LEAD_PHONE}, '[^0-9]', '', 'g'), 8), '') AS phone,
               {{company}}(strip_accents("Empresa")) AS company,
               CAST(NULL AS VARCHAR) AS zip,
               nullif(lower(strip_accents(trim("Cidade"))), '') AS city,
               CAST(NULL AS VARCHAR) AS date_of_birth
        FROM read_csv('{{path}}', all_varchar = true)
    """,
}


SUITES = [
    GeneratedSuite(
        name="people",
        make=people_cases,
        crm_file="pipedrive",
        inbound_file="rdstation_leads",
        crm_columns=CRM_COLUMNS,
        inbound_columns=INBOUND_COLUMNS,
        inbound_id=INBOUND_ID,
        cli_options=[
            "--provider",
            "pipedrive",
            "--object",
            "persons",
            "--kind",
            "person",
            "--id-column",
            CRM_ID,
        ],
        splink_kind="person",
        sql=PERSON_SQL,
        source="Pipedrive persons <- a Brazilian software company's RD Station Marketing leads export",
        splink_model=person_model_em_on_email,
    )
]


if __name__ == "__main__":
    run_generated("identity38", SUITES, seed=381, people=3000, orgs=0, per_category=40)
