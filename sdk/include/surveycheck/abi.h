/* surveycheck plugin ABI: the plain-C boundary between the host and rule plugins.
 *
 * Rules of the boundary:
 * - Every struct starts with `struct_size`; a reader only touches fields that lie inside it, so a minor
 *   version may append fields at the end of a struct and nothing else. A reader steps through an array by the
 *   struct_size of its first element, never by its own sizeof.
 * - Strings are views (pointer + length, not NUL-terminated) into the memory of the side that passes them,
 *   valid for the duration of the call they are passed to. Nobody frees the other side's memory.
 * - No C++ type and no exception crosses this boundary.
 * - SC_<STRUCT>_FIELDS(X), below each struct that crosses with data, lists its data fields (numbers and
 *   strings; not struct_size, arrays or their counts) in order, as X(field): code that copies or
 *   serialises a struct walks the list, so a field appended to a struct is appended to its list too.
 * - A field appended by a minor version says so in its comment ("since 1.1"); a field without such a mark
 *   has been there since 1.0. Appended so far: 1.1 added sc_question.confidential, sc_value.aid and
 *   sc_contribution.notes / note_count.
 * - A plugin exports exactly one symbol, `SC_PLUGIN_ENTRY_NAME`: a `const sc_plugin` object. The host reads
 *   its `abi_major` / `abi_minor` before it calls anything else, and refuses a plugin whose major differs or
 *   whose minor is newer than its own.
 */
#ifndef SURVEYCHECK_ABI_H
#define SURVEYCHECK_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI major version: changes only when existing fields change meaning or move. */
#define SC_ABI_VERSION_MAJOR 1
/* ABI minor version: grows when fields are appended or enumerators added. */
#define SC_ABI_VERSION_MINOR 1

/* Name of the one symbol every plugin exports. */
#define SC_PLUGIN_ENTRY_NAME "surveycheck_plugin"

/* "No index": an absent question, value, row, choice or text offset. */
#define SC_NONE UINT32_MAX

/* A string view: `size` bytes of UTF-8 at `data` (`data` may be NULL when `size` is 0). */
typedef struct sc_str {
    const char* data;
    size_t size;
} sc_str;

/* Severity of a finding; SC_SEVERITY_DEFAULT in a finding means "the rule's default severity". */
typedef enum sc_severity {
    SC_SEVERITY_INFO = 0,
    SC_SEVERITY_WARNING = 1,
    SC_SEVERITY_ERROR = 2,
    SC_SEVERITY_DEFAULT = 255
} sc_severity;

/* What a profile requires of a question. */
typedef enum sc_requirement {
    SC_REQUIREMENT_NONE = 0, /* the profile does not know the question */
    SC_REQUIREMENT_OPTIONAL = 1,
    SC_REQUIREMENT_RECOMMENDED = 2,
    SC_REQUIREMENT_MANDATORY = 3,
    SC_REQUIREMENT_MANDATORY_WHEN_SHOWN = 4
} sc_requirement;

/* The kind of a question, derived from the export's element names and `type` attributes. */
typedef enum sc_question_kind {
    SC_QUESTION_OTHER = 0,           /* number, date, e-mail, upload, gallery, formula, unknown types */
    SC_QUESTION_FREE_TEXT = 1,       /* free text */
    SC_QUESTION_SINGLE_CHOICE = 2,   /* single choice; choices[] holds the possible answers */
    SC_QUESTION_MULTIPLE_CHOICE = 3, /* multiple choice; choices[] holds the possible answers */
    SC_QUESTION_MATRIX = 4,          /* matrix; rows[] and columns[] */
    SC_QUESTION_TABLE = 5,           /* text table; rows[] and columns[] */
    SC_QUESTION_COMPLEX_TABLE = 6,   /* complex table; rows[] holds its cells */
    SC_QUESTION_RATING = 7,          /* rating; rows[] holds its sub-questions */
    SC_QUESTION_RANKING = 8,         /* ranking; choices[] holds its items */
    SC_QUESTION_TARGET_DATASET = 9   /* self-assessment target dataset; choices[] holds the datasets */
} sc_question_kind;

