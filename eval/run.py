"""`make eval`: every quality figure storyline reports, each beside its baseline.

1. Extraction (entities, quotes, figures, events) on the bundled sample corpus
   and on the held-out set, with spaCy NER and textacy as baselines.
2. HTML ingestion (body, title, author, date) on real pages in ../shared/data,
   beside trafilatura alone; skipped when that folder is absent.
   Pages saved as text (the whole page pasted): line-level boilerplate removal
   against the same pages' gold bodies, dev and held-out pages apart.
3. Cross-checking on real multi-outlet news (ECB+ topics 1-35 in ../shared/data):
   story grouping and cross-article links, beside a TF-IDF and an embedding
   baseline (each at its best dev F1 and at link precision >= 0.80), dev topics
   (fitted) and held-out topics reported apart.
4. Disagreements on hand-labelled ECB+ sentence pairs, per kind, dev and
   held-out splits, beside a "numbers differ" baseline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    steps = [
        [sys.executable, str(HERE / "extraction.py"), "--json", str(out / "extraction.json")],
        [sys.executable, str(HERE / "real_extraction.py"), "--json", str(out / "real_extraction.json")],
        [sys.executable, str(HERE / "html_ingestion.py"), "--json", str(out / "html_ingestion.json")],
        [sys.executable, str(HERE / "pasted_text.py"), "--json", str(out / "pasted_text.json")],
        [sys.executable, str(HERE / "crosscheck.py"), "--json", str(out / "crosscheck.json")],
        [sys.executable, str(HERE / "disagreements.py"), "--json", str(out / "disagreements.json")],
    ]
    failed = 0
    for step in steps:
        print(f"\n$ {' '.join(Path(s).name if s.startswith('/') else s for s in step)}", flush=True)
        failed += subprocess.call(step) != 0
    print(f"\nFigures written to {out}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
