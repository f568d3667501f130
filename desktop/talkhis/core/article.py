"""The analyst's objects: a read document, its sentences, translations and the summary.

These are plain, immutable data shared by the command line and the window. Offsets always refer
to the *original* text the user sees; normalised forms are derived, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    """A file attached to an e-mail, as its reader lists it (``talkhis summarize --attachment N``)."""

    number: int  # 1 = the first, in the message's order; what ``extract_attachment`` takes
    name: str  # the file name it would be saved under (made safe; invented when the sender gave none)
    content_type: str  # MIME type as declared, e.g. "application/pdf"
    size: int  # bytes, once decoded


@dataclass(frozen=True)
class OcrWord:
    """A word read by OCR: where it is in ``Document.text`` and how sure Tesseract was (0-100)."""

    start: int
    end: int
    confidence: float


def mean_confidence(words) -> float | None:
    """The mean OCR confidence of ``words``, each weighted by its length; None for no words."""
    weight = sum(w.end - w.start for w in words)
    if not weight:
        return None
    return sum(w.confidence * (w.end - w.start) for w in words) / weight


@dataclass(frozen=True)
class Document:
    """What a reader returns: the original text, one paragraph per line, and where it came from."""

    path: str
    text: str  # original text, line endings normalised to "\n"; one line = one paragraph
    encoding: str | None  # None for formats that are not plain text (docx, pdf...)
    format: str  # registry key: "txt", "md", ...
    title: str | None = None  # a title the format itself declares (HTML <title>, e-mail subject)
    headings: frozenset[int] = frozenset()  # paragraph indices the format marks as headings
    notes: tuple[str, ...] = ()  # things the reader wants the user to know (attachments...)
    attachments: tuple[Attachment, ...] = ()  # an e-mail's attached files (the notes list them too)
    ocr_words: tuple[OcrWord, ...] = ()  # text read from a scan or photo: every word's confidence

    def ocr_confidence(self, start: int, end: int) -> float | None:
        """Mean OCR confidence (0-100, weighted by length) of the words in ``text[start:end]``;
        None for text that was not read by OCR."""
        return mean_confidence([w for w in self.ocr_words if w.start < end and w.end > start])


@dataclass(frozen=True)
class Sentence:
    """One unit of the article: a sentence, or a heading (the title is the first heading)."""

    id: int
    paragraph: int
    text: str  # exactly as in the original
    heading: bool = False
    start: int = 0  # offset of ``text`` in ``Document.text``
    end: int = 0


@dataclass(frozen=True)
class Article:
    document: Document
    sentences: tuple[Sentence, ...]
    language: str  # "ar" or "en"

    @property
    def title(self) -> str:
        if self.document.title:
            return self.document.title
        for sentence in self.sentences:
            return sentence.text
        return ""


@dataclass(frozen=True)
class Translation:
    text: str
    score: float | None = None  # model log-probability (length-normalised), when available
    cached: bool = False


# The summary algorithms :mod:`talkhis.core.summarize` implements. Named here, in a module
# that imports nothing heavy, so the command line and the window can offer them without
# loading numpy and sumy (which would slow every start of the window).
ALGORITHMS = ("news", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")


@dataclass(frozen=True)
class Summary:
    algorithm: str  # one of ALGORITHMS
    ids: tuple[int, ...]  # selected sentence ids, in document order


@dataclass(frozen=True)
class ModelInfo:
    name: str
    layout: str  # "argos", "opus-mt", "nllb" (or "ctranslate2" for a bare model used by tests)
    path: str
    source_language: str = "ar"
    target_language: str = "en"
    license: str | None = None
    size_bytes: int = 0
    read_only: bool = False
    # Measured on this machine when the model was imported (core/translation/speed.py): the
    # speed of the faster thread split, and that split's parallel batches (inter_threads).
    sentences_per_second: float | None = None
    inter_threads: int = 0
    # Published Arabic→English quality when it is a known model (core/translation/known.py).
    published_quality: str | None = None


@dataclass
class Result:
    """Everything the CLI prints and the window shows for one article."""

    article: Article
    translations: list[Translation | None]  # aligned with article.sentences by id
    summary: Summary | None
    model: ModelInfo | None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Word-by-word English glosses from the lexicon (talkhis.core.lexicon), aligned with
    # article.sentences by id; None when glossing is off. A gloss is not a translation.
    glosses: list[str | None] | None = None
    # People, places and organisations of an Arabic article (talkhis.core.entities.Entity),
    # most frequent first; None when not computed (an English article, no lexicon).
    entities: list | None = None

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.article.sentences

    def translation_of(self, sentence_id: int) -> str | None:
        t = self.translations[sentence_id]
        return t.text if t is not None else None

    def gloss_of(self, sentence_id: int) -> str | None:
        return self.glosses[sentence_id] if self.glosses is not None else None