/* A part of a question: a possible answer, a matrix or table row or column, a cell, a rating item. */
typedef struct sc_item {
    uint32_t struct_size;
    sc_str uid;   /* the element's unique id */
    sc_str bid;   /* the element's shortname, empty when the export has none */
    sc_str title; /* the label, HTML reduced to text */
} sc_item;
#define SC_ITEM_FIELDS(X) X(uid) X(bid) X(title)

/* A role the profile gives a question (e.g. "region-list" with format "nuts"). */
typedef struct sc_role {
    uint32_t struct_size;
    sc_str name;   /* role name: reporting-period, partnership-name, region-list, eu13-statement, ... */
    sc_str format; /* requested format, empty when none */
} sc_role;
#define SC_ROLE_FIELDS(X) X(name) X(format)

/* A section of the form. */
typedef struct sc_section {
    uint32_t struct_size;
    sc_str key;            /* profile key, empty when the profile does not know the section */
    sc_str uid;            /* element uid */
    sc_str title;          /* title, HTML reduced to text */
    uint32_t confidential; /* 1 when the section is confidential: the profile marks it so, or (a sub-section
                              the profile does not know) it follows a confidential section marker */
} sc_section;
#define SC_SECTION_FIELDS(X) X(key) X(uid) X(title) X(confidential)

/* A question of the form as seen in this export, bound to the profile. */
typedef struct sc_question {
    uint32_t struct_size;
    uint32_t kind;        /* sc_question_kind */
    uint32_t requirement; /* sc_requirement */
    uint32_t section;     /* index into sc_survey.sections, or SC_NONE before the first section */
    uint32_t dependent;   /* 1 when the question is shown only through a trigger (dependentElements) */
    sc_str key;           /* profile key, empty when the profile does not know the question */
    sc_str uid;           /* element uid */
    sc_str bid;           /* shortname, empty when the export has none */
    sc_str title;         /* question text, HTML reduced to text */
    sc_str type;          /* EUSurvey `type` attribute as written, may be empty */
    const sc_role* roles;
    uint32_t role_count;
    const sc_item* choices; /* possible answers, ranking items or datasets */
    uint32_t choice_count;
    const sc_item* rows; /* matrix or table rows, rating sub-questions, complex-table cells */
    uint32_t row_count;
    const sc_item* columns; /* matrix or table columns */
    uint32_t column_count;
    uint32_t confidential; /* since 1.1: 1 when the host treats the question as confidential (its profile
                              entry is, or it follows a confidential section marker); read it only when
                              struct_size covers it */
} sc_question;
#define SC_QUESTION_FIELDS(X) \
    X(kind) X(requirement) X(section) X(dependent) X(key) X(uid) X(bid) X(title) X(type) X(confidential)

/* The questionnaire of one export language, bound to the profile. Valid for one check call. */
typedef struct sc_survey {
    uint32_t struct_size;
    sc_str uid;   /* Survey/@uid */
    sc_str alias; /* Survey/@alias */
    sc_str lang;  /* Elements/@lang of this questionnaire */
    const sc_section* sections;
    uint32_t section_count;
    const sc_question* questions;
    uint32_t question_count;
} sc_survey;
#define SC_SURVEY_FIELDS(X) X(uid) X(alias) X(lang)

/* An attribute of an AnswerSet (id, create, last, list, lang, user, invitation, userlogin, ...). */
typedef struct sc_attribute {
    uint32_t struct_size;
    sc_str name;
    sc_str value;
} sc_attribute;
#define SC_ATTRIBUTE_FIELDS(X) X(name) X(value)

