#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>

#include "engine/abi_view.hpp"
#include "profile/binder.hpp"
#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::engine {
namespace {

using eusurvey::npos;

constexpr std::size_t excerpt_limit = 160;

std::string from_sc(sc_str text) { return text.data ? std::string(text.data, text.size) : std::string(); }

// Stable 64-bit FNV-1a of the identity parts, as 16 hex digits.
std::string hash_identity(const std::vector<std::string>& parts) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const auto& part : parts) {
        for (const unsigned char c : part) {
            hash ^= c;
            hash *= 1099511628211ull;
        }
        hash ^= 0x1f;  // unit separator: ("ab","c") and ("a","bc") differ
        hash *= 1099511628211ull;
    }
    std::array<char, 17> hex{};
    std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(hash));
    return hex.data();
}

// At most `limit` bytes of `text`, cut at a UTF-8 boundary, with an ellipsis when cut.
std::string excerpt_of(const std::string& text) {
    std::string flat = rulekit::collapse_whitespace(rulekit::html_to_text(text));
    if (flat.size() <= excerpt_limit) return flat;
    std::size_t cut = excerpt_limit;
    while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
    return flat.substr(0, cut) + "…";
}

std::string xpath_of(const eusurvey::AnswerSet& set, const eusurvey::Answer* answer) {
    std::string path = "/Results/Answers/AnswerSet[" + std::to_string(set.index) + "]";
    if (answer) path += "/" + answer->name + "[" + std::to_string(answer->child_index) + "]";
    return path;
}

// A questionnaire bound to the profile, with its C view; built once per file and language.
struct BoundQuestionnaire {
    std::size_t index = 0;  // into Survey::questionnaires
    profile::Binding binding;
    std::unique_ptr<SurveyView> view;
};

// Everything a finding needs to be placed: one contribution of one file.
struct Context {
    const eusurvey::Export& doc;
    const eusurvey::AnswerSet& set;
    const BoundQuestionnaire& bound;
    const ContributionView& contribution;
    bool public_audience = false;
};

class FindingBuilder {
public:
    FindingBuilder(const Context& context, std::vector<Finding>& out) : context_(context), out_(out) {}

    // A finding about a question (or the whole contribution when `question` is SC_NONE).
    Finding& add(const RuleInfo& rule, std::uint32_t question, std::uint32_t value, std::uint32_t text_offset,
                 std::string message, std::string hint, const std::string& discriminator) {
        const sc_survey& survey = *context_.bound.view->get();
        const sc_contribution& contribution = *context_.contribution.get();
        if (question != SC_NONE && question >= survey.question_count) question = SC_NONE;
        if (value != SC_NONE && (value >= contribution.value_count ||
                                 (question != SC_NONE && contribution.values[value].question != question))) {
            value = SC_NONE;
        }
        if (question == SC_NONE && value != SC_NONE) question = contribution.values[value].question;

        Finding finding;
        finding.rule = rule.id;
        finding.severity = rule.severity;
        finding.message = std::move(message);
        finding.hint = std::move(hint);
        finding.docs_url = rule.docs_url;
        finding.file = context_.doc.path;
        finding.contribution = std::string(context_.set.contribution_id());

        const eusurvey::Answer* answer = nullptr;
        if (value != SC_NONE) {
            answer = &context_.contribution.answer_of(value);
        } else if (question != SC_NONE && contribution.value_count_of[question] > 0) {
            answer = &context_.contribution.answer_of(contribution.first_value[question]);
        }
        finding.position = answer ? answer->position : context_.set.position;
        if (answer && value != SC_NONE && text_offset != SC_NONE && answer->text_offset != npos &&
            context_.doc.source) {
            finding.position = context_.doc.source->position_in_text(answer->text_offset, text_offset);
        }
        finding.xpath = xpath_of(context_.set, answer);

        bool confidential = false;
        if (question != SC_NONE) {
            const sc_question& q = survey.questions[question];
            finding.question =
                FindingQuestion{from_sc(q.key), from_sc(q.uid), from_sc(q.bid), from_sc(q.title)};
            if (q.section != SC_NONE) finding.section = from_sc(survey.sections[q.section].title);
            confidential = context_.bound.binding.question_confidential.size() > question &&
                           context_.bound.binding.question_confidential[question];
            if (!(confidential && context_.public_audience)) {
                finding.excerpt = value != SC_NONE ? excerpt_of(answer->text) : answer_excerpt(question);
            }
        }

        std::vector<std::string> identity = {
            rule.id, context_.doc.survey.alias, finding.contribution,
            finding.question.key.empty() ? finding.question.uid : finding.question.key, discriminator};
        finding.fingerprint = hash_identity(identity);
        return push(std::move(finding), question);
    }

