// Reads an EUSurvey Results XML export into the model of model.hpp.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "eusurvey/model.hpp"
#include "util/result.hpp"

namespace surveycheck::eusurvey {

// Outcome of reading one export.
enum class ReadStatus {
    ok,
    file_not_found,   // the file does not exist
    io_error,         // the file could not be read
    not_well_formed,  // the XML parser rejected it
    wrong_root,       // the root element is not Results
    missing_survey,   // no Results/Survey
    missing_answers   // no Results/Answers
};

// pugixml-style result of reading: what went wrong and where (util::Result), and the status callers switch
// on.
struct ReadResult : util::Result {
    ReadStatus status = ReadStatus::ok;  // ok exactly when the result is true

    // A failure of kind `status` (not ok): `description` at `position` (0:0 when it concerns the whole file).
    static ReadResult failure(ReadStatus status, std::string description, Position position = {}) {
        ReadResult result;
        static_cast<util::Result&>(result) = util::Result::failure(std::move(description), position);
        result.status = status;
        return result;
    }
};

// Read the export at `path` into `out`.
ReadResult read_export_file(const std::string& path, Export& out);

// Read an export from `bytes`; `path` is only used to name it.
ReadResult read_export_buffer(std::string bytes, const std::string& path, Export& out);

// Read the one `<AnswerSet>` element of `source` (a slice of an export) as the `index`-th contribution.
ReadResult read_answer_set_slice(const SourceText& source, std::size_t index, AnswerSet& out);

// Undo the second escaping path B exports give table cells, rating values and complex-table cells
// (EUSURVEY-XML.md §1.6): the text of `set`'s answers to those elements of `survey` is expanded once more
// when it holds character references. Path A free text is never escaped twice and is left as it is.
void undo_double_escaping(const Survey& survey, AnswerSet& set);

// Check that `source` (a slice of an export) is well-formed, with no second root after a </Results>.
ReadResult check_slice(const SourceText& source);

}  // namespace surveycheck::eusurvey
