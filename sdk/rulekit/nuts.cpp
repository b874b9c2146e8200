#include "surveycheck/rulekit/nuts.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <shared_mutex>

#include "surveycheck/rulekit/countries.hpp"

namespace surveycheck::rulekit {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The fields of one CSV line (RFC 4180 quoting) into `fields`, whose first `count` are set; false when a
// quote is not closed or misplaced. A field without quotes is a view of `line`; a quoted one is unquoted
// into its `unquoted` slot.
struct CsvField {
    std::string_view text;
    std::string unquoted;
};
bool split_csv(std::string_view line, std::vector<CsvField>& fields, std::size_t& count) {
    count = 0;
    std::size_t i = 0;
    while (true) {
        if (fields.size() == count) fields.emplace_back();
        CsvField& field = fields[count++];
        if (i < line.size() && line[i] == '"') {
            field.unquoted.clear();
            for (++i;; ++i) {
                if (i >= line.size()) return false;
                if (line[i] != '"') {
                    field.unquoted += line[i];
                } else if (i + 1 < line.size() && line[i + 1] == '"') {
                    field.unquoted += '"';
                    ++i;
                } else {
                    break;
                }
            }
            ++i;  // past the closing quote
            field.text = field.unquoted;
            if (i < line.size() && line[i] != ',') return false;
        } else {
            const std::size_t end = std::min(line.find(',', i), line.size());
            field.text = line.substr(i, end - i);
            i = end;
        }
        if (i >= line.size()) return true;
        ++i;  // past the comma
    }
}

// Read one code list into `list`; throws NutsDataError naming the file and line of the first bad row.
void load_list(const std::filesystem::path& path, std::vector<NutsRegion>& list) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw NutsDataError(path.string() + ": cannot be read");
    std::string bytes;
    in.seekg(0, std::ios::end);
    bytes.resize(static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())));
    in.seekg(0, std::ios::beg);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
        throw NutsDataError(path.string() + ": cannot be read");
    const auto fail = [&](std::size_t line, const std::string& why) {
        throw NutsDataError(path.string() + ":" + std::to_string(line) + ": " + why);
    };
    std::vector<CsvField> fields;
    std::vector<std::size_t> lines;  // of each region in `list`
    std::size_t count = 0;
    std::size_t number = 0;
    for (std::size_t start = 0; start < bytes.size();) {
        const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
        std::string_view line(bytes.data() + start, end - start);
        start = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (number == 1) {
            if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
            if (line != "code,level,country,name")
                fail(number,
                     "expected the header \"code,level,country,name\", found \"" + std::string(line) + "\"");
            continue;
        }
        if (line.empty()) continue;
        if (!split_csv(line, fields, count)) fail(number, "unbalanced or misplaced double quote");
        if (count != 4)
            fail(number, "expected 4 fields (code,level,country,name), found " + std::to_string(count));
        NutsRegion region{std::string(fields[0].text), nuts_level(fields[0].text),
                          std::string(fields[2].text), std::string(fields[3].text)};
        if (region.level < 0) fail(number, "\"" + region.code + "\" is not a NUTS code");
        if (fields[1].text != std::to_string(region.level))
            fail(number, "level \"" + std::string(fields[1].text) + "\" does not match code " + region.code);
        if (region.country != std::string_view(region.code).substr(0, 2))
            fail(number, "country \"" + region.country + "\" does not match code " + region.code);
        list.push_back(std::move(region));
        lines.push_back(number);
    }
    if (number == 0) fail(1, "the file is empty (no header)");
    // Sorted by code for binary search, with the file's order kept among equal codes: a repeated code is
    // named at its second line.
    std::vector<std::size_t> order(list.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return list[a].code < list[b].code; });
    std::size_t first_repeat = 0;  // the earliest line that repeats a code
    for (std::size_t i = 1; i < order.size(); ++i) {
        if (list[order[i]].code == list[order[i - 1]].code &&
            (first_repeat == 0 || lines[order[i]] < lines[first_repeat - 1]))
            first_repeat = order[i] + 1;
    }
    if (first_repeat != 0)
        fail(lines[first_repeat - 1], "code " + list[first_repeat - 1].code + " appears twice");
    std::vector<NutsRegion> sorted;
    sorted.reserve(list.size());
    for (const std::size_t i : order) sorted.push_back(std::move(list[i]));
    list = std::move(sorted);
}
}  // namespace

bool is_nuts_syntax(std::string_view code) {
    if (code.size() < 2 || code.size() > 5 || !is_upper(code[0]) || !is_upper(code[1])) return false;
    for (char c : code.substr(2))
        if (!is_upper(c) && !is_digit(c)) return false;
    return true;
}

