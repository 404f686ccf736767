"""The fast JSON and SVG writers give exactly what json.dumps and ElementTree give."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from lantoa.insight.data import to_json
from lantoa.insight.svg import _n, _serialize


@pytest.mark.parametrize("data", [
    {}, [], "x", 3, [[[]]],
    {"a": [], "b": {}, "c": [1, 2.5, float("nan"), True, False, None, 'q"\\é\n\t'], "d": {"e": (1,)}},
    {"cells": [{"month": "2024-01", "count": 0, "status": "off", "status_label": "Không tính chỉ tiêu"}]},
])
def test_json_is_json_dumps_with_indent_1(data):
    assert to_json(data) == (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def test_svg_serialisation_is_elementtree_s():
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "aria-label": 'a & b < "c" >\n\t\r'})
    ET.SubElement(root, "title").text = "Tân & <Hòa>"
    group = ET.SubElement(root, "g", {"fill": "#fff"})
    ET.SubElement(group, "rect", {"x": "1", "y": "2"})
    ET.SubElement(group, "text").text = ""
    ET.SubElement(root, "desc").text = "mô tả"
    assert _serialize(root) == ET.tostring(root, encoding="unicode")


def test_numbers_print_short_and_keep_the_sign_of_zero():
    assert [_n(v) for v in (1, 1.0, 2.25, 13.0, 0.0, -0.0, 0.75)] == ["1", "1", "2.2", "13", "0", "-0", "0.8"]
