#!/usr/bin/env python3
"""Times WeasyPrint rendering one HTML file to PDF, for comparison with Rekindle's own renderer.

Usage: weasyprint-bench.py HTML_FILE RUNS

Imports WeasyPrint once, renders the file once to warm up (fonts, caches), then RUNS more times,
each time to PDF bytes in memory. Prints one line of JSON:
    {"median_ms": ..., "p95_ms": ..., "pages": N, "bytes": N, "runs": N, "weasyprint": "70.0"}
where pages and bytes describe the last rendering. Relative URLs (images, stylesheets) resolve
against the HTML file's folder. Run it with the virtualenv's Python that scripts/install-deps.sh
makes: $HOME/.cache/rekindle/weasyprint-venv/bin/python.
"""

import json
import math
import os
import statistics
import sys
import time


def percentile(sorted_ms, fraction):
    """Nearest-rank percentile of an already sorted, non-empty list."""
    rank = max(1, math.ceil(fraction * len(sorted_ms)))
    return sorted_ms[rank - 1]


def main(argv):
    if len(argv) != 3:
        print(f"usage: {os.path.basename(argv[0])} HTML_FILE RUNS", file=sys.stderr)
        return 2
    path, runs_text = argv[1], argv[2]
    try:
        runs = int(runs_text)
    except ValueError:
        runs = 0
    if runs < 1:
        print("RUNS must be a whole number of at least 1", file=sys.stderr)
        return 2
    try:
        with open(path, encoding="utf-8") as f:
            html_text = f.read()
    except OSError as e:
        print(f"cannot read {path}: {e}", file=sys.stderr)
        return 1

    import weasyprint  # imported once, outside the timings

    base_url = os.path.dirname(os.path.abspath(path)) + os.sep

    def render():
        document = weasyprint.HTML(string=html_text, base_url=base_url).render()
        return len(document.pages), document.write_pdf()

    render()  # warm-up
    timings_ms = []
    pages, pdf = 0, b""
    for _ in range(runs):
        start = time.perf_counter()
        pages, pdf = render()
        timings_ms.append((time.perf_counter() - start) * 1000.0)
    timings_ms.sort()
    print(
        json.dumps(
            {
                "median_ms": round(statistics.median(timings_ms), 3),
                "p95_ms": round(percentile(timings_ms, 0.95), 3),
                "pages": pages,
                "bytes": len(pdf),
                "runs": runs,
                "weasyprint": weasyprint.__version__,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
