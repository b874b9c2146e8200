#include "report/report.hpp"

namespace surveycheck::report {

Summary RunReport::summary() const {
    Summary summary;
    summary.files = files.size();
    for (const auto& file : files) {
        summary.contributions += file.contributions.size();
        for (const auto& finding : file.findings) {
            switch (finding.severity) {
                case engine::Severity::error:
                    ++summary.error;
                    break;
                case engine::Severity::warning:
                    ++summary.warning;
                    break;
                case engine::Severity::info:
                    ++summary.info;
                    break;
            }
        }
    }
    return summary;
}

bool RunReport::incomplete() const {
    if (!problems.empty()) return true;
    for (const auto& file : files) {
        if (file.status != engine::FileStatus::checked) return true;
    }
    return false;
}

}  // namespace surveycheck::report
