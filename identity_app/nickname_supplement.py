"""Diminutives the `nicknames` package does not list, added to its table (`normalise.name_forms` and the
rest read the merged table; nothing else treats these names specially).

The package's list is of English names, and even there it lacks some (Pippa for Philippa). Each pair below
is (full name, diminutive) as given under the diminutive's entry in a given-name dictionary (Wiktionary's
"diminutive of" entries, which cite the national name dictionaries), chosen only where the diminutive
stands for that name alone or for names the rules already keep apart (Sasha is Alexander's and
Alexandra's: two full names that share a diminutive stay two names). Names are written as `normalise.name`
writes them (lower case, no accents)."""

DIMINUTIVES: tuple[tuple[str, str], ...] = (
    # English
    ("philippa", "pippa"),
    ("philippa", "pip"),
    ("philip", "pip"),
    ("alfred", "alfie"),
    ("isabel", "izzy"),
    ("isabella", "izzy"),
    ("evelyn", "evie"),
    ("catherine", "kate"),
    ("francesca", "fran"),
    ("susan", "suzy"),  # the package lists Susie and Suzie only
    ("susannah", "suzy"),
    ("suzanne", "suzy"),
    # German
    ("johannes", "hans"),
    ("johann", "hans"),
    ("josef", "sepp"),
    ("wilhelm", "willi"),
    ("friedrich", "fritz"),
    ("heinrich", "heinz"),
    ("elisabeth", "liesl"),
    ("elisabeth", "lisa"),
    ("margarethe", "grete"),
    # Dutch
    ("cornelis", "kees"),
    ("nicolaas", "klaas"),
    ("willem", "wim"),
    ("susanne", "sanne"),
    ("margaretha", "greet"),
    # Nordic
    ("lars", "lasse"),
    # Italian
    ("giovanni", "gianni"),
    ("giuseppe", "beppe"),
    ("giuseppe", "peppe"),
    ("antonio", "toni"),
    ("antonia", "toni"),
    # Spanish
    ("francisco", "paco"),
    ("jose", "pepe"),
    ("ignacio", "nacho"),
    ("dolores", "lola"),
    ("concepcion", "conchita"),
    ("jesus", "chus"),
    ("federico", "fede"),
    ("xavier", "xavi"),
    ("manuel", "manolo"),
    ("enrique", "quique"),
    ("guillermo", "memo"),
    # Yoruba (the short form is the name's last part, used for that name alone) and Igbo
    ("oluwaseun", "seun"),
    ("oluwafemi", "femi"),
    ("babatunde", "tunde"),
    ("adebayo", "bayo"),
    ("olumide", "mide"),
    ("oluwatobi", "tobi"),
    ("olufunmilayo", "funmi"),
    ("oluwakemi", "kemi"),
    ("adebola", "bola"),
    ("folasade", "sade"),
    ("temitope", "tope"),
    ("oluwatosin", "tosin"),
    ("oluwaseyi", "seyi"),
    ("olusegun", "segun"),
    ("olayinka", "yinka"),
    ("oluwatoyin", "toyin"),
    ("olugbenga", "gbenga"),
    ("babajide", "jide"),
    ("olajide", "jide"),
    ("oluwabukola", "bukola"),
    ("oluwayemisi", "yemisi"),
    ("abiodun", "biodun"),
    ("adetokunbo", "tokunbo"),
    ("chukwuemeka", "emeka"),
    ("chiamaka", "amaka"),
    ("chinonso", "nonso"),
    # Greek (in the transliteration `normalise.name` gives)
    ("konstantinos", "kostas"),
    ("georgios", "giorgos"),
    ("dimitrios", "dimitris"),
    ("ioannis", "giannis"),
    ("ioannis", "yannis"),
    ("nikolaos", "nikos"),
    ("panagiotis", "panos"),
    ("aikaterini", "katerina"),
    # Russian and Polish (in the transliteration `normalise.name` gives)
    ("mikhail", "misha"),
    ("vladimir", "volodya"),
    ("dmitry", "dima"),
    ("nikolai", "kolya"),
    ("tatiana", "tanya"),
    ("anastasia", "nastya"),
    ("ekaterina", "katya"),
    ("alexander", "sasha"),
    ("alexandra", "sasha"),
    ("katarzyna", "kasia"),
    ("malgorzata", "gosia"),
    ("aleksander", "olek"),
)


# One Arabic given name (or a Korean family name) in its common romanisations (the same name, not a nickname
# of it): forms that are not a typo apart (Muhammad/Mohammed, Lee/Yi) are read as one name. Only names written one way in Arabic: Hamad and
# Hamed, Hasan and Husain are two names each and are not grouped.
ROMANISATIONS: tuple[tuple[str, ...], ...] = (
    ("mohammed", "muhammad", "mohammad", "mohamed", "mohamad", "muhammed", "mohammod"),
    ("ahmed", "ahmad"),
    ("khalid", "khaled"),
    ("saeed", "said", "saeid", "saied"),
    ("abdullah", "abdulla", "abdallah", "abdalla"),
    ("omar", "umar"),
    ("othman", "osman", "uthman"),
    ("yousef", "yusuf", "youssef", "yousif", "yusef"),
    ("mustafa", "mostafa", "moustafa"),
    ("ibrahim", "ebrahim"),
    ("fatima", "fatimah", "fatma"),
    ("mariam", "maryam"),
    ("aisha", "aysha", "ayesha", "aishah"),
    ("noura", "nora", "nourah", "norah"),
    ("hessa", "hissa", "hissah"),
    ("hussein", "hussain", "husain", "husein", "hussien"),
    # Korean family names in their common romanisations (one name in Hangul each: 이, 박, 최, 정, 윤).
    ("lee", "yi", "rhee"),
    ("park", "pak"),
    ("choi", "choe"),
    ("jung", "chung", "jeong"),
    ("yoon", "yun"),
)
