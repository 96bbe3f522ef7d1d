"""Entry point of the bundle: `pcf` runs the command line, any other name (`pcf-desk`) the window.

One script for both, so both programs share one archive of Python modules: on Linux and macOS `pcf` is a symbolic
link to `pcf-desk` in the bundle folder (installers/build.py makes it), on Windows a second executable.
"""
import os
import sys


def _program() -> str:
    return os.path.splitext(os.path.basename(sys.argv[0] if sys.argv and sys.argv[0] else sys.executable))[0].lower()


if __name__ == "__main__":
    if _program() == "pcf":
        from core.cli.main import main
    else:
        from desktop.app import main
    sys.exit(main())
