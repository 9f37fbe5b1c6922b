#!/usr/bin/env python3
"""Summarises a JFR recording of Ordo taken during a benchmark phase (docs/benchmarks.md, "Profiling").

  ORDO_JVM_OPTS="-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile" \
    BENCH_SKIP_ENGINE=1 BENCH_PHASES="cost saturation" BENCH_LATENCIES=0 BENCH_NO_DOC=1 ./scripts/benchmark.sh
  python3 bench/jfr_summary.py /tmp/jfr/*.jfr --from 23:16:35 --to 23:17:30 [--match 'dev\\.ordo|Cmd\\.execute'] [--under REGEX]

Prints, for the samples between --from and --to (the phase's times from benchmark.sh's log): the share of
CPU samples per thread kind, the share of samples each method is on the stack of (inclusive; methods
matching --match; with --under only the samples with a frame matching it on the stack), and the CPU
share of each thread kind from jdk.ThreadCPULoad (the JIT compiler threads appear there, not among the
samples).
"""
import argparse
import collections
import re
import subprocess


def events(recording, kind, depth=256):
    out = subprocess.run(["jfr", "print", "--stack-depth", str(depth), "--events", kind, recording],
                         capture_output=True, text=True, check=True).stdout
    event = None
    for line in out.splitlines():
        if line.startswith("jdk."):  # "jdk.ExecutionSample {": an event begins
            event = {"frames": []}
        elif event is None:
            continue
        elif line == "}":
            yield event
            event = None
        else:
            text = line.strip()
            if m := re.match(r"startTime = (\d\d:\d\d:\d\d)", text):
                event["t"] = m.group(1)
            elif m := re.match(r'(sampledThread|eventThread) = "(.*)" \(', text):
                event["thread"] = re.sub(r"\d+", "#", m.group(2))
            elif m := re.match(r"(user|system) = ([\d.]+)%", text):
                event[m.group(1)] = float(m.group(2))
            elif line.startswith("    ") and "line:" in text:
                event["frames"].append(re.sub(r"\(.*$", "", text))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("recording")
    p.add_argument("--from", dest="start", default="00:00:00")
    p.add_argument("--to", dest="end", default="23:59:59")
    p.add_argument("--match", default=r"dev\.ordo")
    p.add_argument("--top", type=int, default=60)
    p.add_argument("--under", help="only samples with a frame matching this on the stack (shares stay of all samples)")
    a = p.parse_args()
    within = lambda e: a.start <= e.get("t", "") <= a.end
    samples = [e for e in events(a.recording, "jdk.ExecutionSample") if within(e)]
    n = len(samples) or 1
    print(f"{len(samples)} CPU samples between {a.start} and {a.end}")
    if a.under:
        samples = [e for e in samples if any(re.search(a.under, f) for f in e["frames"])]
        print(f"{len(samples)} of them ({100 * len(samples) / n:.1f} %) with {a.under} on the stack")
    for thread, count in collections.Counter(e.get("thread") for e in samples).most_common(10):
        print(f"{100 * count / n:5.1f} %  {thread}")
    print(f"\non the stack of (inclusive), methods matching {a.match}:")
    inclusive = collections.Counter(f for e in samples for f in set(e["frames"]))
    shown = 0
    for method, count in inclusive.most_common():
        if re.search(a.match, method) and shown < a.top:
            print(f"{100 * count / n:5.1f} %  {method}")
            shown += 1
    load = collections.Counter()
    for e in events(a.recording, "jdk.ThreadCPULoad", depth=0):
        if within(e):
            load[e.get("thread")] += e.get("user", 0) + e.get("system", 0)
    total = sum(load.values()) or 1
    print("\nCPU by thread kind (jdk.ThreadCPULoad):")
    for thread, value in load.most_common(8):
        print(f"{100 * value / total:5.1f} %  {thread}")


if __name__ == "__main__":
    main()
