#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "engine/abi_view.hpp"
#include "engine/confidential_mask.hpp"
#include "engine/host_rules.hpp"
#include "engine/ordered_commit.hpp"
#include "engine/parallel.hpp"
#include "engine/quarantine.hpp"
#include "profile/binder.hpp"
#include "surveycheck/abi_toolkit.hpp"
#include "surveycheck/rulekit/messages.hpp"
#include "surveycheck/rulekit/text.hpp"
#include "surveycheck/sc_str.hpp"
#include "util/utf8.hpp"

namespace surveycheck::engine {
namespace {

using eusurvey::npos;
using profile::Match;

constexpr std::size_t excerpt_limit = 160;

// An excerpt reads at most this many bytes of an answer: a long answer costs no more per finding than a short
// one.
constexpr std::size_t excerpt_window = std::size_t{64} << 10;

// At most excerpt_limit bytes of the text of `html` from `offset` on, cut at a UTF-8 boundary, with an
// ellipsis when cut; reads no more than excerpt_window bytes of it.
std::string excerpt_at(std::string_view html, std::size_t offset) {
    std::string_view window = html.substr(offset, excerpt_window);
    if (window.size() < html.size() - offset) {
        window = window.substr(0, util::char_start(html.substr(offset), window.size()));
    }
    std::string flat = rulekit::plain_text_prefix(window, excerpt_limit);
    if (flat.size() <= excerpt_limit) return flat;
    flat.resize(util::char_start(flat, excerpt_limit));
    return flat + "…";
}

// The excerpt of a whole answer.
std::string excerpt_of(std::string_view text) { return excerpt_at(text, 0); }

// The part of `text` a finding points into: all of a short answer, else from `offset` (an entry of a list)
// on.
std::string excerpt_from(std::string_view text, std::size_t offset) {
    if (text.size() <= excerpt_limit) return excerpt_of(text);
    offset = util::char_start(text, offset);
    const std::string excerpt = excerpt_at(text, offset);
    return offset == 0 ? excerpt : "…" + excerpt;
}

std::string xpath_of(const eusurvey::AnswerSet& set, const eusurvey::Answer* answer) {
    std::string path = set.xpath();
    if (answer) {
        char index[24];
        const auto [end, error] = std::to_chars(index, index + sizeof index, answer->child_index);
        (void)error;  // 24 characters hold any std::size_t
        path.reserve(path.size() + answer->name.size() + 3 + static_cast<std::size_t>(end - index));
        path += '/';
        path += answer->name;
        path += '[';
        path.append(index, end);
        path += ']';
    }
    return path;
}

// A questionnaire bound to the profile, with its C view; built once per file and language.
struct BoundQuestionnaire {
    std::size_t index = 0;                // into Survey::questionnaires
    std::uint64_t key = next_view_key();  // names its view to worker processes
    std::unique_ptr<SurveyView> view;
    std::uint32_t partnership = SC_NONE;  // the questions whose answers name a contribution in summaries
    std::uint32_t period = SC_NONE;
};

// Everything a finding needs to be placed: one contribution of one file.
struct Context {
    const eusurvey::Export& doc;
    const eusurvey::SourceText* source;  // the bytes the contribution was read from
    const eusurvey::AnswerSet& set;
    const BoundQuestionnaire& bound;
    const ContributionView& contribution;
    bool public_audience = false;
    const ConfidentialMask* mask = nullptr;  // public audience: what no output may quote
};

class FindingBuilder {
public:
    FindingBuilder(const Context& context, std::vector<Finding>& out) : context_(context), out_(out) {}

    // A finding about a question (or the whole contribution when `question` is SC_NONE).
    Finding& add(const RunRule& rule, std::uint32_t question, std::uint32_t value, std::uint32_t text_offset,
                 std::string message, std::string hint, const std::string& discriminator) {
        const sc_survey& survey = *context_.bound.view->get();
        const sc_contribution& contribution = *context_.contribution.get();
        if (question != SC_NONE && question >= survey.question_count) question = SC_NONE;
        // A value index past the values names a note (value_count + i): placed at its Explanation/Discussion.
        const sc_value* pointed = value == SC_NONE ? nullptr : context_.contribution.value_at(value);
        if (pointed == nullptr || (question != SC_NONE && pointed->question != question)) value = SC_NONE;
        if (question == SC_NONE && value != SC_NONE) question = pointed->question;

        const eusurvey::Answer* answer = nullptr;
        if (value != SC_NONE) {
            answer = &context_.contribution.answer_of(value);
        } else if (question != SC_NONE && contribution.value_count_of[question] > 0) {
            answer = &context_.contribution.answer_of(contribution.first_value[question]);
        }
        Finding finding =
            make_finding(rule, std::move(message), std::move(hint),
                         {context_.doc.path, context_.set.contribution_id(),
                          answer ? answer->position : context_.set.position, xpath_of(context_.set, answer)},
                         "");
        if (answer && value != SC_NONE && text_offset != SC_NONE && answer->text_offset != npos &&
            context_.source) {
            finding.position = position_in(*answer, text_offset);
        }
        // An unanswered question has no place in the file: the finding names the question and points at the
        // AnswerSet by its line and XPath; the AnswerSet's column (28784 in a one-line export) would mislead.
        if (!answer && question != SC_NONE) finding.position.column = 0;

        bool confidential = false;
        if (question != SC_NONE) {
            const sc_question& q = survey.questions[question];
            finding.question = FindingQuestion{std::string(view(q.key)), std::string(view(q.uid)),
                                               std::string(view(q.bid)), std::string(view(q.title))};
            if (q.section != SC_NONE) finding.section = std::string(view(survey.sections[q.section].title));
            confidential = q.confidential != 0;
            if (!(confidential && context_.public_audience)) {
                finding.excerpt = value == SC_NONE ? answer_excerpt(question)
                                  : text_offset == SC_NONE || text_offset >= answer->text.size()
                                      ? excerpt_of(answer->text)
                                      : excerpt_from(answer->text, text_offset);
            }
        }

        // A public report's fingerprints never hash confidential text: a dictionary could recover it.
        std::string identity_text = discriminator;
        if (context_.public_audience &&
            (confidential || (context_.mask && context_.mask->reveals(discriminator)))) {
            identity_text = confidential ? std::string(masked_text) : context_.mask->mask(discriminator);
        }
        finding.fingerprint = fingerprint_of(
            {rule.id, context_.doc.survey.alias, finding.contribution,
             finding.question.key.empty() ? finding.question.uid : finding.question.key, identity_text});
        return push(std::move(finding), question);
    }

