// The host's own user-visible words (labels of the text and HTML reports, the run summary, `rules` and
// `explain`), English and French side by side in one catalogue, as host_rules.cpp holds the host rules'.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/finding.hpp"

namespace surveycheck::report {

struct Summary;

// One string of the catalogue: its id, English and French. Placeholders are {name}; a count's singular and
// plural are two ids, "<id>.one" and "<id>.many".
struct UiString {
    const char* id;
    const char* en;
    const char* fr;
};

// Every UI string of the host.
const std::vector<UiString>& ui_catalogue();

// The catalogue in one language: "fr" gives French, any other language English (what `--lang` falls back to).
class UiText {
public:
    explicit UiText(const std::string& lang = "en");

    bool french() const { return french_; }
    // The text of `id`; throws std::logic_error for an id the catalogue lacks (a bug of the caller).
    const char* operator()(std::string_view id) const;
    // The text of `id` with its {name} placeholders filled in.
    std::string operator()(std::string_view id,
                           const std::vector<std::pair<std::string, std::string>>& args) const;
    // "<n> <word>": `id`.one or `id`.many as the language counts (French: 0 and 1 are singular), with {n}.
    std::string count(std::size_t n, std::string_view id) const;
    // The severity's name as the reports show it ("error" / "erreur").
    const char* severity(engine::Severity severity) const;

private:
    bool french_;
};

// "2 files, 3 contributions: 1 error, 4 warnings, 0 info[, 2 waived]", as the text and stderr summaries say.
std::string counts_line(const UiText& text, const Summary& counts);

// The verdict of a run, as the HTML banner and the text summary say it.
struct Verdict {
    const char*
        kind;  // "passed" (no active finding), "review" (findings, none blocking), "failed", "incomplete"
    std::string text;  // "No blocking errors — 61 warnings to review"
};
Verdict verdict_of(const UiText& text, const Summary& counts, engine::Severity fail_on, bool incomplete);

}  // namespace surveycheck::report
