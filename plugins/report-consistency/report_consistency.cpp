// report-consistency: a report agrees with itself — event dates with the reporting period and the submission
// date, lead regions with the participating regions, the EU13 statement with the region lists — and its EU13
// justification says something.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/answers.hpp"
#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/dates.hpp"
#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/region_countries.hpp"
#include "surveycheck/rulekit/regions.hpp"
#include "surveycheck/rulekit/text.hpp"

namespace {

using surveycheck::Contribution;
using surveycheck::Location;
using surveycheck::Message;
using surveycheck::OptionError;
using surveycheck::Options;
using surveycheck::OptionSpec;
using surveycheck::OptionType;
using surveycheck::Question;
using surveycheck::Reporter;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::Translation;
using surveycheck::Value;
namespace kit = surveycheck::rulekit;

// ---- Dates
// -------------------------------------------------------------------------------------------------

// When the report was about and when it was sent, as far as the export tells.
struct Timeline {
    std::string period_text;              // the reporting-period answer, e.g. "January - June 2020"
    std::optional<kit::DateSpan> period;  // its days; a whole year when only the year could be read
    std::optional<kit::Day> submitted;    // AnswerSet/@create
};

Timeline timeline_of(const Survey& survey, const Contribution& contribution) {
    Timeline timeline;
    timeline.period_text = kit::reporting_period_text(survey, contribution);
    timeline.period = kit::parse_date(timeline.period_text);
    if (!timeline.period) {
        if (const auto year = kit::reporting_year(timeline.period_text))
            timeline.period = kit::parse_date(std::to_string(*year));
    }
    timeline.submitted = kit::parse_export_timestamp(contribution.attribute("create"));
    return timeline;
}

// The 0-based table column that a role's format "column-N" names, if the table has it.
std::optional<std::uint32_t> role_column(const Question& table, std::string_view role) {
    constexpr std::string_view prefix = "column-";
    const std::string_view format = table.role_format(role);
    if (format.substr(0, prefix.size()) != prefix) return std::nullopt;
    const std::string_view digits = format.substr(prefix.size());
    std::uint32_t n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || end != digits.data() + digits.size() || n < 1 || n > table.columns().size())
        return std::nullopt;
    return n - 1;
}

// What a reader calls row `row` of a table: its first non-blank cell outside `skip`, else "row N".
std::string row_label(const Question& table, const Contribution& contribution, std::uint32_t row,
                      std::uint32_t skip) {
    for (const Value cell : contribution.values_of(table)) {
        if (cell.row() != row || cell.choice() == skip) continue;
        std::string text = kit::collapse_whitespace(kit::html_to_text(cell.text()));
        if (text.empty()) continue;
        if (text.size() > 80) text = text.substr(0, 77) + "...";
        return text;
    }
    return "row " + std::to_string(row + 1);
}

// Byte offset of the first character of `text` that is not white space.
std::size_t first_visible(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r'))
        ++at;
    return at < text.size() ? at : 0;
}

// One non-blank date cell of an event table.
struct EventDate {
    Value cell;
    std::string event;                  // the row's label
    std::string written;                // the date as written, white space collapsed
    std::optional<kit::DateSpan> span;  // empty when not read
    std::string row;                    // "row 2": tells the findings of one table apart
};

// The date cells of every table with role `role` (its format names the date column).
std::vector<EventDate> event_dates(const Survey& survey, const Contribution& contribution,
                                   std::string_view role) {
    std::vector<EventDate> dates;
    for (const Question& table : survey.questions_with_role(role)) {
        const auto column = role_column(table, role);
        if (!column) continue;
        for (const Value cell : contribution.values_of(table)) {
            if (cell.choice() != *column || cell.row() == surveycheck::none || kit::is_blank(cell.text()))
                continue;
            dates.push_back(EventDate{cell, row_label(table, contribution, cell.row(), *column),
                                      kit::collapse_whitespace(kit::html_to_text(cell.text())),
                                      kit::parse_date(cell.text()), "row " + std::to_string(cell.row() + 1)});
        }
    }
    return dates;
}

