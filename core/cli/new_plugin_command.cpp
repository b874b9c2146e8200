// `surveycheck new-plugin NAME DIR`: write a small out-of-tree plugin project that builds and passes its
// tests as is. It writes only into a new or empty folder, so nothing a user has is ever overwritten.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/plugin_commands.hpp"
#include "cli/plugin_template.hpp"
#include "cli/run_setup.hpp"
#include "host/plugin_host.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

bool valid_plugin_name(const std::string& name) {
    return !name.empty() && name.front() != '-' && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// The folder to write into: created when missing; refused when it is a file or holds anything.
void prepare_folder(const fs::path& dir) {
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) throw UsageError(dir.string() + " exists and is not a folder");
        if (!fs::is_empty(dir, ec) || ec) {
            throw UsageError(dir.string() +
                             " is not empty; new-plugin writes only into a new or empty folder");
        }
        return;
    }
    fs::create_directories(dir, ec);
    if (ec) throw UsageError(dir.string() + ": cannot create the folder: " + ec.message());
}

// The prefix surveycheck is installed in, when its CMake package is there; a placeholder otherwise.
std::string install_prefix() {
    const fs::path prefix = fs::path(host::builtin_plugin_dir()).parent_path().parent_path().parent_path();
    std::error_code ec;
    if (!prefix.empty() &&
        fs::exists(prefix / "lib" / "cmake" / "SurveyCheck" / "SurveyCheckConfig.cmake", ec)) {
        return prefix.string();
    }
    return "<surveycheck prefix>";
}

}  // namespace

int run_new_plugin(NewPluginOptions options) {
    if (!valid_plugin_name(options.name)) {
        throw UsageError(
            "plugin name '" + options.name +
            "' must use only a-z, 0-9 and '-' (it becomes the rule prefix, e.g. my-rules/short-answer)");
    }
    if (const std::string reason = host::reserved_name_reason(options.name); !reason.empty()) {
        throw UsageError("plugin name " + reason +
                         "; choose a name of your own (the loader refuses a "
                         "third-party plugin with this name)");
    }
    const fs::path dir = options.dir;
    prepare_folder(dir);
    for (const TemplateFile& file : plugin_template()) {
        std::string content = replace_all(file.content, "{{name}}", options.name);
        content = replace_all(content, "{{sdk_version}}", SURVEYCHECK_SDK_VERSION);
        const fs::path path = dir / file.path;
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        std::ofstream out(path, std::ios::binary);
        out << content;
        out.close();
        if (ec || !out) throw UsageError(path.string() + ": cannot write the file");
    }
    std::cout << "Wrote plugin project " << options.name << " to " << dir.string() << ". Next:\n"
              << "  cmake -S " << dir.string() << " -B " << (dir / "build").string()
              << " -DCMAKE_PREFIX_PATH=" << install_prefix() << "\n"
              << "  cmake --build " << (dir / "build").string() << "\n"
              << "  ctest --test-dir " << (dir / "build").string() << " --output-on-failure\n"
              << "  surveycheck validate --plugin-dir " << (dir / "build" / "plugins").string()
              << " report.xml\n";
    return exit_clean;
}

}  // namespace surveycheck::cli
