#include "engine/host_rules.hpp"

#include <cstring>
#include <stdexcept>

#include "surveycheck/rulekit/messages.hpp"

namespace surveycheck::engine {
namespace {

// One message of a host rule: its id, English and French (the Commission's working languages).
struct Message {
    const char* id;
    const char* en;
    const char* fr;
};

// One host rule, declared as a plugin declares its rules: metadata, then every message it reports.
struct Definition {
    const char* check;  // the id after "surveycheck/"
    Severity severity;
    const char* title;
    const char* title_fr;
    const char* description;
    std::vector<Message> messages;
};

const std::vector<Definition>& definitions() {
    static const std::vector<Definition> table = {
        {"unknown-question",
         Severity::warning,
         "Answer to a question the survey does not define",
         "Réponse à une question que l'enquête ne définit pas",
         "An answer's qid matches no element of the export's questionnaire.",
         {{"unknown-qid", "This answer refers to qid \"{qid}\", which no element of the survey defines",
           "Cette réponse renvoie au qid « {qid} », qu'aucun élément de l'enquête ne définit"},
          {"unknown-qid.hint", "The export may mix survey versions; export the results again",
           "L'export mélange peut-être plusieurs versions de l'enquête ; exportez de nouveau les "
           "résultats"}}},
        {"unknown-answer",
         Severity::warning,
         "Answer naming an option the question does not define",
         "Réponse désignant une option que la question ne définit pas",
         "An answer's aid matches no possible answer or column of its question, as when an option was "
         "replaced after answering; the question still counts as answered.",
         {{"unknown-aid",
           "This answer chooses aid \"{aid}\", which no option of question \"{question}\" defines; the "
           "question counts as answered",
           "Cette réponse choisit l'aid « {aid} », qu'aucune option de la question « {question} » ne définit "
           "; "
           "la question est considérée comme ayant reçu une réponse"},
          {"unknown-aid.hint",
           "The option was probably replaced after the contribution was made; check the answer in EUSurvey "
           "and export the results again",
           "L'option a sans doute été remplacée après l'envoi de la contribution ; vérifiez la réponse dans "
           "EUSurvey et exportez de nouveau les résultats"}}},
        {"profile-question-missing",
         Severity::error,
         "Profile question not found in the export",
         "Question du profil absente de l'export",
         "The form profile describes a question that the export's questionnaire does not contain: a wrong "
         "profile or a new form version.",
         {{"missing", "Question \"{title}\" of profile {profile} is not in this export (language {lang})",
           "La question « {title} » du profil {profile} ne figure pas dans cet export (langue {lang})"},
          {"missing.hint", "Check that the export is of the form the profile describes, or pass --profile",
           "Vérifiez que l'export correspond au formulaire décrit par le profil, ou indiquez --profile"}}},
        {"profile-section-missing",
         Severity::error,
         "Profile section not found in the export",
         "Section du profil absente de l'export",
         "The form profile describes a section that the export's questionnaire does not contain.",
         {{"missing", "Section \"{title}\" of profile {profile} is not in this export (language {lang})",
           "La section « {title} » du profil {profile} ne figure pas dans cet export (langue {lang})"},
          {"missing.hint", "Check that the export is of the form the profile describes, or pass --profile",
           "Vérifiez que l'export correspond au formulaire décrit par le profil, ou indiquez --profile"}}},
        {"unbound-question",
         Severity::warning,
         "Question the profile does not know",
         "Question inconnue du profil",
         "A question of the export matches no question of the form profile, so no requirement, role or "
         "confidentiality of the profile applies to it; it counts as confidential when it follows a "
         "confidential section marker.",
         {{"unbound",
           "Question \"{title}\" ({uid}) matches no question of profile {profile}: no requirement or role "
           "applies to it, and it counts as public",
           "La question « {title} » ({uid}) ne correspond à aucune question du profil {profile} : aucune "
           "exigence ni aucun rôle ne s'y applique, et elle compte comme publique"},
          {"unbound-confidential",
           "Question \"{title}\" ({uid}) matches no question of profile {profile}; it counts as "
           "confidential, as it follows the confidential section \"{section}\"",
           "La question « {title} » ({uid}) ne correspond à aucune question du profil {profile} ; elle "
           "compte "
           "comme confidentielle, car elle suit la section confidentielle « {section} »"},
          {"unbound.hint",
           "Add the question to the profile (bid, uid or title), or check that the export is of this form",
           "Ajoutez la question au profil (bid, uid ou titre), ou vérifiez que l'export est bien celui du "
           "formulaire"}}},
        {"binding-uncertain",
         Severity::warning,
         "Question bound with doubt",
         "Question liée avec un doute",
         "A question was bound to the profile, but it stands in another section than the profile says, or "
         "one language block has it and the block the profile was bound in does not.",
         {{"moved",
           "Question \"{title}\" ({key}) stands in section \"{section}\", but profile {profile} puts it in "
           "\"{wanted}\"",
           "La question « {title} » ({key}) se trouve dans la section « {section} », alors que le profil "
           "{profile} la place dans « {wanted} »"},
          {"not-in-block",
           "Question \"{title}\" ({uid}) of language block {lang} is not in block {reference}, where profile "
           "{profile} was bound",
           "La question « {title} » ({uid}) du bloc de langue {lang} n'existe pas dans le bloc {reference}, "
           "où le profil {profile} a été lié"},
          {"uncertain.hint", "Export the results again, or validate with the profile of this form version",
           "Exportez de nouveau les résultats, ou validez avec le profil de cette version du formulaire"}}},
        {"duplicate-contribution",
         Severity::warning,
         "Two contributions with one id",
         "Deux contributions portant le même identifiant",
         "Two AnswerSet elements of one export carry the same id; both are checked.",
         {{"duplicate",
           "AnswerSet {index} has the id \"{id}\" of AnswerSet {first} (line {line}); both are checked",
           "L'AnswerSet {index} porte l'identifiant « {id} » de l'AnswerSet {first} (ligne {line}) ; les "
           "deux "
           "sont vérifiés"},
          {"duplicate.hint", "Export the results again: a merged or edited file can repeat a contribution",
           "Exportez de nouveau les résultats : un fichier fusionné ou modifié peut répéter une "
           "contribution"}}},
        {"no-questionnaire",
         Severity::error,
         "Contribution without a questionnaire",
         "Contribution sans questionnaire",
         "The export has no Elements block, so its answers cannot be resolved.",
         {{"no-elements", "The export has no Elements block, so this contribution's answers cannot be read",
           "L'export n'a pas de bloc Elements : les réponses de cette contribution ne peuvent pas être lues"},
          {"no-elements.hint", "Export the results again from EUSurvey with the questionnaire included",
           "Exportez de nouveau les résultats depuis EUSurvey en incluant le questionnaire"}}},
        {"rule-failed",
         Severity::error,
         "A rule failed",
         "Une règle a échoué",
         "A rule reported an internal failure or broke its worker, or could not even be loaded or started; "
         "the validation of what it did not check is incomplete.",
         {{"failed", "Rule {rule} failed on contribution {contribution}: {reason}",
           "La règle {rule} a échoué sur la contribution {contribution} : {reason}"},
          {"failed.hint", "Report this to the author of {file}; the contribution was not fully checked",
           "Signalez-le à l'auteur de {file} ; la contribution n'a pas été entièrement vérifiée"},
          {"not-started", "Rule {rule} could not start: {reason}",
           "La règle {rule} n'a pas pu démarrer : {reason}"},
          {"not-started.hint", "Report this to the author of {file}; the rule checked no contribution",
           "Signalez-le à l'auteur de {file} ; la règle n'a vérifié aucune contribution"},
          {"not-loaded", "Plugin {file} could not be loaded: {reason}",
           "Le plugin {file} n'a pas pu être chargé : {reason}"},
          {"not-loaded.hint", "Report this to the author of {file}; none of its rules checked anything",
           "Signalez-le à l'auteur de {file} ; aucune de ses règles n'a rien vérifié"}}},
        {"rule-quarantined",
         Severity::error,
         "A rule was stopped for the rest of an export",
         "Une règle a été arrêtée pour le reste d'un export",
         "A rule crashed, hung or broke its worker's protocol on three contributions of an export (counted "
         "in "
         "document order, so for any --jobs) and was not called on the contributions after the third; they "
         "are incompletely checked.",
         {{"quarantined",
           "Rule {rule} broke repeatedly and was not called again on the rest of the export (last: {reason})",
           "La règle {rule} a échoué à plusieurs reprises et n'a plus été appelée sur le reste de l'export "
           "(dernière erreur : {reason})"},
          {"quarantined.hint",
           "Report this to the author of {file}; later contributions were not checked by it",
           "Signalez-le à l'auteur de {file} ; les contributions suivantes n'ont pas été vérifiées par cette "
           "règle"}}},
        {"waiver-expired",
         Severity::warning,
         "Expired waiver",
         "Dérogation expirée",
         "A waiver of the config file is past its expiry date; the findings it covered count again.",
         {{"expired", "The waiver of {waiver} expired on {expires}; its findings are reported again",
           "La dérogation {waiver} a expiré le {expires} ; ses constats sont de nouveau signalés"},
          {"expired.hint", "Fix the findings, or renew the waiver with a new justification and expiry date",
           "Corrigez les constats, ou renouvelez la dérogation avec une nouvelle justification et une "
           "nouvelle date d'expiration"}}},
        {"waiver-unused",
         Severity::info,
         "Unused waiver",
         "Dérogation inutilisée",
         "A waiver of the config file matched no finding in this run; it can be removed.",
         {{"unused", "The waiver of {waiver} matched no finding in this run",
           "La dérogation {waiver} ne correspond à aucun constat de cette exécution"},
          {"unused.hint", "Remove the waiver if the problem it excused is gone",
           "Supprimez la dérogation si le problème qu'elle excusait a disparu"}}},
    };
    return table;
}

const std::string host_prefix = "surveycheck/";

RunRule rule_info(const Definition& definition) {
    RunRule info;
    info.id = host_prefix + definition.check;
    info.plugin = "surveycheck";
    info.title = definition.title;
    info.description = definition.description;
    info.docs_path = std::string("docs/rules/surveycheck.md#") + definition.check;
    info.docs_url = docs_url_on(info.docs_path, default_docs_base());
    info.default_severity = definition.severity;
    info.severity = definition.severity;
    info.translations.push_back(TranslationEntry{"fr", "title", definition.title_fr});
    for (const Message& message : definition.messages)
        info.translations.push_back(TranslationEntry{"fr", message.id, message.fr});
    return info;
}

// The English text of message `id` of host rule `rule`; throws std::logic_error when there is none.
const char* english(const RunRule& rule, const char* id) {
    for (const Definition& definition : definitions()) {
        if (rule.id.compare(host_prefix.size(), std::string::npos, definition.check) != 0) continue;
        for (const Message& message : definition.messages)
            if (std::strcmp(message.id, id) == 0) return message.en;
    }
    throw std::logic_error("host rule " + rule.id + " has no message " + id);
}

}  // namespace

const std::vector<HostText>& host_texts() {
    static const std::vector<HostText> table = {
        {"group", "{count} × {title}: {summary}", "{count} × {title} : {summary}"},
        {"group.more", "… and {n} more", "… et {n} autres"},
    };
    return table;
}

const char* host_text(const std::string& lang, const char* id) {
    for (const HostText& text : host_texts())
        if (std::strcmp(text.id, id) == 0) return lang == "fr" ? text.fr : text.en;
    throw std::logic_error(std::string("the host has no text ") + id);
}

const std::vector<RunRule>& host_rules() {
    static const std::vector<RunRule> rules = [] {
        std::vector<RunRule> out;
        for (const Definition& definition : definitions()) out.push_back(rule_info(definition));
        return out;
    }();
    return rules;
}

void set_host_text(Finding& finding, const RunRule& rule, const char* message_id, const char* hint_id,
                   MessageArgs args) {
    std::vector<rulekit::MessageArg> views;
    for (const auto& [name, value] : args) views.push_back(rulekit::MessageArg{name, value});
    finding.message = rulekit::format_message(english(rule, message_id), views);
    finding.hint = rulekit::format_message(english(rule, hint_id), views);
    finding.message_id = message_id;
    finding.hint_id = hint_id;
    finding.args = std::move(args);
}

Finding host_finding(const RunRule& rule, FindingPlace place, const char* message_id, const char* hint_id,
                     MessageArgs args, const std::vector<std::string>& identity) {
    Finding finding = make_finding(rule, "", "", std::move(place), fingerprint_of(identity));
    set_host_text(finding, rule, message_id, hint_id, std::move(args));
    return finding;
}

}  // namespace surveycheck::engine