class PastEventOutsidePeriod final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Événement passé en dehors de la période de rapport"},
        {"fr", "before-period",
         "L'événement passé « {event} » est daté « {date} », avant le début de la période de rapport "
         "({period}, à partir du {period_first})."},
        {"fr", "after-submission",
         "L'événement passé « {event} » est daté « {date} », après l'envoi du rapport le {submitted}."},
        {"fr", "before-period.hint",
         "Corrigez la date, ou signalez l'événement dans le rapport de sa propre période."},
        {"fr", "after-submission.hint",
         "Corrigez la date, ou déplacez l'événement vers les événements prévus."}};
    static constexpr RuleInfo info{"past-event-outside-period",
                                   "Past event outside the reporting period",
                                   "A date in the table with role `past-events` lies wholly before the "
                                   "reporting period, or wholly after "
                                   "the submission date (AnswerSet/@create). Events between the end of the "
                                   "period and the submission are "
                                   "accepted: the form asks for the six months before filling it in.",
                                   Severity::warning,
                                   "docs/rules/report-consistency.md#past-event-outside-period",
                                   {},
                                   translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Timeline timeline = timeline_of(survey, contribution);
        for (const EventDate& event : event_dates(survey, contribution, "past-events")) {
            if (!event.span) continue;
            const Location where(event.cell, first_visible(event.cell.text()));
            if (timeline.period && event.span->last < timeline.period->first) {
                reporter.report(
                    where,
                    Message{"before-period",
                            "Past event \"{event}\" is dated \"{date}\", before the reporting period "
                            "({period}, from {period_first}) began.",
                            {{"event", event.event},
                             {"date", event.written},
                             {"period", timeline.period_text},
                             {"period_first", kit::to_string(timeline.period->first)}}},
                    Message{"before-period.hint",
                            "Correct the date, or report the event in the report of its own period."},
                    event.row);
            } else if (timeline.submitted && event.span->first > *timeline.submitted) {
                reporter.report(where,
                                Message{"after-submission",
                                        "Past event \"{event}\" is dated \"{date}\", after the report was "
                                        "submitted on {submitted}.",
                                        {{"event", event.event},
                                         {"date", event.written},
                                         {"submitted", kit::to_string(*timeline.submitted)}}},
                                Message{"after-submission.hint",
                                        "Correct the date, or move the event to the planned events."},
                                event.row);
            }
        }
    }
};

class PlannedEventPast final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Événement prévu déjà passé à l'envoi du rapport"},
        {"fr", "past",
         "L'événement prévu « {event} » est daté « {date} », avant l'envoi du rapport le {submitted}."},
        {"fr", "maybe-past",
         "L'événement prévu « {event} » est daté « {date} » : il était probablement déjà passé à l'envoi du "
         "rapport le {submitted}."},
        {"fr", "before-period-end",
         "L'événement prévu « {event} » est daté « {date} », avant la fin de la période de rapport "
         "({period}) : "
         "il était sans doute passé à l'envoi du rapport."},
        {"fr", "past.hint",
         "S'il a eu lieu, déplacez-le vers les événements passés ; s'il a été reporté, indiquez la nouvelle "
         "date."}};
    static constexpr RuleInfo info{
        "planned-event-past",
        "Planned event already past at submission",
        "A date in the table with role `planned-events` lies wholly before the submission date "
        "(AnswerSet/@create): warning. Info when only the likeliest day of an approximate date "
        "(\"Mid-2020\") "
        "is before it, or, without a submission date, when the date ends before the reporting period does.",
        Severity::warning,
        "docs/rules/report-consistency.md#planned-event-past",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Timeline timeline = timeline_of(survey, contribution);
        const Message hint{"past.hint",
                           "If it took place, move it to the past events; if it was postponed, give the new "
                           "date."};
        for (const EventDate& event : event_dates(survey, contribution, "planned-events")) {
            if (!event.span) continue;
            const Location where(event.cell, first_visible(event.cell.text()));
            if (timeline.submitted) {
                const std::vector<surveycheck::Arg> args{{"event", event.event},
                                                         {"date", event.written},
                                                         {"submitted", kit::to_string(*timeline.submitted)}};
                if (event.span->last < *timeline.submitted) {
                    reporter.report(
                        where,
                        Message{"past",
                                "Planned event \"{event}\" is dated \"{date}\", before the report was "
                                "submitted on {submitted}.",
                                args},
                        hint, event.row);
                } else if (event.span->middle < *timeline.submitted) {
                    reporter.report(
                        Severity::info, where,
                        Message{"maybe-past",
                                "Planned event \"{event}\" is dated \"{date}\", which most likely "
                                "was already past when the report was submitted on {submitted}.",
                                args},
                        hint, event.row);
                }
            } else if (timeline.period && event.span->last < timeline.period->last) {
                reporter.report(
                    Severity::info, where,
                    Message{
                        "before-period-end",
                        "Planned event \"{event}\" is dated \"{date}\", before the reporting "
                        "period ({period}) ended: it was most likely past when the report was "
                        "submitted.",
                        {{"event", event.event}, {"date", event.written}, {"period", timeline.period_text}}},
                    hint, event.row);
            }
        }
    }
};

