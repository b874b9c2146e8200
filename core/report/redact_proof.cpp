// The proof of a redacted export: read back by the reader and by libxml2, every public answer kept byte for
// byte, and no confidential answer text anywhere, neither in what a parser sees nor in the raw bytes.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "engine/confidential_mask.hpp"
#include "eusurvey/reader.hpp"
#include "report/redact_detail.hpp"

namespace surveycheck::report::redact_detail {

// Everything the proof compares the output with; no view of the input.
struct Proof {
    std::vector<std::vector<KeptAnswer>> answers;
    std::vector<std::vector<std::pair<std::string, std::string>>> attributes;
    engine::ConfidentialMask mask;  // of every confidential text
    // Public values of the input that reveal confidential text, and how often: the output may too.
    std::unordered_map<std::string, std::size_t> excused;
    std::vector<std::string>
        needles;  // confidential texts and personal values as the output would write them
    std::vector<std::size_t> in_public;  // per needle: how often the input's public part holds it
};

void ProofDeleter::operator()(Proof* proof) const { delete proof; }

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
    // Add `other`'s failures after these, as if they had been added here.
    void append(Failures&& other) {
        for (std::string& failure : other.list_) add(std::move(failure));
        more_ += other.more_;
    }

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

// Frees a libxml2 streaming reader.
struct TextReader {
    xmlTextReaderPtr reader = nullptr;
    ~TextReader() {
        if (reader) xmlFreeTextReader(reader);
    }
};

// What the streamed libxml2 pass saw of the contributions: per AnswerSet, the names of its answer elements.
using AnswerNames = std::vector<std::vector<std::string>>;

// Read the output from `fd` with libxml2's streaming reader (no network, no DTD loading, no entity
// substitution), one node at a time so no tree is built: well-formed, no DOCTYPE, CDATA, comment, processing
// instruction or entity reference; every text and attribute value checked against the confidential texts, one
// that reveals some is a failure unless the input's public part holds that same value as often. False when
// libxml2 could not read it to the end.
bool read_with_libxml2(int fd, const std::string& path, const engine::ConfidentialMask& mask,
                       std::unordered_map<std::string, std::size_t>& excused, AnswerNames& answer_names,
                       Failures& failures) {
    if (::lseek(fd, 0, SEEK_SET) != 0) {
        failures.add(std::string("the output cannot be read back: ") + std::strerror(errno));
        return false;
    }
    xmlInitParser();
    TextReader xml;
    xml.reader = xmlReaderForFd(fd, path.c_str(), "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!xml.reader) {
        failures.add("libxml2 could not start");
        return false;
    }
    const auto check = [&](const xmlChar* raw, int line) {
        if (!raw || mask.empty()) return;
        const std::string_view value(reinterpret_cast<const char*>(raw));
        if (!mask.reveals(value)) return;
        const auto found = excused.find(std::string(value));
        if (found != excused.end() && found->second > 0) {
            --found->second;
            return;
        }
        failures.add("the output holds confidential answer text (line " + std::to_string(line) +
                     " as libxml2 reads it)");
    };
    int status = 0;
    while ((status = xmlTextReaderRead(xml.reader)) == 1) {
        const int type = xmlTextReaderNodeType(xml.reader);
        const xmlNodePtr node = xmlTextReaderCurrentNode(xml.reader);
        const int line = node ? static_cast<int>(xmlGetLineNo(node)) : 0;
        switch (type) {
            case XML_READER_TYPE_ELEMENT: {
                const int depth = xmlTextReaderDepth(xml.reader);
                const std::string_view name =
                    reinterpret_cast<const char*>(xmlTextReaderConstName(xml.reader));
                if (depth == 2 && name == "AnswerSet") answer_names.emplace_back();
                if (depth == 3 && !answer_names.empty() && is_answer_element(name))
                    answer_names.back().emplace_back(name);
                while (xmlTextReaderMoveToNextAttribute(xml.reader) == 1) {
                    xmlChar* value = xmlTextReaderValue(xml.reader);
                    check(value, line);
                    xmlFree(value);
                }
                break;
            }
            case XML_READER_TYPE_TEXT:
            case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            case XML_READER_TYPE_WHITESPACE:
                check(xmlTextReaderConstValue(xml.reader), line);
                break;
            case XML_READER_TYPE_CDATA:
            case XML_READER_TYPE_COMMENT:
            case XML_READER_TYPE_PROCESSING_INSTRUCTION:
                failures.add("the output holds a CDATA section, comment or processing instruction (line " +
                             std::to_string(line) + ")");
                check(xmlTextReaderConstValue(xml.reader), line);
                break;
            case XML_READER_TYPE_ENTITY_REFERENCE:
                failures.add("the output holds an entity reference (line " + std::to_string(line) + ")");
                break;
            case XML_READER_TYPE_DOCUMENT_TYPE:
                failures.add("the output has a DOCTYPE");
                break;
            default:
                break;
        }
    }
    if (status != 0) {
        const xmlError* error = xmlGetLastError();
        std::string what = error && error->message ? error->message : "unknown error";
        while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
        failures.add("libxml2 finds the output not well-formed" +
                     (error ? " at line " + std::to_string(error->line) : std::string()) + ": " + what);
        return false;
    }
    return true;
}

// The output's contributions, as the reader reads them back, against the expected public answers and meta,
// and against the answer elements libxml2 saw in each.
void check_contributions(const eusurvey::Export& reread, const AnswerNames& answer_names,
                         const Proof& expected, Failures& failures) {
    const std::vector<eusurvey::AnswerSet>& sets = reread.answer_sets;
    if (sets.size() != answer_names.size()) {
        failures.add("the output's contributions do not read back: the reader reads " +
                     std::to_string(sets.size()) + " contributions, libxml2 " +
                     std::to_string(answer_names.size()));
        return;
    }
    if (sets.size() != expected.answers.size()) {
        failures.add("the output has " + std::to_string(sets.size()) + " contributions, the input " +
                     std::to_string(expected.answers.size()));
        return;
    }
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const eusurvey::AnswerSet& model = sets[i];
        bool same_elements = model.answers.size() == answer_names[i].size();
        for (std::size_t a = 0; same_elements && a < model.answers.size(); ++a)
            same_elements = model.answers[a].name == answer_names[i][a];
        if (!same_elements) {
            failures.add("the output's contributions do not read back: contribution " +
                         std::to_string(i + 1) + " has answer elements the reader does not read");
        }
        std::vector<KeptAnswer> kept;
        kept.reserve(model.answers.size());
        for (const auto& answer : model.answers) kept.push_back(kept_answer(answer));
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

// `text` as the output would write it, escaped for text or for an attribute: a view of `text` itself when
// nothing needs escaping, else of `scratch`.
std::string_view escaped(std::string_view text, bool attribute, std::string& scratch) {
    const std::string_view special = attribute ? std::string_view("&<>\r\"\t\n") : std::string_view("&<>\r");
    if (text.find_first_of(special) == std::string_view::npos) return text;
    scratch = attribute ? escape_attribute(text) : escape_text(text);
    return scratch;
}

// The whole output, read back from `fd` into `bytes`; a failure saying why when it cannot be.
util::Result read_back(int fd, std::string& bytes) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return util::Result::failure(std::strerror(errno));
    bytes.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t got = ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return util::Result::failure(got < 0 ? std::strerror(errno) : "the file ended early");
        done += static_cast<std::size_t>(got);
    }
    return {};
}

