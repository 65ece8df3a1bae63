"""The vocabulary of the synthetic benchmark store: missions, places, templates, synonyms.

Generated text for benchmarks only (see bench/make_store.py); none of it is a fact.
"""

from __future__ import annotations

# (topic, mission, country, places): the vocabulary of peace operations, varied across topics.
MISSIONS = [
    ("minusma", "MINUSMA", "Mali", ["Bamako", "Gao", "Timbuktu", "Kidal", "Mopti", "Sévaré"]),
    ("monusco", "MONUSCO", "the DRC", ["Goma", "Beni", "Bunia", "Kinshasa", "Bukavu", "Uvira"]),
    ("unmiss", "UNMISS", "South Sudan", ["Juba", "Malakal", "Bor", "Bentiu", "Wau", "Yei"]),
    ("minusca", "MINUSCA", "the Central African Republic", ["Bangui", "Bria", "Bambari"]),
    ("unifil", "UNIFIL", "Lebanon", ["Naqoura", "Tyre", "Marjayoun", "Bint Jbeil"]),
    ("unisfa", "UNISFA", "Abyei", ["Abyei", "Agok", "Diffra", "Todach"]),
    ("unamid", "UNAMID", "Darfur", ["El Fasher", "Nyala", "El Geneina", "Zalingei"]),
    ("unmil", "UNMIL", "Liberia", ["Monrovia", "Gbarnga", "Zwedru", "Harper"]),
    ("unoci", "UNOCI", "Côte d'Ivoire", ["Abidjan", "Bouaké", "Yamoussoukro", "Daloa"]),
    ("minustah", "MINUSTAH", "Haiti", ["Port-au-Prince", "Cap-Haïtien", "Les Cayes"]),
    ("unficyp", "UNFICYP", "Cyprus", ["Nicosia", "Famagusta", "Larnaca"]),
    ("minurso", "MINURSO", "Western Sahara", ["Laayoune", "Tifariti", "Smara"]),
    ("amisom", "AMISOM", "Somalia", ["Mogadishu", "Kismayo", "Baidoa", "Beledweyne"]),
    ("undof", "UNDOF", "the Golan", ["Camp Faouar", "Quneitra"]),
    ("unmik", "UNMIK", "Kosovo", ["Pristina", "Mitrovica", "Peja"]),
]
AGENCIES = ["OCHA", "UNHCR", "IOM", "WFP", "UNICEF", "OHCHR", "ACLED", "the Panel of Experts"]
CONTRIBUTORS = ["Bangladesh", "Chad", "Egypt", "Ethiopia", "Ghana", "India", "Nepal",
                "Pakistan", "Rwanda", "Senegal", "Togo", "Niger", "Uruguay"]  # fmt: skip
# (metric, alias words, statement template); fields: m mission, c country, p place, y year, ...
TEMPLATES = [
    ("personnel", "troop strength", "{m} had {u:,} uniformed personnel deployed in {c} on {d}."),
    (
        "fatalities",
        "fatalities",
        "{k} {m} peacekeepers died in {y}, {j} of them in malicious acts.",
    ),
    ("budget", "budget", "The General Assembly approved US${b:,} million for {m} for {y}/{z}."),
    (
        "idps",
        "displaced",
        "{n:,} people were internally displaced in {c} on {d}, according to {a}.",
    ),
    ("refugees", "refugees", "{n:,} refugees from {c} were registered by {a} around {p} in {y}."),
    (
        "attack",
        "attack",
        "An attack on a {m} convoy near {p} on {d} killed {k} peacekeepers and wounded {j}.",
    ),
    ("mandate", "mandate", "Security Council resolution {r} extended the mandate of {m} to {d}."),
    (
        "contributors",
        "contributors",
        "{t} was the largest troop contributor to {m} in {y}, with {u:,} soldiers.",
    ),
    ("civilians", "civilian casualties", "{a} recorded {s:,} civilian casualties in {c} in {y}."),
    ("women", "women police", "Women made up {q}% of {m}'s police officers in {y}."),
    (
        "appeal",
        "humanitarian appeal",
        "The {y} humanitarian response plan for {c} sought US${b:,} million and was {q}% funded.",
    ),
    (
        "hunger",
        "food insecurity",
        "{j}.{k} million people in {c} faced acute food insecurity in "
        "the {y} lean season, {a} said.",
    ),
    (
        "ied",
        "ied incidents",
        "{k} improvised explosive device incidents targeted {m} patrols near {p} in {y}.",
    ),
    ("schools", "school closures", "{s:,} schools were closed by insecurity around {p} in {y}."),
    (
        "turnout",
        "election turnout",
        "Turnout in the {y} elections in {c} was {q}%, observers said.",
    ),
    ("detention", "detention", "{a} documented {k} cases of arbitrary detention near {p} in {y}."),
]
EVENT_KINDS = [
    ("resolution", "neutral", "Security Council adopts resolution {r} on {m}",
     "The Security Council renewed {m}'s mandate in resolution {r}, citing insecurity near {p}."),
    ("attack", "solemn", "Attack on {m} camp in {p}",
     "Armed men attacked the {m} camp in {p}, killing {k} peacekeepers."),
    ("agreement", "celebratory", "Peace agreement signed in {p}",
     "Parties to the conflict in {c} signed a peace agreement in {p}; {m} will monitor it."),
    ("election", "neutral", "Elections held in {c}",
     "Voters in {c} went to the polls with logistical support from {m}."),
    ("operation", "neutral", "{m} operation launched around {p}",
     "{m} launched an operation to protect civilians around {p}."),
    ("report", "neutral", "{a} report on {c}",
     "{a} published a report on the protection of civilians in {c}."),
]  # fmt: skip
# Syllables for generated village names: a 10,000-fact store names thousands of places, which
# gives search a realistically large vocabulary (and fuzzy matching a realistic amount of work).
SYLLABLES = ["ba", "bou", "di", "dou", "ga", "go", "ka", "ki", "ko", "ma", "me", "mo", "na", "ni",
             "sa", "se", "so", "ta", "te", "ti", "to", "za", "ze", "kou", "tin", "ag", "in", "el",
             "ber", "kel", "dja", "fa", "ha", "ya", "wa"]  # fmt: skip
VILLAGES = 6000
AUDIENCES = ["Hill staff", "press", "donors", "coalition partners"]
POINTS = [
    "{m}'s record on {theme} around {p} is what {audience} should weigh.",
    "Cuts would leave civilians in {c} without protection.",
    "Peacekeepers in {c} have paid a heavy price since {y}.",
    "{a} reporting shows why {theme} in {c} needs sustained attention.",
    "The mandate renewed in resolution {r} depends on {theme}.",
]
THEMES = ["protection of civilians", "peacekeeper safety", "funding", "humanitarian access"]
SYNONYMS = [
    ["killed", "deaths", "fatalities", "dead", "toll", "casualties"],
    ["peacekeepers", "troops", "soldiers", "blue helmets"],
    ["displaced", "idps", "displacement"],
    ["budget", "funding", "financing"],
    ["attack", "assault", "ambush"],
    ["resolution", "res"],
    ["drc", "congo"],
]
