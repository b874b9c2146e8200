// Must not compile: a rule id outside [a-z0-9-]+.
#include "surveycheck/plugin.hpp"

struct Only : surveycheck::Rule {
    static constexpr surveycheck::RuleInfo info{"Missing_Field", "Only", "", surveycheck::Severity::error,
                                                ""};
    void check(const surveycheck::Survey&, const surveycheck::Contribution&,
               surveycheck::Reporter&) const override {}
};

SURVEYCHECK_PLUGIN("ok-name", "1.0.0", "Bad rule id", Only);
