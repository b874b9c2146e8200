#include "engine/translate.hpp"

#include <cstddef>

#include "surveycheck/rulekit/messages.hpp"

namespace surveycheck::engine {
namespace {

// The host's messages in French (the Commission's working languages: English is the text in the code).
struct HostEntry {
    const char* check;
    const char* key;
    const char* text;
};

const HostEntry host_french[] = {
    {"unknown-question", "title", "Réponse à une question que l'enquête ne définit pas"},
    {"unknown-question", "unknown-qid",
     "Cette réponse renvoie au qid « {qid} », qu'aucun élément de l'enquête ne définit"},
    {"unknown-question", "unknown-qid.hint",
     "L'export mélange peut-être plusieurs versions de l'enquête ; exportez de nouveau les résultats"},
    {"unknown-answer", "title", "Réponse désignant une option que la question ne définit pas"},
    {"unknown-answer", "unknown-aid",
     "Cette réponse choisit l'aid « {aid} », qu'aucune option de la question « {question} » ne définit ; la "
     "question est considérée comme ayant reçu une réponse"},
    {"unknown-answer", "unknown-aid.hint",
     "L'option a sans doute été remplacée après l'envoi de la contribution ; vérifiez la réponse dans "
     "EUSurvey "
     "et exportez de nouveau les résultats"},
    {"profile-question-missing", "title", "Question du profil absente de l'export"},
    {"profile-question-missing", "missing",
     "La question « {title} » du profil {profile} ne figure pas dans cet export (langue {lang})"},
    {"profile-question-missing", "missing.hint",
     "Vérifiez que l'export correspond au formulaire décrit par le profil, ou indiquez --profile"},
    {"profile-section-missing", "title", "Section du profil absente de l'export"},
    {"profile-section-missing", "missing",
     "La section « {title} » du profil {profile} ne figure pas dans cet export (langue {lang})"},
    {"profile-section-missing", "missing.hint",
     "Vérifiez que l'export correspond au formulaire décrit par le profil, ou indiquez --profile"},
    {"unbound-question", "title", "Question inconnue du profil"},
    {"unbound-question", "unbound",
     "La question « {title} » ({uid}) ne correspond à aucune question du profil {profile} : aucune exigence "
     "ni "
     "aucun rôle ne s'y applique, et elle compte comme publique"},
    {"unbound-question", "unbound-confidential",
     "La question « {title} » ({uid}) ne correspond à aucune question du profil {profile} ; elle compte "
     "comme "
     "confidentielle, car elle suit la section confidentielle « {section} »"},
    {"unbound-question", "unbound.hint",
     "Ajoutez la question au profil (bid, uid ou titre), ou vérifiez que l'export est bien celui du "
     "formulaire"},
    {"binding-uncertain", "title", "Question liée avec un doute"},
    {"binding-uncertain", "moved",
     "La question « {title} » ({key}) se trouve dans la section « {section} », alors que le profil {profile} "
     "la "
     "place dans « {wanted} »"},
    {"binding-uncertain", "not-in-block",
     "La question « {title} » ({uid}) du bloc de langue {lang} n'existe pas dans le bloc {reference}, où le "
     "profil {profile} a été lié"},
    {"binding-uncertain", "uncertain.hint",
     "Exportez de nouveau les résultats, ou validez avec le profil de cette version du formulaire"},
    {"duplicate-contribution", "title", "Deux contributions portant le même identifiant"},
    {"duplicate-contribution", "duplicate",
     "L'AnswerSet {index} porte l'identifiant « {id} » de l'AnswerSet {first} (ligne {line}) ; les deux sont "
     "vérifiés"},
    {"duplicate-contribution", "duplicate.hint",
     "Exportez de nouveau les résultats : un fichier fusionné ou modifié peut répéter une contribution"},
    {"no-questionnaire", "title", "Contribution sans questionnaire"},
    {"no-questionnaire", "no-elements",
     "L'export n'a pas de bloc Elements : les réponses de cette contribution ne peuvent pas être lues"},
    {"no-questionnaire", "no-elements.hint",
     "Exportez de nouveau les résultats depuis EUSurvey en incluant le questionnaire"},
    {"rule-failed", "title", "Une règle a échoué"},
    {"rule-failed", "failed", "La règle {rule} a échoué sur la contribution {contribution} : {reason}"},
    {"rule-failed", "failed.hint",
     "Signalez-le à l'auteur de {file} ; la contribution n'a pas été entièrement vérifiée"},
    {"rule-failed", "not-started", "La règle {rule} n'a pas pu démarrer : {reason}"},
    {"rule-failed", "not-started.hint",
     "Signalez-le à l'auteur de {file} ; la règle n'a vérifié aucune contribution"},
    {"rule-failed", "not-loaded", "Le plugin {file} n'a pas pu être chargé : {reason}"},
    {"rule-failed", "not-loaded.hint",
     "Signalez-le à l'auteur de {file} ; aucune de ses règles n'a rien vérifié"},
    {"rule-quarantined", "title", "Une règle a été arrêtée pour le reste de l'exécution"},
    {"rule-quarantined", "quarantined",
     "La règle {rule} a échoué à plusieurs reprises et n'a plus été appelée pendant cette exécution "
     "(dernière "
     "erreur : {reason})"},
    {"rule-quarantined", "quarantined.hint",
     "Signalez-le à l'auteur de {file} ; les contributions suivantes n'ont pas été vérifiées par cette "
     "règle"},
    {"waiver-expired", "title", "Dérogation expirée"},
    {"waiver-expired", "expired",
     "La dérogation {waiver} a expiré le {expires} ; ses constats sont de nouveau signalés"},
    {"waiver-expired", "expired.hint",
     "Corrigez les constats, ou renouvelez la dérogation avec une nouvelle justification et une nouvelle "
     "date "
     "d'expiration"},
    {"waiver-unused", "title", "Dérogation inutilisée"},
    {"waiver-unused", "unused", "La dérogation {waiver} ne correspond à aucun constat de cette exécution"},
    {"waiver-unused", "unused.hint", "Supprimez la dérogation si le problème qu'elle excusait a disparu"},
};

}  // namespace

Translator::Translator(std::string lang, const RuleSet& rules) : lang_(std::move(lang)), rules_(rules) {}

const std::string* Translator::lookup(const RuleInfo& rule, const std::string& key) const {
    if (key.empty() || lang_.empty() || lang_ == "en") return nullptr;
    for (const auto& entry : rule.translations) {
        if (entry.lang == lang_ && entry.key == key) return &entry.text;
    }
    return nullptr;
}

void Translator::apply(std::vector<Finding>& findings) const {
    if (lang_.empty() || lang_ == "en") return;
    for (auto& finding : findings) {
        if (finding.message_id.empty() && finding.hint_id.empty()) continue;
        const RuleInfo* rule = rules_.find(finding.rule);
        if (!rule) continue;
        std::vector<rulekit::MessageArg> args;
        for (const auto& [name, value] : finding.args) args.push_back(rulekit::MessageArg{name, value});
        if (const std::string* text = lookup(*rule, finding.message_id)) {
            finding.message = rulekit::format_message(*text, args);
        }
        if (const std::string* text = lookup(*rule, finding.hint_id))
            finding.hint = rulekit::format_message(*text, args);
    }
}

std::vector<TranslationEntry> plugin_translations(const sc_rule& rule) {
    std::vector<TranslationEntry> out;
    for (std::uint32_t i = 0; i < host::translation_count(rule); ++i) {
        const sc_translation& item = host::translation_at(rule, i);
        if (item.lang && item.key && item.text)
            out.push_back(TranslationEntry{item.lang, item.key, item.text});
    }
    return out;
}

std::vector<TranslationEntry> host_translations(const std::string& check) {
    std::vector<TranslationEntry> out;
    for (const HostEntry& entry : host_french) {
        if (check == entry.check) out.push_back(TranslationEntry{"fr", entry.key, entry.text});
    }
    return out;
}

}  // namespace surveycheck::engine
