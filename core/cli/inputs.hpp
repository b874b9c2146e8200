// What `validate` reads: files, folders, glob patterns and standard input, expanded and sharded.
#pragma once

#include <string>
#include <vector>

#include "engine/run.hpp"

namespace surveycheck::cli {

// One input: as the user gave it or as the folder walk found it ("-" for standard input), or why it is
// refused.
using Input = engine::RunInput;

// Expand `args`: folders recursively (`*.xml`, `*.zip`, sorted), glob patterns (sorted matches), "-" as is;
// a path that names nothing stays, so reading it reports it unreadable. Duplicates are dropped, first one
// kept. A symbolic link in a folder that points out of it is refused unless `follow_symlinks`. Throws
// UsageError for a folder holding no export or a pattern matching no file.
std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool follow_symlinks = false);

// Parse "K/N" (1 <= K <= N); false when malformed.
bool parse_shard(const std::string& text, unsigned& k, unsigned& n);

// The K-th of N deterministic partitions: the inputs whose rank in path order is K-1 modulo N, in input
// order.
std::vector<Input> select_shard(const std::vector<Input>& inputs, unsigned k, unsigned n);

}  // namespace surveycheck::cli