class UnreadableEventDate final : public Rule {
public:
    static constexpr OptionSpec option_specs[] = {{"placeholders", OptionType::string, "",
                                                   "extra words or phrases that stand for \"no date yet\", "
                                                   "comma-separated (e.g. \"pending,en attente\")"}};
    static constexpr Translation translations[] = {
        {"fr", "title", "Date d'événement illisible"},
        {"fr", "unreadable",
         "La date « {date} » de l'événement « {event} » n'a pas pu être lue : elle n'a pas été comparée à la "
         "période de rapport."},
        {"fr", "unreadable.hint", "Écrivez-la sous l'une des formes acceptées : {forms}."}};
    static constexpr RuleInfo info{
        "unreadable-date",
        "Event date could not be read",
        "A date in an event table (roles `past-events`, `planned-events`) is in none of the accepted forms, "
        "so "
        "it was not checked. Placeholders (\"TBC\", \"to be defined\", \"à définir\", ...) are not reported.",
        Severity::info,
        "docs/rules/report-consistency.md#unreadable-date",
        option_specs,
        translations};

    explicit UnreadableEventDate(const Options& options)
        : extra_words_(kit::split_option_list(options.string("placeholders"))) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const char* role : {"past-events", "planned-events"}) {
            for (const EventDate& event : event_dates(survey, contribution, role)) {
                if (event.span || kit::is_placeholder_text(event.cell.text(), extra_words_)) continue;
                reporter.report(
                    Location(event.cell, first_visible(event.cell.text())),
                    Message{"unreadable",
                            "The date \"{date}\" of event \"{event}\" could not be read, so it was not "
                            "checked against the reporting period.",
                            {{"date", event.written}, {"event", event.event}}},
                    Message{"unreadable.hint",
                            "Write it in one of the accepted forms: {forms}.",
                            {{"forms", std::string(kit::accepted_date_forms())}}},
                    event.row);
            }
        }
    }

private:
    std::vector<std::string> extra_words_;
};

// ---- Regions
// -----------------------------------------------------------------------------------------------

// The participating regions: folded names and NUTS codes.
struct Participants {
    std::set<std::string> names;
    std::set<std::string> codes;

    // True when `entry` is one of them: same folded name or NUTS code, or one name's words inside the
    // other's ("Lombardy" and "Lombardy Region"), to stay on the safe side.
    bool include(const kit::RegionEntry& entry) const {
        const std::string folded = kit::fold_for_matching(entry.name);
        if (folded.empty() || names.count(folded) || codes.count(entry.nuts_code)) return true;
        const std::string padded = " " + folded + " ";
        for (const std::string& name : names) {
            const std::string other = " " + name + " ";
            if (other.find(padded) != std::string::npos || padded.find(other) != std::string::npos)
                return true;
        }
        return false;
    }
};

Participants participants_of(const Survey& survey, const Contribution& contribution) {
    Participants listed;
    for (const Question& question : survey.questions_with_role("participating-regions"))
        for (const Value value : contribution.values_of(question))
            for (const kit::RegionEntry& entry : kit::split_regions(value.text())) {
                const std::string folded = kit::fold_for_matching(entry.name);
                if (!folded.empty()) listed.names.insert(folded);
                if (!entry.nuts_code.empty()) listed.codes.insert(entry.nuts_code);
            }
    return listed;
}

