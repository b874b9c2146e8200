// A form profile: what the export cannot say about its form (requirements, roles, confidentiality).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "eusurvey/model.hpp"
#include "util/result.hpp"

namespace surveycheck::profile {

using eusurvey::npos;
using eusurvey::Position;

// What the profile requires of a question.
enum class Requirement { optional, recommended, mandatory, mandatory_when_shown };

// How a profile entry is found in an export: any of these may be empty; uids may list several versions.
struct Match {
    std::string bid;
    std::vector<std::string> uids;
    std::string title;  // as written in the profile; compared after normalise_title()
};

// A role a rule can look a question up by.
struct Role {
    std::string name;    // e.g. region-list
    std::string format;  // e.g. nuts; empty when none
};

// A section of the form.
struct Section {
    std::string key;
    bool confidential = false;
    Match match;
    Position position;  // in the profile file
};

// A question of the form as the profile describes it (the export's own is eusurvey::ExportQuestion).
struct ProfileQuestion {
    std::string key;
    Requirement requirement = Requirement::optional;
    std::vector<Role> roles;
    Match match;
    std::size_t section = npos;  // index into Profile::sections; npos for header questions
    Position position;           // in the profile file
};

// A whole profile.
struct Profile {
    std::string id;
    std::string title;
    std::string version;
    std::string lang;  // language of the profile's titles (an Elements/@lang such as EN), empty when not said
    std::string path;  // where it was loaded from, "<built-in>" for the default
    std::vector<Section> sections;
    std::vector<ProfileQuestion> questions;
};

// Outcome of loading a profile: ok, or what went wrong and where in the profile file.
using LoadResult = util::Result;

// Load the profile at `path`.
LoadResult load_profile_file(const std::string& path, Profile& out);

// Load a profile from `xml`; `path` only names it.
LoadResult load_profile_buffer(const std::string& xml, const std::string& path, Profile& out);

// Lower-case, strip HTML, collapse white space and trim: the form in which titles are compared.
std::string normalise_title(const std::string& title);

// Name of a requirement as written in profiles ("mandatory-when-shown", ...).
const char* requirement_name(Requirement requirement);

}  // namespace surveycheck::profile
