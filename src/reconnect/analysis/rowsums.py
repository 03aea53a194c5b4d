"""Each text's sum of its word rows, for a chunk of texts scored at once.

The learned layers (``heads.py``, ``emotion_model.py``) add one weight row per word feature
of a text, taken from their tables. Each text's rows must be summed row after row, as
scoring the text alone does: ``np.add.reduceat`` over the same rows sums them in another
order (pairwise, in blocks) and changes the last bits of some totals, so a text's
probabilities would depend on the texts read with it (on 62,783 texts, 2,270 had a head
probability that differed in its last digits).

So the rows are laid out one text to a line, each line padded out to the chunk's longest
with the table's last row, of zeros, and one ``np.add.reduce`` along the lines adds each
text's rows in order for the whole chunk (instead of one call a text, about two
microseconds each). The padding changes no sum: a reduction adds from 0.0, so its running
sum is never -0.0, and adding 0.0 changes no other float. A text without rows adds
nothing. A table of one column, or a chunk with one text much longer than the rest (which
would pad every line out to it), is reduced a text at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["add_row_sums"]

# Padding the lines may at most make this many times the rows of the chunk (else one
# reduction a text). Journal entries of a chunk vary about twofold (bench/throughput.py).
MAX_PADDING = 4


def add_row_sums(totals: Any, table: Any, rows: Any, counts: Sequence[int]) -> None:
    """Add to each row of ``totals`` (numpy, texts x columns) the sum of its text's
    ``counts[i]`` rows of ``table``, in place: ``rows`` (numpy) are the row numbers, the
    texts' one after another. ``table``'s last row is zeros."""
    import numpy as np

    width = max(counts, default=0)
    if not width:
        return
    # A single column is summed along the lines themselves, pairwise in blocks, where padding
    # would move the blocks; two or more are summed line after line.
    if len(counts) * width > MAX_PADDING * len(rows) or table.shape[1] < 2:
        taken = table.take(rows, axis=0)
        start = 0
        for total, count in zip(totals, counts, strict=True):
            if count:
                total += np.add.reduce(taken[start : start + count], axis=0)
                start += count
        return
    kept = np.arange(width) < np.asarray(counts)[:, None]  # texts x width: a row, not padding
    lines = np.full(kept.shape, len(table) - 1, dtype=rows.dtype)
    lines[kept] = rows
    sums = np.add.reduce(table.take(lines, axis=0), axis=1)
    np.add(totals, sums, out=totals, where=kept[:, :1])
