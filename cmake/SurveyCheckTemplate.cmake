# The plugin template of `surveycheck new-plugin` (sdk/template/), compiled into the executable so the command
# works from the build tree and from any install prefix. Sets SURVEYCHECK_TEMPLATE_CPP to the generated source.
file(GLOB_RECURSE template_files RELATIVE "${PROJECT_SOURCE_DIR}/sdk/template" CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/sdk/template/*")
list(SORT template_files)
set(template_entries "")
foreach(file IN LISTS template_files)
  file(READ "${PROJECT_SOURCE_DIR}/sdk/template/${file}" content)
  if(content MATCHES "\\)sctemplate\"")
    message(FATAL_ERROR "sdk/template/${file} contains the raw-string delimiter )sctemplate\"")
  endif()
  string(APPEND template_entries "    {\"${file}\", R\"sctemplate(${content})sctemplate\"},\n")
endforeach()
set(SURVEYCHECK_TEMPLATE_CPP "${CMAKE_CURRENT_BINARY_DIR}/plugin_template.cpp")
file(CONFIGURE OUTPUT "${SURVEYCHECK_TEMPLATE_CPP}" CONTENT [[// Generated from sdk/template/ by cmake/SurveyCheckTemplate.cmake.
#include "cli/plugin_template.hpp"

namespace surveycheck::cli {

const std::vector<TemplateFile>& plugin_template() {
    static const std::vector<TemplateFile> files{
@template_entries@    };
    return files;
}

}  // namespace surveycheck::cli
]] @ONLY)
