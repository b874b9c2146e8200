#include "host/plugin_host.hpp"

#include <spdlog/spdlog.h>

#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include "host/fault_report.hpp"
#include "host/isolation/supervisor.hpp"
#include "surveycheck/rulekit/translations.hpp"
#include "util/result.hpp"
#include "util/sha256.hpp"
#include "util/utf8.hpp"

namespace surveycheck::host {

namespace fs = std::filesystem;

namespace {

// Bytes of sc_plugin the host reads before it knows the ABI version.
constexpr std::size_t plugin_version_end = offsetof(sc_plugin, abi_minor) + sizeof(sc_plugin::abi_minor);
// Bytes of sc_plugin the host reads from an accepted plugin.
constexpr std::size_t plugin_fields_end = offsetof(sc_plugin, rule_count) + sizeof(sc_plugin::rule_count);
// Bytes of sc_rule the host and the engine read.
constexpr std::size_t rule_fields_end = offsetof(sc_rule, destroy) + sizeof(sc_rule::destroy);
// Largest sc_rule a plugin may declare; a bigger struct_size is garbage, not a future ABI.
constexpr std::size_t max_rule_struct_size = 4096;

// Keeps every library the host ever opened, on purpose never released. Unloading is unsafe: the engine holds
// `const sc_rule*` and copies of LoadedRule past the PluginHost's life, glibc cannot really unload a library
// that registered thread-local destructors or unique symbols, and a dlclose at exit would run plugin
// destructors after the host's own statics are gone. Heap-allocated and leaked so no destructor ever runs.
void keep_loaded(boost::dll::shared_library library) {
    static auto* mutex = new std::mutex();
    static auto* libraries = new std::vector<boost::dll::shared_library>();
    std::lock_guard<std::mutex> lock(*mutex);
    libraries->push_back(std::move(library));
}

// The loader's own text (dlerror) from a Boost.DLL exception, or the whole exception text.
std::string loader_text(const std::exception& error) {
    const std::string what = error.what();
    constexpr std::string_view marker = "(dlerror system message: ";
    const auto begin = what.find(marker);
    const auto end = what.rfind(')');
    if (begin == std::string::npos || end == std::string::npos || end < begin + marker.size()) {
        return what;
    }
    return what.substr(begin + marker.size(), end - begin - marker.size());
}

// A plugin name or check id: [a-z0-9-]+.
bool is_valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// A NUL-terminated string from the plugin as well-formed UTF-8 (invalid bytes become U+FFFD), empty when
// null.
std::string text_of(const char* text) { return text == nullptr ? std::string() : util::valid_utf8(text); }

// A name from the plugin quoted for a message, cut short when it is not a sane name.
std::string in_quotes(std::string_view text) {
    constexpr std::size_t max_shown = 64;
    if (text.size() > max_shown) {
        return "\"" + std::string(text.substr(0, max_shown)) + "...\"";
    }
    return "\"" + std::string(text) + "\"";
}

std::string version_text(unsigned major, unsigned minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// Item `index` of an array of a plugin, stepping by the struct_size of its first item (a plugin of a later
// minor may have longer structs; a smaller size than this host's is taken as this host's).
template <typename Item>
const Item& item_at(const Item* items, std::uint32_t index) {
    const std::size_t stride = std::max<std::size_t>(items[0].struct_size, sizeof(Item));
    return *reinterpret_cast<const Item*>(reinterpret_cast<const char*>(items) + stride * index);
}

// The rule fields the host needs, or why the rule cannot be used.
std::string check_rule(const sc_rule& rule, std::uint32_t index) {
    const std::string which = "rule " + std::to_string(index);
    if (rule.struct_size < rule_fields_end) {
        return which + " has struct_size " + std::to_string(rule.struct_size) + ", ABI " +
               version_text(SC_ABI_VERSION_MAJOR, SC_ABI_VERSION_MINOR) + " needs at least " +
               std::to_string(rule_fields_end);
    }
    if (rule.id == nullptr) {
        return which + " has no id";
    }
    if (!is_valid_id(rule.id)) {
        return which + " has id " + in_quotes(rule.id) + ", expected [a-z0-9-]+";
    }
    const std::string named = "rule " + in_quotes(rule.id);
    if (rule.title == nullptr) {
        return named + " has no title";
    }
    if (rule.create == nullptr || rule.check == nullptr || rule.destroy == nullptr) {
        return named + " lacks one of create, check, destroy";
    }
    return {};
}

// Check the texts of every rule of an accepted `record` (rulekit::check_translations): why it is refused,
// naming the plugin, the rule, the key and the problem, or empty; warnings go into the record.
std::string check_rule_texts(PluginRecord& record) {
    std::string errors;
    for (const LoadedRule& loaded : record.rules) {
        for (const auto& problem : rulekit::check_translations(*loaded.rule)) {
            const std::string line = util::valid_utf8(rulekit::describe(problem, loaded.id));
            if (problem.level == rulekit::TranslationLevel::warning) {
                record.warnings.push_back(line);
            } else {
                errors += (errors.empty() ? "" : "; ") + line;
            }
        }
    }
    return errors;
}

}  // namespace

struct PluginHost::Impl {
    // Canonical paths of every file seen, loaded or refused.
    std::set<std::string> seen;
    // Plugin name -> the file that first used it. One name, one plugin: so a full rule id
    // "<plugin>/<rule>" is never provided twice either.
    std::map<std::string, std::string> names;
};

std::string open_plugin(const std::string& path, PluginRecord& record) {
    const RunningPlugin running("loading plugin", path);
    boost::dll::shared_library library;
    try {
        library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& error) {
        return "cannot load: " + loader_text(error);
    }
    // Its static constructors have run: from here on the library stays loaded even when refused.
    const sc_plugin* plugin = nullptr;
    try {
        plugin = &library.get<const sc_plugin>(SC_PLUGIN_ENTRY_NAME);
    } catch (const std::exception& error) {
        keep_loaded(std::move(library));
        return "not a surveycheck plugin: " + loader_text(error);
    }
    keep_loaded(std::move(library));

    if (plugin->struct_size < plugin_version_end) {
        return "sc_plugin struct_size " + std::to_string(plugin->struct_size) +
               " is too small to hold an ABI version";
    }
    record.abi_major = plugin->abi_major;
    record.abi_minor = plugin->abi_minor;
    if (plugin->abi_major != SC_ABI_VERSION_MAJOR || plugin->abi_minor > SC_ABI_VERSION_MINOR) {
        return "plugin built for ABI " + version_text(plugin->abi_major, plugin->abi_minor) +
               ", this host speaks ABI " + version_text(SC_ABI_VERSION_MAJOR, SC_ABI_VERSION_MINOR);
    }
    if (plugin->struct_size < plugin_fields_end) {
        return "sc_plugin struct_size " + std::to_string(plugin->struct_size) + ", ABI " +
               version_text(SC_ABI_VERSION_MAJOR, SC_ABI_VERSION_MINOR) + " needs at least " +
               std::to_string(plugin_fields_end);
    }
    if (plugin->name == nullptr) {
        return "plugin has no name";
    }
    if (!is_valid_id(plugin->name)) {
        return "plugin name " + in_quotes(plugin->name) + " is not [a-z0-9-]+";
    }
    record.name = plugin->name;
    record.version = text_of(plugin->version);
    record.description = text_of(plugin->description);
    if (plugin->rules == nullptr || plugin->rule_count == 0) {
        return "plugin " + in_quotes(record.name) + " declares no rules";
    }

    // Step through the rules by the plugin's own sc_rule size, not this host's: a plugin of an older minor
    // has shorter rule structs (in tests, longer ones). Each rule's fields up to `destroy` are checked below.
    const std::size_t stride = plugin->rules[0].struct_size;
    if (stride < rule_fields_end || stride > max_rule_struct_size) {
        return "rule 0 has struct_size " + std::to_string(stride) + ", ABI " +
               version_text(SC_ABI_VERSION_MAJOR, SC_ABI_VERSION_MINOR) + " needs " +
               std::to_string(rule_fields_end) + " to " + std::to_string(max_rule_struct_size);
    }
    std::set<std::string> ids;
    std::vector<LoadedRule> rules;
    for (std::uint32_t i = 0; i < plugin->rule_count; ++i) {
        const sc_rule& rule =
            *reinterpret_cast<const sc_rule*>(reinterpret_cast<const char*>(plugin->rules) + stride * i);
        if (auto error = check_rule(rule, i); !error.empty()) {
            return error;
        }
        if (!ids.insert(rule.id).second) {
            return "rule id " + in_quotes(rule.id) + " appears more than once";
        }
        rules.push_back(
            LoadedRule{record.name + "/" + rule.id, record.name, record.file, record.builtin, &rule});
    }
    record.rules = std::move(rules);
    return {};
}

PluginHost::PluginHost() : impl_(std::make_unique<Impl>()) {}

PluginHost::~PluginHost() = default;

void PluginHost::load_directory(const std::string& dir, bool builtin) {
    spdlog::debug("looking for plugins in {}", dir);
    std::vector<fs::path> files;
    std::error_code error;
    fs::directory_iterator it(dir, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
        std::error_code type_error;
        if (it->path().extension() == ".so" && it->is_regular_file(type_error)) {
            files.push_back(it->path());
        }
    }
    if (error) {
        PluginRecord record;
        record.file = dir;
        record.builtin = builtin;
        record.error = dir + ": cannot read plugin folder: " + error.message();
        spdlog::debug("{}", record.error);
        records_.push_back(std::move(record));
        return;
    }
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    for (const auto& file : files) {
        load_file(file.string(), builtin);
    }
}

void PluginHost::load_file(const std::string& path, bool builtin) {
    std::error_code error;
    fs::path key = fs::canonical(path, error);
    if (error) {
        key = fs::absolute(path, error).lexically_normal();
    }
    if (!impl_->seen.insert(key.string()).second) {
        spdlog::debug("plugin {} was already seen, not loading it again", path);
        return;
    }
    spdlog::debug("loading plugin {}", path);
    PluginRecord record;
    record.file = path;
    record.builtin = builtin;
    // Hashing a plugin costs more than loading it: only for pins, or for the log that shows it.
    std::string refusal =
        trust_refusal(path, builtin, trust_, record.sha256, spdlog::should_log(spdlog::level::info));
    const bool in_worker = builtin ? load_policy_.builtin : load_policy_.third_party;
    if (refusal.empty()) {
        refusal = in_worker ? describe_in_worker(load_policy_.executable, load_policy_.limits, record)
                            : open_plugin(path, record);
    }
    if (refusal.empty() && !builtin && !in_builtin_folder(path)) {
        if (const std::string reason = reserved_name_reason(record.name); !reason.empty()) {
            refusal = "plugin name " + reason + "; a third-party plugin needs a name of its own";
        }
    }
    if (refusal.empty()) refusal = check_rule_texts(record);
    if (refusal.empty()) refusal = refuse_shared_name(record);
    if (!refusal.empty()) {
        record.error = path + ": " + refusal;
        record.rules.clear();
        record.warnings.clear();
        spdlog::debug("refused {}", record.error);
    } else {
        record.loaded = true;
        for (const auto& warning : record.warnings) spdlog::warn("plugin {}: {}", path, warning);
        spdlog::info("loaded plugin {} {} ({} rules) from {}, sha256 {}", record.name, record.version,
                     record.rules.size(), path, record.sha256);
    }
    records_.push_back(std::move(record));
}

std::string PluginHost::refuse_shared_name(const PluginRecord& record) {
    const auto [first, added] = impl_->names.emplace(record.name, record.file);
    if (added) return {};
    // Fail closed: neither file runs, so the run never depends on which one was found first.
    const std::string both = "plugin name \"" + record.name + "\" is used by both " + first->second +
                             " and " + record.file + "; rename one of them";
    for (auto& earlier : records_) {
        if (earlier.name != record.name || !earlier.loaded) continue;
        earlier.loaded = false;
        earlier.error = earlier.file + ": " + both;
        earlier.rules.clear();
    }
    return both;
}

void PluginHost::set_trust(TrustPolicy policy) { trust_ = std::move(policy); }

void PluginHost::set_load_policy(LoadPolicy policy) { load_policy_ = std::move(policy); }

std::vector<LoadedRule> PluginHost::rules() const {
    std::vector<LoadedRule> all;
    for (const auto& record : records_) {
        all.insert(all.end(), record.rules.begin(), record.rules.end());
    }
    return all;
}

bool PluginHost::has_refusals() const {
    return std::any_of(records_.begin(), records_.end(),
                       [](const PluginRecord& record) { return !record.loaded; });
}

const sc_option_info& option_at(const sc_rule& rule, std::uint32_t index) {
    return item_at(rule.options, index);
}

std::uint32_t translation_count(const sc_rule& rule) {
    const std::size_t needed = offsetof(sc_rule, translation_count) + sizeof(rule.translation_count);
    return rule.struct_size < needed || rule.translations == nullptr ? 0 : rule.translation_count;
}

const sc_translation& translation_at(const sc_rule& rule, std::uint32_t index) {
    return item_at(rule.translations, index);
}

std::string trust_refusal(const std::string& path, bool builtin, const TrustPolicy& policy,
                          std::string& sha256, bool want_sha256) {
    std::error_code error;
    const fs::path file = fs::canonical(path, error);
    if (error) return "cannot load: " + error.message();
    if (policy.check_permissions) {
        struct stat info {};
        if (::stat(file.c_str(), &info) != 0) return "cannot stat it";
        const uid_t me = ::geteuid();
        if (info.st_uid != me && info.st_uid != 0) {
            return "refused: the file belongs to user " + std::to_string(info.st_uid) + ", neither to you (" +
                   std::to_string(me) + ") nor to root";
        }
        if ((info.st_mode & S_IWOTH) != 0) return "refused: the file is writable by every user";
        // Any user may replace a file in a world-writable folder without the sticky bit (or in its parents).
        for (fs::path dir = file.parent_path();; dir = dir.parent_path()) {
            struct stat folder {};
            if (::stat(dir.c_str(), &folder) == 0 && (folder.st_mode & S_IWOTH) != 0 &&
                (folder.st_mode & S_ISVTX) == 0) {
                return "refused: its folder " + dir.string() +
                       " is writable by every user and has no sticky bit";
            }
            if (dir == dir.root_path() || dir.parent_path() == dir) break;
        }
    }
    const bool pinned = !builtin && !policy.allowed_sha256.empty();
    if (!pinned && !want_sha256) return {};
    if (const util::Result read = util::sha256_file(file.string(), sha256); !read) {
        return "cannot read it: " + util::describe(read, file.string());
    }
    if (pinned && std::find(policy.allowed_sha256.begin(), policy.allowed_sha256.end(), sha256) ==
                      policy.allowed_sha256.end()) {
        return "refused: its SHA-256 " + sha256 + " is not one of the pinned plugins (--plugin-allow)";
    }
    return {};
}

std::string reserved_name_reason(std::string_view name) {
    if (name == "surveycheck")
        return "\"surveycheck\" is reserved for the host's own rules (surveycheck/...)";
    static constexpr std::string_view builtin_names[] = {SURVEYCHECK_BUILTIN_PLUGIN_NAMES};
    for (const std::string_view builtin : builtin_names) {
        if (name == builtin)
            return "\"" + std::string(name) + "\" is reserved for surveycheck's built-in plugin";
    }
    return {};
}

bool in_builtin_folder(const std::string& path) {
    static const fs::path builtin = [] {
        std::error_code error;
        const fs::path dir = fs::canonical(builtin_plugin_dir(), error);
        return error ? fs::path() : dir;
    }();
    std::error_code error;
    const fs::path folder = fs::canonical(fs::absolute(path, error).parent_path(), error);
    return !error && !builtin.empty() && folder == builtin;
}

std::string builtin_plugin_dir() {
    std::error_code error;
    const fs::path program = boost::dll::program_location(error);
    if (error) {
        return {};
    }
    return (program.parent_path() / ".." / "lib" / "surveycheck" / "plugins").lexically_normal().string();
}

}  // namespace surveycheck::host