/* One answer element of a contribution, resolved against the questionnaire. */
typedef struct sc_value {
    uint32_t struct_size;
    uint32_t question; /* index into sc_survey.questions */
    uint32_t row;      /* index into the question's rows, or SC_NONE */
    uint32_t choice;   /* index into choices (choice, ranking) or columns (matrix, table), or SC_NONE */
    sc_str text;       /* the answer text as exported (entities decoded), may be empty */
    uint32_t line;     /* 1-based line of the answer element in the export */
    uint32_t column;   /* 1-based column of the answer element in the export */
    sc_str aid; /* since 1.1: the aid (TargetDataset: id) as written, trimmed, empty when none; set even when
                   it names no choice, so choice == SC_NONE with a non-empty aid is an answer whose option the
                   questionnaire no longer defines */
} sc_value;
#define SC_VALUE_FIELDS(X) X(question) X(row) X(choice) X(text) X(line) X(column) X(aid)

/* One contribution (AnswerSet). Values are grouped by question in questionnaire order.
 * Notes (since 1.1) are the Delphi texts of the contribution: each `Explanation` (its ExplanationText) and
 * each `Discussion`, as sc_values with row and choice SC_NONE, grouped by question like values. They are text
 * about an answer, not answers: a rule that asks whether a question is answered ignores them. A finding
 * points at note i with value index value_count + i. */
typedef struct sc_contribution {
    uint32_t struct_size;
    sc_str id; /* AnswerSet/@id, or its @list number when there is no id */
    const sc_attribute* attributes;
    uint32_t attribute_count;
    const sc_value* values;
    uint32_t value_count;
    const uint32_t* first_value; /* per question: index of its first value (== next question's when none) */
    const uint32_t* value_count_of; /* per question: number of its values */
    const uint8_t* shown;  /* per question: 1 when visible (not dependent, or one of its triggers chosen) */
    const sc_value* notes; /* since 1.1: Delphi explanation and discussion texts, may be NULL when none */
    uint32_t note_count;   /* since 1.1 */
} sc_contribution;
#define SC_CONTRIBUTION_FIELDS(X) X(id)

/* What a finding is about: one contribution, or the whole run (reported once, however many contributions). */
typedef enum sc_finding_scope {
    SC_SCOPE_CONTRIBUTION = 0,
    SC_SCOPE_RUN = 1 /* e.g. "reference data missing": the host keeps one per rule and discriminator */
} sc_finding_scope;

/* Flags of a finding. */
typedef enum sc_finding_flags {
    SC_FINDING_NO_EXCERPT =
        1 /* never quote the answer next to this finding (e.g. it holds confidential text) */
} sc_finding_flags;

/* The value of one {name} placeholder of a message, e.g. {question}. */
typedef struct sc_message_arg {
    uint32_t struct_size;
    sc_str name;
    sc_str value;
} sc_message_arg;
#define SC_MESSAGE_ARG_FIELDS(X) X(name) X(value)

/* One finding as a rule reports it; the host adds file, position, XPath and fingerprint. The message and hint
 * are English; with message_id/hint_id and args the host can show a translation the rule ships instead. */
typedef struct sc_finding {
    uint32_t struct_size;
    uint32_t severity;    /* sc_severity; SC_SEVERITY_DEFAULT for the rule's default */
    uint32_t question;    /* index into sc_survey.questions, or SC_NONE for the whole contribution */
    uint32_t value;       /* index into sc_contribution.values, value_count + i for note i, or SC_NONE */
    uint32_t text_offset; /* byte offset into that value's text, or SC_NONE */
    sc_str message;       /* what is wrong, for a reader */
    sc_str hint;          /* how to fix it, may be empty */
    sc_str discriminator; /* what tells two findings of one rule on one question apart (fingerprint), may be
                             empty */
    uint32_t scope;       /* sc_finding_scope */
    uint32_t flags;       /* sc_finding_flags, or-ed */
    sc_str message_id;    /* stable id of the message inside the rule (e.g. "unanswered"), empty when none */
    sc_str hint_id;       /* stable id of the hint (e.g. "unanswered.hint"), empty when none */
    const sc_message_arg* args; /* values of the {name} placeholders of the message and the hint */
    uint32_t arg_count;
} sc_finding;
/* clang-format off */
#define SC_FINDING_FIELDS(X) \
    X(severity) X(question) X(value) X(text_offset) X(message) X(hint) X(discriminator) X(scope) X(flags) \
    X(message_id) X(hint_id)
/* clang-format on */

