"""assets/search/keyboard.js (Telex and VNI leftovers) and fuzzy.js (near words), run under Node
on shared tables of cases."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "plugins" / "lantoa" / "assets" / "search"
CASES = yaml.safe_load((Path(__file__).parent / "keyboard_cases.yml").read_text(encoding="utf-8"))


def node(module: str, script: str, payload):
    """Run `script` under Node with `module` required as `m` and `payload` as `input`; returns its JSON output."""
    executable = shutil.which("node")
    assert executable, "Node missing: run scripts/install-test-tools"
    program = (f"const m = require({json.dumps(str(ASSETS / module))});\n"
               f"const input = {json.dumps(payload, ensure_ascii=False)};\n"
               f"process.stdout.write(JSON.stringify({script}));")
    result = subprocess.run([executable, "-e", program], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_decode_matches_the_table():
    words = {word: meant for group in CASES.values() for word, meant in group.items()}
    decoded = node("keyboard.js", "Object.fromEntries(input.map(w => [w, m.decode(w)]))", list(words))
    assert decoded == words


def test_every_decoded_syllable_is_valid_and_folds_to_what_the_index_holds():
    from lantoa.text import fold
    words = [w for group in CASES.values() for w, meant in group.items() if meant]
    decoded = node("keyboard.js", "input.map(w => m.decode(w))", words)
    for word, meant in zip(words, decoded):
        assert fold(meant).isascii() and fold(meant).isalpha(), (word, meant)


@pytest.mark.parametrize("a, b, near", [
    ("livestrem", "livestream", True),   # insertion
    ("livestream", "livestrem", True),   # deletion
    ("nghiep", "nghiep", True),
    ("nghep", "nghiep", True),
    ("nahn", "nhan", True),              # transposition
    ("khuyet", "khuyen", True),          # substitution
    ("khuyet", "khuyen", True),
    ("nghep", "nghiem", False),          # two edits
    ("abcd", "abcdef", False),
    ("ab", "ba", True),
])
def test_within_one_edit(a, b, near):
    assert node("fuzzy.js", "m.withinOneEdit(input[0], input[1])", [a, b]) is near


def test_vocabulary_completes_then_corrects_most_frequent_first():
    words = "nghiep nghe ngheo livestream lien lienhe".split()
    out = node("fuzzy.js", "(() => { const v = new m.Vocabulary(input); return ["
               "v.completions('lives'), v.completions('lie'), v.corrections('nghep'), v.corrections('livestrem'),"
               "v.corrections('ngep'), v.completions('li')]; })()", words)
    assert out == [["livestream"], ["lien", "lienhe"], ["nghiep", "nghe", "ngheo"], ["livestream"], [], []]
