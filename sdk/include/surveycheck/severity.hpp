// The severity of a finding, one type for plugins and the host alike.
#pragma once

#include <cstdint>

#include "surveycheck/abi.h"

namespace surveycheck {

// Severity of a finding, ordered info < warning < error (mirrors sc_severity); `rule_default` means the
// rule's default severity and is only ever reported, never kept.
enum class Severity : std::uint32_t {
    info = SC_SEVERITY_INFO,
    warning = SC_SEVERITY_WARNING,
    error = SC_SEVERITY_ERROR,
    rule_default = SC_SEVERITY_DEFAULT
};

}  // namespace surveycheck