    // Keep a finding made elsewhere, about `question` (SC_NONE for none).
    Finding& push(Finding finding, std::uint32_t question) {
        out_.push_back(std::move(finding));
        question_of_.push_back(question);
        return out_.back();
    }

    // Per finding, the question it is about: the order findings are listed in.
    const std::vector<std::uint32_t>& question_of() const { return question_of_; }

private:
    // What the contribution answered to `question`, as a reader would say it.
    std::string answer_excerpt(std::uint32_t question) const {
        const sc_survey& survey = *context_.bound.view->get();
        const sc_contribution& contribution = *context_.contribution.get();
        const sc_question& q = survey.questions[question];
        std::string joined;
        const std::uint32_t first = contribution.first_value[question];
        for (std::uint32_t v = first; v < first + contribution.value_count_of[question]; ++v) {
            const sc_value& value = contribution.values[v];
            std::string part = from_sc(value.text);
            if (part.empty() && value.choice != SC_NONE) {
                if (value.choice < q.choice_count) {
                    part = from_sc(q.choices[value.choice].title);
                } else if (value.choice < q.column_count) {
                    part = from_sc(q.columns[value.choice].title);
                }
            }
            if (rulekit::is_blank(part)) continue;
            if (!joined.empty()) joined += "; ";
            joined += part;
            if (joined.size() > excerpt_limit) break;
        }
        return excerpt_of(joined);
    }

    const Context& context_;
    std::vector<Finding>& out_;
    std::vector<std::uint32_t> question_of_;
};

// The sink a plugin rule reports into: copies each finding at once (the ABI's rule).
struct SinkState {
    const RuleInfo* rule;
    FindingBuilder* builder;
    std::vector<Finding>* run_findings;
};

template <typename Field>
bool has_field(const sc_finding& raw, const Field& field) {
    const auto end =
        reinterpret_cast<const char*>(&field) - reinterpret_cast<const char*>(&raw) + sizeof(Field);
    return raw.struct_size >= static_cast<std::uint32_t>(end);
}

// A finding about the whole run: no file, contribution or position; one per rule and discriminator.
Finding run_finding(const RuleInfo& rule, const sc_finding& raw) {
    Finding finding;
    finding.rule = rule.id;
    finding.severity = rule.severity;
    finding.message = from_sc(raw.message);
    finding.hint = from_sc(raw.hint);
    finding.docs_url = rule.docs_url;
    finding.fingerprint = hash_identity({rule.id, from_sc(raw.discriminator)});
    return finding;
}

void emit_finding(void* context, const sc_finding* raw) {
    auto& state = *static_cast<SinkState*>(context);
    if (!raw || !has_field(*raw, raw->discriminator)) return;
    const bool run_scope = has_field(*raw, raw->scope) && raw->scope == SC_SCOPE_RUN;
    const bool no_excerpt = has_field(*raw, raw->flags) && (raw->flags & SC_FINDING_NO_EXCERPT) != 0;
    Finding* finding = nullptr;
    if (run_scope) {
        state.run_findings->push_back(run_finding(*state.rule, *raw));
        finding = &state.run_findings->back();
    } else {
        finding = &state.builder->add(*state.rule, raw->question, raw->value, raw->text_offset,
                                      from_sc(raw->message), from_sc(raw->hint), from_sc(raw->discriminator));
    }
    if (!state.rule->severity_overridden && raw->severity <= SC_SEVERITY_ERROR) {
        finding->severity = static_cast<Severity>(raw->severity);
    }
    if (no_excerpt) finding->excerpt.clear();
}

