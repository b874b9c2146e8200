// Finds, loads and version-checks rule plugins (Boost.DLL); a refused plugin is a record, never a crash.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "surveycheck/abi.h"

namespace surveycheck::plugins {

// One rule of a loaded plugin.
struct LoadedRule {
    std::string id;                 // "<plugin>/<check>"
    std::string plugin_name;        // sc_plugin.name
    std::string file;               // the plugin file it came from
    bool builtin = false;           // from the built-in plugin folder
    const sc_rule* rule = nullptr;  // valid for the life of the process (plugins are never unloaded)
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
    std::vector<LoadedRule> rules;  // empty when refused
};

// Which plugin files the host accepts, checked before a file is opened as a library.
struct TrustPolicy {
    // Refuse world-writable files, files in folders any user may rename them in, and files of other users.
    bool check_permissions = true;
    // Lower-case hex SHA-256s; when not empty, a third-party plugin loads only when its hash is listed.
    std::vector<std::string> allowed_sha256;
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
    struct Impl;
    std::vector<PluginRecord> records_;
    TrustPolicy trust_;
    std::unique_ptr<Impl> impl_;
};

// Why the file at `path` may not be loaded under `policy` (empty when it may); fills `sha256` when it read
// the file, which it does for a pinned policy or when `want_sha256`.
std::string trust_refusal(const std::string& path, bool builtin, const TrustPolicy& policy,
                          std::string& sha256, bool want_sha256 = true);

// The built-in plugin folder: `<folder of the running executable>/../lib/surveycheck/plugins`.
std::string builtin_plugin_dir();

}  // namespace surveycheck::plugins
