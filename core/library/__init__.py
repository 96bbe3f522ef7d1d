"""Emission-factor libraries shipped with the app (see `core.library.builtin`)."""
