# ruff: noqa: RUF001, RUF002, RUF003 - labels as the UIs write them, Turkish and Cyrillic ones among them
"""Column labels of CRM exports in other languages than English, and the field each one stands for.

A HubSpot portal, a Salesforce org or a Pipedrive account set to German, French, Spanish, Dutch, Italian or
Portuguese exports its columns under that language's labels ("Vorname", "Nom de l'entreprise", "Apellidos",
"Telefoonnummer"). Left unread, such a file is matched on its email alone, and a mailbox a family or a
successor shares links with nothing to contradict it. Labels are written here as the UIs show them; they are
compared squashed (`attributes._squashed`: lower case, accents and widths folded, letters (kana and kanji
included) and digits only).

Japanese: a CRM set to Japanese and the business-card services' exports (Eight: 会社名, 部署名, 役職, 姓, 名,
e-mail, 郵便番号, 住所, TEL会社, TEL部門, TEL直通, Fax, 携帯電話; Sansan: 氏名[姓], 氏名[名]). A card prints three
landlines: the company's representative number (TEL会社, 代表), the department's (TEL部門) and the person's direct
line (TEL直通). Only the direct line and the mobile are the person's; the other two, like the fax, are shared by
everyone at the company or the desk, so they are left unread (none of their labels is listed here).

Indonesian and Malay: Indonesian CRMs set to Indonesian (Qontak's contact fields: Nama Depan, Nama Belakang,
Email, Telepon, Perusahaan, Alamat, Kota, Provinsi, Negara, Kode Pos) and Malaysian forms (Nama Penuh, Emel, No.
Telefon, Syarikat, Poskod, Negeri). "No. HP" (handphone) is a mobile.

Turkish: accounting programs' current-account cards and Turkish CRMs' contact exports (Logo: Firma Unvanı, İl,
İlçe, Vergi Numarası, Vergi Dairesi, Adı, Soyadı, T.C. Kimlik No; contact managers: Ad, Soyad, Cep Telefonu,
E-posta, Şirket). "Ünvan" alone is left unread: a card's firm name ("Firma Ünvanı", "Ticari Ünvan") and a
contact's title both go by it. "İl" is the province a Turkish address names as its city ("İstanbul"); "İlçe",
the district within it, is no city. Headers typed without Turkish letters ("Soyadi", "Sehir") are listed too.
Hungarian: Hungarian CRMs and invoicing programs (a CRM's contact: Név, E-mail, Cég, Telefon, Pozíció; Billingo's
partner: Partner neve, Ország, Irányítószám, Település, Cím, Adószám, Telefonszám). "Név" is the whole name, family
name first (`normalise_names.hungarian_name_parts` reads its order).
"""

