"""Column labels of CRM exports in other languages than English, and the field each one stands for.

A HubSpot portal, a Salesforce org or a Pipedrive account set to German, French, Spanish, Dutch, Italian or
Portuguese exports its columns under that language's labels ("Vorname", "Nom de l'entreprise", "Apellidos",
"Telefoonnummer"). Left unread, such a file is matched on its email alone, and a mailbox a family or a
successor shares links with nothing to contradict it. Labels are written here as the UIs show them; they are
compared squashed (`attributes.squashed_label`: lower case, accents folded, letters and digits only).
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
    ),
    "full_name": ("Vollständiger Name", "Nom complet", "Nombre completo", "Volledige naam", "Nome completo"),
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
    ),
    "work_email": (
        "Geschäftliche E-Mail",
        "E-Mail geschäftlich",
        "E-mail professionnel",
        "Correo del trabajo",
    ),
    "personal_email": ("Private E-Mail", "E-Mail privat", "E-mail personnel", "Correo personal"),
    "phone": (
        "Telefonnummer",
        "Telefon",
        "Telefon geschäftlich",
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
    ),
    "mobilephone": (
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
        "Mobiel",
        "Mobiel nummer",
        "Mobiele telefoonnummer",
        "Cellulare",
        "Telemóvel",
    ),
    "phones": (
        "Telefon privat",
        "Privattelefon",
        "Téléphone domicile",
        "Teléfono particular",
        "Telefoon privé",
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
        "Nome da empresa",
    ),
    "street": ("Straße", "Strasse", "Anschrift", "Adresse", "Rue", "Dirección", "Calle", "Adres", "Straat"),
    "city": ("Stadt", "Ort", "Wohnort", "Ville", "Ciudad", "Plaats", "Woonplaats", "Stad", "Città", "Cidade"),
    "postcode": ("Postleitzahl", "PLZ", "Code postal", "Código postal", "CAP", "CEP"),
    "state": ("Bundesland", "Région", "Département", "Provincia", "Provincie", "Estado"),
    "country": ("Land", "Land/Region", "Pays", "Pays/Région", "País", "País/Región", "Paese", "Nazione"),
    "date_of_birth": (
        "Geburtsdatum",
        "Geburtstag",
        "Date de naissance",
        "Fecha de nacimiento",
        "Geboortedatum",
        "Data di nascita",
        "Data de nascimento",
    ),
}


def localised_labels() -> dict[str, tuple[str, ...]]:
    """Field name the attribute map reads -> the labels other languages' exports give it."""
    return dict(_LABELS)
