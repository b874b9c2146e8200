// Must not compile: a plugin name outside [a-z0-9-]+.
#include "surveycheck/plugin.hpp"

struct Only : surveycheck::Rule {
    static constexpr surveycheck::RuleInfo info{"only", "Only", "", surveycheck::Severity::error, ""};
    void check(const surveycheck::Survey&, const surveycheck::Contribution&,
               surveycheck::Reporter&) const override {}
};

SURVEYCHECK_PLUGIN("My Plugin", "1.0.0", "Bad name", Only);
