"""How many SMS parts a text takes (the spec: "160 caractères par SMS"; the
template editor shows the same count).

A text made only of GSM 03.38 characters goes as GSM-7: 160 septets in one SMS,
153 per part once concatenated (the user data header takes 7), the extension
characters costing two septets each. Anything else forces Unicode (UCS-2): 70
UTF-16 units in one SMS, 67 per part. A character is never split across parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # sent as ESC + character: two septets


class Encoding(StrEnum):
    GSM7 = "gsm7"
    UCS2 = "ucs2"


# (units in a single SMS, units per part of a concatenated SMS)
CAPACITY = {Encoding.GSM7: (160, 153), Encoding.UCS2: (70, 67)}


@dataclass(frozen=True)
class SegmentCount:
    encoding: Encoding
    units: int  # septets in GSM-7, UTF-16 code units in UCS-2
    segments: int  # SMS parts, at least 1
    remaining: int  # units left in the last part before another part is needed


def encoding_for(text: str) -> Encoding:
    return Encoding.GSM7 if all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text) else Encoding.UCS2


def unit_costs(text: str, encoding: Encoding) -> list[int]:
    if encoding is Encoding.GSM7:
        return [2 if ch in GSM7_EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]  # astral characters are surrogate pairs


def count_segments(text: str) -> SegmentCount:
    encoding = encoding_for(text)
    costs = unit_costs(text, encoding)
    units = sum(costs)
    single, per_part = CAPACITY[encoding]
    if units <= single:
        return SegmentCount(encoding, units, 1, single - units)
    segments, used = 1, 0
    for cost in costs:
        if used + cost > per_part:
            segments, used = segments + 1, 0
        used += cost
    return SegmentCount(encoding, units, segments, per_part - used)
