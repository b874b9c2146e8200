#include "eusurvey/reader.hpp"

#include <pugixml.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <utility>

#include "eusurvey/structure.hpp"
#include "eusurvey/xml_text.hpp"
#include "surveycheck/rulekit/text.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

namespace surveycheck::eusurvey {

namespace {

// Attributes one element may have: a hundred times what EUSurvey writes.
constexpr std::size_t max_attributes = 1000;

struct KindName {
    std::string_view name;
    ElementKind kind;
};

// Element names of an `Elements` block (EUSURVEY-XML.md §1.3).
constexpr KindName element_kinds[] = {
    {"Section", ElementKind::section},
    {"Question", ElementKind::question},
    {"Text", ElementKind::text},
    {"Image", ElementKind::image},
    {"Answer", ElementKind::choice},
    {"MatrixTitle", ElementKind::matrix},
    {"MatrixQuestion", ElementKind::matrix_row},
    {"MatrixAnswer", ElementKind::matrix_column},
    {"MatrixCell", ElementKind::matrix_cell},
    {"TableTitle", ElementKind::table},
    {"TableQuestion", ElementKind::table_row},
    {"TableAnswer", ElementKind::table_column},
    {"RatingQuestion", ElementKind::rating_item},
    {"RankingItem", ElementKind::ranking_item},
    {"ComplexTableTitle", ElementKind::complex_table},
    {"Cell", ElementKind::cell},
    {"TargetDataset", ElementKind::target_dataset},
};

ElementKind kind_of(std::string_view name) {
    for (const auto& entry : element_kinds) {
        if (entry.name == name) {
            return entry.kind;
        }
    }
    return ElementKind::unknown;
}

std::string trimmed_attribute(const pugi::xml_node& node, const char* name) {
    return std::string(util::trim(node.attribute(name).value()));
}

int int_attribute(const pugi::xml_node& node, const char* name) {
    const std::string value = trimmed_attribute(node, name);
    if (value.empty() || value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos) {
        return -1;
    }
    return std::stoi(value);
}

std::vector<std::string> split_uids(std::string_view list) {
    std::vector<std::string> uids;
    while (!list.empty()) {
        const auto end = list.find(';');
        const auto uid = util::trim(list.substr(0, end));
        if (!uid.empty()) {
            uids.emplace_back(uid);
        }
        list = end == std::string_view::npos ? std::string_view{} : list.substr(end + 1);
    }
    return uids;
}

// The element's own text (PCDATA and CDATA children) and the source offset of its first piece.
std::string node_text(const pugi::xml_node& node, std::size_t* offset = nullptr) {
    std::string text;
    for (const auto& child : node.children()) {
        if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) {
            continue;
        }
        if (offset != nullptr && text.empty() && *child.value() != '\0') {
            const std::ptrdiff_t at = child.offset_debug();
            *offset = at < 0 ? npos : static_cast<std::size_t>(at);
        }
        text += child.value();
    }
    return text;
}

// Bytes of the element's own text (PCDATA and CDATA children).
std::size_t node_text_size(const pugi::xml_node& node) {
    std::size_t size = 0;
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            size += std::strlen(child.value());
        }
    }
    return size;
}

// node_text() without a copy: the text of `node`, parsed in place in `buffer`, is moved to the front of it
// and the buffer becomes the text. The document must not be read after this.
std::string adopt_node_text(const pugi::xml_node& node, std::string& buffer) {
    std::size_t size = 0;
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            // Each piece lies at or after where it goes: pieces are in order and never grow when decoded.
            const std::size_t length = std::strlen(child.value());
            std::memmove(buffer.data() + size, child.value(), length);
            size += length;
        }
    }
    buffer.resize(size);  // not shrunk: that would copy it
    return std::move(buffer);
}

// An answer's text this long takes the parse buffer instead of a copy (read_answer_set_slice).
constexpr std::size_t adopt_size = std::size_t{1} << 20;

// The answer elements; `Scores` (quiz surveys) holds marks, not answers.
constexpr std::string_view answer_names[] = {"Answer", "TargetDataset", "Explanation", "Discussion"};

// The index of `name` in answer_names; its size for any other element.
std::size_t answer_kind(std::string_view name) {
    std::size_t kind = 0;
    while (kind < std::size(answer_names) && answer_names[kind] != name) {
        ++kind;
    }
    return kind;
}

