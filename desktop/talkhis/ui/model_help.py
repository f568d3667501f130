"""Help › Getting a model: where an Arabic→English model comes from and how to import it.

The same help as ``models/README.md`` in the source tree, inside the app (an installed copy has
no README). Commands and names stay in English; the prose is translated like the rest.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

ARGOS_INDEX = "https://github.com/argosopentech/argospm-index"
OPUS_CONVERT = ("pip install ctranslate2 transformers[sentencepiece] torch\n"
                "ct2-transformers-converter --model Helsinki-NLP/opus-mt-ar-en --quantization int8 \\\n"
                "    --copy_files source.spm target.spm --output_dir opus-mt-ar-en")
NLLB_CONVERT = ("ct2-transformers-converter --model facebook/nllb-200-distilled-600M --quantization int8 \\\n"
                "    --copy_files sentencepiece.bpe.model --output_dir nllb-200-distilled-600M")
CLI_IMPORT = ("talkhis models import translate-ar_en-1_0.argosmodel\n"
              "talkhis models import opus-mt-ar-en\n"
              "talkhis models list\n"
              "talkhis models default opus-mt-ar-en")


def _code(text: str) -> str:
    return f'<pre dir="ltr">{html.escape(text)}</pre>'


class ModelHelp(QDialog):
    """The help text in a dialog that can stay open beside the Models dialog."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ModelHelp")
        self.setWindowTitle(self.tr("Getting a translation model"))
        self.resize(720, 620)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # offline: a link is text to copy, never opened
        self.browser.setOpenLinks(False)
        self.browser.setHtml(self.text_html())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(close)

    def text_html(self) -> str:
        tr = self.tr
        # Each paragraph in the interface's direction: an Arabic one that starts with a name such as
        # "Argos Translate" must not turn left to right.
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        parts = [
            "<h3>" + tr("Getting a translation model") + "</h3>",
            "<p>" + tr("Talkhis translates with an Arabic→English CTranslate2 model. None ships with Talkhis and "
                       "Talkhis never goes online: fetch a model on a connected computer, carry the file over "
                       "(USB stick, shared folder) and import it here. Without a model, Talkhis still shows "
                       "word-by-word glosses from its lexicon.") + "</p>",
            "<h4>" + tr("Where to get one") + "</h4>",
            "<p><b>" + tr("Argos Translate, Arabic→English (about 78 MB; the simplest)") + "</b><br>"
            + tr("The file translate-ar_en-….argosmodel, linked from index.json in the Argos Translate "
                 "package index below. Import the file as it is.") + "</p>" + _code(ARGOS_INDEX),
            "<p><b>" + tr("OPUS-MT, Helsinki-NLP/opus-mt-ar-en (CC-BY-4.0, about 80 MB)") + "</b><br>"
            + tr("Converted to CTranslate2 on a connected computer with Python:") + "</p>" + _code(OPUS_CONVERT)
            + "<p>" + tr("Then import the folder opus-mt-ar-en.") + "</p>",
            "<p><b>" + tr("NLLB-200 distilled 600M (CC-BY-NC-4.0: non-commercial use only; about 620 MB)")
            + "</b><br>" + tr("Converted the same way:") + "</p>" + _code(NLLB_CONVERT),
            "<h4>" + tr("How to import it") + "</h4>",
            "<p>" + tr("Models › Manage models… (Ctrl+Shift+M), then <b>Import file…</b> for an .argosmodel or "
                       ".zip file, or <b>Import folder…</b> for a converted folder. The import checks that the "
                       "model loads and translates a sentence before it is installed. <b>Set default</b> "
                       "chooses the model that translates; an open article is translated at once.") + "</p>",
            "<p>" + tr("From the command line:") + "</p>" + _code(CLI_IMPORT),
        ]
        text = "\n".join(parts)
        for tag in ("h3", "h4", "p"):
            text = text.replace(f"<{tag}>", f'<{tag} dir="{"rtl" if rtl else "ltr"}">')
        return text


__all__ = ["ModelHelp"]
