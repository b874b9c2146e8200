// Runs the real `surveycheck` executable from a test, in a folder of its own, and reads its JSON report.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace surveycheck::test {

namespace fs = std::filesystem;
using nlohmann::json;

// What one run printed and returned.
struct Outcome {
    int code = -1;
    std::string out;
    std::string err;
};

// The whole content of a file (empty when it cannot be read).
inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A test with its own temporary folder and a way to run `surveycheck` (SURVEYCHECK_EXE) in it.
class CliFixture : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() / (std::string("surveycheck-") + info->test_suite_name() + "-" +
                                            info->name() + "-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    // The path of `name` in the test's folder.
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    // Write `content` to a file of the test's folder and return its path.
    std::string write(const std::string& name, const std::string& content) const {
        const fs::path path = dir_ / name;
        std::ofstream(path, std::ios::binary) << content;
        return path.string();
    }

    // Run surveycheck with `args` (shell words) and capture its exit code and both streams.
    Outcome run(const std::string& args) const { return run_with(args, "/dev/null", ""); }

    // As run(), reading standard input from `stdin_path`, with `env` (VAR=value words) in the environment.
    Outcome run_with(const std::string& args, const std::string& stdin_path, const std::string& env) const {
        const fs::path out = dir_ / "stdout.txt";
        const fs::path err = dir_ / "stderr.txt";
        const std::string command = env + (env.empty() ? "" : " ") + "'" + SURVEYCHECK_EXE + "' " + args +
                                    " >'" + out.string() + "' 2>'" + err.string() + "' <'" + stdin_path + "'";
        const int status = std::system(command.c_str());
        Outcome result;
        result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.out = read_file(out);
        result.err = read_file(err);
        return result;
    }

    // Run `validate --format json` with `args`, expect `expected_code`, and parse the report.
    json validate_json(const std::string& args, int expected_code) const {
        const Outcome result = run("validate --format json " + args);
        EXPECT_EQ(result.code, expected_code) << result.err;
        return json::parse(result.out);
    }

    fs::path dir_;
};

// The occurrences of `rule` in `report`: each single finding, and each item of a grouped one with the
// group's rule, severity, file, contribution, question and section (what the rule reported, one by one).
inline std::vector<json> findings_of(const json& report, const std::string& rule) {
    std::vector<json> found;
    for (const auto& finding : report["findings"]) {
        if (finding["rule"] != rule) continue;
        if (!finding.contains("items")) {
            found.push_back(finding);
            continue;
        }
        for (const auto& item : finding["items"]) {
            json occurrence = finding;
            occurrence.erase("items");
            for (const auto& [key, value] : item.items()) occurrence[key] = value;
            found.push_back(occurrence);
        }
    }
    return found;
}

// The profile keys of the questions `findings` are about.
inline std::set<std::string> question_keys(const std::vector<json>& findings) {
    std::set<std::string> keys;
    for (const auto& finding : findings) keys.insert(finding["question"]["key"].get<std::string>());
    return keys;
}

}  // namespace surveycheck::test
