// String-view helpers of the host. Standard library only.
#pragma once

#include <string_view>

namespace surveycheck::util {

// `text` without the XML white space (space, tab, CR, LF) at either end.
std::string_view trim(std::string_view text);

}  // namespace surveycheck::util
