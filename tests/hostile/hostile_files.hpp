// Hostile and oversized inputs, made at test time (streamed to disk, never committed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace surveycheck::test {

// A profile for the exports below: one recommended free-text question `text` (uid q-text).
extern const char* const hostile_profile;

// A complete small export with `answer_sets` (whole <AnswerSet> elements) under <Answers>.
std::string export_with(const std::string& answer_sets);

// One contribution `id` answering q-text with `text` (already XML-escaped as needed).
std::string answer_set(const std::string& id, const std::string& text);

// An export whose one answer is a text node of `bytes` bytes ('a' to 'z' and spaces), streamed to `path`.
void write_big_text_export(const std::filesystem::path& path, std::uint64_t bytes);

// An export whose answer holds `depth` nested <b> elements.
std::string nested_elements_export(std::size_t depth);

// An export whose AnswerSet carries `count` distinct attributes.
std::string many_attributes_export(std::size_t count);

// A ZIP member: its name and content.
struct ZipEntry {
    std::string name;
    std::string bytes;
};

// A ZIP archive of `entries`, deflated, written with libzip.
void write_zip(const std::filesystem::path& path, const std::vector<ZipEntry>& entries);

// A ZIP of one stored member `name` holding `bytes`, whose headers claim `declared_size` unpacked bytes
// (`bytes.size()` for an honest archive); any name, control characters included.
void write_stored_zip(const std::filesystem::path& path, const std::string& name, const std::string& bytes,
                      std::uint32_t declared_size);

}  // namespace surveycheck::test
