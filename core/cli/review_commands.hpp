// The reviewer's sub-commands: `explain RULE` (a rule's documentation) and `redact` (the public-release
// export).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace CLI {
class App;
}

namespace surveycheck::cli {

// Options of `explain`.
struct ExplainOptions {
    RuleOptions rules;
    std::string rule;  // a rule id, or a plugin name for all its rules
};

// Options of `redact`.
struct RedactOptions {
    std::string profile;  // empty: the built-in profile
    std::string input;
    std::string output;
    bool force = false;  // replace an existing output file (never the input)
};

// Print the documentation of a rule: its metadata and its section of docs/rules/<plugin>.md.
int run_explain(ExplainOptions options);

// Write the public-release version of an export.
int run_redact(const RedactOptions& options);

// Adds `explain` and `redact` to the command line, and runs the one chosen.
class ReviewCommands {
public:
    explicit ReviewCommands(CLI::App& app);
    // True when the command line chose one of them.
    bool chosen() const;
    // Run the chosen command; returns the exit code.
    int run();

private:
    ExplainOptions explain_;
    RedactOptions redact_;
    CLI::App* explain_command_ = nullptr;
    CLI::App* redact_command_ = nullptr;
};

}  // namespace surveycheck::cli
