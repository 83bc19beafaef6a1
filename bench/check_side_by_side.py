#!/usr/bin/env python3
"""Runs Porcupine (through porcupine-check) and rrt check on the same history files, alternating,
and prints the time ratio per group and in total. Driven by bench/check_vs_porcupine.sh, which
builds both and writes the corpus; see there and bench/README-check.md.

Each file is checked REPEAT times by each tool, in alternating order (Porcupine first on odd
repeats, rrt first on even ones); the fastest run of each counts. Times:
  rrt:       read (reading and converting the file), search (the verdict), explain (building
             the counterexample of an invalid history), wall (the whole process);
  Porcupine: read (reading and converting the file in the Go driver), check (CheckOperations:
             the verdict; it builds no counterexample), wall.
Ratios are Porcupine / rrt: above 1, rrt is faster. "verdict" compares the two tools and the
answer known in advance (Porcupine's own tests, Knossos' good/ and bad/, or by construction).
"""
import argparse
import collections
import json
import resource
import subprocess
import sys
import time


def run_json(cmd, memory_mb):
    """Runs cmd with its address space capped; returns its JSON output (None if it died, e.g.
    out of memory) and its wall time."""
    def cap():
        limit = memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=cap)
    wall = time.perf_counter() - start
    try:
        return json.loads(proc.stdout), wall
    except json.JSONDecodeError:
        print(f"no verdict from {' '.join(cmd)} (exit {proc.returncode}): "
              f"{proc.stderr.strip()[-200:]}", file=sys.stderr)
        return None, wall


def run_rrt(args, entry):
    out, wall = run_json([args.rrt, "check", entry["file"], "--model", entry["model"],
                          "--initial", entry["initial"], "--time-limit", str(args.timeout),
                          "-o", "json"], args.memory_mb)
    if out is None:  # counted as a run that used its whole time budget
        return {"verdict": "died", "ops": 0, "read": 0.0, "search": wall, "explain": 0.0,
                "wall": wall}
    return {"verdict": out["verdict"], "ops": out["ops"], "read": out["read_seconds"],
            "search": out.get("search_seconds", out["seconds"]),
            "explain": out.get("explain_seconds", 0.0), "wall": wall}


def run_porcupine(args, entry):
    out, wall = run_json([args.porcupine, "check", "-model", entry["model"], "-initial",
                          entry["initial"], "-timeout", str(args.timeout), entry["file"]],
                         args.memory_mb)
    if out is None:
        return {"verdict": "died", "read": 0.0, "check": wall, "wall": wall}
    return {"verdict": out["verdict"], "read": out["read_s"], "check": out["check_s"],
            "wall": wall}


def fastest(runs):
    best = dict(runs[0])
    for r in runs[1:]:
        for k, v in r.items():
            if isinstance(v, float):
                best[k] = min(best[k], v)
    return best


def measure(args, entry):
    rrt_runs, pc_runs = [], []
    for i in range(args.repeat):
        order = [(run_porcupine, pc_runs), (run_rrt, rrt_runs)]
        for run, runs in order if i % 2 == 0 else reversed(order):
            runs.append(run(args, entry))
    return fastest(rrt_runs), fastest(pc_runs)


def ratio(a, b):
    return f"{a / b:.1f}x" if b > 0 else "-"


def report(rows, title):
    groups = collections.OrderedDict()
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    head = (f"{'group':<22} {'files':>5} {'ops':>9} {'verdicts':>9} {'porc check':>10} "
            f"{'rrt search':>10} {'ratio':>7} {'porc total':>10} {'rrt total':>10} {'ratio':>7} "
            f"{'rrt read':>8} {'explain':>8}")
    print(f"\n{title}\n{head}\n{'-' * len(head)}")

    def line(name, rs):
        agree = sum(r["agree"] for r in rs)
        pc_check = sum(r["pc"]["check"] for r in rs)
        rrt_search = sum(r["rrt"]["search"] for r in rs)
        pc_total = sum(r["pc"]["read"] + r["pc"]["check"] for r in rs)
        rrt_total = sum(r["rrt"]["read"] + r["rrt"]["search"] + r["rrt"]["explain"] for r in rs)
        print(f"{name:<22} {len(rs):>5} {sum(r['rrt']['ops'] for r in rs):>9} "
              f"{agree:>4}/{len(rs):<4} {pc_check:>10.3f} {rrt_search:>10.3f} "
              f"{ratio(pc_check, rrt_search):>7} {pc_total:>10.3f} {rrt_total:>10.3f} "
              f"{ratio(pc_total, rrt_total):>7} {sum(r['rrt']['read'] for r in rs):>8.3f} "
              f"{sum(r['rrt']['explain'] for r in rs):>8.3f}")

    for name, rs in groups.items():
        line(name, rs)
    print("-" * len(head))
    line("total", rows)


