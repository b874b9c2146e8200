// The in-memory model of one EUSurvey Results export, as the reader builds it. Immutable once read.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/result.hpp"

namespace surveycheck::eusurvey {

// "No index" for optional indices into the vectors below.
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// A 1-based line and column in the export file (0 when unknown): the one position type of util::Result.
using Position = util::Position;

// The element kinds of an `Elements` block (EUSURVEY-XML.md §1.3).
enum class ElementKind {
    section,
    question,
    text,
    image,
    choice,          // `Answer` under Elements or Cell: a possible answer
    matrix,          // MatrixTitle
    matrix_row,      // MatrixQuestion
    matrix_column,   // MatrixAnswer
    matrix_cell,     // MatrixCell (qid/aid, no id)
    table,           // TableTitle
    table_row,       // TableQuestion
    table_column,    // TableAnswer
    rating_item,     // RatingQuestion
    ranking_item,    // RankingItem
    complex_table,   // ComplexTableTitle
    cell,            // complex-table Cell
    target_dataset,  // TargetDataset definition
    unknown          // an element name the reader does not know; kept so nothing is lost silently
};

// One child of an `Elements` block, in document order.
struct Element {
    ElementKind kind = ElementKind::unknown;
    std::string name;                     // XML element name as written
    std::string uid;                      // @id (for MatrixCell: empty)
    std::string bid;                      // @bid, empty when absent
    std::string type;                     // @type, empty when absent
    std::string title;                    // text content with HTML reduced to plain text
    std::string raw_title;                // text content as exported (entities decoded, HTML kept)
    std::vector<std::string> dependents;  // @dependentElements (or the old @dependenElements), split on ';'
    std::string row_uid;                  // MatrixCell @qid
    std::string column_uid;               // MatrixCell @aid
    int cell_row = -1;                    // Cell @row
    int cell_column = -1;                 // Cell @column
    std::string result_text;              // Cell: the ResultText child ("Table : column header : row header")
    std::size_t parent = npos;            // choice Answer under a Cell: index of that Cell; npos otherwise
    std::size_t owner = npos;  // index of the question-level element this part belongs to, npos for heads
    Position position;
};

// The question kinds the reader derives (mirrors sc_question_kind in abi.h).
enum class QuestionKind {
    other,
    free_text,
    single_choice,
    multiple_choice,
    matrix,
    table,
    complex_table,
    rating,
    ranking,
    target_dataset
};

// A question of the export: a question-level element with its parts, derived from the flat element list.
struct ExportQuestion {
    std::size_t element = npos;  // index of the head element (Question, MatrixTitle, TableTitle, ...)
    QuestionKind kind = QuestionKind::other;
    std::size_t section = npos;        // index into Questionnaire::sections, npos before the first section
    std::vector<std::size_t> choices;  // element indices: possible answers, ranking items, datasets
    std::vector<std::size_t> rows;  // element indices: matrix/table rows, rating items, complex-table cells
    std::vector<std::size_t> columns;  // element indices: matrix/table columns
    std::vector<std::size_t>
        triggers;  // element indices of choices / matrix cells whose dependents include it
};

// One `Elements` block (one language) with its derived questions and sections.
struct Questionnaire {
    std::string lang;  // @lang as written
    Position position;
    std::vector<Element> elements;
    std::vector<std::size_t> sections;      // element indices of Section elements
    std::vector<ExportQuestion> questions;  // in survey order; Text and Image are not questions
    std::unordered_map<std::string, std::size_t> element_by_uid;       // uid -> element index
    std::unordered_map<std::string, std::size_t> question_by_element;  // uid of any element -> question index
};

// One answer element of an AnswerSet (`Answer`, `TargetDataset`, `Explanation`, `Discussion`).
struct Answer {
    std::string name;  // XML element name
    std::string qid;   // @qid
    std::string aid;   // @aid (for TargetDataset: @id), trimmed; empty when absent
    std::string text;  // text content, entities decoded, not trimmed
    std::size_t child_index =
        0;  // 1-based position among the AnswerSet's element children of this name (XPath)
    std::size_t text_offset = npos;  // byte offset of the text in the source buffer, npos when empty
    Position position;
};

// One contribution.
struct AnswerSet {
    std::vector<std::pair<std::string, std::string>> attributes;  // in document order
    std::vector<Answer> answers;
    std::size_t index = 0;   // 1-based position among the AnswerSet elements of its Answers block (XPath)
    std::size_t block = 1;   // 1-based position of its Answers block among those of Results (XPath)
    std::size_t number = 0;  // 1-based position among every contribution of the export, in document order
    Position position;

