"""The ``disclosure-qa`` command: parses arguments, calls the library, renders the result.

Diagnostics go to stderr; with ``--json`` stdout holds only JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from assistant.config import Settings, quiet_third_parties
from assistant.errors import DisclosureQAError


def _store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="the store folder (default: $DISCLOSURE_QA_DATA or a per-user data folder)")
    p.add_argument("--embedder", help="e5 (default) or sentence-transformers:PATH")
    p.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 (default: $DISCLOSURE_QA_CHROMA_URL or embedded)")


def _settings(args) -> Settings:
    return Settings.resolve(args.data_dir, args.embedder, args.chroma_url)


def cmd_ingest(args) -> int:
    from ingest.store import Store

    store = Store(_settings(args))
    report = store.ingest(args.paths or None, progress=not args.json)
    if args.json:
        print(json.dumps({"documents": [asdict(d) for d in report.documents], "seconds": round(report.seconds, 3), "errors": report.errors, "warnings": store.warnings}, ensure_ascii=False))
    else:
        for d in report.documents:
            print(f"{d.id}  {d.department} {d.year or ''}  [{d.status}]")
            print(
                f"  sections {d.sections} · figures {d.figures} · tables {d.tables} · indicators {d.indicators} · "
                f"glossary terms {d.glossary} · passages {d.passages} · embedded {d.embedded}"
            )
            print(f"  coverage {d.coverage_percent}% of {d.numbers} numbers in records ({d.unparsed} unparsed)")
            for w in d.warnings:
                print(f"  warning: {w}", file=sys.stderr)
        print(f"{len(report.documents)} document(s) in {report.seconds:.2f} s · store {store.dir}")
        for e in report.errors:
            print(f"error: {e}", file=sys.stderr)
    return 1 if report.errors and not report.documents else (2 if report.errors else 0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="disclosure-qa", description="Questions and answers over a 部门决算公开说明, with exact figures and citations.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="ingest disclosure text files (default: the bundled one)")
    p.add_argument("paths", nargs="*", help="UTF-8 or GB18030 text files")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    _store_options(p)
    p.set_defaults(func=cmd_ingest)
    return parser


def main(argv: list[str] | None = None) -> int:
    quiet_third_parties()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DisclosureQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
