// Writing a run's outputs: never over a file the run reads or anything that is not a regular file, with the
// mode the run chooses, all put in place together or none at all.
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/descriptor_buffer.hpp"

namespace surveycheck::cli {

// The files a run reads (inputs, profile, config, baseline, plugins, data), known by device and inode.
class ReadSet {
public:
    // Note the file `path` as read, as `what` ("one of the inputs", "the profile"); names nothing: ignored.
    void add(const std::string& path, const std::string& what = "read by this run");
    // Note every file inside or below the folder `path` as read, as `what`.
    void add_folder(const std::string& path, const std::string& what = "read by this run");
    // What the file `path` is to the run, or empty when the run does not read it.
    std::string what_is(const std::string& path) const;

private:
    struct File {
        dev_t device;
        ino_t inode;
        std::string what;
    };
    std::vector<File> files_;
};

// The permission bits of a new output: `explicit_mode` (octal, "--output-mode") when given, else 0600 when
// the output may quote confidential text, else 0666 less the umask. Throws UsageError on a bad mode.
mode_t output_mode(bool confidential, const std::string& explicit_mode);

// One output of a run: a temporary file next to a regular file, or a character device or FIFO written
// through.
class OutputFile {
public:
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Where the content goes.
    std::ostream& stream() { return out_; }
    // The descriptor written to, at the end of what stream() wrote once it is flushed.
    int fd() const { return fd_; }
    // The folder of the regular file it replaces; empty for a device or FIFO written through.
    std::string folder() const;

private:
    friend class OutputFiles;
    OutputFile(std::string path, std::string target, bool through, mode_t mode);
    void finish();        // flush, sync and close; throws UsageError
    void put_in_place();  // rename the temporary over the target; throws UsageError
    void discard();       // remove the temporary, if any

    std::string path_;       // as given
    std::string target_;     // the regular file replaced, or the device or FIFO written through
    std::string temporary_;  // empty when written through
    int fd_ = -1;
    int slot_ = -1;                             // in the interrupt clean-up list
    std::unique_ptr<DescriptorBuffer> buffer_;  // over fd_
    std::ostream out_{nullptr};
};

// The outputs of one run. Each is checked when opened and written to a temporary file; commit() renames them
// all with interrupts held, so a run replaces all of its reports or none. Uncommitted temporaries are
// removed, on an interrupt too.
class OutputFiles {
public:
    // `reads`: what no output may be; `mode`: the permission bits of the files created.
    OutputFiles(ReadSet reads, mode_t mode);
    ~OutputFiles();
    OutputFiles(const OutputFiles&) = delete;
    OutputFiles& operator=(const OutputFiles&) = delete;

    // Check `path` and open it; throws UsageError naming `what` (e.g. "--format json") and the reason.
    OutputFile& open(const std::string& path, const std::string& what);
    // Finish every output and put it in place; throws UsageError naming the file that failed.
    void commit();

private:
    ReadSet reads_;
    mode_t mode_;
    std::vector<std::unique_ptr<OutputFile>> files_;
};

// Write `content` to `path` alone (checked against `reads`, created with `mode`); throws UsageError.
void write_output(const std::string& path, const std::string& what, std::string_view content,
                  const ReadSet& reads, mode_t mode);

// Send std::cout through a buffer of its own that remembers why a write to standard output failed.
void watch_standard_output();

// Flush standard output; throws UsageError saying why when it could not take everything written to it.
void flush_standard_output();

}  // namespace surveycheck::cli
