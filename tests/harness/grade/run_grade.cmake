# Grades a roster with the built `wirecheck` once, for the tests that read what it wrote
# (a CTest fixture). Checks the exit code; keeps the console output in OUT/console.txt.
#   -DWIRECHECK=path -DROSTER=file -DOUT=dir -DSTUDENT_BIN=dir -DEXPECT_EXIT=regex -DARGS=a|b
string(REPLACE "|" ";" args "${ARGS}")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(ENV{STUDENT_BIN} "${STUDENT_BIN}")
set(ENV{WIRECHECK} "${WIRECHECK}")
execute_process(COMMAND "${WIRECHECK}" grade "${ROSTER}" --out "${OUT}" ${args}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
file(WRITE "${OUT}/console.txt" "exit ${code}\n--- stdout\n${out}--- stderr\n${err}")
message("wirecheck grade ${ROSTER} ${args}: exit ${code}\n${out}${err}")
if(NOT "${code}" MATCHES "^(${EXPECT_EXIT})$")
  message(FATAL_ERROR "expected exit code ${EXPECT_EXIT}, got ${code}")
endif()
