# ruff: noqa: RUF001, RUF003 - Cyrillic legal forms and Turkish titles are what this module is about
"""Legal forms of companies in many countries, and the short words people write for long ones.

cleanco knows the common legal forms; these are the ones it leaves in ("Ltd. Şti.", "Kabushiki Kaisha",
"S.A. de C.V.", "FZ-LLC", "Public Company Limited") and the forms written before the name ("PT", "OOO",
"Công ty TNHH", "株式会社"). Forms are matched as whole words of the plain name (lower case, no accents,
dots dropped: "S.A.U." is "sau", "Ltd. Şti." is "ltd sti", "S/A" is "s a"), never inside a word, and a name
always keeps at least one word. Pure data and functions: no imports from the app.
"""

import unicodedata

# Forms that end a name: single words, then phrases (one per line). Longer forms are tried first. An Italian
# partnership's "& C." (e compagni: "Rossi & C. S.n.c.", "Bianchi e C. sas") is part of its form. A Turkish
# firm's registered title names its trades before its form ("Yıldız Plastik Sanayi ve Ticaret Ltd. Şti.",
# "... İth. İhr. San. ve Tic. A.Ş."), "Ticaret" alone just before the form ("Erciyes İnşaat Ticaret Ltd.
# Şti."): those words are in every title, written out or cut short, and left out of the name people call the
# firm ("Yıldız Plastik"), so they are read with the form.
_TRAILING_WORDS = """
inc incorporated llc llp lllp lp pllc pc ltd limited plc corp corporation co company
gmbh mbh gesmbh ag kg kgaa ohg gbr ug ek ev eg se aktiengesellschaft
sa sas sasu sarl eurl sca snc sci scs sapa spa srl srls scarl sl slu sau slne ltda lda limitada cia
bv nv vof bvba sprl cv oy oyj ab publ as asa aps hf ehf nuf norgesfilial
kft zrt nyrt bt sro doo dd ad ood eood spzoo ou uab
ltdsti sti sirketi kk gk yk pty pte pvt bhd berhad tbk opc pcl jsc fze fzco pjsc psc wll spc eireli epp mei
ooo zao oao pao ао ооо зао оао пао αε επε оод еоод ад 주식회사 주
тоо тов прат пат фоп
株式会社 有限会社 合同会社 合資会社 合名会社 株 有 同
dac clg ulc senc ae epe ike cic
aktiebolag osakeyhtio kommanditgesellschaft aksjeselskap aktieselskab anpartsselskab
holding holdings group grp hldg hldgs
enterprise enterprises
"""
# Among the phrases: a foreign company's branch registered in Norway, Sweden or Denmark, labelled after the
# company's name and form ("Svea Logistik AB, filial i Norge", "... AB norsk filial"; a Norwegian NUF).
_TRAILING_PHRASES = """
norsk filial
filial and norge
norsk avdeling av utenlandsk foretak
svensk filial
filial and sverige
dansk filial
filial and danmark
and co
and company
et cie
y cia
cia ltda
gmbh and co kg
gmbh and co kgaa
ag and co kg
gmbh und co kg
gmbh und co kgaa
ag und co kg
gmbh u co kg
gmbh and cokg
gmbh und cokg
gmbh u cokg
ag and cokg
ug haftungsbeschrankt
gesellschaft mit beschrankter haftung
gesellschaft mbh
gesellschaft m b h
ges m b h
sociedad anonima
sociedad limitada
s de rl de cv
s de rl
sa de cv
sapi de cv
sab de cv
s a
s l
a s
spol sro
sp z oo
sp z o o
spz oo
spolka z ograniczona odpowiedzialnoscia
spolka akcyjna
sp k
sp j
ltd sti
limited sirketi
anonim sirketi
ithalat ihracat
ithalat ve ihracat
ith ihr
ανωνυμη εταιρεια
anonymi etaireia
anonymi etairia
kabushiki kaisha
kabushiki gaisha
godo kaisha
yugen kaisha
pte ltd
sdn bhd
private limited
private limited company
p ltd
p limited
proprietary limited
limited liability company
limited liability partnership
julkinen osakeyhtio
offene handelsgesellschaft
sociedad de responsabilidad limitada
societa in nome collettivo
societa in accomandita semplice
societa in accomandita per azioni
societa a responsabilita limitata semplificata
srl semplificata
and c
e c
public company limited
company limited
joint stock company
public limited company
naamloze vennootschap
besloten vennootschap
besloten vennootschap met beperkte aansprakelijkheid
societe a responsabilite limitee
societe anonyme
societe par actions simplifiee
societe par actions simplifiee unipersonnelle
societa a responsabilita limitata
societa per azioni
sociedade anonima
sociedade limitada
co ltd
fz llc
fz co
sa rl
s a r l
a e
designated activity company
company limited by guarantee
community interest company
"""
# Forms written before the name: "PT Maju Jaya", "OOO Severny Veter", "Công ty TNHH Minh An", and the Japanese
# forms romanised, which a company's own English name puts first as often as last ("Kabushiki Kaisha Toshiba").
# Japanese forms set off by a space ("株式会社 山田製作所", "山田製作所 株式会社") and their abbreviations in
# brackets, "(株)" and "㈱" for 株式会社, "(有)" / "㈲" for 有限会社, "(同)" for 合同会社, which leave the form's
# first character as a word of its own once the brackets are dropped.
_LEADING_WORDS = (
    "pt ooo zao oao pao ооо зао оао пао ао ип uab 주식회사 주 tnhh 株式会社 有限会社 合同会社 株 有 同"
    # Kazakhstan's and Ukraine's forms, in Cyrillic and as written in Latin letters: ТОО (an LLP), ТОВ (an LLC),
    # ПрАТ and ПАТ (a private and a public joint-stock company), ФОП (a sole proprietor)
    " тоо тов прат пат фоп tov prjsc"
    # and the English forms that translate them, which Russian, Kazakh and Ukrainian companies put first as
    # their own forms ("JSC Kaspi", "LLC Promservis", "LLP Sibmash")
    " llc jsc pjsc cjsc ojsc llp"
    # French forms, which French business writes before the name as often as after it ("SARL Dupont", "S.A.R.L.
    # Dupont", "EURL Martin Plomberie")
    " sarl eurl sasu selarl selas selafa"
)
_LEADING_PHRASES = """
kabushiki kaisha
kabushiki gaisha
godo kaisha
yugen kaisha
cong ty tnhh
cong ty co phan
cong ty cp
cong ty
cong ty tnhh mtv
cong ty tnhh mot thanh vien
cty tnhh mtv
cty tnhh
cty co phan
cty cp
cty
tnhh mtv
"""
# French forms that are also words or initials of names ("SAS Institute", "SA Recycling"): a form before the name
# only when two words of the name follow it, its form at the end aside (`without_leading_short_form`) ("SAS Vallon Distribution", "S.A. Hôtellerie
# Chimaix").
_LEADING_SHORT_WORDS = (
    "sas sa"
    # Indonesia's forms before the name beside "PT": CV (a limited partnership), UD (Usaha Dagang) and PD
    # (Perusahaan Dagang), a sole trader's ("CV Katering Berkat", "UD Toko Makmur"); also initials elsewhere
    " cv ud pd"
    # Kazakhstan's LLP in Latin letters ("TOO Sibmash-Ural"), an English word too ("Too Faced Cosmetics")
    " too"
)
# Written attached to the name, without a space (Japanese, Chinese): "株式会社山田製作所", "山田有限公司".
ATTACHED = ("株式会社", "股份有限公司", "有限责任公司", "有限公司", "有限会社", "合同会社")
# Short words people write for long ones in company names, and spellings of one word: one spelling each
# ("Acme Tech", "Acme Technology" and "Acme Technologies" are one name; "ies" plurals are made singular first).
ABBREVIATIONS = {
    "intl": "international",
    "natl": "national",
    "mfg": "manufacturing",
    "bros": "brothers",
    "flli": "fratelli",  # it: "F.lli Rossi" is Fratelli Rossi, Rossi brothers
    "assn": "association",
    "svcs": "services",
    "svc": "services",
    "tech": "technology",
    "lab": "laboratory",
    "labs": "laboratory",
    "mgmt": "management",
    "mgt": "management",
    "engg": "engineering",
    "assoc": "associates",
    "assocs": "associates",
    "pharma": "pharmaceutical",
    "pharmaceuticals": "pharmaceutical",
    "sys": "systems",
    "solns": "solutions",
    "dept": "department",
    "ctr": "center",
    "cntr": "center",
    "centre": "center",
    "univ": "university",
    "govt": "government",
    "hosp": "hospital",
    "mfrs": "manufacturers",
    # Vietnamese companies' trade words, which their own short names abbreviate ("Cty TNHH VLXD Minh Phát" is
    # Công ty TNHH Vật liệu Xây dựng Minh Phát)
    "xd": "xay dung",
    "vlxd": "vat lieu xay dung",
    "dtxd": "dau tu xay dung",
    "tmdv": "thuong mai dich vu",
    "xnk": "xuat nhap khau",
}
# Parts of a name rather than a legal form ("Acme Holdings Inc" is a holding company whose form is "inc").
NOT_A_FORM = frozenset({"holding", "holdings", "group", "grp", "hldg", "hldgs"})


