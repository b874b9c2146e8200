#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>

#include "engine/abi_view.hpp"
#include "engine/parallel.hpp"
#include "profile/binder.hpp"
#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::engine {
namespace {

using eusurvey::npos;
using profile::Match;

constexpr std::size_t excerpt_limit = 160;

std::string from_sc(sc_str text) { return text.data ? std::string(text.data, text.size) : std::string(); }

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
    std::uint64_t key = next_view_key();  // names its view to worker processes
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
        finding.fingerprint = fingerprint_of(identity);
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

    // Never quote the answer to `question` in this contribution: a rule said it holds confidential text.
    void forbid_quoting(std::uint32_t question) {
        if (question != SC_NONE) unquotable_.push_back(question);
    }

    // Drop the excerpts of every finding on a question that must not be quoted, whichever rule made it.
    void drop_forbidden_excerpts() {
        for (std::size_t i = 0; i < out_.size(); ++i) {
            if (std::find(unquotable_.begin(), unquotable_.end(), question_of_[i]) != unquotable_.end()) {
                out_[i].excerpt.clear();
            }
        }
    }

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
    std::vector<std::uint32_t> unquotable_;
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
    finding.fingerprint = fingerprint_of({rule.id, from_sc(raw.discriminator)});
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
    if (no_excerpt) {
        finding->excerpt.clear();
        if (!run_scope) state.builder->forbid_quoting(state.builder->question_of().back());
    }
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

Engine::Engine(const RuleSet& rules, const profile::Profile& profile, std::string audience, RuleRunner* runner)
    : rules_(rules),
      profile_(profile),
      audience_(std::move(audience)),
      own_runner_(runner ? nullptr : std::make_unique<InProcessRunner>(rules)),
      runner_(runner ? runner : own_runner_.get()) {}

namespace {

// A finding the host makes itself: no plugin, no question view; `identity` makes its fingerprint.
Finding host_finding(const RuleInfo& rule, const std::string& file, const std::string& contribution,
                     eusurvey::Position position, std::string xpath, std::string message, std::string hint,
                     const std::vector<std::string>& identity) {
    Finding finding;
    finding.rule = rule.id;
    finding.severity = rule.severity;
    finding.message = std::move(message);
    finding.hint = std::move(hint);
    finding.file = file;
    finding.contribution = contribution;
    finding.position = position;
    finding.xpath = std::move(xpath);
    finding.docs_url = rule.docs_url;
    finding.fingerprint = fingerprint_of(identity);
    return finding;
}

// What one contribution produced; contributions run in parallel, each into its own slot.
struct ContributionResult {
    ContributionSummary summary;
    std::vector<Finding> findings;
    std::vector<Finding> run_findings;
    bool incomplete = false;
};

}  // namespace

FileResult Engine::validate(const eusurvey::Export& doc, unsigned jobs) const {
    FileResult result;
    result.path = doc.path;
    const bool public_audience = audience_ == "public";
    const RuleInfo& unknown_rule = *rules_.find("surveycheck/unknown-question");
    const RuleInfo& missing_question_rule = *rules_.find("surveycheck/profile-question-missing");
    const RuleInfo& missing_section_rule = *rules_.find("surveycheck/profile-section-missing");
    const RuleInfo& no_questionnaire_rule = *rules_.find("surveycheck/no-questionnaire");
    const RuleInfo& failed_rule = *rules_.find("surveycheck/rule-failed");

    // Bind every questionnaire in use before the contributions run: afterwards they are only read.
    std::map<std::size_t, std::unique_ptr<BoundQuestionnaire>> bound_by_index;
    std::vector<const BoundQuestionnaire*> bound_of_set(doc.answer_sets.size(), nullptr);
    auto bind_questionnaire = [&](const eusurvey::Questionnaire& questionnaire) {
        const auto index = static_cast<std::size_t>(&questionnaire - doc.survey.questionnaires.data());
        auto& slot = bound_by_index[index];
        if (!slot) {
            slot = std::make_unique<BoundQuestionnaire>();
            slot->index = index;
            slot->binding = profile::bind(profile_, questionnaire);
            slot->view = std::make_unique<SurveyView>(doc.survey, questionnaire, profile_, slot->binding);
        }
        return slot.get();
    };
    for (std::size_t i = 0; i < doc.answer_sets.size(); ++i) {
        const auto* questionnaire = doc.survey.questionnaire_for(doc.answer_sets[i].attribute("lang"));
        if (questionnaire) bound_of_set[i] = bind_questionnaire(*questionnaire);
    }
    if (doc.answer_sets.empty() && !doc.survey.questionnaires.empty()) {
        bind_questionnaire(doc.survey.questionnaires.front());
    }

    std::vector<ContributionResult> slots(doc.answer_sets.size());
    parallel_for(doc.answer_sets.size(), jobs, [&](std::size_t i) {
        const eusurvey::AnswerSet& set = doc.answer_sets[i];
        ContributionResult& out = slots[i];
        out.summary.id = std::string(set.contribution_id());
        out.summary.position = set.position;
        const BoundQuestionnaire* bound = bound_of_set[i];
        if (!bound) {
            if (no_questionnaire_rule.enabled) {
                out.findings.push_back(host_finding(
                    no_questionnaire_rule, doc.path, out.summary.id, set.position, xpath_of(set, nullptr),
                    "The export has no Elements block, so this contribution's answers cannot be read",
                    "Export the results again from EUSurvey with the questionnaire included",
                    {no_questionnaire_rule.id, doc.survey.alias, out.summary.id}));
            }
            return;
        }
        const ContributionView contribution(*bound->view, set);
        const std::uint64_t contribution_key = next_view_key();
        out.summary.partnership = role_answer(*bound->view->get(), *contribution.get(), "partnership-name");
        out.summary.period = role_answer(*bound->view->get(), *contribution.get(), "reporting-period");

        const Context context{doc, set, *bound, contribution, public_audience};
        FindingBuilder builder(context, out.findings);
        if (unknown_rule.enabled) {
            for (const eusurvey::Answer* answer : contribution.unknown_answers()) {
                builder.push(
                    host_finding(
                        unknown_rule, doc.path, out.summary.id, answer->position, xpath_of(set, answer),
                        "This answer refers to qid \"" + answer->qid +
                            "\", which no element of the survey defines",
                        "The export may mix survey versions; export the results again",
                        {unknown_rule.id, doc.survey.alias, out.summary.id, answer->qid, answer->aid}),
                    SC_NONE);
            }
        }
        for (std::size_t r = 0; r < rules_.rules().size(); ++r) {
            if (!rules_.runs(r)) continue;
            const RuleInfo& rule = rules_.rules()[r];
            SinkState state{&rule, &builder, &out.run_findings};
            const RuleOutcome outcome =
                runner_->run(r, RuleCall{bound->key, bound->view->get(), contribution_key, contribution.get()},
                             sc_sink{&state, &emit_finding});
            if (outcome.status == RuleOutcome::Status::ok) continue;
            out.incomplete = true;
            const RuleInfo& quarantined_rule = *rules_.find("surveycheck/rule-quarantined");
            if ((outcome.quarantined_now || outcome.status == RuleOutcome::Status::quarantined) &&
                quarantined_rule.enabled) {
                out.run_findings.push_back(host_finding(
                    quarantined_rule, "", "", {}, "",
                    "Rule " + rule.id + " broke repeatedly and was not called again in this run (last: " +
                        outcome.reason + ")",
                    "Report this to the author of " + rule.file + "; later contributions were not checked by it",
                    {quarantined_rule.id, rule.id}));
            }
            if (outcome.status == RuleOutcome::Status::quarantined) continue;
            builder.add(failed_rule, SC_NONE, SC_NONE, SC_NONE,
                        "Rule " + rule.id + " failed on contribution " + out.summary.id + ": " + outcome.reason,
                        "Report this to the author of " + rule.file + "; the contribution was not fully checked",
                        rule.id);
        }
        builder.drop_forbidden_excerpts();
        sort_by_question(out.findings, builder.question_of());
    });

    for (auto& slot : slots) {
        result.contributions.push_back(std::move(slot.summary));
        std::move(slot.findings.begin(), slot.findings.end(), std::back_inserter(result.findings));
        std::move(slot.run_findings.begin(), slot.run_findings.end(),
                  std::back_inserter(result.run_findings));
        if (slot.incomplete) result.status = FileStatus::incomplete;
    }

    // Profile entries the export lacks, once per questionnaire in use (or the first when nobody answered).
    for (const auto& [index, bound] : bound_by_index) {
        const auto& questionnaire = doc.survey.questionnaires[index];
        const std::string xpath = "/Results/Survey/Elements[" + std::to_string(index + 1) + "]";
        auto missing = [&](const RuleInfo& rule, const char* what, const std::string& key,
                           const Match& match) {
            Finding finding = host_finding(
                rule, doc.path, "", questionnaire.position, xpath,
                std::string(what) + " \"" + (match.title.empty() ? key : match.title) + "\" of profile " +
                    profile_.id + " is not in this export (language " + questionnaire.lang + ")",
                "Check that the export is of the form the profile describes, or pass --profile",
                {rule.id, doc.survey.alias, questionnaire.lang, key});
            finding.question.key = key;
            result.findings.push_back(std::move(finding));
        };
        if (missing_section_rule.enabled) {
            for (const std::size_t s : bound->binding.missing_sections) {
                missing(missing_section_rule, "Section", profile_.sections[s].key,
                        profile_.sections[s].match);
            }
        }
        if (missing_question_rule.enabled) {
            for (const std::size_t q : bound->binding.missing_questions) {
                missing(missing_question_rule, "Question", profile_.questions[q].key,
                        profile_.questions[q].match);
            }
        }
    }
    disambiguate_fingerprints(result.findings);
    return result;
}

}  // namespace surveycheck::engine
