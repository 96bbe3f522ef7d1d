"""PCF Desk never touches the network: a whole study (import, compute, report, package, PACT, factor search) runs
with every network function of Python's socket module patched to fail, and the installed app's self-test passes."""
from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from builders import simple_workbook

from core.cli.main import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[:2]}")
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                 "getnameinfo", "create_server", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    for method in ("connect", "connect_ex", "bind", "sendto", "listen"):
        monkeypatch.setattr(socket.socket, method, refuse)


def test_a_whole_study_without_network(no_network, tmp_path, capsys):
    project = tmp_path / "p.pcfdesk"
    assert main(["demo", "--out", str(tmp_path / "demo")]) == 0
    assert main(["import", str(simple_workbook(tmp_path / "w.xlsx")), "--project", str(project)]) == 0
    (tmp_path / "f.csv").write_text("编号,名称,排放因子,单位\nX,钢板,2.1,kgCO2e/kg\n", encoding="utf-8")
    assert main(["factors", "import", str(tmp_path / "f.csv"), "--project", str(project)]) == 0
    assert main(["factors", "search", "钢板", "--project", str(project), "--json"]) == 0
    demo = tmp_path / "demo" / "demo.pcfdesk"
    assert main(["compute", str(demo), "--json"]) == 0
    assert main(["report", str(demo), "--product", "WIN-60", "--out", str(tmp_path / "out"), "--draft"]) == 0
    assert main(["package", str(demo), "--product", "WIN-60", "--out", str(tmp_path / "w.zip"), "--draft"]) == 0
    assert main(["verify", str(tmp_path / "w.zip")]) == 0
    assert main(["export-pact", str(demo), "--product", "AL-PROFILE", "--out", str(tmp_path / "a.json")]) == 0
    capsys.readouterr()


def test_the_fixture_really_blocks_the_network(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80), timeout=1)


@pytest.mark.slow
def test_self_test_of_the_installed_app():
    done = subprocess.run([sys.executable, "-m", "desktop", "--self-test"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert [line.split()[0] for line in done.stdout.splitlines() if line[:4] in ("ok  ", "FAIL")] == ["ok"] * 5