// The label or text of the first value of the question with `role`, for summaries.
std::string role_answer(const sc_survey& survey, const sc_contribution& contribution, const char* role) {
    for (std::uint32_t q = 0; q < survey.question_count; ++q) {
        const sc_question& question = survey.questions[q];
        for (std::uint32_t r = 0; r < question.role_count; ++r) {
            if (from_sc(question.roles[r].name) != role || contribution.value_count_of[q] == 0) continue;
            const sc_value& value = contribution.values[contribution.first_value[q]];
            if (value.choice != SC_NONE && value.choice < question.choice_count) {
                return from_sc(question.choices[value.choice].title);
            }
            return rulekit::collapse_whitespace(from_sc(value.text));
        }
    }
    return {};
}

// One contribution's findings in questionnaire order (contribution-wide ones last), rule order within.
void sort_by_question(std::vector<Finding>& findings, const std::vector<std::uint32_t>& question_of) {
    std::vector<std::size_t> order(findings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return question_of[a] < question_of[b]; });
    std::vector<Finding> sorted;
    sorted.reserve(order.size());
    for (const std::size_t i : order) sorted.push_back(std::move(findings[i]));
    findings = std::move(sorted);
}

// Keep fingerprints unique within a file: the n-th repeat of one identity gets "-n".
void disambiguate_fingerprints(std::vector<Finding>& findings) {
    std::map<std::string, int> seen;
    for (auto& finding : findings) {
        const int count = ++seen[finding.fingerprint];
        if (count > 1) finding.fingerprint += "-" + std::to_string(count);
    }
}

}  // namespace

const char* file_status_name(FileStatus status) {
    switch (status) {
        case FileStatus::checked:
            return "checked";
        case FileStatus::incomplete:
            return "incomplete";
        case FileStatus::unreadable:
            return "unreadable";
    }
    return "unreadable";
}

Engine::Engine(const RuleSet& rules, const profile::Profile& profile, std::string audience)
    : rules_(rules), profile_(profile), audience_(std::move(audience)) {}

