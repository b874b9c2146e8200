// The plugin author's sub-commands: `plugins` (what was found, its ABI, SHA-256 and rules, or why it was
// refused) and `new-plugin` (an out-of-tree plugin project from the template).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace surveycheck::cli {

// Options of `plugins`.
struct PluginsOptions {
    std::vector<std::string> plugin_dirs;
    bool builtin_plugins = true;
    std::string format = "text";
};

// Options of `new-plugin`.
struct NewPluginOptions {
    std::string name;
    std::string dir;
};

// Run `plugins`; returns the exit code (3 when a plugin was refused).
int run_plugins(PluginsOptions options);

// Run `new-plugin`; returns the exit code, throws UsageError.
int run_new_plugin(NewPluginOptions options);

// Adds `plugins` and `new-plugin` to the command line, and runs the one chosen.
class PluginCommands {
public:
    explicit PluginCommands(CLI::App& app);
    // True when the command line chose one of them.
    bool chosen() const;
    // Run the chosen command; returns the exit code.
    int run();

private:
    CLI::App* plugins_ = nullptr;
    CLI::App* new_plugin_ = nullptr;
    PluginsOptions plugins_options_;
    NewPluginOptions new_plugin_options_;
};

}  // namespace surveycheck::cli
