# `cmake --install build --prefix P`: the host, the first-party plugins, the docs, and the SurveyCheck package
# (SDK headers, rule kit, rule test harness, end-to-end test runner, CMake config with surveycheck_add_plugin) that plugin authors build on.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SURVEYCHECK_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/SurveyCheck")
# Fixed, not CMAKE_INSTALL_LIBDIR: the host looks for its plugins at <exe>/../lib/surveycheck/plugins.
set(SURVEYCHECK_PLUGIN_INSTALL_DIR "lib/surveycheck/plugins")

install(TARGETS surveycheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Every MODULE library of a plugins/<name>/ folder is a first-party plugin.
get_property(surveycheck_plugin_folders DIRECTORY "${PROJECT_SOURCE_DIR}/plugins" PROPERTY SUBDIRECTORIES)
foreach(folder IN LISTS surveycheck_plugin_folders)
  get_property(folder_targets DIRECTORY "${folder}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS folder_targets)
    get_target_property(target_type ${target} TYPE)
    if(target_type STREQUAL "MODULE_LIBRARY")
      install(TARGETS ${target} LIBRARY DESTINATION ${SURVEYCHECK_PLUGIN_INSTALL_DIR})
    endif()
  endforeach()
endforeach()

# Rule links of an installed host point here (see core/engine: docs base relative to the executable).
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION ${CMAKE_INSTALL_DOCDIR})

install(DIRECTORY "${PROJECT_SOURCE_DIR}/sdk/include/surveycheck" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set_target_properties(surveycheck_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS surveycheck_sdk EXPORT SurveyCheckTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT SurveyCheckTargets NAMESPACE SurveyCheck:: DESTINATION ${SURVEYCHECK_CMAKE_INSTALL_DIR})
if(TARGET surveycheck_testing)
  install(FILES "${PROJECT_SOURCE_DIR}/core/testing/include/surveycheck/test_runner.hpp"
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/surveycheck)
  install(TARGETS surveycheck_rule_testing surveycheck_testing EXPORT SurveyCheckTestingTargets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT SurveyCheckTestingTargets NAMESPACE SurveyCheck:: DESTINATION ${SURVEYCHECK_CMAKE_INSTALL_DIR})
endif()

file(STRINGS "${PROJECT_SOURCE_DIR}/sdk/include/surveycheck/abi.h" abi_lines
     REGEX "^#define SC_ABI_VERSION_(MAJOR|MINOR) [0-9]+")
string(REGEX REPLACE ".*MAJOR ([0-9]+).*" "\\1" abi_major "${abi_lines}")
string(REGEX REPLACE ".*MINOR ([0-9]+).*" "\\1" abi_minor "${abi_lines}")
set(SURVEYCHECK_ABI_VERSION "${abi_major}.${abi_minor}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/SurveyCheckConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/SurveyCheckConfig.cmake"
  INSTALL_DESTINATION ${SURVEYCHECK_CMAKE_INSTALL_DIR}
  PATH_VARS CMAKE_INSTALL_BINDIR)
# A plugin built against SDK 1.x keeps working with every 1.y host (the ABI promise of docs/writing-plugins.md).
write_basic_package_version_file("${PROJECT_BINARY_DIR}/SurveyCheckConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/SurveyCheckConfig.cmake" "${PROJECT_BINARY_DIR}/SurveyCheckConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/SurveyCheckPlugin.cmake"
        DESTINATION ${SURVEYCHECK_CMAKE_INSTALL_DIR})
