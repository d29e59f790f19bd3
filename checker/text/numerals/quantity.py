"""What a number found in a text is: its value, its exact span, and how loosely it is meant."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """One number found in a text: its value and the exact span ``text[start:end]``."""

    value: float
    start: int
    end: int
    text: str
    kind: str = "number"  # number | ordinal | percent | month
    weak: bool = False
    approximate: bool = False
    hedged: bool = False  # approximate only through a hedge word before a stated number
    alternatives: tuple[float, ...] = ()
    """Other values the context allows (``checker.text.numerals.readings``): 32 in "26 to 32 kilobases"
    is also 32,000, "10.700" may be 10,700, the 11 of "2010–11" is 2011."""
    scale: float = 1.0  # the scale word or character the value was multiplied by (million, 万)

    @property
    def values(self) -> tuple[float, ...]:
        """The value and every alternative reading."""
        return (self.value, *self.alternatives)


def quantity(value: float, start: int, end: int, kind: str = "number", *, weak: bool = False,
              approx: str | None = None) -> Quantity:
    """A quantity whose approximation is ``None``, ``"hedge"`` or ``"vague"``."""
    return Quantity(value, start, end, "", kind, weak=weak, approximate=approx is not None, hedged=approx == "hedge")
