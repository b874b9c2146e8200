// What `validate` reads: files, folders, glob patterns and standard input, expanded and sharded.
#pragma once

#include <string>
#include <vector>

namespace surveycheck::cli {

// One input to read: an export, a ZIP of exports, or standard input ("-").
struct Input {
    std::string path;     // as the user gave it or as the folder walk found it; "-" for standard input
    std::string refused;  // why it is not read (a symbolic link out of its folder), or empty
};

// Expand `args`: folders recursively (`*.xml`, `*.zip`, sorted), glob patterns (sorted matches), "-" as is;
// a path that names nothing stays, so reading it reports it. Duplicates are dropped, first one kept. A
// symbolic link in a folder that points out of it is refused unless `follow_symlinks`.
std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool follow_symlinks = false);

// Parse "K/N" (1 <= K <= N); false when malformed.
bool parse_shard(const std::string& text, unsigned& k, unsigned& n);

// The K-th of N deterministic partitions: the inputs whose rank in path order is K-1 modulo N, in input
// order.
std::vector<Input> select_shard(const std::vector<Input>& inputs, unsigned k, unsigned n);

}  // namespace surveycheck::cli
