// Google Benchmark micro-benchmarks: the reader (whole file and streamed), the region-list parser, and each
// first-party rule alone through the engine. The export is $SURVEYCHECK_BENCH_CORPUS (default: the seed).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "engine/rule_set.hpp"
#include "eusurvey/reader.hpp"
#include "eusurvey/stream_reader.hpp"
#include "host/plugin_host.hpp"
#include "profile/builtin.hpp"
#include "profile/profile.hpp"
#include "surveycheck/rulekit/regions.hpp"

namespace {

using namespace surveycheck;

std::string corpus_path() {
    const char* path = std::getenv("SURVEYCHECK_BENCH_CORPUS");
    return path ? path : SURVEYCHECK_SOURCE_DIR "/examples/s3-seed-report.xml";
}

const std::string& corpus() {
    static const std::string bytes = [] {
        std::ifstream in(corpus_path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }();
    return bytes;
}

void read_export(benchmark::State& state) {
    for (auto _ : state) {
        eusurvey::Export doc;
        const eusurvey::ReadResult read = eusurvey::read_export_buffer(corpus(), "bench.xml", doc);
        if (!read) state.SkipWithError(read.description.c_str());
        benchmark::DoNotOptimize(doc.answer_sets.size());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(read_export)->Unit(benchmark::kMillisecond);

void stream_export(benchmark::State& state) {
    for (auto _ : state) {
        eusurvey::StreamReader stream;
        eusurvey::Export head;
        if (!stream.open(corpus_path(), head)) state.SkipWithError("cannot open the corpus");
        eusurvey::AnswerSetSlice slice;
        std::size_t sets = 0;
        while (stream.next(slice)) {
            eusurvey::AnswerSet set;
            sets += eusurvey::read_answer_set_slice(*slice.source, slice.index, set) ? 1 : 0;
        }
        benchmark::DoNotOptimize(sets);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(stream_export)->Unit(benchmark::kMillisecond);

void split_regions(benchmark::State& state) {
    const std::string list =
        "Catalonia (ES), ES51\nTuscany (IT), ITI1\nHelsinki-Uusimaa(FI)\nWest Sweden (SE), SE23; Styria "
        "(AT), "
        "AT22\nAttica (EL), EL30\nLower Silesia (PL), PL51\nPomerania(PL) Prague (CZ), CZ01\nBudapest (HU), "
        "HU11\nEstonia (EE), EE00\nUpper Bavaria (DE), DE21\nNorte (PT), PT11\nLapland (FI), FI1D7";
    for (auto _ : state) benchmark::DoNotOptimize(rulekit::split_regions(list));
}
BENCHMARK(split_regions);

// The first-party plugins, the built-in profile and the corpus, loaded once.
struct Setup {
    host::PluginHost host;
    profile::Profile profile;
    eusurvey::Export doc;
    Setup() {
        host.load_directory(SURVEYCHECK_PLUGIN_DIR, true);
        profile::load_profile_buffer(profile::builtin_profile_xml(), "<built-in profile>", profile);
        eusurvey::read_export_buffer(corpus(), "bench.xml", doc);
    }
};

Setup& setup() {
    static Setup instance;
    return instance;
}

// One rule (or none: the engine's own cost of views and summaries) over every contribution, on one thread.
void run_rule(benchmark::State& state, const std::string& rule) {
    engine::Selection selection;
    selection.disable = {"all"};
    if (!rule.empty()) selection.enable = {rule};
    selection.data_dir = SURVEYCHECK_DATA_DIR;
    const engine::RuleSet rules(setup().host.rules(), selection);
    const engine::Engine engine(rules, setup().profile, "internal");
    std::size_t findings = 0;
    for (auto _ : state) findings = engine.validate(setup().doc, 1).findings.size();
    state.counters["contributions/s"] =
        benchmark::Counter(static_cast<double>(state.iterations() * setup().doc.answer_sets.size()),
                           benchmark::Counter::kIsRate);
    state.counters["findings"] = static_cast<double>(findings);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RegisterBenchmark("rule/(none)", run_rule, std::string())->Unit(benchmark::kMillisecond);
    for (const auto& rule : setup().host.rules()) {
        benchmark::RegisterBenchmark(("rule/" + rule.id).c_str(), run_rule, rule.id)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
