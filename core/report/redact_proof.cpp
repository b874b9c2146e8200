// The proof of a redacted export: read back by the reader and by libxml2, every public answer kept byte for
// byte, and no confidential answer text anywhere, neither in what a parser sees nor in the raw bytes.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "engine/confidential_mask.hpp"
#include "eusurvey/reader.hpp"
#include "report/redact_detail.hpp"

namespace surveycheck::report::redact_detail {
namespace {

// Failures listed one by one up to this many, then counted.
constexpr std::size_t listed_failures = 10;

// The failures of one proof, capped.
class Failures {
public:
    void add(std::string failure) {
        if (list_.size() < listed_failures) {
            list_.push_back(std::move(failure));
        } else {
            ++more_;
        }
    }
    std::vector<std::string> take() {
        if (more_ > 0) list_.push_back("and " + std::to_string(more_) + " more");
        return std::move(list_);
    }
    bool empty() const { return list_.empty(); }

private:
    std::vector<std::string> list_;
    std::size_t more_ = 0;
};

std::uint64_t load8(const char* bytes) {
    std::uint64_t value;
    std::memcpy(&value, bytes, sizeof value);
    return value;
}

// How often each needle (8 bytes or more) occurs in `haystack`, overlaps included: one pass over the
// haystack, keyed by the needles' first 8 bytes.
std::vector<std::size_t> occurrences(std::string_view haystack, const std::vector<std::string>& needles) {
    std::vector<std::size_t> counts(needles.size(), 0);
    std::unordered_multimap<std::uint64_t, std::size_t> by_prefix;
    constexpr unsigned filter_bits = 20;
    std::vector<bool> filter(std::size_t{1} << filter_bits, false);
    const auto slot = [](std::uint64_t key) { return (key * 0x9E3779B97F4A7C15ull) >> (64 - filter_bits); };
    for (std::size_t n = 0; n < needles.size(); ++n) {
        const std::uint64_t key = load8(needles[n].data());
        by_prefix.emplace(key, n);
        filter[slot(key)] = true;
    }
    if (needles.empty() || haystack.size() < 8) return counts;
    for (std::size_t at = 0; at + 8 <= haystack.size(); ++at) {
        const std::uint64_t key = load8(haystack.data() + at);
        if (!filter[slot(key)]) continue;
        const auto [first, last] = by_prefix.equal_range(key);
        for (auto it = first; it != last; ++it) {
            if (haystack.compare(at, needles[it->second].size(), needles[it->second]) == 0)
                ++counts[it->second];
        }
    }
    return counts;
}

// Frees a libxml2 parser context and its document.
struct LibXml {
    xmlParserCtxtPtr context = nullptr;
    xmlDocPtr document = nullptr;
    ~LibXml() {
        if (document) xmlFreeDoc(document);
        if (context) xmlFreeParserCtxt(context);
    }
};

// Parse `output` with libxml2: no network, no DTD loading, no entity substitution.
bool parse_with_libxml2(const std::string& output, const std::string& path, LibXml& xml, Failures& failures) {
    if (output.size() > static_cast<std::size_t>(INT_MAX)) {
        failures.add("the output is too large for libxml2 to read back");
        return false;
    }
    xmlInitParser();
    xml.context = xmlNewParserCtxt();
    if (!xml.context) {
        failures.add("libxml2 could not start");
        return false;
    }
    xml.document =
        xmlCtxtReadMemory(xml.context, output.data(), static_cast<int>(output.size()), path.c_str(), "UTF-8",
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!xml.document || !xml.context->wellFormed) {
        const xmlError* error = xmlCtxtGetLastError(xml.context);
        std::string what = error && error->message ? error->message : "unknown error";
        while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
        failures.add("libxml2 finds the output not well-formed" +
                     (error ? " at line " + std::to_string(error->line) : std::string()) + ": " + what);
        return false;
    }
    if (xml.document->intSubset || xml.document->extSubset) failures.add("the output has a DOCTYPE");
    return true;
}

// Every text and attribute value libxml2 sees in the output, checked against the confidential texts: one that
// reveals some is a failure unless the input's public part holds that same value as often.
void check_values(const LibXml& xml, const engine::ConfidentialMask& mask,
                  std::unordered_map<std::string, std::size_t>& excused, Failures& failures) {
    const auto check = [&](const xmlChar* raw, int line) {
        if (!raw) return;
        const std::string value(reinterpret_cast<const char*>(raw));
        if (!mask.reveals(value)) return;
        const auto found = excused.find(value);
        if (found != excused.end() && found->second > 0) {
            --found->second;
            return;
        }
        failures.add("the output holds confidential answer text (line " + std::to_string(line) +
                     " as libxml2 reads it)");
    };
    xmlNodePtr node = xml.document->children;
    while (node) {
        const int line = static_cast<int>(xmlGetLineNo(node));
        switch (node->type) {
            case XML_ELEMENT_NODE:
                for (xmlAttrPtr attribute = node->properties; attribute; attribute = attribute->next) {
                    xmlChar* value = xmlNodeListGetString(xml.document, attribute->children, 1);
                    check(value, line);
                    xmlFree(value);
                }
                break;
            case XML_TEXT_NODE:
                check(node->content, line);
                break;
            case XML_CDATA_SECTION_NODE:
            case XML_COMMENT_NODE:
            case XML_PI_NODE:
                failures.add("the output holds a CDATA section, comment or processing instruction (line " +
                             std::to_string(line) + ")");
                check(node->content, line);
                break;
            case XML_ENTITY_REF_NODE:
                failures.add("the output holds an entity reference (line " + std::to_string(line) + ")");
                break;
            default:
                break;
        }
        // Pre-order, without recursion.
        if (node->type == XML_ELEMENT_NODE && node->children) {
            node = node->children;
            continue;
        }
        while (node && !node->next) {
            node = node->parent;
            if (node == reinterpret_cast<xmlNodePtr>(xml.document)) node = nullptr;
        }
        if (node) node = node->next;
    }
}

// The output's contributions against the expected public answers and meta.
void check_contributions(const std::string& output, const eusurvey::Export& reread,
                         const Expectation& expected, Failures& failures) {
    pugi::xml_document document;
    if (!document.load_buffer(output.data(), output.size(), parse_options(), pugi::encoding_utf8)) {
        failures.add("pugixml does not read the output");
        return;
    }
    std::vector<Contribution> contributions;
    std::string error;
    if (!read_contributions(document, reread.answer_sets, contributions, error)) {
        failures.add("the output's contributions do not read back: " + error);
        return;
    }
    if (contributions.size() != expected.answers.size()) {
        failures.add("the output has " + std::to_string(contributions.size()) + " contributions, the input " +
                     std::to_string(expected.answers.size()));
        return;
    }
    for (std::size_t i = 0; i < contributions.size(); ++i) {
        const auto& model = contributions[i].model;
        std::vector<KeptAnswer> kept;
        for (const auto& answer : model.answers)
            kept.push_back({answer.name, answer.qid, answer.aid, answer.text});
        if (kept != expected.answers[i]) {
            failures.add("contribution " + std::to_string(i + 1) +
                         " does not keep exactly the public answers of the input");
        }
        if (model.attributes != expected.attributes[i]) {
            failures.add("contribution " + std::to_string(i + 1) +
                         " does not have the input's attributes with user, userlogin and invitation empty");
        }
    }
}

// The confidential texts and personal values, as the output would write them, in the output's raw bytes: no
// more often than the input's public part holds them.
void check_bytes(const std::string& output, const Expectation& expected, Failures& failures) {
    std::unordered_set<std::string> unique;
    const auto add = [&](const std::string& text) {
        if (text.size() < 8 || text.find_first_not_of(" \t\r\n") == std::string::npos) return;
        unique.insert(escape_text(text));
        unique.insert(escape_attribute(text));
    };
    for (const std::string& text : expected.confidential) add(text);
    for (const std::string& value : expected.personal) add(value);
    const std::vector<std::string> needles(unique.begin(), unique.end());
    std::string material;
    for (const PublicValue& kept : expected.public_values) {
        material += kept.attribute ? escape_attribute(kept.value) : escape_text(kept.value);
        material += '\x01';
    }
    const std::vector<std::size_t> in_output = occurrences(output, needles);
    const std::vector<std::size_t> in_public = occurrences(material, needles);
    for (std::size_t n = 0; n < needles.size(); ++n) {
        if (in_output[n] > in_public[n]) {
            failures.add("the output's bytes hold a confidential answer text or personal value (" +
                         std::to_string(needles[n].size()) + " bytes) that the input's public part does not");
        }
    }
}

}  // namespace

std::vector<std::string> prove(const std::string& output, const std::string& path,
                               const Expectation& expected) {
    Failures failures;
    eusurvey::Export reread;
    const eusurvey::ReadResult read = eusurvey::read_export_buffer(output, path, reread);
    if (!read) {
        failures.add("the reader does not read the output (" + std::to_string(read.position.line) + ":" +
                     std::to_string(read.position.column) + ": " + read.description + ")");
        return failures.take();
    }
    LibXml xml;
    if (!parse_with_libxml2(output, path, xml, failures)) return failures.take();

    check_contributions(output, reread, expected, failures);

    engine::ConfidentialMask mask;
    for (const std::string& text : expected.confidential) mask.add(text);
    std::unordered_map<std::string, std::size_t> excused;
    if (!mask.empty()) {
        for (const PublicValue& kept : expected.public_values) {
            if (mask.reveals(kept.value)) ++excused[kept.value];
        }
        check_values(xml, mask, excused, failures);
    }
    check_bytes(output, expected, failures);
    return failures.take();
}

}  // namespace surveycheck::report::redact_detail
