#!/usr/bin/env python3
"""Turns scripts/bench.sh's measurements into bench/results/LATEST.json and a table on stdout.
usage: report.py RESULTS.jsonl BUILD REPEAT OUT.json"""
import datetime
import json
import os
import platform
import subprocess
import sys

results_path, build, repeat, out = sys.argv[1:5]
text = open(results_path).read()
rows, decoder, at = [], json.JSONDecoder(), 0
while at < len(text.strip()):
    while text[at].isspace():
        at += 1
    row, at = decoder.raw_decode(text, at)
    rows.append(row)


def output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


machine = {
    "cpus": os.cpu_count(),
    "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown"),
    "os": platform.platform(),
    "swift": output(["swift", "--version"]),
    "postgresql": output(["psql", "--version"]),
    "build": build,
    "repeat": int(repeat),
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
}
for row in rows:
    row["referrals_per_s"] = round(row["loaded"] / row["full_s"])
    row["mb_per_s"] = round(row["json_mb"] / row["full_s"], 1)
    row["full_vs_copy_floor"] = round(row["full_s"] / row["floor_copy_s"], 2)
    row["full_vs_fetch_floor"] = round(row["full_s"] / row["floor_fetch_s"], 2)
    row["refresh_vs_full"] = round(row["refresh_s"] / row["full_s"], 2)
json.dump({"machine": machine, "results": rows}, open(out, "w"), indent=2)
open(out, "a").write("\n")

print(f"machine: {machine['cpus']} cores, {machine['memory_gib']} GiB, {machine['cpu']}; {machine['postgresql']}; "
      f"{build} build; medians of {repeat}; {machine['date']}")
print("| referrals | full load | referrals/s | MB/s | peak RSS | floor: curl | floor: psql \\copy | full / copy floor "
      "| full refresh (unchanged) | rows it rewrote | incremental (5 %) | no change (pages) |")
print("| " + " | ".join(["---"] * 12) + " |")
for r in rows:
    print(f"| {r['referrals']:,} | {r['full_s']:.1f} s | {r['referrals_per_s']:,} | {r['mb_per_s']} | "
          f"{r['full_rss_mb']:.0f} MB | {r['floor_fetch_s']:.1f} s | {r['floor_copy_s']:.1f} s | "
          f"{r['full_vs_copy_floor']}x | {r['refresh_s']:.1f} s ({r['refresh_vs_full']}x) | "
          f"{r['refresh_rewrote_referrals']:,} | {r['incremental_s']:.1f} s | {r['nochange_s']:.1f} s "
          f"({r['nochange_pages']}) |")
for r in rows:
    for ms, figures in sorted(r.get("latency", {}).items()):
        one = figures["slices_1_s"]
        runs = ", ".join(f"{k.split('_')[1]}: {v:.1f} s ({one / v:.1f}x)" for k, v in sorted(
            figures.items(), key=lambda item: int(item[0].split("_")[1])))
        print(f"slices, {r['referrals']:,} referrals at {ms} ms per page: {runs}")
print(f"written to {out}")
