"""Performance self-evaluation tables (部门整体支出绩效目标自评表, 项目支出绩效自评表).

The rows arrive tab-separated but ragged: merged cells leave empty or shifted columns, a cell
broken over lines becomes a row of its own, rows repeat, labels are split ("年度绩效" /
"指标完成情况"). Each row is read by what its cells are, anchored on the right (weight and
score are the last two numbers), not by column position; the raw row is kept for citation.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.layout import Block
from ingest.numbers import find_numbers, to_decimal
from ingest.records import FundRow, Indicator, Measure, PerformanceTable, Span
from ingest.text import Traced, squash

LEVEL1 = {"产出指标", "效益指标", "满意度指标", "成本指标", "履职效能", "管理效率", "社会效应"}
LEVEL2_PARENT = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
}
GROUP_LABEL = re.compile(r"^(年度)?(绩效)?(指标)?(完成情况)?$|^(年度)?(总体)?目标$|^年度$")
NUMERIC = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?\s*(分|%)?$|^-?\d+(\.\d+)?\s*(分|%)?$")
MEASURE = re.compile(r"^(>=|<=|≥|≤|=|>|<|＞|＜|＝)?\s*(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(.*)$")
FUND_FIELDS = {
    "年初预算数": "budget_initial",
    "全年预算数": "budget_full",
    "全年执行数": "executed",
    "分值": "weight",
    "分值权重": "weight",
    "权重": "weight",
    "执行率": "rate",
    "得分": "score",
}
COMPARATORS = {">=": "≥", "<=": "≤", "＞": ">", "＜": "<", "＝": "="}
NULL_CELLS = {"-", "—", "--", "——", "/", ""}
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@dataclass
class Cell:
    index: int  # column position in the raw row
    text: str  # squashed
    traced: Traced  # raw cell with origins, for coverage


@dataclass
class TableReading:
    table: PerformanceTable
    text_cells: list[tuple[str, Traced]] = field(default_factory=list)  # (role, cell) with prose
    covered: set[tuple[int, int]] = field(default_factory=set)


def _cells(line: int, raw: str) -> list[Cell]:
    cells, offset = [], 0
    for i, part in enumerate(raw.split("\t")):
        text = squash(HTML_TAG.sub(" ", part))
        if text:
            cells.append(Cell(i, text, Traced.from_line(line, part, offset)))
        offset += len(part) + 1
    return cells


def number(text: str) -> Decimal | None:
    text = text.replace("分", "").replace("%", "").strip()
    if text in NULL_CELLS:
        return None
    return to_decimal(text)


def measure(text: str) -> Measure:
    """Read a target or actual cell.

    >>> measure(">=98%").model_dump(exclude_none=True)
    {'raw': '>=98%', 'comparator': '≥', 'value': Decimal('98'), 'unit': '%'}
    """
    m = MEASURE.match(text)
    if m and (m.group(1) or m.group(3) == "" or not re.match(r"[\u4e00-\u9fff]{3,}", m.group(3))):
        comp = m.group(1)
        return Measure(
            raw=text,
            comparator=COMPARATORS.get(comp, comp) if comp else None,
            value=to_decimal(m.group(2)),
            unit=m.group(3).strip() or None,
        )
    return Measure(raw=text, text=text)


def _fund_values(values: list[Cell], columns: dict[int, str]) -> list[tuple[str, Cell]]:
    """Pair the value cells of a funds row with the header's fields.

    Under the header when every value sits in a header column (an empty, merged 分值 cell then
    leaves 分值 empty); otherwise the row is shifted against its header, and its first value is
    taken to be the first field.
    """
    if not values or not columns:
        return []
    if all(c.index in columns for c in values):
        return [(columns[c.index], c) for c in values]
    shift = values[0].index - min(columns)
    return [(columns[c.index - shift], c) for c in values if c.index - shift in columns]


def table_id(doc: str, line: int, name: str) -> str:
    return f"{doc}:t{hashlib.sha1(f'{doc}|{line}|{name}'.encode()).hexdigest()[:10]}"


class TableParser:
    def __init__(self, doc: str, lines: list[str]):
        self.doc = doc
        self.lines = lines

    def parse(self, block: Block) -> TableReading | None:
        title = squash(block.text.text)
        kind = "department" if "整体" in title else "project"
        name = department = implementer = unit_line = None
        name_line = block.title_line
        funds: list[FundRow] = []
        fund_columns: dict[int, str] = {}  # column of each header word → FundRow field
        goal = achieved = None
        goal_lines: Span | None = None
        indicators: list[Indicator] = []
        value_columns = 2  # target, actual (+ basis in the 整体 table)
        has_basis = False
        total_weight = total_score = None
        total_line = None
        stage = "head"
        covered: set[tuple[int, int]] = set()
        text_cells: list[tuple[str, Traced]] = []
        level1 = level2 = None
        last_cells: dict[int, str] = {}  # column → field of the previous indicator row

        for line, raw in block.rows:
            cells = _cells(line, raw)
            if not cells:
                continue
            texts = [c.text for c in cells]
            first = texts[0]

            if re.match(r"^(项目名称|部门[（(]单位[)）]名称|单位名称|部门名称)", first):
                name = texts[1] if len(texts) > 1 else None
                name_line = line
                text_cells += [("name", c.traced) for c in cells[1:]]
                continue
            if "主管部门" in texts or "实施单位" in texts:
                unit_line = line
                for i, t in enumerate(texts[:-1]):
                    if t == "主管部门":
                        department = texts[i + 1]
                    if t == "实施单位":
                        implementer = texts[i + 1]
                text_cells += [("name", c.traced) for c in cells]
                continue
            if "年初预算数" in texts and ("全年执行数" in texts or "全年预算数" in texts):
                fund_columns = {c.index: FUND_FIELDS[c.text] for c in cells if c.text in FUND_FIELDS}
                stage = "funds"
                continue
            if "预期目标" in texts or ("实际完成情况" in texts and stage != "indicators"):
                stage = "goals"
                continue
            if "一级指标" in texts:
                stage = "indicators"
                header = texts[texts.index("三级指标") + 1 :] if "三级指标" in texts else texts[3:]
                has_basis = any("设定依据" in h for h in header)
                value_columns = 3 if has_basis else 2
                continue
            if first == "总分":
                nums = [number(t) for t in texts[1:] if number(t) is not None]
                if nums:
                    total_weight = nums[0] if len(nums) > 1 else None
                    total_score = nums[-1]
                total_line = line
                self._cover(cells, covered)
                stage = "done"
                continue

            if stage == "funds":
                label_cells = [c for c in cells if number(c.text) is None and c.text not in NULL_CELLS]
                if not label_cells:
                    continue
                label = label_cells[0].text
                values = [c for c in cells if c is not label_cells[0] and (number(c.text) is not None or c.text in NULL_CELLS)]
                row = FundRow(label=label, line=line, raw=raw)
                for fname, cell in _fund_values(values, fund_columns):
                    setattr(row, fname, number(cell.text))
                funds.append(row)
                self._cover(cells, covered)
                continue

            if stage == "goals":
                prose = [c for c in cells if not GROUP_LABEL.match(c.text)]
                if prose:
                    goal = prose[0].text if goal is None else goal
                    if len(prose) > 1:
                        achieved = prose[1].text
                    start = goal_lines.line_start if goal_lines else line
                    goal_lines = Span(line_start=start, line_end=line)
                    text_cells += [("goal", c.traced) for c in prose]
                continue

            if stage == "indicators":
                ind = self._indicator(cells, line, raw, value_columns, has_basis, level1, level2, text_cells, covered)
                if ind is None:
                    if indicators:
                        self._continue(indicators[-1], cells, last_cells, text_cells)
                    continue
                level1, level2 = ind.level1, ind.level2
                last_cells = {c.index: f for c, f in self._roles(cells, ind)}
                for j, earlier in enumerate(indicators):
                    if (earlier.name, earlier.target.raw, earlier.actual.raw, earlier.weight, earlier.score) == (
                        ind.name, ind.target.raw, ind.actual.raw, ind.weight, ind.score,
                    ) and earlier.duplicate_of is None:
                        ind.duplicate_of = j
                        break
                indicators.append(ind)

        if name is None:
            return None
        table = PerformanceTable(
            id=table_id(self.doc, name_line, name),
            doc=self.doc,
            kind=kind,  # type: ignore[arg-type]
            title=title,
            name=name,
            department=department,
            implementer=implementer,
            unit_line=unit_line,
            funds=funds,
            goal=goal,
            achieved=achieved,
            goal_lines=goal_lines,
            indicators=indicators,
            total_weight=total_weight,
            total_score=total_score,
            total_line=total_line,
            name_line=name_line,
            line_start=block.title_line,
            line_end=block.line_end,
        )
        return TableReading(table, text_cells, covered)

    @staticmethod
    def _cover(cells: list[Cell], covered: set[tuple[int, int]]) -> None:
        for c in cells:
            for num in find_numbers(c.traced):
                covered |= num.origins(c.traced)

    def _indicator(self, cells, line, raw, value_columns, has_basis, level1, level2, text_cells, covered) -> Indicator | None:
        cells = [c for c in cells if not GROUP_LABEL.match(c.text)]
        # weight and score: the last two adjacent numbers, with at most a note after them
        w = None
        for i in range(len(cells) - 1, 0, -1):
            if NUMERIC.match(cells[i].text) and NUMERIC.match(cells[i - 1].text) and len(cells) - 1 - i <= 1:
                w = i - 1
                break
        if w is None or w < value_columns:
            return None
        actual_cell = cells[w - 1]
        basis_cell = cells[w - 2] if has_basis else None
        target_cell = cells[w - value_columns]
        names = cells[: w - value_columns]
        if not names:
            return None
        note_cell = cells[w + 2] if len(cells) > w + 2 else None
        labels = [c.text for c in names[:-1]]
        if len(labels) >= 2:
            level1, level2 = labels[-2], labels[-1]
        elif len(labels) == 1:
            label = labels[0]
            if label in LEVEL2_PARENT:
                # a level-2 word under the level-1 above it, unless that level-1 cannot hold it
                expected = LEVEL2_PARENT[label]
                if level1 is None or (level1 != expected and level1 in LEVEL1 and expected != "产出指标") or (
                    expected == "产出指标" and level1 in ("效益指标", "满意度指标", "成本指标")
                ):
                    level1 = expected
                level2 = label
            else:
                level1, level2 = label, None
        self._cover([cells[w], cells[w + 1], target_cell, actual_cell], covered)
        for role, cell in (("name", names[-1]), ("basis", basis_cell), ("note", note_cell), *[("name", c) for c in names[:-1]]):
            if cell is not None:
                text_cells.append((role, cell.traced))
        return Indicator(
            level1=level1,
            level2=level2,
            name=names[-1].text,
            target=measure(target_cell.text),
            basis_note=basis_cell.text if basis_cell else None,
            actual=measure(actual_cell.text),
            weight=number(cells[w].text),
            score=number(cells[w + 1].text),
            note=note_cell.text if note_cell else None,
            line_start=line,
            line_end=line,
            raw=raw,
        )

    @staticmethod
    def _roles(cells: list[Cell], ind: Indicator) -> list[tuple[Cell, str]]:
        out = []
        for c in cells:
            if c.text == ind.name:
                out.append((c, "name"))
            elif ind.basis_note and c.text == ind.basis_note:
                out.append((c, "basis"))
            elif ind.note and c.text == ind.note:
                out.append((c, "note"))
        return out

    @staticmethod
    def _continue(ind: Indicator, cells: list[Cell], last_cells: dict[int, str], text_cells) -> None:
        """A row with no weight and score continues the cells of the row above it."""
        for c in cells:
            role = last_cells.get(c.index)
            if role is None and last_cells:
                role = last_cells[min(last_cells, key=lambda k: abs(k - c.index))]
            if role == "basis" and ind.basis_note is not None:
                ind.basis_note += c.text
            elif role == "name":
                ind.name += c.text
            else:
                ind.note = (ind.note or "") + c.text
            ind.line_end = c.traced.line_end
            text_cells.append((role or "note", c.traced))
