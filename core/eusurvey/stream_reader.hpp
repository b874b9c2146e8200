// Reads a large export from disk in pieces: the Survey part once, then one AnswerSet at a time, so memory is
// bounded by the largest contribution. Positions stay those of the whole file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eusurvey/model.hpp"
#include "eusurvey/reader.hpp"

namespace surveycheck::eusurvey {

// One `<AnswerSet>` element cut out of an export, with its place in the file.
struct AnswerSetSlice {
    std::shared_ptr<const SourceText> source;  // the element's bytes, positions mapped to the file
    std::size_t index = 0;                     // 1-based among the AnswerSets of its Answers block (XPath)
    std::size_t block = 1;                     // 1-based among the Answers blocks of Results (XPath)
    std::size_t number = 0;                    // 1-based among every contribution of the export, in order
};

// Read the contribution `slice` holds, with its place in the export, as the whole-file reader reads it
// (path B's double escaping undone with the help of `survey`).
ReadResult read_slice(const AnswerSetSlice& slice, const Survey& survey, AnswerSet& out);

// Cuts an export into its Survey part and its contributions while reading it forward.
class StreamReader {
public:
    StreamReader();
    ~StreamReader();
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;

    // Open `path` and read everything before the first contribution into `head` (without answer sets).
    ReadResult open(const std::string& path, Export& head);
    // True when open() had to read the whole export into `head` (contributions included): nothing to stream.
    bool complete() const { return complete_; }
    // Cut the next contribution; false at the end of the export or on an error (see error()).
    bool next(AnswerSetSlice& out);
    // Why next() stopped early; ok when it reached the end of a well-formed export.
    const ReadResult& error() const { return error_; }

private:
    bool fill(std::size_t size);  // append up to `size` more bytes; false at the end or on an error
    std::size_t element_end(std::size_t start);
    void advance_to(std::size_t offset);
    std::shared_ptr<const SourceText> slice(std::size_t start, std::size_t end, const std::string& prefix);
    bool finish_with_tail(std::size_t start);

    int fd_ = -1;
    std::size_t unread_ = static_cast<std::size_t>(-1);  // bytes of the file not read yet (when known)
    bool eof_ = false;
    bool complete_ = false;
    std::string buffer_;
    std::size_t begin_ = 0;          // first byte of buffer_ still needed
    std::size_t counted_ = 0;        // position_ is the position of buffer_[counted_]
    Position position_{1, 1};        // file position of buffer_[counted_]
    std::vector<std::string> open_;  // elements open at the next contribution (Results, Answers)
    std::size_t index_ = 0;          // contributions cut in the current Answers block
    std::size_t block_ = 0;          // Answers blocks opened so far
    std::size_t number_ = 0;         // contributions cut in all
    bool done_ = false;
    ReadResult error_;
};

}  // namespace surveycheck::eusurvey
