# Sanitizers apply to everything built in the configuration (libraries and tests alike), so a
# sanitizer report anywhere stops the test run.
if(WIRECHECK_SANITIZE)
  add_compile_options(-fsanitize=${WIRECHECK_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${WIRECHECK_SANITIZE})
endif()
if(WIRECHECK_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC's -Wmaybe-uninitialized is known to misfire under -fsanitize (for example inside
  # libstdc++'s <regex>); the sanitizers themselves check what that warning guesses at.
  add_compile_options(-Wno-maybe-uninitialized)
endif()
