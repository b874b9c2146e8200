// Merging the reports of shards read in pieces: each shard is checked whole first, holding only its header,
// then its files are sent one at a time to the sink of the merged report.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "report/json_pieces.hpp"
#include "report/report.hpp"
#include "report/sink.hpp"
#include "util/result.hpp"

namespace surveycheck::report {

// A shard's report: a name for messages and its bytes (which outlive the merge).
struct ShardInput {
    std::string name;
    const JsonBytes* bytes = nullptr;
};

// The sink of the merged report, opened once every shard was checked (its output is not made for nothing).
using OpenSink = std::function<Sink&()>;

// Read and check a whole JSON report as read_json_report does, keeping all but the files' contributions and
// findings (`header.files` hold only their headers); a failure saying what is wrong.
util::Result read_json_header(const JsonBytes& bytes, RunReport& header);

// Send the files of a JSON report read by read_json_header, with their contributions and findings (run-level
// ones left out), one at a time to `sink`, counting them into `released`; a failure saying what is wrong.
util::Result send_json_files(const JsonBytes& bytes, Sink& sink, Summary& released);

// Merge the JSON reports of shards into the sink `open` gives, which is finished; a failure naming the shard
// that is wrong or disagrees.
util::Result merge_json_shards(const std::vector<ShardInput>& shards, const OpenSink& open);

// Merge the SARIF logs of shards into the sink `open` gives, which is finished; a failure naming the log that
// is wrong or disagrees.
util::Result merge_sarif_shards(const std::vector<ShardInput>& shards, const OpenSink& open);

}  // namespace surveycheck::report