// The element holding an answer element's text.
pugi::xml_node text_node_of(const pugi::xml_node& child) {
    return std::string_view(child.name()) == "Explanation" ? child.child("ExplanationText") : child;
}

class Reader {
public:
    explicit Reader(const SourceText& source) : source_(source) {}

    // Position of the '<' that opens `node`.
    Position position(const pugi::xml_node& node) const {
        const std::ptrdiff_t name_offset = node.offset_debug();
        if (name_offset <= 0) {
            return {};
        }
        return source_.position_of(static_cast<std::size_t>(name_offset - 1));
    }

    Questionnaire read_questionnaire(const pugi::xml_node& block) const {
        Questionnaire questionnaire;
        questionnaire.lang = trimmed_attribute(block, "lang");
        questionnaire.position = position(block);
        for (const auto& node : block.children()) {
            if (node.type() == pugi::node_element) {
                read_element(node, npos, questionnaire.elements);
            }
        }
        derive_structure(questionnaire);
        return questionnaire;
    }

    // The text node of the longest answer text of AnswerSet `node`, if it has a megabyte or more; else none.
    static pugi::xml_node adoptable_text(const pugi::xml_node& node) {
        pugi::xml_node adopted;
        std::size_t adopted_size = 0;
        for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
            const std::size_t size =
                child.type() == pugi::node_element && answer_kind(child.name()) < std::size(answer_names)
                    ? node_text_size(text_node_of(child))
                    : 0;
            if (size >= adopt_size && size > adopted_size) {
                adopted = text_node_of(child);
                adopted_size = size;
            }
        }
        return adopted;
    }

    // With `buffer` (the bytes `node` was parsed from, in place), the longest text of a megabyte or more
    // takes the buffer itself: a huge answer is held once, not twice, and the document must not be read
    // after.
    AnswerSet read_answer_set(const pugi::xml_node& node, std::size_t index,
                              std::string* buffer = nullptr) const {
        AnswerSet set;
        set.index = index;
        set.position = position(node);
        std::size_t attributes = 0;
        for (pugi::xml_attribute attribute = node.first_attribute(); attribute;
             attribute = attribute.next_attribute()) {
            ++attributes;
        }
        set.attributes.reserve(attributes);
        for (const auto& attribute : node.attributes()) {
            set.attributes.emplace_back(attribute.name(), attribute.value());
        }
        std::size_t children = 0;
        for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
            children += child.type() == pugi::node_element ? 1 : 0;
        }
        set.answers.reserve(children);
        std::size_t seen[std::size(answer_names)] = {};  // child_index counts siblings of the same name
        // The text node whose text takes `buffer`.
        const pugi::xml_node adopted = buffer ? adoptable_text(node) : pugi::xml_node();
        std::size_t adopted_index = 0;
        for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
            if (child.type() != pugi::node_element) {
                continue;
            }
            const std::string_view name = child.name();
            const std::size_t kind = answer_kind(name);
            if (kind == std::size(answer_names)) {
                continue;
            }
            Answer& answer = set.answers.emplace_back();
            answer.name = name;
            answer.child_index = ++seen[kind];
            answer.position = position(child);
            answer.qid = trimmed_attribute(child, "qid");
            // Path B writes every aid after the first of a multi-select row with a leading space.
            answer.aid = trimmed_attribute(child, name == "TargetDataset" ? "id" : "aid");
            const pugi::xml_node text_node = text_node_of(child);
            if (adopted && text_node == adopted) {
                adopted_index = set.answers.size() - 1;
                const pugi::xml_node first = text_node.first_child();
                answer.text_offset =
                    first.offset_debug() < 0 ? npos : static_cast<std::size_t>(first.offset_debug());
                continue;
            }
            answer.text = node_text(text_node, &answer.text_offset);
        }
        if (adopted) set.answers[adopted_index].text = adopt_node_text(adopted, *buffer);
        return set;
    }

