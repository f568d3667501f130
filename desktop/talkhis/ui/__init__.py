"""The desktop window (PySide6). Displays what ``talkhis.core`` produces and forwards user intent.

- :mod:`.app` — ``run()``: the QApplication, excepthook, Qt log routing, ``--screenshot``.
- :mod:`.tasks` — the one task runner: core calls in thread pools, results back as signals.
- :mod:`.session` — one opened article: which jobs run for it and what they produced.
- :mod:`.main_window` — the window: layout, opening an article, settings, dialogs; wires sessions to the panes.
- :mod:`.window_actions` — the actions and menus, when each is enabled; pane visibility, text size.
- :mod:`.reports` — export (Markdown, text) and copy to the clipboard: what leaves the app.
- :mod:`.recent_files` — File › Open recent.
- :mod:`.attachments` — an e-mail's attachments: the menu, the status-bar button, opening one.
- :mod:`.text_views`, :mod:`.summary_view` — the linked panes (Arabic source, English translation,
  summary bullets); :mod:`.notices` — the empty state and the no-model banner.
- :mod:`.lookup` — word lookup over the Arabic text and the word-by-word gloss panel.
- :mod:`.models_dialog` — list, import, remove installed translation models.
- :mod:`.pyside_refcounts` — keeps PySide6 6.12's reference leak from aborting CPython 3.11.
"""

from talkhis.ui import pyside_refcounts

pyside_refcounts.apply()
