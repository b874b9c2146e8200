# CMake helpers for rule plugin authors; installed with the SurveyCheck package and used by the first-party plugins.

# surveycheck_add_plugin(NAME SOURCES src... [OUTPUT_DIRECTORY dir]): a rule plugin as a MODULE library named
# `<NAME>.so`, built only against the SDK: hidden visibility (only the entry object is exported), no undefined
# symbols, and the shared C++ runtime. Default folder: SURVEYCHECK_PLUGIN_OUTPUT_DIRECTORY when set, otherwise
# `<build dir>/plugins`, the folder to pass to `surveycheck validate --plugin-dir`.
function(surveycheck_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "surveycheck_add_plugin(${name}): give the plugin's sources after SOURCES")
  endif()
  if(NOT name MATCHES "^[a-z0-9_-]+$")
    message(FATAL_ERROR "surveycheck_add_plugin(${name}): a plugin target name uses only a-z, 0-9, '-' and '_'")
  endif()
  foreach(flags IN ITEMS CMAKE_MODULE_LINKER_FLAGS CMAKE_SHARED_LINKER_FLAGS CMAKE_CXX_FLAGS)
    if("${${flags}}" MATCHES "-static-libstdc\\+\\+|-static-libgcc")
      message(FATAL_ERROR "surveycheck_add_plugin(${name}): ${flags} links the C++ runtime statically; a plugin "
                          "must share the host's C++ runtime (remove -static-libstdc++ / -static-libgcc)")
    endif()
  endforeach()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE SurveyCheck::sdk)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set(output_directory "${ARG_OUTPUT_DIRECTORY}")
  elseif(DEFINED SURVEYCHECK_PLUGIN_OUTPUT_DIRECTORY)
    set(output_directory "${SURVEYCHECK_PLUGIN_OUTPUT_DIRECTORY}")
  else()
    set(output_directory "${CMAKE_BINARY_DIR}/plugins")
  endif()
  set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${output_directory}")
  if(NOT APPLE)
    target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  endif()
endfunction()

# surveycheck_add_plugin_tests(TARGET): one CTest test per GoogleTest test of TARGET (a test program linking
# SurveyCheck::testing), plus `<TARGET>.rule_coverage`, which runs the whole program once and fails when a rule
# of a plugin it loaded never reported a finding.
function(surveycheck_add_plugin_tests target)
  include(GoogleTest)
  gtest_discover_tests(${target})
  add_test(NAME ${target}.rule_coverage COMMAND ${target})
  set_tests_properties(${target}.rule_coverage PROPERTIES ENVIRONMENT "SURVEYCHECK_RULE_COVERAGE=1")
endfunction()
