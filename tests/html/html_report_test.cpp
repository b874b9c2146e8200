// The HTML report end to end: written by the real executable, loaded in headless Chromium (Debian's
// `chromium`), and checked in the rendered DOM: counts, URL-fragment filters, injected markup kept as text.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string samples =
    "'" + source_dir + "/examples/s3-seed-report.xml' '" + source_dir + "/examples/s3-clean-report.xml'";
const std::string chromium = SURVEYCHECK_CHROMIUM;

// One <li class="finding"> of a rendered page: its data attributes and whether the filter hid it.
struct RenderedFinding {
    std::map<std::string, std::string> attributes;
    bool hidden = false;
};

std::map<std::string, std::string> attributes_of(const std::string& tag) {
    static const std::regex attribute(R"re(([a-z][a-z0-9-]*)="([^"]*)")re");
    std::map<std::string, std::string> found;
    for (auto it = std::sregex_iterator(tag.begin(), tag.end(), attribute); it != std::sregex_iterator();
         ++it)
        found[(*it)[1]] = (*it)[2];
    return found;
}

std::vector<RenderedFinding> findings_in(const std::string& dom) {
    static const std::regex tag(R"re(<li class="finding[^>]*>)re");
    std::vector<RenderedFinding> found;
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), tag); it != std::sregex_iterator(); ++it) {
        RenderedFinding finding;
        finding.attributes = attributes_of(it->str());
        finding.hidden = finding.attributes.count("hidden") > 0;
        found.push_back(finding);
    }
    return found;
}

std::size_t visible(const std::vector<RenderedFinding>& findings) {
    std::size_t n = 0;
    for (const auto& finding : findings) n += finding.hidden ? 0 : 1;
    return n;
}

