#include "cli/inputs.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cli/run_setup.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

bool is_export_name(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".xml" || extension == ".zip";
}

// The exports in `folder` and below, sorted; symbolic links to folders are not entered, and links to files
// out of `folder` are refused unless `follow_symlinks`.
std::vector<Input> walk(const std::string& folder, bool follow_symlinks) {
    std::vector<Input> found;
    std::error_code ec;
    const fs::path root = fs::canonical(folder, ec);
    for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        std::error_code entry_error;
        if (!it->is_regular_file(entry_error) || !is_export_name(it->path())) continue;
        Input input{it->path().string(), {}};
        if (it->is_symlink(entry_error) && !follow_symlinks) {
            const fs::path target = fs::canonical(it->path(), entry_error);
            const auto [end_of_root, rest] =
                std::mismatch(root.begin(), root.end(), target.begin(), target.end());
            // A folder whose own place is unknown has no inside: its links are refused.
            if (entry_error || root.empty() || end_of_root != root.end()) {
                input.refused = "a symbolic link out of " + folder + " (to " + target.string() +
                                "); not read (--follow-symlinks reads it)";
            }
        }
        found.push_back(std::move(input));
    }
    std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    return found;
}

std::vector<std::string> glob_matches(const std::string& pattern) {
    std::vector<std::string> found;
    glob_t matches{};
    if (::glob(pattern.c_str(), GLOB_NOSORT, nullptr, &matches) == 0) {
        for (std::size_t i = 0; i < matches.gl_pathc; ++i) found.emplace_back(matches.gl_pathv[i]);
    }
    ::globfree(&matches);
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace

std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool follow_symlinks) {
    std::vector<Input> inputs;
    std::set<std::string> seen;
    auto add_input = [&](Input input) {
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(input.path, ec);
        if (seen.insert(ec || input.path == "-" ? input.path : canonical.string()).second) {
            inputs.push_back(std::move(input));
        }
    };
    auto add = [&](const std::string& path) { add_input(Input{path, {}}); };
    // A folder without exports is a mistake (the wrong folder, a failed download): nothing would be checked.
    auto add_folder = [&](const std::string& folder) {
        std::vector<Input> found = walk(folder, follow_symlinks);
        if (found.empty()) throw UsageError(folder + ": no export (.xml or .zip) in this folder or below it");
        for (auto& input : found) add_input(std::move(input));
    };
    for (const auto& arg : args) {
        std::error_code ec;
        if (arg == "-") {
            add(arg);
        } else if (fs::is_directory(arg, ec)) {
            add_folder(arg);
        } else if (!fs::exists(arg, ec) && arg.find_first_of("*?[") != std::string::npos) {
            const auto matches = glob_matches(arg);
            if (matches.empty()) throw UsageError(arg + ": the pattern matches no file");
            for (const auto& match : matches) {
                if (fs::is_directory(match, ec)) {
                    add_folder(match);
                } else {
                    add(match);
                }
            }
        } else {
            add(arg);
        }
    }
    return inputs;
}

bool parse_shard(const std::string& text, unsigned& k, unsigned& n) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) return false;
    try {
        std::size_t used_k = 0;
        std::size_t used_n = 0;
        const unsigned long parsed_k = std::stoul(text.substr(0, slash), &used_k);
        const unsigned long parsed_n = std::stoul(text.substr(slash + 1), &used_n);
        if (used_k != slash || used_n != text.size() - slash - 1 || parsed_k < 1 || parsed_k > parsed_n ||
            parsed_n > 100000) {
            return false;
        }
        k = static_cast<unsigned>(parsed_k);
        n = static_cast<unsigned>(parsed_n);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

std::vector<Input> select_shard(const std::vector<Input>& inputs, unsigned k, unsigned n) {
    std::vector<std::size_t> order(inputs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return inputs[a].path < inputs[b].path; });
    std::vector<bool> keep(inputs.size(), false);
    for (std::size_t rank = 0; rank < order.size(); ++rank) keep[order[rank]] = rank % n == k - 1;
    std::vector<Input> selected;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (keep[i]) selected.push_back(inputs[i]);
    }
    return selected;
}

}  // namespace surveycheck::cli
