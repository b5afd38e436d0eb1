"""QA that signs off, through the real CLI: severities in --json, ignoring a finding (kept
in the project, back when the segment changes), the reviewer's HTML/CSV report, shared
profiles, and ``project export --strict``."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

Cli = Callable[..., CompletedProcess[str]]

SOURCE = ("800 families fled on Monday.\n\n"
          "The talks in Doha.\n\n"
          "The talks in Doha.\n\n"
          "Write to info@un.org today.\n\n"
          "Nothing here yet.\n")


@pytest.fixture
def project(cli: Cli, tmp_path: Path) -> Path:
    doc = tmp_path / "report.txt"
    doc.write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "report.tarjuman"
    assert cli("project", "new", str(doc), "--to", "dari", "-o", str(path)).returncode == 0
    for n, text in ((1, "۷۰۰ خانواده روز دوشنبه فرار کردند."), (2, "مذاکرات در دوحه."),
                    (3, "گفتگوها در دوحه."), (4, "امروز به info@un.org بنویسید.")):
        assert cli("project", "edit", str(path), str(n), text).returncode == 0
    return path


def findings(cli: Cli, project: Path) -> list[dict[str, object]]:
    done = cli("qa", str(project), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_every_finding_has_code_and_severity(cli: Cli, project: Path) -> None:
    found = findings(cli, project)
    assert all(f["code"] and f["severity"] in ("error", "warning", "note") for f in found)
    got = {(f["segment_id"], f["code"], f["severity"]) for f in found}
    assert (1, "numbers", "error") in got
    assert {(2, "inconsistent-target", "warning"), (3, "inconsistent-target", "warning")} <= got
    assert (5, "empty", "warning") in got
    assert not any(f["segment_id"] == 4 for f in found)  # the e-mail is kept: no finding


def test_strict_export_refuses_with_the_list_then_ignore_lets_it_through(
        cli: Cli, project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    refused = cli("project", "export", str(project), "-o", str(out), "--strict")
    assert refused.returncode != 0 and not out.exists()
    lines = refused.stderr.strip().splitlines()
    # (the English command line prints no invisible bidi isolates around the numbers)
    assert lines[0] == "segment 1: error: numbers: numbers differ: missing 800, extra 700"
    assert lines[1] == "segment 5: untranslated"
    assert "1 open QA error and 1 untranslated segment" in lines[-1]
    assert "Traceback" not in refused.stderr

    assert cli("qa", "ignore", str(project), "1", "numbers").returncode == 0
    assert cli("project", "edit", str(project), "5", "هنوز هیچ چیزی نیست.").returncode == 0
    done = cli("project", "export", str(project), "-o", str(out), "--strict")
    assert done.returncode == 0, done.stderr
    assert "۷۰۰ خانواده" in out.read_text(encoding="utf-8")

    # kept in the project with who and when, across processes and the export
    numbers = [f for f in findings(cli, project) if f["code"] == "numbers"]
    assert numbers[0]["ignored"] is True and numbers[0]["ignored_by"]
    assert numbers[0]["ignored_at"] > 0  # type: ignore[operator]
    text = cli("qa", str(project)).stdout
    assert "numbers" not in text and "1 ignored finding not shown" in text

    # the segment changes: the finding is back, and the strict export refuses again
    assert cli("project", "edit", str(project), "1", "۶۰۰ خانواده فرار کردند.").returncode == 0
    back = [f for f in findings(cli, project) if f["code"] == "numbers"]
    assert back[0]["ignored"] is False
    assert cli("project", "export", str(project), "-o", str(out), "--strict").returncode != 0


def test_ignore_refuses_what_is_not_there(cli: Cli, project: Path) -> None:
    for args, words in ((("4", "numbers"), "Segment 4 has no numbers finding"),
                        (("99", "numbers"), "There is no segment 99"),
                        (("1", "no-such-check"), "unknown check"),
                        (("x", "numbers"), "not a segment number")):
        done = cli("qa", "ignore", str(project), *args)
        assert done.returncode != 0 and words in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert cli("qa", "unignore", str(project), "1", "numbers").returncode != 0
    assert cli("qa", "ignore", str(project), "1", "numbers").returncode == 0
    assert cli("qa", "unignore", str(project), "1", "numbers").returncode == 0
    assert [f["ignored"] for f in findings(cli, project) if f["code"] == "numbers"] == [False]


def test_html_and_csv_report_for_a_reviewer(cli: Cli, project: Path, tmp_path: Path) -> None:
    assert cli("qa", "ignore", str(project), "2", "inconsistent-target").returncode == 0
    page, table = tmp_path / "qa.html", tmp_path / "qa.csv"
    done = cli("qa", str(project), "--html", str(page), "--csv", str(table))
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert '<td lang="fa-AF" dir="rtl">۷۰۰ خانواده روز دوشنبه فرار کردند.</td>' in html
    headings = re.findall(r'<h2 id="([a-z-]+)">', html)
    assert headings[0] == "numbers"  # errors first, one section per check
    assert set(headings) == {"numbers", "empty", "inconsistent-target"}
    assert "ignored by" in html
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert {r["check"] for r in rows} == set(headings)
    ignored = [r for r in rows if r["ignored_by"]]
    assert [(r["segment"], r["check"]) for r in ignored] == [("2", "inconsistent-target")]
    assert rows[0]["severity"] == "error" and rows[0]["source"].startswith("800 families")


def test_shared_profile_changes_severities(cli: Cli, project: Path, tmp_path: Path) -> None:
    shared = tmp_path / "agency.json"
    assert cli("qa", "profile", "export", str(project), str(shared)).returncode == 0
    data = json.loads(shared.read_text(encoding="utf-8"))
    data["name"] = "Agency"
    data["severities"]["numbers"] = "note"
    data["severities"]["empty"] = "off"
    data["word_list"] = ["گفتگوها"]
    shared.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = cli("qa", "profile", "import", str(project), str(shared))
    assert done.returncode == 0 and "Agency" in done.stdout
    got = {(f["segment_id"], f["code"], f["severity"]) for f in findings(cli, project)}
    assert (1, "numbers", "note") in got and not any(c == "empty" for _s, c, _v in got)
    assert (3, "word-list", "warning") in got
    broken = tmp_path / "broken.json"
    broken.write_text('{"tarjuman_qa_profile": 1, "regex": [{"pattern": "("}]}')
    bad = cli("qa", "profile", "import", str(project), str(broken))
    assert bad.returncode != 0 and "not a valid regular expression" in bad.stderr
    assert (1, "numbers", "note") in {(f["segment_id"], f["code"], f["severity"])
                                      for f in findings(cli, project)}


def test_xliff_maxwidth_in_characters_is_a_length_limit(cli: Cli, tmp_path: Path) -> None:
    xlf = tmp_path / "ui.xlf"
    xlf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="ui" source-language="en" target-language="fa-AF" datatype="plaintext">'
        '<body><trans-unit id="title" maxwidth="12" size-unit="char">'
        "<source>Save the file</source></trans-unit>"
        '<trans-unit id="pixels" maxwidth="12" size-unit="pixel">'
        "<source>Open the file</source></trans-unit>"
        "</body></file></xliff>", encoding="utf-8")
    path = tmp_path / "ui.tarjuman"
    assert cli("project", "new", str(xlf), "--to", "dari", "-o", str(path)).returncode == 0
    for n in (1, 2):
        assert cli("project", "edit", str(path), str(n),
                   "فایل را در کمپیوتر ذخیره کنید").returncode == 0
    # the file's own limit is the length-limit check (characters only, not pixels)
    length = [f for f in findings(cli, path) if f["code"] == "length-limit"]
    assert [f["segment_id"] for f in length] == [1] and "12" in length[0]["message"]
