"""How a question may name a document: its department in full, without its place, in short forms.

Stored with each document (the ``names`` table) so that routing a question is a lookup, not a
scan of every document's records.
"""

from __future__ import annotations

import re

from ingest.records import DocumentInfo

GOVERNMENT = re.compile(r"^(人民政府|政府)")
STREET = re.compile(r"(街道|镇|乡)(办事处|人民政府)$")
SUMMARY = re.compile(r"[（(](汇总|本级|合并)[)）]$")


def document_names(info: DocumentInfo) -> list[tuple[str, str]]:
    """(name, kind) pairs: ``full`` the department as printed, ``bare`` without its place,
    ``short`` a street office or town without its 办事处/人民政府, ``region`` its place.

    >>> document_names(DocumentInfo(id="x", title="", department="上海市普陀区人民政府石泉路街道办事处", year=2025,
    ...     source_name="", sha256="", encoding="", line_count=0, region="上海市普陀区"))
    [('上海市普陀区人民政府石泉路街道办事处', 'full'), ('石泉路街道办事处', 'bare'), ('石泉路街道', 'short'), ('上海市普陀区', 'region'), ('上海市', 'region'), ('普陀区', 'region'), ('上海', 'region'), ('普陀', 'region')]
    """
    department = SUMMARY.sub("", info.department.replace(" ", ""))
    out: list[tuple[str, str]] = []
    if not department:
        return out
    out.append((department, "full"))
    bare = department
    if info.region and department.startswith(info.region):
        bare = department[len(info.region):]
    elif info.region and department.startswith(("中共", "中国共产党")):
        inner = re.sub(r"^(中共|中国共产党)", "", department)
        if inner.startswith(info.region):
            bare = re.sub(r"^委", "", inner[len(info.region):])
    bare = GOVERNMENT.sub("", bare)
    if bare and bare != department:
        out.append((bare, "bare"))
    m = STREET.search(bare)
    if m:
        out.append((bare[: m.start()] + m.group(1), "short"))
    if info.region:
        for place in region_forms(info.region):
            out.append((place, "region"))
    return list(dict.fromkeys(out))


def region_forms(region: str) -> list[str]:
    """A place as a question may write it: 上海市普陀区, 普陀区, 上海市; 乌鲁木齐市, 乌鲁木齐."""
    parts = re.findall(r".+?(?:自治区|省|市|自治州|地区|盟|区|县|旗)", region)
    out = [region, *parts]
    out += [p[:-1] for p in parts if len(p) >= 3 and p[-1] in "市县区"]
    return list(dict.fromkeys(p for p in out if len(p) >= 2))
