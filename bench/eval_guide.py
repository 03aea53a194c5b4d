"""How well the guide answers questions it never saw: top-1, top-3, abstention, crisis, speed.

.venv/bin/python bench/eval_guide.py [--set eval|dev] [--show-misses]
.venv/bin/python bench/eval_guide.py --tune      # choose weights on the dev set only

The question sets were written by people who did not write the cards, from the seed
articles, and mapped to the cards afterwards: ``bench/data/guide_eval.jsonl`` (held out:
reported, never tuned on) and ``bench/data/guide_dev.jsonl`` (for choosing the weights).
Each line is ``{"q", "kind": "on_topic"|"off_topic"|"crisis", "cards": [...], "seed"}``.

An on-topic question counts as found at k when one of its cards is among the first k
answers (a crisis reply or an abstention finds nothing). Off-topic questions should be
declined; crisis questions should bring crisis resources. Speed is the median and 95th
percentile of ``services.guide.ask`` per question, warm, in this process.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path

from reconnect.guide import DEFAULT_WEIGHTS, Weights, default_retriever
from reconnect.guide.retriever import choose
from reconnect.services.guide import ask

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    cards: tuple[str, ...]
    seed: str | None


def load(name: str) -> list[Question]:
    path = DATA / f"guide_{name}.jsonl"
    found = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            found.append(
                Question(raw["q"], raw["kind"], tuple(raw.get("cards", ())), raw.get("seed"))
            )
    return found


@dataclass
class Scores:
    top1: float
    top3: float
    right_seed3: float
    abstain_off: float
    crisis_caught: float
    on_topic_declined: float
    on_topic_crisis: float
    median_ms: float
    p95_ms: float
    counts: dict[str, int]


def evaluate(questions: list[Question], show_misses: bool = False) -> Scores:
    """End to end through ``services.guide.ask`` (crisis check, retrieval, abstention)."""
    seeds = {c.id: c.seed for c in default_retriever().cards}
    for q in questions[:5]:
        ask(q.text)  # warm: the analyzer and the index load once
    times: list[float] = []
    on = [q for q in questions if q.kind == "on_topic"]
    off = [q for q in questions if q.kind == "off_topic"]
    crisis = [q for q in questions if q.kind == "crisis"]
    top1 = top3 = seed3 = declined = false_crisis = abstained_off = caught = 0
    for q in questions:
        start = time.perf_counter()
        reply = ask(q.text)
        times.append((time.perf_counter() - start) * 1000)
        ids = [c.id for c in reply.answers]
        if q.kind == "on_topic":
            top1 += bool(ids[:1]) and ids[0] in q.cards
            hit = any(i in q.cards for i in ids[:3])
            top3 += hit
            seed3 += any(seeds[i] == (q.seed or seeds[q.cards[0]]) for i in ids[:3])
            declined += reply.abstained
            false_crisis += reply.crisis
            if show_misses and not hit:
                why = "crisis" if reply.crisis else "declined" if reply.abstained else ids
                print(f"MISS  {q.text!r}\n      want {list(q.cards)} got {why}")
        elif q.kind == "off_topic":
            abstained_off += reply.abstained
            if show_misses and not reply.abstained:
                print(f"ANSWERED OFF-TOPIC  {q.text!r} -> {ids} crisis={reply.crisis}")
        else:
            caught += reply.crisis
            if show_misses and not reply.crisis:
                print(f"CRISIS MISSED  {q.text!r} -> {ids or 'declined'}")
    times.sort()
    return Scores(
        top1=top1 / len(on),
        top3=top3 / len(on),
        right_seed3=seed3 / len(on),
        abstain_off=abstained_off / len(off) if off else float("nan"),
        crisis_caught=caught / len(crisis) if crisis else float("nan"),
        on_topic_declined=declined / len(on),
        on_topic_crisis=false_crisis / len(on),
        median_ms=statistics.median(times),
        p95_ms=times[int(0.95 * (len(times) - 1))],
        counts={"on_topic": len(on), "off_topic": len(off), "crisis": len(crisis)},
    )


def tune(questions: list[Question]) -> Weights:
    """A grid over the weights and floors, scored on the dev set.

    The score is the mean of top-3 and off-topic abstention, less a penalty for either
    under 0.9. Each question's components are computed once; the grid only re-weighs them.
    """
    retriever = default_retriever()
    n = len(retriever.cards)
    ids = [c.id for c in retriever.cards]
    on = [(retriever.components(q.text), q.cards) for q in questions if q.kind == "on_topic"]
    off = [retriever.components(q.text) for q in questions if q.kind == "off_topic"]
    best = (-1.0, DEFAULT_WEIGHTS)
    grid = itertools.product(
        (0.5, 0.6, 0.7, 0.8),  # meaning
        (0.1, 0.2, 0.3, 0.4),  # coverage
        (0.0, 0.1, 0.2),  # bm25
        (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6),  # threshold
        (-0.05, 0.0, 0.03, 0.06),  # margin to the best anchor
        (0.12, 0.25, 1.0),  # spread: how far below the best a runner-up is still shown
    )
    for meaning, coverage, bm25, threshold, margin, spread in grid:
        weights = replace(
            DEFAULT_WEIGHTS,
            meaning=meaning,
            coverage=coverage,
            bm25=bm25,
            threshold=threshold,
            margin_off=margin,
            spread=spread,
        )
        hits = sum(
            any(ids[i] in want for i, _ in choose(found, n, weights)[:3]) for found, want in on
        )
        declined = sum(not choose(found, n, weights) for found in off)
        top3, abstain = hits / len(on), declined / len(off)
        score = (top3 + abstain) / 2 - 0.5 * max(0.0, 0.9 - abstain) - 0.5 * max(0.0, 0.9 - top3)
        if score > best[0]:
            best = (score, weights)
            print(f"{score:.3f} top3={top3:.3f} abstain={abstain:.3f} {weights}")
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("eval", "dev"), default="eval")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--tune", action="store_true", help="choose weights on the dev set")
    args = parser.parse_args()
    if args.tune:
        print("best:", tune(load("dev")))
        return
    s = evaluate(load(args.set), args.show_misses)
    print(f"guide on the {args.set} set: {s.counts}")
    print(f"  top-1 {s.top1:.3f}   top-3 {s.top3:.3f}   right seed in top 3 {s.right_seed3:.3f}")
    print(
        f"  off-topic declined {s.abstain_off:.3f}   crisis questions caught {s.crisis_caught:.3f}"
    )
    print(
        f"  on-topic declined {s.on_topic_declined:.3f}   on-topic read as crisis "
        f"{s.on_topic_crisis:.3f}"
    )
    print(f"  per question: median {s.median_ms:.2f} ms, p95 {s.p95_ms:.2f} ms")


if __name__ == "__main__":
    main()