class LeadNotParticipating final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Région chef de file absente des régions participantes"},
        {"fr", "lead-region",
         "La région chef de file « {region} » ne figure pas parmi les régions participantes."},
        {"fr", "working-area-lead",
         "La région « {region} », responsable du domaine de travail « {area} », ne figure pas parmi les "
         "régions "
         "participantes."},
        {"fr", "not-participating.hint",
         "Ajoutez-la aux régions participantes, ou écrivez son nom comme dans cette liste."}};
    static constexpr RuleInfo info{
        "lead-not-participating",
        "Lead region missing from the participating regions",
        "A region of the question with role `lead-regions`, or of the lead column of the table with role "
        "`working-area-leads`, is not among the regions of the question with role `participating-regions`. "
        "When no lead region is among them, the report lists the leads apart: then only working-area leads "
        "are "
        "checked, against both lists. Names are compared without case, accents, hyphens, dots and the "
        "country in parentheses; a NUTS code "
        "or a name contained in the other also counts. Nothing is reported while the participating regions "
        "are "
        "empty.",
        Severity::warning,
        "docs/rules/report-consistency.md#lead-not-participating",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        Participants listed = participants_of(survey, contribution);
        if (listed.names.empty() && listed.codes.empty()) return;
        const Message hint{"not-participating.hint",
                           "Add it to the participating regions, or write its name as it is written there."};
        // Some reports list the lead regions among the participating ones (then the list must hold them all),
        // others list them apart (then a working area may be led by either): tell which by the leads.
        std::vector<kit::LocatedRegion> leads;
        for (const Question& question : survey.questions_with_role("lead-regions"))
            for (const Value value : contribution.values_of(question))
                for (kit::RegionEntry& entry : kit::split_regions(value.text()))
                    leads.push_back(kit::LocatedRegion{question, value, std::move(entry)});
        const bool leads_participate =
            leads.empty() || std::any_of(leads.begin(), leads.end(), [&](const kit::LocatedRegion& lead) {
                return listed.include(lead.entry);
            });
        std::set<std::string> reported;
        for (const kit::LocatedRegion& lead : leads) {
            const std::string folded = kit::fold_for_matching(lead.entry.name);
            if (!leads_participate) {
                if (!folded.empty()) listed.names.insert(folded);
                if (!lead.entry.nuts_code.empty()) listed.codes.insert(lead.entry.nuts_code);
                continue;
            }
            if (listed.include(lead.entry) || !reported.insert(folded).second) continue;
            reporter.report(Location(lead.value, lead.entry.offset),
                            Message{"lead-region",
                                    "Lead region \"{region}\" is not among the participating regions.",
                                    {{"region", lead.entry.name}}},
                            hint, folded);
        }
        for (const Question& table : survey.questions_with_role("working-area-leads")) {
            const auto column = role_column(table, "working-area-leads");
            if (!column) continue;
            for (const Value cell : contribution.values_of(table)) {
                if (cell.choice() != *column || cell.row() == surveycheck::none) continue;
                for (const kit::RegionEntry& entry : kit::split_regions(cell.text())) {
                    if (listed.include(entry)) continue;
                    reporter.report(
                        Location(cell, entry.offset),
                        Message{"working-area-lead",
                                "Region \"{region}\", in charge of working area \"{area}\", is not among the "
                                "participating regions.",
                                {{"region", entry.name},
                                 {"area", row_label(table, contribution, cell.row(), *column)}}},
                        hint,
                        "row " + std::to_string(cell.row() + 1) + ": " + kit::fold_for_matching(entry.name));
                }
            }
        }
    }
};

// ---- EU13 statement
// ----------------------------------------------------------------------------------------

// Byte offset of a sentence in `text` saying that no EU13 region takes part ("No EU13 regions are involved",
// "no regions from EU-13 member states", "aucune région de l'UE-13"), if there is one.
// True when `lower` (lower-cased) names EU13: "eu13", "eu-13", "ue 13", ...
bool names_eu13(std::string_view lower) {
    for (std::size_t at = lower.find("13"); at != std::string_view::npos; at = lower.find("13", at + 1)) {
        std::size_t before = at;
        if (before > 0 && (lower[before - 1] == ' ' || lower[before - 1] == '-')) --before;
        if (before >= 2 && (lower.substr(before - 2, 2) == "eu" || lower.substr(before - 2, 2) == "ue"))
            return true;
    }
    return false;
}

