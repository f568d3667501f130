#!/usr/bin/env python3
"""Build small *real* CTranslate2 translation models (random weights) in the layouts users bring.

    python models/make_test_model.py OUT --layout argos|opus-mt|nllb|opus-mt-marian
                                         [--size tiny|base] [--seed N] [--old-format] [--force]

``argos`` writes a zipped ``.argosmodel`` package to OUT; ``opus-mt`` and ``nllb`` write a model
directory; ``opus-mt-marian`` writes an OPUS-MT *release* as Helsinki-NLP publishes it (the zip
an analyst downloads: ``decoder.yml``, a Marian ``.npz`` with Marian's own tensor names, a
``*.vocab.yml``, ``source.spm``, ``target.spm``, README.md, LICENSE), zipped flat when OUT ends
in ``.zip``, else as a folder. It is checked by converting it with CTranslate2's OpusMTConverter. Everything is generated here, offline and without PyTorch: SentencePiece models are
trained on a corpus this script writes itself (a few dozen news-style sentences plus seeded
pseudo-words), the weights are seeded random numbers, and the model is saved through
CTranslate2's own converter machinery with int8 weights. Each model is loaded back with
``ctranslate2.Translator`` and made to translate a sentence before it is moved into place.

``tiny`` (2+2 layers, 64 wide, ~950 tokens) is for tests; ``base`` (6+6 layers, 512 wide, ~32k
pieces) is the shape of the real models, for benchmarks. The weights are random: the output is
gibberish, but the files, vocabularies, tokenisation and decoding are those of the real thing.

Importable (the tests load this file by path): ``make_model(out, layout, size, seed, old_format)``.
Importing it is cheap: numpy, ctranslate2 and sentencepiece are imported when a model is made.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

LAYOUTS = ("argos", "opus-mt", "nllb")
MARIAN = "opus-mt-marian"  # the OPUS-MT release zip, before any conversion
ALL_LAYOUTS = (*LAYOUTS, MARIAN)

SIZES = {
    # vocab: SentencePiece sizes: argos/nllb one joint model; opus-mt (source, target) models.
    "tiny": {"layers": 2, "d_model": 64, "heads": 4, "ffn": 128,
             "vocab": {"argos": 960, "opus-mt": (500, 480), "nllb": 940},
             "lexicon": 1500, "sentences": 3000, "repeat": 10, "real": 0.7},
    "base": {"layers": 6, "d_model": 512, "heads": 8, "ffn": 2048,
             "vocab": {"argos": 32000, "opus-mt": (16000, 16000), "nllb": 32000},
             "lexicon": 40000, "sentences": 120000, "repeat": 40, "real": 0.4},
}

# Rows of the position tables (>= 1024 so long sentences never run off the end).
POSITIONS = {"argos": 2048, "opus-mt": 1024, "nllb": 1024}

NLLB_LANGUAGES = ("arb_Arab", "ary_Arab", "arz_Arab", "deu_Latn", "eng_Latn", "fra_Latn",
                  "heb_Hebr", "pes_Arab", "rus_Cyrl", "spa_Latn", "tur_Latn", "urd_Arab",
                  "zho_Hans")

ARGOS_METADATA = {
    "package_version": "1.0",
    "argos_version": "1.0",
    "from_code": "ar",
    "from_name": "Arabic",
    "to_code": "en",
    "to_name": "English",
    "links": [],
    "type": "translate",
}

# A few bytes that are not a pickle: an importer that unpickles stanza/ fails loudly.
STANZA_DUMMY = b"NOT A PICKLE: Talkhis must never load stanza/ files\n"

# Fixed zip timestamps so the same seed gives the same .argosmodel bytes.
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------------------------
# Training text, written for this script (news-style; invented, not taken from any source).

ARABIC_SENTENCES = (
    "أعلنت وزارة الداخلية اليوم عن خطة جديدة لتعزيز الأمن في العاصمة بغداد.",
    "قال رئيس الوزراء إن الحكومة ستعقد اجتماعا طارئا يوم الأحد المقبل.",
    "وصل وزير الخارجية إلى القاهرة في زيارة رسمية تستمر ثلاثة أيام.",
    "أفادت مصادر محلية بأن القوات الحكومية سيطرت على مدينة الموصل.",
    "ارتفع عدد الضحايا إلى 25 شخصا بحسب وزارة الصحة.",
    "عقد البرلمان جلسة استثنائية لمناقشة الميزانية العامة لعام 2024.",
    "أكد المتحدث باسم الجيش أن العمليات العسكرية مستمرة في محافظة الأنبار.",
    "وقعت الحكومتان اتفاقية للتعاون الاقتصادي في مدينة الرياض.",
    "شارك أكثر من 300 مندوب في المؤتمر الذي عقد في دمشق.",
    "طالبت الأمم المتحدة جميع الأطراف بوقف إطلاق النار فورا.",
    "أعلنت وزارة المالية عن زيادة رواتب الموظفين بنسبة 10 بالمئة.",
    "نفى مكتب الرئيس صحة التقارير التي تحدثت عن استقالة الوزير.",
    "انتشرت قوات الأمن في شوارع بيروت بعد احتجاجات الليلة الماضية.",
    "تستضيف الدوحة محادثات السلام في الخامس عشر من شهر آذار.",
    "قالت الشرطة إنها اعتقلت 12 مشتبها بهم في مدينة البصرة.",
    "أصدرت المحكمة حكما بالسجن خمس سنوات على المتهم.",
    "زار وفد من الاتحاد الأوروبي مخيمات اللاجئين في الأردن.",
    "افتتح وزير النقل مطارا جديدا في مدينة أربيل يوم الثلاثاء.",
    "ذكرت وكالة الأنباء الرسمية أن الانتخابات ستجري في شهر تشرين الأول.",
    "تعهدت الحكومة بإعادة بناء المدارس والمستشفيات المتضررة.",
    "حذرت وزارة الزراعة من موجة جفاف تهدد المحاصيل هذا العام.",
    "أكدت القيادة العسكرية أن الوضع على الحدود الشمالية مستقر.",
    "بلغت صادرات النفط مليوني برميل يوميا خلال شهر كانون الثاني.",
    "اجتمع قادة الدول العربية في قمة طارئة في عمان.",
    "أعلن التحالف الدولي عن انسحاب جزء من قواته من المنطقة.",
    "سقطت ثلاثة صواريخ قرب السفارة في المنطقة الخضراء.",
    "أطلقت المنظمة حملة لتوزيع المساعدات الغذائية على 5000 عائلة.",
    "ناقش مجلس الأمن الوضع الإنساني في اليمن وسوريا.",
    "قال المسؤول إن المفاوضات ستستأنف بعد عيد الفطر.",
    "تراجع سعر صرف الدينار أمام الدولار في الأسواق المحلية.",
    "أغلقت السلطات المعبر الحدودي مع تركيا لأسباب أمنية.",
    "هل ستوافق الحكومة على المقترح الجديد؟ لم يصدر أي رد حتى الآن.",
    "أشاد الوزير بدور الصحفيين، وقال إن حرية الصحافة مضمونة.",
    "في 3 أيار 2023 أعلنت الوزارة عن إنشاء 40 مدرسة جديدة.",
)

ENGLISH_SENTENCES = (
    "The Interior Ministry announced a new plan today to strengthen security in Baghdad.",
    "The prime minister said the government will hold an emergency meeting next Sunday.",
    "The foreign minister arrived in Cairo on an official three-day visit.",
    "Local sources said government forces had taken control of the city of Mosul.",
    "The death toll rose to 25, according to the Ministry of Health.",
    "Parliament held an extraordinary session to discuss the 2024 general budget.",
    "An army spokesman confirmed that military operations continue in Anbar province.",
    "The two governments signed an economic cooperation agreement in Riyadh.",
    "More than 300 delegates took part in the conference held in Damascus.",
    "The United Nations called on all parties to cease fire immediately.",
    "The Finance Ministry announced a 10 percent increase in public sector salaries.",
    "The president's office denied reports that the minister had resigned.",
    "Security forces were deployed in the streets of Beirut after last night's protests.",
    "Doha will host peace talks on the fifteenth of March.",
    "Police said they had arrested 12 suspects in the city of Basra.",
    "The court sentenced the defendant to five years in prison.",
    "A European Union delegation visited refugee camps in Jordan.",
    "The transport minister opened a new airport in Erbil on Tuesday.",
    "The official news agency reported that elections will be held in October.",
    "The government pledged to rebuild damaged schools and hospitals.",
    "The Agriculture Ministry warned of a drought that threatens this year's crops.",
    "The military command said the situation on the northern border is stable.",
    "Oil exports reached two million barrels a day in January.",
    "Arab leaders met at an emergency summit in Amman.",
    "The international coalition announced the withdrawal of some of its forces from the region.",
    "Three rockets fell near the embassy in the Green Zone.",
    "The organisation launched a campaign to distribute food aid to 5,000 families.",
    "The Security Council discussed the humanitarian situation in Yemen and Syria.",
    "The official said negotiations would resume after Eid al-Fitr.",
    "The dinar fell against the dollar on local markets.",
    "The authorities closed the border crossing with Turkey for security reasons.",
    "Will the government accept the new proposal? No reply has been issued so far.",
    "The minister praised journalists and said press freedom is guaranteed.",
    "On 3 May 2023 the ministry announced the building of 40 new schools.",
)

# Common news vocabulary (a word list written for this script), mixed into the synthetic text.
ARABIC_WORDS = """
الحكومة الوزير الوزارة الرئيس رئيس الوزراء البرلمان مجلس النواب الشعب الدولة الدول العربية
الدولية المتحدة الأمم الأمن القوات الجيش الشرطة العسكرية العسكري السياسية السياسي الاقتصادية
الاقتصاد النفط الغاز الكهرباء المياه الزراعة المزارعين الفلاحين التعليم الصحة المستشفى المدارس
الجامعة الطلاب العمال الموظفين الرواتب الميزانية الضرائب الأسعار السوق الأسواق التجارة الاستثمار
الشركات البنك المركزي الدينار الدولار مليون مليار ألف ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة
عشرين الأول الثاني الثالث اليوم أمس غدا الأسبوع الشهر العام السنة المقبل الماضي الماضية الجديد
الجديدة الكبير الكبيرة الصغيرة قال قالت أكد أكدت أعلن أعلنت أضاف وأضاف أشار وأشار ذكر ذكرت أوضح
أفاد أفادت طالب طالبت دعا دعت حذر حذرت نفى نفت يجب يمكن سيتم تم تمت خلال بعد قبل بين حول ضد مع
عند منذ حتى لدى عبر ضمن وفق بحسب أن إن كان كانت يكون تكون هذا هذه ذلك تلك التي الذي الذين هناك
هنا كما أيضا لكن لا لم لن ما قد كل بعض جميع أكثر أقل المدينة المدن المحافظة المحافظات المنطقة
المناطق الحدود الشمال الجنوب الشرق الغرب الشمالية الجنوبية الشرقية الغربية العاصمة القرية الطريق
المطار الميناء السلام الحرب المعارك الهجوم الهجمات التفجير الضحايا القتلى الجرحى المصابين
اللاجئين النازحين المساعدات الإنسانية الغذائية المنظمة المنظمات الاتفاق المفاوضات المحادثات
الاجتماع المؤتمر القمة الانتخابات المرشحين الأحزاب الحزب المعارضة الاحتجاجات المتظاهرين المحكمة
القضاء القانون الدستور الحقوق الحرية الصحافة الإعلام التقرير التقارير المصادر المسؤول المسؤولين
المتحدث مصدر رسمي رسمية مشروع مشاريع خطة تنفيذ توزيع دعم بناء إعادة تطوير تعزيز حماية مكافحة
الإرهاب داعش التحالف الولايات سوريا العراق لبنان الأردن مصر تركيا إيران اليمن ليبيا السعودية
الخليج فلسطين بغداد دمشق القاهرة بيروت عمان الرياض الموصل البصرة حلب أربيل كركوك سيبدأ يحصلون
يعمل تعمل يوميا بشكل مباشر اللجان اللجنة الأطراف الطرفين شركائنا قواتنا عناصر قادة
""".split()

ENGLISH_WORDS = """
government minister ministry president prime parliament council people state states country
countries united nations security forces army police military political economic economy oil gas
electricity water farmers agriculture education health hospital schools university students workers
employees salaries budget taxes prices market markets trade investment companies bank central dinar
dollar million billion thousand one two three four five six seven eight nine ten twenty first
second third today yesterday tomorrow week month year next last new big small said says added
announced confirmed stated noted reported explained warned denied called must can will would could
should was were been being is are has have had during after before between about against with at
since until by through within according that this these those which who there here also but not no
every some all more less city cities province provinces region area border north south east west
northern southern eastern western capital village road airport port peace war fighting attack
attacks explosion victims dead killed wounded injured refugees displaced aid humanitarian food
organisation organisations agreement negotiations talks meeting conference summit elections
candidates parties party opposition protests protesters court judiciary law constitution rights
freedom press media report reports sources official officials spokesman source project projects
plan implementation distribution support building rebuilding development strengthening protection
fight terrorism coalition Syria Iraq Lebanon Jordan Egypt Turkey Iran Yemen Libya Saudi Gulf
Palestine Baghdad Damascus Cairo Beirut Amman Riyadh Mosul Basra Aleppo Erbil Kirkuk start begin
work daily directly closely committees committee parties partners members leaders the of and to in
a for on as from it its their they he she we our
""".split()

# Sentence the script translates to prove each model works.
CHECK_SENTENCE = "أعلنت الحكومة عن خطة جديدة في بغداد."

# Pseudo-words are built the way words of each language are, so that SentencePiece learns
# useful pieces (Arabic clitics, patterns and suffixes; English stems and suffixes) and unseen
# real words split into a few pieces rather than letters.
_AR_ROOT_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءأ"
# Unvocalised Arabic patterns; 1, 2, 3 stand for the root's letters.
_AR_PATTERNS = ("123", "1ا23", "م12و3", "ت12ي3", "است12ا3", "ا1ت2ا3", "م1ا2ي3", "12ي3", "ي123",
                "ت123", "ست123", "س123", "ن123", "م123", "ت1ا23", "م1ت2ا3", "1ا2و3", "م12ا3",
                "12ا3", "ي1ت23", "م1ت23", "ا123")
_AR_PREFIXES = ("", "", "", "", "ال", "ال", "ال", "و", "وال", "ب", "بال", "ل", "لل", "ف")
_AR_SUFFIXES = ("", "", "", "", "ة", "ات", "ون", "ين", "ان", "ها", "هم", "ي", "ية", "وا", "نا",
                "يا")
_LA_ONSETS = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
              "z", "th", "sh", "ch", "st", "br", "tr", "gr", "pl", "cr", "qu")
_LA_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "ou", "ea", "y")
_LA_CODAS = ("", "", "n", "r", "s", "t", "l", "nd", "st", "rk", "m", "ck")
_LA_PREFIXES = ("", "", "", "", "", "re", "un", "pre", "dis", "con", "in")
_LA_SUFFIXES = ("", "", "", "s", "s", "ed", "ing", "er", "ers", "tion", "ly", "al", "ment", "ity")

# Every character real text brings, so that none of them is <unk> (character_coverage=1.0
# keeps every character seen in training).
_ARABIC_CHARACTERS = ("".join(chr(c) for c in range(0x0621, 0x063B))
                      + "".join(chr(c) for c in range(0x0641, 0x0653))  # letters and harakat
                      + "٠١٢٣٤٥٦٧٨٩" + "،؛؟٪٫٬" + "پچژگکی" + "«»")
_LATIN_CHARACTERS = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                     + "!\"#$%&'()*+,-./:;<=>?@[]_{}" + "“”‘’–—")


def _pick(rng, items):
    return items[int(rng.integers(len(items)))]


def _pseudo_words(rng, count: int, script: str) -> list[str]:
    """``count`` distinct made-up words, deterministic for the generator's state."""
    words: list[str] = []
    seen: set[str] = set()
    if script == "ar":
        roots = ["".join(_pick(rng, _AR_ROOT_LETTERS) for _ in range(3)) for _ in range(max(8, count // 12))]
    else:
        stems = []
        for _ in range(max(8, count // 6)):
            syllables = int(rng.integers(1, 3))
            stems.append("".join(_pick(rng, _LA_ONSETS) + _pick(rng, _LA_VOWELS) for _ in range(syllables))
                         + _pick(rng, _LA_CODAS))
    while len(words) < count:
        if script == "ar":
            root = roots[min(int(rng.zipf(1.3)) - 1, len(roots) - 1)]
            stem = _pick(rng, _AR_PATTERNS)
            for digit, letter in zip("123", root):
                stem = stem.replace(digit, letter)
            word = _pick(rng, _AR_PREFIXES) + stem + _pick(rng, _AR_SUFFIXES)
        else:
            stem = stems[min(int(rng.zipf(1.3)) - 1, len(stems) - 1)]
            word = _pick(rng, _LA_PREFIXES) + stem + _pick(rng, _LA_SUFFIXES)
            if rng.random() < 0.08:
                word = word.capitalize()
        if len(word) >= 2 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _corpus(rng, languages: tuple[str, ...], size: dict) -> list[str]:
    """The training text: the built-in sentences (many times), a line of every character, and
    synthetic sentences mixing the real words (at their natural frequency) with Zipf-distributed
    pseudo-words, numbers and punctuation."""
    import numpy as np

    lines: list[str] = []
    for lang in languages:
        sentences = ARABIC_SENTENCES if lang == "ar" else ENGLISH_SENTENCES
        characters = _ARABIC_CHARACTERS if lang == "ar" else _LATIN_CHARACTERS
        lines.extend([" ".join(characters)] * 3)
        lines.extend(sentences * size["repeat"])
        running_words = [w.strip(".,،؟?") for s in sentences for w in s.split()]
        running_words = [w for w in running_words if w] + list(
            ARABIC_WORDS if lang == "ar" else ENGLISH_WORDS) * 2
        lexicon = _pseudo_words(rng, size["lexicon"], lang)
        weights = 1.0 / (np.arange(len(lexicon)) + 8.0)
        weights /= weights.sum()
        count = size["sentences"] // len(languages)
        comma, question = ("،", "؟") if lang == "ar" else (",", "?")
        lengths = rng.integers(5, 15, size=count)
        total = int(lengths.sum())
        picks = rng.choice(len(lexicon), size=total, p=weights)
        real_picks = rng.integers(len(running_words), size=total)
        kinds = rng.random(size=total)
        pos = 0
        for n in lengths:
            words = []
            for i in range(pos, pos + int(n)):
                if kinds[i] < size["real"]:
                    words.append(running_words[int(real_picks[i])])
                elif kinds[i] < size["real"] + 0.03:
                    words.append(str(int(picks[i]) % 2000))
                else:
                    words.append(lexicon[int(picks[i])])
                if kinds[i] > 0.97:
                    words[-1] += comma
            pos += int(n)
            lines.append(" ".join(words) + (question if kinds[pos - 1] < 0.05 else "."))
    return lines


@contextlib.contextmanager
def _quiet_stderr():
    """Silence the trainer's log, which the C++ side writes to file descriptor 2 directly
    (sentencepiece's own ``logstream`` redirects ``sys.stderr.fileno()``, which under pytest's
    capture is not descriptor 2)."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _train_spm(lines: list[str], vocab_size: int, threads: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    with _quiet_stderr():
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines),
            model_writer=model,
            model_type="unigram",
            vocab_size=vocab_size,
            character_coverage=1.0,
            num_threads=threads,
            input_sentence_size=0,
            shuffle_input_sentence=False,
            max_sentence_length=4096,
        )
    return model.getvalue()


def _marian_vocabulary(corpus_rng, size: dict, vocab_sizes, threads: int) -> tuple[bytes, bytes, list[str]]:
    """Source and target SentencePiece models, and Marian's vocabulary: </s> and <unk>, then the
    union of both models' pieces (the <pad> Transformers appends is removed by the converter;
    there is no <s>)."""
    source_sp = _train_spm(_corpus(corpus_rng, ("ar",), size), vocab_sizes[0], threads)
    target_sp = _train_spm(_corpus(corpus_rng, ("en",), size), vocab_sizes[1], threads)
    vocabulary = ["</s>", "<unk>"]
    seen = set(vocabulary)
    for piece in _pieces(source_sp) + _pieces(target_sp):
        if piece not in seen:
            seen.add(piece)
            vocabulary.append(piece)
    return source_sp, target_sp, vocabulary


def _pieces(model: bytes) -> list[str]:
    """The pieces of a SentencePiece model, in id order, without <unk>, <s>, </s>."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())
            if not (sp.is_unknown(i) or sp.is_control(i))]


# ---------------------------------------------------------------------------------------------
# The CTranslate2 model.

def _sinusoids(positions: int, dim: int, interleaved: bool):
    import numpy as np

    pos = np.arange(positions, dtype=np.float64)[:, None]
    rates = np.power(10000.0, -2.0 * (np.arange(dim // 2, dtype=np.float64)) / dim)[None, :]
    table = np.zeros((positions, dim), dtype=np.float64)
    if interleaved:  # OpenNMT-py
        table[:, 0::2] = np.sin(pos * rates)
        table[:, 1::2] = np.cos(pos * rates)
    else:  # Marian / fairseq: all sines, then all cosines
        table[:, : dim // 2] = np.sin(pos * rates)
        table[:, dim // 2:] = np.cos(pos * rates)
    return table.astype(np.float32)


class _Weights:
    """Seeded random weights, small enough that every activation stays finite."""

    def __init__(self, rng, scale: float = 0.05):
        self.rng = rng
        self.scale = scale

    def normal(self, *shape, scale=None):
        import numpy as np

        return (self.rng.standard_normal(shape, dtype=np.float32)
                * np.float32(self.scale if scale is None else scale))

    def linear(self, spec, out_dim: int, in_dim: int, bias: bool = True):
        spec.weight = self.normal(out_dim, in_dim)
        if bias:
            spec.bias = self.normal(out_dim, scale=0.02)

    def layer_norm(self, spec, dim: int):
        import numpy as np

        spec.gamma = np.float32(1.0) + self.normal(dim, scale=0.02)
        spec.beta = self.normal(dim, scale=0.02)

    def attention(self, spec, d: int, self_attention: bool):
        if self_attention:
            self.linear(spec.linear[0], 3 * d, d)
        else:
            self.linear(spec.linear[0], d, d)
            self.linear(spec.linear[1], 2 * d, d)
        self.linear(spec.linear[-1], d, d)
        self.layer_norm(spec.layer_norm, d)

    def ffn(self, spec, d: int, ffn: int):
        self.linear(spec.linear_0, ffn, d)
        self.linear(spec.linear_1, d, ffn)
        self.layer_norm(spec.layer_norm, d)


def _build_spec(layout: str, size: dict, vocabulary: list[str], rng):
    """A TransformerSpec shaped like the layout's real model, filled with seeded weights."""
    from ctranslate2.specs import common_spec, transformer_spec

    d, heads, layers = size["d_model"], size["heads"], size["layers"]
    if layout == "opus-mt":  # Marian: post-norm, swish, decoder starts from a zero embedding
        spec = transformer_spec.TransformerSpec.from_config(
            (layers, layers), heads, pre_norm=False, activation=common_spec.Activation.SWISH)
    else:  # OpenNMT-py (Argos) and M2M100 (NLLB): pre-norm, ReLU
        spec = transformer_spec.TransformerSpec.from_config(
            (layers, layers), heads, pre_norm=True, activation=common_spec.Activation.RELU)

    w = _Weights(rng)
    embeddings = w.normal(len(vocabulary), d)  # shared by encoder, decoder and output layer
    table = _sinusoids(POSITIONS[layout], d, interleaved=(layout == "argos"))
    scale = True if layout == "argos" else math.sqrt(d)  # what each converter writes
    for part in (spec.encoder, spec.decoder):
        part.scale_embeddings = scale
        part.position_encodings.encodings = table
        if hasattr(part, "layer_norm"):
            w.layer_norm(part.layer_norm, d)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    spec.decoder.projection.weight = embeddings
    if layout == "opus-mt":
        spec.decoder.start_from_zero_embedding = True
        spec.decoder.projection.bias = w.normal(len(vocabulary), scale=0.02)  # final_logits_bias
    for layer in spec.encoder.layer:
        w.attention(layer.self_attention, d, self_attention=True)
        w.ffn(layer.ffn, d, size["ffn"])
    for layer in spec.decoder.layer:
        w.attention(layer.self_attention, d, self_attention=True)
        w.attention(layer.attention, d, self_attention=False)
        w.ffn(layer.ffn, d, size["ffn"])

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    config = spec.config
    if layout == "argos":  # ct2-opennmt-py-converter
        config.decoder_start_token = "<s>"
    elif layout == "opus-mt":  # ct2-transformers-converter, MarianMTLoader
        config.eos_token = "</s>"
        config.unk_token = "<unk>"
        config.decoder_start_token = "</s>"
    else:  # ct2-transformers-converter, M2M100Loader (BartLoader.set_config)
        config.bos_token = "<s>"
        config.eos_token = "</s>"
        config.unk_token = "<unk>"
        config.decoder_start_token = "</s>"
    return spec


def _save_ct2(spec, out_dir: Path) -> None:
    from ctranslate2.converters import Converter

    class _SpecConverter(Converter):
        def _load(self):
            return spec

    _SpecConverter().convert(str(out_dir), quantization="int8")


def _to_old_format(model_dir: Path) -> None:
    """Rewrite a model as CTranslate2 1.x/2.x left it: no config.json, a .txt vocabulary, and
    model.bin marked binary version 5 / TransformerSpec revision 5. (CTranslate2 4.x fills in the
    special tokens from built-in defaults only for binary versions below 6; a version-6 model.bin
    without config.json does not load.) The byte layout of versions 5 and 6 is the same."""
    import struct

    binary = bytearray((model_dir / "model.bin").read_bytes())
    name_length = struct.unpack_from("<H", binary, 4)[0]
    if struct.unpack_from("<I", binary, 0)[0] != 6 or binary[6:6 + name_length] != b"TransformerSpec\0":
        raise RuntimeError("unexpected model.bin header; cannot write the old format")
    struct.pack_into("<I", binary, 0, 5)
    struct.pack_into("<I", binary, 6 + name_length, 5)
    (model_dir / "model.bin").write_bytes(bytes(binary))
    (model_dir / "config.json").unlink()
    vocab_json = model_dir / "shared_vocabulary.json"
    tokens = json.loads(vocab_json.read_text(encoding="utf-8"))
    (model_dir / "shared_vocabulary.txt").write_text("".join(t + "\n" for t in tokens), encoding="utf-8")
    vocab_json.unlink()


def _check_model(model_dir: Path, source: list[str], target_prefix: list[str] | None) -> list[str]:
    """Load the model with CTranslate2 and translate one tokenised sentence; return the output."""
    import ctranslate2
    import numpy as np

    translator = ctranslate2.Translator(str(model_dir), device="cpu", inter_threads=1, intra_threads=1)
    result = translator.translate_batch(
        [source], target_prefix=[target_prefix] if target_prefix else None,
        beam_size=2, max_decoding_length=16, return_scores=True)[0]
    tokens = result.hypotheses[0]
    if not tokens or not np.isfinite(result.scores[0]):
        raise RuntimeError(f"{model_dir}: the generated model produced no usable output ({result!r})")
    del translator
    return tokens


# ---------------------------------------------------------------------------------------------
# The three layouts, built into a fresh folder.

def _build(layout: str, size_name: str, seed: int, old_format: bool, folder: Path,
           package_name: str) -> dict:
    import numpy as np
    import sentencepiece as spm

    size = SIZES[size_name]
    threads = 1 if size_name == "tiny" else min(8, os.cpu_count() or 1)
    corpus_rng = np.random.default_rng([seed, 1])
    weights_rng = np.random.default_rng([seed, 2, LAYOUTS.index(layout)])
    vocab_sizes = size["vocab"][layout]
    info: dict = {}

    if layout == "argos":
        model_sp = _train_spm(_corpus(corpus_rng, ("ar", "en"), size), vocab_sizes, threads)
        # OpenNMT-py's vocabulary: its four specials, then the pieces.
        vocabulary = ["<unk>", "<blank>", "<s>", "</s>", *_pieces(model_sp)]
        root = folder / package_name
        model_dir = root / "model"
        root.mkdir(parents=True)
        (root / "sentencepiece.model").write_bytes(model_sp)
        source_sp = model_sp
    elif layout == "opus-mt":
        source_sp, target_sp, vocabulary = _marian_vocabulary(corpus_rng, size, vocab_sizes, threads)
        model_dir = folder
    else:
        model_sp = _train_spm(_corpus(corpus_rng, ("ar", "en"), size), vocab_sizes, threads)
        # fairseq/NLLB: <s> <pad> </s> <unk>, the pieces, the language codes, <mask>.
        vocabulary = ["<s>", "<pad>", "</s>", "<unk>", *_pieces(model_sp), *NLLB_LANGUAGES, "<mask>"]
        model_dir = folder
        source_sp = model_sp

    if len(set(vocabulary)) != len(vocabulary):
        raise RuntimeError("generated vocabulary has duplicate entries")
    spec = _build_spec(layout, size, vocabulary, weights_rng)
    _save_ct2(spec, model_dir)
    if layout == "opus-mt":
        (model_dir / "source.spm").write_bytes(source_sp)
        (model_dir / "target.spm").write_bytes(target_sp)
    elif layout == "nllb":
        (model_dir / "sentencepiece.bpe.model").write_bytes(model_sp)
    if old_format:
        _to_old_format(model_dir)

    pieces = spm.SentencePieceProcessor(model_proto=source_sp).encode(CHECK_SENTENCE, out_type=str)
    if layout == "opus-mt":
        source, prefix = pieces + ["</s>"], None
    elif layout == "nllb":
        source, prefix = ["arb_Arab", *pieces, "</s>"], ["eng_Latn"]
    else:
        source, prefix = pieces, None
    unknown = [p for p in pieces if p not in set(vocabulary)]
    if unknown:
        raise RuntimeError(f"pieces missing from the model vocabulary: {unknown}")
    info["check_source"] = source
    info["check_output"] = _check_model(model_dir, source, prefix)
    info["vocabulary_size"] = len(vocabulary)
    info["model_dir"] = model_dir

    if layout == "argos":
        (root / "metadata.json").write_text(json.dumps(ARGOS_METADATA, indent=2) + "\n", encoding="utf-8")
        (root / "README.md").write_text(
            "# Arabic to English (generated test model)\n\n"
            "Random weights, made by Talkhis's models/make_test_model.py for tests and benchmarks.\n"
            "Its translations are meaningless. The stanza/ folder holds a dummy file that is not a\n"
            "pickle: importers must ignore the sentence splitter.\n", encoding="utf-8")
        dummy = root / "stanza" / "ar" / "tokenize" / "dummy.pt"
        dummy.parent.mkdir(parents=True)
        dummy.write_bytes(STANZA_DUMMY)
    return info


# ---------------------------------------------------------------------------------------------
# An OPUS-MT release as Marian writes it (the zip on the OPUS-MT model pages).

MARIAN_STEM = "opus.spm32k-spm32k"
MARIAN_NPZ = f"{MARIAN_STEM}.transformer-align.model1.npz.best-perplexity.npz"
MARIAN_VOCAB = f"{MARIAN_STEM}.vocab.yml"


def _marian_vocab_line(token: str, index: int) -> str:
    """One entry of Marian's vocabulary YAML, quoted the way yaml-cpp quotes what needs it."""
    plain = token and token[0] not in "-?:,[]{}#&*!|>'\"%@` " and not any(
        c in token for c in ":#'\"\\") and token.strip() == token
    return f"{token if plain else json.dumps(token, ensure_ascii=False)}: {index}\n"


def _marian_weights(size: dict, vocabulary: list[str], rng) -> dict:
    """Marian's tensors for a post-norm transformer with all embeddings tied (``Wemb``)."""
    import numpy as np

    w = _Weights(rng)
    d, ffn, layers = size["d_model"], size["ffn"], size["layers"]

    def row(dim, scale=0.02):  # Marian keeps biases and norms as (1, dim)
        return w.normal(1, dim, scale=scale)

    tensors = {"Wemb": w.normal(len(vocabulary), d)}

    def attention(scope):
        for part in "qkvo":
            tensors[f"{scope}_W{part}"] = w.normal(d, d)  # Marian stores (in, out)
            tensors[f"{scope}_b{part}"] = row(d)
        tensors[f"{scope}_Wo_ln_scale"] = np.float32(1.0) + row(d)
        tensors[f"{scope}_Wo_ln_bias"] = row(d)

    def feed_forward(scope):
        tensors[f"{scope}_W1"], tensors[f"{scope}_b1"] = w.normal(d, ffn), row(ffn)
        tensors[f"{scope}_W2"], tensors[f"{scope}_b2"] = w.normal(ffn, d), row(d)
        tensors[f"{scope}_ffn_ln_scale"] = np.float32(1.0) + row(d)
        tensors[f"{scope}_ffn_ln_bias"] = row(d)

    for i in range(1, layers + 1):
        attention(f"encoder_l{i}_self")
        feed_forward(f"encoder_l{i}_ffn")
        attention(f"decoder_l{i}_self")
        attention(f"decoder_l{i}_context")
        feed_forward(f"decoder_l{i}_ffn")
    tensors["decoder_ff_logit_out_b"] = row(len(vocabulary))
    config = {  # the options Marian records in every model it saves
        "type": "transformer", "dim-emb": d, "dim-vocabs": [len(vocabulary), len(vocabulary)],
        "enc-depth": layers, "dec-depth": layers, "transformer-heads": size["heads"],
        "transformer-dim-ffn": ffn, "transformer-ffn-activation": "swish",
        "transformer-preprocess": "", "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d", "transformer-postprocess-top": "",
        "transformer-decoder-autoreg": "self-attention", "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last", "transformer-tied-layers": [],
        "tied-embeddings-all": True, "version": "v1.7.6 1d4ba73 2019-05-11 17:16:31 +0100",
    }
    import yaml

    text = yaml.safe_dump(config, sort_keys=False).encode("utf-8") + b"\0"
    tensors["special:model.yml"] = np.frombuffer(text, dtype=np.int8).copy()
    return tensors


def _build_marian(size_name: str, seed: int, folder: Path) -> dict:
    import numpy as np
    import sentencepiece as spm

    size = SIZES[size_name]
    threads = 1 if size_name == "tiny" else min(8, os.cpu_count() or 1)
    corpus_rng = np.random.default_rng([seed, 1])
    weights_rng = np.random.default_rng([seed, 2, len(LAYOUTS)])
    vocab_sizes = size["vocab"]["opus-mt"]
    source_sp, target_sp, vocabulary = _marian_vocabulary(corpus_rng, size, vocab_sizes, threads)
    folder.mkdir(parents=True)
    np.savez(folder / MARIAN_NPZ, **_marian_weights(size, vocabulary, weights_rng))
    (folder / MARIAN_VOCAB).write_text(
        "".join(_marian_vocab_line(t, i) for i, t in enumerate(vocabulary)), encoding="utf-8")
    (folder / "source.spm").write_bytes(source_sp)
    (folder / "target.spm").write_bytes(target_sp)
    (folder / "decoder.yml").write_text(
        f"models:\n  - {MARIAN_NPZ}\nvocabs:\n  - {MARIAN_VOCAB}\n  - {MARIAN_VOCAB}\n"
        "beam-size: 6\nnormalize: 0.6\nword-penalty: 0\nmini-batch: 1\nmaxi-batch: 1\n"
        "maxi-batch-sort: src\nrelative-paths: true\n", encoding="utf-8")
    (folder / "README.md").write_text(
        "# opus-2019-12-18.zip (generated test model)\n\n"
        "* dataset: opus\n* model: transformer-align\n* source language(s): ar\n"
        "* target language(s): en\n* pre-processing: normalization + SentencePiece\n\n"
        "Random weights, made by Talkhis's models/make_test_model.py; its translations are "
        "meaningless.\n", encoding="utf-8")
    (folder / "LICENSE").write_text("CC-BY 4.0 (the licence of the OPUS-MT releases)\n", encoding="utf-8")
    # Check it the way Talkhis imports it: CTranslate2's own converter, then one translation.
    from ctranslate2.converters import OpusMTConverter

    converted = folder.parent / "converted-check"
    OpusMTConverter(str(folder)).convert(str(converted), quantization="int8")
    pieces = spm.SentencePieceProcessor(model_proto=source_sp).encode(CHECK_SENTENCE, out_type=str)
    output = _check_model(converted, pieces, None)  # add_source_eos: the converter appends </s>
    shutil.rmtree(converted)
    return {"check_source": pieces, "check_output": output, "vocabulary_size": len(vocabulary)}


def _zip_flat(folder: Path, zip_path: Path) -> None:
    """Zip the files of ``folder`` at the top level, as the OPUS-MT releases are zipped."""
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            entry = zipfile.ZipInfo(path.name, date_time=_ZIP_DATE)
            entry.external_attr = 0o100644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())


def _zip_folder(folder: Path, zip_path: Path) -> None:
    """Zip ``folder`` (one top-level entry) with fixed timestamps and sorted members."""
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        base = folder.parent
        for path in sorted([folder, *folder.rglob("*")]):
            name = path.relative_to(base).as_posix() + ("/" if path.is_dir() else "")
            entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            if path.is_dir():
                entry.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(entry, b"")
            else:
                entry.external_attr = 0o100644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, path.read_bytes())
    with zipfile.ZipFile(zip_path) as archive:
        bad = archive.testzip()
        tops = {n.split("/", 1)[0] for n in archive.namelist()}
        if bad is not None or tops != {folder.name}:
            raise RuntimeError(f"{zip_path}: written zip is damaged ({bad!r}, {sorted(tops)})")


def _package_name(out: Path) -> str:
    stem = out.name[: -len(".argosmodel")] if out.name.endswith(".argosmodel") else out.stem
    safe = stem and all(c.isalnum() or c in "._-" for c in stem) and not stem.startswith(".")
    return stem if safe else "translate-ar_en-1_0"


def make_model(out: Path, layout: str, size: str = "tiny", seed: int = 0, old_format: bool = False,
               *, force: bool = False, info: dict | None = None) -> Path:
    """Build a random-weight CTranslate2 model in ``layout`` at ``out`` and return ``out``.

    ``argos``: ``out`` is a ``.argosmodel`` zip; ``opus-mt`` and ``nllb``: ``out`` is a directory.
    ``old_format`` (argos only) writes ``model/`` as CTranslate2 1.x/2.x did: no config.json and a
    shared_vocabulary.txt. The model is built in a temporary folder beside ``out``, loaded and
    run once with ctranslate2, and only then moved into place. An existing ``out`` is an error
    unless ``force``. Pass a dict as ``info`` to receive details (vocabulary size, check output).
    """
    out = Path(out)
    if layout not in ALL_LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(ALL_LAYOUTS)}")
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    if old_format and layout != "argos":
        raise ValueError("old_format applies to the argos layout only")
    if (out.exists() or out.is_symlink()) and not force:
        raise FileExistsError(f"{out} already exists (use --force to replace it)")
    out.parent.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        build = tmp / "build"
        if layout == MARIAN:
            details = _build_marian(size, int(seed), build)
        else:
            details = _build(layout, size, int(seed), old_format, build, _package_name(out))
        if layout == MARIAN and out.suffix == ".zip":
            built = tmp / out.name
            _zip_flat(build, built)
        elif layout == "argos":
            built = tmp / out.name
            _zip_folder(build / _package_name(out), built)
        else:
            built = build
        if out.exists() or out.is_symlink():
            if not force:
                raise FileExistsError(f"{out} already exists (use --force to replace it)")
            if out.is_dir() and not out.is_symlink():
                out.rename(tmp / "replaced")
        if built.is_dir():
            os.rename(built, out)
        else:
            os.replace(built, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if info is not None:
        details.pop("model_dir", None)
        info.update(details, seconds=time.perf_counter() - started)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the .argosmodel file (argos), the .zip (opus-mt-marian) "
                        "or directory to write")
    parser.add_argument("--layout", required=True, choices=ALL_LAYOUTS)
    parser.add_argument("--size", default="tiny", choices=tuple(SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--old-format", "--old_format", dest="old_format", action="store_true",
                        help="argos only: model/ without config.json, with shared_vocabulary.txt")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = parser.parse_args(argv)
    info: dict = {}
    try:
        out = make_model(args.out, args.layout, args.size, args.seed, args.old_format,
                         force=args.force, info=info)
    except (FileExistsError, ValueError) as exc:
        print(f"make_test_model: {exc}", file=sys.stderr)
        return 2
    size = (out.stat().st_size if out.is_file()
            else sum(p.stat().st_size for p in out.rglob("*") if p.is_file()))
    print(f"wrote {out} ({args.layout}{', old format' if args.old_format else ''}, {args.size}, "
          f"seed {args.seed}): vocabulary {info['vocabulary_size']} tokens, "
          f"{size / 1e6:.1f} MB, {info['seconds']:.1f} s")
    print(f"  check: {' '.join(info['check_source'])} -> {' '.join(info['check_output'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
