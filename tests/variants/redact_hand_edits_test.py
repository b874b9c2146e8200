#!/usr/bin/env python3
"""`surveycheck redact` refuses every hand-edited or unsure input (issue 13): a non-zero exit, the reason on
standard error and no output file. Whatever it does, its output never holds confidential text. Each test edits
the export of the built-in `secret` contribution (self-assessment answered with canary text) right next to
where the edit matters. Run one test: redact_hand_edits_test.py RedactHandEditTest.test_NAME.
"""

import os
import re
import unittest

from variants_support import BUILTIN_PROFILE, Workdir, contributions, gen, leaks, run

USER = "nano.secretariat@example.eu"  # secret's AnswerSet/@user
INVITATION = "inv-5c1d"  # secret's AnswerSet/@invitation
EXEC_SUMMARY = gen.secret_contribution().answers["exec_summary"]
OBSTACLES_QID = gen.element_uid("sa_obstacles")


def export(**options) -> str:
    """The one-line export of the secret contribution (generator Options(**options))."""
    return gen.build_export(contributions("secret"), gen.Options(**options))


def public_answer(text: str) -> str:
    """The secret export with the exec_summary answer's text replaced by `text` (raw XML)."""
    original = "<Answer qid=\"%s\">%s</Answer>" % (gen.element_uid("exec_summary"), gen.esc_text(EXEC_SUMMARY))
    xml = export()
    assert original in xml
    return xml.replace(original, "<Answer qid=\"%s\">%s</Answer>" % (gen.element_uid("exec_summary"), text))


class RedactHandEditTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.work = Workdir()
        self.addCleanup(self.work.close)
        self.secrets = gen.confidential_texts(contributions("secret"), gen.Options())

    def redact(self, xml: str, *extra: str):
        source = self.work.write("in.xml", xml)
        out = self.work.file("public.xml")
        result = run(["redact"] + list(extra) + [source, "-o", out])
        found = leaks({"redact output": out}, self.secrets)
        self.assertEqual(found, [], "confidential text in the redact output (exit %d):\n%s" % (result.code, found))
        return result, out

    def assert_refused(self, xml: str, reasons, *extra: str):
        """redact exits non-zero (not by a signal), names one of `reasons` (a regular expression, any case) on
        standard error and writes no output file."""
        result, out = self.redact(xml, *extra)
        self.assertGreater(result.code, 0, result)
        self.assertTrue(re.search(reasons, result.err, re.IGNORECASE), "no reason (%s) on stderr: %r" % (reasons, result))
        self.assertFalse(os.path.exists(out), "an output file was written although redact refused")

    # -- attributes -------------------------------------------------------------------------------------------

    def test_whitespace_around_equals_is_refused_or_blanked(self):
        xml = export().replace('user="%s"' % USER, 'user = "%s"' % USER)
        xml = xml.replace('invitation="%s"' % INVITATION, 'invitation =\t"%s"' % INVITATION)
        self.assertIn('user = "', xml)
        result, out = self.redact(xml)
        if result.code == 0:
            self.assertEqual(leaks({"redact output": out}, [USER, INVITATION]), [])
        else:
            self.assertGreater(result.code, 0, result)
            self.assertTrue(result.err.strip(), "a refusal says why")
            self.assertFalse(os.path.exists(out))

    def test_duplicate_attributes_are_refused(self):
        xml = export().replace('user="%s"' % USER, 'user="" user="%s"' % USER)
        self.assertIn('user="" user=', xml)
        self.assert_refused(xml, r"duplicate|attribute|well-formed|plain EUSurvey")

    def test_doctype_attlist_default_for_user_is_refused(self):
        doctype = '<!DOCTYPE Results [<!ATTLIST AnswerSet user CDATA "x@y.eu">]>'
        xml = export().replace('\n<Results', '\n' + doctype + '\n<Results', 1).replace(' user="%s"' % USER, '')
        self.assertIn("<!ATTLIST", xml)
        self.assert_refused(xml, r"DOCTYPE|DTD|ATTLIST|plain EUSurvey")

    # -- text trickery ----------------------------------------------------------------------------------------

    def test_cdata_closing_the_answer_is_refused(self):
        # Inside CDATA the text "</Answer><Answer qid=...>" is one public answer to a parser, but a redaction
        # that works on the bytes would see a confidential answer start there.
        cdata = '<![CDATA[Summary.</Answer><Answer qid="%s">%s]]>' % (OBSTACLES_QID, gen.SECRET_OBSTACLES)
        self.assert_refused(public_answer(cdata), r"CDATA|plain EUSurvey")

    def test_comment_inside_an_answer_is_refused(self):
        comment = "Summary of the period.<!-- %s --> More text." % gen.SECRET_COMMITMENT
        self.assert_refused(public_answer(comment), r"comment|plain EUSurvey")

    def test_confidential_text_copied_into_a_public_answer_is_refused(self):
        copied = gen.esc_text(EXEC_SUMMARY + " " + gen.SECRET_OBSTACLES + " " + gen.SECRET_COMMITMENT)
        self.assert_refused(public_answer(copied), r"reused|confidential")

    def test_email_address_in_a_public_answer_is_refused(self):
        with_email = gen.esc_text(EXEC_SUMMARY + " Write to jane.doe@example.eu for the minutes.")
        self.assert_refused(public_answer(with_email), r"contact|e-mail|email|address")

    # -- a profile that does not bind the export -----------------------------------------------------------------

    def profile(self, old: str, new: str) -> str:
        with open(BUILTIN_PROFILE, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text)
        return self.work.write("profile.xml", text.replace(old, new))

    def test_profile_with_a_reworded_confidential_title_is_refused(self):
        profile = self.profile('bid="sa_obstacles" title="What are the main obstacles',
                               'bid="sa_obstacles_v2" title="Which obstacles')
        self.assert_refused(export(with_bid=False), r"profile|bind|bound|match|missing", "--profile", profile)

    def test_profile_with_a_renamed_confidential_section_is_refused(self):
        profile = self.profile('<match bid="s_self" title="III. Self-assessment"/>',
                               '<match bid="s_self_v2" title="III. Confidential self-assessment"/>')
        self.assert_refused(export(with_bid=False), r"profile|bind|bound|match|missing|section", "--profile", profile)

    def test_export_with_french_titles_only_is_refused(self):
        # The built-in profile has English titles: without bid and without an EN block nothing binds.
        fr = gen.secret_fr_contribution()
        xml = gen.build_export([fr], gen.Options(with_bid=False, langs=["FR"]))
        self.secrets = gen.confidential_texts([fr], gen.Options())
        self.assert_refused(xml, r"profile|bind|bound|match|missing")


if __name__ == "__main__":
    unittest.main()