int nuts_level(std::string_view code) {
    return is_nuts_syntax(code) ? static_cast<int>(code.size()) - 2 : -1;
}

bool is_extra_regio(std::string_view code) {
    if (!is_nuts_syntax(code) || code.size() < 3) return false;
    for (char c : code.substr(2))
        if (c != 'Z') return false;
    return true;
}

int nuts_version_for_year(int year) {
    if (year <= 2020) return 2016;
    if (year <= 2023) return 2021;
    return 2024;
}

std::optional<int> reporting_year(std::string_view period) {
    std::optional<int> year;
    for (std::size_t i = 0; i + 4 <= period.size(); ++i) {
        if (i > 0 && is_digit(period[i - 1])) continue;
        if (!is_digit(period[i]) || !is_digit(period[i + 1]) || !is_digit(period[i + 2]) ||
            !is_digit(period[i + 3]) || (i + 4 < period.size() && is_digit(period[i + 4])))
            continue;
        const int value = std::stoi(std::string(period.substr(i, 4)));
        if (value >= 1990 && value <= 2199) year = value;
    }
    return year;
}

std::string reporting_period_text(const Survey& survey, const Contribution& contribution) {
    for (const Question& question : survey.questions_with_role("reporting-period")) {
        for (const Value& value : contribution.values_of(question)) {
            if (value.choice() != none && value.choice() < question.choices().size())
                return std::string(question.choices()[value.choice()].title());
            if (!value.text().empty()) return std::string(value.text());
        }
    }
    return {};
}

std::shared_ptr<const NutsCatalog> NutsCatalog::shared(const std::string& data_dir) {
    // Rules of a plugin are created one after the other; each list takes millions of instructions to load.
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<const NutsCatalog>> loaded;
    const std::lock_guard<std::mutex> lock(mutex);
    std::weak_ptr<const NutsCatalog>& slot = loaded[data_dir];
    std::shared_ptr<const NutsCatalog> catalog = slot.lock();
    if (!catalog) {
        catalog = std::make_shared<const NutsCatalog>(data_dir);
        slot = catalog;
    }
    return catalog;
}

NutsCatalog::NutsCatalog(const std::string& data_dir) {
    namespace fs = std::filesystem;
    if (data_dir.empty()) {
        missing_ = "no data folder was given";
        return;
    }
    std::vector<std::string> absent;
    for (int version : nuts_versions) {
        const fs::path path = fs::path(data_dir) / "nuts" / ("nuts" + std::to_string(version) + ".csv");
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            absent.push_back(path.string());
            continue;
        }
        load_list(path, lists_[version]);
    }
    for (const std::string& path : absent) missing_ += (missing_.empty() ? "not found: " : ", ") + path;
}

const NutsNameIndex& NutsCatalog::names() const {
    std::call_once(names_once_, [this] { names_ = std::make_unique<const NutsNameIndex>(*this); });
    return *names_;
}

const NutsRegion* NutsCatalog::find(int version, std::string_view code) const {
    const auto list = lists_.find(version);
    if (list == lists_.end()) return nullptr;
    const auto region = std::lower_bound(list->second.begin(), list->second.end(), code,
                                         [](const NutsRegion& r, std::string_view c) { return r.code < c; });
    return region == list->second.end() || region->code != code ? nullptr : &*region;
}

std::vector<int> NutsCatalog::versions_with(std::string_view code) const {
    std::vector<int> versions;
    for (int version : nuts_versions)
        if (find(version, code) != nullptr) versions.push_back(version);
    return versions;
}

std::vector<std::string> NutsCatalog::countries_named(std::string_view name) const {
    if (lists_.empty()) return {};
    return names().countries_named(name);
}

NameSuggestion NutsCatalog::suggest(std::string_view name, std::string_view country, int version) const {
    if (lists_.empty()) return {};
    std::string key(name);
    key.append(1, '\0').append(country).append(1, '\0').append(std::to_string(version));
    {
        // Threads checking contributions at once look up together; only a new name takes the lock alone.
        const std::shared_lock<std::shared_mutex> lock(suggested_mutex_);
        if (const auto found = suggested_.find(key); found != suggested_.end()) return found->second;
    }
    const NameSuggestion suggestion = names().suggest(name, country, version);
    const std::unique_lock<std::shared_mutex> lock(suggested_mutex_);
    if (suggested_.size() >= 4096) suggested_.clear();
    suggested_.emplace(std::move(key), suggestion);
    return suggestion;
}

bool NutsCatalog::is_name_of(std::string_view code, std::string_view name) const {
    return !lists_.empty() && names().is_name_of(code, name);
}

}  // namespace surveycheck::rulekit