std::optional<std::size_t> eu13_denial(std::string_view text) {
    // Every denial names EU13: a text that does not skips the regular expressions, which cost about 20,000
    // instructions per answer to run and millions to build (built here, on the first text that names EU13).
    const std::string lower = kit::to_lower_ascii(text);
    if (!names_eu13(lower)) return std::nullopt;
    using std::regex;
    const auto flags = regex::ECMAScript | regex::optimize;
    static const std::string eu13 = R"((?:eu|ue)[ -]?13\b)";
    static const std::string e_acute = R"((?:e|\xc3\xa9|\xc3\x89))";
    static const std::string apostrophe = R"((?:'|\xe2\x80\x99))";
    static const std::array<regex, 3> denials{
        regex(R"(\b(?:no|not\s+any|none\s+of\s+the)\s+(?:(?:partner|participating|member|other|new)\s+)?)"
              R"((?:(?:regions?|countries|country|partners?|member\s+states?)\s+)?(?:(?:is|are)\s+)?)"
              R"((?:(?:from|of|in)\s+(?:the\s+|an?\s+)?)?)" +
                  eu13,
              flags),
        regex(eu13 + R"(\s+(?:(?:partner\s+)?(?:regions?|countries|member\s+states?)\s+)?)"
                     R"((?:are|is|were|was|have\s+been|has\s+been)(?:\s+not|n't)\s+(?:yet\s+)?)"
                     R"((?:involved|represented|present|participating|part\b))",
              flags),
        regex(R"(\b(?:aucune?|pas\s+de|sans)\s+(?:(?:r)" + e_acute + R"(gions?|pays|partenaires?|)" +
                  e_acute + R"(tats?\s+membres?)\s+)?(?:(?:de|des|du)\s+|d)" + apostrophe + R"(\s*)?(?:l)" +
                  apostrophe + R"(\s*)?)" + eu13,
              flags)};
    std::smatch match;
    for (const regex& denial : denials)
        if (std::regex_search(lower, match, denial)) return static_cast<std::size_t>(match.position(0));
    return std::nullopt;
}

class Eu13Contradiction final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "La déclaration UE-13 contredit la liste des régions"},
        {"fr", "contradiction",
         "La déclaration relative à l'UE-13 dit qu'aucune région de l'UE-13 ne participe, mais les listes de "
         "régions en nomment : {regions_by_code}."},
        {"fr", "contradiction.hint",
         "Décrivez la participation de ces régions, ou corrigez les listes de régions."}};
    static constexpr RuleInfo info{
        "eu13-contradiction",
        "EU13 statement contradicts the region lists",
        "The question with role `eu13-statement` says that no EU13 region takes part (\"No EU13 regions are "
        "involved\", \"aucune région de l'UE-13\"), but a region of a `region-list` question is in an EU13 "
        "member state (countries resolved as eu13-justification does).",
        Severity::warning,
        "docs/rules/report-consistency.md#eu13-contradiction",
        {},
        translations};

    explicit Eu13Contradiction(const Options& options)
        : catalog_(kit::NutsCatalog::shared(options.data_dir())) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const Question& statement : survey.questions_with_role("eu13-statement")) {
            for (const Value value : contribution.values_of(statement)) {
                const auto denial = eu13_denial(value.text());
                if (!denial) continue;
                std::string regions;
                std::string regions_by_code;
                for (const kit::LocatedRegion& region : kit::region_list_entries(survey, contribution)) {
                    const std::string code = kit::region_country(region.entry, *catalog_);
                    if (code.empty() || !kit::is_eu13(code)) continue;
                    const std::string name =
                        region.entry.name.empty() ? region.entry.nuts_code : region.entry.name;
                    regions += (regions.empty() ? "" : ", ") + name + " (" +
                               std::string(kit::country_name(code)) + ")";
                    regions_by_code += (regions_by_code.empty() ? "" : ", ") + name + " (" + code + ")";
                }
                if (regions.empty()) return;
                reporter.report(
                    Location(value, *denial),
                    Message{"contradiction",
                            "The EU13 statement says no EU13 region takes part, but the region lists "
                            "name {regions}.",
                            {{"regions", regions}, {"regions_by_code", regions_by_code}}},
                    Message{"contradiction.hint",
                            "Describe the involvement of these regions, or correct the region lists."});
                return;
            }
        }
    }

