"""
The Nu HTML checker (vnu.jar, npm package vnu-jar pinned in package.json) finds no errors on
any public page type, in English and in Turkish (the pages of tests/bilingual.py).

All pages are checked in one `java -jar vnu.jar` run: the JVM takes seconds to start. Without
Java or vnu.jar the test is skipped with the reason, unless REQUIRE_BROWSER=1, where it fails.
"""

import json
import shutil
import subprocess

import pytest

from tests.browser.test_a11y import ROOT, page_paths, require

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def public_pages(db):
    return page_paths()


def test_every_public_page_type_is_valid_html(client, public_pages, tmp_path):
    java = shutil.which("java")
    require(java, "Java not installed: apt-get install default-jre-headless")
    require(VNU_JAR.exists(), f"vnu.jar not installed: run `npm ci` (looked for {VNU_JAR})")
    files = {}
    for (language, name), path in public_pages.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "404" else 200), f"{name} {path}"
        file = tmp_path / f"{language}-{name.replace(' ', '-')}.html"
        file.write_bytes(response.content)
        files[file] = f"{name} ({path})"

    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    per_page = {label: 0 for label in files.values()}
    lines = []
    for message in errors:
        # vnu names each file by a file: URL; the file name is enough to find the page again.
        url = message.get("url", "")
        label = next((v for f, v in files.items() if url.endswith("/" + f.name)), url)
        per_page[label] = per_page.get(label, 0) + 1
        where = f"line {message.get('lastLine', '?')}"
        lines.append(
            f"  {label} {where}: {message['message']}\n      {message.get('extract', '')!r}"
        )
    print("vnu errors per page type:", json.dumps(per_page))
    assert result.returncode == 0 or errors, result.stderr[-2000:]
    assert not errors, f"The Nu HTML checker found {len(errors)} errors:\n" + "\n".join(lines)
