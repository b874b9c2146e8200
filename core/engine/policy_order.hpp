// The order a reviewer acts in: inside each contribution, findings by severity, then by the policy weight of
// their rule (EU13 and mandatory answers, then confidentiality, then format and the rest, third parties
// last).
#pragma once

#include <string_view>
#include <vector>

#include "engine/finding.hpp"

namespace surveycheck::engine {

// The policy weight of rule `rule_id` ("<plugin>/<check>"): lower comes first.
int policy_weight(std::string_view rule_id);

// Order the findings of each contribution (a run of consecutive findings naming it) by severity, error first,
// then by policy weight, keeping their order otherwise; findings without a contribution stay where they are.
void order_by_policy(std::vector<Finding>& findings);

}  // namespace surveycheck::engine
