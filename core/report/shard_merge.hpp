// Merging the reports of shards read in pieces: each shard is checked whole first, holding only its header,
// then its files are sent one at a time to the sink of the merged report.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "report/json_pieces.hpp"
#include "report/report.hpp"
#include "report/sink.hpp"

namespace surveycheck::report {

// A shard's report: a name for messages and its bytes (which outlive the merge).
struct ShardInput {
    std::string name;
    const JsonBytes* bytes = nullptr;
};

// The sink of the merged report, opened once every shard was checked (its output is not made for nothing).
using OpenSink = std::function<Sink&()>;

// Read and check a whole JSON report as read_json_report does, keeping all but the files' contributions and
// findings (`header.files` hold only their headers); false with `error` saying what is wrong.
bool read_json_header(const JsonBytes& bytes, RunReport& header, std::string& error);

// Send the files of a JSON report read by read_json_header, with their contributions and findings (run-level
// ones left out), one at a time to `sink`, counting them into `released`; false with `error`.
bool send_json_files(const JsonBytes& bytes, Sink& sink, Summary& released, std::string& error);

// Merge the JSON reports of shards into the sink `open` gives, which is finished; false with `error` naming
// the shard that is wrong or disagrees.
bool merge_json_shards(const std::vector<ShardInput>& shards, const OpenSink& open, std::string& error);

// Merge the SARIF logs of shards into the sink `open` gives, which is finished; false with `error` naming the
// log that is wrong or disagrees.
bool merge_sarif_shards(const std::vector<ShardInput>& shards, const OpenSink& open, std::string& error);

}  // namespace surveycheck::report
