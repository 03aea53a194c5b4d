"""Whether the analyzer on this tree gives exactly what it gave at an earlier commit.

    .venv/bin/python bench/equivalence.py --baseline REV [--reference FILE] [--step N]

For speed work: a change that only makes the analyzer faster must not change one result.
The corpus is GoEmotions' train and dev comments (``../shared/data/goemotions``), every
``text`` of the JSON Lines files under ``training/`` and ``tests/analysis/data/``, the
hand-written snippets of ``training/handwritten/*.txt``, and a shouted (upper-case) and an
emoji-bearing copy of every twentieth text. Each text is analysed from scratch by the
commit ``REV`` (its ``src/`` exported with ``git archive``) and by this tree, each in its
own process, and the two are compared record by record: ``Analysis.to_dict()`` (markers,
scores, evidence, emotions, valence, subject, crisis) and, at full precision, every head's
probability and every sentence's crisis probability. Each tree analyses the texts as the
app does, with ``analyze_many``, and scores them in chunks of ``SCORE_CHUNK`` with
``Heads.score_many`` where it has it: a tree that reads chunks at once is compared as it
reads them. With ``--reference FILE`` the
baseline's records are kept in FILE and read back on the next run (for the same ``REV`` and
corpus). Exits 1 on any difference, printing the first few.

``python bench/equivalence.py write OUT TEXTS`` is the worker: it analyses the texts of the
JSON file TEXTS with whichever ``reconnect`` is importable and writes one JSON line each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOEMOTIONS = ROOT.parent / "shared" / "data" / "goemotions"
SCORE_CHUNK = 50


def corpus(goemotions: Path) -> list[str]:
    texts: list[str] = []
    for split in ("train.tsv", "dev.tsv"):
        lines = (goemotions / split).read_text("utf-8").splitlines()
        texts += [line.split("\t")[0] for line in lines if line.strip()]
    paths = sorted((ROOT / "training").rglob("*.jsonl"))
    paths += sorted((ROOT / "tests" / "analysis" / "data").glob("*.jsonl"))
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    for path in sorted((ROOT / "training" / "handwritten").glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if line.count(" | ") >= 2:
                texts.append(line.split(" | ", 2)[2])
    distinct = list(dict.fromkeys(texts))
    variants = [t.upper() for t in distinct[::20]]
    variants += [f"{t} 😊 but 💔!" for t in distinct[7::20]]
    return distinct + variants


def write(out: Path, texts_file: Path) -> None:
    import reconnect
    from reconnect.analysis import analyze_many, default_analyzer

    texts = json.loads(texts_file.read_text("utf-8"))
    heads = default_analyzer().heads
    # The analyses as the app makes them (``analyze_many``: in chunks, where the tree reads
    # chunks at once), and the raw probabilities of chunks of texts scored at once where the
    # tree can (``Heads.score_many``), else one text at a time.
    analyses = analyze_many(texts)
    score_many = getattr(heads, "score_many", None)
    with out.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"source": reconnect.__file__}) + "\n")
        for start in range(0, len(texts), SCORE_CHUNK):
            chunk = texts[start : start + SCORE_CHUNK]
            records = [next(analyses).to_dict() for _ in chunk]
            english = [t for t, r in zip(chunk, records, strict=True) if r["language"] == "en"]
            if score_many is not None:
                scored = iter(score_many([heads.read(t) for t in english]))
            else:
                scored = iter([heads.score(t) for t in english])
            for record in records:
                if record["language"] == "en":
                    scores = next(scored)
                    record["raw_heads"] = list(scores.probabilities)
                    record["raw_sentences"] = [[s.start, s.end, p] for s, p in scores.sentences]
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_worker(src: Path, out: Path, texts_file: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "write", str(out), str(texts_file)]
    return subprocess.Popen(command, env=env, cwd=ROOT)


def read_records(path: Path) -> tuple[str, list[str]]:
    lines = path.read_text("utf-8").splitlines()
    return json.loads(lines[0])["source"], lines[1:]


def compare_vader(texts: list[str]) -> int:
    """Differences between the fast compound score and vaderSentiment's, over ``texts``."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from reconnect.analysis import valence

    fast = getattr(valence, "compound", None)
    if fast is None:
        return 0
    vader = SentimentIntensityAnalyzer()
    wrong = [t for t in texts if fast(t) != vader.polarity_scores(t)["compound"]]
    for text in wrong[:5]:
        print(f"VADER differs: {text!r}")
    print(f"fast VADER compound vs vaderSentiment: {len(texts) - len(wrong)}/{len(texts)} equal")
    return len(wrong)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "write":
        write(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="the commit to compare with")
    parser.add_argument("--reference", type=Path, help="keep the baseline's records here")
    parser.add_argument("--goemotions", type=Path, default=GOEMOTIONS)
    parser.add_argument("--step", type=int, default=1, help="only every STEP-th text")
    args = parser.parse_args()
    texts = corpus(args.goemotions)[:: args.step]
    rev = subprocess.run(
        ["git", "rev-parse", args.baseline], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    key = hashlib.sha256(json.dumps([rev, texts]).encode()).hexdigest()[:16]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts_file = folder / "texts.json"
        texts_file.write_text(json.dumps(texts), "utf-8")
        reference = args.reference or folder / "baseline.jsonl"
        key_file = reference.with_suffix(".key")
        workers = []
        if not (reference.exists() and key_file.exists() and key_file.read_text() == key):
            archive = subprocess.run(
                ["git", "archive", rev, "src"], cwd=ROOT, capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            workers.append(run_worker(folder / "src", reference, texts_file))
        current = folder / "current.jsonl"
        workers.append(run_worker(ROOT / "src", current, texts_file))
        if any(worker.wait() != 0 for worker in workers):
            sys.exit("a worker failed")
        key_file.write_text(key)
        base_source, base = read_records(reference)
        ours_source, ours = read_records(current)
    print(f"baseline {rev[:10]} ({base_source}) against this tree ({ours_source})")
    differ = [i for i, (a, b) in enumerate(zip(base, ours, strict=True)) if a != b]
    for i in differ[:5]:
        print(f"differs: {texts[i]!r}\n  baseline: {base[i]}\n  this:     {ours[i]}")
    english = sum('"language": "en"' in line for line in ours)
    print(f"{len(texts) - len(differ)}/{len(texts)} analyses identical ({english} in English)")
    wrong = compare_vader(texts)
    if differ or wrong:
        sys.exit(1)


if __name__ == "__main__":
    main()
