"""Communities of the demo city and the words their fictional organizations are named with.

Every name here is invented. Some are written (partly) in the community's own script so the
app is exercised with Arabic, Chinese, Korean, Devanagari, Bengali, Burmese, Ge'ez (Amharic,
Tigrinya) and Cyrillic text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Community:
    """A community: its countries (B05006 leaf names), languages and naming words.

    ``places`` fill ``{place}`` in generic names, ``demonyms`` (umbrella words for the whole
    community) fill ``{demonym}``, and ``named`` holds ready-made names by category key.
    """

    key: str
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    demonyms: tuple[str, ...]
    places: tuple[str, ...]
    named: dict[str, tuple[str, ...]] = field(default_factory=dict)


# Per B05006 leaf name: words for its people, and the language codes spoken at home.
COUNTRY_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Mexico": (("Mexican",), ("es",)),
    "El Salvador": (("Salvadoran",), ("es",)),
    "Guatemala": (("Guatemalan", "Maya"), ("es",)),
    "Honduras": (("Honduran",), ("es",)),
    "Haiti": (("Haitian",), ("ht", "fr")),
    "Dominican Republic": (("Dominican",), ("es",)),
    "Cuba": (("Cuban",), ("es",)),
    "Jamaica": (("Jamaican",), ("en",)),
    "Venezuela": (("Venezuelan",), ("es",)),
    "Colombia": (("Colombian",), ("es",)),
    "Ecuador": (("Ecuadorian",), ("es",)),
    "India": (("Indian", "Punjabi", "Gujarati"), ("hi", "pa")),
    "Bangladesh": (("Bangladeshi", "Bengali"), ("bn",)),
    "Pakistan": (("Pakistani",), ("ur", "pa")),
    "Bhutan": (("Bhutanese",), ("ne", "dz")),
    "Nepal": (("Nepali",), ("ne",)),
    "Burma (Myanmar)": (("Burmese", "Karen", "Chin"), ("my", "kar")),
    "Somalia": (("Somali",), ("so",)),
    "Ethiopia": (("Ethiopian", "Oromo"), ("am", "om")),
    "Eritrea": (("Eritrean",), ("ti",)),
    "Democratic Republic of Congo (Zaire)": (("Congolese",), ("fr", "sw", "ln")),
    "Nigeria": (("Nigerian", "Yoruba", "Igbo"), ("en",)),
    "China, excluding Hong Kong and Taiwan": (("Chinese", "Cantonese"), ("zh", "cmn", "yue")),
    "Korea": (("Korean",), ("ko",)),
    "Vietnam": (("Vietnamese",), ("vi",)),
    "Philippines": (("Filipino",), ("tl",)),
    "Afghanistan": (("Afghan",), ("prs", "ps")),
    "Iraq": (("Iraqi", "Kurdish"), ("ar", "ku")),
    "Syria": (("Syrian",), ("ar",)),
    "Ukraine": (("Ukrainian",), ("uk", "ru")),
    "Russia": (("Russian-speaking",), ("ru",)),
    "Poland": (("Polish",), ("en",)),
}

COMMUNITIES: tuple[Community, ...] = (
    Community(
        key="central_american",
        countries=("Mexico", "El Salvador", "Guatemala", "Honduras"),
        languages=("es",),
        demonyms=("Latino", "Central American"),
        places=("Guadalupe", "Oaxaca", "Cuscatlán", "Quetzal", "Copán", "Jalisco", "Xela"),
        named={
            "faith": (
                "Our Lady of Guadalupe Parish",
                "Iglesia Evangélica Nueva Vida",
                "Iglesia Pentecostal Monte Sion",
            ),
            "business": (
                "Panadería La Guadalupana",
                "Pupusería El Cuscatleco",
                "Carnicería Jalisco",
                "Taquería El Quetzal",
                "Tienda San Miguel",
                "Envíos Express Centroamérica",
            ),
            "legal": ("Centro Legal Cuscatlán",),
            "employment": ("Centro de Trabajadores Millbrook",),
        },
    ),
    Community(
        key="caribbean",
        countries=("Haiti", "Dominican Republic", "Cuba", "Jamaica"),
        languages=("ht", "fr", "es"),
        demonyms=("Caribbean",),
        places=("Lakay", "Quisqueya", "La Habana", "Kingston", "Jacmel", "Cibao"),
        named={
            "faith": (
                "Église Baptiste Haïtienne Bethel",
                "Iglesia Cristiana Quisqueyana",
                "St. Anselm Parish Kreyòl Mass",
            ),
            "business": (
                "Marché Lakay",
                "Colmado Quisqueya",
                "Café La Habana",
                "Yard Taste Jamaican Kitchen",
                "Boulangerie Jacmel",
            ),
            "cultural": ("Sosyete Kilti Ayisyen Riverton",),
        },
    ),
    Community(
        key="south_american",
        countries=("Venezuela", "Colombia", "Ecuador"),
        languages=("es",),
        demonyms=("South American", "Latino"),
        places=("Caracas", "Bogotá", "Quito", "Medellín", "Andes", "Orinoco"),
        named={
            "business": ("Arepera Caracas", "Panadería Bogotá", "Sabor Ecuatoriano"),
            "cultural": ("Casa Venezuela Riverton",),
        },
    ),
    Community(
        key="south_asian",
        countries=("India", "Bangladesh", "Pakistan"),
        languages=("hi", "bn", "ur", "pa"),
        demonyms=("South Asian", "Desi"),
        places=("Saffron", "Dhaka", "Lahore", "Punjab", "Ganges", "Sonar Bangla"),
        named={
            "faith": ("Riverton Hindu Temple", "Baitul Aman Masjid", "Gurdwara Sahib Riverton"),
            "business": (
                "নবান্ন Nabanna Sweets",
                "राजा Raja Groceries",
                "Lahore Grill",
                "Bellwether Sari Palace",
            ),
            "cultural": ("Bangladesh Association of Riverton বাংলাদেশ সমিতি",),
        },
    ),
    Community(
        key="himalayan",
        countries=("Bhutan", "Nepal"),
        languages=("ne", "dz"),
        demonyms=("Himalayan", "Bhutanese-Nepali"),
        places=("Himalaya", "Kathmandu", "Everest", "Druk", "Sagarmatha", "Pokhara"),
        named={
            "faith": ("Pashupatinath Hindu Mandir", "Druk Buddhist Association"),
            "business": (
                "Little Kathmandu Grocery",
                "हिमालय Himalaya Momo House",
                "Everest Money Transfer",
            ),
            "cultural": ("Bhutanese Community of Riverton", "नेपाली समाज Nepali Samaj Riverton"),
        },
    ),
    Community(
        key="burmese",
        countries=("Burma (Myanmar)",),
        languages=("my", "kar"),
        demonyms=("Burmese",),
        places=("Shwe", "Yangon", "Irrawaddy", "Kawthoolei", "Mandalay"),
        named={
            "faith": ("Karen Baptist Church of Riverton", "Chin Christian Fellowship"),
            "business": ("ရွှေ Shwe Myanmar Grocery", "Yangon Tea House"),
        },
    ),
    Community(
        key="east_african",
        countries=("Somalia", "Ethiopia", "Eritrea"),
        languages=("so", "am", "ti", "om", "ar"),
        demonyms=("East African", "Horn of Africa"),
        places=("Asmara", "Addis", "Xamar", "Habesha", "Hargeisa", "Oromia"),
        named={
            "faith": (
                "Masjid Al-Huda",
                "Debre Selam Medhanealem Ethiopian Orthodox Church",
                "ቅድስት ማርያም St. Mary Eritrean Orthodox Church",
            ),
            "business": (
                "ሀበሻ Habesha Market",
                "Xamar Halal Market",
                "Asmara Café",
                "Juba Hawala Money Transfer",
            ),
            "youth": ("Somali Youth Soccer League",),
        },
    ),
    Community(
        key="central_african",
        countries=("Democratic Republic of Congo (Zaire)",),
        languages=("fr", "sw", "ln", "rw"),
        demonyms=("Central African", "Great Lakes"),
        places=("Kinshasa", "Kivu", "Matonge", "Lubumbashi", "Tanganyika"),
        named={
            "faith": ("Église Évangélique de Kinshasa", "Swahili Christian Fellowship"),
            "business": ("Boutique Matonge",),
            "cultural": ("Communauté Congolaise de Riverton",),
        },
    ),
    Community(
        key="west_african",
        countries=("Nigeria",),
        languages=("en",),
        demonyms=("West African",),
        places=("Naija", "Lagos", "Oyo", "Enugu"),
        named={
            "faith": ("Redemption Grace Assembly",),
            "business": ("Naija Kitchen", "Lagos Fabrics & Tailoring"),
        },
    ),
    Community(
        key="east_asian",
        countries=("China, excluding Hong Kong and Taiwan", "Korea"),
        languages=("zh", "cmn", "yue", "ko"),
        demonyms=("East Asian", "Asian American"),
        places=("Golden Lantern", "Han River", "Jade Garden", "Canton", "Seoul", "Pearl River"),
        named={
            "faith": (
                "Riverton Chinese Christian Church 河镇华人教会",
                "Korean Presbyterian Church of Riverton 리버턴 한인장로교회",
            ),
            "business": (
                "Golden Lantern Bakery 金灯饼家",
                "Han River Market 한강마트",
                "Jade Garden Herbal Shop 玉园药材",
            ),
            "cultural": ("Lantern Row Chinese Benevolent Association 河镇中华公所",),
        },
    ),
    Community(
        key="southeast_asian",
        countries=("Vietnam", "Philippines"),
        languages=("vi", "tl"),
        demonyms=("Southeast Asian",),
        places=("Saigon", "Mekong", "Manila", "Sampaguita", "Huế", "Cebu"),
        named={
            "faith": ("Chùa Từ Quang Buddhist Temple", "Santo Niño Filipino Catholic Community"),
            "business": ("Phở Sài Gòn", "Bánh Mì Hạnh Phúc", "Sari-Sari Store Riverton"),
            "cultural": ("Filipino-American Association of Riverton",),
        },
    ),
    Community(
        key="middle_eastern",
        countries=("Afghanistan", "Iraq", "Syria"),
        languages=("prs", "ps", "ar", "ku", "fa"),
        demonyms=("Middle Eastern", "Arab American"),
        places=("Kabul", "Al-Sham", "Baghdad", "Aleppo", "Herat", "Tigris"),
        named={
            "faith": ("Masjid An-Noor مسجد النور", "St. George Chaldean Mission"),
            "business": (
                "Kabul Bakery نانوایی کابل",
                "Al-Sham Sweets حلويات الشام",
                "Baghdad Grill",
            ),
            "social": ("Afghan Women's Circle",),
        },
    ),
    Community(
        key="eastern_european",
        countries=("Ukraine", "Russia", "Poland"),
        languages=("uk", "ru"),
        demonyms=("Eastern European", "Slavic"),
        places=("Kyiv", "Odesa", "Polska", "Carpathian", "Lviv", "Volga"),
        named={
            "faith": (
                "Holy Trinity Ukrainian Catholic Church",
                "Sts. Cyril and Methodius Orthodox Church",
            ),
            "business": ("Kyiv Deli Київ", "Polska Delikatesy", "Odesa Pharmacy Аптека"),
            "social": ("Ukrainian Newcomers Help Center Допомога",),
        },
    ),
)

# Names of organizations that serve every community, by service category key.
GENERAL_NAMES: dict[str, tuple[str, ...]] = {
    "resettlement": (
        "Riverton Refugee Welcome Center",
        "Harbor Light Refugee Services",
        "New Roots Resettlement Partners",
        "Riverton Interfaith Resettlement Network",
        "Welcome Home Riverton",
    ),
    "english": (
        "St. Brigid Parish ESL",
        "Riverton Literacy Volunteers",
        "Riverton Community College Adult ESL",
    ),
    "legal": (
        "Riverton Immigrant Justice Project",
        "Asylum Help Riverton",
        "Riverton Bar Pro Bono Immigration Desk",
    ),
    "employment": ("Riverton Jobs for Newcomers", "Harborworks Career Center"),
    "health": ("Riverton Refugee Health Clinic", "Riverton Free Clinic"),
    "housing": ("Riverton Fair Housing Project", "First Keys Newcomer Housing"),
    "food": ("Riverton Halal Food Bank", "Riverton Community Food Bank"),
    "youth": ("Riverton Newcomer Youth Program",),
    "social": ("Riverton Interpreter Bank", "Riverton Family Resource Center"),
}
