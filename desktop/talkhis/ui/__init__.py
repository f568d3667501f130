"""The desktop window (PySide6). Displays what ``talkhis.core`` produces and forwards user intent.

- :mod:`.app` — ``run()``: the QApplication, excepthook, Qt log routing, ``--screenshot``.
- :mod:`.tasks` — the one task runner: core calls in thread pools, results back as signals.
- :mod:`.session` — one opened article: which jobs run for it and what they produced.
- :mod:`.main_window` — menus, actions, settings, dialogs; wires sessions to the panes.
- :mod:`.panes` — the linked text views (Arabic source, English translation, summary bullets).
- :mod:`.models_dialog` — list, import, remove installed translation models.
- :mod:`.pyside_refcounts` — keeps PySide6 6.12's reference leak from aborting CPython 3.11.
"""

from talkhis.ui import pyside_refcounts

pyside_refcounts.apply()
