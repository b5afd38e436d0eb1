"""The real CLI as a user runs it: install, list, translate, remove, refuse bad models."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from desktop_app.core.resources import sample


def tree(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


def test_install_list_translate_remove(cli, tiny_argos: Path, tiny_nllb: Path, tmp_path: Path,
                                       tarjuman_home: Path) -> None:
    r = cli("models", "install", str(tiny_argos))
    assert r.returncode == 0, r.stderr
    assert "translate-en_fa" in r.stdout
    r = cli("models", "install", str(tiny_nllb))
    assert r.returncode == 0, r.stderr
    assert "CC-BY-NC" in r.stdout
    listed = json.loads(cli("models", "list", "--json").stdout)["local"]
    assert {m["engine"] for m in listed} == {"argos", "nllb"}
    nllb = next(m for m in listed if m["engine"] == "nllb")
    assert ["en", "ps"] in nllb["pairs"] and ["en", "prs"] in nllb["pairs"]

    out = tmp_path / "out.txt"
    src = sample("panjshir.txt")
    r = cli("translate", str(src), "--to", "pashto", "-o", str(out))
    assert r.returncode == 0, r.stderr
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == len(src.read_text("utf-8").splitlines())
    assert any(ch for line in lines for ch in line if "\u0600" <= ch <= "\u06ff")
    assert "translating: " in r.stderr and "\r" not in r.stderr  # a pipe: one plain line

    # Dari goes to NLLB first; forcing argos uses the Persian package, with the note.
    r = cli("translate", str(src), "--to", "dari", "--engine", "argos", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "Persian model: review for Dari usage" in r.stderr

    r = cli("models", "remove", nllb["id"])
    assert r.returncode == 0 and not Path(nllb["path"]).exists()
    r = cli("translate", str(src), "--to", "pashto", "-o", str(tmp_path / "ps.txt"))
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Pashto" in r.stderr and "tarjuman models install" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "ps.txt").exists()


def test_languages_json(cli) -> None:
    r = cli("languages", "--json")
    assert r.returncode == 0
    rows = {row["english_name"]: row for row in json.loads(r.stdout)}
    assert rows["Dari"]["native_name"] == "دری" and rows["Dari"]["direction"] == "rtl"
    assert rows["Pashto"]["native_name"] == "پښتو" and rows["Pashto"]["direction"] == "rtl"


def test_usage_errors_are_one_line(cli) -> None:
    r = cli("translate")
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1
    r = cli("translate", "x.txt", "--to", "klingon", "-o", "y.txt")
    assert r.returncode == 1 and "unknown language 'klingon'" in r.stderr


def _rezip(src: Path, dest: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            result = edit(item.filename, zin.read(item.filename))
            if result is not None:
                zout.writestr(result[0], result[1])
    return dest


def test_bad_model_files_are_refused_and_change_nothing(cli, tiny_argos: Path, tmp_path: Path,
                                                        tarjuman_home: Path) -> None:
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    models = tarjuman_home / "models"
    before = tree(models)

    not_zip = tmp_path / "not-a-zip.argosmodel"
    not_zip.write_bytes(b"this is not a zip file at all")
    no_meta = _rezip(tiny_argos, tmp_path / "no-meta.argosmodel",
                     lambda n, d: None if n.endswith("metadata.json") else (
                         n.replace("translate-en_fa-1_0", "other"), d))
    slip = _rezip(tiny_argos, tmp_path / "slip.argosmodel",
                  lambda n, d: (n.replace("translate-en_fa-1_0", "pkg2"), d))
    with zipfile.ZipFile(slip, "a") as zf:
        zf.writestr("pkg2/../../../escaped.txt", b"gotcha")
    truncated = _rezip(tiny_argos, tmp_path / "truncated.argosmodel",
                       lambda n, d: (n.replace("translate-en_fa-1_0", "pkg3"),
                                     d[: len(d) // 3] if n.endswith("model.bin") else d))
    cut_zip = tmp_path / "cut.argosmodel"
    cut_zip.write_bytes(tiny_argos.read_bytes()[:50_000])

    for bad in (not_zip, no_meta, slip, truncated, cut_zip, tmp_path / "missing.argosmodel"):
        r = cli("models", "install", str(bad))
        assert r.returncode == 1, (bad.name, r.stdout, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "Traceback" not in r.stderr
        assert tree(models) == before, bad.name
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_bad_nllb_folder_refused(cli, tiny_nllb: Path, tmp_path: Path,
                                 tarjuman_home: Path) -> None:
    broken = tmp_path / "broken-nllb"
    shutil.copytree(tiny_nllb, broken)
    data = (broken / "model.bin").read_bytes()
    (broken / "model.bin").write_bytes(data[: len(data) // 2])
    r = cli("models", "install", str(broken))
    assert r.returncode == 1 and "not a usable NLLB-200 model" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not any((tarjuman_home / "models" / "nllb").iterdir())


def test_nllb_installs_from_zip(cli, tiny_nllb: Path, tmp_path: Path) -> None:
    archive = shutil.make_archive(str(tmp_path / "nllb-zip"), "zip", tiny_nllb.parent,
                                  tiny_nllb.name)
    r = cli("models", "install", archive)
    assert r.returncode == 0, r.stderr
    listed = json.loads(cli("models", "list", "--json").stdout)["local"]
    assert [m["id"] for m in listed] == ["nllb-zip"]


def test_online_commands_fail_fast_offline(cli) -> None:
    # A dead loopback port stands in for an unreachable index.
    env = {"ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}
    for args in (("models", "available"), ("models", "download", "en", "dari")):
        r = cli(*args, extra_env=env, timeout=30)
        assert r.returncode == 1, r.stderr
        assert "cannot reach" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_no_files_under_home(tiny_argos: Path, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    fake_home = tmp_path / "home"
    fake_home.mkdir()
    data = tmp_path / "data"
    env = {"HOME": str(fake_home)}
    assert run_cli("models", "install", str(tiny_argos), home=data, extra_env=env).returncode == 0
    out = tmp_path / "o.txt"
    r = run_cli("translate", str(sample("panjshir.txt")), "--to", "dari", "-o", str(out),
                home=data, extra_env=env)
    assert r.returncode == 0, r.stderr
    assert list(fake_home.iterdir()) == []
    assert (data / "logs" / "tarjuman.log").exists()


def test_editor_without_a_display_says_so(cli) -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    r = cli(extra_env=env)
    assert r.returncode == 1 and "no display" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = cli(str(sample("panjshir.txt")), extra_env=env)  # `tarjuman FILE`
    assert r.returncode == 1 and "no display" in r.stderr
    r = cli("missing-file.docx", extra_env=env)
    assert r.returncode == 1 and "no such file" in r.stderr
