#include "cli/config_file.hpp"

#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "eusurvey/model.hpp"
#include "util/text.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

// A problem at a node of the config file.
struct ConfigError {
    std::ptrdiff_t offset;
    std::string what;
};

bool is_date(const std::string& text) {
    int year = 0;
    int month = 0;
    int day = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
        return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

class Loader {
public:
    Loader(const fs::path& folder, ConfigFile& out) : folder_(folder), out_(out) {}

    void load(const pugi::xml_node root) {
        if (std::string(root.name()) != "surveycheck-config") {
            fail(root, std::string("root element is <") + root.name() + ">, expected <surveycheck-config>");
        }
        if (std::string(root.attribute("version").value()) != "1") {
            fail(root, "version=\"" + std::string(root.attribute("version").value()) +
                           "\" is not supported (expected 1)");
        }
        std::set<std::string> seen;
        for (const auto child : root.children()) {
            if (child.type() != pugi::node_element) continue;
            const std::string name = child.name();
            if (!seen.insert(name).second) fail(child, "<" + name + "> appears twice");
            if (name == "plugins") {
                plugins(child);
            } else if (name == "profile") {
                out_.profile = path_text(child);
            } else if (name == "data-dir") {
                out_.data_dir = path_text(child);
            } else if (name == "audience") {
                out_.audience = one_of(child, {"internal", "public"});
            } else if (name == "fail-on") {
                out_.fail_on = one_of(child, {"error", "warning", "info"});
            } else if (name == "docs-url") {
                out_.docs_url = text(child);
                if (out_.docs_url.rfind("https://", 0) != 0 && out_.docs_url.rfind("http://", 0) != 0 &&
                    out_.docs_url.rfind("file://", 0) != 0)
                    fail(child, "<docs-url> is \"" + out_.docs_url +
                                    "\"; expected an https://, http:// or file:// address");
            } else if (name == "rules") {
                rules(child);
            } else if (name == "waivers") {
                waivers(child);
            } else {
                fail(child, "unknown element <" + name +
                                ">; expected plugins, profile, data-dir, audience, fail-on, docs-url, rules "
                                "or waivers");
            }
        }
    }

    std::vector<std::ptrdiff_t> waiver_offsets;  // where each waiver starts, for its findings

private:
    [[noreturn]] void fail(const pugi::xml_node node, std::string what) const {
        throw ConfigError{node.offset_debug(), std::move(what)};
    }

    std::string required(const pugi::xml_node node, const char* attribute) const {
        const std::string value(util::trim(node.attribute(attribute).value()));
        if (value.empty())
            fail(node, "<" + std::string(node.name()) + "> needs a non-empty " + attribute + "=\"…\"");
        return value;
    }

    std::string text(const pugi::xml_node node) const {
        const std::string value(util::trim(node.child_value()));
        if (value.empty()) fail(node, "<" + std::string(node.name()) + "> is empty");
        return value;
    }

    std::string path_text(const pugi::xml_node node) const {
        const fs::path path = text(node);
        return (path.is_absolute() ? path : folder_ / path).lexically_normal().string();
    }

    std::string one_of(const pugi::xml_node node, std::initializer_list<const char*> allowed) const {
        const std::string value = text(node);
        std::string list;
        for (const char* candidate : allowed) {
            if (value == candidate) return value;
            list += list.empty() ? candidate : std::string(", ") + candidate;
        }
        fail(node, "<" + std::string(node.name()) + "> is \"" + value + "\"; expected one of " + list);
    }

    void plugins(const pugi::xml_node node) {
        if (const auto builtin = node.attribute("builtin")) {
            const std::string value = builtin.value();
            if (value != "true" && value != "false")
                fail(node, "builtin=\"" + value + "\" must be true or false");
            out_.builtin_plugins = value == "true";
        }
        for (const auto dir : node.children()) {
            if (dir.type() != pugi::node_element) continue;
            if (std::string(dir.name()) == "allow") {
                out_.plugin_allow.push_back("sha256:" + std::string(dir.attribute("sha256").value()));
                continue;
            }
            if (std::string(dir.name()) != "dir")
                fail(dir, "<plugins> holds only <dir> and <allow> elements");
            out_.plugin_dirs.push_back(path_text(dir));
        }
    }

    void rules(const pugi::xml_node node) {
        for (const auto item : node.children()) {
            if (item.type() != pugi::node_element) continue;
            const std::string name = item.name();
            if (name == "enable") {
                out_.enable.push_back(required(item, "rule"));
            } else if (name == "disable") {
                out_.disable.push_back(required(item, "rule"));
            } else if (name == "severity") {
                const std::string level = required(item, "level");
                if (level != "error" && level != "warning" && level != "info") {
                    fail(item, "level=\"" + level + "\" must be error, warning or info");
                }
                out_.severities.push_back(required(item, "rule") + "=" + level);
            } else if (name == "option") {
                if (!item.attribute("value")) fail(item, "<option> needs value=\"…\"");
                out_.rule_options.push_back(required(item, "rule") + ":" + required(item, "name") + "=" +
                                            item.attribute("value").value());
            } else {
                fail(item, "unknown element <" + name +
                               "> in <rules>; expected enable, disable, severity or option");
            }
        }
    }

    void waivers(const pugi::xml_node node) {
        for (const auto item : node.children()) {
            if (item.type() != pugi::node_element) continue;
            if (std::string(item.name()) != "waiver") fail(item, "<waivers> holds only <waiver> elements");
            engine::Waiver waiver;
            waiver.rule = required(item, "rule");
            waiver.contribution = std::string(util::trim(item.attribute("contribution").value()));
            waiver.question = std::string(util::trim(item.attribute("question").value()));
            waiver.fingerprint = std::string(util::trim(item.attribute("fingerprint").value()));
            if (waiver.contribution.empty() && waiver.question.empty() && waiver.fingerprint.empty()) {
                fail(item, "a waiver names a contribution=\"…\", a question=\"…\" or a fingerprint=\"…\"");
            }
            waiver.author = required(item, "author");
            waiver.expires = required(item, "expires");
            if (!is_date(waiver.expires))
                fail(item, "expires=\"" + waiver.expires + "\" is not a date YYYY-MM-DD");
            waiver.justification = std::string(util::trim(item.child_value()));
            if (waiver.justification.empty()) fail(item, "a waiver needs a justification as its text");
            out_.waivers.push_back(std::move(waiver));
            waiver_offsets.push_back(item.offset_debug());
        }
    }

    fs::path folder_;
    ConfigFile& out_;
};

}  // namespace

util::Result load_config(const std::string& path, ConfigFile& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return util::Result::failure("cannot read the config file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const eusurvey::SourceText source(buffer.str());
    pugi::xml_document document;
    const auto parsed = document.load_buffer(source.bytes().data(), source.bytes().size());
    auto at = [&](std::ptrdiff_t offset) {
        return source.position_of(offset < 0 ? 0 : static_cast<std::size_t>(offset));
    };
    if (!parsed) {
        return util::Result::failure(std::string("not well-formed XML: ") + parsed.description(),
                                     at(parsed.offset));
    }
    ConfigFile config;
    Loader loader(fs::path(path).parent_path(), config);
    try {
        loader.load(document.document_element());
    } catch (const ConfigError& problem) {
        return util::Result::failure(problem.what, at(problem.offset));
    }
    for (std::size_t i = 0; i < config.waivers.size(); ++i) {
        config.waivers[i].position = source.position_of(static_cast<std::size_t>(loader.waiver_offsets[i]));
        config.waivers[i].file = path;
    }
    out = std::move(config);
    return {};
}

}  // namespace surveycheck::cli