    // Value of attribute `name`, empty when absent.
    std::string_view attribute(std::string_view name) const;
    // The contribution id: @id unless it is missing, empty or "Anonymous" (anonymous surveys give every
    // contribution that id), else @list, else "#<number>".
    std::string contribution_id() const;
    // Where it is: /Results/Answers/AnswerSet[i], or /Results/Answers[k]/AnswerSet[i] in the k-th block
    // (k > 1).
    std::string xpath() const;
};

// The `Survey` element.
struct Survey {
    std::string id;
    std::string uid;
    std::string alias;
    Position position;
    std::vector<Questionnaire>
        questionnaires;  // one per Elements block (profile::questionnaire_for picks one)
};

// Where one decoded text (an answer) stands in its source: a checkpoint every few hundred decoded bytes, so
// an offset into a long text is placed without reading the text from its start.
struct TextMap {
    // A state of the walk through the source: raw and decoded bytes behind it, inside a CDATA section or not.
    struct Checkpoint {
        std::size_t raw = 0;
        std::size_t decoded = 0;
        bool in_cdata = false;
    };
    std::vector<Checkpoint> checkpoints;  // in order; the first is the text's start
};

// The source bytes, kept to map byte offsets to lines and columns.
class SourceText {
public:
    explicit SourceText(std::string bytes);
    // A piece of a file: the bytes from `origin` on start at `base` in the file (the ones before are
    // synthetic).
    SourceText(std::string bytes, std::size_t origin, Position base);
    SourceText(const SourceText&) = delete;
    SourceText& operator=(const SourceText&) = delete;
    // The whole buffer.
    std::string_view bytes() const { return bytes_; }
    // 1-based line and column of a byte offset (column counts UTF-8 code points).
    Position position_of(std::size_t offset) const;
    // Position of the `decoded_offset`-th byte of the decoded text that starts at `raw_offset` in the source.
    Position position_in_text(std::size_t raw_offset, std::size_t decoded_offset) const;
    // The checkpoints of the decoded text that starts at `raw_offset`, in one pass over it.
    TextMap map_text(std::size_t raw_offset) const;
    // position_in_text() for the text `map` was made of, reading at most one checkpoint's span.
    Position position_in(const TextMap& map, std::size_t decoded_offset) const;

private:
    void index() const;
    std::size_t code_points_before(std::size_t offset) const;
    std::size_t code_points_between(std::size_t start, std::size_t offset) const;

    std::string bytes_;
    std::size_t origin_ = 0;
    Position base_{1, 1};
    // Built on the first position asked for (by whichever thread asks), not when the text is cut.
    mutable std::atomic<bool> indexed_{false};
    mutable std::mutex index_mutex_;
    mutable std::vector<std::size_t> line_starts_;
    mutable std::vector<std::size_t> span_code_points_;     // code points before each 4096-byte span
    mutable std::vector<std::uint16_t> block_code_points_;  // code points from its span to each 64-byte block
};

// A file uploaded with the contributions, next to the export in its ZIP: listed, never validated.
struct Attachment {
    std::string member;        // its name inside the archive
    std::string question_uid;  // uid of the question it was uploaded to (its folder), empty if unknown
    std::string file_name;     // the uploaded file's name, without EUSurvey's "<fileUid>_" prefix
};

// A whole export file.
struct Export {
    std::string path;    // as given by the user
    std::string create;  // Results/@create
    Survey survey;
    std::vector<AnswerSet> answer_sets;   // of every Answers block, in document order
    std::vector<Attachment> attachments;  // the other members of the ZIP it came in, in archive order
    std::shared_ptr<const SourceText> source;
};

}  // namespace surveycheck::eusurvey
