# Runs one `wirecheck` command and checks its exit code and what it printed (stdout and stderr
# together). Used by the cli tests in CMakeLists.txt:
#   -DWIRECHECK=path -DARGS=a|b|c -DEXPECT_EXIT=N
#   -DEXPECT_MATCH=regex -DEXPECT_MATCH2=regex -DEXPECT_NO_MATCH=regex
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND "${WIRECHECK}" ${args}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
set(all "${out}${err}")
set(shown "wirecheck ${args}\n--- exit ${code}; output:\n${all}---")
if(NOT "${code}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "expected exit code ${EXPECT_EXIT}, got ${code}\n${shown}")
endif()
foreach(var EXPECT_MATCH EXPECT_MATCH2)
  if(DEFINED ${var} AND NOT "${${var}}" STREQUAL "")
    if(NOT all MATCHES "${${var}}")
      message(FATAL_ERROR "output does not match '${${var}}'\n${shown}")
    endif()
  endif()
endforeach()
if(DEFINED EXPECT_NO_MATCH AND NOT "${EXPECT_NO_MATCH}" STREQUAL "")
  if(all MATCHES "${EXPECT_NO_MATCH}")
    message(FATAL_ERROR "output matches '${EXPECT_NO_MATCH}' but must not\n${shown}")
  endif()
endif()
