"""The grid filter in the core: folded Arabic-script matching, plain and regex text,
origins, notes and QA, and how fast a keystroke refilters 10,000 segments."""

from __future__ import annotations

import time

import pytest

from desktop_app.core.errors import InputError
from desktop_app.core.grid_filter import GridFilter, origin_group
from desktop_app.core.segments import Segment, Status


class Rows:
    """What the filter reads of a session: its segments, findings and status filter."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.findings = {1: ["a finding"]}

    def matches_filter(self, row: int, mode: str) -> bool:
        return mode == "all" or self.segments[row].status.value == mode


def _seg(n: int, source: str, target: str, status: Status, origin: str,
         note: str = "") -> Segment:
    return Segment(n, "b", n, source, target, status, origin, note=note)


ROWS = Rows([
    _seg(1, "The governor of ⟨1⟩Kabul⟨/1⟩ spoke.", "والی كابل سخن گفت.", Status.MT,
         "mt:argos:en-fa"),
    _seg(2, "Schools opened.", "مکتب‌ها باز شد.", Status.MT, "tm:exact", note="check"),
    _seg(3, "Kabul is the capital.", "کابل پایتخت است.", Status.EDITED, "user"),
    _seg(4, "Roads.", "سرک‌ها.", Status.MT, "propagated:1"),
    _seg(5, "A line.", "", Status.NEW, ""),
])


def _rows(**kw: object) -> list[int]:
    return GridFilter(**kw).rows(ROWS)  # type: ignore[arg-type]


def test_text_modes_and_sides() -> None:
    assert _rows(text="کابل", side="target") == [0, 2]  # Arabic kaf folded
    assert _rows(text="کابل", side="target", mode="contains") == [2]
    assert _rows(text="مکتب ها") == [1]  # half-space or space alike
    assert _rows(text="kabul", side="source") == [0, 2]  # tags are not text
    assert _rows(text="kabul", side="target") == []
    assert _rows(text=r"^(Schools|Roads)", mode="regex") == [1, 3]


def test_origins_notes_qa_and_status_combine() -> None:
    assert [origin_group(s) for s in ROWS.segments] == ["mt", "tm", "user", "propagated", ""]
    assert _rows(origin="mt") == [0]
    assert _rows(notes_only=True) == [1]
    assert _rows(qa_only=True) == [1]
    assert _rows(status="mt", text="کابل") == [0]
    assert _rows(status="edited", text="کابل") == [2]
    assert not GridFilter().active and GridFilter(origin="tm").active


def test_bad_input_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="regular expression"):
        GridFilter(text="(", mode="regex")
    with pytest.raises(InputError, match="Unknown filter"):
        GridFilter(origin="robot")


def test_a_keystroke_refilters_10000_segments_quickly() -> None:
    rows = Rows([_seg(n, f"The governor spoke on day {n} about the roads.",
                      f"والی در روز {n} دربارهٔ سرک‌های كابل سخن گفت.", Status.MT, "mt:x")
                 for n in range(10_000)])
    GridFilter(text="کابل").rows(rows)  # the first pass folds every text once
    start = time.perf_counter()
    assert len(GridFilter(text="کابل س").rows(rows)) == 10_000
    assert time.perf_counter() - start < 0.5
