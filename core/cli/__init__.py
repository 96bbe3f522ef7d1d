"""The `pcf` command line: every capability of the engine, for scripts, consultants and CI."""