    // Keep a finding made elsewhere, about `question` (SC_NONE for none).
    Finding& push(Finding finding, std::uint32_t question) {
        out_.push_back(std::move(finding));
        question_of_.push_back(question);
        return out_.back();
    }

    // The confidential text a public report must not quote or hash; null for an internal report.
    const ConfidentialMask* public_identity() const {
        return context_.public_audience ? context_.mask : nullptr;
    }

    // Per finding, the question it is about: the order findings are listed in.
    const std::vector<std::uint32_t>& question_of() const { return question_of_; }

    // Never quote the answer to `question` in this contribution: a rule said it holds confidential text.
    void forbid_quoting(std::uint32_t question) {
        if (question == SC_NONE) return;
        if (question >= unquotable_.size()) unquotable_.resize(question + 1, false);
        unquotable_[question] = true;
    }

    // Drop the excerpts of every finding on a question that must not be quoted, whichever rule made it.
    void drop_forbidden_excerpts() {
        for (std::size_t i = 0; i < out_.size(); ++i) {
            if (question_of_[i] < unquotable_.size() && unquotable_[question_of_[i]]) out_[i].excerpt.clear();
        }
    }

private:
    // Where the `offset`-th byte of `answer`'s text is in the file: a long answer is mapped once, on its
    // first finding, so each later one costs a lookup instead of a walk from the answer's start.
    eusurvey::Position position_in(const eusurvey::Answer& answer, std::size_t offset) {
        if (answer.text.size() <= direct_walk_limit) {
            return context_.source->position_in_text(answer.text_offset, offset);
        }
        auto [map, added] = maps_.try_emplace(&answer);
        if (added) map->second = context_.source->map_text(answer.text_offset);
        return context_.source->position_in(map->second, offset);
    }

    // What the contribution answered to `question`, as a reader would say it.
    std::string answer_excerpt(std::uint32_t question) const {
        const sc_survey& survey = *context_.bound.view->get();
        const sc_contribution& contribution = *context_.contribution.get();
        const sc_question& q = survey.questions[question];
        std::string joined;
        const std::uint32_t first = contribution.first_value[question];
        for (std::uint32_t v = first; v < first + contribution.value_count_of[question]; ++v) {
            const sc_value& value = contribution.values[v];
            std::string_view part = view(value.text);
            if (part.empty() && value.choice != SC_NONE) {
                if (value.choice < q.choice_count) {
                    part = view(q.choices[value.choice].title);
                } else if (value.choice < q.column_count) {
                    part = view(q.columns[value.choice].title);
                }
            }
            if (rulekit::is_blank(part)) continue;
            if (!joined.empty()) joined += "; ";
            joined += part.substr(0, excerpt_window);
            if (joined.size() > excerpt_limit) break;
        }
        return excerpt_of(joined);
    }

    // Answers shorter than this are walked from their start for each finding: cheaper than a map.
    static constexpr std::size_t direct_walk_limit = 2048;

