"""Integer scores of many practices at once, as bit slices of roaring bitmaps.

Bitmap j holds the ids whose score has bit j set. Adding a weight to a set of ids is a ripple-carry
addition done with bitmap operations, and the best k are found slice by slice from the highest bit
(the usual top-k on a bit-sliced index), so no id is ever visited one by one.
"""

from pyroaring import BitMap


class Scores:
    """Non-negative integer scores of many ids, as bit slices of roaring bitmaps."""

    def __init__(self) -> None:
        self.slices: list[BitMap] = []
        self.universe = BitMap()

    def add(self, ids: BitMap, weight: int) -> None:
        """Add ``weight`` to the score of every id in ``ids``."""
        if not ids or weight <= 0:
            return
        self.universe |= ids
        bit = 0
        while weight:
            if weight & 1:
                carry = BitMap(ids)
                j = bit
                while carry:
                    while len(self.slices) <= j:
                        self.slices.append(BitMap())
                    overflow = self.slices[j] & carry
                    self.slices[j] ^= carry
                    carry = overflow
                    j += 1
            weight >>= 1
            bit += 1

    def score(self, pk: int) -> int:
        return sum(1 << j for j, ids in enumerate(self.slices) if pk in ids)

    def top(self, k: int) -> tuple[BitMap, BitMap]:
        """(ids that are surely among the k best, ids tied with each other for the places left)."""
        greater, equal = BitMap(), BitMap(self.universe)
        if len(equal) <= k:
            return equal, BitMap()
        for ids in reversed(self.slices):
            with_bit = equal & ids
            candidates = greater | with_bit
            if len(candidates) > k:
                equal = with_bit
            elif len(candidates) < k:
                greater = candidates
                equal = equal - ids
            else:
                return candidates, BitMap()
        return greater, equal
