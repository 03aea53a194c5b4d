"""Every labelled text the analyzer is trained on, read from its sources, in a fixed order.

Sources (``Row.source``):

- ``shared``: ``../shared/data/markers_train.jsonl``, the labelled snippets given to the project.
- ``handwritten``: ``training/handwritten/*.txt``, the project's own snippets.
- ``crisis_statements``: ``training/handwritten/crisis_statements.jsonl``.
- ``generated``: templated snippets (``training/templates.py``), built here, never written out.
- ``check``: crisis check files 1 to 4 (``training/fresh_crisis_check*.jsonl``). Each was
  unseen once, measured once and then became development data (docs/analyzer-accuracy.md).
- ``goemotions``: the 43,410 real Reddit comments of GoEmotions' train split (CC BY 4.0,
  ``training/GOEMOTIONS.md``), ordinary text for every head, except the comments relabelled
  by hand in ``training/goemotions_relabels.jsonl`` (crisis) and
  ``goemotions_marker_relabels.jsonl`` (clear markers).

Never read here: ``markers_dev.jsonl``, GoEmotions' dev split (thresholds are chosen on it,
``training.analyzer``) and test split (reported once per release, ``bench/real_text.py``),
and ``training/fresh_crisis_check_5.jsonl`` / ``fresh_markers_check.jsonl`` (unseen checks).

One in ten snippets of the shared and hand-written sets, fixed by the text's CRC-32, is held
out altogether and written to ``training/holdout.jsonl`` for the quality-floor test.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from training.manifest import ROOT, SHARED
from training.templates import generated, read_handwritten

if TYPE_CHECKING:
    from pathlib import Path

TRAINING = ROOT / "training"
HOLDOUT = TRAINING / "holdout.jsonl"
CHECK_FILES = tuple(
    TRAINING / f"fresh_crisis_check{suffix}.jsonl" for suffix in ("", "_2", "_3", "_4")
)
GOEMOTIONS = SHARED / "goemotions"
HOLD_OUT_SOURCES = frozenset({"shared", "handwritten"})


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled text."""

    text: str
    labels: frozenset[str]
    subject: str
    source: str
    id: str = ""


def read_jsonl(path: Path, source: str) -> list[Row]:
    """Rows of a JSON-lines file with ``text``, ``labels`` and (optionally) ``subject``."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            rows.append(
                Row(
                    text=str(data["text"]),
                    labels=frozenset(data.get("labels", [])),
                    subject=str(data.get("subject", "self")),
                    source=source,
                    id=str(data.get("id", "")),
                )
            )
    return rows


def goemotions(split: str) -> list[Row]:
    """A GoEmotions split as rows, every label empty (the emotion labels are not markers)."""
    rows = []
    for line in (GOEMOTIONS / f"{split}.tsv").read_text("utf-8").splitlines():
        text, _, comment_id = line.split("\t")
        rows.append(Row(text, frozenset(), "self", "goemotions", comment_id))
    return rows


_AMBIGUOUS = re.compile(r"^- `(train|dev)` `(\w+)`:", re.MULTILINE)


def left_out_since(split: str, version: str) -> frozenset[str]:
    """The ambiguous comments GOEMOTIONS.md lists as left out since ``version`` ("(3.8)")."""
    notes = (TRAINING / "GOEMOTIONS.md").read_text("utf-8")
    return frozenset(
        i
        for line in notes.splitlines()
        if line.endswith(f"({version})")
        for s, i in _AMBIGUOUS.findall(line)
        if s == split
    )


def left_out(split: str) -> frozenset[str]:
    """Comments neither crisis nor ordinary: the ambiguous ones listed in GOEMOTIONS.md and
    crisis wording read as exaggeration (``hyperbole``): trained on as neither."""
    notes = (TRAINING / "GOEMOTIONS.md").read_text("utf-8")
    ids = {i for s, i in _AMBIGUOUS.findall(notes) if s == split}
    for line in (TRAINING / "goemotions_relabels.jsonl").read_text("utf-8").splitlines():
        if line.strip() and (data := json.loads(line))["split"] == split and data["hyperbole"]:
            ids.add(data["id"])
    return frozenset(ids)


def relabelled(rows: list[Row], split: str, keep: frozenset[str] = frozenset()) -> list[Row]:
    """GoEmotions rows with the project's hand relabels applied (crisis, then clear markers),
    without the comments ``left_out`` (but those in ``keep``)."""
    skip = left_out(split) - keep
    rows = [r for r in rows if r.id not in skip]
    labels: dict[str, tuple[frozenset[str], str]] = {}
    for name in ("goemotions_relabels.jsonl", "goemotions_marker_relabels.jsonl"):
        path = TRAINING / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                if data["split"] == split:
                    known = labels.get(data["id"], (frozenset(), "self"))[0]
                    labels[data["id"]] = (
                        known | frozenset(data["labels"]),
                        str(data.get("subject", "self")),
                    )
    return [
        Row(r.text, labels[r.id][0], labels[r.id][1], r.source, r.id) if r.id in labels else r
        for r in rows
    ]


def is_held_out(row: Row) -> bool:
    """One in ten snippets of the shared and hand-written sets, fixed by the text's CRC-32."""
    return row.source in HOLD_OUT_SOURCES and zlib.crc32(row.text.encode("utf-8")) % 10 == 0


def _row(raw: dict[str, object], source: str) -> Row:
    labels = raw["labels"]
    assert isinstance(labels, list)
    return Row(str(raw["text"]), frozenset(str(x) for x in labels), str(raw["subject"]), source)


def project_rows() -> list[Row]:
    """The project's own and the shared labelled snippets (journal style), in a fixed order."""
    rows = read_jsonl(SHARED / "markers_train.jsonl", "shared")
    rows += [_row(r, "handwritten") for r in read_handwritten()]
    rows += read_jsonl(TRAINING / "handwritten" / "crisis_statements.jsonl", "crisis_statements")
    rows += [_row(r, "generated") for r in generated()]
    for path in CHECK_FILES:
        rows += read_jsonl(path, "check")
    return rows


def training_rows() -> tuple[list[Row], list[Row]]:
    """(rows to train on, held-out rows): project snippets, then GoEmotions' train split."""
    project = project_rows()
    held = [r for r in project if is_held_out(r)]
    kept = [r for r in project if not is_held_out(r)]
    return kept + relabelled(goemotions("train"), "train"), held


def write_holdout(rows: list[Row]) -> None:
    """The held-out slice, for tests/analysis/test_quality.py."""
    with HOLDOUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            data = {"text": row.text, "labels": sorted(row.labels), "subject": row.subject}
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