    const Context& context_;
    std::vector<Finding>& out_;
    std::unordered_map<const eusurvey::Answer*, eusurvey::TextMap> maps_;
    std::vector<std::uint32_t> question_of_;
    std::vector<bool> unquotable_;  // by question: a rule said its answer holds confidential text
};

// The sink a plugin rule reports into: copies each finding at once (the ABI's rule).
struct SinkState {
    const RunRule* rule;
    FindingBuilder* builder;
    std::vector<Finding>* run_findings;
};

// A text a plugin sent, as well-formed UTF-8 (every format writes it; invalid bytes become U+FFFD).
std::string from_plugin(sc_str text) { return util::valid_utf8(view(text)); }

// A finding about the whole run: no file, contribution or position; one per rule and discriminator.
Finding run_finding(const RunRule& rule, const sc_finding& raw, const ConfidentialMask* mask) {
    const std::string discriminator = from_plugin(raw.discriminator);
    return make_finding(rule, from_plugin(raw.message), from_plugin(raw.hint), {},
                        fingerprint_of({rule.id, mask ? mask->mask(discriminator) : discriminator}));
}

void emit_finding(void* context, const sc_finding* raw) {
    auto& state = *static_cast<SinkState*>(context);
    if (!raw || !abi::has_field(*raw, raw->discriminator)) return;
    const bool run_scope = abi::has_field(*raw, raw->scope) && raw->scope == SC_SCOPE_RUN;
    const bool no_excerpt = abi::has_field(*raw, raw->flags) && (raw->flags & SC_FINDING_NO_EXCERPT) != 0;
    Finding* finding = nullptr;
    if (run_scope) {
        state.run_findings->push_back(run_finding(*state.rule, *raw, state.builder->public_identity()));
        finding = &state.run_findings->back();
    } else {
        finding = &state.builder->add(*state.rule, raw->question, raw->value, raw->text_offset,
                                      from_plugin(raw->message), from_plugin(raw->hint),
                                      from_plugin(raw->discriminator));
    }
    if (!state.rule->severity_overridden && raw->severity <= SC_SEVERITY_ERROR) {
        finding->severity = static_cast<Severity>(raw->severity);
    }
    if (no_excerpt) {
        finding->excerpt.clear();
        if (!run_scope) state.builder->forbid_quoting(state.builder->question_of().back());
    }
    if (abi::has_field(*raw, raw->arg_count)) {
        finding->message_id = from_plugin(raw->message_id);
        finding->hint_id = from_plugin(raw->hint_id);
        for (std::uint32_t i = 0; i < raw->arg_count && raw->args; ++i) {
            finding->args.emplace_back(from_plugin(raw->args[i].name), from_plugin(raw->args[i].value));
        }
    }
}

// The first question with `role` (SC_NONE when none).
std::uint32_t question_with_role(const sc_survey& survey, std::string_view role) {
    for (std::uint32_t q = 0; q < survey.question_count; ++q) {
        const sc_question& question = survey.questions[q];
        for (std::uint32_t r = 0; r < question.role_count; ++r) {
            if (view(question.roles[r].name) == role) return q;
        }
    }
    return SC_NONE;
}

// The label or text of the first value of question `q` (SC_NONE: none), for summaries.
std::string first_answer(const sc_survey& survey, const sc_contribution& contribution, std::uint32_t q) {
    if (q == SC_NONE || contribution.value_count_of[q] == 0) return {};
    const sc_question& question = survey.questions[q];
    const sc_value& value = contribution.values[contribution.first_value[q]];
    if (value.choice != SC_NONE && value.choice < question.choice_count) {
        return std::string(view(question.choices[value.choice].title));
    }
    return rulekit::collapse_whitespace(std::string(view(value.text)));
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

// Keeps fingerprints unique within a file as findings pass in order: the n-th repeat of one identity gets
// "-n". Keyed by the fingerprint's 64-bit value, so a file of millions of findings costs no strings.
class FingerprintCounter {
public:
    void apply(std::vector<Finding>& findings) {
        for (auto& finding : findings) apply(finding);
    }
    void apply(Finding& finding) {
        const std::uint32_t count = ++seen_[key_of(finding.fingerprint)];
        if (count > 1) finding.fingerprint += "-" + std::to_string(count);
    }

private:
    // fingerprint_of() writes 16 hex digits: the number they spell keys a fingerprint exactly.
    static std::uint64_t key_of(const std::string& fingerprint) {
        std::uint64_t key = 0;
        std::from_chars(fingerprint.data(), fingerprint.data() + fingerprint.size(), key, 16);
        return key;
    }

    std::unordered_map<std::uint64_t, std::uint32_t> seen_;
};

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

Engine::Engine(const RuleSet& rules, const profile::Profile& profile, std::string audience,
               RuleRunner* runner, unsigned quarantine_after)
    : rules_(rules),
      profile_(profile),
      audience_(std::move(audience)),
      quarantine_after_(quarantine_after),
      own_runner_(runner ? nullptr : std::make_unique<InProcessRunner>(rules)),
      runner_(runner ? runner : own_runner_.get()) {}

namespace {}  // namespace

void add_start_failure(std::vector<Finding>& out, const RuleSet& rules, const std::string& rule,
                       const std::string& file, const std::string& reason) {
    const RunRule& failed_rule = *rules.find("surveycheck/rule-failed");
    if (!failed_rule.enabled) return;
    if (rule.empty()) {
        out.push_back(host_finding(failed_rule, {}, "not-loaded", "not-loaded.hint",
                                   {{"file", file}, {"reason", reason}},
                                   {failed_rule.id, file, "not-loaded"}));
        return;
    }
    out.push_back(host_finding(failed_rule, {}, "not-started", "not-started.hint",
                               {{"rule", rule}, {"file", file}, {"reason", reason}},
                               {failed_rule.id, rule, "not-started"}));
}

namespace {

// `text` with every word-bounded occurrence of `piece` replaced by masked_text.
void mask_occurrences(std::string& text, const std::string& piece) {
    const auto word = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x80 || std::isalnum(byte) != 0;
    };
    for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at)) {
        const std::size_t end = at + piece.size();
        if ((at > 0 && word(text[at - 1])) || (end < text.size() && word(text[end]))) {
            at = end;
            continue;
        }
        text.replace(at, piece.size(), masked_text);
        at += masked_text.size();
    }
}

// A finding of a public report with no confidential text left: arguments that are pieces of a confidential
// answer (a region of a confidential list) wherever they appear, then every passage, in every text field.
void mask_finding(Finding& finding, const ConfidentialMask& mask) {
    for (auto& [name, value] : finding.args) {
        if (value.empty()) continue;
        if (mask.is_piece(value)) {
            mask_occurrences(finding.message, value);
            mask_occurrences(finding.hint, value);
            mask_occurrences(finding.excerpt, value);
            value = masked_text;
        } else {
            value = mask.mask(value);
        }
    }
    finding.message = mask.mask(finding.message);
    finding.hint = mask.mask(finding.hint);
    finding.excerpt = mask.mask(finding.excerpt);
}

// The answer texts and chosen labels of the confidential questions of a contribution, and of answers to
// questions nobody knows (they may be confidential): what a public report must not quote.
ConfidentialMask confidential_text(const sc_survey& survey, const ContributionView& view) {
    ConfidentialMask mask;
    const sc_contribution& contribution = *view.get();
    // Delphi notes on a confidential question (explanations, discussions) are confidential text too.
    for (std::uint32_t n = 0; n < contribution.note_count; ++n) {
        const sc_value& note = contribution.notes[n];
        if (survey.questions[note.question].confidential) {
            mask.add(surveycheck::view(note.text));
        }
    }
    for (std::uint32_t v = 0; v < contribution.value_count; ++v) {
        const sc_value& value = contribution.values[v];
        const sc_question& question = survey.questions[value.question];
        if (!question.confidential) continue;
        mask.add(surveycheck::view(value.text));
        const sc_item* labels = question.choice_count ? question.choices : question.columns;
        const std::uint32_t label_count =
            question.choice_count ? question.choice_count : question.column_count;
        if (value.choice != SC_NONE && value.choice < label_count) {
            mask.add(surveycheck::view(labels[value.choice].title));
        }
    }
    for (const eusurvey::Answer* answer : view.unknown_answers()) mask.add(answer->text);
    return mask;
}

// What one contribution produced; contributions run in parallel, each into its own slot.
struct ContributionResult {
    ContributionSummary summary;
    std::vector<Finding> findings;
    std::vector<Finding> run_findings;
    bool incomplete = false;
    std::vector<Breakage> broken;      // the rules that broke on it, settled in document order
    std::size_t questionnaire = npos;  // index of the questionnaire it was read with
    std::string xpath;                 // of its AnswerSet
};

// Runs the rules on the contributions of one file; shared by every thread, read-only.
struct ContributionChecker {
    const RuleSet& rules;
    const eusurvey::Export& doc;
    bool public_audience = false;
    const RunRule& unknown_rule;
    const RunRule& no_questionnaire_rule;
    const RunRule& failed_rule;
    RuleRunner& runner;
    const Quarantine& quarantine;  // the file's: rules it holds are not called
    const RunRule& unknown_answer_rule = *rules.find("surveycheck/unknown-answer");

