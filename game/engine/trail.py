"""A :class:`Trail`: an immutable sequence that shares its beginning with the trail it grew from.

A game's path of choices and the score's ledger only ever grow at the end, and every state of a
game keeps its own. As tuples, each step copied the whole of both (``path + (uid,)``), so a step
cost more the longer the game, and undo, which keeps every state, held the square of the game's
length. A trail is a linked list from the newest item back: appending makes one small node that
points at the trail it extends, in constant time and memory, and every state shares the rest.

Reading the last item and the length is constant time; iterating, indexing from the start and
slicing walk the trail (linear, as they were for a tuple built each step). A trail equals any
sequence with the same items, so ``state.path == ("a.go", "b.on")`` reads as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any


class Trail(Sequence):
    """An immutable sequence that grows at the end in O(1), sharing what it grew from."""

    __slots__ = ("_prev", "_last", "_len")

    def __init__(self, prev: Trail | None = None, last: Any = None) -> None:
        # Trail() is the empty trail; Trail(prev, item) is prev with item after it.
        self._prev = prev
        self._last = last
        self._len = 0 if prev is None else prev._len + 1

    @classmethod
    def of(cls, items: Iterable[Any]) -> Trail:
        """A trail of ``items`` (a trail is returned as it is)."""
        if isinstance(items, Trail):
            return items
        out = EMPTY_TRAIL
        for item in items:
            out = Trail(out, item)
        return out

    def plus(self, item: Any) -> Trail:
        """This trail with ``item`` after it (O(1); this trail is unchanged and shared)."""
        return Trail(self, item)

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def __reversed__(self) -> Iterator[Any]:
        node = self
        while node._prev is not None:
            yield node._last
            node = node._prev

    def __iter__(self) -> Iterator[Any]:
        out = list(reversed(self))
        out.reverse()
        return iter(out)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self)[index]
        n = self._len
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("trail index out of range")
        node = self
        for _ in range(n - 1 - index):
            node = node._prev  # type: ignore[assignment]
        return node._last

    def __add__(self, other: Iterable[Any]) -> Trail:
        out = self
        for item in other:
            out = Trail(out, item)
        return out

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Trail):
            if self._len != other._len:
                return False
            a, b = self, other
            while a is not b:  # stops where the two share their beginning
                if a._last != b._last:
                    return False
                a, b = a._prev, b._prev  # type: ignore[assignment]
            return True
        if isinstance(other, (tuple, list)):
            return len(other) == self._len and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Trail({tuple(self)!r})"

    def __reduce__(self) -> tuple:
        return (Trail.of, (tuple(self),))


EMPTY_TRAIL = Trail()
