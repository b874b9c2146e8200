#include "report/ui_text.hpp"

#include <stdexcept>
#include <unordered_map>

#include "report/report.hpp"

namespace surveycheck::report {

const std::vector<UiString>& ui_catalogue() {
    // French typography: a no-break space is not used, but a space goes before ':' as in the host rules.
    static const std::vector<UiString> table = {
        // Severities and counts, shared by every report.
        {"severity.error", "error", "erreur"},
        {"severity.warning", "warning", "avertissement"},
        {"severity.info", "info", "information"},
        {"waived", "waived", "dérogé"},
        {"count.error.one", "{n} error", "{n} erreur"},
        {"count.error.many", "{n} errors", "{n} erreurs"},
        {"count.warning.one", "{n} warning", "{n} avertissement"},
        {"count.warning.many", "{n} warnings", "{n} avertissements"},
        {"count.info.one", "{n} info", "{n} information"},
        {"count.info.many", "{n} info", "{n} informations"},
        {"count.waived.one", "{n} waived", "{n} sous dérogation"},
        {"count.waived.many", "{n} waived", "{n} sous dérogation"},
        {"count.file.one", "{n} file", "{n} fichier"},
        {"count.file.many", "{n} files", "{n} fichiers"},
        {"count.contribution.one", "{n} contribution", "{n} contribution"},
        {"count.contribution.many", "{n} contributions", "{n} contributions"},
        {"count.finding.one", "{n} finding", "{n} constat"},
        {"count.finding.many", "{n} findings", "{n} constats"},
        {"colon", ": ", " : "},
        {"status.checked", "checked", "vérifié"},
        {"status.incomplete", "validation incomplete", "validation incomplète"},
        {"status.unreadable", "unreadable", "illisible"},
        {"count.uploaded-file.one", "{n} uploaded file", "{n} fichier joint"},
        {"count.uploaded-file.many", "{n} uploaded files", "{n} fichiers joints"},
        {"count.known-finding.one", "{n} known finding", "{n} constat connu"},
        {"count.known-finding.many", "{n} known findings", "{n} constats connus"},
        {"count.entry.one", "{n} entry", "{n} entrée"},
        {"count.entry.many", "{n} entries", "{n} entrées"},
        // The text report.
        {"text.run", "run", "exécution"},
        {"text.not-validated", "{files}, not validated: ", "{files}, non validés : "},
        {"text.and-more", " and {n} more", " et {n} autres"},
        {"text.contribution", "contribution", "contribution"},
        {"text.at-line", " (line {n}): ", " (ligne {n}) : "},
        {"text.no-findings", "no findings", "aucun constat"},
        {"text.question", "question: ", "question : "},
        {"text.answer", "answer: ", "réponse : "},
        {"text.hint", "hint: ", "conseil : "},
        {"text.unchanged", "unchanged", "inchangé"},
        {"text.waived-by", "waived by {author} until {expires}: {justification}",
         "dérogation accordée par {author} jusqu'au {expires} : {justification}"},
        {"text.problem", "problem", "problème"},
        {"text.by-rule", "by rule: ", "par règle : "},
        {"text.baseline",
         "baseline {path}: {known} known findings left out, {absent} entries no longer found",
         "référence {path} : {known} constats connus écartés, {absent} entrées introuvables"},
        {"text.gone", "gone: ", "disparu : "},
        // The run summary on standard error.
        {"summary.known-from-baseline", "{n} known from the baseline", "{n} connus de la référence"},
        {"summary.time", " in {seconds} s ({rate} contributions/s)",
         " en {seconds} s ({rate} contributions/s)"},
        // The HTML report.
        {"html.title", "surveycheck report", "rapport surveycheck"},
        {"html.filtered", "Filtered view:", "Vue filtrée :"},
        {"html.shown", "of {n} findings shown", "sur {n} constats affichés"},
        {"html.filters", "Filters", "Filtres"},
        {"html.severity", "Severity", "Gravité"},
        {"html.show-all", "Show all", "Tout afficher"},
        {"html.rule", "Rule", "Règle"},
        {"html.no-rule", "None", "Aucune"},
        {"html.filter-note",
         "The filter is kept in the address ({example}), so a filtered view can be shared.",
         "Le filtre est conservé dans l'adresse ({example}) : une vue filtrée peut donc être partagée."},
        {"html.filter-severity", "severity: ", "gravité : "},
        {"html.filter-rule", "rule: ", "règle : "},
        {"html.problems", "Problems of the run", "Problèmes de l'exécution"},
        {"html.run-findings", "Findings about the whole run", "Constats sur l'ensemble de l'exécution"},
        {"html.overview", "Overview", "Vue d'ensemble"},
        {"html.file-and-contribution", "File and contribution", "Fichier et contribution"},
        {"html.partnership", "Partnership", "Partenariat"},
        {"html.period", "Reporting period", "Période de référence"},
        {"html.status", "Status", "Statut"},
        {"html.errors", "Errors", "Erreurs"},
        {"html.warnings", "Warnings", "Avertissements"},
        {"html.infos", "Info", "Informations"},
        {"html.waived", "Waived", "Dérogations"},
        {"html.footer",
         "Written by surveycheck {version}. Counts leave waived findings out; they are listed, marked, with "
         "their "
         "justification.",
         "Écrit par surveycheck {version}. Les décomptes laissent de côté les constats sous dérogation ; ils "
         "sont "
         "listés, marqués, avec leur justification."},
        {"html.unreadable-at",
         "Unreadable at line {line}, column {column}: ", "Illisible à la ligne {line}, colonne {column} : "},
        {"html.whole-file", "About the whole file", "Sur l'ensemble du fichier"},
        {"html.contribution-link", "contribution {id}", "contribution {id}"},
        {"html.contribution-heading", "Contribution {id}", "Contribution {id}"},
        {"html.line", "line {n}", "ligne {n}"},
        {"html.line-column", "line {line}, column {column}", "ligne {line}, colonne {column}"},
        {"html.no-findings", "No findings.", "Aucun constat."},
        {"html.no-match", "No finding matches the filter.", "Aucun constat ne correspond au filtre."},
        {"html.whole-contribution", "About the whole contribution", "Sur l'ensemble de la contribution"},
        {"html.outside-sections", "Outside any section", "Hors de toute section"},
        {"html.section", "Section: {title}", "Section : {title}"},
        {"html.new", "new", "nouveau"},
        {"html.question", "Question", "Question"},
        {"html.answer", "Answer", "Réponse"},
        {"html.hint", "Hint", "Conseil"},
        {"html.items", "{n} occurrences", "{n} occurrences"},
        {"html.item-place", "Place", "Emplacement"},
        {"html.item-message", "Message", "Constat"},
        {"html.item-state", "State", "État"},
        {"html.unchanged", "unchanged", "inchangé"},
        {"html.waived-label", "Waived", "Dérogation"},
        {"html.waived-by", "by {author} ", "par {author} "},
        {"html.waived-until", "until {expires} ", "jusqu'au {expires} "},
        {"html.baseline", "Baseline", "Référence"},
        {"html.baseline-text", "{known} left out of this report, {absent} no longer found.",
         "{known} écartés de ce rapport, {absent} introuvables."},
        // `rules` and `explain`.
        {"rules.default", "default {severity}", "par défaut {severity}"},
        {"rules.disabled", "disabled", "désactivée"},
        {"rules.third-party", "third-party", "tierce partie"},
        {"rules.plugin", "plugin: ", "plugin : "},
        {"rules.option", "option {name} ({type}, default \"{default}\"): {description}",
         "option {name} ({type}, par défaut \"{default}\") : {description}"},
        {"rules.docs", "docs: ", "documentation : "},
        {"rules.refused", "refused plugin: ", "plugin refusé : "},
        {"explain.default-severity", "default severity: ", "gravité par défaut : "},
        {"explain.this-run", " (this run: {severity})", " (cette exécution : {severity})"},
        {"explain.unknown", "no loaded rule or plugin is called '{rule}' (see `surveycheck rules`)",
         "aucune règle ni aucun plugin chargé ne s'appelle « {rule} » (voir `surveycheck rules`)"},
        // The verdict: the HTML banner and the text summary.
        {"verdict.incomplete",
         "Validation incomplete: a file could not be read, a rule failed or a plugin was refused",
         "Validation incomplète : un fichier n'a pas pu être lu, une règle a échoué ou un plugin a été "
         "refusé"},
        {"verdict.failed", "Failed: {findings}", "Échec : {findings}"},
        {"verdict.no-blocking-errors", "No blocking errors", "Aucune erreur bloquante"},
        {"verdict.no-blocking", "Nothing at or above {threshold}", "Rien au niveau {threshold} ou au-dessus"},
        {"verdict.to-review", "{findings} to review", "{findings} à examiner"},
        {"verdict.passed", "Passed: no findings", "Réussi : aucun constat"},
        {"verdict.passed-waived", "Passed: no findings, {waived}", "Réussi : aucun constat, {waived}"},
    };
    return table;
}

namespace {

const std::unordered_map<std::string_view, const UiString*>& index() {
    static const std::unordered_map<std::string_view, const UiString*> map = [] {
        std::unordered_map<std::string_view, const UiString*> out;
        for (const UiString& entry : ui_catalogue()) out.emplace(entry.id, &entry);
        return out;
    }();
    return map;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace

UiText::UiText(const std::string& lang) : french_(lang == "fr") {}

const char* UiText::operator()(std::string_view id) const {
    const auto found = index().find(id);
    if (found == index().end()) throw std::logic_error("no UI string " + std::string(id));
    return french_ ? found->second->fr : found->second->en;
}

std::string UiText::operator()(std::string_view id,
                               const std::vector<std::pair<std::string, std::string>>& args) const {
    std::string text = (*this)(id);
    for (const auto& [name, value] : args) text = replace_all(std::move(text), "{" + name + "}", value);
    return text;
}

std::string UiText::count(std::size_t n, std::string_view id) const {
    const bool one = french_ ? n <= 1 : n == 1;
    return (*this)(std::string(id) + (one ? ".one" : ".many"), {{"n", std::to_string(n)}});
}

const char* UiText::severity(engine::Severity severity) const {
    switch (severity) {
        case engine::Severity::error:
        case engine::Severity::rule_default:  // never kept
            return (*this)("severity.error");
        case engine::Severity::warning:
            return (*this)("severity.warning");
        case engine::Severity::info:
            return (*this)("severity.info");
    }
    return "";
}

std::string counts_line(const UiText& text, const Summary& counts) {
    std::string line = text.count(counts.files, "count.file") + ", " +
                       text.count(counts.contributions, "count.contribution") + text("colon") +
                       text.count(counts.error, "count.error") + ", " +
                       text.count(counts.warning, "count.warning") + ", " +
                       text.count(counts.info, "count.info");
    if (counts.suppressed > 0) line += ", " + text.count(counts.suppressed, "count.waived");
    return line;
}

Verdict verdict_of(const UiText& text, const Summary& counts, engine::Severity fail_on, bool incomplete) {
    if (incomplete) return {"incomplete", text("verdict.incomplete")};
    // Active findings split into those at or above the threshold (blocking) and the others (to review).
    std::string blocking;
    std::string review;
    const std::pair<engine::Severity, std::size_t> by_severity[] = {
        {engine::Severity::error, counts.error},
        {engine::Severity::warning, counts.warning},
        {engine::Severity::info, counts.info}};
    for (const auto& [severity, n] : by_severity) {
        if (n == 0) continue;
        std::string& part = severity >= fail_on ? blocking : review;
        part += (part.empty() ? "" : ", ") +
                text.count(n, std::string("count.") + engine::severity_name(severity));
    }
    const std::string to_review =
        review.empty() ? "" : " — " + text("verdict.to-review", {{"findings", review}});
    if (!blocking.empty()) return {"failed", text("verdict.failed", {{"findings", blocking}}) + to_review};
    if (!review.empty()) {
        const std::string head = fail_on == engine::Severity::error
                                     ? std::string(text("verdict.no-blocking-errors"))
                                     : text("verdict.no-blocking", {{"threshold", text.severity(fail_on)}});
        return {"review", head + to_review};
    }
    if (counts.suppressed > 0)
        return {"passed",
                text("verdict.passed-waived", {{"waived", text.count(counts.suppressed, "count.waived")}})};
    return {"passed", text("verdict.passed")};
}

}  // namespace surveycheck::report
