#!/usr/bin/env python3
"""Renders scripts/bench.sh's results.tsv as the Markdown tables of
docs/BENCHMARKS.md: for each database and workload, the API and its ceiling
with one client and with many, and the ratio API ÷ ceiling (requests/s)."""
import csv
import sys
from collections import OrderedDict

WORKLOADS = {
    "page": "page of 50 projects",
    "filtered": "filtered, sorted page",
    "project": "one project",
    "dashboard": "dashboard",
    "network": "network",
    "programme": "programme 2015–2026",
    "mix": "mixed reads",
    "writes": "writes",
}


def main(path):
    rows = OrderedDict()
    with open(path, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            key = (r["backend"], r["workload"])
            rows.setdefault(key, {})[(r["clients"], r["source"])] = r
    many = max(
        (int(c) for cells in rows.values() for (c, _) in cells), default=16
    )
    print(
        f"| database | workload | API p50 / p99 (1 client) | ceiling p50 / p99 (1 client) "
        f"| API req/s ({many} clients) | API p50 / p99 ({many}) | ceiling req/s ({many}) | API ÷ ceiling |"
    )
    print("|---|---|---|---|---|---|---|---|")

    def lat(cell):
        if not cell:
            return "–"
        return f"{float(cell['p50_ms']):.2f} / {float(cell['p99_ms']):.2f} ms"

    for (backend, workload), cells in rows.items():
        one_api, one_ceiling = cells.get(("1", "api")), cells.get(("1", "ceiling"))
        api, ceiling = cells.get((str(many), "api")), cells.get((str(many), "ceiling"))
        rps = lambda c: f"{float(c['requests_per_s']):,.0f}".replace(",", " ") if c else "–"
        ratio = (
            f"{float(api['requests_per_s']) / float(ceiling['requests_per_s']):.2f}"
            if api and ceiling and float(ceiling["requests_per_s"]) > 0
            else "–"
        )
        failed = sum(int(c["failed"]) for c in cells.values() if c["source"] == "api")
        name = WORKLOADS.get(workload, workload) + (f" ({failed} failed)" if failed else "")
        print(
            f"| {backend} | {name} | {lat(one_api)} | {lat(one_ceiling)} | {rps(api)} "
            f"| {lat(api)} | {rps(ceiling)} | {ratio} |"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/bench/results.tsv")
