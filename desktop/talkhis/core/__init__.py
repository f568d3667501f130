"""The Qt-free heart of Talkhis: read, segment, normalise, translate, summarise, store.

Nothing under this package may import Qt; the window in ``talkhis.ui`` and the command line in
``talkhis.cli`` both drive the same functions in :mod:`talkhis.core.pipeline`.
"""