def _forms(words: str, phrases: str) -> tuple[tuple[str, ...], ...]:
    # Names are compared decomposed (NFKD: Hangul syllables become their letters), so are the forms.
    words, phrases = unicodedata.normalize("NFKD", words), unicodedata.normalize("NFKD", phrases)
    forms = {(word,) for word in words.split()} | {
        tuple(line.split()) for line in phrases.strip().splitlines()
    }
    return tuple(sorted(forms, key=len, reverse=True))


# Brazil's "ME" (microempresa) ends many a small firm's name ("Costa Clínica ME"), as "EPP" a small one's; "me"
# is an English word too, so it is a form only after a name of two words or more.
_AFTER_TWO_WORDS = frozenset({("me",)})
# A Turkish title's trade words, alone at its end or before its form (the form with them is one phrase, so
# that "San. Tic." is not left behind once "Tic. Ltd. Şti." is taken); "Ticaret" alone only before a form.
_TURKISH_TRADES = (
    "sanayi ve ticaret",
    "sanayi ticaret",
    "san ve tic",
    "san tic",
    "ic ve dis ticaret",
    "ic ve dis tic",
)
_TURKISH_FORMS = ("ltd sti", "limited sirketi", "a s", "as", "anonim sirketi")
_TURKISH_TITLE_PHRASES = "\n".join(
    [
        *_TURKISH_TRADES,
        *(f"{trade} {form}" for trade in (*_TURKISH_TRADES, "ticaret", "tic") for form in _TURKISH_FORMS),
    ]
)
TRAILING_FORMS = _forms(_TRAILING_WORDS + " me", _TRAILING_PHRASES.rstrip() + "\n" + _TURKISH_TITLE_PHRASES)
LEADING_FORMS = _forms(_LEADING_WORDS, _LEADING_PHRASES)
LEADING_SHORT_FORMS = frozenset(_LEADING_SHORT_WORDS.split())
# The trailing forms by their last word, each list in TRAILING_FORMS' order: only those can end a name.
TRAILING_BY_LAST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in TRAILING_FORMS:
    TRAILING_BY_LAST_WORD.setdefault(_phrase[-1], []).append(_phrase)


