"""What ``FastWordPiece`` copies of the HF BERT tokenizer: its WordPiece model, read from the
tokenizer's JSON, and how its normalizer and pre-tokenizer treat one character.

``wordpiece.py`` puts these together into the tokenizer's ids and offsets for whole texts;
here are the parts that need no text: ``read_model`` (the vocabulary and limits, or None when
the pipeline is not the one copied), ``char_class`` (one character asked of the HF tokenizer)
and ``pieces`` (greedy longest-match-first WordPiece of one normalized word).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ALONE",
    "GONE",
    "REMOVED",
    "SPACE",
    "UNSURE",
    "WORD",
    "Model",
    "char_class",
    "pieces",
    "read_model",
]

# One class per character of the original text, written by ``str.translate``:
WORD = "w"  # kept, joins its neighbours into a word
ALONE = "p"  # kept, a word on its own (punctuation; CJK ideographs, which BERT pads)
SPACE = " "  # whitespace: a boundary, in no token
GONE = "r"  # removed by the normalizer (controls, format characters, accents): in no token
UNSURE = "x"  # not copied exactly: the whole text goes to the HF tokenizer
REMOVED = "\x00"  # what a removed character becomes in the normalized text

Pieces = tuple[tuple[int, ...], tuple[tuple[int, int], ...]]


@dataclass(frozen=True, slots=True)
class Model:
    """The WordPiece model and what the pipeline does around it."""

    vocab: dict[str, int] = field(default_factory=dict)
    unknown: int = 0
    prefix: str = "##"
    max_chars: int = 0
    longest: int = 0  # the longest vocabulary entry, in characters
    limit: int | None = None  # truncation, in tokens
    added: tuple[str, ...] = ()  # added tokens ("[UNK]", "[PAD]"): a text with one goes to HF


def read_model(config: dict[str, Any]) -> Model | None:
    """The model of a tokenizer's JSON, or None when its pipeline is not BERT's as copied."""
    model = config.get("model") or {}
    normalizer = config.get("normalizer") or {}
    truncation = config.get("truncation")
    padding = config.get("padding")
    if (
        model.get("type") != "WordPiece"
        or normalizer.get("type") != "BertNormalizer"
        or (config.get("pre_tokenizer") or {}).get("type") != "BertPreTokenizer"
        or config.get("post_processor") is not None
        or any(token.get("normalized", True) for token in config.get("added_tokens", []))
        or model.get("unk_token") not in model.get("vocab", {})
    ):
        return None
    limit = None
    if truncation is not None:
        if truncation.get("direction") != "Right" or truncation.get("strategy") not in (
            "LongestFirst",
            "OnlyFirst",
        ):
            return None
        limit = int(truncation["max_length"])
    if padding is not None and (
        padding.get("pad_to_multiple_of") is not None
        or padding.get("strategy") not in ("BatchLongest", {"Fixed": 0})
    ):
        return None
    vocab = {str(k): int(v) for k, v in model["vocab"].items()}
    return Model(
        vocab=vocab,
        unknown=vocab[model["unk_token"]],
        prefix=str(model.get("continuing_subword_prefix", "##")),
        max_chars=int(model.get("max_input_chars_per_word", 100)),
        longest=max(len(k) for k in vocab),
        limit=limit,
        added=tuple(str(t["content"]) for t in config.get("added_tokens", [])),
    )


def char_class(tokenizer: Any, code: int) -> tuple[str, str]:
    """How the HF ``tokenizer``'s normalizer and pre-tokenizer treat one character: its class
    (``WORD``, ``ALONE``, ``SPACE``, ``GONE`` or ``UNSURE``) and the one character it becomes."""
    try:
        normal: str = tokenizer.normalizer.normalize_str(chr(code))
    except UnicodeError:  # a lone surrogate, which Rust cannot hold
        normal = "\x00\x00"  # two characters: unsure
    padded = len(normal) == 3 and normal[0] == normal[2] == " " and normal[1] != " "
    kept = normal[1] if padded else normal  # a CJK ideograph is padded with spaces
    if normal == "":
        return GONE, REMOVED
    if normal == " ":
        return SPACE, " "
    if len(kept) == 1 and unicodedata.combining(kept) == 0 and unicodedata.category(kept) != "Cn":
        split = [p for p, _ in tokenizer.pre_tokenizer.pre_tokenize_str(f"a{kept}a")]
        if split == ["a", kept, "a"] or (padded and split == [f"a{kept}a"]):
            return ALONE, kept
        if split == [f"a{kept}a"]:
            return WORD, kept
    return UNSURE, ""


def pieces(word: str, model: Model) -> Pieces:
    """Greedy longest-match-first pieces of one normalized word, as HF's WordPiece: their ids
    and their spans in ``word`` (the whole word as ``[UNK]`` when a piece is missing)."""
    size = len(word)
    whole = ((model.unknown,), ((0, size),))
    if size > model.max_chars:
        return whole
    vocab, prefix, longest = model.vocab, model.prefix, model.longest
    ids: list[int] = []
    spans: list[tuple[int, int]] = []
    start = 0
    while start < size:
        end = min(size, start + longest)
        while end > start:
            piece = word[start:end]
            found = vocab.get(prefix + piece if start else piece)
            if found is not None:
                ids.append(found)
                spans.append((start, end))
                break
            end -= 1
        else:
            return whole
        start = end
    return tuple(ids), tuple(spans)