FileResult Engine::validate(const eusurvey::Export& doc) const {
    FileResult result;
    result.path = doc.path;
    const bool public_audience = audience_ == "public";
    const RuleInfo* unknown_rule = rules_.find("surveycheck/unknown-question");
    const RuleInfo* missing_question_rule = rules_.find("surveycheck/profile-question-missing");
    const RuleInfo* missing_section_rule = rules_.find("surveycheck/profile-section-missing");
    const RuleInfo* no_questionnaire_rule = rules_.find("surveycheck/no-questionnaire");
    const RuleInfo* failed_rule = rules_.find("surveycheck/rule-failed");

    std::map<std::size_t, std::unique_ptr<BoundQuestionnaire>> bound_by_index;
    auto bound_for = [&](const eusurvey::Questionnaire& questionnaire) -> const BoundQuestionnaire& {
        const auto index = static_cast<std::size_t>(&questionnaire - doc.survey.questionnaires.data());
        auto& slot = bound_by_index[index];
        if (!slot) {
            slot = std::make_unique<BoundQuestionnaire>();
            slot->index = index;
            slot->binding = profile::bind(profile_, questionnaire);
            slot->view = std::make_unique<SurveyView>(doc.survey, questionnaire, profile_, slot->binding);
        }
        return *slot;
    };

    for (const auto& set : doc.answer_sets) {
        ContributionSummary summary;
        summary.id = std::string(set.contribution_id());
        summary.position = set.position;
        const eusurvey::Questionnaire* questionnaire = doc.survey.questionnaire_for(set.attribute("lang"));
        if (!questionnaire) {
            result.contributions.push_back(summary);
            if (no_questionnaire_rule->enabled) {
                Finding finding;
                finding.rule = no_questionnaire_rule->id;
                finding.severity = no_questionnaire_rule->severity;
                finding.message =
                    "The export has no Elements block, so this contribution's answers cannot be read";
                finding.hint = "Export the results again from EUSurvey with the questionnaire included";
                finding.file = doc.path;
                finding.contribution = summary.id;
                finding.position = set.position;
                finding.xpath = xpath_of(set, nullptr);
                finding.docs_url = no_questionnaire_rule->docs_url;
                finding.fingerprint = hash_identity({finding.rule, doc.survey.alias, finding.contribution});
                result.findings.push_back(std::move(finding));
            }
            continue;
        }
        const BoundQuestionnaire& bound = bound_for(*questionnaire);
        const ContributionView contribution(*bound.view, set);
        summary.partnership = role_answer(*bound.view->get(), *contribution.get(), "partnership-name");
        summary.period = role_answer(*bound.view->get(), *contribution.get(), "reporting-period");
        result.contributions.push_back(summary);

        const Context context{doc, set, bound, contribution, public_audience};
        std::vector<Finding> found;
        FindingBuilder builder(context, found);

        if (unknown_rule->enabled) {
            for (const eusurvey::Answer* answer : contribution.unknown_answers()) {
                Finding finding;
                finding.rule = unknown_rule->id;
                finding.severity = unknown_rule->severity;
                finding.message = "This answer refers to qid \"" + answer->qid +
                                  "\", which no element of the survey defines";
                finding.hint = "The export may mix survey versions; export the results again";
                finding.file = doc.path;
                finding.contribution = summary.id;
                finding.position = answer->position;
                finding.xpath = xpath_of(set, answer);
                finding.docs_url = unknown_rule->docs_url;
                finding.fingerprint =
                    hash_identity({finding.rule, doc.survey.alias, summary.id, answer->qid, answer->aid});
                builder.push(std::move(finding), SC_NONE);
            }
        }

        for (std::size_t r = 0; r < rules_.rules().size(); ++r) {
            const RuleInfo& rule = rules_.rules()[r];
            if (!rules_.runs(r)) continue;
            void* instance = rules_.instance(r);
            SinkState state{&rule, &builder, &result.run_findings};
            std::array<char, 1024> message{};
            const int status = rule.rule->check(instance, bound.view->get(), contribution.get(),
                                                sc_sink{&state, &emit_finding},
                                                sc_error_buffer{message.data(), message.size()});
            if (status != SC_STATUS_OK) {
                message.back() = '\0';
                result.status = FileStatus::incomplete;
                Finding& failure = builder.add(
                    *failed_rule, SC_NONE, SC_NONE, SC_NONE,
                    "Rule " + rule.id + " failed on this contribution: " +
                        (message[0] ? std::string(message.data()) : std::string("no reason given")),
                    "Report this to the author of " + rule.file +
                        "; the contribution was not fully "
                        "checked",
                    rule.id);
                failure.severity = failed_rule->severity;
            }
        }
        sort_by_question(found, builder.question_of());
        std::move(found.begin(), found.end(), std::back_inserter(result.findings));
    }

    // Profile entries the export lacks, once per questionnaire in use (or the first when nobody answered).
    if (doc.answer_sets.empty() && !doc.survey.questionnaires.empty())
        bound_for(doc.survey.questionnaires.front());
    for (const auto& [index, bound] : bound_by_index) {
        const auto& questionnaire = doc.survey.questionnaires[index];
        auto file_finding = [&](const RuleInfo& rule, const std::string& key, std::string message,
                                std::string hint) {
            Finding finding;
            finding.rule = rule.id;
            finding.severity = rule.severity;
            finding.message = std::move(message);
            finding.hint = std::move(hint);
            finding.file = doc.path;
            finding.question.key = key;
            finding.position = questionnaire.position;
            finding.xpath = "/Results/Survey/Elements[" + std::to_string(index + 1) + "]";
            finding.docs_url = rule.docs_url;
            finding.fingerprint = hash_identity({rule.id, doc.survey.alias, questionnaire.lang, key});
            result.findings.push_back(std::move(finding));
        };
        if (missing_section_rule->enabled) {
            for (const std::size_t s : bound->binding.missing_sections) {
                const auto& section = profile_.sections[s];
                file_finding(*missing_section_rule, section.key,
                             "Section \"" +
                                 (section.match.title.empty() ? section.key : section.match.title) +
                                 "\" of profile " + profile_.id + " is not in this export (language " +
                                 questionnaire.lang + ")",
                             "Check that the export is of the form the profile describes, or pass --profile");
            }
        }
        if (missing_question_rule->enabled) {
            for (const std::size_t q : bound->binding.missing_questions) {
                const auto& question = profile_.questions[q];
                file_finding(*missing_question_rule, question.key,
                             "Question \"" +
                                 (question.match.title.empty() ? question.key : question.match.title) +
                                 "\" of profile " + profile_.id + " is not in this export (language " +
                                 questionnaire.lang + ")",
                             "Check that the export is of the form the profile describes, or pass --profile");
            }
        }
    }
    disambiguate_fingerprints(result.findings);
    return result;
}

}  // namespace surveycheck::engine
