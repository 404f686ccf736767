"""The command lines' argument parser, in Vietnamese: argparse says "usage:", "invalid choice",
"unrecognized arguments" in English (found by fuzzing `scripts/new stori`, `--format xml`,
`--years abc`), and staff read its errors as they read the checker's."""
from __future__ import annotations

import argparse
import re
import sys

_SAID = [  # argparse's English (Python 3.11–3.13) → Vietnamese
    (r"argument (\S+): invalid choice: '?([^'(]*)'? \(choose from (.*)\)",
     lambda m: f"«{m[1]}»: không có «{m[2].strip()}»; chọn một trong: {m[3].replace(chr(39), '')}"),
    (r"argument (\S+): invalid (\w+) value: '(.*)'",
     lambda m: f"«{m[1]}» cần {'một số nguyên' if m[2] == 'int' else 'một giá trị hợp lệ'}, không phải «{m[3]}»"),
    (r"argument (\S+): expected one argument", lambda m: f"«{m[1]}» cần một giá trị viết ngay sau nó"),
    (r"unrecognized arguments: (.*)", lambda m: f"không hiểu: {m[1]} (xem --help)"),
    (r"the following arguments are required: (.*)", lambda m: f"thiếu: {m[1]}"),
    (r"argument (\S+): (.*)", lambda m: f"«{m[1]}»: {m[2]}"),  # a type's own words (whole_number's)
]


class Parser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "cách dùng:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "cách dùng:", 1).replace("options:", "tùy chọn:", 1) \
            .replace("positional arguments:", "đối số:", 1).replace("show this help message and exit", "hiện hướng dẫn này")

    def error(self, message: str):
        for pattern, said in _SAID:
            found = re.fullmatch(pattern, message)
            if found:
                message = said(found)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


def whole_number(low: int, high: int):
    """An argparse type: a whole number from `low` to `high`, refused in Vietnamese."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"cần một số nguyên, không phải «{value}»") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"cần một số từ {low} đến {high}, không phải {number}")
        return number
    return parse
