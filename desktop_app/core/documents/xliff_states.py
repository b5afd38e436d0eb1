"""How XLIFF states and Tarjuman statuses map onto each other, both ways.

Write (the README has this as a table):

- new -> 1.2 needs-translation; 2.0 initial; Trados: no ``conf``
- MT or TM, not reviewed -> 1.2 needs-review-translation with ``state-qualifier``
  mt-suggestion, fuzzy-match or exact-match; 2.0 initial with ``subState``
  tarjuman:mt-suggestion (fuzzy-match, exact-match); Trados Draft
- edited -> translated; Trados Translated
- confirmed -> final; Trados ApprovedTranslation

memoQ's ``mq:status`` (when the file has it) is read and written too: NotStarted <-> new,
Pretranslated, MachineTranslated, Rejected -> MT (MT -> MachineTranslated),
PartiallyEdited <-> edited, ManuallyConfirmed (Proofread, Reviewer1/2Confirmed) <->
confirmed.

Read: 1.2 new/needs-translation -> new; needs-adaptation,
needs-l10n, needs-review-* -> MT; translated -> edited; signed-off, final or
``approved="yes"`` -> confirmed. 2.0 initial -> new/MT; translated -> edited;
reviewed, final -> confirmed. Trados Draft, RejectedTranslation, RejectedSignOff -> MT;
Translated -> edited; ApprovedTranslation, ApprovedSignOff -> confirmed.

A target the file itself calls untranslated (1.2 new/needs-translation, an explicit 2.0
initial without a Tarjuman ``subState``, memoQ NotStarted), or a copy of the source that
nobody confirmed, is no translation: the segment is read as new and its target is not
taken into the project, so pretranslation fills it. Without a state a target counts as
MT, as before.
"""

from __future__ import annotations

from desktop_app.core.segments import Status

SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ_NS = "MQXliff"  # memoQ's mqxliff: ``mq:status`` on each trans-unit

V1_READ = {"new": Status.NEW, "needs-translation": Status.NEW,
           "needs-adaptation": Status.MT, "needs-l10n": Status.MT,
           "needs-review-adaptation": Status.MT, "needs-review-l10n": Status.MT,
           "needs-review-translation": Status.MT, "translated": Status.EDITED,
           "signed-off": Status.CONFIRMED, "final": Status.CONFIRMED}
V2_READ = {"initial": Status.NEW, "translated": Status.EDITED, "reviewed": Status.CONFIRMED,
           "final": Status.CONFIRMED}
SDL_READ = {"Draft": Status.MT, "RejectedTranslation": Status.MT,
            "RejectedSignOff": Status.MT, "Translated": Status.EDITED,
            "ApprovedTranslation": Status.CONFIRMED, "ApprovedSignOff": Status.CONFIRMED}

MQ_READ = {"NotStarted": Status.NEW, "Pretranslated": Status.MT,
           "MachineTranslated": Status.MT, "Rejected": Status.MT,
           "PartiallyEdited": Status.EDITED, "ManuallyConfirmed": Status.CONFIRMED,
           "Reviewer1Confirmed": Status.CONFIRMED, "Reviewer2Confirmed": Status.CONFIRMED,
           "Proofread": Status.CONFIRMED}
MQ_WRITE = {Status.NEW: "NotStarted", Status.MT: "MachineTranslated",
            Status.EDITED: "PartiallyEdited", Status.CONFIRMED: "ManuallyConfirmed"}

V1_WRITE = {Status.NEW: "needs-translation", Status.MT: "needs-review-translation",
            Status.EDITED: "translated", Status.CONFIRMED: "final"}
V2_WRITE = {Status.NEW: "initial", Status.MT: "initial", Status.EDITED: "translated",
            Status.CONFIRMED: "final"}
SDL_WRITE = {Status.MT: "Draft", Status.EDITED: "Translated",
             Status.CONFIRMED: "ApprovedTranslation"}

ORDER = (Status.NEW, Status.MT, Status.EDITED, Status.CONFIRMED)


def qualifier(origin: str) -> str:
    """The 1.2 state-qualifier of an unreviewed target, from where it came from."""
    if origin.startswith("tm:exact"):
        return "exact-match"
    if origin.startswith("tm:"):
        return "fuzzy-match"
    return "mt-suggestion"


def read_status(has_target: bool, *, v1: str | None = None, v2: str | None = None,
                sdl: str | None = None, mq: str | None = None,
                approved: bool = False) -> Status:
    """The Tarjuman status of a segment as its XLIFF file marks it."""
    status: Status | None = None
    if sdl:
        status = SDL_READ.get(sdl)
    if status is None and mq:
        status = MQ_READ.get(mq)
    if status is None and approved:
        status = Status.CONFIRMED
    if status is None and v1:
        status = V1_READ.get(v1)
    if status is None and v2:
        status = V2_READ.get(v2)
    if status is None:
        status = Status.NEW
    if status is Status.NEW and has_target:
        return Status.MT
    if not has_target:
        return Status.NEW
    return status


UNTRANSLATED_V1 = {"new", "needs-translation"}
OWN_SUBSTATE = "tarjuman:"  # how Tarjuman marks an unreviewed 2.0 target (see V2_WRITE)


def says_untranslated(*, v1: str | None = None, v2: str | None = None,
                      sub_state: str | None = None, mq: str | None = None) -> bool:
    """Whether the file's own state marks a segment's target as not translated yet."""
    if mq:
        return mq == "NotStarted"
    if v1:
        return v1 in UNTRANSLATED_V1
    if v2:
        return v2 == "initial" and not (sub_state or "").startswith(OWN_SUBSTATE)
    return False


def copies_source(source: str, target: str) -> bool:
    """A target that repeats a source with words in it (numbers and codes alone may
    stay as they are in a translation)."""
    text = source.strip()
    return text == target.strip() and any(ch.isalpha() for ch in text)


def weakest(statuses: list[Status]) -> Status:
    """The status of a unit made of several segments: its least finished one."""
    return min(statuses, key=ORDER.index) if statuses else Status.NEW
