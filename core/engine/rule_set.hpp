// The rules of a run: host and plugin rules, which are enabled, their severities and their instances.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/finding.hpp"
#include "host/plugin_host.hpp"
#include "surveycheck/abi.h"

namespace surveycheck::engine {

// A configuration the user gave that cannot be used (unknown rule, bad option); exit code 2.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Metadata of one rule option.
struct OptionInfo {
    std::string name;
    std::string type;  // "string", "integer" or "boolean"
    std::string default_value;
    std::string description;
};

// One of a rule's messages in another language.
struct TranslationEntry {
    std::string lang;  // "fr"
    std::string key;   // message id, hint id or "title"
    std::string text;  // with {name} placeholders
};

// One rule of the run, from a plugin or from the host itself.
struct RunRule {
    std::string id;      // "<plugin>/<check>"
    std::string plugin;  // plugin name ("surveycheck" for the host's own rules)
    std::string title;
    std::string description;
    std::string file;       // plugin file, empty for host rules
    std::string docs_path;  // the documentation link as declared: "docs/rules/<plugin>.md#<check>" or a URL
    std::string docs_url;   // docs_path on the run's docs base (docs_url_on)
    Severity default_severity = Severity::error;
    Severity severity = Severity::error;  // after --severity overrides
    bool severity_overridden = false;     // the user set the severity, so it beats what the rule reports
    bool enabled = true;
    std::vector<OptionInfo> options;
    std::vector<TranslationEntry> translations;  // the rule's own, or the host's for host rules
    const sc_rule* rule = nullptr;               // null for host rules
    bool builtin = false;                        // from the built-in plugin folder
    bool third_party = false;  // a plugin rule from outside the built-in folder: marked so in every output
    bool in_worker = false;    // only a worker opened its plugin: it runs isolated in any mode
};

// Which plugin rules run in worker processes instead of the host's process.
enum class Isolation { none, third_party, all };

// Option values given to a rule: (name, value), a later one winning.
using OptionValues = std::vector<std::pair<std::string, std::string>>;

// What the user selected: patterns are a full rule id, a plugin name, "<plugin>/*", or "all".
struct Selection {
    std::vector<std::string> enable;          // --enable patterns: decide the rules they match
    std::vector<std::string> disable;         // --disable patterns
    std::vector<std::string> config_enable;   // the config file's: decide only what the command line leaves
    std::vector<std::string> config_disable;  // the config file's <disable>
    std::vector<std::pair<std::string, Severity>> severities;  // pattern -> severity, later ones win
    std::map<std::string, OptionValues> options;               // rule id, plugin name or "all" -> name=value
    std::string data_dir;
    std::string audience = "internal";
    std::string lang = "en";  // language of the messages (ISO 639-1); English where a rule has no translation
    std::string docs_base;  // --docs-url: base of the rules' documentation links; empty: default_docs_base()
    Isolation isolation = Isolation::none;  // isolated rules are created by their worker, not here
};

// Rules with their instances; destroys the instances when it goes.
class RuleSet {
public:
    // Apply the selection to the host rules and `loaded`, and create the enabled plugin rules; throws
    // ConfigError.
    RuleSet(const std::vector<host::LoadedRule>& loaded, const Selection& selection);
    ~RuleSet();
    RuleSet(const RuleSet&) = delete;
    RuleSet& operator=(const RuleSet&) = delete;

    // Every rule, enabled or not: host rules first, then plugin rules in load order.
    const std::vector<RunRule>& rules() const { return rules_; }
    // The rule with `id`, or null.
    const RunRule* find(const std::string& id) const;
    // True when rule `index` (into rules()) is an enabled plugin rule, created here or isolated.
    bool runs(std::size_t index) const { return created_[index] || isolated_[index]; }
    // True when rule `index` is an enabled plugin rule that runs in a worker process.
    bool isolated(std::size_t index) const { return isolated_[index]; }
    // The option values of rule `index`: every --rule-option of its id, its plugin or "all" it declares.
    const OptionValues& options_of(std::size_t index) const { return option_values_[index]; }
    // The instance of plugin rule `index` (may be null for a rule that keeps no state).
    void* instance(std::size_t index) const { return instances_[index]; }

private:
    void release();

    std::vector<RunRule> rules_;
    std::vector<OptionValues> option_values_;
    std::vector<void*> instances_;
    std::vector<bool> created_;
    std::vector<bool> isolated_;
};

// The base of documentation links when the run gives none: SURVEYCHECK_DOCS_BASE_URL of the build.
std::string default_docs_base();

// The link of a rule's page: `declared` ("docs/rules/x.md#check", relative to the project's root) on `base`
// (a '/' between them when `base` has none); a declared absolute URL as it is; empty stays empty.
std::string docs_url_on(const std::string& declared, const std::string& base);

// The page on this machine, for reading it offline (`explain`): a file:// URL into the installed docs
// (<prefix>/share/doc/surveycheck/) or, in a build tree, the source tree; a declared absolute URL as it is.
std::string local_docs_url(const std::string& declared);

}  // namespace surveycheck::engine
