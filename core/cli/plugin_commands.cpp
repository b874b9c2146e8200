#include "cli/plugin_commands.hpp"

#include <CLI/CLI.hpp>

namespace surveycheck::cli {

PluginCommands::PluginCommands(CLI::App& app) {
    plugins_ = app.add_subcommand(
        "plugins",
        "List every plugin found with its version, ABI, file, SHA-256 and rules, or why it was refused");
    plugins_
        ->add_option("--plugin-dir", plugins_options_.plugin_dirs,
                     "Also look for plugins in DIR (repeatable)")
        ->type_name("DIR");
    plugins_->add_flag("!--no-builtin-plugins", plugins_options_.builtin_plugins,
                       "Do not look in the first-party plugin folder");
    plugins_->add_option("--format", plugins_options_.format, "Listing format")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");

    new_plugin_ =
        app.add_subcommand("new-plugin", "Write a new rule plugin project (CMake, one rule, one test)");
    new_plugin_->add_option("name", new_plugin_options_.name, "Plugin name: a-z, 0-9 and '-'")
        ->required()
        ->type_name("NAME");
    new_plugin_->add_option("dir", new_plugin_options_.dir, "New or empty folder to write the project into")
        ->required()
        ->type_name("DIR");
}

bool PluginCommands::chosen() const { return plugins_->parsed() || new_plugin_->parsed(); }

int PluginCommands::run() {
    if (plugins_->parsed()) return run_plugins(plugins_options_);
    return run_new_plugin(new_plugin_options_);
}

}  // namespace surveycheck::cli
