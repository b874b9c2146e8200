// Runs the rules of a built plugin on an export, with the host's own loader, reader, profile binder and
// engine. The GoogleTest side (assertions, rule coverage) is testing.hpp; this part needs the standard
// library only.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace surveycheck::testing {

// One finding as the host reports it.
struct Finding {
    std::string rule;          // "<plugin>/<check>", or "surveycheck/<check>" for the host's own
    std::string severity;      // "error", "warning" or "info"
    std::string question;      // profile key of the question, empty when none or unknown to the profile
    unsigned line = 0;         // 1-based line in the export, 0 when none
    unsigned column = 0;       // 1-based column, 0 when none
    std::string contribution;  // AnswerSet id
    std::string message;
    std::string hint;
    std::string excerpt;  // the answer as a report would quote it, empty when not quoted
};

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

// How rules run: the form profile (none: the built-in S3 profile), rule options, data folder, audience.
struct RunOptions {
    std::optional<Xml> profile;
    std::vector<std::pair<std::string, std::string>> options;  // NAME, VALUE for the rules run
    std::string data_dir;
    std::string audience = "internal";
};

// A built plugin module, loaded and checked exactly as the host loads it; remembers which rules fired.
class Plugin {
public:
    // Load the module at `path`; throws std::runtime_error with the host's refusal when it cannot be used.
    explicit Plugin(const std::string& path);
    ~Plugin();
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    // The plugin's name (sc_plugin.name).
    const std::string& name() const;
    // Full ids of its rules, "<plugin>/<check>".
    std::vector<std::string> rules() const;
    // Run rule `rule` ("check" or "<plugin>/check") on `export_xml`; throws std::runtime_error on bad input.
    std::vector<Finding> run(const std::string& rule, const Xml& export_xml,
                             const RunOptions& options = RunOptions()) const;
    // Run every rule of the plugin on `export_xml`.
    std::vector<Finding> run_all(const Xml& export_xml, const RunOptions& options = RunOptions()) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Rules of every Plugin loaded in this program that have not reported a finding yet.
std::vector<std::string> rules_never_fired();
// Number of plugins loaded in this program.
std::size_t plugins_loaded();

}  // namespace surveycheck::testing