private:
    void read_element(const pugi::xml_node& node, std::size_t parent, std::vector<Element>& elements) const {
        Element element;
        element.name = node.name();
        element.kind = kind_of(element.name);
        element.parent = parent;
        element.position = position(node);
        element.uid = trimmed_attribute(node, "id");
        element.bid = trimmed_attribute(node, "bid");
        element.type = trimmed_attribute(node, "type");
        // Before 2020-03 EUSurvey wrote the MatrixCell attribute as `dependenElements`.
        pugi::xml_attribute dependents = node.attribute("dependentElements");
        if (!dependents) {
            dependents = node.attribute("dependenElements");
        }
        element.dependents = split_uids(dependents.value());
        if (element.kind == ElementKind::matrix_cell) {
            element.row_uid = trimmed_attribute(node, "qid");
            element.column_uid = trimmed_attribute(node, "aid");
        }
        if (element.kind == ElementKind::cell) {
            element.cell_row = int_attribute(node, "row");
            element.cell_column = int_attribute(node, "column");
            element.raw_title = node_text(node.child("CellTitle"));
            element.result_text = node_text(node.child("ResultText"));
        } else {
            element.raw_title = node_text(node);
        }
        element.title = rulekit::collapse_whitespace(rulekit::html_to_text(element.raw_title));
        const std::size_t index = elements.size();
        elements.push_back(std::move(element));

        // Only a questionnaire's own cells hold choices; deeper nesting is not EUSurvey's and is not
        // followed.
        if (elements[index].kind == ElementKind::cell && parent == npos) {
            for (const auto& child : node.children()) {
                const std::string_view name = child.name();
                if (child.type() == pugi::node_element && name != "CellTitle" && name != "ResultText") {
                    read_element(child, index, elements);
                }
            }
        }
    }

    const SourceText& source_;
};

// A clear word for inputs that are plainly not an XML export, before the parser's generic message.
std::string sniff_not_xml(std::string_view bytes) {
    if (bytes.compare(0, 4, "PK\x03\x04") == 0) {
        return "the file is a ZIP archive, not XML; extract the XML export (result.xml) from it first";
    }
    if (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0) {
        return "the file is UTF-16; EUSurvey exports are UTF-8";
    }
    // Without a byte-order mark, UTF-16 text that starts with ASCII has a NUL in every other byte.
    const std::string_view start = bytes.substr(0, 64);
    std::size_t nul_even = 0;
    std::size_t nul_odd = 0;
    for (std::size_t i = 0; i < start.size(); ++i) (i % 2 == 0 ? nul_even : nul_odd) += start[i] == '\0';
    const std::size_t half = start.size() / 2;
    if (half >= 2 && (nul_odd == half || nul_even == half) && nul_odd + nul_even == half) {
        return std::string("the file is UTF-16 (") + (nul_odd == half ? "little" : "big") +
               "-endian, without a byte-order mark); EUSurvey exports are UTF-8";
    }
    if (util::trim(bytes).empty()) {
        return "the file is empty";
    }
    return {};
}

// Parse `source` with the reader's options; a failure says where, in file positions.
ReadResult parse(const SourceText& source, pugi::xml_document& document, std::string* in_place = nullptr) {
    // Parsing never expands external entities: pugixml does not read DTDs.
    const std::string_view text = source.bytes();
    // The first of: a byte that is not UTF-8, a character that would cut or corrupt its text.
    const std::size_t bad_byte = util::first_invalid_utf8(text);
    const ForbiddenCharacter forbidden = first_forbidden_character(text.substr(0, bad_byte));
    if (forbidden.offset != std::string_view::npos) {
        return ReadResult::failure(ReadStatus::not_well_formed, forbidden.description,
                                   source.position_of(forbidden.offset));
    }
    if (bad_byte < text.size()) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad_byte]));
        return ReadResult::failure(
            ReadStatus::not_well_formed,
            std::string("invalid UTF-8 (byte ") + byte + "); EUSurvey exports are UTF-8",
            source.position_of(bad_byte));
    }
    // An element with far more attributes than EUSurvey ever writes (nine on an AnswerSet) is refused before
    // the parser builds them: their nodes would take many times the file's size.
    if (const std::size_t crowded = first_tag_over(text, max_attributes); crowded < text.size()) {
        return ReadResult::failure(ReadStatus::not_well_formed,
                                   "an element has more than " + std::to_string(max_attributes) +
                                       " attributes; EUSurvey writes at most nine, so this is not an export",
                                   source.position_of(crowded));
    }
    constexpr unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
    // In place, the caller keeps the parsed bytes (read_answer_set may take them as an answer's text).
    pugi::xml_parse_result parsed =
        in_place ? (in_place->assign(text), document.load_buffer_inplace(in_place->data(), in_place->size(),
                                                                         options, pugi::encoding_utf8))
                 : document.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
    if (!parsed && in_place) {
        // In place, pugixml puts some errors at the last byte rather than past it (it ends the buffer there):
        // the error is read again from a copy, so every path reports the same place.
        in_place->clear();
        in_place->shrink_to_fit();
        parsed = document.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
    }
    if (!parsed) {
        return ReadResult::failure(ReadStatus::not_well_formed,
                                   std::string("XML is not well-formed: ") + parsed.description(),
                                   source.position_of(static_cast<std::size_t>(parsed.offset)));
    }
    // Entities are never expanded (billion laughs, external entities): a document that declares some would
    // be read with the wrong text, so it is refused.
    for (const auto& node : document.children()) {
        if (node.type() == pugi::node_doctype && std::strstr(node.value(), "<!ENTITY") != nullptr) {
            const std::ptrdiff_t at = node.offset_debug();
            const std::size_t start = at < 0 ? 0 : text.rfind("<!DOCTYPE", static_cast<std::size_t>(at));
            return ReadResult::failure(
                ReadStatus::not_well_formed,
                "the DOCTYPE declares entities; surveycheck never expands entities (EUSurvey "
                "exports have no DOCTYPE)",
                source.position_of(start == std::string_view::npos ? 0 : start));
        }
    }
    return {};
}

