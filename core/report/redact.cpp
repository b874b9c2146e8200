#include "report/redact.hpp"

#include <algorithm>
#include <map>

#include "profile/binder.hpp"

namespace surveycheck::report {
namespace {

using eusurvey::Position;

// A byte range of the source to replace with `replacement`.
struct Edit {
    std::size_t begin;
    std::size_t end;
    std::string replacement;
};

bool before(Position a, Position b) { return a.line != b.line ? a.line < b.line : a.column < b.column; }

// The byte offset whose line and column are `position` (positions grow with offsets: a binary search).
std::size_t offset_of(const eusurvey::SourceText& source, Position position) {
    std::size_t low = 0;
    std::size_t high = source.bytes().size();
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (before(source.position_of(middle), position)) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

// End of the start tag that begins at `begin` ('<'), quotes respected: the offset just after its '>'.
std::size_t start_tag_end(std::string_view bytes, std::size_t begin) {
    char quote = 0;
    for (std::size_t i = begin + 1; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return bytes.size();
}

// True when a tag named exactly `name` (after `prefix`, "<" or "</") starts at `at`: <Answer, not <AnswerSet.
bool tag_at(std::string_view bytes, std::size_t at, std::string_view prefix, const std::string& name) {
    if (bytes.compare(at, prefix.size(), prefix) != 0 ||
        bytes.compare(at + prefix.size(), name.size(), name) != 0) {
        return false;
    }
    const std::size_t after = at + prefix.size() + name.size();
    return after < bytes.size() && std::string_view(" \t\r\n>/").find(bytes[after]) != std::string_view::npos;
}

// End of the element `name` that begins at `begin`: after its end tag, or after a self-closing start tag.
std::size_t element_end(std::string_view bytes, std::size_t begin, const std::string& name) {
    const std::size_t tag_end = start_tag_end(bytes, begin);
    if (tag_end >= 2 && bytes[tag_end - 2] == '/') return tag_end;
    std::size_t depth = 0;  // Explanation holds children, but never another element of its own name
    for (std::size_t at = bytes.find('<', tag_end); at != std::string_view::npos;
         at = bytes.find('<', at + 1)) {
        if (tag_at(bytes, at, "</", name)) {
            if (depth == 0) return start_tag_end(bytes, at);
            --depth;
        } else if (tag_at(bytes, at, "<", name)) {
            ++depth;
        }
    }
    return bytes.size();
}

// Widen a removal to its whole line when the element stands alone on it (pretty-printed exports).
void take_whole_line(std::string_view bytes, std::size_t& begin, std::size_t& end) {
    std::size_t line_begin = begin;
    while (line_begin > 0 && (bytes[line_begin - 1] == ' ' || bytes[line_begin - 1] == '\t')) --line_begin;
    std::size_t line_end = end;
    while (line_end < bytes.size() &&
           (bytes[line_end] == ' ' || bytes[line_end] == '\t' || bytes[line_end] == '\r')) {
        ++line_end;
    }
    const bool alone = (line_begin == 0 || bytes[line_begin - 1] == '\n') && line_end < bytes.size() &&
                       bytes[line_end] == '\n';
    if (alone) {
        begin = line_begin;
        end = line_end + 1;
    }
}

// Edits that empty the values of the personal attributes in the start tag at [begin, tag_end).
void blank_personal_attributes(std::string_view bytes, std::size_t begin, std::vector<Edit>& edits,
                               std::size_t& blanked) {
    static const char* const personal[] = {"user", "userlogin", "invitation"};
    const std::size_t tag_end = start_tag_end(bytes, begin);
    std::size_t i = begin + 1;
    while (i < tag_end && bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r') ++i;
    while (i < tag_end) {
        while (i < tag_end && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r'))
            ++i;
        const std::size_t name_begin = i;
        while (i < tag_end && bytes[i] != '=' && bytes[i] != ' ' && bytes[i] != '>' && bytes[i] != '/') ++i;
        const std::string_view name = bytes.substr(name_begin, i - name_begin);
        while (i < tag_end && bytes[i] != '=' && bytes[i] != '>') ++i;
        if (i >= tag_end || bytes[i] != '=') break;
        ++i;
        while (i < tag_end && bytes[i] != '"' && bytes[i] != '\'') ++i;
        if (i >= tag_end) break;
        const char quote = bytes[i];
        const std::size_t value_begin = i + 1;
        const std::size_t value_end = bytes.find(quote, value_begin);
        if (value_end == std::string_view::npos || value_end >= tag_end) break;
        const bool is_personal = std::any_of(std::begin(personal), std::end(personal),
                                             [&](const char* candidate) { return name == candidate; });
        if (is_personal && value_end > value_begin) {
            edits.push_back(Edit{value_begin, value_end, ""});
            ++blanked;
        }
        i = value_end + 1;
    }
}

}  // namespace

Redaction redact_for_publication(const eusurvey::Export& doc, const profile::Profile& profile) {
    Redaction result;
    const std::string_view bytes = doc.source->bytes();
    std::map<const eusurvey::Questionnaire*, profile::Binding> bindings;
    std::vector<Edit> edits;

    for (const auto& set : doc.answer_sets) {
        blank_personal_attributes(bytes, offset_of(*doc.source, set.position), edits,
                                  result.attributes_blanked);
        const eusurvey::Questionnaire* questionnaire = doc.survey.questionnaire_for(set.attribute("lang"));
        if (!questionnaire) {
            if (!set.answers.empty()) {
                result.warnings.push_back("contribution " + std::string(set.contribution_id()) +
                                          ": no questionnaire to judge its answers by; they are kept");
            }
            continue;
        }
        auto bound = bindings.find(questionnaire);
        if (bound == bindings.end())
            bound = bindings.emplace(questionnaire, profile::bind(profile, *questionnaire)).first;
        for (const auto& answer : set.answers) {
            const auto question = questionnaire->question_by_element.find(answer.qid);
            if (question == questionnaire->question_by_element.end()) {
                result.warnings.push_back("contribution " + std::string(set.contribution_id()) +
                                          ": answer to qid " + answer.qid +
                                          ", which the survey does not define, is kept");
                continue;
            }
            if (!bound->second.question_confidential[question->second]) continue;
            std::size_t begin = offset_of(*doc.source, answer.position);
            std::size_t end = element_end(bytes, begin, answer.name);
            take_whole_line(bytes, begin, end);
            edits.push_back(Edit{begin, end, ""});
            ++result.answers_removed;
        }
    }

    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    std::size_t at = 0;
    for (const auto& edit : edits) {
        result.bytes.append(bytes.substr(at, edit.begin - at));
        result.bytes += edit.replacement;
        at = edit.end;
    }
    result.bytes.append(bytes.substr(at));
    return result;
}

}  // namespace surveycheck::report
