// Calls a plugin's rules directly through its entry table (abi.h), on structures made by survey_builder.hpp:
// no host, no export, no profile. Standard library only; testing.hpp adds the GoogleTest assertions.
//
//     extern "C" const sc_plugin surveycheck_plugin;  // the plugin's sources are compiled into the test
//     const surveycheck::testing::Rules rules(surveycheck_plugin);
//     auto found = rules.run("too-short", survey.abi(), contribution.abi());
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "surveycheck/abi.h"
#include "surveycheck/abi_toolkit.hpp"
#include "surveycheck/rulekit/translations.hpp"
#include "surveycheck/sc_str.hpp"

namespace surveycheck::testing {

// One finding as a test sees it, from this runner or from the host's end-to-end runner (test_runner.hpp).
struct ReportedFinding {
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

// The name ReportedFinding had in SDK 1.x tests.
using Finding [[deprecated("use surveycheck::testing::ReportedFinding")]] = ReportedFinding;

// How a rule is created: its options (NAME, VALUE), the reference data folder and the audience.
struct RuleOptions {
    std::vector<std::pair<std::string, std::string>> options;
    std::string data_dir;
    std::string audience = "internal";
};

// A finding as a rule reported it through the sink, copied out.
struct Reported {
    std::uint32_t severity = 0, question = 0, value = 0, text_offset = 0;
    std::string message, hint, discriminator;
    std::string message_id, hint_id;  // empty when the rule reported plain text
    std::set<std::string> arg_names;  // the placeholders the finding gave a value for
};

// What one create + check + destroy of a rule gave.
struct RunResult {
    int create_status = SC_STATUS_OK;
    int check_status = SC_STATUS_OK;
    std::string error;  // the error buffer after the failing call
    std::vector<Reported> findings;
};

// The rule `id` (the check id, without the plugin's name) of `plugin`, or null; steps through the rules by
// their struct_size.
inline const sc_rule* find_rule(const sc_plugin& plugin, std::string_view id) {
    for (std::uint32_t i = 0; i < plugin.rule_count; ++i)
        if (id == abi::element(plugin.rules, i).id) return &abi::element(plugin.rules, i);
    return nullptr;
}

// Create `rule` as `options` say, check one contribution, destroy it; the error buffer holds
// `error_capacity` bytes.
inline RunResult run_rule_with(const sc_rule& rule, const sc_survey& survey,
                               const sc_contribution& contribution, const RuleOptions& options,
                               std::size_t error_capacity = 256) {
    RunResult result;
    const abi::RuleConfig config(options.options, options.data_dir, options.audience);
    std::vector<char> buffer(error_capacity + 1, 'X');
    const sc_error_buffer error{buffer.data(), error_capacity};
    void* instance = nullptr;
    result.create_status = rule.create(config.get(), &instance, error);
    if (result.create_status != SC_STATUS_OK) {
        result.error = buffer.data();
        return result;
    }
    const sc_sink sink{
        &result.findings, [](void* context, const sc_finding* f) {
            Reported reported;
            reported.severity = f->severity;
            reported.question = f->question;
            reported.value = f->value;
            reported.text_offset = f->text_offset;
            reported.message = std::string(view(f->message));
            reported.hint = std::string(view(f->hint));
            reported.discriminator = std::string(view(f->discriminator));
            if (abi::has_field(*f, f->arg_count)) {
                reported.message_id = std::string(view(f->message_id));
                reported.hint_id = std::string(view(f->hint_id));
                for (std::uint32_t i = 0; i < f->arg_count && f->args != nullptr; ++i)
                    reported.arg_names.insert(std::string(view(abi::element(f->args, i).name)));
            }
            static_cast<std::vector<Reported>*>(context)->push_back(std::move(reported));
        }};
    result.check_status = rule.check(instance, &survey, &contribution, sink, error);
    if (result.check_status != SC_STATUS_OK) result.error = buffer.data();
    rule.destroy(instance);
    return result;
}

// Create `rule` with `options` (NAME, VALUE), data folder "/data" and audience "internal"; check; destroy.
inline RunResult run_rule(const sc_rule& rule, const sc_survey& survey, const sc_contribution& contribution,
                          const std::vector<std::pair<std::string, std::string>>& options = {},
                          std::size_t error_capacity = 256) {
    return run_rule_with(rule, survey, contribution, RuleOptions{options, "/data", "internal"},
                         error_capacity);
}

namespace detail {

// Rules of every plugin a test program ran, and which of them reported a finding (for the coverage check).
struct Coverage {
    std::mutex mutex;
    std::map<std::string, std::vector<std::string>> rules_by_plugin;
    std::set<std::string> fired;
};

// The program's one Coverage; never destroyed, as the check reads it after the last test.
inline Coverage& coverage() {
    static auto* instance = new Coverage();
    return *instance;
}

// Remember the rules (full ids) of plugin `name`.
inline void record_rules(const std::string& name, std::vector<std::string> rules) {
    std::lock_guard<std::mutex> lock(coverage().mutex);
    coverage().rules_by_plugin[name] = std::move(rules);
}

// Remember which rules reported `findings`; returns them.
inline std::vector<ReportedFinding> record_fired(std::vector<ReportedFinding> findings) {
    std::lock_guard<std::mutex> lock(coverage().mutex);
    for (const ReportedFinding& finding : findings) coverage().fired.insert(finding.rule);
    return findings;
}

// The name of a severity.
inline const char* severity_name(std::uint32_t severity) {
    return severity == SC_SEVERITY_ERROR ? "error" : severity == SC_SEVERITY_WARNING ? "warning" : "info";
}

}  // namespace detail

// Rules of every plugin run in this program that have not reported a finding yet.
inline std::vector<std::string> rules_never_fired() {
    detail::Coverage& cover = detail::coverage();
    std::lock_guard<std::mutex> lock(cover.mutex);
    std::vector<std::string> never;
    for (const auto& [plugin, rules] : cover.rules_by_plugin)
        for (const std::string& rule : rules)
            if (!cover.fired.count(rule)) never.push_back(rule);
    return never;
}

// Number of plugins run in this program.
inline std::size_t plugins_loaded() {
    detail::Coverage& cover = detail::coverage();
    std::lock_guard<std::mutex> lock(cover.mutex);
    return cover.rules_by_plugin.size();
}

// The rules of one plugin, called in this process through its sc_plugin; remembers which rules fired.
class Rules {
public:
    // The rules of `plugin`, which must outlive this object.
    // Throws std::runtime_error when the host would refuse the plugin for its translations.
    explicit Rules(const sc_plugin& plugin) : plugin_(plugin), name_(plugin.name) {
        std::string errors;
        for (std::uint32_t i = 0; i < plugin.rule_count; ++i) {
            const sc_rule& rule = abi::element(plugin.rules, i);
            for (const auto& problem : rulekit::check_translations(rule)) {
                if (problem.level == rulekit::TranslationLevel::error)
                    errors += "\n  " + rulekit::describe(problem, name_ + "/" + rule.id);
            }
        }
        if (!errors.empty())
            throw std::runtime_error("surveycheck would refuse plugin " + name_ + ":" + errors);
        detail::record_rules(name_, rules());
    }
    // The plugin's name (sc_plugin.name).
    const std::string& name() const { return name_; }
    // Full ids of its rules, "<plugin>/<check>".
    std::vector<std::string> rules() const {
        std::vector<std::string> ids;
        for (std::uint32_t i = 0; i < plugin_.rule_count; ++i)
            ids.push_back(name_ + "/" + abi::element(plugin_.rules, i).id);
        return ids;
    }
    // Run rule `rule` ("check" or "<plugin>/check") on one contribution; a rule that fails to start or to
    // check gives one "surveycheck/rule-failed" finding, as in the host. Throws std::runtime_error for a rule
    // the plugin does not have.
    std::vector<ReportedFinding> run(const std::string& rule, const sc_survey& survey,
                                     const sc_contribution& contribution,
                                     const RuleOptions& options = RuleOptions()) const {
        const std::string prefix = name_ + "/";
        const std::string id = rule.rfind(prefix, 0) == 0 ? rule.substr(prefix.size()) : rule;
        const sc_rule* found = find_rule(plugin_, id);
        if (found == nullptr) throw std::runtime_error("plugin " + name_ + " has no rule " + prefix + id);
        return detail::record_fired(findings_of(*found, survey, contribution, options));
    }
    // Run every rule of the plugin on one contribution.
    std::vector<ReportedFinding> run_all(const sc_survey& survey, const sc_contribution& contribution,
                                         const RuleOptions& options = RuleOptions()) const {
        std::vector<ReportedFinding> all;
        for (std::uint32_t i = 0; i < plugin_.rule_count; ++i) {
            std::vector<ReportedFinding> found =
                run(abi::element(plugin_.rules, i).id, survey, contribution, options);
            all.insert(all.end(), found.begin(), found.end());
        }
        return all;
    }

private:
    // Throws std::runtime_error when a translation of the message or hint of `reported` has a placeholder
    // the finding gives no value for (the host would show English instead).
    void require_filled_translations(const sc_rule& rule, const Reported& reported) const {
        if (!abi::has_field(rule, rule.translation_count) || rule.translations == nullptr) return;
        for (std::uint32_t i = 0; i < rule.translation_count; ++i) {
            const sc_translation& item = abi::element(rule.translations, i);
            if (item.key == nullptr || item.text == nullptr || item.lang == nullptr) continue;
            if (reported.message_id != item.key && reported.hint_id != item.key) continue;
            const std::vector<std::string> unfilled =
                rulekit::unfilled_placeholders(item.text, reported.arg_names);
            if (unfilled.empty()) continue;
            std::string names;
            for (const std::string& name : unfilled) names += (names.empty() ? "" : ", ") + name;
            throw std::runtime_error(
                "rule " + name_ + "/" + rule.id + ": translation \"" + item.lang + "\" \"" + item.key +
                "\" uses " + names +
                ", which the finding gives no value for (the host shows English instead)");
        }
    }

