// The files `surveycheck new-plugin` writes: sdk/template/, compiled in, with {{name}} and {{sdk_version}}
// placeholders.
#pragma once

#include <vector>

namespace surveycheck::cli {

// One file of the template: its path in the new project and its text.
struct TemplateFile {
    const char* path;
    const char* content;
};

// Every file of the template, sorted by path.
const std::vector<TemplateFile>& plugin_template();

}  // namespace surveycheck::cli
