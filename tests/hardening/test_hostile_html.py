"""A page of many thousand runs of text in one container (text, inline, block, text...)
imports in linear time: run as the real CLI in a child process, killed and failed if it
is still running after the time limit (the quadratic reader took minutes)."""

from __future__ import annotations

from pathlib import Path

from tests.hardening.test_hostile_pdf import LIMIT_RSS_MB, run_bounded


def test_a_page_of_many_runs_in_one_container_imports(tmp_path: Path) -> None:
    html = tmp_path / "runs.html"
    html.write_text("<html><body>" + "".join(f"word {k} <span>s</span><div>d</div>"
                                            for k in range(20_000)) + "</body></html>",
                    "utf-8")
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "runs.tarjuman"
    code, err, rss = run_bounded(["project", "new", str(html), "--to", "dari", "-o",
                                  str(out)], home)
    assert code == 0, err
    assert out.exists() and rss < LIMIT_RSS_MB
