"""
`make audit`: Lighthouse scores of the home page, an article and the FAQ index.

Starts a throw-away demo site served as in production (tools/demo_site.py: gunicorn, DEBUG=0,
WhiteNoise's compressed static files), runs Lighthouse (npm package pinned in package.json,
`npm ci`) against Debian's Chromium with Lighthouse's default mobile settings (Moto G class
phone, simulated slow 4G and 4x CPU slowdown), prints a table of the four category scores per
page and exits 1 if any is below 0.95. The JSON reports are kept in /tmp/invamed-lighthouse/.

Each page is audited RUNS times (default 3, `--runs N`) and the run with the median performance
score is kept, as Lighthouse's own documentation advises: on a 2-core machine one run's
performance score moves by several points with whatever else the machine is doing.

Not part of CI: Lighthouse's performance score depends on the machine's load.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.demo_site import CHROMIUM, CHROMIUM_ARGS, ROOT, demo_site

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["home", "article", "faq index"]
THRESHOLD = 0.95
REPORTS = Path(tempfile.gettempdir()) / "invamed-lighthouse"


def lighthouse(url, output):
    subprocess.run(  # noqa: S603  (fixed command, our own arguments)
        [
            shutil.which("node") or "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        check=True,
        timeout=300,
    )
    report = json.loads(output.read_text())
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failing = [
        f"{audit['id']} ({audit['score']}): {audit['title']}"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return scores, failing


def median_run(url, name, runs):
    """Audit `url` `runs` times; return the scores and failing audits of the median run."""
    results = []
    for run in range(1, runs + 1):
        output = REPORTS / f"{name.replace(' ', '-')}-{run}.json"
        results.append(lighthouse(url, output))
    performances = [scores["performance"] or 0 for scores, _ in results]
    print(f"    performance per run: {', '.join(f'{p:.2f}' for p in performances)}")
    median = statistics.median_low(performances)
    return results[performances.index(median)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    args = parser.parse_args()
    for needed, hint in [
        (LIGHTHOUSE, "run `npm ci` at the repository root"),
        (CHROMIUM, "apt-get install chromium"),
    ]:
        if not Path(needed).exists():
            sys.exit(f"{needed} is missing: {hint}")
    REPORTS.mkdir(exist_ok=True)
    results = {}
    with demo_site() as site:
        for name in PAGES:
            path = site.paths[name]
            print(f"Lighthouse: {name} ({path})...", flush=True)
            results[name] = (path, *median_run(site.url + path, name, args.runs))

    width = max(len(f"{n} ({r[0]})") for n, r in results.items())
    print()
    print(f"{'page':<{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES))
    low = []
    for name, (path, scores, failing) in results.items():
        label = f"{name} ({path})"
        cells = []
        for category in CATEGORIES:
            score = scores[category]
            cells.append(f"{'-' if score is None else f'{score:.2f}':>14}")
            if score is None or score < THRESHOLD:
                low.append(f"{label}: {category} {score}")
        print(f"{label:<{width}}  " + "  ".join(cells))
        for line in failing:
            print(f"    below 0.9: {line}")
    print(f"\nJSON reports: {REPORTS}/")
    if low:
        print(f"\nBelow {THRESHOLD}:\n  " + "\n  ".join(low))
        return 1
    print(f"\nEvery score is at least {THRESHOLD}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
