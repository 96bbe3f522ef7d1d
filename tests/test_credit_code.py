"""统一社会信用代码 check digit (GB 32100-2015)."""
from __future__ import annotations

import pytest

from core.credit_code import check_character, credit_code_problem


def test_known_valid_code():
    assert credit_code_problem("91350100M000100Y43") is None        # the standard's worked example
    assert credit_code_problem("91350100m000100y43") is None        # lower case as typed


@pytest.mark.parametrize("code, problem", [
    ("91350100M000100Y44", "credit_code.check_digit"),
    ("91350100M000100Y4", "credit_code.length"),
    ("91350100M00O100Y43", "credit_code.characters"),               # the letter O is never used
])
def test_invalid_codes(code, problem):
    assert credit_code_problem(code) == problem


def test_check_character_by_hand():
    # GB 32100: character values (digits, then A=10 ... Y=30 without I, O, Z, S, V), weights 3^i mod 31,
    # check value = 31 - (weighted sum mod 31), 31 written as 0
    values = [int(c) if c.isdigit() else "0123456789ABCDEFGHJKLMNPQRTUWXY".index(c) for c in "91350100M000100Y4"]
    weights = [pow(3, i, 31) for i in range(17)]
    expected = "0123456789ABCDEFGHJKLMNPQRTUWXY"[(31 - sum(v * w for v, w in zip(values, weights)) % 31) % 31]
    assert check_character("91350100M000100Y4") == expected == "3"
