"""统一社会信用代码 (unified social credit code) check, per GB 32100-2015.

18 characters from a 31-symbol alphabet (digits and capitals without I, O, Z, S, V); the last one is a check
character computed from the first 17 with weights 3^i mod 31.
"""
from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None if `code` is a valid code, else the message id saying what is wrong with it."""
    c = code.strip().upper()
    if len(c) != 18:
        return "credit_code.length"
    bad = [ch for ch in c if ch not in _VALUE]
    if bad:
        return "credit_code.characters"
    if check_character(c[:17]) != c[17]:
        return "credit_code.check_digit"
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None
