# Install BUILD_DIR into a fresh PREFIX, and generate a plugin project with the installed `surveycheck new-plugin`.
file(REMOVE_RECURSE "${PREFIX}" "${WORK}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BUILD_DIR} --prefix ${PREFIX} failed: ${status}")
endif()
foreach(file IN ITEMS bin/surveycheck lib/surveycheck/plugins/mandatory-fields.so include/surveycheck/abi.h
                      include/surveycheck/testing.hpp include/surveycheck/testing/rule_runner.hpp
                      include/surveycheck/test_runner.hpp lib/cmake/SurveyCheck/SurveyCheckConfig.cmake
                      lib/cmake/SurveyCheck/SurveyCheckConfigVersion.cmake share/doc/surveycheck/writing-plugins.md)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "the install lacks ${file}")
  endif()
endforeach()
execute_process(COMMAND "${PREFIX}/bin/surveycheck" new-plugin demo-rules "${WORK}/demo-rules"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "surveycheck new-plugin failed (${status}): ${out}${err}")
endif()
