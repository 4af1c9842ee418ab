"""Numbers and units as the template writes them, and the numbers that are not quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ingest.text import Traced

# The raw-text tokenizer that defines "every number in the document" for the coverage count.
RAW_NUMBER = re.compile(r"(?<![A-Za-z0-9０-９.,])[0-9０-９]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|(?<![A-Za-z0-9０-９.,])[0-9０-９]+(?:\.[0-9]+)?")

NUMBER = re.compile(r"(?<![A-Za-z0-9.,])(-?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![A-Za-z])")

# Longest first. 台（套） and 台(套) are the same unit; normalised to the full-width form.
UNITS = [
    "万元/套", "万元/条", "万元", "亿元", "元/月/平方米", "元/年", "元",
    "%", "‰", "人次", "人/日", "件/天", "次/日", "小时/日", "小时/天", "人",
    "名", "辆", "个工作日", "工作日", "个月", "个", "套", "平方米", "台（套）", "台(套)",
    "批次", "批", "次", "户", "件", "份", "卷", "项", "家", "所", "条", "类", "种", "地", "天", "小时",
    "分钟", "年", "月", "日", "分", "万",
]
UNIT = re.compile(r"\s?(" + "|".join(re.escape(u) for u in UNITS) + r")")
MONEY_UNITS = {"万元", "亿元", "元", "万"}
# 元 in each money unit: amounts of two documents in different units are compared in one of them
MONEY_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "万": Decimal(10000), "亿元": Decimal(100000000), "亿": Decimal(100000000)}
COUNT_UNITS = {"人", "名", "辆", "个", "套", "台（套）", "批次", "批", "次", "户", "件", "份", "卷", "项", "家", "所", "条", "类", "种", "地", "人次"}
THRESHOLD_AFTER = re.compile(r"^\s?(（含）以上|\(含\)以上|及以上|以上|以下|（含）以下)")


@dataclass(frozen=True)
class Num:
    value: Decimal
    raw: str  # digits as written, sign included
    unit: str
    start: int  # index in the Traced text of the first character (sign or digit)
    end: int  # index after the unit (or the number when there is no unit)
    origin: tuple[int, int]  # (line, column) of the first digit

    def origins(self, t: Traced) -> set[tuple[int, int]]:
        """(line, column) of every character of the number in ``t``: a number broken by a line
        wrap is covered on both lines."""
        return set(t.origin[self.start : self.start + len(self.raw)])

    @property
    def kind(self) -> str:
        if self.unit in MONEY_UNITS:
            return "amount"
        if self.unit in ("%", "‰"):
            return "percent"
        if self.unit in COUNT_UNITS:
            return "count"
        return "measure"


def to_decimal(raw: str) -> Decimal | None:
    try:
        return Decimal(raw.replace(",", "").replace(" ", ""))
    except (InvalidOperation, ValueError):
        return None


def find_numbers(t: Traced) -> list[Num]:
    """Numbers in a normalised text with the unit that follows each.

    >>> [(n.raw, n.unit) for n in find_numbers(Traced.from_line(1, "增加 136,749.69 万元，增长 27.32%"))]
    [('136,749.69', '万元'), ('27.32', '%')]
    """
    out: list[Num] = []
    text = t.text
    for m in NUMBER.finditer(text):
        sign, digits = m.group(1), m.group(2)
        if sign and m.start() > 0 and (text[m.start() - 1].isdigit()):
            sign = ""
        u = UNIT.match(text, m.end())
        unit = u.group(1).replace("台(套)", "台（套）") if u else ""
        end = u.end() if u else m.end()
        value = to_decimal(sign + digits)
        if value is None:
            continue
        out.append(Num(value, sign + digits, unit, m.start(1) if sign else m.start(2), end, t.origin[m.start(2)]))
    return out


def label_kind(text: str, num: Num) -> str | None:
    """Why a number is not a quantity (a year, a date, an ordinal …), or None if it is one."""
    before = text[: num.start].rstrip()
    after = text[num.end :] if num.unit else text[num.start + len(num.raw) :]
    raw_after = text[num.start + len(num.raw) :].lstrip()
    if re.fullmatch(r"\d{4}", num.raw) and 1900 <= int(num.raw) <= 2100:
        if raw_after.startswith(("年", "）", ")", "〕", "]")) or before.endswith(("(", "（", "〔", "[")):
            return "year"
    if num.unit in ("月", "日") and re.search(r"\d\s?年\s?(\d{1,2}\s?月\s?)?$", before):
        return "date"
    if raw_after.startswith("号") or (before.endswith(("(", "（", "〔")) and re.match(r"\d+[)）〕]", text[num.start :])):
        return "doc_number"
    if before.endswith(("第", "目标")) or (
        re.search(r"(^|[\s>。；;，,：:)）])$", before) and re.match(r"\d{1,2}\s?[、.．](?!\d)", text[num.start :])
    ):
        return "ordinal"
    if "《" in before and "》" not in before[before.rfind("《") :]:
        return "identifier"  # part of a title, e.g. 《促进房地产业平稳发展的 22 条措施》
    if not num.unit and re.fullmatch(r"\d{5,}", num.raw) and re.match(r"\s?[\u4e00-\u9fff]", after):
        return "identifier"  # a hotline such as 12319 平台
    if THRESHOLD_AFTER.match(after):
        return "threshold"
    return None
