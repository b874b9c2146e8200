// Fuzz target: any bytes through the export reader, read whole and streamed (forward scanner + slices).
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "eusurvey/reader.hpp"
#include "eusurvey/stream_reader.hpp"

namespace {

using namespace surveycheck::eusurvey;

// Every position the reader hands out must be computable for its source.
void touch_positions(const Export& doc) {
    if (!doc.source) return;
    for (const auto& set : doc.answer_sets) {
        for (const auto& answer : set.answers) {
            if (answer.text_offset != npos)
                static_cast<void>(doc.source->position_in_text(answer.text_offset, 0));
        }
    }
}

void read_streamed(const std::uint8_t* data, std::size_t size) {
    const int fd = ::memfd_create("fuzz-export", 0);
    if (fd < 0) return;
    if (::write(fd, data, size) == static_cast<ssize_t>(size)) {
        StreamReader reader;
        Export head;
        if (reader.open("/proc/self/fd/" + std::to_string(fd), head) && !reader.complete()) {
            AnswerSetSlice slice;
            while (reader.next(slice)) {
                AnswerSet set;
                static_cast<void>(read_answer_set_slice(*slice.source, slice.index, set));
            }
        }
    }
    ::close(fd);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Export doc;
    if (read_export_buffer(std::string(reinterpret_cast<const char*>(data), size), "fuzz.xml", doc)) {
        touch_positions(doc);
    }
    read_streamed(data, size);
    return 0;
}