/* Where a rule sends its findings; the host copies each finding before `emit` returns. */
typedef struct sc_sink {
    void* context;
    void (*emit)(void* context, const sc_finding* finding);
} sc_sink;

/* The value type of a rule option. */
typedef enum sc_option_type {
    SC_OPTION_STRING = 0,
    SC_OPTION_INTEGER = 1,
    SC_OPTION_BOOLEAN = 2
} sc_option_type;

/* Metadata of one rule option. */
typedef struct sc_option_info {
    uint32_t struct_size;
    const char* name;          /* NUL-terminated */
    uint32_t type;             /* sc_option_type */
    const char* default_value; /* NUL-terminated text form of the default */
    const char* description;   /* NUL-terminated, one line */
} sc_option_info;

/* A name=value pair given to a rule when the host creates it. */
typedef struct sc_option_value {
    uint32_t struct_size;
    sc_str name;
    sc_str value;
} sc_option_value;
#define SC_OPTION_VALUE_FIELDS(X) X(name) X(value)

/* What the host tells a rule when it creates an instance. */
typedef struct sc_rule_config {
    uint32_t struct_size;
    const sc_option_value* options; /* only options the rule declared; missing ones take their default */
    uint32_t option_count;
    sc_str data_dir; /* reference data folder (NUTS lists, member states), empty when none was given */
    sc_str audience; /* "internal" or "public" */
} sc_rule_config;

/* Room for an error message written by the plugin (NUL-terminated, truncated to `capacity`). */
typedef struct sc_error_buffer {
    char* data;
    size_t capacity;
} sc_error_buffer;

/* Status codes returned by plugin functions. */
typedef enum sc_status {
    SC_STATUS_OK = 0,
    SC_STATUS_INVALID_OPTION = 1, /* an option value was not accepted */
    SC_STATUS_FAILED = 2          /* anything else; the error buffer says what */
} sc_status;

/* A rule's message in another language: `key` is a message id, a hint id or "title". */
typedef struct sc_translation {
    uint32_t struct_size;
    const char* lang; /* ISO 639-1, lower case: "fr", "de", ... */
    const char* key;  /* e.g. "unanswered", "unanswered.hint", "title" */
    const char* text; /* with the same {name} placeholders as the English text */
} sc_translation;

/* One rule of a plugin: metadata plus its life cycle. `check` must be safe to call from several threads. */
typedef struct sc_rule {
    uint32_t struct_size;
    const char* id;          /* check id inside the plugin, e.g. "missing"; the full id is "<plugin>/<id>" */
    const char* title;       /* one line */
    const char* description; /* a paragraph, may be empty */
    uint32_t default_severity; /* sc_severity */
    const char* docs_url;      /* link to the rule's page */
    const sc_option_info* options;
    uint32_t option_count;
    /* Create an instance; on failure return non-zero and describe it in `error`. */
    int (*create)(const sc_rule_config* config, void** instance, sc_error_buffer error);
    /* Check one contribution; non-zero means the rule itself failed (described in `error`). */
    int (*check)(void* instance, const sc_survey* survey, const sc_contribution* contribution, sc_sink sink,
                 sc_error_buffer error);
    /* Destroy an instance made by `create`. */
    void (*destroy)(void* instance);
    const sc_translation* translations; /* the rule's messages in other languages, may be NULL */
    uint32_t translation_count;
} sc_rule;

/* The one object a plugin exports under SC_PLUGIN_ENTRY_NAME. */
typedef struct sc_plugin {
    uint32_t struct_size;
    uint16_t abi_major;      /* SC_ABI_VERSION_MAJOR the plugin was built with */
    uint16_t abi_minor;      /* SC_ABI_VERSION_MINOR the plugin was built with */
    const char* name;        /* plugin name, e.g. "mandatory-fields"; [a-z0-9-]+ */
    const char* version;     /* plugin version, e.g. "1.0.0" */
    const char* description; /* one line */
    const sc_rule* rules;
    uint32_t rule_count;
} sc_plugin;

#ifdef __cplusplus
}
#endif

#endif /* SURVEYCHECK_ABI_H */
