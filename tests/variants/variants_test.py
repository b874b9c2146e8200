#!/usr/bin/env python3
"""Every variant of real EUSurvey exports (design/EUSURVEY-XML.md section 5, issue 13) through the CLI: each
contribution is checked as when the export has bids and one language, and nothing confidential reaches a public
output. Exports come from scripts/make_s3_export.py; `secret` and `secret-fr` answer the self-assessment with
canary text (SECRET_*). Run one test: variants_test.py VariantTest.test_NAME.
"""

import os
import unittest

from variants_support import (BUILTIN_PROFILE, Workdir, contributions, describe, file_contributions, findings_by_contribution, gen,
                              leaks, position_of, rules_of, run, validate_every_output, validate_json, write_export)

NO_LANG = tuple(m for m in gen.META_ORDER if m != "lang")  # "languages" meta column unticked
CONFIDENTIAL_KEYS = {"sa_progress", "sa_obstacles", "sa_support", "sa_commitment"}


class VariantTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.work = Workdir()
        self.addCleanup(self.work.close)

    def export(self, name, contribs, **options):
        return write_export(self.work, name, contribs, **options)

    def assert_no_leak(self, paths, secrets):
        found = leaks(paths, secrets)
        self.assertEqual(found, [], "confidential text in a public output:\n" + "\n".join(found))

    def profile_with_role(self, match):
        """The built-in profile with a NUTS region-list role on the question of `match` (one of its lines)."""
        with open(BUILTIN_PROFILE, encoding="utf-8") as f:
            profile = f.read()
        self.assertIn(match, profile)
        return self.work.write("profile.xml", profile.replace(match, match + '<role name="region-list" format="nuts"/>'))

    def redact(self, source, out_name="public.xml"):
        out = self.work.file(out_name)
        return run(["redact", source, "-o", out]), out

    # -- two languages without bid --------------------------------------------------------------------------

    def test_fr_contribution_without_bid_gets_the_findings_it_gets_with_bid(self):
        contribs = contributions("secret", "secret-fr")
        with_bid = self.export("with-bid.xml", contribs, langs=["EN", "FR"])
        without_bid = self.export("no-bid.xml", contribs, langs=["EN", "FR"], with_bid=False)
        _, expected = validate_json([with_bid])
        _, actual = validate_json([without_bid])
        missing = rules_of(actual, "surveycheck/profile-")
        self.assertEqual(missing, [], "profile not bound without bid:\n" + describe(missing))
        want, got = findings_by_contribution(expected), findings_by_contribution(actual)
        self.assertEqual(len(got), 2)
        self.assertTrue(want[1], "the FR contribution has findings to compare")
        self.assertEqual(got, want)

    def test_redact_removes_the_fr_contribution_confidential_answers_without_bid(self):
        source = self.export("no-bid.xml", contributions("secret", "secret-fr"), langs=["EN", "FR"], with_bid=False)
        result, out = self.redact(source)
        self.assertEqual(result.code, 0, result)
        self.assert_no_leak({"redact": out}, gen.confidential_texts(contributions("secret-fr"), gen.Options()))
        self.assert_no_leak({"redact": out}, gen.confidential_texts(contributions("secret"), gen.Options()))

    # -- AnswerSets without lang -----------------------------------------------------------------------------

    def test_findings_without_lang_do_not_depend_on_the_block_order(self):
        contribs = contributions("secret", "secret-fr", "clean")
        with_lang = self.export("lang.xml", contribs, langs=["EN", "FR"])
        mandatory = [[f for f in c if f[0].startswith("mandatory-fields/")]
                     for c in findings_by_contribution(validate_json([with_lang])[1])]
        self.assertTrue(mandatory[0], "the EN contribution has mandatory-fields findings to compare")
        for with_bid in (True, False):
            en_fr = self.export("en-fr.xml", contribs, langs=["EN", "FR"], meta=NO_LANG, with_bid=with_bid)
            fr_en = self.export("fr-en.xml", contribs, langs=["FR", "EN"], meta=NO_LANG, with_bid=with_bid)
            for path in (en_fr, fr_en):
                got = [[f for f in c if f[0].startswith("mandatory-fields/")]
                       for c in findings_by_contribution(validate_json([path])[1])]
                self.assertEqual(got, mandatory, "%s, bid %s" % (os.path.basename(path), with_bid))

    # -- a sub-section marker inside the confidential section -------------------------------------------------

    def test_public_audience_reports_confidential_answers_after_a_sub_section(self):
        source = self.export("sub.xml", contributions("secret"), sub_section=True)
        result, report = validate_json([source], "--audience", "public")
        self.assertEqual(result.code, 1, result)
        keys = {f["question"]["key"] for f in rules_of(report, "confidentiality-separation/confidential-answer")}
        self.assertTrue(CONFIDENTIAL_KEYS <= keys, "confidential-answer on %s" % sorted(keys))

    def test_unbound_question_after_a_confidential_marker_is_named(self):
        source = self.export("sub.xml", contributions("secret"), sub_section=True)
        _, report = validate_json([source])
        unbound = rules_of(report, "surveycheck/unbound-question")
        uid = gen.element_uid(gen.UNBOUND_QUESTION.bid)
        named = [f for f in unbound if (f.get("question") or {}).get("uid") == uid or
                 gen.UNBOUND_QUESTION.title in f.get("message", "")]
        self.assertTrue(named, "no surveycheck/unbound-question names %s:\n%s" % (uid, describe(report["findings"])))

    def test_unbound_answer_after_a_confidential_marker_never_reaches_public_outputs(self):
        contribs = contributions("secret")
        source = self.export("sub.xml", contribs, sub_section=True)
        _, outputs = validate_every_output(self.work, [source])
        self.assert_no_leak(outputs, gen.confidential_texts(contribs, gen.Options(sub_section=True)))
        result, out = self.redact(source)
        self.assertEqual(result.code, 0, result)
        self.assert_no_leak({"redact": out}, [gen.SECRET_NOTES] + gen.confidential_texts(contribs, gen.Options()))

    # -- several <Answers> blocks -----------------------------------------------------------------------------

    def two_blocks(self):
        """secret in the first block; clean (with a user e-mail and an invitation) and secret-fr in the second."""
        clean = gen.clean_contribution()
        clean.meta.update(user="photonics.office@example.eu", invitation="inv-77aa")
        contribs = contributions("secret", "secret-fr") + [clean]
        return contribs, self.export("blocks.xml", contribs, answers_blocks=2)

    def test_contributions_of_a_second_answers_block_are_validated(self):
        contribs, source = self.two_blocks()
        _, report = validate_json([source])
        self.assertEqual(len(file_contributions(report)), len(contribs))
        self.assertEqual(report["summary"]["contributions"], len(contribs))
        _, single = validate_json([self.export("one-block.xml", contribs)])
        self.assertEqual(findings_by_contribution(report), findings_by_contribution(single))

    def test_redact_handles_a_second_answers_block(self):
        contribs, source = self.two_blocks()
        result, out = self.redact(source)
        self.assertEqual(result.code, 0, result)
        personal = ["photonics.office@example.eu", "inv-77aa", "nano.secretariat@example.eu", "inv-5c1d"]
        self.assert_no_leak({"redact": out}, personal + gen.confidential_texts(contribs, gen.Options()))
        with open(out, encoding="utf-8") as f:
            self.assertEqual(f.read().count("<AnswerSet "), len(contribs), "every contribution is kept")

    # -- anonymous survey -------------------------------------------------------------------------------------

    def test_anonymous_contributions_are_not_duplicates(self):
        source = self.export("anonymous.xml", contributions("secret", "clean", "fr"), anonymous=True)
        _, report = validate_json([source])
        duplicates = rules_of(report, "surveycheck/duplicate-contribution")
        self.assertEqual(duplicates, [], describe(duplicates))
        self.assertEqual(report["summary"]["contributions"], 3)

    # -- an aid no option defines -----------------------------------------------------------------------------

    def test_unknown_aid_is_an_unknown_answer_at_its_answer(self):
        source = self.export("unknown-aid.xml", contributions("secret"), unknown_aid=True)
        with open(source, encoding="utf-8") as f:
            line, column = position_of(f.read(), 'aid="%s"' % gen.UNKNOWN_AID, "<Answer ")
        _, report = validate_json([source])
        unknown = rules_of(report, "surveycheck/unknown-answer")
        self.assertTrue(any((f.get("line"), f.get("column")) == (line, column) for f in unknown),
                        "no surveycheck/unknown-answer at %d:%d:\n%s" % (line, column, describe(report["findings"])))
        not_answered = [f for f in rules_of(report, "mandatory-fields/")
                        if f["question"]["key"] == "reporting_period"]
        self.assertEqual(not_answered, [], describe(not_answered))

    # -- path B: table cells escaped twice --------------------------------------------------------------------

    def test_path_b_table_cells_reach_the_rules_unescaped(self):
        # working_areas as a NUTS region list, so nuts-code-format quotes each cell's regions in its messages.
        profile = self.profile_with_role(
            '<match bid="working_areas" title="Please provide an overview of the working areas of your partnership"/>')
        secret = gen.secret_contribution()
        secret.answers["working_areas"] = [["R&D Saxony (DE)", "Upper Austria (AT), AT31", "", ""]]
        path_a = self.export("path-a.xml", [secret])
        path_b = self.export("path-b.xml", [secret], path_b=True)  # R&amp;amp;D on disk

        def table_findings(path):
            report = validate_json([path], "--profile", profile)[1]
            return sorted((f["rule"], f["message"], f["excerpt"]) for f in report["findings"]
                          if f["question"]["key"] == "working_areas")

        expected = table_findings(path_a)
        self.assertTrue([f for f in expected if 'R&D Saxony' in f[1]], "path A: a message quotes the cell")
        self.assertEqual(table_findings(path_b), expected)

    # -- Delphi -------------------------------------------------------------------------------------------------

    def test_delphi_explanation_with_an_email_gives_contact_data(self):
        contribs = contributions("secret")
        plain = validate_json([self.export("plain.xml", contribs)])[1]
        delphi = validate_json([self.export("delphi.xml", contribs, delphi=True)])[1]
        before = [f for f in rules_of(plain, "confidentiality-separation/contact-data")]
        after = [f for f in rules_of(delphi, "confidentiality-separation/contact-data")
                 if f["question"]["key"] == "exec_summary"]
        self.assertEqual(before, [])
        self.assertTrue(after, "no contact-data on exec_summary:\n" + describe(delphi["findings"]))

    # -- ZIP exports with uploads -------------------------------------------------------------------------------

    def zip_is_one_export(self, layout):
        contribs = contributions("secret", "clean")
        source = self.export("export-%s.zip" % layout, contribs, zip=layout)
        result, report = validate_json([source])
        self.assertNotEqual(result.code, 2, result)
        self.assertNotIn("root element is <regions>", result.err + result.out)
        self.assertEqual(len(report["files"]), 1, [f["path"] for f in report["files"]])
        self.assertEqual(report["summary"]["contributions"], len(contribs))
        self.assertEqual(len(file_contributions(report)), len(contribs))

    def test_ui_zip_uploads_are_not_validated_as_exports(self):
        self.zip_is_one_export("ui")

    def test_web_service_zip_uploads_are_not_validated_as_exports(self):
        self.zip_is_one_export("ws")

    # -- --audience public ---------------------------------------------------------------------------------------

    def test_public_outputs_never_quote_confidential_text(self):
        contribs = contributions("secret", "secret-fr", "clean")
        source = self.export("three.xml", contribs)
        result, outputs = validate_every_output(self.work, [source])
        self.assertEqual(result.code, 1, result)
        self.assert_no_leak(outputs, gen.confidential_texts(contribs, gen.Options()))

    def test_public_outputs_mask_confidential_text_in_plugin_messages(self):
        # A profile that asks for NUTS codes in a confidential answer: the nuts-code-format message quotes the
        # region name "Baden-Württemberg", which the host must mask in a public report.
        profile_path = self.profile_with_role(
            '<match bid="sa_support" title="What support would the partnership need from the European Commission?"/>')
        contribs = contributions("secret")
        source = self.export("secret.xml", contribs)
        _, internal = validate_json([source], "--profile", profile_path)
        quoted = [f for f in internal["findings"] if gen.SECRET_SUPPORT in f.get("message", "") + f.get("hint", "")]
        self.assertTrue(quoted, "internal: a nuts-code-format message quotes the region name")
        _, outputs = validate_every_output(self.work, [source], "--profile", profile_path)
        self.assert_no_leak(outputs, gen.confidential_texts(contribs, gen.Options()))

    def test_requirement_rules_do_not_ask_for_confidential_answers_in_public(self):
        source = self.export("seed.xml", contributions("seed"))  # the seed leaves the self-assessment empty
        _, report = validate_json([source], "--audience", "public")
        asked = [f for f in rules_of(report, "mandatory-fields/") if f["question"]["key"] in CONFIDENTIAL_KEYS]
        self.assertEqual(asked, [], describe(asked))
        _, internal = validate_json([source])
        self.assertTrue([f for f in rules_of(internal, "mandatory-fields/recommended")
                         if f["question"]["key"] in CONFIDENTIAL_KEYS], "internal audience still asks")


if __name__ == "__main__":
    unittest.main()