    // Check `set` (read from `source`) with its questionnaire `bound` (null when the export has none).
    void check(const eusurvey::AnswerSet& set, const eusurvey::SourceText* source,
               const BoundQuestionnaire* bound, ContributionResult& out) const;
};

void ContributionChecker::check(const eusurvey::AnswerSet& set, const eusurvey::SourceText* source,
                                const BoundQuestionnaire* bound, ContributionResult& out) const {
    out.summary.id = set.contribution_id();
    out.xpath = set.xpath();
    out.summary.position = set.position;
    if (!bound) {
        if (no_questionnaire_rule.enabled) {
            out.findings.push_back(host_finding(
                no_questionnaire_rule, {doc.path, out.summary.id, set.position, xpath_of(set, nullptr)},
                "no-elements", "no-elements.hint", {},
                {no_questionnaire_rule.id, doc.survey.alias, out.summary.id}));
        }
        return;
    }
    out.questionnaire = bound->index;
    const ContributionView contribution(*bound->view, set);
    const std::uint64_t contribution_key = next_view_key();
    out.summary.partnership = first_answer(*bound->view->get(), *contribution.get(), bound->partnership);
    out.summary.period = first_answer(*bound->view->get(), *contribution.get(), bound->period);

    const ConfidentialMask mask =
        public_audience ? confidential_text(*bound->view->get(), contribution) : ConfidentialMask{};
    const Context context{doc, source, set, *bound, contribution, public_audience, &mask};
    FindingBuilder builder(context, out.findings);
    if (unknown_rule.enabled) {
        for (const eusurvey::Answer* answer : contribution.unknown_answers()) {
            builder.push(
                host_finding(unknown_rule,
                             {doc.path, out.summary.id, answer->position, xpath_of(set, answer)},
                             "unknown-qid", "unknown-qid.hint", {{"qid", answer->qid}},
                             {unknown_rule.id, doc.survey.alias, out.summary.id, answer->qid, answer->aid}),
                SC_NONE);
        }
    }
    if (unknown_answer_rule.enabled) {
        // At the <Answer> itself; the rules still count the value as an answer (its aid is set).
        const sc_survey& survey = *bound->view->get();
        for (const std::uint32_t v : contribution.unknown_choices()) {
            const sc_value& value = contribution.get()->values[v];
            const sc_question& question = survey.questions[value.question];
            const sc_str label = question.title.size > 0 ? question.title
                                 : question.key.size > 0 ? question.key
                                                         : question.uid;
            Finding& finding = builder.add(unknown_answer_rule, value.question, v, SC_NONE, "", "",
                                           std::string(view(value.aid)));
            set_host_text(finding, unknown_answer_rule, "unknown-aid", "unknown-aid.hint",
                          {{"aid", std::string(view(value.aid))}, {"question", std::string(view(label))}});
        }
    }
    for (std::size_t r = 0; r < rules.rules().size(); ++r) {
        if (!rules.runs(r)) continue;
        if (quarantine.holds(r)) {  // quarantined by a contribution before this one
            out.incomplete = true;
            continue;
        }
        const RunRule& rule = rules.rules()[r];
        SinkState state{&rule, &builder, &out.run_findings};
        const RuleOutcome outcome =
            runner.run(r, RuleCall{bound->key, bound->view->get(), contribution_key, contribution.get()},
                       sc_sink{&state, &emit_finding});
        if (outcome.status == RuleOutcome::Status::ok) continue;
        out.incomplete = true;
        if (outcome.status == RuleOutcome::Status::not_started) continue;  // reported once for the run
        if (outcome.status == RuleOutcome::Status::broken) out.broken.push_back(Breakage{r, outcome.reason});
        Finding& failure = builder.add(failed_rule, SC_NONE, SC_NONE, SC_NONE, "", "", rule.id);
        set_host_text(failure, failed_rule, "failed", "failed.hint",
                      {{"rule", rule.id},
                       {"contribution", out.summary.id},
                       {"reason", outcome.reason},
                       {"file", rule.file}});
    }
    builder.drop_forbidden_excerpts();
    if (public_audience && !mask.empty()) {
        for (auto& finding : out.findings) mask_finding(finding, mask);
        for (auto& finding : out.run_findings) mask_finding(finding, mask);
        out.summary.partnership = mask.mask(out.summary.partnership);
        out.summary.period = mask.mask(out.summary.period);
    }
    sort_by_question(out.findings, builder.question_of());
}

// True when `finding` came from rule `rule`, or is the rule-failed finding about it.
bool gave(const Finding& finding, const RunRule& rule) {
    if (finding.rule == rule.id) return true;
    if (finding.rule != "surveycheck/rule-failed") return false;
    return std::any_of(finding.args.begin(), finding.args.end(),
                       [&](const auto& arg) { return arg.first == "rule" && arg.second == rule.id; });
}

// Settle `slot`, the next contribution of its file in document order, with the file's quarantine: what the
// rules quarantined before it gave it is dropped (a thread may have checked it before the quarantine was
// decided), and a rule its breakage quarantines now is reported once.
void settle(ContributionResult& slot, Quarantine& quarantine, const RuleSet& rules) {
    const Quarantine::Verdict verdict = quarantine.settle(slot.broken);
    for (const std::size_t r : verdict.dropped) {
        const RunRule& rule = rules.rules()[r];
        for (auto* list : {&slot.findings, &slot.run_findings}) {
            list->erase(std::remove_if(list->begin(), list->end(),
                                       [&](const Finding& finding) { return gave(finding, rule); }),
                        list->end());
        }
        slot.incomplete = true;
    }
    const RunRule& quarantined_rule = *rules.find("surveycheck/rule-quarantined");
    if (!quarantined_rule.enabled) return;
    for (const Breakage& breakage : verdict.quarantined) {
        const RunRule& rule = rules.rules()[breakage.rule];
        slot.run_findings.push_back(
            host_finding(quarantined_rule, {}, "quarantined", "quarantined.hint",
                         {{"rule", rule.id}, {"reason", breakage.reason}, {"file", rule.file}},
                         {quarantined_rule.id, rule.id}));
    }
}

// Keep a contribution's findings about the whole run (each once: rules may repeat them, and `seen` holds the
// fingerprints of those kept, so a rule that reports thousands costs no more than one lookup each) and its
// status.
void append_run_findings(FileResult& result, ContributionResult& slot,
                         std::unordered_set<std::string>& seen) {
    for (auto& finding : slot.run_findings) {
        if (seen.insert(finding.fingerprint).second) result.run_findings.push_back(std::move(finding));
    }
    if (slot.incomplete) result.status = FileStatus::incomplete;
}

// Append one contribution's results to the file's, in contribution order.
void append(FileResult& result, ContributionResult& slot, std::unordered_set<std::string>& seen) {
    result.contributions.push_back(std::move(slot.summary));
    std::move(slot.findings.begin(), slot.findings.end(), std::back_inserter(result.findings));
    result.contribution_ends.push_back(result.findings.size());
    append_run_findings(result, slot, seen);
}

// Profile entries the export lacks, once per file, as the block the profile was bound in sees them.
void add_missing_findings(FileResult& result, const eusurvey::Export& doc, const profile::Profile& profile,
                          const RuleSet& rules, const profile::SurveyBinding& binding) {
    if (binding.reference >= doc.survey.questionnaires.size()) return;
    const RunRule& missing_question_rule = *rules.find("surveycheck/profile-question-missing");
    const RunRule& missing_section_rule = *rules.find("surveycheck/profile-section-missing");
    const auto& questionnaire = doc.survey.questionnaires[binding.reference];
    const profile::Binding& bound = binding.questionnaires[binding.reference];
    const std::string xpath = "/Results/Survey/Elements[" + std::to_string(binding.reference + 1) + "]";
    auto missing = [&](const RunRule& rule, const std::string& key, const Match& match) {
        Finding finding =
            host_finding(rule, {doc.path, "", questionnaire.position, xpath}, "missing", "missing.hint",
                         {{"title", match.title.empty() ? key : match.title},
                          {"profile", profile.id},
                          {"lang", questionnaire.lang}},
                         {rule.id, doc.survey.alias, questionnaire.lang, key});
        finding.question.key = key;
        result.findings.push_back(std::move(finding));
    };
    if (missing_section_rule.enabled) {
        for (const std::size_t s : bound.missing_sections) {
            missing(missing_section_rule, profile.sections[s].key, profile.sections[s].match);
        }
    }
    if (missing_question_rule.enabled) {
        for (const std::size_t q : bound.missing_questions) {
            missing(missing_question_rule, profile.questions[q].key, profile.questions[q].match);
        }
    }
}

// The XPath of a top-level element of block `block`: /Results/Survey/Elements[b]/Name[k].
std::string element_xpath(const eusurvey::Questionnaire& questionnaire, std::size_t block,
                          std::size_t element) {
    const auto& elements = questionnaire.elements;
    std::size_t same_name = 0;
    for (std::size_t i = 0; i <= element; ++i) {
        if (elements[i].parent == npos && elements[i].name == elements[element].name) ++same_name;
    }
    return "/Results/Survey/Elements[" + std::to_string(block + 1) + "]/" + elements[element].name + "[" +
           std::to_string(same_name) + "]";
}

// The questions the binder is not sure of, in the blocks contributions were read with: each question once per
// file, by uid.
void add_doubt_findings(FileResult& result, const eusurvey::Export& doc, const profile::Profile& profile,
                        const RuleSet& rules, const profile::SurveyBinding& binding,
                        const std::vector<bool>& in_use) {
    const RunRule& unbound_rule = *rules.find("surveycheck/unbound-question");
    const RunRule& uncertain_rule = *rules.find("surveycheck/binding-uncertain");
    const auto& blocks = doc.survey.questionnaires;
    std::unordered_set<std::string> seen;
    // The reference block first, so a question every block has is reported where the profile was bound.
    std::vector<std::size_t> order;
    if (binding.reference < blocks.size()) order.push_back(binding.reference);
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        if (b != binding.reference && b < in_use.size() && in_use[b]) order.push_back(b);
    }
    for (const std::size_t b : order) {
        const auto& questionnaire = blocks[b];
        const profile::Binding& bound = binding.questionnaires[b];
        for (std::size_t q = 0; q < questionnaire.questions.size(); ++q) {
            const profile::Doubt doubt = bound.question_doubt[q];
            if (doubt == profile::Doubt::none) continue;
            const eusurvey::Element& head = questionnaire.elements[questionnaire.questions[q].element];
            const std::string identity = head.uid.empty() ? head.title : head.uid;
            if (!seen.insert(identity).second) continue;
            const RunRule& rule = doubt == profile::Doubt::unbound ? unbound_rule : uncertain_rule;
            if (!rule.enabled) continue;
            const std::size_t section = questionnaire.questions[q].section;
            const std::string section_title =
                section == npos ? "" : questionnaire.elements[questionnaire.sections[section]].title;
            const bool confidential = bound.question_confidential[q];
            std::vector<std::pair<std::string, std::string>> args = {{"title", head.title},
                                                                     {"uid", head.uid},
                                                                     {"profile", profile.id},
                                                                     {"section", section_title}};
            const char* message = "unbound";
            const char* hint = "unbound.hint";
            if (doubt == profile::Doubt::unbound && confidential) {
                message = "unbound-confidential";
            } else if (doubt == profile::Doubt::moved) {
                const std::size_t entry = bound.question_profile[q];
                const std::size_t wanted = profile.questions[entry].section;
                args.emplace_back("key", profile.questions[entry].key);
                args.emplace_back("wanted", wanted == npos ? "(before the first section)"
                                            : profile.sections[wanted].match.title.empty()
                                                ? profile.sections[wanted].key
                                                : profile.sections[wanted].match.title);
                message = "moved";
                hint = "uncertain.hint";
            } else if (doubt == profile::Doubt::not_in_block) {
                args.emplace_back("lang", questionnaire.lang);
                args.emplace_back("reference", blocks[binding.reference].lang);
                message = "not-in-block";
                hint = "uncertain.hint";
            }
            Finding finding =
                host_finding(rule,
                             {doc.path, "", head.position,
                              element_xpath(questionnaire, b, questionnaire.questions[q].element)},
                             message, hint, std::move(args), {rule.id, doc.survey.alias, message, identity});
            finding.question = FindingQuestion{"", head.uid, head.bid, head.title};
            finding.section = section_title;
            result.findings.push_back(std::move(finding));
        }
    }
}

