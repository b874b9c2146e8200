// The end-to-end plugin test runner: the host's own plugin loader, reader, profile binder and engine behind
// test_runner.hpp. No GoogleTest here: the library is shared, and the test program links its own GoogleTest;
// the rule coverage is kept by the test program (rule_runner.hpp), not here.
#include "surveycheck/test_runner.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/engine.hpp"
#include "engine/rule_set.hpp"
#include "eusurvey/reader.hpp"
#include "host/plugin_host.hpp"
#include "profile/builtin.hpp"
#include "profile/profile.hpp"

namespace surveycheck::testing {
namespace {

std::string position_text(const eusurvey::Position& position) {
    return std::to_string(position.line) + ":" + std::to_string(position.column);
}

profile::Profile load_profile(const std::optional<Xml>& xml) {
    profile::Profile profile;
    profile::LoadResult result;
    if (!xml) {
        result = profile::load_profile_buffer(profile::builtin_profile_xml(), "<built-in profile>", profile);
    } else if (xml->is_file()) {
        result = profile::load_profile_file(xml->content(), profile);
    } else {
        result = profile::load_profile_buffer(xml->content(), "<inline profile>", profile);
    }
    if (!result) {
        const std::string name = xml && xml->is_file() ? xml->content() : "<inline profile>";
        throw std::runtime_error("profile " + name + ":" + std::to_string(result.position.line) + ":" +
                                 std::to_string(result.position.column) + ": " + result.description);
    }
    return profile;
}

eusurvey::Export read_export(const Xml& xml) {
    eusurvey::Export doc;
    const eusurvey::ReadResult result =
        xml.is_file() ? eusurvey::read_export_file(xml.content(), doc)
                      : eusurvey::read_export_buffer(xml.content(), "<inline export>", doc);
    if (!result) {
        const std::string name = xml.is_file() ? xml.content() : "<inline export>";
        throw std::runtime_error("export " + name + ":" + position_text(result.position) + ": " +
                                 result.description);
    }
    return doc;
}

ReportedFinding to_finding(const engine::Finding& from) {
    ReportedFinding finding;
    finding.rule = from.rule;
    finding.severity = engine::severity_name(from.severity);
    finding.question = from.question.key;
    finding.line = static_cast<unsigned>(from.position.line);
    finding.column = static_cast<unsigned>(from.position.column);
    finding.contribution = from.contribution;
    finding.message = from.message;
    finding.hint = from.hint;
    finding.excerpt = from.excerpt;
    return finding;
}

}  // namespace

namespace detail {

class HostPlugin {
public:
    host::PluginHost host;
    std::string name;
    std::vector<std::string> rules;
};

std::shared_ptr<const HostPlugin> load_plugin(const std::string& path) {
    auto plugin = std::make_shared<HostPlugin>();
    plugin->host.load_file(path, false);
    const host::PluginRecord& record = plugin->host.plugins().front();
    if (!record.loaded) throw std::runtime_error("plugin refused: " + record.error);
    plugin->name = record.name;
    for (const auto& rule : record.rules) plugin->rules.push_back(rule.id);
    return plugin;
}

const std::string& plugin_name(const HostPlugin& plugin) { return plugin.name; }

const std::vector<std::string>& plugin_rules(const HostPlugin& plugin) { return plugin.rules; }

std::vector<ReportedFinding> run_plugin(const HostPlugin& plugin, const std::string& pattern,
                                        const Xml& export_xml, const RunOptions& options) {
    const profile::Profile profile = load_profile(options.profile);
    const eusurvey::Export doc = read_export(export_xml);

    engine::Selection selection;
    selection.disable = {"all"};
    // A rule that fails is reported as surveycheck/rule-failed, so a test sees it as an unexpected finding.
    selection.enable = {pattern, "surveycheck/rule-failed"};
    for (const std::string& rule : plugin.rules) {
        if (pattern == plugin.name || pattern == rule) selection.options[rule] = options.options;
    }
    selection.data_dir = options.data_dir;
    selection.audience = options.audience;
    const engine::RuleSet rule_set(plugin.host.rules(), selection);
    const engine::Engine engine(rule_set, profile, options.audience);
    const engine::FileResult result = engine.validate(doc);

    std::vector<ReportedFinding> findings;
    for (const auto* list : {&result.findings, &result.run_findings}) {
        for (const engine::Finding& finding : *list) findings.push_back(to_finding(finding));
    }
    return findings;
}

}  // namespace detail

}  // namespace surveycheck::testing
