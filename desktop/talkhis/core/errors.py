"""Expected failures, each with a message a user can act on and a CLI exit code.

The command line prints ``str(error)`` as one line; the window shows it once in a dialog or the
status bar. Anything that is not a :class:`TalkhisError` is a bug and goes to the excepthook.
"""

from __future__ import annotations


class TalkhisError(Exception):
    """Base class: ``str(self)`` is the one line shown to the user."""

    exit_code = 1


class UsageError(TalkhisError):
    """The command was called wrongly (bad option value)."""

    exit_code = 2


class InputError(TalkhisError):
    """An article could not be read: missing, empty, binary, undecodable, too large..."""

    exit_code = 3


class ModelError(TalkhisError):
    """A translation model is unknown, corrupt, of an unrecognised layout or fails to load."""

    exit_code = 4


class Cancelled(TalkhisError):
    """The user cancelled a running job; the partial work done so far is kept by the caller."""

    exit_code = 130