// The needles of `expected`: its confidential texts and personal values (8 bytes or more), escaped for text
// and for an attribute, each once; and how often the input's public part holds each.
void find_needles(const Expectation& expected, Proof& proof) {
    std::unordered_set<std::string> unique;
    const auto add = [&](std::string_view text) {
        if (text.size() < 8 || text.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
        std::string scratch;
        unique.emplace(escaped(text, false, scratch));
        unique.emplace(escaped(text, true, scratch));
    };
    for (const std::string_view text : expected.confidential) add(text);
    for (const std::string_view value : expected.personal) add(value);
    proof.needles.assign(unique.begin(), unique.end());
    unique.clear();
    // Value by value: a needle never spans two values (they were joined by a byte no needle holds).
    proof.in_public.assign(proof.needles.size(), 0);
    std::string scratch;
    for (const PublicValue& kept : expected.public_values) {
        const std::vector<std::size_t> counts =
            occurrences(escaped(kept.value, kept.attribute, scratch), proof.needles);
        for (std::size_t n = 0; n < proof.needles.size(); ++n) proof.in_public[n] += counts[n];
    }
}

// The confidential texts and personal values in the output's raw bytes: no more often than the input's
// public part holds them.
void check_bytes(std::string_view output, const Proof& proof, Failures& failures) {
    const std::vector<std::size_t> in_output = occurrences(output, proof.needles);
    for (std::size_t n = 0; n < proof.needles.size(); ++n) {
        if (in_output[n] > proof.in_public[n]) {
            failures.add("the output's bytes hold a confidential answer text or personal value (" +
                         std::to_string(proof.needles[n].size()) +
                         " bytes) that the input's public part does not");
        }
    }
}

}  // namespace

std::unique_ptr<Proof, ProofDeleter> prepare_proof(Expectation&& expected) {
    std::unique_ptr<Proof, ProofDeleter> proof(new Proof);
    proof->answers = std::move(expected.answers);
    proof->attributes = std::move(expected.attributes);
    for (const std::string_view text : expected.confidential) proof->mask.add(text);
    // The public values that reveal confidential text are copied (usually none): the tree they view goes
    // before the output is written.
    if (!proof->mask.empty()) {
        for (const PublicValue& kept : expected.public_values) {
            if (proof->mask.reveals(kept.value)) ++proof->excused[std::string(kept.value)];
        }
    }
    find_needles(expected, *proof);
    return proof;
}

std::vector<std::string> prove(int fd, const std::string& path, const Proof& proof) {
    Failures failures;
    std::unordered_map<std::string, std::size_t> excused = proof.excused;
    AnswerNames answer_names;
    if (!read_with_libxml2(fd, path, proof.mask, excused, answer_names, failures)) return failures.take();
    excused.clear();

    std::string output;
    if (const util::Result read = read_back(fd, output); !read) {
        failures.add("the output cannot be read back: " + read.description);
        return failures.take();
    }
    check_bytes(output, proof, failures);
    eusurvey::Export reread;
    const eusurvey::ReadResult read = eusurvey::read_export_buffer(std::move(output), path, reread);
    if (!read) {
        failures.add("the reader does not read the output (" + std::to_string(read.position.line) + ":" +
                     std::to_string(read.position.column) + ": " + read.description + ")");
        return failures.take();
    }
    check_contributions(reread, answer_names, proof, failures);
    return failures.take();
}

}  // namespace surveycheck::report::redact_detail