// A second root element after </Results> is not well-formed, though pugixml accepts it.
ReadResult check_single_root(const Reader& reader, const pugi::xml_node& root) {
    for (pugi::xml_node extra = root.next_sibling(); extra; extra = extra.next_sibling()) {
        if (extra.type() == pugi::node_element) {
            return ReadResult::failure(ReadStatus::not_well_formed,
                                       "XML is not well-formed: a second root element <" +
                                           std::string(extra.name()) + "> follows </Results>",
                                       reader.position(extra));
        }
    }
    return {};
}

}  // namespace

ReadResult read_answer_set_slice(const SourceText& source, std::size_t index, AnswerSet& out) {
    pugi::xml_document document;
    std::string parsed_bytes;
    if (ReadResult parsed = parse(source, document, &parsed_bytes); !parsed) {
        return parsed;
    }
    const Reader reader(source);
    const pugi::xml_node root = document.document_element();
    if (std::string_view(root.name()) != "AnswerSet" || root.next_sibling()) {
        return ReadResult::failure(ReadStatus::not_well_formed,
                                   "XML is not well-formed: <AnswerSet> does not end where it should",
                                   reader.position(root));
    }
    out = reader.read_answer_set(root, index, &parsed_bytes);
    return {};
}

void undo_double_escaping(const Survey& survey, AnswerSet& set) {
    // Element kinds by uid are the same in every Elements block: the first that knows the uid says.
    auto escaped_twice = [&](const std::string& uid) {
        for (const auto& questionnaire : survey.questionnaires) {
            const auto found = questionnaire.element_by_uid.find(uid);
            if (found == questionnaire.element_by_uid.end()) {
                continue;
            }
            const ElementKind kind = questionnaire.elements[found->second].kind;
            return kind == ElementKind::table_row || kind == ElementKind::rating_item ||
                   kind == ElementKind::cell;
        }
        return false;
    };
    for (Answer& answer : set.answers) {
        if (answer.name == "Answer" && answer.text.find('&') != std::string::npos &&
            escaped_twice(answer.qid)) {
            answer.text = expand_xml_entities(answer.text);
            // Offsets into the text no longer map to the source one for one: findings point at the Answer.
            answer.text_offset = npos;
        }
    }
}

ReadResult check_slice(const SourceText& source) {
    pugi::xml_document document;
    ReadResult parsed = parse(source, document);
    if (parsed) {
        const pugi::xml_node root = document.document_element();
        if (std::string_view(root.name()) == "Results") {
            return check_single_root(Reader(source), root);
        }
    }
    return parsed;
}

