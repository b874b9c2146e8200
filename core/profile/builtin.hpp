// The built-in S3 partnership monitoring profile, compiled in from schemas/profiles/.
#pragma once

namespace surveycheck::profile {

// The XML text of the built-in profile.
const char* builtin_profile_xml();

}  // namespace surveycheck::profile