    std::vector<ReportedFinding> findings_of(const sc_rule& rule, const sc_survey& survey,
                                             const sc_contribution& contribution,
                                             const RuleOptions& options) const {
        const RunResult result = run_rule_with(rule, survey, contribution, options);
        const std::string contribution_id(view(contribution.id));
        if (result.create_status != SC_STATUS_OK || result.check_status != SC_STATUS_OK)
            return {{"surveycheck/rule-failed", "error", "", 0, 0, contribution_id,
                     name_ + "/" + rule.id + ": " + result.error, "", ""}};
        std::vector<ReportedFinding> findings;
        for (const Reported& r : result.findings) {
            require_filled_translations(rule, r);
            ReportedFinding f;
            f.rule = name_ + "/" + rule.id;
            f.severity =
                detail::severity_name(r.severity == SC_SEVERITY_DEFAULT ? rule.default_severity : r.severity);
            if (r.question < survey.question_count)
                f.question = std::string(view(survey.questions[r.question].key));
            const sc_value* value = value_at(contribution, r.value);
            if (value != nullptr) {
                f.line = value->line;
                f.column = value->column;
            }
            f.contribution = contribution_id;
            f.message = r.message;
            f.hint = r.hint;
            findings.push_back(std::move(f));
        }
        return findings;
    }
    // Value `index` of `contribution` (value_count + i: note i), or null.
    static const sc_value* value_at(const sc_contribution& contribution, std::uint32_t index) {
        if (index < contribution.value_count) return &contribution.values[index];
        const std::uint32_t note = index - contribution.value_count;
        const bool has_notes = abi::has_field(contribution, contribution.note_count);
        if (index != SC_NONE && has_notes && note < contribution.note_count) return &contribution.notes[note];
        return nullptr;
    }

    const sc_plugin& plugin_;
    std::string name_;
};

}  // namespace surveycheck::testing
