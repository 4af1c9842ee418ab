"""Where things are: the data directory, the bundled disclosure, the embedder, the Chroma server."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict

REPO = Path(__file__).resolve().parents[1]
BUNDLED_DIR = REPO / "data"  # the disclosures the app ingests into an empty store
PROMPTS = REPO / "prompts"

ENV_DATA = "DISCLOSURE_QA_DATA"
ENV_CHROMA_URL = "DISCLOSURE_QA_CHROMA_URL"
ENV_EMBEDDER = "DISCLOSURE_QA_EMBEDDER"
ENV_DB_URL = "DISCLOSURE_QA_DB_URL"


class Settings(BaseModel):
    """How a store is opened. ``None`` fields fall back to the environment, then to defaults."""

    model_config = ConfigDict(extra="forbid")

    data_dir: Path
    embedder: str = "e5"
    chroma_url: str | None = None
    chroma_collection: str | None = None
    db_url: str | None = None  # postgresql://…; None: SQLite in the data directory

    @classmethod
    def resolve(
        cls,
        data_dir: str | Path | None = None,
        embedder: str | None = None,
        chroma_url: str | None = None,
        chroma_collection: str | None = None,
        db_url: str | None = None,
    ) -> Settings:
        return cls(
            data_dir=Path(data_dir or os.environ.get(ENV_DATA) or default_data_dir()).expanduser(),
            embedder=embedder or os.environ.get(ENV_EMBEDDER) or "e5",
            chroma_url=chroma_url or os.environ.get(ENV_CHROMA_URL) or None,
            chroma_collection=chroma_collection,
            db_url=db_url or os.environ.get(ENV_DB_URL) or None,
        )


def bundled_documents() -> list[Path]:
    """The bundled disclosures (every PDF and text file in ``data/``), in name order."""
    return sorted(p for p in BUNDLED_DIR.iterdir() if p.suffix.lower() in (".pdf", ".txt") and p.is_file())


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("disclosure-qa", appauthor=False))


def quiet_third_parties() -> None:
    """Keep every library we use offline and silent about telemetry."""
    for key, value in {
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)
