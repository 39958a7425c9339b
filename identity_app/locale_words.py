"""Words of other languages than English that say what a mailbox is.

A department's mailbox (einkauf@, achats@, compras@, inkoop@) passes from one holder of the role to the next,
and a family's (familie.schulz@) is written by each of its members: neither names one person, so neither is
a key. English role words are `normalise.ROLE_LOCAL_PARTS`.
"""

DEPARTMENT_LOCAL_PARTS = frozenset(
    {
        # German
        "einkauf",
        "vertrieb",
        "verkauf",
        "buchhaltung",
        "rechnungen",
        "rechnung",
        "personal",
        "personalabteilung",
        "verwaltung",
        "kundenservice",
        "kundendienst",
        "empfang",
        "zentrale",
        "kontakt",
        "anfrage",
        "anfragen",
        "bestellung",
        "bestellungen",
        "buero",
        "sekretariat",
        "geschaeftsfuehrung",
        "vorstand",
        "presse",
        "bewerbung",
        # French
        "achats",
        "commercial",
        "comptabilite",
        "compta",
        "direction",
        "accueil",
        "secretariat",
        "ventes",
        "facturation",
        "recrutement",
        # Spanish and Portuguese
        "compras",
        "ventas",
        "vendas",
        "contabilidad",
        "contabilidade",
        "administracion",
        "administracao",
        "recepcion",
        "informacion",
        "atencionalcliente",
        "facturacion",
        "comercial",
        "contacto",
        "contato",
        # Dutch
        "inkoop",
        "verkoop",
        "administratie",
        "receptie",
        "klantenservice",
        "boekhouding",
        # Italian
        "acquisti",
        "vendite",
        "amministrazione",
        "contabilita",
        "segreteria",
        "ufficio",
        # Japanese and Chinese, romanised (sales, general affairs, accounting, HR; procurement, sales,
        # finance, HR, customer service)
        "eigyo",
        "soumu",
        "somu",
        "keiri",
        "jinji",
        "caigou",
        "xiaoshou",
        "caiwu",
        "renshi",
        "kefu",
    }
)
# Desks whose short names are also initials ("ap.nguyen@"): role mailboxes only as the whole local part.
WHOLE_LOCAL_PARTS = frozenset({"ap", "ar", "ap.ar", "payables.ap"})
# A household's mailbox starts with the word for family: familie.schulz@, family.smith@, famille-martin@.
FAMILY_PREFIXES = ("familie", "family", "famille", "familia", "famiglia", "familj", "famil")


def is_shared_local_part(local: str) -> bool:
    """A department's or a family's mailbox, by its local part (lower case, before any "+tag")."""
    head = local.split("+", 1)[0]
    first_word = head.replace("-", ".").replace("_", ".").split(".")[0]
    return (
        head in WHOLE_LOCAL_PARTS or first_word in DEPARTMENT_LOCAL_PARTS or head.startswith(FAMILY_PREFIXES)
    )


# Endings that make a woman's name of a man's (Simon/Simone, Daniel/Daniela, Jan/Jana, Christian/Christiane,
# Michel/Michele, Gabriel/Gabrielle, Joseph/Josephine, Stefan/Stefanie), and endings swapped for one
# (Antonio/Antonia, Julius/Julia, Andreas/Andrea).
_FEMININE_ADDED = ("a", "e", "ne", "na", "le", "ine", "ette", "ie")
_ENDINGS_SWAPPED = (("o", "a"), ("us", "a"), ("o", "e"), ("as", "a"), ("os", "a"))


def gendered_pair(left: str, right: str) -> bool:
    """Two given names of a family of names, one a man's and one a woman's: two people, not a typo, though
    only an ending apart. Normalised single words."""
    for short, long in ((left, right), (right, left)):
        if len(short) >= 3 and long.startswith(short) and long[len(short) :] in _FEMININE_ADDED:
            return True
    for masculine, feminine in _ENDINGS_SWAPPED:
        for one, other in ((left, right), (right, left)):
            stem = one[: -len(masculine)]
            if len(stem) >= 3 and one.endswith(masculine) and other == stem + feminine:
                return True
    return False


def reordered_names(left: str, right: str) -> bool:
    """The same words in another order: José María and María José are two people's given names (and
    García López and López García two families' surnames)."""
    lefts, rights = left.split(), right.split()
    return len(lefts) > 1 and lefts != rights and sorted(lefts) == sorted(rights)
