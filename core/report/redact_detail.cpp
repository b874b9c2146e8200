#include "report/redact_detail.hpp"

#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "util/sha256.hpp"

namespace surveycheck::report::redact_detail {

unsigned parse_options() {
    return pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype | pugi::parse_comments |
           pugi::parse_pi | pugi::parse_declaration;
}

namespace {

// `text` as EUSurvey's writer escapes it, appended to `out`: `& < >`; in an attribute also `"` and the white
// space a parser would normalise (so every value reads back byte for byte); a CR in text likewise.
template <class Out>
void append_escaped(std::string_view text, bool attribute, Out& out) {
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '\r':
                out += "&#13;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            default:
                out += c;
        }
    }
}

// `text` escaped into a string of its own.
std::string escape(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    append_escaped(text, attribute, out);
    return out;
}

}  // namespace

std::string escape_text(std::string_view text) { return escape(text, false); }

std::string escape_attribute(std::string_view value) { return escape(value, true); }

OutputWriter& OutputWriter::operator+=(std::string_view bytes) {
    buffer_ += bytes;
    if (buffer_.size() >= capacity) flush();
    return *this;
}

void OutputWriter::flush() {
    std::size_t done = 0;
    while (done < buffer_.size()) {
        const ssize_t wrote = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) throw std::system_error(wrote < 0 ? errno : ENOSPC, std::generic_category());
        done += static_cast<std::size_t>(wrote);
    }
    buffer_.clear();
}

void write_node(const pugi::xml_node& root, OutputWriter& out) {
    // Iterative, so no input depth can exhaust the stack.
    pugi::xml_node node = root;
    for (;;) {
        if (node.type() == pugi::node_element) {
            out += '<';
            out += node.name();
            for (const pugi::xml_attribute& attribute : node.attributes()) {
                out += ' ';
                out += attribute.name();
                out += "=\"";
                append_escaped(attribute.value(), true, out);
                out += '"';
            }
            out += '>';
            if (node.first_child()) {
                node = node.first_child();
                continue;
            }
            out += "</";
            out += node.name();
            out += '>';
        } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            // Escaped straight into the output: a huge text is not copied once more on the way.
            append_escaped(node.value(), false, out);
        }
        while (node != root && !node.next_sibling()) {
            node = node.parent();
            out += "</";
            out += node.name();
            out += '>';
        }
        if (node == root) return;
        node = node.next_sibling();
    }
}

void write_document(const pugi::xml_document& document, bool trailing_newline, OutputWriter& out) {
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    write_node(document.document_element(), out);
    if (trailing_newline) out += '\n';
    out.flush();
}

KeptAnswer kept_answer(const eusurvey::Answer& answer) {
    return {answer.name, answer.qid, answer.aid, util::sha256_hex(answer.text), answer.text.size()};
}

eusurvey::Position position_of(const eusurvey::SourceText& source, const pugi::xml_node& node) {
    const std::ptrdiff_t offset = node.offset_debug();
    if (offset < 0) return {};
    const bool element = node.type() == pugi::node_element;
    return source.position_of(static_cast<std::size_t>(element && offset > 0 ? offset - 1 : offset));
}

bool is_answer_element(std::string_view name) {
    return name == "Answer" || name == "TargetDataset" || name == "Explanation" || name == "Discussion";
}

util::Result read_contributions(const pugi::xml_document& document,
                                const std::vector<eusurvey::AnswerSet>& reader_model,
                                std::vector<Contribution>& out) {
    out.clear();
    const pugi::xml_node root = document.document_element();
    for (const pugi::xml_node& block : root.children("Answers")) {
        for (const pugi::xml_node& set : block.children("AnswerSet")) {
            const std::size_t index = out.size() + 1;
            if (out.size() >= reader_model.size()) {
                return util::Result::failure("the document has more contributions than the reader reads (" +
                                             std::to_string(reader_model.size()) + ")");
            }
            Contribution contribution;
            contribution.node = set;
            contribution.model = &reader_model[out.size()];
            for (const pugi::xml_node& child : set.children()) {
                if (child.type() == pugi::node_element && is_answer_element(child.name()))
                    contribution.answers.push_back(child);
            }
            if (contribution.answers.size() != contribution.model->answers.size()) {
                return util::Result::failure("contribution " + std::to_string(index) + " has " +
                                             std::to_string(contribution.answers.size()) +
                                             " answer elements, the reader reads " +
                                             std::to_string(contribution.model->answers.size()));
            }
            for (std::size_t i = 0; i < contribution.answers.size(); ++i) {
                if (contribution.model->answers[i].name != contribution.answers[i].name()) {
                    return util::Result::failure("contribution " + std::to_string(index) + ": answer " +
                                                 std::to_string(i + 1) +
                                                 " is not the element the reader read");
                }
            }
            out.push_back(std::move(contribution));
        }
    }
    if (out.size() != reader_model.size()) {
        return util::Result::failure("the reader reads " + std::to_string(reader_model.size()) +
                                     " contributions, the document has " + std::to_string(out.size()));
    }
    return {};
}

}  // namespace surveycheck::report::redact_detail