// Finds contributions with the id of an earlier one, as contributions pass in order: a finding at the later
// one, naming where the first is. Findings gather in `findings`, to follow the contributions' own.
class DuplicateFinder {
public:
    DuplicateFinder(const eusurvey::Export& doc, const RuleSet& rules)
        : doc_(doc), rule_(*rules.find("surveycheck/duplicate-contribution")) {}

    void see(const ContributionSummary& contribution, const std::string& xpath) {
        const std::size_t index = count_++;
        if (!rule_.enabled) return;
        const auto [earlier, inserted] =
            first_.emplace(contribution.id, First{index, contribution.position.line});
        if (inserted || contribution.id.empty()) return;
        findings.push_back(host_finding(rule_, {doc_.path, contribution.id, contribution.position, xpath},
                                        "duplicate", "duplicate.hint",
                                        {{"index", std::to_string(index + 1)},
                                         {"id", contribution.id},
                                         {"first", std::to_string(earlier->second.index + 1)},
                                         {"line", std::to_string(earlier->second.line)}},
                                        {rule_.id, doc_.survey.alias, contribution.id}));
    }

    std::vector<Finding> findings;

private:
    struct First {
        std::size_t index;   // 0-based among the contributions
        std::uint32_t line;  // where it starts
    };
    const eusurvey::Export& doc_;
    const RunRule& rule_;
    std::unordered_map<std::string, First> first_;
    std::size_t count_ = 0;
};