def throughput(rows):
    tput = [r for r in rows if r["group"].startswith("tput-")]
    if not tput:
        return
    print(f"\nthroughput (ops checked per second; rrt total = read + search + explain)")
    print(f"{'history':<16} {'ops':>9} {'rrt search':>12} {'rrt total':>12} {'porc check':>12} "
          f"{'porc total':>12} {'verdicts':>9}")
    for r in tput:
        ops = r["rrt"]["ops"]
        rrt_total = r["rrt"]["read"] + r["rrt"]["search"] + r["rrt"]["explain"]
        pc_total = r["pc"]["read"] + r["pc"]["check"]
        per = lambda s: f"{ops / s:,.0f}" if s > 0 else "-"
        print(f"{r['group']:<16} {ops:>9} {per(r['rrt']['search']):>12} {per(rrt_total):>12} "
              f"{per(r['pc']['check']):>12} {per(pc_total):>12} "
              f"{'agree' if r['agree'] else 'DIFFER':>9}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("manifest", help="TSV: group, file, model, initial, expected verdict")
    p.add_argument("--rrt", required=True)
    p.add_argument("--porcupine", required=True, help="the porcupine-check driver")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--timeout", type=float, default=60, help="seconds per check, both tools")
    p.add_argument("--memory-mb", type=int, default=4096,
                   help="address space cap per check (MiB), both tools")
    p.add_argument("--groups", default="", help="only groups whose name contains this")
    p.add_argument("--json", help="also write every measurement here")
    args = p.parse_args()
    entries = []
    for line in open(args.manifest):
        group, file, model, initial, expected = line.rstrip("\n").split("\t")
        if args.groups in group:
            entries.append(dict(group=group, file=file, model=model, initial=initial,
                                expected=expected))
    rows, differ = [], []
    for n, e in enumerate(entries, 1):
        rrt, pc = measure(args, e)
        known = e["expected"] in ("valid", "invalid")
        pc_decided = pc["verdict"] in ("valid", "invalid")
        agree = ((rrt["verdict"] == pc["verdict"] or not pc_decided) and
                 (not known or rrt["verdict"] == e["expected"]) and
                 rrt["verdict"] in ("valid", "invalid"))
        rows.append(dict(e, rrt=rrt, pc=pc, agree=agree))
        if not agree:
            differ.append(f"{e['file']}: rrt {rrt['verdict']}, Porcupine {pc['verdict']}, "
                          f"expected {e['expected']}")
        print(f"[{n}/{len(entries)}] {e['file']}: {rrt['verdict']} "
              f"(rrt {rrt['search']:.4f} s, Porcupine {pc['check']:.4f} s)", file=sys.stderr)
    corpus = [r for r in rows if not r["group"].startswith("tput-")]
    decided = [r for r in corpus if r["pc"]["verdict"] in ("valid", "invalid")]
    report(decided, "corpus: the histories Porcupine decided")
    undecided = [r for r in corpus if r not in decided]
    if undecided:
        report(undecided, f"the histories Porcupine did not decide within {args.timeout:g} s "
               f"and {args.memory_mb} MiB (its time there is a lower bound)")
    throughput(rows)
    for d in differ:
        print("verdicts differ:", d)
    if args.json:
        json.dump(rows, open(args.json, "w"), indent=1)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
