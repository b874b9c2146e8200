// Internals of `redact` shared by the writer (redact.cpp) and the proof (redact_proof.cpp): how the document
// is parsed and written, how its contributions are read, and what the proof expects.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eusurvey/model.hpp"
#include "util/result.hpp"

namespace surveycheck::report::redact_detail {

// pugixml options: the reader's, plus every node kind a hand edit could hide text in.
unsigned parse_options();

// `text` escaped as EUSurvey writes element text (`& < >`), with CR as a character reference so it survives.
std::string escape_text(std::string_view text);

// `value` escaped as EUSurvey writes attribute values (`& < > "`), with TAB, LF, CR as character references.
std::string escape_attribute(std::string_view value);

// Writes the public export to a file descriptor through a buffer, so a huge document is never held whole.
class OutputWriter {
public:
    explicit OutputWriter(int fd) : fd_(fd) { buffer_.reserve(capacity); }
    // Append `bytes`; throws std::system_error when the file cannot take them.
    OutputWriter& operator+=(std::string_view bytes);
    // Append one byte; throws std::system_error when the file cannot take it.
    OutputWriter& operator+=(char byte) {
        buffer_ += byte;
        if (buffer_.size() >= capacity) flush();
        return *this;
    }
    // Write what is buffered; throws std::system_error when the file cannot take it.
    void flush();

private:
    static constexpr std::size_t capacity = std::size_t{1} << 20;
    int fd_;
    std::string buffer_;
};

// `node` and everything under it, written as EUSurvey does: no self-closing tags, nothing but elements, text
// and attributes (the caller refuses documents with other node kinds).
void write_node(const pugi::xml_node& node, OutputWriter& out);

// The whole document: the XML declaration, one newline, the root element, and `trailing_newline` after it.
void write_document(const pugi::xml_document& document, bool trailing_newline, OutputWriter& out);

// Where `node` starts in `source`: the '<' of an element, the first byte of anything else.
eusurvey::Position position_of(const eusurvey::SourceText& source, const pugi::xml_node& node);

// True for the answer elements of an AnswerSet: Answer, TargetDataset, Explanation, Discussion.
bool is_answer_element(std::string_view name);

// One AnswerSet of the document, as the reader reads it, with its answer elements in the same order.
struct Contribution {
    pugi::xml_node node;
    const eusurvey::AnswerSet* model = nullptr;  // the reader's, not a copy
    std::vector<pugi::xml_node> answers;         // per model.answers
};

// Every AnswerSet of every Answers block of `document`, paired in order with the reader's contributions
// `reader_model` (one each, every answer element the one the reader read), into `out`; a failure saying
// where they disagree.
util::Result read_contributions(const pugi::xml_document& document,
                                const std::vector<eusurvey::AnswerSet>& reader_model,
                                std::vector<Contribution>& out);

// One kept answer, as the proof compares it: its text by SHA-256, so the input need not be held while the
// output is read back.
struct KeptAnswer {
    std::string name;
    std::string qid;
    std::string aid;
    std::string text_sha256;
    std::size_t text_size = 0;
    bool operator==(const KeptAnswer& other) const {
        return name == other.name && qid == other.qid && aid == other.aid && text_size == other.text_size &&
               text_sha256 == other.text_sha256;
    }
};

// `answer` as the proof compares it.
KeptAnswer kept_answer(const eusurvey::Answer& answer);

// A text or attribute value of the input that the output may legitimately hold (a view of the input's tree).
struct PublicValue {
    bool attribute = false;
    std::string_view value;
};

// What the proof expects of the output, computed from the input before anything is removed. The texts are
// views of the input's reading and tree: prepare_proof() keeps what it needs of them.
struct Expectation {
    std::vector<std::vector<KeptAnswer>> answers;  // per contribution: its public answers, in order
    std::vector<std::vector<std::pair<std::string, std::string>>>
        attributes;                              // per contribution, personal values empty
    std::vector<std::string_view> confidential;  // every confidential answer text of the file
    std::vector<std::string_view> personal;      // every personal attribute value of the file
    std::vector<PublicValue> public_values;      // every value of the input outside what is removed
};

// What the proof needs of an Expectation, free of the input: the input and its tree may go once it is made.
struct Proof;

// Deleter of a Proof, whose type is complete only in redact_proof.cpp.
struct ProofDeleter {
    void operator()(Proof* proof) const;
};

// The proof of `expected`, holding no view of the input.
std::unique_ptr<Proof, ProofDeleter> prepare_proof(Expectation&& expected);

// Prove the output written to `fd` (a regular file open for reading): what failed, empty when it holds (see
// docs/redaction.md "What redact proves"). It is read back by libxml2 from the file, then by the reader.
std::vector<std::string> prove(int fd, const std::string& path, const Proof& proof);

}  // namespace surveycheck::report::redact_detail