// A questionnaire of `doc` with its share of the survey's binding to `profile`, and its view.
std::unique_ptr<BoundQuestionnaire> bind_questionnaire(const eusurvey::Export& doc, std::size_t index,
                                                       const profile::Profile& profile,
                                                       const profile::SurveyBinding& binding,
                                                       bool public_audience) {
    auto bound = std::make_unique<BoundQuestionnaire>();
    bound->index = index;
    bound->view = std::make_unique<SurveyView>(doc.survey, doc.survey.questionnaires[index], profile,
                                               binding.questionnaires[index], public_audience);
    bound->partnership = question_with_role(*bound->view->get(), "partnership-name");
    bound->period = question_with_role(*bound->view->get(), "reporting-period");
    return bound;
}

// The file's own findings, after its contributions': repeated ids, the profile entries the export lacks, then
// the questions bound with doubt; their fingerprints counted on from the contributions'.
void add_file_findings(FileResult& result, DuplicateFinder& duplicates, FingerprintCounter& fingerprints,
                       const eusurvey::Export& doc, const profile::Profile& profile, const RuleSet& rules,
                       const profile::SurveyBinding& binding, const std::vector<bool>& in_use) {
    const std::size_t own = result.findings.size();
    result.findings.insert(result.findings.end(), std::make_move_iterator(duplicates.findings.begin()),
                           std::make_move_iterator(duplicates.findings.end()));
    add_missing_findings(result, doc, profile, rules, binding);
    add_doubt_findings(result, doc, profile, rules, binding, in_use);
    for (std::size_t i = own; i < result.findings.size(); ++i) fingerprints.apply(result.findings[i]);
}

}  // namespace

