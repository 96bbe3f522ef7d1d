"""`pcf check` and `pcf restore`: is a project file whole, and put a good copy back.

`check` runs SQLite's full integrity check (the one every open runs) and names the newest automatic backup when the
file is damaged; `restore` puts a copy back, keeping the damaged file beside it. Exit 0 when whole (or restored),
2 when damaged or refused.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from core.i18n import tr


def register(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check", help=tr("cli.help.check"))
    check.add_argument("project", type=Path)
    check.set_defaults(run=check_command)
    restore = sub.add_parser("restore", help=tr("cli.help.restore"))
    restore.add_argument("project", type=Path)
    restore.add_argument("backup", type=Path)
    restore.set_defaults(run=restore_command)


def check_command(args: argparse.Namespace) -> int:
    from core.project import check_project
    result = check_project(args.project)
    if result.whole:
        print(tr("cli.check_ok", path=str(result.path), backups=len(result.backups)))
        return 0
    print(tr("cli.check_damaged", path=str(result.path), count=len(result.problems)))
    for line in result.problems[:20]:
        print(f"  - {line}")
    if result.backups:
        newest = result.backups[0]
        print(tr("cli.check_restore", backup=str(newest.path), made=f"{newest.made:%Y-%m-%d %H:%M}",
                 path=str(result.path)))
    else:
        print(tr("cli.check_no_backup"))
    return 2


def restore_command(args: argparse.Namespace) -> int:
    from core.project import restore_project
    kept = restore_project(args.project, args.backup)
    print(tr("cli.restored", path=str(args.project), backup=str(args.backup),
             kept=str(kept) if kept else "-"))
    return 0
