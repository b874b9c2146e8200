#include "cli/review_commands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <system_error>

#include "cli/output_file.hpp"
#include "cli/run_setup.hpp"
#include "profile/builtin.hpp"
#include "report/redact.hpp"
#include "report/spool.hpp"
#include "report/ui_text.hpp"
#include "util/result.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

// The section of a Markdown page that starts at the heading `## <anchor>`, up to the next heading of level 1
// or 2.
std::string docs_section(const std::string& url) {
    const std::string scheme = "file://";
    if (url.rfind(scheme, 0) != 0) return {};
    const auto hash = url.find('#');
    const std::string path =
        url.substr(scheme.size(), hash == std::string::npos ? std::string::npos : hash - scheme.size());
    const std::string anchor = hash == std::string::npos ? "" : url.substr(hash + 1);
    std::ifstream in(path);
    if (!in) return {};
    std::string line;
    std::string section;
    bool inside = anchor.empty();
    while (std::getline(in, line)) {
        const bool heading = line.rfind("# ", 0) == 0 || line.rfind("## ", 0) == 0;
        if (inside && heading && !section.empty()) break;
        if (!inside && line == "## " + anchor) inside = true;
        if (inside) section += line + "\n";
    }
    return section;
}

// The bytes of the file `path` in one buffer of its size (a string stream would grow it and copy it twice).
bool read_whole_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size < out.max_size()) {
        out.resize(static_cast<std::size_t>(size));
        in.read(out.data(), static_cast<std::streamsize>(out.size()));
        out.resize(static_cast<std::size_t>(in.gcount()));
    }
    // Whatever is left (a file that grew, or a FIFO without a size) is read to its end.
    char chunk[65536];
    while (in && !in.bad()) {
        in.read(chunk, sizeof chunk);
        out.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    return !in.bad();
}

void explain_rule(const engine::RunRule& rule, const std::string& lang) {
    const report::UiText ui(lang);
    std::cout << rule.id << " — " << rule_text(rule, "title", rule.title, lang) << "\n";
    std::cout << "  " << ui("explain.default-severity") << ui.severity(rule.default_severity);
    if (rule.severity != rule.default_severity)
        std::cout << ui("explain.this-run", {{"severity", ui.severity(rule.severity)}});
    std::cout << "\n";
    write_rule_details(std::cout, rule, ui, "  ");
    const std::string description = rule_text(rule, "description", rule.description, lang);
    if (!description.empty()) std::cout << "\n" << description << "\n";
    const std::string section = docs_section(engine::local_docs_url(rule.docs_path));
    if (!section.empty()) std::cout << "\n" << section;
}
}  // namespace

int run_explain(ExplainOptions options) {
    RunSetup setup;
    prepare_run(options.rules, setup);
    const std::string& lang = options.rules.selection.lang;
    std::vector<const engine::RunRule*> chosen;
    for (const auto& rule : setup.rules->rules()) {
        if (options.rule == "all" || rule.id == options.rule || rule.plugin == options.rule)
            chosen.push_back(&rule);
    }
    if (chosen.empty()) throw UsageError(report::UiText(lang)("explain.unknown", {{"rule", options.rule}}));
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (i > 0) std::cout << "\n";
        explain_rule(*chosen[i], lang);
    }
    return exit_clean;
}