ReadResult read_export_buffer(std::string bytes, const std::string& path, Export& out) {
    out = Export{};
    out.path = path;
    auto source = std::make_shared<SourceText>(std::move(bytes));
    out.source = source;
    const std::string_view text = source->bytes();

    if (const std::string reason = sniff_not_xml(text); !reason.empty()) {
        return ReadResult::failure(ReadStatus::not_well_formed, reason);
    }

    // Parsed in place: the longest answer text (of a megabyte or more) takes the parse buffer, as in
    // read_answer_set_slice, so a huge answer is held twice (bytes and text), not three times.
    pugi::xml_document document;
    std::string parsed_bytes;
    if (ReadResult parsed = parse(*source, document, &parsed_bytes); !parsed) {
        return parsed;
    }

    const Reader reader(*source);
    const pugi::xml_node root = document.document_element();
    if (std::string_view(root.name()) != "Results") {
        return ReadResult::failure(ReadStatus::wrong_root,
                                   "root element is <" + std::string(root.name()) + ">, expected <Results>",
                                   reader.position(root));
    }
    if (ReadResult single = check_single_root(reader, root); !single) {
        return single;
    }

    const pugi::xml_node survey = root.child("Survey");
    if (!survey) {
        return ReadResult::failure(ReadStatus::missing_survey, "<Results> has no <Survey> element",
                                   reader.position(root));
    }
    if (!root.child("Answers")) {
        return ReadResult::failure(ReadStatus::missing_answers, "<Results> has no <Answers> element",
                                   reader.position(root));
    }

    out.create = root.attribute("create").value();
    out.survey.id = survey.attribute("id").value();
    out.survey.uid = survey.attribute("uid").value();
    out.survey.alias = survey.attribute("alias").value();
    out.survey.position = reader.position(survey);
    for (const auto& block : survey.children("Elements")) {
        out.survey.questionnaires.push_back(reader.read_questionnaire(block));
    }

    // The contribution with the longest answer text is read last, once nothing else reads the document.
    pugi::xml_node adopter;
    std::size_t adopter_size = 0;
    for (const auto& answers_block : root.children("Answers")) {
        for (const auto& set : answers_block.children("AnswerSet")) {
            const pugi::xml_node text = Reader::adoptable_text(set);
            const std::size_t size = text ? node_text_size(text) : 0;
            if (size > adopter_size) {
                adopter = set;
                adopter_size = size;
            }
        }
    }
    std::size_t adopter_slot = 0;
    std::size_t adopter_index = 0;
    // Every Answers block, in document order: a second one holds contributions too.
    std::size_t block = 0;
    for (const auto& answers_block : root.children("Answers")) {
        ++block;
        std::size_t index = 0;
        for (const auto& set : answers_block.children("AnswerSet")) {
            if (set == adopter) {
                adopter_slot = out.answer_sets.size();
                adopter_index = ++index;
                out.answer_sets.emplace_back().block = block;
                continue;
            }
            AnswerSet& read = out.answer_sets.emplace_back(reader.read_answer_set(set, ++index));
            read.block = block;
            read.number = out.answer_sets.size();
            undo_double_escaping(out.survey, read);
        }
    }
    if (adopter) {
        AnswerSet& read = out.answer_sets[adopter_slot];
        const std::size_t adopter_block = read.block;
        read = reader.read_answer_set(adopter, adopter_index, &parsed_bytes);
        read.block = adopter_block;
        read.number = adopter_slot + 1;
        undo_double_escaping(out.survey, read);
    }
    return {};
}

ReadResult read_export_file(const std::string& path, Export& out) {
    out = Export{};
    out.path = path;
    std::error_code error;
    const std::filesystem::path file(path);
    if (!std::filesystem::exists(file, error)) {
        return error ? ReadResult::failure(ReadStatus::io_error, "cannot read: " + error.message())
                     : ReadResult::failure(ReadStatus::file_not_found, "no such file");
    }
    if (std::filesystem::is_directory(file, error)) {
        return ReadResult::failure(ReadStatus::io_error, "is a directory, not an export file");
    }
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        return ReadResult::failure(ReadStatus::io_error, std::string("cannot open: ") + std::strerror(errno));
    }
    // One read into a buffer of the file's size (a stream buffer would grow and be copied twice).
    std::string content;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (!error && size < content.max_size()) {
        content.resize(static_cast<std::size_t>(size));
        stream.read(content.data(), static_cast<std::streamsize>(content.size()));
        content.resize(static_cast<std::size_t>(stream.gcount()));
    }
    // Whatever is left (a file that grew, or one without a size) is read to its end.
    if (!stream.bad() && stream) {
        std::ostringstream rest;
        rest << stream.rdbuf();
        content += rest.str();
    }
    if (stream.bad()) {
        return ReadResult::failure(ReadStatus::io_error, std::string("cannot read: ") + std::strerror(errno));
    }
    return read_export_buffer(std::move(content), path, out);
}

}  // namespace surveycheck::eusurvey