private:
    std::shared_ptr<const kit::NutsCatalog> catalog_;
};

class TrivialJustification final : public Rule {
public:
    static constexpr OptionSpec option_specs[] = {
        {"min-words", OptionType::integer, "3", "fewest words an EU13 statement should have"},
        {"placeholders", OptionType::string, "",
         "extra words or phrases that count as saying nothing, comma-separated (e.g. \"see annex,voir "
         "annexe\")"}};
    static constexpr Translation translations[] = {
        {"fr", "title", "Justification UE-13 trop courte"},
        {"fr", "too-short",
         "La réponse à « {question} » se limite à « {answer} » ({words} mot(s)) : c'est trop court pour "
         "décrire "
         "la participation des régions de l'UE-13 ou justifier leur absence."},
        {"fr", "placeholder", "La réponse à « {question} » se limite au texte de remplissage « {answer} »."},
        {"fr", "justify.hint",
         "Décrivez la participation des régions de l'UE-13 (cadrage, cartographie, mise en relation), ou "
         "expliquez pourquoi aucune ne participe."}};
    static constexpr RuleInfo info{
        "trivial-justification",
        "EU13 justification too short",
        "The question with role `eu13-statement` is answered with fewer than `min-words` words (\"No.\"), or "
        "with one of the extra placeholders of the option. The built-in placeholders (\".\", \"n/a\", \"see "
        "above\", ...) are left to eu13-justification, which treats such a statement as empty.",
        Severity::warning,
        "docs/rules/report-consistency.md#trivial-justification",
        option_specs,
        translations};

    explicit TrivialJustification(const Options& options)
        : min_words_(options.integer("min-words")),
          extra_words_(kit::split_option_list(options.string("placeholders"))) {
        if (min_words_ < 1) throw OptionError("option \"min-words\": must be at least 1");
    }

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Message hint{
            "justify.hint",
            "Describe the involvement of EU13 regions (scoping, mapping, matchmaking), or explain "
            "why none takes part."};
        for (const Question& statement : survey.questions_with_role("eu13-statement")) {
            if (!kit::is_answered(statement, contribution) ||
                kit::is_placeholder_answer(statement, contribution))
                continue;
            std::string answer;
            std::optional<Value> first;
            for (const Value value : contribution.values_of(statement)) {
                const std::string text = kit::collapse_whitespace(kit::html_to_text(value.text()));
                if (text.empty()) continue;
                answer += (answer.empty() ? "" : " ") + text;
                if (!first) first = value;
            }
            if (!first) continue;
            const Location where(*first, first_visible(first->text()));
            const std::string question(statement.title());
            if (kit::is_placeholder_text(answer, extra_words_)) {
                reporter.report(where,
                                Message{"placeholder",
                                        "The answer to \"{question}\" is only the placeholder \"{answer}\".",
                                        {{"question", question}, {"answer", answer}}},
                                hint);
                continue;
            }
            const long long words = word_count(answer);
            if (words >= min_words_) continue;
            reporter.report(
                where,
                Message{"too-short",
                        "The answer to \"{question}\" is only \"{answer}\" ({words} word(s)): too "
                        "short to describe the involvement of EU13 regions or to justify their "
                        "absence.",
                        {{"question", question}, {"answer", answer}, {"words", std::to_string(words)}}},
                hint);
        }
    }

private:
    // Words of `text`: runs without white space that hold a letter or digit ("No." is one, "-" none).
    static long long word_count(std::string_view text) {
        long long words = 0;
        bool counted = false;  // the current run already counted
        for (const char c : text) {
            if (c == ' ') {
                counted = false;
                continue;
            }
            const bool alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                               static_cast<unsigned char>(c) >= 0x80;
            if (alnum && !counted) {
                ++words;
                counted = true;
            }
        }
        return words;
    }

    long long min_words_;
    std::vector<std::string> extra_words_;
};

}  // namespace

SURVEYCHECK_PLUGIN(
    "report-consistency", "1.0.0",
    "A report agrees with itself: event dates with its period and submission, lead regions with "
    "the participating regions, the EU13 statement with the region lists",
    PastEventOutsidePeriod, PlannedEventPast, UnreadableEventDate, LeadNotParticipating, Eu13Contradiction,
    TrivialJustification);
