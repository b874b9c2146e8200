// Must not compile: two rules of one plugin share the id "same".
#include "surveycheck/plugin.hpp"

struct First : surveycheck::Rule {
    static constexpr surveycheck::RuleInfo info{"same", "First", "", surveycheck::Severity::error, ""};
    void check(const surveycheck::Survey&, const surveycheck::Contribution&,
               surveycheck::Reporter&) const override {}
};
struct Second : surveycheck::Rule {
    static constexpr surveycheck::RuleInfo info{"same", "Second", "", surveycheck::Severity::error, ""};
    void check(const surveycheck::Survey&, const surveycheck::Contribution&,
               surveycheck::Reporter&) const override {}
};

SURVEYCHECK_PLUGIN("dup", "1.0.0", "Duplicate ids", First, Second);