FileResult Engine::validate(const eusurvey::Export& doc, unsigned jobs) const {
    FileResult result;
    result.path = doc.path;
    result.attachments = doc.attachments;
    const bool public_audience = audience_ == "public";
    const RunRule& unknown_rule = *rules_.find("surveycheck/unknown-question");
    const RunRule& no_questionnaire_rule = *rules_.find("surveycheck/no-questionnaire");
    const RunRule& failed_rule = *rules_.find("surveycheck/rule-failed");

    // Bind the profile once, then view every block in use before the contributions run: afterwards they are
    // only read.
    const profile::SurveyBinding binding = profile::bind_survey(profile_, doc.survey);
    std::map<std::size_t, std::unique_ptr<BoundQuestionnaire>> bound_by_index;
    std::vector<const BoundQuestionnaire*> bound_of_set(doc.answer_sets.size(), nullptr);
    std::vector<bool> in_use(doc.survey.questionnaires.size(), false);
    for (std::size_t i = 0; i < doc.answer_sets.size(); ++i) {
        const std::size_t index = profile::questionnaire_for(binding, doc.survey, doc.answer_sets[i]);
        if (index == npos) continue;
        auto& slot = bound_by_index[index];
        if (!slot) slot = bind_questionnaire(doc, index, profile_, binding, public_audience);
        bound_of_set[i] = slot.get();
        in_use[index] = true;
    }

    Quarantine quarantine(rules_.rules().size(), quarantine_after_);
    const ContributionChecker checker{
        rules_, doc, public_audience, unknown_rule, no_questionnaire_rule, failed_rule, *runner_, quarantine};
    std::vector<ContributionResult> slots(doc.answer_sets.size());
    DuplicateFinder duplicates(doc, rules_);
    FingerprintCounter fingerprints;
    std::unordered_set<std::string> run_fingerprints;
    // Contributions are settled in document order as they finish, so a quarantine spares the ones after it.
    OrderedCommitter<std::size_t> committer(0, 8 * std::size_t{std::max(1u, jobs)}, [&](std::size_t& i) {
        ContributionResult& slot = slots[i];
        settle(slot, quarantine, rules_);
        duplicates.see(slot.summary, slot.xpath);
        fingerprints.apply(slot.findings);
        append(result, slot, run_fingerprints);
    });
    parallel_for(doc.answer_sets.size(), jobs, [&](std::size_t i) {
        checker.check(doc.answer_sets[i], doc.source.get(), bound_of_set[i], slots[i]);
        committer.done(i, i);
    });
    add_file_findings(result, duplicates, fingerprints, doc, profile_, rules_, binding, in_use);
    return result;
}

