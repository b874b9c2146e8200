// A file's contributions and findings kept on disk as they come, and given back in report order when the file
// ends: each contribution with every finding of its id. The text, JUnit and HTML reports group a file's
// findings per contribution and put the file's own findings first, and findings can name a contribution that
// came earlier (a repeated id, a finding sent with the file's own): the file waits here instead of in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/engine.hpp"
#include "report/spool.hpp"

namespace surveycheck::report {

// An ended file as the grouping formats see it: its header and own findings in memory, its contributions
// replayed from the spool one at a time.
struct EndedFile {
    const engine::FileResult* header = nullptr;  // without contributions and findings
    std::size_t contributions = 0;
    std::vector<const engine::Finding*> own;         // with no contribution, in file order
    std::vector<const engine::Finding*> strays;      // naming a contribution the file does not have, in order
    std::vector<const engine::Finding*> unattached;  // both, in file order
};

// One contribution replayed: `findings` are every finding of the file with its id, in file order; `first`
// says whether it is the first contribution with that id.
using ReplayedContribution =
    std::function<void(const engine::ContributionSummary& contribution,
                       const std::vector<const engine::Finding*>& findings, bool first)>;

class FileSpool {
public:
    // The spool is made in `folder` (empty: the current one); throws SpoolError when it cannot.
    explicit FileSpool(const std::string& folder);

    // A contribution of the current file, with the findings sent with it.
    void contribution(const engine::ContributionSummary& contribution,
                      const std::vector<engine::Finding>& findings);
    // Findings of the current file sent without a contribution.
    void findings(const std::vector<engine::Finding>& findings);
    // The current file is done: what it holds, resolved; valid until replay() and clear().
    const EndedFile& end(const engine::FileResult& header, std::size_t contributions);
    // Each contribution of the ended file in order (after end()).
    void replay(const ReplayedContribution& each) const;
    // Forget the current file (after it ended, or because it turned out unreadable).
    void clear();

private:
    // A finding with its place in the file's order.
    struct Numbered {
        std::uint64_t seq = 0;
        engine::Finding finding;
    };

    void loose(const engine::Finding& finding);

    Spool records_;                                // per contribution: its summary and the findings of its id
    std::vector<std::uint64_t> id_hashes_;         // per contribution, to find repeated ids
    std::vector<Numbered> loose_;                  // findings not sent with the contribution they name
    std::uint64_t seq_ = 0;                        // findings so far
    std::unordered_set<std::uint64_t> regrouped_;  // hashes of ids whose findings are gathered from the file
    std::deque<Numbered> gathered_;                // the findings of those ids that came with contributions
    std::unordered_map<std::string, std::vector<const engine::Finding*>> by_id_;  // of those ids, in order
    EndedFile ended_;
};

}  // namespace surveycheck::report
