// Runs every enabled rule on every contribution of an export and turns what they report into findings.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "engine/rule_runner.hpp"
#include "engine/rule_set.hpp"
#include "eusurvey/model.hpp"
#include "eusurvey/stream_reader.hpp"
#include "profile/profile.hpp"

namespace surveycheck::engine {

// One contribution as a reader identifies it.
struct ContributionSummary {
    std::string id;           // AnswerSet id, or its list number
    std::string partnership;  // answer of the partnership-name question, empty when none
    std::string period;       // answer of the reporting-period question, empty when none
    eusurvey::Position position;
};

// How far a file got.
enum class FileStatus { checked, incomplete, unreadable };

// Everything found in one file.
struct FileResult {
    std::string path;
    FileStatus status = FileStatus::checked;
    std::string error;  // why the file is unreadable: "line:column: description"
    eusurvey::Position error_position;
    std::vector<ContributionSummary> contributions;
    std::vector<Finding> findings;
    std::vector<std::size_t> contribution_ends;     // per contribution: where its findings end in `findings`
    std::vector<eusurvey::Attachment> attachments;  // uploads next to the export in its ZIP, not validated
    std::vector<Finding>
        run_findings;  // about the whole run (no file or contribution); may repeat across files
};

// "checked", "incomplete" or "unreadable".
const char* file_status_name(FileStatus status);

// Add the run finding of surveycheck/rule-failed (when enabled) for rule `rule`, or with `rule` empty for the
// whole plugin `file`, that could not start: loading the plugin or creating the rule crashed, hung or exited.
void add_start_failure(std::vector<Finding>& out, const RuleSet& rules, const std::string& rule,
                       const std::string& file, const std::string& reason);

// Takes a streamed file's contributions in document order, one at a time, each with its findings.
using ContributionSink =
    std::function<void(ContributionSummary& contribution, std::vector<Finding>& findings)>;

// Validates exports against a profile with a set of rules; const and reusable across files.
class Engine {
public:
    // `audience` is "internal" or "public": public reports never quote confidential answers.
    // `runner` calls the rules (null: all in this process); it must outlive the engine. A rule that breaks
    // on `quarantine_after` contributions of a file (in document order) is not called on the rest of it.
    Engine(const RuleSet& rules, const profile::Profile& profile, std::string audience,
           RuleRunner* runner = nullptr, unsigned quarantine_after = 3);

    // Validate one export that was read successfully, its contributions on up to `jobs` threads.
    FileResult validate(const eusurvey::Export& doc, unsigned jobs = 1) const;

    // Validate an export as `stream` cuts it: `head` is what its open() read, contributions run on up to
    // `jobs` threads as they come. When the export turns out unreadable part-way, `read` says where and why.
    // With a `sink`, each contribution goes to it as soon as those before it are done (the ones before an
    // unreadable one included) instead of into the result, which then holds only the file's own findings.
    FileResult validate_stream(const eusurvey::Export& head, eusurvey::StreamReader& stream, unsigned jobs,
                               eusurvey::ReadResult& read, const ContributionSink& sink = {}) const;

private:
    const RuleSet& rules_;
    const profile::Profile& profile_;
    std::string audience_;
    unsigned quarantine_after_;
    std::unique_ptr<RuleRunner> own_runner_;
    RuleRunner* runner_;
};

}  // namespace surveycheck::engine