// The number a count cell shows, e.g. count(dom, "all", "warning"); -1 when there is no such cell.
long count(const std::string& dom, const std::string& scope, const std::string& key) {
    const std::regex cell("<(?:b|td)[^>]*data-count=\"" + key + "\" data-scope=\"" + scope +
                          "\"[^>]*>([0-9]+)<");
    std::smatch match;
    return std::regex_search(dom, match, cell) ? std::stol(match[1]) : -1;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

class HtmlReportTest : public surveycheck::test::CliFixture {
protected:
    void SetUp() override {
        CliFixture::SetUp();
        if (!fs::exists(chromium)) {
            const char* ci = std::getenv("CI");
            if (ci != nullptr && std::string(ci) == "true") {
                FAIL() << chromium
                       << " is missing: CI must install Debian's chromium package (scripts/setup.sh) "
                       << "to check the HTML report in a browser";
            }
            GTEST_SKIP() << chromium
                         << " is not installed (apt-get install chromium); skipping browser checks";
        }
    }

    // Headless Chromium as CI runs it: no network services, a fresh profile each time.
    Outcome browser(const std::string& args) {
        const fs::path profile = dir_ / ("chromium-profile-" + std::to_string(++runs_));
        return run_command("timeout 120 '" + chromium +
                           "' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                           "--disable-background-networking --disable-component-update --disable-sync "
                           "--disable-dev-shm-usage --user-data-dir='" +
                           profile.string() + "' --virtual-time-budget=5000 " + args);
    }

    // The DOM of `page` after its script ran, opened with `fragment` ("#severity=error" or "").
    std::string dom(const fs::path& page, const std::string& fragment = "") {
        const Outcome result = browser("--dump-dom 'file://" + page.string() + fragment + "'");
        EXPECT_EQ(result.code, 0) << result.err;
        EXPECT_NE(result.out.find("</html>"), std::string::npos) << result.err;
        return result.out;
    }

    Outcome run_command(const std::string& command) const {
        const fs::path out = dir_ / "command-out.txt";
        const fs::path err = dir_ / "command-err.txt";
        const int status =
            std::system((command + " >'" + out.string() + "' 2>'" + err.string() + "'").c_str());
        Outcome result;
        result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.out = read_file(out);
        result.err = read_file(err);
        return result;
    }

    // Validate the sample exports into report.html and report.json; return the JSON report.
    json sample_reports() {
        const Outcome result = run("validate -q --format html:'" + page().string() + "' --format json:'" +
                                   (dir_ / "report.json").string() + "' " + samples);
        EXPECT_EQ(result.code, 0) << result.err;
        return json::parse(read_file(dir_ / "report.json"));
    }

    fs::path page() const { return dir_ / "report.html"; }

    int runs_ = 0;
};

TEST_F(HtmlReportTest, SampleExportsRenderEveryFindingWithTheCountsOfTheJsonReport) {
    const json report = sample_reports();
    const std::string rendered = dom(page());
    EXPECT_NE(rendered.find("data-script=\"ready\""), std::string::npos)
        << "the page's own script did not run";

    const auto findings = findings_in(rendered);
    ASSERT_EQ(findings.size(), report["findings"].size());
    EXPECT_EQ(visible(findings), findings.size());
    const json& summary = report["summary"];
    EXPECT_GT(summary["warning"].get<long>(), 0);
    for (const char* key : {"error", "warning", "info"})
        EXPECT_EQ(count(rendered, "all", key), summary[key]) << key;

    // Each contribution's row of the overview counts its own findings.
    EXPECT_NE(rendered.find("Medical technology"), std::string::npos);
    EXPECT_NE(rendered.find("January - June 2020"), std::string::npos);
    std::size_t seed_warnings = 0;
    for (const auto& finding : report["findings"]) seed_warnings += finding["severity"] == "warning" ? 1 : 0;
    EXPECT_EQ(count(rendered, "f1-c1", "warning"), static_cast<long>(seed_warnings));  // the seed report
    EXPECT_EQ(count(rendered, "f2-c1", "warning"), 0);                                 // the clean report
    // Findings sit under their question, with the answer excerpt, the hint and the rule's page.
    EXPECT_NE(rendered.find("<code class=\"muted\">participating_regions</code>"), std::string::npos);
    EXPECT_NE(rendered.find("<span class=\"label\">Hint</span>"), std::string::npos);
    EXPECT_NE(
        rendered.find("href=\"" SURVEYCHECK_DOCS_BASE_URL "docs/rules/nuts-code-format.md#missing-code\""),
        std::string::npos);
}

TEST_F(HtmlReportTest, UrlFragmentFiltersFindingsAndCounts) {
    const json report = sample_reports();
    std::map<std::string, long> per_rule;
    for (const auto& finding : report["findings"]) ++per_rule[finding["rule"].get<std::string>()];
    const std::string rule = "mandatory-fields/recommended";
    ASSERT_GT(per_rule[rule], 0);

    const std::string one_rule = dom(page(), "#severity=warning&rule=" + rule);
    std::size_t shown = 0;
    for (const auto& finding : findings_in(one_rule)) {
        EXPECT_EQ(finding.hidden, finding.attributes.at("data-rule") != rule)
            << finding.attributes.at("data-rule");
        shown += finding.hidden ? 0 : 1;
    }
    EXPECT_EQ(static_cast<long>(shown), per_rule[rule]);
    EXPECT_EQ(count(one_rule, "all", "warning"), per_rule[rule]);
    EXPECT_EQ(count(one_rule, "f1-c1", "warning"), per_rule[rule]);
    EXPECT_NE(one_rule.find("<p class=\"filter-note\" id=\"filter-note\">"), std::string::npos)
        << "a filtered view says so";
    EXPECT_NE(one_rule.find("severity: warning; rule: " + rule), std::string::npos);

    // Two rules at once, written as the page itself writes the fragment (encoded, comma-separated).
    const std::string other = "nuts-code-format/country-code";
    const std::string two_rules = dom(page(), "#rule=mandatory-fields%2Frecommended," + other);
    EXPECT_EQ(static_cast<long>(visible(findings_in(two_rules))), per_rule[rule] + per_rule[other]);

    // No finding is an error: filtering on errors hides everything and says so in each contribution.
    const std::string errors = dom(page(), "#severity=error");
    EXPECT_EQ(visible(findings_in(errors)), 0u);
    EXPECT_EQ(count(errors, "all", "warning"), 0);
    EXPECT_EQ(count(errors, "f1-c1", "warning"), 0);
    EXPECT_NE(errors.find("<p class=\"no-match\">No finding matches the filter.</p>"), std::string::npos);
}

// An export whose answers, partnership name and file name carry markup that would run if it were not text.
const char* hostile_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="mini" title="Mini form" version="1">
  <question key="period" requirement="mandatory">
    <match bid="period" title="Reporting period"/>
    <role name="reporting-period"/>
  </question>
  <question key="partnership" requirement="mandatory">
    <match bid="partnership" title="Partnership"/>
    <role name="partnership-name"/>
  </question>
  <question key="regions" requirement="recommended">
    <match bid="regions" title="Regions"/>
    <role name="region-list" format="nuts"/>
  </question>
</profile>
)";