int run_redact(const RedactOptions& options) {
    ReadSet reads;
    reads.add(options.input, "the input");
    reads.add(options.profile, "the profile");
    if (const std::string read = reads.what_is(options.output); !read.empty()) {
        throw UsageError("redact: the output " + options.output + " is " + read +
                         "; refusing to overwrite it");
    }
    std::error_code ec;
    struct stat output_info {};
    if (!options.force && ::stat(options.output.c_str(), &output_info) == 0 && S_ISREG(output_info.st_mode)) {
        throw UsageError("redact: " + options.output + " exists; pass --force to replace it");
    }
    profile::Profile profile;
    const auto loaded = options.profile.empty() ? profile::load_profile_buffer(profile::builtin_profile_xml(),
                                                                               "<built-in profile>", profile)
                                                : profile::load_profile_file(options.profile, profile);
    if (!loaded)
        throw UsageError(
            util::describe(loaded, options.profile.empty() ? "<built-in profile>" : options.profile));

    std::string bytes;
    if (fs::is_directory(options.input, ec) || !read_whole_file(options.input, bytes)) {
        std::cerr << options.input << ":0:0: error: redact/unreadable: cannot read the file\n";
        return exit_usage;
    }
    // The public version: created as any public file is, 0666 less the umask, and put in place only once
    // proven. A device or FIFO cannot be read back, so the proof reads a spool that is copied there after.
    OutputFiles outputs(reads, output_mode(false, ""));
    OutputFile& output = outputs.open(options.output, "redact");
    const std::string cannot_write = "redact: cannot write " + options.output + ": ";
    std::unique_ptr<report::Spool> spool;
    try {
        if (output.folder().empty()) spool = std::make_unique<report::Spool>(report::default_spool_folder());
    } catch (const report::SpoolError& error) {
        throw UsageError(cannot_write + error.what());
    }
    report::Redaction redaction;
    try {
        redaction = report::redact_for_publication(std::move(bytes), options.input, profile,
                                                   spool ? spool->fd() : output.fd());
    } catch (const std::system_error& error) {
        throw UsageError(cannot_write + error.code().message());
    }
    for (const auto& problem : redaction.problems) {
        std::cerr << options.input << ':' << problem.position.line << ':' << problem.position.column
                  << ": error: redact/" << problem.reason << ": " << problem.message << '\n';
    }
    switch (redaction.status) {
        case report::RedactStatus::refused:
            std::cerr << "surveycheck: redact: refused (" << redaction.problems.size()
                      << (redaction.problems.size() == 1 ? " reason" : " reasons") << "); nothing written to "
                      << options.output << " (see docs/redaction.md)\n";
            return exit_findings;
        case report::RedactStatus::unreadable:
            return exit_usage;
        case report::RedactStatus::proof_failed:
            std::cerr << "surveycheck: redact: the redacted export failed its proof; nothing written to "
                      << options.output << '\n';
            return exit_incomplete;
        case report::RedactStatus::written:
            break;
    }
    if (spool) {
        try {
            spool->copy(0, static_cast<std::uint64_t>(::lseek(spool->fd(), 0, SEEK_END)), output.stream(),
                        output.fd());
        } catch (const report::SpoolError& error) {
            throw UsageError(cannot_write + error.what());
        }
    }
    outputs.commit();
    std::cerr << "surveycheck: redact: " << redaction.answers_removed << " confidential answers removed, "
              << redaction.scores_removed << " scores removed, " << redaction.attributes_blanked
              << " personal attributes blanked, " << redaction.contributions << " contributions written to "
              << options.output << " (proven)\n";
    return exit_clean;
}

ReviewCommands::ReviewCommands(CLI::App& app) {
    explain_command_ = app.add_subcommand(
        "explain", "Print the documentation of a rule (or of every rule of a plugin, or of all rules)");
    explain_command_
        ->add_option("rule", explain_.rule, "Rule id, e.g. mandatory-fields/missing, a plugin name, or all")
        ->required();
    add_rule_options(*explain_command_, explain_.rules);

    redact_command_ = app.add_subcommand(
        "redact", "Write the public-release export: confidential answers removed, personal meta blanked");
    redact_command_->add_option("input", redact_.input, "The EUSurvey XML export to redact")
        ->required()
        ->type_name("IN");
    redact_command_->add_option("-o,--output", redact_.output, "Where to write the public export")
        ->required()
        ->type_name("OUT");
    redact_command_
        ->add_option("--profile", redact_.profile, "Form profile (default: the built-in S3 profile)")
        ->type_name("FILE");
    redact_command_->add_flag("--force", redact_.force, "Replace OUT if it exists (never IN)");
}

bool ReviewCommands::chosen() const { return explain_command_->parsed() || redact_command_->parsed(); }

int ReviewCommands::run() {
    if (explain_command_->parsed()) return run_explain(std::move(explain_));
    return run_redact(redact_);
}

}  // namespace surveycheck::cli
