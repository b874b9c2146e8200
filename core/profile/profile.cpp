#include "profile/profile.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "surveycheck/rulekit/text.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

namespace surveycheck::profile {
namespace {

// A problem found while reading a profile: where (byte offset) and what.
struct Problem {
    std::size_t offset;
    std::string description;
};

const char* const requirement_names[] = {"optional", "recommended", "mandatory", "mandatory-when-shown"};

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

bool is_key(const std::string& text) {
    if (text.empty()) return false;
    const auto starts_ok = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (!starts_ok(text.front())) return false;
    for (char c : text) {
        if (!starts_ok(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
    }
    return true;
}

bool is_role_name(const std::string& text) {
    if (text.empty() || !(text.front() >= 'a' && text.front() <= 'z')) return false;
    for (char c : text) {
        if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') return false;
    }
    return true;
}

// 1-based line and column (in UTF-8 code points) of a byte offset.
Position position_at(const std::string& xml, std::size_t offset) {
    const std::string_view before(xml.data(), offset < xml.size() ? offset : xml.size());
    const std::size_t line_start = before.rfind('\n') + 1;  // 0 when there is none (npos + 1)
    Position position{1, 1};
    position.line += static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n'));
    position.column += static_cast<std::uint32_t>(util::count_code_points(before.substr(line_start)));
    return position;
}

// Reads a parsed profile document, checking everything the grammar (schemas/profile.xsd) says and more.
class ProfileReader {
public:
    explicit ProfileReader(const std::string& xml) : xml_(xml) {}

    void read(const pugi::xml_document& document, Profile& out) {
        const pugi::xml_node root = document.document_element();
        if (!root) throw Problem{xml_.size(), "no root element; expected <profile>"};
        if (std::strcmp(root.name(), "profile") != 0) {
            throw Problem{element_offset(root),
                          "root element is <" + std::string(root.name()) + ">, expected <profile>"};
        }
        check_attributes(root, {"id", "title", "version", "lang"});
        out.id = required(root, "id");
        if (!is_key(out.id)) {
            throw Problem{attribute_offset(root, "id"),
                          "profile id " + quoted(out.id) + " is not a valid identifier" + key_syntax};
        }
        out.title = required(root, "title");
        out.version = required(root, "version");
        out.lang = root.attribute("lang").value();

        bool seen_section = false;
        for (const pugi::xml_node child : root.children()) {
            if (skip(child)) continue;
            const std::string name = child.name();
            if (name == "question") {
                if (seen_section) {
                    throw Problem{element_offset(child),
                                  "header question after the first <section>: questions directly under "
                                  "<profile> come before the sections"};
                }
                out.questions.push_back(read_question(child, npos));
            } else if (name == "section") {
                seen_section = true;
                read_section(child, out);
            } else {
                throw Problem{element_offset(child),
                              "unexpected <" + name + "> in <profile> (allowed: question, section)"};
            }
        }
    }

private:
    static constexpr const char* key_syntax =
        " (letters, digits, '_', '-' and '.', starting with a letter or '_')";

    const std::string& xml_;
    std::unordered_map<std::string, std::size_t> keys_;  // key -> offset of its first definition
    std::unordered_map<std::string, std::pair<std::string, std::size_t>> bids_;  // bid -> key, offset
    std::unordered_map<std::string, std::pair<std::string, std::size_t>> uids_;  // uid -> key, offset

    // Offset of the '<' that opens an element.
    std::size_t element_offset(const pugi::xml_node node) const {
        const auto offset = static_cast<std::size_t>(node.offset_debug());
        return offset > 0 && offset <= xml_.size() && xml_[offset - 1] == '<' ? offset - 1 : offset;
    }

    // Offset of attribute `name` inside the start tag of `node`, else of the element.
    std::size_t attribute_offset(const pugi::xml_node node, const char* name) const {
        const std::size_t start = element_offset(node);
        const std::size_t end = xml_.find('>', start);
        const std::size_t length = std::strlen(name);
        for (std::size_t at = xml_.find(name, start); at != std::string::npos && at < end;
             at = xml_.find(name, at + 1)) {
            if (at == 0 || !std::isspace(static_cast<unsigned char>(xml_[at - 1]))) continue;
            std::size_t after = at + length;
            while (after < xml_.size() && std::isspace(static_cast<unsigned char>(xml_[after]))) ++after;
            if (after < xml_.size() && xml_[after] == '=') return at;
        }
        return start;
    }

    std::size_t first_non_blank(std::size_t offset) const {
        while (offset < xml_.size() && std::isspace(static_cast<unsigned char>(xml_[offset]))) ++offset;
        return offset;
    }

    Position position(std::size_t offset) const { return position_at(xml_, offset); }

    std::string where(std::size_t offset) const {
        const Position p = position(offset);
        return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
    }

    // Skips comments and processing instructions; refuses stray text.
    bool skip(const pugi::xml_node node) const {
        switch (node.type()) {
            case pugi::node_element:
                return false;
            case pugi::node_pcdata:
            case pugi::node_cdata:
                throw Problem{first_non_blank(static_cast<std::size_t>(node.offset_debug())),
                              "unexpected text " + quoted(std::string(util::trim(node.value()))) + " in <" +
                                  node.parent().name() + ">"};
            default:
                return true;
        }
    }

    void check_attributes(const pugi::xml_node node, std::initializer_list<const char*> allowed) const {
        for (const pugi::xml_attribute attribute : node.attributes()) {
            const std::string name = attribute.name();
            if (name.rfind("xmlns", 0) == 0 || name.rfind("xsi:", 0) == 0) continue;
            bool known = false;
            std::string list;
            for (const char* candidate : allowed) {
                known = known || name == candidate;
                list += (list.empty() ? "" : ", ") + std::string(candidate);
            }
            if (!known) {
                throw Problem{attribute_offset(node, attribute.name()),
                              "unknown attribute " + quoted(name) + " on <" + node.name() +
                                  (list.empty() ? "> (it takes none)" : "> (allowed: " + list + ")")};
            }
        }
    }

    std::string required(const pugi::xml_node node, const char* name) const {
        const pugi::xml_attribute attribute = node.attribute(name);
        if (!attribute) {
            throw Problem{element_offset(node),
                          "<" + std::string(node.name()) + "> lacks the attribute " + quoted(name)};
        }
        return non_empty(node, name);
    }

    // Value of an optional attribute; present but blank is an error.
    std::string non_empty(const pugi::xml_node node, const char* name) const {
        const pugi::xml_attribute attribute = node.attribute(name);
        if (!attribute) return {};
        std::string value(util::trim(attribute.value()));
        if (value.empty()) {
            throw Problem{attribute_offset(node, name),
                          "attribute " + quoted(name) + " of <" + node.name() + "> is empty"};
        }
        return value;
    }

    std::string read_key(const pugi::xml_node node) {
        const std::string key = required(node, "key");
        const std::size_t offset = attribute_offset(node, "key");
        if (!is_key(key)) throw Problem{offset, "key " + quoted(key) + " is not a valid key" + key_syntax};
        const auto [found, inserted] = keys_.emplace(key, offset);
        if (!inserted) {
            throw Problem{
                offset, "duplicate key " + quoted(key) + " (first defined at " + where(found->second) + ")"};
        }
        return key;
    }

    void read_section(const pugi::xml_node node, Profile& out) {
        check_attributes(node, {"key", "confidentiality"});
        Section section;
        section.key = read_key(node);
        section.position = position(element_offset(node));
        const std::string confidentiality = required(node, "confidentiality");
        if (confidentiality == "confidential") {
            section.confidential = true;
        } else if (confidentiality != "public") {
            throw Problem{
                attribute_offset(node, "confidentiality"),
                "unknown confidentiality " + quoted(confidentiality) + " (allowed: public, confidential)"};
        }
        const std::size_t index = out.sections.size();
        bool seen_match = false;
        std::vector<ProfileQuestion> questions;
        for (const pugi::xml_node child : node.children()) {
            if (skip(child)) continue;
            const std::string name = child.name();
            if (name == "match" && !seen_match) {
                section.match = read_match(child, "section", section.key);
                seen_match = true;
            } else if (name == "match") {
                throw Problem{element_offset(child), "second <match> in section " + quoted(section.key)};
            } else if (name == "question" && seen_match) {
                questions.push_back(read_question(child, index));
            } else if (name == "question") {
                throw Problem{element_offset(child), "<question> before the <match> of section " +
                                                         quoted(section.key) + ": <match> comes first"};
            } else {
                throw Problem{element_offset(child), "unexpected <" + name + "> in section " +
                                                         quoted(section.key) + " (allowed: match, question)"};
            }
        }
        if (!seen_match) {
            throw Problem{element_offset(node), "section " + quoted(section.key) +
                                                    " has no <match>: give a bid, a title or a <uid>"};
        }
        out.sections.push_back(std::move(section));
        std::move(questions.begin(), questions.end(), std::back_inserter(out.questions));
    }

    ProfileQuestion read_question(const pugi::xml_node node, std::size_t section) {
        check_attributes(node, {"key", "requirement"});
        ProfileQuestion question;
        question.key = read_key(node);
        question.section = section;
        question.position = position(element_offset(node));
        const std::string requirement = required(node, "requirement");
        bool known = false;
        for (std::size_t i = 0; i < std::size(requirement_names); ++i) {
            if (requirement == requirement_names[i]) {
                question.requirement = static_cast<Requirement>(i);
                known = true;
            }
        }
        if (!known) {
            throw Problem{attribute_offset(node, "requirement"),
                          "unknown requirement " + quoted(requirement) +
                              " (allowed: mandatory, mandatory-when-shown, recommended, optional)"};
        }
        bool seen_match = false;
        for (const pugi::xml_node child : node.children()) {
            if (skip(child)) continue;
            const std::string name = child.name();
            if (name == "match" && !seen_match) {
                question.match = read_match(child, "question", question.key);
                seen_match = true;
            } else if (name == "match") {
                throw Problem{element_offset(child), "second <match> in question " + quoted(question.key)};
            } else if (name == "role" && seen_match) {
                question.roles.push_back(read_role(child, question));
            } else if (name == "role") {
                throw Problem{element_offset(child), "<role> before the <match> of question " +
                                                         quoted(question.key) + ": <match> comes first"};
            } else {
                throw Problem{element_offset(child), "unexpected <" + name + "> in question " +
                                                         quoted(question.key) + " (allowed: match, role)"};
            }
        }
        if (!seen_match) {
            throw Problem{element_offset(node), "question " + quoted(question.key) +
                                                    " has no <match>: give a bid, a title or a <uid>"};
        }
        return question;
    }

    Role read_role(const pugi::xml_node node, const ProfileQuestion& question) const {
        check_attributes(node, {"name", "format"});
        for (const pugi::xml_node child : node.children()) {
            if (!skip(child)) {
                throw Problem{element_offset(child), "unexpected <" + std::string(child.name()) +
                                                         "> in <role>: a role has no content"};
            }
        }
        Role role;
        role.name = required(node, "name");
        if (!is_role_name(role.name)) {
            throw Problem{attribute_offset(node, "name"),
                          "role name " + quoted(role.name) +
                              " is not valid (lower-case letters, digits and '-', starting with a letter)"};
        }
        role.format = non_empty(node, "format");
        if (!role.format.empty() && !is_role_name(role.format)) {
            throw Problem{attribute_offset(node, "format"),
                          "role format " + quoted(role.format) +
                              " is not valid (lower-case letters, digits and '-', starting with a letter)"};
        }
        for (const Role& other : question.roles) {
            if (other.name == role.name) {
                throw Problem{element_offset(node), "role " + quoted(role.name) +
                                                        " given twice in question " + quoted(question.key)};
            }
        }
        return role;
    }

    Match read_match(const pugi::xml_node node, const char* kind, const std::string& key) {
        check_attributes(node, {"bid", "title"});
        Match match;
        match.bid = non_empty(node, "bid");
        match.title = non_empty(node, "title");
        if (!match.bid.empty()) remember(bids_, "bid", match.bid, key, attribute_offset(node, "bid"));
        if (!match.title.empty() && normalise_title(match.title).empty()) {
            throw Problem{attribute_offset(node, "title"),
                          "title " + quoted(match.title) + " of " + kind + " " + quoted(key) +
                              " has no text once HTML and the '*' marker are removed"};
        }
        for (const pugi::xml_node child : node.children()) {
            if (skip(child)) continue;
            if (std::strcmp(child.name(), "uid") != 0) {
                throw Problem{element_offset(child),
                              "unexpected <" + std::string(child.name()) + "> in <match> (allowed: uid)"};
            }
            check_attributes(child, {});
            if (child.first_child() && child.first_child().type() == pugi::node_element) {
                throw Problem{element_offset(child.first_child()), "a <uid> holds text only"};
            }
            std::string uid = std::string(util::trim(child.text().as_string()));
            if (uid.empty())
                throw Problem{element_offset(child),
                              "empty <uid> in " + std::string(kind) + " " + quoted(key)};
            remember(uids_, "uid", uid, key, element_offset(child));
            match.uids.push_back(std::move(uid));
        }
        if (match.bid.empty() && match.title.empty() && match.uids.empty()) {
            throw Problem{element_offset(node), "<match> of " + std::string(kind) + " " + quoted(key) +
                                                    " has no criterion: give a bid, a title or a <uid>"};
        }
        return match;
    }

    // Two entries that match the same bid or uid would fight over one export element.
    void remember(std::unordered_map<std::string, std::pair<std::string, std::size_t>>& seen,
                  const char* what, const std::string& value, const std::string& key,
                  std::size_t offset) const {
        const auto [found, inserted] = seen.emplace(value, std::make_pair(key, offset));
        if (!inserted) {
            throw Problem{offset, std::string(what) + " " + quoted(value) + " of " + quoted(key) +
                                      " is already matched by " + quoted(found->second.first) + " (at " +
                                      where(found->second.second) + ")"};
        }
    }
};

}  // namespace

LoadResult load_profile_file(const std::string& path, Profile& out) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return LoadResult::failure("cannot open profile " + quoted(path) + ": " + std::strerror(errno));
    std::ostringstream bytes;
    bytes << file.rdbuf();
    if (file.bad()) return LoadResult::failure("cannot read profile " + quoted(path));
    return load_profile_buffer(bytes.str(), path, out);
}

LoadResult load_profile_buffer(const std::string& xml, const std::string& path, Profile& out) {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
    try {
        if (!parsed) {
            throw Problem{static_cast<std::size_t>(parsed.offset),
                          std::string("not well-formed XML: ") + parsed.description()};
        }
        Profile profile;
        profile.path = path;
        ProfileReader(xml).read(document, profile);
        out = std::move(profile);
    } catch (const Problem& problem) {
        return LoadResult::failure(problem.description, position_at(xml, problem.offset));
    }
    return {};
}

std::string normalise_title(const std::string& title) {
    std::string text = rulekit::to_lower_ascii(rulekit::collapse_whitespace(rulekit::html_to_text(title)));
    while (!text.empty() && (text.back() == '*' || text.back() == ' ')) text.pop_back();
    return text;
}

const char* requirement_name(Requirement requirement) {
    const auto index = static_cast<std::size_t>(requirement);
    return index < std::size(requirement_names) ? requirement_names[index] : "unknown";
}

}  // namespace surveycheck::profile