// The answers are HTML in EUSurvey: entities written twice reach the report as literal markup.
const char* hostile_export = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="mini">
<Elements lang="EN">
<Question id="q-period" type="Single Choice" bid="period">Reporting period</Question>
<Answer id="a-h1" type="Choice Answer" bid="h1">January - June 2020</Answer>
<Question id="q-partnership" type="Free Text" bid="partnership">Partnership</Question>
<Question id="q-regions" type="Free Text" bid="regions">Regions</Question>
</Elements></Survey>
<Answers>
<AnswerSet id="c-1" list="7" lang="EN"><Answer qid="q-period" aid="a-h1"></Answer>
<Answer qid="q-partnership">&lt;script&gt;window.__pwned=1;document.title='pwned-partnership'&lt;/script&gt;</Answer>
<Answer qid="q-regions">&amp;lt;script&amp;gt;window.__pwned=1;document.title='pwned-1'&amp;lt;/script&amp;gt; &amp;quot;&amp;gt;&amp;lt;img src=x onerror=&amp;quot;window.__pwned=2;document.title='pwned-2'&amp;quot;&amp;gt;</Answer>
</AnswerSet>
</Answers></Results>
)";

TEST_F(HtmlReportTest, MarkupInAnswersPartnershipAndPathStaysText) {
    const std::string profile = write("mini.xml", hostile_profile);
    const std::string input =
        write("x\"><img src=x onerror=document.title=`pwned-path`>.xml", hostile_export);
    const Outcome result = run("validate -q --profile '" + profile + "' --format html:'" + page().string() +
                               "' '" + input + "'");
    ASSERT_EQ(result.code, 1) << result.err;  // the partnership name is empty once its markup is removed
    const std::string written = read_file(page());
    EXPECT_NE(written.find("&lt;script&gt;window.__pwned=1;document.title=&#39;pwned-1&#39;&lt;/script&gt;"),
              std::string::npos)
        << "the answer excerpt is in the report, escaped";

    const std::string rendered = dom(page());
    EXPECT_NE(rendered.find("data-script=\"ready\""), std::string::npos)
        << "the page's own script did not run";
    EXPECT_NE(rendered.find("<title>surveycheck report: 1 file"), std::string::npos)
        << "no payload set the title";
    EXPECT_EQ(occurrences(rendered, "<script"), 1u) << "only the page's own script element";
    EXPECT_EQ(occurrences(rendered, "<img"), 0u);
    // The payloads are there to read, as text.
    EXPECT_NE(rendered.find("&lt;script&gt;window.__pwned=1;document.title='pwned-1'&lt;/script&gt; "
                            "\"&gt;&lt;img src=x onerror=\"window.__pwned=2;document.title='pwned-2'\"&gt;"),
              std::string::npos);
    EXPECT_NE(
        rendered.find("&lt;script&gt;window.__pwned=1;document.title='pwned-partnership'&lt;/script&gt;"),
        std::string::npos);
    EXPECT_NE(rendered.find("x\"&gt;&lt;img src=x onerror=document.title=`pwned-path`&gt;.xml"),
              std::string::npos);
}

