#!/usr/bin/env python3
"""Turns scripts/bench.sh's measurements into bench/results/LATEST.json and tables (Markdown) on stdout.
usage: report.py RESULTS.jsonl SLICES.json BUILD REPEAT OUT.json"""
import datetime
import json
import os
import platform
import subprocess
import sys

results_path, slices_path, build, repeat, out = sys.argv[1:6]
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
slices = json.load(open(slices_path))
for row in rows:
    row["referrals_per_s"] = round(row["loaded"] / row["full_s"])
    row["mb_per_s"] = round(row["json_mb"] / row["full_s"], 1)
    row["full_vs_copy_floor"] = round(row["full_s"] / row["floor_copy_s"], 2)
    row["full_vs_fetch_floor"] = round(row["full_s"] / row["floor_fetch_s"], 2)
    row["refresh_vs_full"] = round(row["refresh_s"] / row["full_s"], 2)
json.dump({"machine": machine, "results": rows, **slices}, open(out, "w"), indent=2)
open(out, "a").write("\n")

print(f"machine: {machine['cpus']} cores, {machine['memory_gib']} GiB, {machine['cpu']}; {machine['postgresql']}; "
      f"{build} build; medians of {repeat}; {machine['date']}")
print()
print("| referrals | full load | referrals/s | MB/s | peak RSS | floor: curl | floor: psql \\copy | full / copy floor "
      "| full refresh (unchanged) | rows it rewrote | incremental (5 %) | no change (pages) |")
print("| " + " | ".join(["---"] * 12) + " |")
for r in rows:
    print(f"| {r['referrals']:,} | {r['full_s']:.1f} s | {r['referrals_per_s']:,} | {r['mb_per_s']} | "
          f"{r['full_rss_mb']:.0f} MB | {r['floor_fetch_s']:.1f} s | {r['floor_copy_s']:.1f} s | "
          f"{r['full_vs_copy_floor']}x | {r['refresh_s']:.1f} s ({r['refresh_vs_full']}x) | "
          f"{r['refresh_rewrote_referrals']:,} | {r['incremental_s']:.1f} s | {r['nochange_s']:.1f} s "
          f"({r['nochange_pages']}) |")
print()
stage_names = list(rows[0]["full_stages"])
print("| full load: seconds per stage (they overlap) | " + " | ".join(n.removesuffix("_s") for n in stage_names) + " |")
print("| " + " | ".join(["---"] * (len(stage_names) + 1)) + " |")
for r in rows:
    print(f"| {r['referrals']:,} referrals | " + " | ".join(f"{r['full_stages'][n]:.1f}" for n in stage_names) + " |")
runs = slices["slices"].values()
if runs:
    print()
    print(f"| slices ({slices['slice_referrals']:,} skewed referrals) | per page | 429s | wall | pages | speed-up | same rows |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
for run in runs:
    one = next(x for x in runs if x["ms"] == run["ms"] and x["throttled"] == run["throttled"] and x["slices"] == 1)
    print(f"| {run['slices']} | {run['ms']} ms | {run['throttled'] * 100:.0f} % | {run['s']:.1f} s | {run['pages']} | "
          f"{one['s'] / run['s']:.1f}x | {'yes' if run['same_rows'] else 'NO'} |")
for n, run in slices.get("rss_from_simulator", {}).items():
    print(f"peak RSS, full load of {int(n):,} referrals from the simulator: {run['rss_mb']} MB ({run['s']:.0f} s)")
print(f"written to {out}")
