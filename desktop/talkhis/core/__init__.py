"""The Qt-free heart of Talkhis: read, segment, normalise, translate, summarise, store.

Nothing under this package may import Qt; the window in ``talkhis.ui`` and the command line in
``talkhis.cli`` both run the same :class:`talkhis.core.job.ArticleJob` (whose steps are in
:mod:`talkhis.core.pipeline`). docs/ARCHITECTURE.md follows one article through it.
"""
