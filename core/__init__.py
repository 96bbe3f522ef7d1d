"""PCF Desk engine: everything the application can do, without any GUI.

`core` never imports Qt (checked by import-linter, see pyproject.toml); the desktop GUI and the `pcf` CLI are two
front ends over the same functions.
"""

__version__ = "0.1.0"
