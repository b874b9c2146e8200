// Finds, loads and version-checks rule plugins (Boost.DLL); a refused plugin is a record, never a crash.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "host/isolation/worker_protocol.hpp"
#include "surveycheck/abi.h"

namespace surveycheck::host {

// One rule of a loaded plugin.
struct LoadedRule {
    std::string id;                 // "<plugin>/<check>"
    std::string plugin_name;        // sc_plugin.name
    std::string file;               // the plugin file it came from
    bool builtin = false;           // from the built-in plugin folder; otherwise third-party
    const sc_rule* rule = nullptr;  // valid for the life of the process (plugins are never unloaded)
    bool in_worker = false;         // read by a worker process: `rule` is its metadata only, without code
};

// What happened to one plugin file.
struct PluginRecord {
    std::string file;             // path of the shared object
    bool builtin = false;         // found in the built-in plugin folder
    bool loaded = false;          // true when its rules are usable
    std::string error;            // why it was refused (file, versions, loader text), empty when loaded
    std::string name;             // sc_plugin.name, empty when unreadable
    std::string version;          // sc_plugin.version
    std::string description;      // sc_plugin.description
    std::uint16_t abi_major = 0;  // ABI version the plugin was built with (0.0 when unreadable)
    std::uint16_t abi_minor = 0;
    std::string sha256;  // lower-case hex SHA-256 of the file; empty when refused unread or not logged
    std::vector<LoadedRule> rules;      // empty when refused
    std::vector<std::string> warnings;  // what is loaded but doubtful (a partial translation)
    bool faulted = false;               // refused because it crashed, hung or exited while a worker loaded it
};

// Which plugin files the host accepts, checked before a file is opened as a library.
struct TrustPolicy {
    // Refuse world-writable files, files in folders any user may rename them in, and files of other users.
    bool check_permissions = true;
    // Lower-case hex SHA-256s; when not empty, a third-party plugin loads only when its hash is listed.
    std::vector<std::string> allowed_sha256;
};

// Which plugin files the host never opens itself: a worker process loads them and sends their rule table.
struct LoadPolicy {
    bool third_party = false;  // read third-party plugins in a worker
    bool builtin = false;      // read the built-in plugins in a worker too
    std::string executable;    // the surveycheck binary, started as `<executable> worker`
    WorkerLimits limits;       // deadline and memory of loading a plugin and reading its table
};

// Loads plugins and keeps them loaded for the life of the process.
class PluginHost {
public:
    PluginHost();
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    // Use `policy` for the files loaded from now on.
    void set_trust(TrustPolicy policy);
    // Open the files `policy` names only in worker processes from now on.
    void set_load_policy(LoadPolicy policy);
    // Load every `*.so` file directly inside `dir` (sorted by name); a missing folder is an error record.
    void load_directory(const std::string& dir, bool builtin);
    // Load one plugin file.
    void load_file(const std::string& path, bool builtin);
    // Every plugin file seen, loaded or refused, in load order.
    const std::vector<PluginRecord>& plugins() const { return records_; }
    // Every rule of every loaded plugin, in load order.
    std::vector<LoadedRule> rules() const;
    // True when some plugin file was refused.
    bool has_refusals() const;

private:
    // Why `record` may not load because an earlier file has its name (that file is refused too), or empty.
    std::string refuse_shared_name(const PluginRecord& record);

    struct Impl;
    std::vector<PluginRecord> records_;
    TrustPolicy trust_;
    LoadPolicy load_policy_;
    std::unique_ptr<Impl> impl_;
};

// Open the plugin at `path` in this process and read its table into `record`; why it was refused, or empty.
std::string open_plugin(const std::string& path, PluginRecord& record);

// Option `index` of `rule`, stepping by the size of the plugin's own sc_option_info.
const sc_option_info& option_at(const sc_rule& rule, std::uint32_t index);

// How many translations `rule` declares (0 for a rule of ABI 1.0).
std::uint32_t translation_count(const sc_rule& rule);

// Translation `index` of `rule`, stepping by the size of the plugin's own sc_translation.
const sc_translation& translation_at(const sc_rule& rule, std::uint32_t index);

// Why the file at `path` may not be loaded under `policy` (empty when it may); fills `sha256` when it read
// the file, which it does for a pinned policy or when `want_sha256`.
std::string trust_refusal(const std::string& path, bool builtin, const TrustPolicy& policy,
                          std::string& sha256, bool want_sha256 = true);

// Why no plugin outside the built-in folder may be called `name` (the host's own "surveycheck", or a
// built-in plugin's name), or empty when it may.
std::string reserved_name_reason(std::string_view name);

// True when the file at `path` lies directly in the built-in plugin folder (however it was reached).
bool in_builtin_folder(const std::string& path);

// The built-in plugin folder: `<folder of the running executable>/../lib/surveycheck/plugins`.
std::string builtin_plugin_dir();

}  // namespace surveycheck::host
