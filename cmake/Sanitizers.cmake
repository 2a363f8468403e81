# Sanitizers apply to everything built in the configuration (libraries and tests alike), so a
# sanitizer report anywhere stops the test run.
if(WIRECHECK_SANITIZE)
  add_compile_options(-fsanitize=${WIRECHECK_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${WIRECHECK_SANITIZE})
endif()