TEST_F(HtmlReportTest, ContentSecurityPolicyBlocksScriptThatEscapingWouldHaveMissed) {
    sample_reports();
    std::string html = read_file(page());
    EXPECT_NE(
        html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
                  "'sha256-"),
        std::string::npos);
    // As if an answer had reached the page unescaped: an inline script and an event handler.
    const std::string injected =
        "<script>document.title='pwned-inline'</script><img src=x onerror=\"document.title='pwned-handler'\">"
        "<div onclick=\"x\" id=\"injected\"></div>";
    html.replace(html.find("<main>"), 6, "<main>" + injected);
    const fs::path tampered = dir_ / "tampered.html";
    write("tampered.html", html);
    const std::string rendered = dom(tampered);
    EXPECT_NE(rendered.find("id=\"injected\""), std::string::npos) << "the injected markup is in the page";
    EXPECT_EQ(rendered.find("<title>pwned"), std::string::npos) << "but none of it ran";
    EXPECT_NE(rendered.find("data-script=\"ready\""), std::string::npos) << "while the page's own script did";

    // The page's script runs only because the policy pins its hash: one changed byte and it is refused.
    std::string edited = read_file(page());
    const auto at = edited.find("'use strict';");
    ASSERT_NE(at, std::string::npos);
    edited.replace(at, 13, "\"use strict\";");
    write("edited.html", edited);
    EXPECT_EQ(dom(dir_ / "edited.html").find("data-script=\"ready\""), std::string::npos);
}

TEST_F(HtmlReportTest, WaivedFindingsShowTheirJustificationAndRunFindingsAndUnreadableFilesAreListed) {
    const std::string config = write("config.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<surveycheck-config version="1">
  <waivers>
    <waiver rule="mandatory-fields/placeholder" question="sdg_comments" author="a.reviewer" expires="2099-12-31">
      A dot is the partnership's way of saying "nothing to add" &lt;b&gt;here&lt;/b&gt;.
    </waiver>
    <waiver rule="eu13-justification" question="no_such_question" author="a.reviewer" expires="2099-12-31">
      Never matches.
    </waiver>
  </waivers>
</surveycheck-config>
)");
    const std::string broken = write("broken.xml", "<Results><Survey>\n<Elements>");
    const Outcome result = run("validate -q --config '" + config + "' --format html:'" + page().string() +
                               "' " + samples + " '" + broken + "'");
    ASSERT_EQ(result.code, 3) << result.err;
    const std::string rendered = dom(page());

    std::size_t waived = 0;
    for (const auto& finding : findings_in(rendered)) {
        if (finding.attributes.at("data-waived") == "1") {
            ++waived;
            EXPECT_EQ(finding.attributes.at("data-rule"), "mandatory-fields/placeholder");
        }
    }
    EXPECT_EQ(waived, 1u);
    EXPECT_EQ(count(rendered, "all", "waived"), 1);
    EXPECT_NE(
        rendered.find("A dot is the partnership's way of saying \"nothing to add\" &lt;b&gt;here&lt;/b&gt;."),
        std::string::npos);
    EXPECT_NE(rendered.find("<h2>Findings about the whole run</h2>"), std::string::npos);
    EXPECT_NE(rendered.find("data-rule=\"surveycheck/waiver-unused\""), std::string::npos);
    EXPECT_NE(rendered.find("verdict-incomplete"), std::string::npos);
    EXPECT_NE(rendered.find("<p class=\"unreadable\">Unreadable at line"), std::string::npos);
}

