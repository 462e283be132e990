"""
The benchmark's results as Markdown (bench/results/size-N.md), the goals met and missed, and
the README's generated block, which is the results file's own block copied: no figure in the
README is typed by hand.
"""

import re

BEGIN = "<!-- bench-goals: begin, written by make bench from {source} -->"
END = "<!-- bench-goals: end -->"
BLOCK = re.compile(
    r"<!-- bench-goals: begin, written by make bench from (?P<source>\S+) -->\n.*?\n"
    + re.escape(END),
    re.DOTALL,
)


def number(value, digits=2):
    return "n/a" if value is None else f"{value:.{digits}f}"


def floor_row(results, mode):
    return next(row for row in results["floor"] if row["mode"] == mode)


def goals(results):
    """Each goal, met or missed, with its figures in one sentence."""
    floor = floor_row(results, "miss")["worker_cpu_ms"]
    found = []
    for row in results["rows"]:
        if row["goal"] is None:
            continue
        found.append(
            {
                "goal": f"{row['page']}, cache miss",
                "met": row["met"],
                "text": f"{row['page']}, cache miss: {row['floor_multiple']:.1f}x the floor's "
                f"worker CPU ({row['worker_cpu_ms']:.1f} ms a request against {floor:.2f} ms; "
                f"goal at most {row['goal']:g}x)",
            }
        )
    day = results["editorial_day"]
    if day is None:
        return found
    between = day["share_between_publications_percent"]
    found.append(
        {
            "goal": "editorial day",
            "met": between is not None and between >= day["goal_percent"],
            "text": f"editorial day: {number(between)} % of anonymous requests served from the "
            f"page cache between publications ({number(day['share_percent'])} % of all, with "
            f"{day['saves']} saves, {day['submissions']} submissions and "
            f"{day['publications']} publications in {day['seconds']:.0f} s; goal at least "
            f"{day['goal_percent']} %)",
        }
    )
    return found


def block(results, source):
    meta = results["meta"]
    lines = [
        BEGIN.format(source=source),
        f"Run of {meta['date']}, {meta['size']} articles, on {meta['machine']}. Met "
        f"{sum(g['met'] for g in results['goals'])} of {len(results['goals'])} goals:",
        "",
        *(f"- {'Met' if g['met'] else '**Missed**'}: {g['text']}." for g in results["goals"]),
        END,
    ]
    return "\n".join(lines)


def table(results):
    head = [
        "page", "mode", "req/s", "p50 ms", "p99 ms", "errors", "SQL/req", "bytes",
        "worker CPU ms/req", "PostgreSQL CPU ms/req", "× floor (worker CPU)", "goal",
    ]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in [*results["floor"], *results["rows"]]:
        multiple = row.get("floor_multiple", 1.0)
        if row.get("goal") is None:
            goal = ""
        else:
            goal = f"≤ {row['goal']:g}x: {'met' if row['met'] else '**missed**'}"
        lines.append(
            f"| {row['page']} | {row['mode']} | {row['requests_per_s']:.0f} | "
            f"{row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | "
            f"{row['sql_per_request']} | {row['bytes']} | {row['worker_cpu_ms']:.2f} | "
            f"{number(row['postgres_cpu_ms'])} | {multiple:.2f} | {goal} |"
        )
    return lines


def editorial_day(day):
    lines = [
        "",
        "## Editorial day",
        "",
        f"{day['seconds']:.0f} s of anonymous visitors over {day['pages']} addresses (wrk, "
        f"{day['connections']} connections, the k-th address k times less often than the "
        f"first) while an editor saved {day['saves']} times and submitted "
        f"{day['submissions']} times through the admin and a reviewer approved and published "
        f"{day['publications']} articles, one a minute: {day['requests_per_s']:.0f} req/s, p50 "
        f"{day['p50_ms']:.1f} ms, p99 {day['p99_ms']:.1f} ms, {day['errors']} errors. Of "
        f"{day['requests']} anonymous requests, {day['hits']} were served from the page cache "
        f"({number(day['share_percent'])} %); {day['misses']} were misses, {day['refill_misses']} "
        "of them the refill after a publication (each address's misses until it is served from "
        "the cache again). Between publications, leaving the refill out: "
        f"{number(day['share_between_publications_percent'])} % from the cache.",
    ]
    if day["problems"]:
        lines += ["", "Steps that failed:", "", *(f"- {p}" for p in day["problems"])]
    return lines


