"""Markdown through markdown-it-py: structure found by the parser, markup kept on export."""

from __future__ import annotations

import pytest

from desktop_app.core.documents.base import DocumentError, strip_tags
from desktop_app.core.documents.markdown import Markdown

DOC = """---
title: Panjshir report
tags: [afghanistan]
---

Resistance in Panjshir
======================

Fighters *loyal to **Ahmad Massoud** and his* allies moved at night.
They read [the UN report](https://example.org/report?id=7 "UN") again.

- Displaced people: more than
  800,000 this year
- In need: *23 million*

> A shopkeeper said
> the valley was quiet.

```python
print("not *translated*")
```

    indented code stays

| Province | Families |
|---|---|
| Panjshir | *1,200* |

## The valley's history ##
Autolink <https://example.org> and `code *x*` and ![map](map.png) here.
"""


def blocks() -> dict[str, object]:
    return {b.id: b for b in Markdown().load(DOC.encode(), "r.md").blocks}


def test_structure_comes_from_the_parser() -> None:
    found = Markdown().load(DOC.encode(), "r.md").blocks
    kinds = [(b.kind, strip_tags(b.text)) for b in found]
    assert kinds == [
        ("h1", "Resistance in Panjshir"),  # setext
        ("p", "Fighters loyal to Ahmad Massoud and his allies moved at night. They read "
              "the UN report again."),
        ("li", "Displaced people: more than 800,000 this year"),  # two lines, one item
        ("li", "In need: 23 million"),
        ("quote", "A shopkeeper said the valley was quiet."),
        ("cell", "Province"), ("cell", "Families"), ("cell", "Panjshir"), ("cell", "1,200"),
        ("h2", "The valley's history"),
        ("p", "Autolink  and  and  here."),
    ]
    text = " ".join(b.text for b in found)
    for untranslated in ("title:", "print(", "indented code", "example.org", "map.png"):
        assert untranslated not in text
    # nested emphasis: a pair inside a pair
    assert found[1].text.startswith("Fighters ⟨1⟩loyal to ⟨2⟩Ahmad Massoud⟨/2⟩ and his⟨/1⟩")


def test_export_keeps_markup_code_links_and_front_matter() -> None:
    found = Markdown().load(DOC.encode(), "r.md").blocks
    targets = {b.id: "ت " + b.text for b in found}
    out = Markdown().save(DOC.encode(), "r.md", targets, "prs").decode()
    assert out.startswith("---\ntitle: Panjshir report\ntags: [afghanistan]\n---\n")
    assert "ت Resistance in Panjshir\n======================" in out
    assert "ت Fighters *loyal to **Ahmad Massoud** and his* allies" in out
    assert '[the UN report](https://example.org/report?id=7 "UN")' in out
    assert "- ت Displaced people: more than 800,000 this year\n- ت In need: *23 million*" in out
    assert "> ت A shopkeeper said the valley was quiet." in out
    assert '```python\nprint("not *translated*")\n```' in out
    assert "    indented code stays" in out
    assert "| ت Panjshir | ت *1,200* |" in out
    assert "## ت The valley's history ##" in out
    assert "<https://example.org>" in out and "`code *x*`" in out and "![map](map.png)" in out
    again = Markdown().load(out.encode(), "out.md").blocks
    assert [b.kind for b in again] == [b.kind for b in found]
    assert [b.text for b in again] == [targets[b.id] for b in found]


def test_untranslated_export_is_the_original() -> None:
    assert Markdown().save(DOC.encode(), "r.md", {}, "prs").decode() == DOC


def test_text_that_looks_like_markup_is_escaped() -> None:
    data = b"A plain line.\n"
    out = Markdown().save(data, "a.md", {"L0": "2*3 and [x] and snake_case _x_"}, "prs")
    assert out.decode() == "2\\*3 and \\[x\\] and snake_case \\_x\\_\n"
    assert strip_tags(Markdown().load(out, "a.md").blocks[0].text) == (
        "2*3 and [x] and snake_case _x_")


def test_long_lines_with_emphasis_are_linear() -> None:
    # 90 KB of "*" on one line took 66 s with the old regular expressions
    line = ("*a " * 30_000).encode()
    assert len(Markdown().load(line, "long.md").blocks) == 1
    # a generated 5 MB line: refused at once, before its inline markup is parsed
    huge = ("*a " * 1_700_000).encode()
    with pytest.raises(DocumentError) as err:
        Markdown().load(huge, "huge.md")
    assert "limit" in str(err.value) and "\n" not in str(err.value)
    # 5 MB of ordinary paragraphs full of markup load in linear time: `make bench`
