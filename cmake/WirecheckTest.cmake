include(GoogleTest)

# wirecheck_add_test(NAME name SOURCES a.cpp ... LIBS lib ... LABELS unit ...)
# Builds one GoogleTest binary and registers every TEST (and every parameterised instance) as
# its own CTest test carrying LABELS, so `ctest -L parser-cases` or `-R <case-id>` runs one case.
function(wirecheck_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;PROPERTIES" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main wirecheck_warnings)
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  gtest_discover_tests(${T_NAME}
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ${T_PROPERTIES})
endfunction()
