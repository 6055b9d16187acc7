#!/usr/bin/env python3
"""Turn bench/run.sh's raw times into the Markdown report (bench/RESULTS.md).

usage: report.py TIMES.tsv META.env [FAILURES.md]

TIMES.tsv has one line per timed run:
    part scenario tool rep seconds status setup_ms setup_kind
META.env has key=value lines (machine, versions, sizes). Medians are taken
over the runs that succeeded; a ratio is otel median / plain median.
"""
import statistics
import sys

SCENARIOS = [
    ("cold", "cold: empty GOCACHE, no .otel-build/"),
    ("first", "first otel build after a plain build (plain: no-change rebuild)"),
    ("nochange", "no-change rebuild"),
    ("edit", "one-file body edit (no rule targets the file)"),
    ("import", "one import added (`import _ \"database/sql\"`, go.mod unchanged)"),
    ("rules", "rule file edited (plain: no-change rebuild)"),
]
PROGRAMS = ["small", "service", "large"]


def load_times(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 8:
                continue
            part, scen, tool, rep, secs, status, setup_ms, kind = parts[:8]
            rows.append({
                "part": part, "scen": scen, "tool": tool, "rep": rep,
                "secs": float(secs), "ok": status == "ok",
                "setup_ms": None if setup_ms == "-" else float(setup_ms),
                "kind": kind,
            })
    return rows


def load_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    return meta


def runs(rows, part, scen, tool):
    return [r for r in rows if r["part"] == part and r["scen"] == scen and r["tool"] == tool]


def median_secs(rows, part, scen, tool):
    ok = [r["secs"] for r in runs(rows, part, scen, tool) if r["ok"]]
    return statistics.median(ok) if ok else None


def fmt_s(x):
    return "—" if x is None else f"{x:.2f}"


def fmt_ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def fmt_runs(rows, part, scen, tool):
    rs = runs(rows, part, scen, tool)
    return ", ".join(f"{r['secs']:.2f}" + ("" if r["ok"] else " (failed)") for r in rs)


def setup_summary(rows, scen):
    rs = [r for r in runs(rows, "module", scen, "otel") if r["setup_ms"] is not None]
    if not rs:
        return "—"
    kinds = sorted({r["kind"] for r in rs})
    return f"{statistics.median(r['setup_ms'] for r in rs):.1f} ({'/'.join(kinds)})"


def setup_ms(rows, scens, kind):
    return [r["setup_ms"] for r in rows
            if r["part"] == "module" and r["tool"] == "otel" and r["scen"] in scens
            and r["setup_ms"] is not None and r["kind"] == kind]


def module_section(out, rows, meta, tools):
    out.append(f"## Module of {meta.get('n', '?')} packages (bench/gen)\n")
    out.append(f"{meta.get('module', '')}. Built with `go build -o DIR/ ./...` "
               "(two main packages linked) and `otel --rules RULES -v go build -o DIR/ ./...`, "
               f"RULES being a copy of the built-in rules ({meta.get('rules', '').strip()}). "
               f"Median seconds of {meta.get('reps', '?')} runs per cell; plain and otel alternate.\n")
    head = "| scenario | plain (s) | otel (s) | otel/plain | otel setup, ms (hit/miss) |"
    sep = "|---|---:|---:|---:|---:|"
    if "otelc" in tools:
        head += " otelc (s) | otelc/plain |"
        sep += "---:|---:|"
    out += [head, sep]
    for scen, label in SCENARIOS:
        p = median_secs(rows, "module", scen, "plain")
        o = median_secs(rows, "module", scen, "otel")
        line = f"| {label} | {fmt_s(p)} | {fmt_s(o)} | {fmt_ratio(o, p)} | {setup_summary(rows, scen)} |"
        if "otelc" in tools:
            c = median_secs(rows, "module", scen, "otelc")
            line += f" {fmt_s(c)} | {fmt_ratio(c, p)} |"
        out.append(line)
    gl = median_secs(rows, "module", "golist", "go list")
    out.append("")
    out.append(f"`go list -deps -json=<otel's fields> ./...` alone (warm cache): median {fmt_s(gl)} s.\n")
    out.append("Every run (seconds):\n")
    for scen, _ in SCENARIOS:
        for tool in tools:
            if runs(rows, "module", scen, tool):
                out.append(f"- {scen} / {tool}: {fmt_runs(rows, 'module', scen, tool)}")
    if runs(rows, "module", "golist", "go list"):
        out.append(f"- go list: {fmt_runs(rows, 'module', 'golist', 'go list')}")
    out.append("")
    return gl


def setup_section(out, rows):
    out.append("## otel setup time (from `-v`: `setup: ... in N ms`)\n")
    out.append("| case | median ms | runs |")
    out.append("|---|---:|---:|")
    cases = [
        ("hit (no-change, body edit)", ["nochange", "edit"], "hit"),
        ("miss, cold (no .otel-build/, empty GOCACHE)", ["cold"], "miss"),
        ("miss, first after plain (no .otel-build/)", ["first"], "miss"),
        ("miss, import added", ["import"], "miss"),
        ("miss, rule file edited", ["rules"], "miss"),
        ("hit where a miss was due (import added)", ["import"], "hit"),
        ("hit where a miss was due (rule file edited)", ["rules"], "hit"),
        ("miss where a hit was due (no-change, body edit)", ["nochange", "edit"], "miss"),
    ]
    for label, scens, kind in cases:
        v = setup_ms(rows, scens, kind)
        if v or "where" not in label:
            out.append(f"| {label} | {f'{statistics.median(v):.1f}' if v else '—'} | {len(v)} |")
    out.append("")


def upstream_section(out, rows, meta, tools):
    out.append("## Upstream-style: full rebuilds (`-a` on both sides), interleaved\n")
    out.append(f"`go build -a -o /dev/null .` vs `otel go build -a -o /dev/null .` (built-in rules), "
               f"median of {meta.get('upstream_reps', '?')} runs each, one shared GOCACHE. "
               "Programs in bench/programs/.\n")
    head = "| program | packages | plain -a (s) | otel -a (s) | otel/plain |"
    sep = "|---|---|---:|---:|---:|"
    if "otelc" in tools:
        head += " otelc (s) | otelc/plain |"
        sep += "---:|---:|"
    out += [head, sep]
    desc = {
        "small": "small: stdlib only, no library rule matches",
        "service": "service: net/http, gRPC, database/sql, Redis",
        "large": "large: many third-party libraries, no library rule matches",
    }
    for prog in PROGRAMS:
        if not any(runs(rows, "upstream", prog, t) for t in tools):
            continue
        p = median_secs(rows, "upstream", prog, "plain")
        o = median_secs(rows, "upstream", prog, "otel")
        line = f"| {desc[prog]} | {meta.get('program_' + prog, '?')} | {fmt_s(p)} | {fmt_s(o)} | {fmt_ratio(o, p)} |"
        if "otelc" in tools:
            c = median_secs(rows, "upstream", prog, "otelc")
            line += f" {fmt_s(c)} | {fmt_ratio(c, p)} |"
        out.append(line)
    out.append("\nEvery run (seconds):\n")
    for prog in PROGRAMS:
        for tool in tools:
            if runs(rows, "upstream", prog, tool):
                out.append(f"- {prog} / {tool}: {fmt_runs(rows, 'upstream', prog, tool)}")
    out.append("")


def verdict(ok):
    return "—" if ok is None else ("met" if ok else "**missed**")


def targets_section(out, rows, golist):
    out.append("## Targets (issue 4, at N=1000)\n")
    out.append("| target | measured | |")
    out.append("|---|---|---|")

    def ratio_target(label, scen, limit):
        p = median_secs(rows, "module", scen, "plain")
        o = median_secs(rows, "module", scen, "otel")
        r = None if p is None or o is None or p == 0 else o / p
        out.append(f"| {label} ≤ {limit:.2f}× plain | {fmt_ratio(o, p)} ({fmt_s(o)} s vs {fmt_s(p)} s) "
                   f"| {verdict(None if r is None else r <= limit)} |")

    ratio_target("no-change rebuild", "nochange", 1.05)
    ratio_target("one-file edit", "edit", 1.10)
    ratio_target("cold", "cold", 1.25)
    hits = setup_ms(rows, ["nochange", "edit"], "hit")
    misses_due = setup_ms(rows, ["nochange", "edit"], "miss")
    if hits:
        h = statistics.median(hits)
        note = f"; {len(misses_due)} of those runs missed" if misses_due else ""
        out.append(f"| setup on a hit ≤ 20 ms | {h:.1f} ms (median of {len(hits)}{note}) | {verdict(h <= 20 and not misses_due)} |")
    else:
        out.append("| setup on a hit ≤ 20 ms | no hit seen | **missed** |")
    for label, scens in [("import added", ["import"]), ("rule file edited", ["rules"]),
                         ("first after plain", ["first"])]:
        m = setup_ms(rows, scens, "miss")
        if not m or golist is None:
            out.append(f"| setup on a miss ({label}) ≤ go list + 100 ms | no miss seen | — |")
            continue
        limit = golist * 1000 + 100
        med = statistics.median(m)
        out.append(f"| setup on a miss ({label}) ≤ go list + 100 ms | {med:.0f} ms vs {limit:.0f} ms "
                   f"(go list {golist * 1000:.0f} ms) | {verdict(med <= limit)} |")
    out.append("")


def wrapper_section(out, meta):
    d = float(meta["wrapper_direct_ms"])
    w = float(meta["wrapper_wrapped_ms"])
    out.append("## toolexec wrapper: cost per tool call (pass-through path)\n")
    out.append(f"Mean of {meta.get('wrapper_calls', '?')} calls of `compile -V=full`, directly and "
               "through `otel toolexec` (interleaved). Every tool call of a build that instruments a "
               "package beneath GOMODCACHE pays the difference once; no other build runs the wrapper.\n")
    out += ["| direct (ms) | through otel (ms) | added per call (ms) |", "|---:|---:|---:|",
            f"| {d:.3f} | {w:.3f} | {w - d:.3f} |", ""]


def main():
    rows = load_times(sys.argv[1])
    meta = load_meta(sys.argv[2])
    failures = ""
    if len(sys.argv) > 3:
        try:
            with open(sys.argv[3]) as f:
                failures = f.read()
        except OSError:
            pass
    tools = ["plain", "otel"] + (["otelc"] if any(r["tool"] == "otelc" for r in rows) else [])
    parts = meta.get("parts", "module,upstream").split(",")
    out = ["# Build-time benchmark: `otel go build` vs `go build`\n",
           "Tables written by `make bench` (bench/run.sh, bench/report.py): rerun the "
           "benchmark rather than editing them. Wall-clock seconds. A run overwrites this "
           "file; any analysis below the tables was added by hand after the run it describes.\n",
           "## Machine\n",
           f"- date: {meta.get('date', '?')}",
           f"- CPU: {meta.get('cpu', '?')}, nproc {meta.get('nproc', '?')}",
           f"- memory: {meta.get('mem', '?')}",
           f"- {meta.get('go', '?')}; {meta.get('kernel', '?')}",
           f"- otel: {meta.get('otel', '?')}",
           f"- load average (1/5/15 min) at start: {meta.get('load_start', '?')}, at end: {meta.get('load_end', '?')} "
           "(other jobs may share the machine; plain and otel alternate so both see the same load)",
           f"- upstream otelc: {meta.get('otelc', '?')}",
           ""]
    golist = None
    if "module" in parts:
        golist = module_section(out, rows, meta, tools)
        setup_section(out, rows)
    if "wrapper" in parts and "wrapper_direct_ms" in meta:
        wrapper_section(out, meta)
    if "upstream" in parts:
        upstream_section(out, rows, meta, tools)
    if "module" in parts:
        targets_section(out, rows, golist)
    if failures:
        out.append("## Failed builds (last lines of the log)\n")
        out.append(failures)
    print("\n".join(out))


if __name__ == "__main__":
    main()