FileResult Engine::validate_stream(const eusurvey::Export& head, eusurvey::StreamReader& stream,
                                   unsigned jobs, eusurvey::ReadResult& read,
                                   const ContributionSink& sink) const {
    FileResult result;
    result.path = head.path;
    Quarantine quarantine(rules_.rules().size(), quarantine_after_);
    const ContributionChecker checker{rules_,
                                      head,
                                      audience_ == "public",
                                      *rules_.find("surveycheck/unknown-question"),
                                      *rules_.find("surveycheck/no-questionnaire"),
                                      *rules_.find("surveycheck/rule-failed"),
                                      *runner_,
                                      quarantine};

    // Every questionnaire is bound before the contributions run; only those in use are reported on.
    const profile::SurveyBinding binding = profile::bind_survey(profile_, head.survey);
    std::vector<std::unique_ptr<BoundQuestionnaire>> bound(head.survey.questionnaires.size());
    for (std::size_t i = 0; i < bound.size(); ++i) {
        bound[i] = bind_questionnaire(head, i, profile_, binding, audience_ == "public");
    }
    std::vector<bool> in_use(bound.size(), false);

    // Contributions finish in any order and are committed in document order, up to the first unreadable one;
    // a committer that falls behind (many findings per contribution) holds the others back.
    std::mutex read_mutex;  // guards `read`
    std::atomic<std::size_t> error_index{npos};
    DuplicateFinder duplicates(head, rules_);
    FingerprintCounter fingerprints;
    std::unordered_set<std::string> run_fingerprints;
    OrderedCommitter<ContributionResult> committer(1, 8 * std::max(1u, jobs), [&](ContributionResult& slot) {
        if (slot.questionnaire != npos) in_use[slot.questionnaire] = true;
        settle(slot, quarantine, rules_);
        duplicates.see(slot.summary, slot.xpath);
        fingerprints.apply(slot.findings);
        if (sink) {
            sink(slot.summary, slot.findings);
            append_run_findings(result, slot, run_fingerprints);
        } else {
            append(result, slot, run_fingerprints);
        }
    });
    auto process = [&](const eusurvey::AnswerSetSlice& slice) {
        ContributionResult out;
        eusurvey::AnswerSet set;
        eusurvey::ReadResult parsed = eusurvey::read_slice(slice, head.survey, set);
        if (!parsed) {
            const std::lock_guard<std::mutex> lock(read_mutex);
            if (slice.number < error_index) {
                error_index = slice.number;
                read = std::move(parsed);
            }
            committer.stop_at(slice.number);
            return;
        }
        if (slice.number < error_index) {
            const std::size_t index = profile::questionnaire_for(binding, head.survey, set);
            const BoundQuestionnaire* with = index == npos ? nullptr : bound[index].get();
            checker.check(set, slice.source.get(), with, out);
        }
        committer.done(slice.number, std::move(out));
    };
    const auto failed = [&] { return error_index != npos; };

    read = eusurvey::ReadResult{};
    // Contributions read ahead take at most 32 MiB (or one contribution): memory stays bounded by the
    // largest.
    parallel_pull<eusurvey::AnswerSetSlice>(
        std::max(1u, jobs), [&](eusurvey::AnswerSetSlice& slice) { return !failed() && stream.next(slice); },
        process, [](const eusurvey::AnswerSetSlice& slice) { return slice.source->bytes().size(); },
        std::size_t{32} << 20);
    if (!failed() && !stream.error()) read = stream.error();
    if (!read) return result;

    add_file_findings(result, duplicates, fingerprints, head, profile_, rules_, binding, in_use);
    return result;
}

}  // namespace surveycheck::engine