def markdown(results, source):
    meta = results["meta"]
    floors = "; ".join(
        f"{row['mode']} {', '.join(f'{ms:.2f}' for ms in row['floor_runs_worker_cpu_ms'])}"
        for row in results["floor"]
    )
    lines = [
        f"# Benchmark of {meta['date']}: {meta['size']} articles",
        "",
        f"Written by `bench/run.py` (bench/README.md says how to read it) on {meta['machine']}; "
        f"wrk with {meta['connections']} connections, {meta['duration']:g} s a row after a "
        f"warm-up; gunicorn {meta['workers']} gthread workers × {meta['threads']} threads; "
        f"PostgreSQL and Redis on 127.0.0.1. Took {meta['elapsed_s']} s.",
        "",
        "## Goals",
        "",
        block(results, source),
        "",
        "## Pages",
        "",
        "Worker CPU: the gunicorn workers' CPU time per request; PostgreSQL CPU: that of the "
        "backends serving the benchmark's database (pg_stat_activity), both read from /proc "
        "during the run. × floor: a row's worker CPU per request divided by the floor's in "
        "the same mode. The floor row is the median of three runs (worker CPU ms/req, in "
        f"order: {floors}), before the first page, halfway and after the last.",
        "",
        *table(results),
    ]
    if results["editorial_day"]:
        lines += editorial_day(results["editorial_day"])
    rss = meta["worker_rss_mb"]
    lines += [
        "",
        "## Memory",
        "",
        f"gunicorn worker RSS (MB): after the pages {rss['after_rows']}, at the end "
        f"{rss['at_end']}.",
    ]
    soak = meta.get("soak")
    if soak:
        per_minute = "; ".join(
            f"{i} {m['mean']} (peak {m['peak']})" for i, m in enumerate(soak["minutes"], 1)
        )
        lines.append(
            f"Soak: {soak['seconds']:.0f} s of cache misses over every page, each worker's RSS "
            f"read every {soak['sample_s']} s; mean of each minute's readings: {per_minute}. "
            f"Before them, {soak['warmup_s']} s of the same load as a warm-up: "
            f"{soak['warmup']['mean']} (peak {soak['warmup']['peak']})."
        )
    scale = meta.get("scale")
    if scale:
        small, large = scale["sizes"]
        lines += [
            "",
            "## Scale",
            "",
            f"Uncached, rendered in-process with no load (median of {scale['repeat']}):",
            "",
            f"| page | queries at {small} | queries at {large} | p50 ms at {small} | "
            f"p50 ms at {large} | × |",
            "|---|---|---|---|---|---|",
        ]
        for name, row in scale["pages"].items():
            lines.append(
                f"| {name} | {row['small']['queries']} | {row['large']['queries']} | "
                f"{row['small']['p50_ms']} | {row['large']['p50_ms']} | {row['ratio']:.2f} |"
            )
    lines += ["", f"## Admin changelists at {meta['size']} articles (SQL queries, logged in)", ""]
    lines += [f"- {name}: {n}" for name, n in meta["admin_queries"].items()]
    weight = meta["weight"]
    css = ", ".join(f"{name} {size}" for name, size in weight["css"].items())
    lines += [
        "",
        "## Weight and static files",
        "",
        f"Article page before compression: HTML {weight['html']} + CSS ({css}) = "
        f"{weight['total']} bytes.",
    ]
    headers = meta["static_headers"]
    for encoding in ("br", "gzip"):
        h = headers[encoding]
        lines.append(
            f"{headers['url']} with Accept-Encoding {encoding}: Content-Encoding "
            f"{h['content_encoding']}, Cache-Control {h['cache_control']}, {h['bytes']} bytes."
        )
    return "\n".join(lines) + "\n"


def update_readme(readme, source, results_markdown):
    """Copy the block of `results_markdown` into `readme` if the README's block names `source`.

    Returns whether it did.
    """
    text = readme.read_text()
    current = BLOCK.search(text)
    if current is None or current.group("source") != source:
        return False
    generated = BLOCK.search(results_markdown).group(0)
    readme.write_text(text[: current.start()] + generated + text[current.end() :])
    return True
