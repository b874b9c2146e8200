#include <memory>
#include <ostream>
#include <vector>

#include "report/report.hpp"
#include "report/sinks.hpp"

namespace surveycheck::report {
namespace {

// Findings as JSON lines, written as they come (so the stream is the same for any --jobs); nothing waits.
class JsonLinesSink : public Sink {
public:
    explicit JsonLinesSink(const SinkTarget& target) : target_(target) {}

    void begin(const RunReport&) override {}
    void contribution(const engine::ContributionSummary&,
                      const std::vector<engine::Finding>& findings) override {
        this->findings(findings);
    }
    void findings(const std::vector<engine::Finding>& findings) override {
        for (const auto& finding : findings) *target_.out << finding_json_line(finding) << '\n';
        if (target_.flush_often) *target_.out << std::flush;
    }
    void end_file(const engine::FileResult&, std::size_t) override {}
    // Lines already written stay: a stream cannot take them back.
    void drop_file() override {}
    void finish(const RunReport& report) override { findings(report.run_findings); }

private:
    SinkTarget target_;
};

}  // namespace

std::unique_ptr<Sink> make_jsonl_sink(const SinkTarget& target) {
    return std::make_unique<JsonLinesSink>(target);
}

}  // namespace surveycheck::report