TEST_F(HtmlReportTest, ScreenshotIsKeptAsAnArtifact) {
    sample_reports();
    const fs::path artifacts = SURVEYCHECK_ARTIFACT_DIR;
    fs::create_directories(artifacts);
    const fs::path shot = artifacts / "html-report.png";
    fs::remove(shot);
    const Outcome result = browser("--hide-scrollbars --window-size=1280,2000 --screenshot='" +
                                   shot.string() + "' 'file://" + page().string() + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    EXPECT_EQ(read_file(shot).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_GT(fs::file_size(shot), 10000u);
}

using HtmlOutputTest = surveycheck::test::CliFixture;

// Not a browser check: the page is the same bytes however many threads validated, and fetches nothing.
TEST_F(HtmlOutputTest, ReportIsByteIdenticalForAnyNumberOfJobsAndSelfContained) {
    const std::string copy = write("copy.xml", read_file(source_dir + "/examples/s3-seed-report.xml"));
    const Outcome one = run("validate -q --jobs 1 --format html " + samples + " '" + copy + "'");
    const Outcome four = run("validate -q --jobs 4 --format html " + samples + " '" + copy + "'");
    ASSERT_EQ(one.code, 0) << one.err;
    EXPECT_GT(one.out.size(), 1000u);
    EXPECT_EQ(one.out, four.out);
    // Offline: nothing to fetch, and the only links are the rules' pages and the page's own anchors.
    EXPECT_EQ(one.out.find(" src="), std::string::npos);
    EXPECT_EQ(one.out.find("<link"), std::string::npos);
    EXPECT_EQ(one.out.find("url("), std::string::npos);
    const std::string rule_link = "<a class=\"rule\" href=\"" SURVEYCHECK_DOCS_BASE_URL "docs/rules/";
    EXPECT_GT(occurrences(one.out, rule_link), 0u);
    EXPECT_EQ(occurrences(one.out, "href=\""),
              occurrences(one.out, rule_link) + occurrences(one.out, "href=\"#"));
    EXPECT_EQ(one.out.find("file://"), std::string::npos) << "no path of the build machine";
}

// The banner says "Passed" only when there is no finding at all; warnings under the threshold are "to
// review".
TEST_F(HtmlOutputTest, BannerNamesTheFindingsToReviewAndSaysPassedOnlyWithoutFindings) {
    const std::string seed = "'" + source_dir + "/examples/s3-seed-report.xml'";
    const Outcome json_run = run("validate -q --format json " + seed);
    const json summary = json::parse(json_run.out)["summary"];
    ASSERT_EQ(summary["error"], 0);
    const long warnings = summary["warning"];
    ASSERT_GT(warnings, 1);
    const std::string info =
        summary["info"] == 0 ? "" : ", " + std::to_string(summary["info"].get<long>()) + " info";
    const std::string review = std::to_string(warnings) + " warnings" + info + " to review";

    const Outcome seeded = run("validate -q --format html " + seed);
    ASSERT_EQ(seeded.code, 0) << seeded.err;
    EXPECT_NE(seeded.out.find("<p class=\"verdict verdict-review\" id=\"verdict\">No blocking errors — " +
                              review + "</p>"),
              std::string::npos)
        << seeded.out.substr(0, 4000);
    EXPECT_EQ(seeded.out.find("Passed"), std::string::npos);

    const Outcome failed = run("validate -q --fail-on warning --format html " + seed);
    EXPECT_EQ(failed.code, 1) << failed.err;
    EXPECT_NE(
        failed.out.find("verdict-failed\" id=\"verdict\">Failed: " + std::to_string(warnings) + " warnings" +
                        (info.empty() ? "" : " — " + info.substr(2) + " to review") + "</p>"),
        std::string::npos);

    const Outcome waived_all = run("validate -q --disable all --format html " + seed);
    EXPECT_NE(waived_all.out.find("verdict-passed\" id=\"verdict\">Passed: no findings</p>"),
              std::string::npos)
        << waived_all.out.substr(0, 4000);
}

}  // namespace
