// `surveycheck plugins`: every plugin file found, with its name, version, ABI, SHA-256 and rules, or why it
// was refused.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/isolation_setup.hpp"
#include "cli/plugin_commands.hpp"
#include "cli/run_setup.hpp"
#include "host/fault_report.hpp"
#include "host/plugin_host.hpp"
#include "util/sha256.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

const char* severity_text(std::uint32_t severity) {
    switch (severity) {
        case SC_SEVERITY_INFO:
            return "info";
        case SC_SEVERITY_WARNING:
            return "warning";
        default:
            return "error";
    }
}

std::string abi_text(const host::PluginRecord& record) {
    if (record.abi_major == 0 && record.abi_minor == 0) return "";
    return std::to_string(record.abi_major) + "." + std::to_string(record.abi_minor);
}

// SHA-256 of a plugin file, empty for a folder that could not be read.
std::string checksum(const std::string& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return "";
    std::string hex;
    return util::sha256_file(file, hex) ? hex : "";
}

// The plugin's own name, or its file's name when it was refused before its name could be read (for its ABI).
std::string name_of(const host::PluginRecord& record) {
    return record.name.empty() ? fs::path(record.file).filename().string() : record.name;
}

// Where the plugin came from, as the listing marks it.
const char* origin_mark(const host::PluginRecord& record) {
    return record.builtin ? "  [built-in]" : "  [third-party]";
}

void write_text(const host::PluginHost& host) {
    std::cout << "host ABI " << SC_ABI_VERSION_MAJOR << "." << SC_ABI_VERSION_MINOR
              << " (loads plugins of ABI " << SC_ABI_VERSION_MAJOR << ".0 to " << SC_ABI_VERSION_MAJOR << "."
              << SC_ABI_VERSION_MINOR << ")\n";
    for (const auto& record : host.plugins()) {
        const std::string abi = abi_text(record);
        const std::string sha = checksum(record.file);
        if (record.loaded) {
            std::cout << record.name << ' ' << record.version << origin_mark(record) << '\n';
            if (!record.description.empty()) std::cout << "    " << record.description << '\n';
        } else {
            std::cout << "refused " << name_of(record) << origin_mark(record) << '\n';
        }
        std::cout << "    file: " << record.file << '\n';
        if (!abi.empty()) std::cout << "    ABI: " << abi << '\n';
        if (!sha.empty()) std::cout << "    sha256: " << sha << '\n';
        for (const auto& rule : record.rules) {
            std::cout << "    rule " << rule.id << " [" << severity_text(rule.rule->default_severity)
                      << "]: " << (rule.rule->title ? rule.rule->title : "") << '\n';
        }
        for (const auto& warning : record.warnings) std::cout << "    warning: " << warning << '\n';
        if (!record.loaded) std::cout << "    reason: " << record.error << '\n';
    }
}

void write_json(const host::PluginHost& host) {
    nlohmann::ordered_json plugins = nlohmann::ordered_json::array();
    for (const auto& record : host.plugins()) {
        nlohmann::ordered_json rules = nlohmann::ordered_json::array();
        for (const auto& rule : record.rules) {
            rules.push_back({{"id", rule.id},
                             {"title", rule.rule->title ? rule.rule->title : ""},
                             {"default_severity", severity_text(rule.rule->default_severity)}});
        }
        const std::string abi = abi_text(record);
        const std::string sha = checksum(record.file);
        plugins.push_back({{"file", record.file},
                           {"builtin", record.builtin},
                           {"third_party", !record.builtin},
                           {"status", record.loaded ? "loaded" : "refused"},
                           {"name", name_of(record)},
                           {"version", record.version},
                           {"description", record.description},
                           {"abi", abi.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(abi)},
                           {"sha256", sha.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(sha)},
                           {"rules", rules},
                           {"warnings", record.warnings},
                           {"error", record.error}});
    }
    const nlohmann::ordered_json out{
        {"host_abi", std::to_string(SC_ABI_VERSION_MAJOR) + "." + std::to_string(SC_ABI_VERSION_MINOR)},
        {"plugins", plugins}};
    std::cout << out.dump(2) << '\n';
}

}  // namespace

int run_plugins(PluginsOptions options) {
    host::install_fault_report(exit_incomplete);
    host::PluginHost host;
    // A third-party plugin is read by a worker process: one that crashes, hangs or exits is listed as
    // refused.
    host.set_load_policy(load_policy(engine::Isolation::third_party, host::WorkerLimits{}));
    if (options.builtin_plugins) host.load_directory(host::builtin_plugin_dir(), true);
    for (const auto& dir : options.plugin_dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) throw UsageError("--plugin-dir " + dir + ": no such folder");
        host.load_directory(dir, false);
    }
    if (options.format == "json") {
        write_json(host);
    } else {
        write_text(host);
    }
    return host.has_refusals() ? exit_incomplete : exit_clean;
}

}  // namespace surveycheck::cli
