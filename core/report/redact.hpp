// The public-release version of an export: confidential answers removed, personal meta blanked, written from
// the parsed document and proven before it is handed back; refused whenever the tool cannot be sure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "eusurvey/model.hpp"
#include "profile/profile.hpp"

namespace surveycheck::report {

// How redaction ended.
enum class RedactStatus {
    written,       // the output holds the proven public export
    refused,       // the export's content is the reason (exit 1): see `problems`
    unreadable,    // the input is not an export at all (exit 2)
    proof_failed,  // the output did not pass its proof (exit 3); nothing may be written
};

// One reason redaction stopped, at a place of the input (0:0 for the whole file).
struct RedactProblem {
    eusurvey::Position position;
    std::string reason;   // e.g. not-bound, reused-text, not-plain-xml, proof-failed
    std::string message;  // never quotes confidential text
};

// What redaction did.
struct Redaction {
    RedactStatus status = RedactStatus::written;
    std::vector<RedactProblem> problems;
    std::size_t answers_removed = 0;     // Answer, TargetDataset, Explanation, Discussion elements dropped
    std::size_t scores_removed = 0;      // Scores entries of confidential questions and sections dropped
    std::size_t attributes_blanked = 0;  // non-empty user, userlogin, invitation values emptied
    std::size_t contributions = 0;       // AnswerSets written, over every Answers block
};

// Redact the export `input` (named `path`) for publication under `profile`: refuse when the profile does not
// bind it for certain, when a public answer still holds confidential text or contact data, or when it is not
// plain EUSurvey XML; otherwise remove every answer to a confidential question, empty user, userlogin and
// invitation, write the document in EUSurvey's style to `output_fd` (an empty regular file open for reading
// and writing) and prove it there by reading it back (see docs/redaction.md). Throws std::system_error when
// the output cannot be written; whatever the status, the caller publishes the file only when it is `written`.
Redaction redact_for_publication(std::string input, const std::string& path, const profile::Profile& profile,
                                 int output_fd);

}  // namespace surveycheck::report
