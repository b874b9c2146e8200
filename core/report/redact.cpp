#include "report/redact.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "engine/confidential_mask.hpp"
#include "eusurvey/reader.hpp"
#include "profile/binder.hpp"
#include "report/redact_detail.hpp"
#include "surveycheck/rulekit/personal_data.hpp"

namespace surveycheck::report {
namespace {

namespace detail = redact_detail;
using eusurvey::Position;
using Names = std::initializer_list<std::string_view>;

// The AnswerSet attributes that identify a person.
constexpr std::string_view personal_attributes[] = {"user", "userlogin", "invitation"};

bool is_personal(std::string_view name) {
    return std::find(std::begin(personal_attributes), std::end(personal_attributes), name) !=
           std::end(personal_attributes);
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool one_of(std::string_view name, Names names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The next node of `document` in document order, without recursion; null after the last.
pugi::xml_node next_in_order(pugi::xml_node node) {
    if (node.first_child()) return node.first_child();
    while (node && !node.next_sibling()) node = node.parent();
    return node ? node.next_sibling() : pugi::xml_node();
}

// Every non-blank text under `node` (its own text, and ExplanationText / ExplanationFile for an Explanation).
std::vector<std::string_view> texts_under(const pugi::xml_node& node) {
    std::vector<std::string_view> texts;
    pugi::xml_node at = node;
    for (;;) {
        if (at.type() == pugi::node_pcdata && !is_blank(at.value())) texts.emplace_back(at.value());
        if (at.first_child()) {
            at = at.first_child();
            continue;
        }
        while (at != node && !at.next_sibling()) at = at.parent();
        if (at == node) return texts;
        at = at.next_sibling();
    }
}

// Collects the reasons to refuse, at their place in the input.
class Refusals {
public:
    Refusals(const eusurvey::SourceText& source, std::vector<RedactProblem>& problems)
        : source_(source), problems_(problems) {}

    void at(Position position, std::string reason, std::string message) {
        problems_.push_back(RedactProblem{position, std::move(reason), std::move(message)});
    }
    void at(const pugi::xml_node& node, std::string reason, std::string message) {
        at(detail::position_of(source_, node), std::move(reason), std::move(message));
    }
    bool any() const { return !problems_.empty(); }

private:
    const eusurvey::SourceText& source_;
    std::vector<RedactProblem>& problems_;
};

const char* const edit_hint = "; export again from EUSurvey, or remove it";

// Attributes, element children and text of `node` that plain EUSurvey XML does not give it.
void check_shape(const pugi::xml_node& node, Names attributes, Names children, bool text,
                 Refusals& refusals) {
    const std::string name = node.name();
    for (const pugi::xml_attribute& attribute : node.attributes()) {
        if (!one_of(attribute.name(), attributes)) {
            refusals.at(node, "not-plain-xml",
                        "<" + name + "> has an attribute `" + attribute.name() + "` EUSurvey does not write" +
                            edit_hint);
        }
    }
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() == pugi::node_element && !one_of(child.name(), children)) {
            refusals.at(child, "not-plain-xml",
                        "<" + std::string(child.name()) + "> is not an element EUSurvey writes inside <" +
                            name + ">" + edit_hint);
        } else if (child.type() == pugi::node_pcdata && !text && !is_blank(child.value())) {
            refusals.at(child, "not-plain-xml", "<" + name + "> holds text outside any answer" + edit_hint);
        }
    }
}

// True when `value` holds a control character XML 1.0 does not allow.
bool has_control(std::string_view value) {
    return std::any_of(value.begin(), value.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
}

// Node kinds, duplicate attributes and control characters anywhere; the shape of the Answers part.
void check_plain(const pugi::xml_document& document, Refusals& refusals) {
    for (pugi::xml_node node = document.first_child(); node; node = next_in_order(node)) {
        switch (node.type()) {
            case pugi::node_doctype:
                refusals.at(node, "not-plain-xml",
                            "a DOCTYPE: EUSurvey writes none, and its declarations (entities, attribute "
                            "defaults) change what a reader sees" +
                                std::string(edit_hint));
                break;
            case pugi::node_cdata:
                refusals.at(
                    node, "not-plain-xml",
                    "a CDATA section: EUSurvey writes none, and it can hide markup" + std::string(edit_hint));
                break;
            case pugi::node_comment:
                refusals.at(node, "not-plain-xml",
                            "a comment: EUSurvey writes none" + std::string(edit_hint));
                break;
            case pugi::node_pi:
                refusals.at(node, "not-plain-xml",
                            "a processing instruction: EUSurvey writes none" + std::string(edit_hint));
                break;
            case pugi::node_declaration:
                if (node.parent() != document)
                    refusals.at(node, "not-plain-xml", "an XML declaration inside the document");
                break;
            case pugi::node_element: {
                std::unordered_set<std::string_view> seen;
                for (const pugi::xml_attribute& attribute : node.attributes()) {
                    if (!seen.insert(attribute.name()).second) {
                        refusals.at(node, "not-plain-xml",
                                    "<" + std::string(node.name()) + "> has the attribute `" +
                                        attribute.name() + "` twice" + edit_hint);
                    }
                    if (has_control(attribute.value())) {
                        refusals.at(node, "not-plain-xml",
                                    "an attribute value holds a control character XML 1.0 does not allow");
                    }
                }
                break;
            }
            case pugi::node_pcdata:
                if (has_control(node.value()))
                    refusals.at(node, "not-plain-xml",
                                "text holds a control character XML 1.0 does not allow");
                break;
            default:
                break;
        }
    }

    const pugi::xml_node root = document.document_element();
    if (std::string_view(root.name()) != "Results") return;  // the reader says what is wrong
    check_shape(root, {"create"}, {"Survey", "Answers"}, false, refusals);
    if (std::distance(root.children("Survey").begin(), root.children("Survey").end()) > 1)
        refusals.at(root, "not-plain-xml", "<Results> has more than one <Survey>" + std::string(edit_hint));
    for (const pugi::xml_node& survey : root.children("Survey"))
        check_shape(survey, {"id", "uid", "alias"}, {"Elements"}, false, refusals);
    for (const pugi::xml_node& answers : root.children("Answers")) {
        check_shape(answers, {}, {"AnswerSet"}, false, refusals);
        for (const pugi::xml_node& set : answers.children("AnswerSet")) {
            check_shape(
                set,
                {"id", "create", "last", "list", "lang", "user", "invitation", "userlogin", "totalscore"},
                {"Answer", "TargetDataset", "Explanation", "Discussion", "Scores"}, false, refusals);
            for (const pugi::xml_node& child : set.children()) {
                const std::string_view name = child.name();
                if (name == "Answer") {
                    check_shape(child, {"qid", "aid"}, {}, true, refusals);
                } else if (name == "TargetDataset") {
                    check_shape(child, {"qid", "id"}, {}, true, refusals);
                } else if (name == "Discussion") {
                    check_shape(child, {"qid"}, {}, true, refusals);
                } else if (name == "Explanation") {
                    check_shape(child, {"qid"}, {"ExplanationText", "ExplanationFile", "ExplanationLike"},
                                false, refusals);
                    for (const pugi::xml_node& part : child.children())
                        if (part.type() == pugi::node_element) check_shape(part, {}, {}, true, refusals);
                } else if (name == "Scores") {
                    check_shape(child, {}, {"Section", "Question"}, false, refusals);
                    for (const pugi::xml_node& entry : child.children())
                        if (entry.type() == pugi::node_element)
                            check_shape(entry, {"id"}, {}, true, refusals);
                }
            }
        }
    }
}

// Refusals for a profile that does not bind the export for certain.
void check_binding(const profile::Profile& profile, const eusurvey::Survey& survey,
                   const profile::SurveyBinding& binding, Refusals& refusals) {
    const std::string fix = "; redact with the profile of this form (--profile), or fix the profile";
    if (survey.questionnaires.empty() || binding.reference >= binding.questionnaires.size()) {
        refusals.at(survey.position, "not-bound",
                    "the export has no <Elements> block, so nothing says which answers are confidential");
        return;
    }
    const profile::Binding& reference = binding.questionnaires[binding.reference];
    for (const std::size_t s : reference.missing_sections) {
        const auto& section = profile.sections[s];
        refusals.at(survey.position, "not-bound",
                    "profile section `" + section.key + "` (\"" + section.match.title +
                        "\") is not in the export" + fix);
    }
    for (const std::size_t q : reference.missing_questions) {
        const auto& question = profile.questions[q];
        refusals.at(survey.position, "not-bound",
                    "profile question `" + question.key + "` (\"" + question.match.title +
                        "\") is not in the export" + fix);
    }
    for (std::size_t b = 0; b < survey.questionnaires.size(); ++b) {
        const eusurvey::Questionnaire& block = survey.questionnaires[b];
        const profile::Binding& bound = binding.questionnaires[b];
        for (std::size_t q = 0; q < block.questions.size(); ++q) {
            const eusurvey::Element& element = block.elements[block.questions[q].element];
            const std::string named = "question \"" + element.title + "\" (" + element.uid + ", " +
                                      (block.lang.empty() ? std::string("no language") : block.lang) +
                                      " block)";
            switch (bound.question_doubt[q]) {
                case profile::Doubt::moved:
                    refusals.at(element.position, "uncertain-binding",
                                named + " stands in another section than the profile puts it in" + fix);
                    break;
                case profile::Doubt::not_in_block:
                    refusals.at(element.position, "uncertain-binding",
                                named +
                                    " is not in the block the profile was bound in, so nothing says "
                                    "whether it is confidential" +
                                    fix);
                    break;
                case profile::Doubt::unbound:
                    if (!bound.question_confidential[q]) {
                        refusals.at(element.position, "unknown-public-question",
                                    named +
                                        " is not in the profile and stands in a public part: nothing says "
                                        "it may be published" +
                                        fix);
                    }
                    break;
                case profile::Doubt::none:
                    break;
            }
        }
    }
}

// The element uid a Scores entry scores, trimmed.
std::string scored_uid(const pugi::xml_node& entry) {
    std::string uid = entry.attribute("id").value();
    const auto first = uid.find_first_not_of(" \t\r\n");
    const auto last = uid.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? std::string() : uid.substr(first, last - first + 1);
}

// What one pass over the contributions decided.
struct Plan {
    std::vector<pugi::xml_node> removals;     // answer elements and Scores entries to drop
    std::vector<pugi::xml_attribute> blanks;  // personal attributes with a value to empty
    detail::Expectation expected;
};

// Decide every contribution (`digests`: its answers as the proof compares them): refuse what cannot be judged
// or would leak; plan what to remove.
void plan_contributions(const eusurvey::Survey& survey, const profile::SurveyBinding& binding,
                        const std::vector<detail::Contribution>& contributions,
                        const std::vector<std::vector<detail::KeptAnswer>>& digests, Refusals& refusals,
                        Plan& plan) {
    for (std::size_t c = 0; c < contributions.size(); ++c) {
        const detail::Contribution& contribution = contributions[c];
        const eusurvey::AnswerSet& set = *contribution.model;
        const std::string who =
            "contribution " + std::string(set.contribution_id().empty() ? std::to_string(set.index)
                                                                        : std::string(set.contribution_id()));
        auto& kept = plan.expected.answers.emplace_back();
        auto& attributes = plan.expected.attributes.emplace_back();
        for (const auto& [name, value] : set.attributes) {
            const bool personal = is_personal(name);
            attributes.emplace_back(name, personal ? std::string() : value);
            if (personal && !value.empty()) plan.expected.personal.push_back(value);
        }
        for (const pugi::xml_attribute& attribute : contribution.node.attributes()) {
            if (is_personal(attribute.name()) && *attribute.value() != '\0') plan.blanks.push_back(attribute);
        }

        const std::size_t b = profile::questionnaire_for(binding, survey, set);
        if (b == eusurvey::npos || b >= binding.questionnaires.size()) {
            refusals.at(set.position, "no-questionnaire",
                        who + " has no <Elements> block to read its answers with");
            continue;
        }
        const eusurvey::Questionnaire& block = survey.questionnaires[b];
        const profile::Binding& bound = binding.questionnaires[b];

        // First which answers are confidential, then the public ones against their text.
        std::vector<char> confidential(set.answers.size(), 0);
        engine::ConfidentialMask mask;
        for (std::size_t i = 0; i < set.answers.size(); ++i) {
            const eusurvey::Answer& answer = set.answers[i];
            const auto question = block.question_by_element.find(answer.qid);
            if (question == block.question_by_element.end()) {
                refusals.at(answer.position, "unknown-question",
                            who + " answers qid \"" + answer.qid + "\", which no element of the " +
                                block.lang + " block defines, so nothing says whether it is confidential");
                continue;
            }
            if (!bound.question_confidential[question->second]) continue;
            confidential[i] = 1;
            plan.removals.push_back(contribution.answers[i]);
            for (const std::string_view text : texts_under(contribution.answers[i])) {
                mask.add(text);
                plan.expected.confidential.emplace_back(text);
            }
        }
        for (std::size_t i = 0; i < set.answers.size(); ++i) {
            if (confidential[i]) continue;
            const eusurvey::Answer& answer = set.answers[i];
            kept.push_back(digests[c][i]);
            if (!block.question_by_element.count(answer.qid)) continue;
            for (const std::string_view text : texts_under(contribution.answers[i])) {
                if (mask.reveals(text)) {
                    refusals.at(
                        answer.position, "reused-text",
                        who +
                            ": this public answer repeats text of one of its confidential answers (not "
                            "quoted); remove it from the public answer before publishing");
                }
                if (!rulekit::find_emails(text).empty() || !rulekit::find_phone_numbers(text).empty()) {
                    refusals.at(answer.position, "contact-data",
                                who +
                                    ": this public answer holds an e-mail address or phone number; replace "
                                    "it with a functional mailbox or remove it before publishing");
                }
            }
        }

        for (const pugi::xml_node& scores : contribution.node.children("Scores")) {
            for (const pugi::xml_node& entry : scores.children()) {
                if (entry.type() != pugi::node_element) continue;
                const std::string uid = scored_uid(entry);
                bool secret = false;
                bool known = false;
                if (std::string_view(entry.name()) == "Section") {
                    for (std::size_t s = 0; s < block.sections.size(); ++s) {
                        if (block.elements[block.sections[s]].uid != uid) continue;
                        known = true;
                        secret = bound.section_confidential[s];
                    }
                } else if (const auto question = block.question_by_element.find(uid);
                           question != block.question_by_element.end()) {
                    known = true;
                    secret = bound.question_confidential[question->second];
                }
                if (!known) {
                    refusals.at(entry, "unknown-question",
                                who + " has a score for \"" + uid + "\", which no element of the " +
                                    block.lang + " block defines");
                } else if (secret) {
                    plan.removals.push_back(entry);
                }
            }
        }
    }
}

// Every text and attribute value of the document outside what is removed (personal values left out).
void collect_public_values(const pugi::xml_document& document, const std::vector<pugi::xml_node>& removals,
                           std::vector<detail::PublicValue>& values) {
    std::unordered_set<const void*> removed;
    for (const pugi::xml_node& node : removals) removed.insert(node.internal_object());
    pugi::xml_node node = document.first_child();
    while (node) {
        if (removed.count(node.internal_object())) {
            while (node && !node.next_sibling()) node = node.parent();
            if (node) node = node.next_sibling();
            continue;
        }
        if (node.type() == pugi::node_element) {
            for (const pugi::xml_attribute& attribute : node.attributes()) {
                if (!is_personal(attribute.name()) || std::string_view(node.name()) != "AnswerSet")
                    values.push_back({true, attribute.value()});
            }
        } else if (node.type() == pugi::node_pcdata) {
            values.push_back({false, node.value()});
        }
        node = next_in_order(node);
    }
}

// Drop `node` and the white space that indents it, so a pretty-printed export keeps no blank line.
void remove_with_indent(pugi::xml_node node) {
    pugi::xml_node parent = node.parent();
    const pugi::xml_node before = node.previous_sibling();
    if (before.type() == pugi::node_pcdata && is_blank(before.value())) parent.remove_child(before);
    parent.remove_child(node);
}

}  // namespace

Redaction redact_for_publication(std::string input, const std::string& path, const profile::Profile& profile,
                                 int output_fd) {
    Redaction result;
    if (input.compare(0, 4, "PK\x03\x04") == 0) {
        result.problems.push_back(
            {Position{}, "not-plain-xml",
             "the file is a ZIP archive: extract the XML export (result.xml) from it and "
             "redact that; uploaded files are never redacted"});
        result.status = RedactStatus::refused;
        return result;
    }

    // The reader keeps the bytes (for positions); the rest reads them there rather than from a copy. Its
    // answer texts are kept by SHA-256 only, then let go: a huge answer would otherwise be held three times
    // once the tree below is made.
    eusurvey::Export doc;
    const eusurvey::ReadResult read = eusurvey::read_export_buffer(std::move(input), path, doc);
    std::vector<std::vector<detail::KeptAnswer>> digests;
    for (eusurvey::AnswerSet& set : doc.answer_sets) {
        auto& digest = digests.emplace_back();
        for (eusurvey::Answer& answer : set.answers) {
            digest.push_back(detail::kept_answer(answer));
            std::string().swap(answer.text);
        }
    }
    const std::string_view input_bytes = doc.source->bytes();
    const bool trailing_newline = !input_bytes.empty() && input_bytes.back() == '\n';
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(input_bytes.data(), input_bytes.size(),
                                                               detail::parse_options(), pugi::encoding_utf8);
    if (parsed) {
        // Plain XML is judged first: a DOCTYPE the reader refuses is still a reason the export is not plain.
        Refusals plain(*doc.source, result.problems);
        check_plain(document, plain);
        if (plain.any()) {
            result.status = RedactStatus::refused;
            return result;
        }
    }
    if (!read || !parsed) {
        result.status = RedactStatus::unreadable;
        result.problems.push_back(
            {read.position, "unreadable",
             read ? std::string("XML is not well-formed: ") + parsed.description() : read.description});
        return result;
    }

    Refusals content(*doc.source, result.problems);
    const profile::SurveyBinding binding = profile::bind_survey(profile, doc.survey);
    check_binding(profile, doc.survey, binding, content);

    std::vector<detail::Contribution> contributions;
    if (const util::Result read = detail::read_contributions(document, doc.answer_sets, contributions);
        !read) {
        result.status = RedactStatus::proof_failed;
        result.problems.push_back(
            {Position{}, "proof-failed", "the document and its reading disagree: " + read.description});
        return result;
    }
    Plan plan;
    plan_contributions(doc.survey, binding, contributions, digests, content, plan);
    if (content.any()) {
        result.status = RedactStatus::refused;
        return result;
    }

    collect_public_values(document, plan.removals, plan.expected.public_values);
    const auto proof = detail::prepare_proof(std::move(plan.expected));
    // Nothing below refuses at a place of the input: its bytes and reading go before the output is written.
    contributions.clear();
    doc = eusurvey::Export{};
    for (const pugi::xml_node& node : plan.removals) {
        (detail::is_answer_element(node.name()) ? result.answers_removed : result.scores_removed) += 1;
        remove_with_indent(node);
    }
    for (pugi::xml_attribute attribute : plan.blanks) attribute.set_value("");
    result.attributes_blanked = plan.blanks.size();
    result.contributions = digests.size();
    plan = Plan{};

    detail::OutputWriter writer(output_fd);
    detail::write_document(document, trailing_newline, writer);
    document.reset();
    for (std::string& failure : detail::prove(output_fd, path, *proof))
        result.problems.push_back({Position{}, "proof-failed", std::move(failure)});
    if (!result.problems.empty()) result.status = RedactStatus::proof_failed;
    return result;
}

}  // namespace surveycheck::report
