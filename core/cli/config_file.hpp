// The config file of a nightly run (grammar: schemas/config.xsd): rules, options, folders, waivers.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/waivers.hpp"
#include "util/result.hpp"

namespace surveycheck::cli {

// Everything a config file can set; relative paths are already resolved against the file's folder.
struct ConfigFile {
    std::vector<std::string> plugin_dirs;
    std::vector<std::string> plugin_allow;  // sha256:HEX, as on the command line
    std::optional<bool> builtin_plugins;
    std::string profile;
    std::string data_dir;
    std::string audience;
    std::string fail_on;
    std::string docs_url;  // base of the rules' documentation links
    std::vector<std::string> enable;
    std::vector<std::string> disable;
    std::vector<std::string> severities;    // RULE=LEVEL, as on the command line
    std::vector<std::string> rule_options;  // RULE:NAME=VALUE, as on the command line
    std::vector<engine::Waiver> waivers;
};

// Load the config file at `path` into `out`; a failure saying what and where (util::describe adds the path)
// when it cannot be used.
util::Result load_config(const std::string& path, ConfigFile& out);

}  // namespace surveycheck::cli
