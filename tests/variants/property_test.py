#!/usr/bin/env python3
"""Property test over generated exports in every variant of design/EUSURVEY-XML.md section 5 (issue 13):

  1. the text of a confidential answer never appears in any `--audience public` output (text, json, jsonl,
     sarif, junit, html, the written baseline, a trace log, stdout, stderr) nor in `redact` output;
  2. every contribution gets the same findings (sorted (rule, question key)) as in the single-language,
     with-bid export of the same answers (the contribution alone, in a block of its own language).

Variants: two controls (plain exports, EN and EN+FR), then languages (EN; EN+FR; FR+EN) x bid x lang attribute x sub-section x packaging (XML, UI ZIP,
web-service ZIP) in full, and for each of those, type attributes, several <Answers> blocks, anonymous, path B
and Delphi drawn with a fixed seed. Usage: property_test.py [--quick] [--only SUBSTRING]; prints every
difference and exits 1 when a property does not hold.
"""

import argparse
import itertools
import os
import random
import sys
from concurrent.futures import ThreadPoolExecutor

from variants_support import (Workdir, describe, file_contributions, findings_by_contribution, gen, leaks, run,
                              validate_every_output, validate_json)

LANGUAGES = {"EN": (["EN"], ["secret", "clean"]),
             "EN+FR": (["EN", "FR"], ["secret", "secret-fr", "clean"]),
             "FR+EN": (["FR", "EN"], ["secret", "secret-fr", "clean"])}
PACKAGING = (None, "ui", "ws")
NO_LANG = tuple(m for m in gen.META_ORDER if m != "lang")


def variants(quick: bool):
    """(name, contribution names, generator options) of every variant to check."""
    rng = random.Random(13)
    # Controls: the plain exports every reader handles; if these fail, the harness is wrong.
    out = [("control %s" % language, LANGUAGES[language][1],
            dict(langs=LANGUAGES[language][0], with_bid=True, meta=gen.META_ORDER, sub_section=False, zip=None,
                 with_type=True, answers_blocks=1, anonymous=False, path_b=False, delphi=False))
           for language in ("EN", "EN+FR")]
    for language, with_bid, with_lang, sub_section, packaging in itertools.product(
            LANGUAGES, (True, False), (True, False), (False, True), PACKAGING):
        langs, names = LANGUAGES[language]
        options = dict(langs=langs, with_bid=with_bid, meta=gen.META_ORDER if with_lang else NO_LANG,
                       sub_section=sub_section, zip=packaging, with_type=rng.random() < 0.5,
                       answers_blocks=rng.choice((1, 2, 3)), anonymous=rng.random() < 0.4,
                       path_b=rng.random() < 0.4, delphi=rng.random() < 0.4)
        name = "%s %s %s%s %s type=%s blocks=%d%s%s%s" % (
            language, "bid" if with_bid else "no-bid", "lang" if with_lang else "no-lang",
            " sub-section" if sub_section else "", "zip-" + packaging if packaging else "xml", options["with_type"],
            options["answers_blocks"], " anonymous" if options["anonymous"] else "",
            " path-b" if options["path_b"] else "", " delphi" if options["delphi"] else "")
        out.append((name, names, options))
    return out[:2] + out[2::6] if quick else out


def content_options(options: dict) -> dict:
    """The options that change what a contribution answers (not how the file is written): the reference
    export keeps them."""
    return dict(sub_section=options["sub_section"], delphi=options["delphi"], uploads=bool(options["zip"]))


class Checker:
    def __init__(self, work: Workdir):
        self.work = work
        self.references = {}

    def reference(self, name: str, content: dict):
        """The findings of the contribution `name` alone, single-language, with bid (cached)."""
        key = (name, tuple(sorted(content.items())))
        if key not in self.references:
            c = gen.BUILTIN[name]()
            path = self.work.write("ref-%s-%d.xml" % (name, len(self.references)),
                                   gen.export_bytes([c], gen.Options(langs=[c.meta["lang"]], **content)))
            _, report = validate_json([path])
            per = findings_by_contribution(report)
            self.references[key] = per[0] if len(per) == 1 else None
        return self.references[key]

    def check(self, index: int, variant) -> list:
        """Every failure of one variant, as lines to print."""
        name, names, options = variant
        problems = []
        folder = Workdir()
        try:
            contribs = [gen.BUILTIN[n]() for n in names]
            opts = gen.Options(**options)
            source = folder.write("export" + (".zip" if options["zip"] else ".xml"), gen.export_bytes(contribs, opts))
            secrets = gen.confidential_texts(contribs, opts)

            # (1) public outputs and redact output.
            result, outputs = validate_every_output(folder, [source])
            if result.code not in (0, 1):
                problems.append("validate --audience public: exit %d: %s" % (result.code, result.err[-500:]))
            problems += ["leak: " + leak for leak in leaks(outputs, secrets)]
            out = folder.file("public" + (".zip" if options["zip"] else ".xml"))
            redacted = run(["redact", source, "-o", out])
            if redacted.code < 0:
                problems.append("redact crashed: %r" % redacted)
            if redacted.code != 0 and os.path.exists(out):
                problems.append("redact refused (exit %d) but wrote %s" % (redacted.code, out))
            problems += ["leak: " + leak for leak in leaks({"redact": out}, secrets)]

            # (2) the findings of every contribution, against its reference.
            result, report = validate_json([source])
            got = findings_by_contribution(report) if report.get("files") else []
            ordered = sorted(contribs, key=lambda c: c.meta.get("create", ""), reverse=True)  # file order
            if len(got) != len(ordered):
                problems.append("%d contributions checked, the export has %d (%s)" % (
                    len(got), len(ordered), [c.get("id") for c in file_contributions(report)]))
            content = content_options(options)
            for i, c in enumerate(ordered):
                want = self.reference(c.name, content)
                have = got[i] if i < len(got) else None
                if have is None:
                    problems.append("contribution %s (%s) was not checked" % (c.name, c.meta["lang"]))
                elif have != want:
                    missing = sorted(set(want or []) - set(have or []))
                    extra = sorted(set(have or []) - set(want or []))
                    problems.append("contribution %s (%s): findings differ from the single-language with-bid "
                                    "export\n      missing: %s\n      extra:   %s" % (c.name, c.meta["lang"], missing,
                                                                                     extra))
            host = [f for f in report["findings"] if f["rule"].startswith("surveycheck/profile-")]
            if host:
                problems.append("profile not bound:\n" + describe(host))
        finally:
            folder.close()
        return ["[%d] %s (options %s)" % (index, name, options)] + ["    " + p for p in problems] if problems else []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every sixth variant only")
    parser.add_argument("--only", default="", help="only the variants whose name contains this")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    chosen = [v for v in variants(args.quick) if args.only in v[0]]
    with Workdir() as work:
        checker = Checker(work)
        for name in ("secret", "secret-fr", "clean"):  # references first, so threads only read the cache
            for content in itertools.product((False, True), repeat=3):
                checker.reference(name, dict(zip(("sub_section", "delphi", "uploads"), content)))
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            failures = list(pool.map(lambda iv: checker.check(*iv), enumerate(chosen)))
    failed = [f for f in failures if f]
    for lines in failed:
        print("\n".join(lines))
    print("property: %d of %d variants hold both properties" % (len(chosen) - len(failed), len(chosen)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
