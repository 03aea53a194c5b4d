"""Each text's sum of its word rows, for a chunk of texts scored at once.

The learned layers (``heads.py``, ``emotion_model.py``) add one weight row per word feature
of a text, taken from their tables with one ``take`` for a whole chunk of texts. Each text's
rows are then summed by its own ``np.add.reduce`` along the first axis, which adds row
after row, as scoring the text alone does: ``np.add.reduceat`` over the same rows sums them
in another order (pairwise, in blocks) and changes the last bits of some totals, so a
text's probabilities would depend on the texts read with it (on 62,783 texts, 2,270 had a
head probability that differed in its last digits). One reduction per text costs a
microsecond or two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["add_row_sums"]


def add_row_sums(totals: Any, rows: Any, counts: Sequence[int]) -> None:
    """Add to each row of ``totals`` (numpy, texts x columns) the sum of its text's
    ``counts[i]`` rows of ``rows`` (the texts' rows one after another), in place."""
    import numpy as np

    start = 0
    for total, count in zip(totals, counts, strict=True):
        if count:
            total += np.add.reduce(rows[start : start + count], axis=0)
            start += count
