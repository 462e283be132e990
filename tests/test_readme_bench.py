"""The README's benchmark figures are `make bench`'s own, copied from its results file."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(
    r"<!-- bench-goals: begin, written by make bench from (?P<source>\S+) -->\n"
    r"(?P<body>.*?)\n<!-- bench-goals: end -->",
    re.DOTALL,
)


def readme_block():
    blocks = list(BLOCK.finditer(README.read_text()))
    assert len(blocks) == 1, "the README has one generated benchmark block"
    return blocks[0]


def test_readme_links_the_benchmark_results_it_quotes():
    """A reader who follows the README's links to the benchmark's results finds the files."""
    readme = README.read_text()
    source = readme_block()["source"]
    links = re.findall(r"\]\((bench/results/[^)]+)\)", readme)
    assert source in links
    for link in links:
        assert (ROOT / link).is_file(), link


def test_readme_figures_are_exactly_what_the_results_file_says():
    """The README's generated block is the results file's own, word for word: no figure in it
    was typed or touched by hand, and it is not older or newer than the file it links."""
    block = readme_block()
    in_results = [m.group(0) for m in BLOCK.finditer((ROOT / block["source"]).read_text())]
    assert in_results == [block.group(0)]


def test_readme_figures_name_the_date_of_their_run():
    """A reader can tell from the README how old its benchmark figures are."""
    assert re.search(r"\b20\d\d-\d\d-\d\d \d\d:\d\d UTC\b", readme_block()["body"])
