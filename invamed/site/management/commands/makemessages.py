"""`makemessages` for this project: Django's, reading the site's own code only.

`make messages` runs it (it needs GNU gettext: `apt-get install gettext`), and so does the test
that tells when the catalogues miss a message (tests/test_catalogues.py), with the same options.
"""

from django.core.management.commands import makemessages

# What is not the site's interface: installed packages, the tests, the benchmark and load tools.
IGNORED = ["node_modules", "staticfiles", "media", "tests", "bench", "loadtest", "tools", "docs"]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORED]
        # File names without line numbers: a message moving down a file changes no catalogue.
        options["add_location"] = options["add_location"] or "file"
        options["no_obsolete"] = True
        super().handle(*args, **options)
