"""Tagged text back into an XML/HTML element: one walker for every format that writes
inline tags as elements (HTML inline elements, XLIFF pc/ph, TMX ph)."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from desktop_app.core.documents.base import TAG
from desktop_app.core.xmlsafe import append_text

# make(number, paired) -> the element to add for that tag, or None to drop the tag.
MakeElement = Callable[[int, bool], "etree._Element | None"]


def fill(parent: etree._Element, text: str, make: MakeElement,
         close: Callable[[int], etree._Element | None] | None = None) -> set[int]:
    """Append ``text`` to ``parent``: plain runs as text/tails, ``⟨n⟩…⟨/n⟩`` as the element
    ``make(n, True)`` holding what is between (or, when it comes back with content of its
    own, followed by ``close(n)`` where the pair ends, as TMX bpt/ept), ``⟨n/⟩`` as
    ``make(n, False)``. Returns the tag numbers that were placed."""
    stack = [parent]
    placed: set[int] = set()

    def put(value: str) -> None:
        append_text(stack[-1], value)

    pos = 0
    for m in TAG.finditer(text):
        put(text[pos:m.start()])
        pos = m.end()
        closing, number, solo = m.group(1), int(m.group(2)), bool(m.group(3))
        if closing:
            if close is not None:
                end = close(number)
                if end is not None:
                    stack[-1].append(end)
            elif len(stack) > 1:
                stack.pop()
            continue
        element = make(number, not solo)
        if element is None:
            continue
        placed.add(number)
        stack[-1].append(element)
        if not solo and not len(element) and element.text is None:
            stack.append(element)
    put(text[pos:])
    return placed