_LABELS: dict[str, tuple[str, ...]] = {
    "first_name": (
        "Vorname",  # de
        "Prénom",  # fr
        "Nombre",  # es (HubSpot: "Nombre" and "Apellidos")
        "Nombre de pila",
        "Voornaam",  # nl
        "Nome",  # it, pt
        "Nome proprio",
        "Primeiro nome",  # pt
        "名",  # ja: Eight's and Salesforce's given name
        "氏名[名]",  # ja: Sansan
        "名前(名)",
        "下の名前",
        "이름",  # ko: a Korean CRM's first name beside "성"; a card app's whole name alone (`attributes`)
        "Nama Depan",  # id: Indonesian CRMs and forms (Qontak set to Indonesian); ms: "Nama Pertama"
        "Nama Pertama",
        "Imię",  # pl: Livespace's, Autenti's and most Polish contact files' given name beside "Nazwisko"
        "Imie",
        "Jméno",  # cs: beside "Příjmení"
        "Křestní jméno",
        "Ad",  # tr: beside "Soyad"
        "Adı",
        "Adi",
        "İsim",
        "Isim",
        "Keresztnév",  # hu: MiniCRM's, Billingo's and most Hungarian forms' given name beside "Vezetéknév"
        "Utónév",
        "Имя",  # ru: Bitrix24's and amoCRM's contact ("Имя", "Отчество", "Фамилия"); uk: "Ім'я"
        "Ім'я",
    ),
    "last_name": (
        "Nachname",
        "Familienname",
        "Zuname",
        "Nom",  # fr (HubSpot and Salesforce: "Prénom" and "Nom")
        "Nom de famille",
        "Apellido",
        "Apellidos",
        "Achternaam",
        "Cognome",
        "Sobrenome",
        "Apelido",
        "Último nome",
        "姓",  # ja
        "氏名[姓]",
        "名前(姓)",
        "名字",
        "苗字",
        "성",  # ko
        "Nama Belakang",  # id
        "Nama Akhir",  # ms
        "Nama Keluarga",
        "Nazwisko",  # pl
        "Příjmení",  # cs
        "Soyad",  # tr
        "Soyadı",
        "Soyadi",
        "Soyisim",
        "Soyismi",
        "Vezetéknév",  # hu: the family name, said and written first ("Nagy István")
        "Családnév",
        "Фамилия",  # ru
        "Прізвище",  # uk
    ),
    "full_name": (
        "Vollständiger Name",
        "Nom complet",
        "Nombre completo",
        "Volledige naam",
        "Nome completo",
        "氏名",
        "名前",
        "フルネーム",
        "성명",  # ko
        "성함",
        # vi: Vietnamese POS and CRM exports (KiotViet's "Tên khách hàng", Sapo's and MISA's "Họ và tên"): the
        # whole name, family name first ("Nguyễn Văn An")
        "Tên khách hàng",
        "Họ và tên",
        "Họ tên",
        "Tên liên hệ",
        # ko: a bilingual card's English side, read where the card gives no name in Hangul ("이름" comes first)
        "영문이름",
        "영문명",
        "영문 성명",
        # id, ms: the one name field of Indonesian and Malaysian forms and shop systems ("Nama Lengkap", "Nama
        # Penuh"): a whole name, which may be a Malay name with its "bin" and no family name at all
        "Nama",
        "Nama Lengkap",
        "Nama Penuh",
        "Nama Pelanggan",
        "Nama Kontak",
        "Imię i nazwisko",  # pl: a form's whole name
        "Jméno a příjmení",  # cs
        "Ad Soyad",  # tr: the whole name
        "Adı Soyadı",
        "Adi Soyadi",
        "Ad Soyadı",
        "Ad-Soyad",
        "İsim Soyisim",
        "Isim Soyisim",
        # hu: a Hungarian CRM's or invoicing program's one name field, family name first ("Nagy István", "Kovács
        # Jánosné"); Billingo's partner form names it "Partner neve"
        "Név",
        "Teljes név",
        "Kapcsolattartó neve",
        # ru: the whole name in one cell, as accounting programs and registers keep it ("Ф.И.О.": family name,
        # given name, patronymic, in that order); amoCRM's "Полное имя"
        "ФИО",
        "Ф.И.О.",
        "Фамилия Имя Отчество",
        "Полное имя",
        "Контактное лицо",
        "ПІБ",  # uk: прізвище, ім'я, по батькові
    ),
    "email": (
        "E-Mail-Adresse",
        "Adresse e-mail",
        "Adresse électronique",
        "Courriel",
        "Correo",
        "Correo electrónico",
        "Dirección de correo electrónico",
        "E-mailadres",
        "Indirizzo email",
        "Indirizzo e-mail",
        "Endereço de e-mail",
        "メールアドレス",
        "メール",
        "Eメール",
        "電子メール",
        "電子メールアドレス",
        "이메일",  # ko
        "이메일 주소",
        "전자우편",
        "Địa chỉ email",  # vi
        "Thư điện tử",
        "Alamat Email",  # id
        "Alamat Surel",
        "Surel",
        "Emel",  # ms
        "Alamat Emel",
        "E-mel",
        "Adres e-mail",  # pl
        "Adres email",
        "Adres mailowy",
        "E-mail służbowy",
        "E-mailová adresa",  # cs
        "E-posta",  # tr
        "E-posta Adresi",
        "Eposta",
        "E-Posta Adresi",
        "E-mail cím",  # hu
        "Email cím",
        "Электронная почта",  # ru
        "Адрес электронной почты",
        "Эл. почта",
        "Електронна пошта",  # uk
    ),
    "work_email": (
        "Geschäftliche E-Mail",
        "E-Mail geschäftlich",
        # a Pipedrive account set to German: "Person - E-Mail-Adresse - Büro", "... - Privat", "... - Sonstiger"
        "E-Mail-Adresse - Büro",
        "E-Mail - Büro",
        "E-mail professionnel",
        "Correo del trabajo",
        "Рабочий e-mail",  # ru: Bitrix24's multi-field types (CRM_FM_ENTITY_EMAIL_WORK, _HOME, _OTHER)
        "Рабочая почта",
    ),
    "personal_email": (
        "Private E-Mail",
        "E-Mail privat",
        "E-Mail-Adresse - Privat",
        "E-Mail - Privat",
        "E-mail personnel",
        "Correo personal",
        "Частный e-mail",
        "Личный e-mail",
        "Личная почта",
    ),
    "secondary_email": (
        *("E-Mail-Adresse - Sonstiger", "E-Mail-Adresse - Sonstige", "E-Mail - Sonstiger"),
        *("Другой e-mail", "E-mail для рассылок"),  # ru: Bitrix24
    ),
    "phone": (
        "Telefonnummer",
        "Telefon",
        "Telefon geschäftlich",
        "Telefon - Büro",  # a Pipedrive account set to German: "Person - Telefon - Büro", "... - Mobil"
        "Rufnummer",
        "Festnetz",
        "Numéro de téléphone",
        "Téléphone",
        "Téléphone professionnel",
        "Número de teléfono",
        "Teléfono",
        "Telefoonnummer",
        "Telefoon",
        "Telefono",
        "Numero di telefono",
        "Número de telefone",
        "Telefone",
        "TEL直通",  # ja: the direct line a card prints beside the company's and the department's
        "直通",
        "直通電話",
        "電話番号",
        "電話",
        "전화",  # ko: the landline a Korean card prints (a direct line, or the company's 대표번호)
        "전화번호",
        "직통",
        "직통번호",
        "회사전화",
        "Điện thoại",  # vi: KiotViet's one number a customer (a mobile, most often)
        "Số điện thoại",
        "SĐT",
        "Điện thoại cố định",
        "Telepon",  # id
        "No. Telepon",
        "Nomor Telepon",
        "No. Telp",
        "No. Telefon",  # ms ("Telefon" above)
        "Nombor Telefon",
        "Numer telefonu",  # pl: the work number beside the mobile
        "Telefon stacjonarny",
        "Telefon służbowy",
        "Telefonní číslo",  # cs
        "Telefon Numarası",  # tr ("Telefon" above): the work number, often the firm's line
        "Telefon No",
        "İş Telefonu",
        "Is Telefonu",
        "Sabit Telefon",
        "Telefonszám",  # hu: the work number beside the mobile ("Mobil", read above)
        "Vezetékes telefon",
        "Munkahelyi telefon",
        "Телефон",  # ru: Bitrix24's work number ("Рабочий телефон") beside the mobile
        "Рабочий телефон",
        "Номер телефона",
        "Контактный телефон",
        "Телефон рабочий",
        "Робочий телефон",  # uk
    ),
    "mobilephone": (
        "Mobil",  # a German form's or trade fair lead export's mobile beside its "Telefon"
        "Telefon - Mobil",
        "Mobilfunknummer",
        "Mobiltelefonnummer",
        "Mobiltelefon",
        "Mobilnummer",
        "Handy",
        "Handynummer",
        "Téléphone portable",
        "Numéro de portable",
        "Portable",
        "Téléphone mobile",
        "Teléfono móvil",
        "Móvil",
        "Celular",
        # a Brazilian or Latin American form's number asked for WhatsApp: a mobile, the person's own (a
        # column labelled "WhatsApp" alone is read by `attributes`' WhatsApp labels)
        "Número do WhatsApp",
        "Número de WhatsApp",
        "Celular/WhatsApp",
        "Celular (WhatsApp)",
        "Telefone (WhatsApp)",
        "Mobiel",
        "Mobiel nummer",
        "Mobiele telefoonnummer",
        "Mobiel telefoonnummer",  # nl: SuperOffice's label of a person's mobile
        "Mobiele telefoon",
        "GSM",  # Flemish: the mobile ("GSM-nummer") beside the landline ("Telefoon")
        "GSM-nummer",
        "Gsm nummer",
        "Cellulare",
        "Telemóvel",
        "携帯電話",
        "携帯",
        "携帯番号",
        "携帯電話番号",
        "휴대폰",  # ko
        "휴대전화",
        "휴대폰번호",
        "휴대전화번호",
        "핸드폰",
        "모바일",
        "Di động",  # vi
        "Điện thoại di động",
        "Số di động",
        "No. HP",  # id: "HP" is handphone, a mobile
        "Nomor HP",
        "Handphone",
        "No. Handphone",
        "Ponsel",
        "Telefon Bimbit",  # ms
        "No. Telefon Bimbit",
        "Nombor Telefon Bimbit",
        "Telefon komórkowy",  # pl
        "Tel. komórkowy",
        "Komórka",
        "Numer telefonu komórkowego",
        "Numer komórki",
        "Mobilní telefon",  # cs
        "Mobilní číslo",
        "Cep Telefonu",  # tr: the mobile ("cep", pocket)
        "Cep Telefon",
        "Cep Tel",
        "Cep Tel.",
        "Cep No",  # never "Cep" alone: Brazil's postcode ("CEP")
        "Mobil Telefon",
        "GSM No",
        "Mobilszám",  # hu ("Mobil" and "Mobiltelefon" above)
        "Mobiltelefonszám",
        "Мобильный телефон",  # ru
        "Мобильный",
        "Моб. телефон",
        "Сотовый телефон",
        "Сотовый",
        "Телефон мобильный",
        "Мобільний телефон",  # uk
        "Мобільний",
    ),
    "phones": (
        "Telefon privat",
        "Telefon - Sonstiger",
        "Telefon - Sonstige",
        "Privattelefon",
        "Téléphone domicile",
        "Teléfono particular",
        "Telefoon privé",
        # id, ms: the number a chat inbox or a form asks for WhatsApp ("No. WA"): a mobile of the person's own beside
        # their phone, as `attributes` reads a column labelled "WhatsApp Number"
        "No. WhatsApp",
        "Nomor WhatsApp",
        "Nombor WhatsApp",
        "No. WA",
        "Nomor WA",
        "Домашний телефон",  # ru: Bitrix24's home and other numbers
        "Другой телефон",
        "Личный телефон",
    ),
    "company_name": (
        "Name des Unternehmens",
        "Unternehmensname",
        "Unternehmen",
        "Firmenname",
        "Firma",
        "Nom de l'entreprise",
        "Entreprise",
        "Société",
        "Nombre de la empresa",
        "Empresa",
        "Compañía",
        "Bedrijfsnaam",
        "Bedrijf",
        "Nome azienda",
        "Azienda",
        "Società",
        # an Italian invoicing program's customer register (Danea Easyfatt's "Denominazione", Fatture in Cloud's
        # and TeamSystem's "Ragione sociale"): the firm's registered name, a sole trader's the owner's
        "Ragione sociale",
        "Denominazione",
        "Denominazione sociale",
        "Nome da empresa",
        "会社名",
        "会社",
        "社名",
        "企業名",
        "勤務先",
        "取引先名",
        "회사",  # ko
        "회사명",
        "소속",
        "거래처명",
        "Công ty",  # vi
        "Tên công ty",
        "Tên đơn vị",
        "Perusahaan",  # id
        "Nama Perusahaan",
        "Syarikat",  # ms
        "Nama Syarikat",
        "Nazwa firmy",  # pl: "Firma" (read above) or the contractor register's "Nazwa"
        "Nazwa",
        "Společnost",  # cs
        "Název firmy",
        "Firma Ünvanı",  # tr: a card's firm ("Firma" above); "Ünvan" alone is left unread (see above)
        "Firma Unvanı",
        "Firma Unvani",
        "Firma Adı",
        "Firma Adi",
        "Ticari Ünvan",
        "Ticari Ünvanı",
        "Şirket",
        "Sirket",
        "Şirket Adı",
        "Sirket Adi",
        "Cégnév",  # hu
        "Cég",
        "Cég neve",
        "Компания",  # ru
        "Название компании",
        "Организация",
        "Наименование организации",
        "Компанія",  # uk
    ),
    "street": (
        "Straße",
        "Strasse",
        "Anschrift",
        "Adresse",
        "Rue",
        "Dirección",
        "Calle",
        "Adres",
        "Straat",
        "Indirizzo",  # it: the street and house number ("Via Roma, 12")
        "주소",
        "Địa chỉ",  # vi
        "Alamat",  # id, ms
        "Ulica",  # pl: the street and number ("ul. Piłsudskiego 12")
        "Ulica i numer",
        "Ulice",  # cs
        "Cím",  # hu: the street and number ("Fő utca 12."), beside "Irányítószám" and "Település"
        "Utca, házszám",
        "Адрес",  # ru: Bitrix24's one-line address ("ул. Ленина, д. 5")
        "Улица",
        "Адреса",  # uk
    ),
    "city": (
        "Stadt",
        "Ort",
        "Wohnort",
        "Ville",
        "Ciudad",
        "Plaats",
        "Woonplaats",
        "Stad",
        "Città",
        "Comune",  # it: the municipality an Italian address names (Aruba's and TeamSystem's label)
        "Località",
        "Cidade",
        "市区町村",
        "Kota",  # id
        "Kabupaten/Kota",
        "Bandar",  # ms
        "Miasto",  # pl
        "Miejscowość",
        "Město",  # cs
        "Obec",
        "İl",  # tr: the province, which a Turkish address names as its city; "İlçe" is a district of it
        "Il",
        "Şehir",
        "Sehir",
        "Város",  # hu
        "Település",
        "Helység",
        "Город",  # ru
        "Населённый пункт",
        "Місто",  # uk
    ),
    "postcode": (
        *("Postleitzahl", "PLZ", "Code postal", "Código postal", "CAP", "CEP", "郵便番号"),
        *("Kode Pos", "Poskod"),  # id, ms
        *("Kod pocztowy", "PSČ"),  # pl, cs
        "Posta Kodu",  # tr
        "Irányítószám",  # hu
        *("Почтовый индекс", "Индекс"),  # ru
    ),
    "state": (
        "Bundesland",
        "Région",
        "Département",
        "Provincia",
        "Prov.",
        "Sigla provincia",
        "Provincie",
        "Estado",
        "都道府県",
        "Provinsi",  # id
        "Negeri",  # ms: a Malaysian state
        "Województwo",  # pl
        "Область",  # ru, uk
        "Регион",
    ),
    "country": (
        "Land",
        "Land/Region",
        "Pays",
        "Pays/Région",
        "País",
        "País/Región",
        "Paese",
        "Nazione",
        "国",
        "国名",
        "국가",  # ko
        "Quốc gia",  # vi
        "Negara",  # id, ms
        "Kraj",  # pl
        "Země",  # cs
        "Stát",
        "Ülke",  # tr
        "Ulke",
        "Ország",  # hu
        "Страна",  # ru
        "Країна",  # uk
    ),
    # nl: a Dutch or Flemish record's name in parts (`name_parts`): the initials of every official given name, the
    # name the person goes by beside the official one, and the surname's particle apart from the surname
    "initials": ("Voorletters", "Initialen"),
    "preferred_name": ("Roepnaam",),
    "name_particle": ("Tussenvoegsel", "Tussenvoegsels", "Voorvoegsel", "Voorvoegsels"),
    # ru, uk: the patronymic (the father's given name made a middle name: Иван Петрович is Пётр's son), which
    # Russian and Ukrainian records keep apart from the given name and the family name
    "patronymic": ("Отчество", "По батькові"),
    "date_of_birth": (
        "Geburtsdatum",
        "Geburtstag",
        "Date de naissance",
        "Fecha de nacimiento",
        "Geboortedatum",
        "Data di nascita",
        "Data de nascimento",
        "Ngày sinh",  # vi
        "Tanggal Lahir",  # id
        "Tarikh Lahir",  # ms
        "Doğum Tarihi",  # tr
        "Dogum Tarihi",
        "Дата рождения",  # ru
    ),
}


def localised_labels() -> dict[str, tuple[str, ...]]:
    """Field name the attribute map reads -> the labels other languages' exports give it."""
    return dict(_LABELS)
