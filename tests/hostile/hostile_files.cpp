#include "hostile_files.hpp"

#include <zip.h>

#include <fstream>
#include <stdexcept>

namespace surveycheck::test {

const char* const hostile_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="hostile" title="Hostile inputs" version="1">
  <question key="text" requirement="recommended">
    <match bid="text" title="Text"/>
  </question>
</profile>
)";

namespace {

const char* const head = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="hostile">
<Elements lang="EN"><Question id="q-text" type="Free Text" bid="text">Text</Question></Elements></Survey>
<Answers>
)";
const char* const tail = "</Answers></Results>\n";

}  // namespace

std::string export_with(const std::string& answer_sets) { return head + answer_sets + tail; }

std::string answer_set(const std::string& id, const std::string& text) {
    return "<AnswerSet id=\"" + id + "\" lang=\"EN\"><Answer qid=\"q-text\">" + text +
           "</Answer></AnswerSet>\n";
}

void write_big_text_export(const std::filesystem::path& path, std::uint64_t bytes) {
    std::ofstream out(path, std::ios::binary);
    out << head << R"(<AnswerSet id="c-big" lang="EN"><Answer qid="q-text">)";
    std::string chunk(1 << 20, ' ');
    for (std::size_t i = 0; i < chunk.size(); ++i)
        chunk[i] = i % 7 == 6 ? ' ' : static_cast<char>('a' + i % 26);
    for (std::uint64_t left = bytes; left > 0;) {
        const std::size_t n = left < chunk.size() ? static_cast<std::size_t>(left) : chunk.size();
        out.write(chunk.data(), static_cast<std::streamsize>(n));
        left -= n;
    }
    out << "</Answer></AnswerSet>\n" << tail;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string nested_elements_export(std::size_t depth) {
    std::string text;
    text.reserve(depth * 7);
    for (std::size_t i = 0; i < depth; ++i) text += "<b>";
    text += "deep";
    for (std::size_t i = 0; i < depth; ++i) text += "</b>";
    return export_with(answer_set("c-deep", text));
}

std::string many_attributes_export(std::size_t count) {
    std::string set = "<AnswerSet id=\"c-wide\" lang=\"EN\"";
    for (std::size_t i = 0; i < count; ++i)
        set += " a" + std::to_string(i) + "=\"" + std::to_string(i) + "\"";
    set += "><Answer qid=\"q-text\">wide</Answer></AnswerSet>\n";
    return export_with(set);
}

void write_zip(const std::filesystem::path& path, const std::vector<ZipEntry>& entries) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) throw std::runtime_error("cannot create " + path.string());
    for (const auto& entry : entries) {
        zip_source_t* source = zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), 0);
        if (!source || zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(source);
            zip_discard(archive);
            throw std::runtime_error("cannot add " + entry.name + " to " + path.string());
        }
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        throw std::runtime_error("cannot write " + path.string());
    }
}

namespace {

void put16(std::string& out, std::uint32_t value) {
    out += static_cast<char>(value & 0xff);
    out += static_cast<char>((value >> 8) & 0xff);
}

void put32(std::string& out, std::uint32_t value) {
    put16(out, value & 0xffff);
    put16(out, value >> 16);
}

std::uint32_t crc32_of(const std::string& bytes) {
    std::uint32_t crc = 0xffffffffu;
    for (const unsigned char c : bytes) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

}  // namespace

void write_stored_zip(const std::filesystem::path& path, const std::string& name, const std::string& bytes,
                      std::uint32_t declared_size) {
    const auto size = static_cast<std::uint32_t>(bytes.size());
    const std::uint32_t crc = crc32_of(bytes);
    std::string zip;
    // Local file header, stored (method 0).
    put32(zip, 0x04034b50);
    put16(zip, 20);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put32(zip, crc);
    put32(zip, size);
    put32(zip, declared_size);
    put16(zip, static_cast<std::uint32_t>(name.size()));
    put16(zip, 0);
    zip += name;
    zip += bytes;
    const auto directory = static_cast<std::uint32_t>(zip.size());
    // Central directory entry.
    put32(zip, 0x02014b50);
    put16(zip, 20);
    put16(zip, 20);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put32(zip, crc);
    put32(zip, size);
    put32(zip, declared_size);
    put16(zip, static_cast<std::uint32_t>(name.size()));
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 0);
    put32(zip, 0);
    put32(zip, 0);
    zip += name;
    const auto directory_size = static_cast<std::uint32_t>(zip.size()) - directory;
    // End of central directory.
    put32(zip, 0x06054b50);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 1);
    put16(zip, 1);
    put32(zip, directory_size);
    put32(zip, directory);
    put16(zip, 0);
    std::ofstream(path, std::ios::binary) << zip;
}

}  // namespace surveycheck::test
