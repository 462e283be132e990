"""
The layers of the code, and no import pointing up.

    config       invamed.settings*, invamed.urls, invamed.wsgi        may import anything below
    site         invamed.site: every public page, and what spans the apps
    faq          the FAQ (its entries attach to articles)
    blog         INVAblog
    foundations  every other module of invamed/: review, content records, rich text, cache...

A layer imports itself and the layers below it, never one above. Imports inside functions count:
importing lazily hides an upward arrow, it does not remove it. Migrations are checked too.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("invamed", "blog", "faq")

CONFIG = ("invamed.settings", "invamed.settings_test", "invamed.urls", "invamed.wsgi")
# Each layer and the layers it may import, top first.
ALLOWED = {
    "config": {"config", "site", "faq", "blog", "foundations"},
    "site": {"site", "faq", "blog", "foundations"},
    "faq": {"faq", "blog", "foundations"},
    "blog": {"blog", "foundations"},
    "foundations": {"foundations"},
}


def layer(module):
    """The layer of a project module, or None for anything else (Django, libraries)."""
    top = module.split(".")[0]
    if top in ("blog", "faq"):
        return top
    if top != "invamed":
        return None
    if module in CONFIG or module.startswith(tuple(f"{name}." for name in CONFIG)):
        return "config"
    if module == "invamed.site" or module.startswith("invamed.site."):
        return "site"
    return "foundations"


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(module, source):
    """Every project module that `source` (the code of `module`) imports, anywhere in it."""
    package = module if source.is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source.text)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if layer(name) is not None}


class Source:
    def __init__(self, text, is_package=False):
        self.text = text
        self.is_package = is_package


def upward_imports(modules):
    """(module, its layer, imported module, that module's layer) for every import pointing up.

    `modules` maps module names to their Source."""
    problems = []
    for module, source in sorted(modules.items()):
        own = layer(module)
        for target in sorted(imported(module, source)):
            if layer(target) not in ALLOWED[own]:
                problems.append((module, own, target, layer(target)))
    return problems


def project_modules():
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            modules[module_name(path)] = Source(path.read_text(), path.name == "__init__.py")
    return modules


def test_no_import_points_up():
    """Foundations import no app, blog never imports faq, the apps never import the site."""
    problems = upward_imports(project_modules())
    assert not problems, "\n".join(
        f"{module} ({own}) imports {target} ({target_layer})"
        for module, own, target, target_layer in problems
    )


def test_an_upward_import_is_found_even_inside_a_function():
    """The check itself: a foundation module importing an app, lazily, is reported."""
    modules = {
        "invamed.review.upward": Source(
            "def helper():\n    from blog.models import Article\n    return Article\n"
        ),
        "blog.sideways": Source("from faq import models\n"),
        "faq.fine": Source(
            "from blog.models import Article\nfrom invamed.review import services\n"
        ),
        "invamed.site.relative": Source("from ..review import workflow\nfrom . import pages\n"),
    }
    assert upward_imports(modules) == [
        ("blog.sideways", "blog", "faq", "faq"),
        ("blog.sideways", "blog", "faq.models", "faq"),
        ("invamed.review.upward", "foundations", "blog.models", "blog"),
        ("invamed.review.upward", "foundations", "blog.models.Article", "blog"),
    ]


def test_every_module_of_the_site_layer_and_the_apps_has_a_layer():
    """The walk sees the whole tree: the site layer, both apps and the foundations."""
    layers = {layer(module) for module in project_modules()}
    assert layers == set(ALLOWED)


def test_the_tests_import_neither_the_benchmark_nor_the_load_test():
    """bench/ and loadtest/ measure the site; the tests have their own servers (tests/servers.py),
    so a change to the measuring tools never breaks the suite, nor the suite the tools."""
    tests = {}
    for path in (ROOT / "tests").rglob("*.py"):
        tests[module_name(path)] = Source(path.read_text(), path.name == "__init__.py")
    found = []
    for module, source in sorted(tests.items()):
        for node in ast.walk(ast.parse(source.text)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            found += [(module, n) for n in names if n.split(".")[0] in ("bench", "loadtest")]
    assert not found, found
