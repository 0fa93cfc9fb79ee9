"""Issue 13's figures over the corpus: the PDF mid-term report's lines that begin with closing
punctuation and its page count, and the server time of the pages added for it (the indicator
list, its workbook, the region comparison).

    PYTHONPATH=src .venv/bin/python bench/ux.py [CORPUS_DIR] [--observations CSV] [-r RUNS]

Loads the corpus plans and the observations into a fresh SQLite store, then prints, per plan, the
report's pages and lines (text extracted with pdfplumber) and how many lines begin with
，。、；：？！）」』】; then best-of-RUNS milliseconds per address as an administrator. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

import pdfplumber
from fastapi.testclient import TestClient

from plantrack.api import create_app
from plantrack.load import load_files
from plantrack.observations.importer import import_file
from plantrack.store.db import open_store

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))
from timing import best_of  # noqa: E402

CLOSERS = "，。、；：？！）」』】"
ADDRESSES = ("/", "/indicators", "/indicators?status=滞后", "/indicators.xlsx", "/compare?concept=森林覆盖率", "/compare")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--observations", default=str(REPO.parent / "shared" / "data" / "observations.csv"))
    ap.add_argument("-r", "--runs", type=int, default=5)
    args = ap.parse_args()
    from tests.userfixtures import add_user, bearer

    with tempfile.TemporaryDirectory() as tmp:
        factory = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        outcomes = load_files(factory, sorted(Path(args.corpus).glob("*.txt")))
        import_file(factory, Path(args.observations))
        add_user(factory, "admin", "admin")
        client = TestClient(create_app(factory), headers=bearer(factory, "admin"))
        print("PDF report (midterm, 2023): plan, pages, lines, lines beginning with closing punctuation")
        for o in outcomes:
            data = client.get(f"/plans/{o.key}/report?format=pdf&year=2023").content
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                lines = [ln for p in pdf.pages for ln in (p.extract_text() or "").split("\n")]
                pages = len(pdf.pages)
            print(f"  {o.key:32} {pages:3} {len(lines):5} {sum(1 for ln in lines if ln[:1] in CLOSERS):3}")
        print(f"page server time, best of {args.runs} (ms)")
        for address in ADDRESSES:
            client.get(address)  # first request fills the evaluation cache, as on a running server
            ms = best_of(args.runs, lambda: client.get(address)) * 1000
            print(f"  {address:32} {ms:8.1f}")


if __name__ == "__main__":
    main()
