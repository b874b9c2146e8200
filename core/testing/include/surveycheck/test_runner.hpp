// The end-to-end plugin test runner (SurveyCheck::testing): loads a built plugin module and runs its rules on
// an XML export with a form profile, through the host's own loader, reader, profile binder and engine, as
// `surveycheck validate` does. Its findings are checked with the assertions of surveycheck/testing.hpp:
//
//     #include <surveycheck/test_runner.hpp>
//     #include <surveycheck/testing.hpp>
//     const surveycheck::testing::Plugin plugin(MY_PLUGIN_MODULE);
//     TEST(MyRules, ShortAnswerIsReported) {
//         auto found = plugin.run("too-short", surveycheck::testing::Xml::file(FIXTURE));
//         EXPECT_TRUE(findings_are(found, {{"my-rules/too-short", "warning", "summary", 12}}));
//     }
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "surveycheck/testing/rule_runner.hpp"

namespace surveycheck::testing {

// XML given inline or as the path of a file.
class Xml {
public:
    // Inline XML text.
    static Xml text(std::string xml) { return Xml(std::move(xml), false); }
    // The file at `path`, read when a rule runs.
    static Xml file(std::string path) { return Xml(std::move(path), true); }
    // The text or the path.
    const std::string& content() const { return content_; }
    // True when content() is a path.
    bool is_file() const { return is_file_; }

private:
    Xml(std::string content, bool is_file) : content_(std::move(content)), is_file_(is_file) {}
    std::string content_;
    bool is_file_;
};

// How rules run: the form profile (none: the built-in S3 profile), and the rules' options, data folder and
// audience.
struct RunOptions : RuleOptions {
    std::optional<Xml> profile;
};

namespace detail {

// A plugin module loaded by the host; its functions live in the shared harness library.
class HostPlugin;
// Load the module at `path`; throws std::runtime_error with the host's refusal when it cannot be used.
std::shared_ptr<const HostPlugin> load_plugin(const std::string& path);
// The plugin's name.
const std::string& plugin_name(const HostPlugin& plugin);
// Full ids of its rules.
const std::vector<std::string>& plugin_rules(const HostPlugin& plugin);
// Findings of the rules matching `pattern` (a full rule id or the plugin's name) on `export_xml`.
std::vector<ReportedFinding> run_plugin(const HostPlugin& plugin, const std::string& pattern,
                                        const Xml& export_xml, const RunOptions& options);

}  // namespace detail

// A built plugin module, loaded and checked exactly as the host loads it; remembers which rules fired.
class Plugin {
public:
    // Load the module at `path`; throws std::runtime_error with the host's refusal when it cannot be used.
    explicit Plugin(const std::string& path) : host_(detail::load_plugin(path)) {
        detail::record_rules(name(), rules());
    }
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    // The plugin's name (sc_plugin.name).
    const std::string& name() const { return detail::plugin_name(*host_); }
    // Full ids of its rules, "<plugin>/<check>".
    std::vector<std::string> rules() const { return detail::plugin_rules(*host_); }
    // Run rule `rule` ("check" or "<plugin>/check") on `export_xml`; throws std::runtime_error on bad input.
    std::vector<ReportedFinding> run(const std::string& rule, const Xml& export_xml,
                                     const RunOptions& options = RunOptions()) const {
        const std::string id = rule.find('/') == std::string::npos ? name() + "/" + rule : rule;
        const std::vector<std::string>& known = detail::plugin_rules(*host_);
        if (std::find(known.begin(), known.end(), id) == known.end())
            throw std::runtime_error("plugin " + name() + " has no rule " + id);
        return detail::record_fired(detail::run_plugin(*host_, id, export_xml, options));
    }
    // Run every rule of the plugin on `export_xml`.
    std::vector<ReportedFinding> run_all(const Xml& export_xml,
                                         const RunOptions& options = RunOptions()) const {
        return detail::record_fired(detail::run_plugin(*host_, name(), export_xml, options));
    }

private:
    std::shared_ptr<const detail::HostPlugin> host_;
};

}  // namespace surveycheck::testing
