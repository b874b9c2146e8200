// The plugin test harness: the host's own plugin loader, reader, profile binder and engine behind
// testing.hpp. No GoogleTest here: the library is shared, and the test program links its own GoogleTest.
#include "surveycheck/test_runner.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

#include "engine/engine.hpp"
#include "engine/rule_set.hpp"
#include "eusurvey/reader.hpp"
#include "host/plugin_host.hpp"
#include "profile/builtin.hpp"
#include "profile/profile.hpp"

namespace surveycheck::testing {
namespace {

// Rules of every plugin loaded in the program, and which of them reported a finding.
struct Coverage {
    std::mutex mutex;
    std::map<std::string, std::vector<std::string>> rules_by_file;
    std::set<std::string> fired;
};

Coverage& coverage() {
    static auto* instance = new Coverage();  // never destroyed: read by the coverage check after main's tests
    return *instance;
}

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

Finding to_finding(const engine::Finding& from) {
    Finding finding;
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

struct Plugin::Impl {
    host::PluginHost host;
    std::string name;
    std::string file;
    std::vector<std::string> rules;

    std::vector<Finding> run(const std::string& pattern, const Xml& export_xml,
                             const RunOptions& options) const;
};

std::vector<Finding> Plugin::Impl::run(const std::string& pattern, const Xml& export_xml,
                                       const RunOptions& options) const {
    const profile::Profile profile = load_profile(options.profile);
    const eusurvey::Export doc = read_export(export_xml);

    engine::Selection selection;
    selection.disable = {"all"};
    // A rule that fails is reported as surveycheck/rule-failed, so a test sees it as an unexpected finding.
    selection.enable = {pattern, "surveycheck/rule-failed"};
    for (const std::string& rule : rules) {
        if (pattern == name || pattern == rule) selection.options[rule] = options.options;
    }
    selection.data_dir = options.data_dir;
    selection.audience = options.audience;
    const engine::RuleSet rule_set(host.rules(), selection);
    const engine::Engine engine(rule_set, profile, options.audience);
    const engine::FileResult result = engine.validate(doc);

    std::vector<Finding> findings;
    for (const auto* list : {&result.findings, &result.run_findings}) {
        for (const engine::Finding& finding : *list) findings.push_back(to_finding(finding));
    }
    Coverage& cover = coverage();
    std::lock_guard<std::mutex> lock(cover.mutex);
    for (const Finding& finding : findings) cover.fired.insert(finding.rule);
    return findings;
}

Plugin::Plugin(const std::string& path) : impl_(std::make_unique<Impl>()) {
    impl_->host.load_file(path, false);
    const host::PluginRecord& record = impl_->host.plugins().front();
    if (!record.loaded) throw std::runtime_error("plugin refused: " + record.error);
    impl_->name = record.name;
    impl_->file = record.file;
    for (const auto& rule : record.rules) impl_->rules.push_back(rule.id);
    Coverage& cover = coverage();
    std::lock_guard<std::mutex> lock(cover.mutex);
    cover.rules_by_file[impl_->file] = impl_->rules;
}

Plugin::~Plugin() = default;

const std::string& Plugin::name() const { return impl_->name; }

std::vector<std::string> Plugin::rules() const { return impl_->rules; }

std::vector<Finding> Plugin::run(const std::string& rule, const Xml& export_xml,
                                 const RunOptions& options) const {
    const std::string id = rule.find('/') == std::string::npos ? impl_->name + "/" + rule : rule;
    if (std::find(impl_->rules.begin(), impl_->rules.end(), id) == impl_->rules.end()) {
        throw std::runtime_error("plugin " + impl_->name + " has no rule " + id);
    }
    return impl_->run(id, export_xml, options);
}

std::vector<Finding> Plugin::run_all(const Xml& export_xml, const RunOptions& options) const {
    return impl_->run(impl_->name, export_xml, options);
}

std::vector<std::string> rules_never_fired() {
    Coverage& cover = coverage();
    std::lock_guard<std::mutex> lock(cover.mutex);
    std::vector<std::string> never;
    for (const auto& [file, rules] : cover.rules_by_file) {
        for (const std::string& rule : rules)
            if (!cover.fired.count(rule)) never.push_back(rule);
    }
    return never;
}

std::size_t plugins_loaded() {
    Coverage& cover = coverage();
    std::lock_guard<std::mutex> lock(cover.mutex);
    return cover.rules_by_file.size();
}

}  // namespace surveycheck::testing