def _strip_attached(word: str) -> str:
    for form in ATTACHED:
        if word != form and word.startswith(form):
            return word[len(form) :]
        if word != form and word.endswith(form):
            return word[: -len(form)]
    return word


def split(words: list[str], *, name_parts: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(the name's words, the legal form's words at its end) of a plain company name's words. Leading forms
    and attached CJK forms are dropped; the form words are the trailing ones, in order, up to a word of
    `name_parts` (NOT_A_FORM when the form itself is wanted). At least one name word always stays."""
    words = [_strip_attached(word) for word in words]
    for phrase in LEADING_FORMS:
        if len(words) > len(phrase) and tuple(words[: len(phrase)]) == phrase:
            words = words[len(phrase) :]
            break
    form: list[str] = []
    stripped = True
    while stripped:
        stripped = False
        for phrase in TRAILING_BY_LAST_WORD.get(words[-1], ()) if words else ():
            if len(words) > len(phrase) and tuple(words[-len(phrase) :]) == phrase:
                if name_parts.intersection(phrase):
                    continue
                if phrase in _AFTER_TWO_WORDS and len(words) - len(phrase) < 2:
                    continue  # "Call Me" is a name
                form[:0] = words[-len(phrase) :]
                del words[-len(phrase) :]
                stripped = True
                break
    return words, form


def without_leading_short_form(words: list[str]) -> list[str]:
    """A name's words (its legal form at the end split off) without a short French form before them
    (`LEADING_SHORT_FORMS`) when two words or more are left."""
    return words[1:] if len(words) > 2 and words[0] in LEADING_SHORT_FORMS else words


def expanded(words: list[str]) -> list[str]:
    """The words with abbreviations written out ("intl" -> "international") and "ies" plurals of six letters
    or more made singular ("industries" -> "industry")."""
    return [ABBREVIATIONS.get(singular := _singular(word), singular) for word in words]


def _singular(word: str) -> str:
    return word[:-3] + "y" if len(word) >= 6 and word.endswith("ies") else word
