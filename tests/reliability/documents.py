"""Template-shaped disclosures generated from the ingestion tests' 某某市教育局 2024 document.

Each generated document keeps the template's structure and varies its department, its year and
two figures that appear once each (机关运行经费, 固定资产原值), so a question's answer tells which
document it came from. Used by tests/reliability/test_many_documents.py and by ``bench``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reliability.helpers import EDU_TEXT

TEMPLATE_DEPARTMENT = "某某市教育局"
TEMPLATE_YEAR = "2024"
TEMPLATE_RUNNING = "310.55"  # 机关运行经费支出
TEMPLATE_ASSETS = "96,540.12"  # 固定资产原值

# 40 departments of one city with one disclosure each, plus two with several years
SINGLE = [
    "发展和改革委员会", "工业和信息化局", "公安局", "民政局", "司法局", "人力资源和社会保障局", "自然资源局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "商务局", "文化和旅游局",
    "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局",
    "林业和草原局", "体育局", "科学技术局", "民族宗教事务委员会", "信访局", "城市管理局", "机关事务管理局",
    "档案局", "地方志办公室", "粮食和物资储备局", "人民防空办公室", "公共资源交易中心", "数据局",
    "乡村振兴局", "国有资产监督管理委员会", "气象局", "地震局", "外事办公室", "医疗保障中心",
]
SEVERAL = {"教育局": [2019, 2020, 2021, 2022, 2023, 2024], "财政局": [2022, 2023, 2024]}
CITY = "某某市"


@dataclass(frozen=True)
class Generated:
    id: str
    department: str
    year: int
    running: str  # 机关运行经费支出, 万元, as written
    assets: str  # 固定资产原值, 万元, as written
    text: str

    @property
    def file_name(self) -> str:
        return f"{self.id}-final-accounts.txt"

    @property
    def running_value(self) -> str:
        return str(Decimal(self.running.replace(",", "")))

    @property
    def assets_value(self) -> str:
        return str(Decimal(self.assets.replace(",", "")))


def render(department: str, year: int, running: str, assets: str) -> str:
    text = EDU_TEXT
    for old, new in ((TEMPLATE_DEPARTMENT, department), (TEMPLATE_YEAR, str(year)), (TEMPLATE_RUNNING, running), (TEMPLATE_ASSETS, assets)):
        assert text.count(old) >= 1, old
        text = text.replace(old, new)
    return text


def specs() -> list[tuple[str, int]]:
    """(department, year) of the 49 generated documents: several years of two departments first."""
    out = [(CITY + dept, year) for dept, years in SEVERAL.items() for year in years]
    years = [2020, 2021, 2022, 2023, 2024]
    out += [(CITY + dept, years[i % len(years)]) for i, dept in enumerate(SINGLE)]
    return out


def generate(count: int = 49) -> list[Generated]:
    """``count`` documents (at most 49), each with its own department/year and figures."""
    docs = []
    for i, (department, year) in enumerate(specs()[:count]):
        running = f"{200 + 3 * i}.{(17 * i + 5) % 100:02d}"
        assets = f"{10 + i},{(37 * i) % 1000:03d}.{(11 * i + 3) % 100:02d}"
        doc_id = f"gen-{i + 1:02d}-{year}"
        docs.append(Generated(doc_id, department, year, running, assets, render(department, year, running, assets)))
    return docs


def write(folder: Path, docs: list[Generated]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in docs:
        path = folder / d.file_name
        path.write_text(d.text, encoding="utf-8")
        paths.append(path)
    return paths
