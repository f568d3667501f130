"""Entry point of the frozen app (PyInstaller runs this file as ``__main__``): the ``talkhis`` command."""

import multiprocessing

from talkhis.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a no-op unless a library starts worker processes
    raise SystemExit(main())
