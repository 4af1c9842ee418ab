"""The documents the tests read: the bundled disclosure and copies of the shared corpus.

``tests/corpus/`` holds copies of ``../shared/corpus`` (see its README) so that a clean clone —
CI's — tests against the same files.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED_DOCUMENT = REPO / "data" / "urumqi-housing-2023-final-accounts.txt"
CORPUS = Path(__file__).resolve().parent / "corpus"
FINANCE_PDF = CORPUS / "putuo-finance-2024-final-accounts.pdf"
TEMPLATE_PDF = CORPUS / "shanghai-final-accounts-template-2024.pdf"
CULTURE_TEXT = CORPUS / "putuo-culture-tourism-2025-final-accounts.txt"
STREET_TEXT = CORPUS / "putuo-shiquan-street-2025-final-accounts.txt"
