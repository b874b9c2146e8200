// Internals of `redact` shared by the writer (redact.cpp) and the proof (redact_proof.cpp): how the document
// is parsed and written, how its contributions are read, and what the proof expects.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eusurvey/model.hpp"

namespace surveycheck::report::redact_detail {

// pugixml options: the reader's, plus every node kind a hand edit could hide text in.
unsigned parse_options();

// `text` escaped as EUSurvey writes element text (`& < >`), with CR as a character reference so it survives.
std::string escape_text(std::string_view text);

// `value` escaped as EUSurvey writes attribute values (`& < > "`), with TAB, LF, CR as character references.
std::string escape_attribute(std::string_view value);

// `node` and everything under it, written as EUSurvey does: no self-closing tags, nothing but elements, text
// and attributes (the caller refuses documents with other node kinds).
void write_node(const pugi::xml_node& node, std::string& out);

// The whole document: the XML declaration, one newline, the root element. `size_hint` (the input's size) is
// reserved up front, so a huge output is not copied as it grows.
std::string write_document(const pugi::xml_document& document, std::size_t size_hint);

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
// `reader_model` (one each, every answer element the one the reader read). False with `error` on any
// disagreement.
bool read_contributions(const pugi::xml_document& document,
                        const std::vector<eusurvey::AnswerSet>& reader_model, std::vector<Contribution>& out,
                        std::string& error);

// One kept answer, as the proof compares it: views of the input's reading, which outlives the proof.
struct KeptAnswer {
    std::string_view name;
    std::string_view qid;
    std::string_view aid;
    std::string_view text;
    bool operator==(const KeptAnswer& other) const {
        return name == other.name && qid == other.qid && aid == other.aid && text == other.text;
    }
};

// A text or attribute value of the input that the output may legitimately hold (a view of the input's tree).
struct PublicValue {
    bool attribute = false;
    std::string_view value;
};

// What the proof expects of the output, computed from the input before anything is removed. Views of the
// input's reading and tree, never copies: a huge answer is not held again.
struct Expectation {
    std::vector<std::vector<KeptAnswer>> answers;  // per contribution: its public answers, in order
    std::vector<std::vector<std::pair<std::string, std::string>>>
        attributes;                              // per contribution, personal values empty
    std::vector<std::string_view> confidential;  // every confidential answer text of the file
    std::vector<std::string_view> personal;      // every personal attribute value of the file
    std::vector<PublicValue> public_values;      // every value of the input outside what is removed
};

// Prove `output`: what failed, empty when it holds (see docs/redaction.md "What redact proves"). The reader's
// read-back takes the bytes over rather than copying them, and hands them back in `read_back`. `release` is
// called before libxml2 reads the output back, once the confidential texts and public values of `expected`
// are no longer looked at (the caller may free the tree they view).
std::vector<std::string> prove(std::string output, const std::string& path, const Expectation& expected,
                               const std::function<void()>& release,
                               std::shared_ptr<const eusurvey::SourceText>& read_back);

}  // namespace surveycheck::report::redact_detail
