#!/usr/bin/env python3
"""Prints JMH's JSON results (-rf json) as one table: ops/s, bytes/s where the benchmark counts
bytes, and bytes allocated per operation (-prof gc's gc.alloc.rate.norm)."""
import json
import sys


def main(path):
    rows = json.load(open(path))
    fmt = "{:<44} {:<28} {:>14} {:>12} {:>12}"
    print(fmt.format("benchmark", "params", "ops/s", "MB/s", "alloc B/op"))
    for r in rows:
        name = r["benchmark"].replace("io.jhttpd.kernel.engine.", "").replace("bench.jmh.", "")
        params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        score = r["primaryMetric"]["score"]
        sec = r.get("secondaryMetrics", {})
        mbs = sec.get("bytes", {}).get("score")
        alloc = sec.get("gc.alloc.rate.norm", {}).get("score")
        print(fmt.format(name, params, f"{score:,.0f}", f"{mbs / 1e6:,.1f}" if mbs else "-",
                         f"{alloc:,.0f}" if alloc is not None else "-"))


if __name__ == "__main__":
    main(sys.argv[1])
