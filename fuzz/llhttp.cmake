# llhttp as a comparison parser (Debian's node-llhttp ships its generated C sources). It is
# third-party code: it builds in its own static library with its warnings silenced, and never
# links wirecheck_warnings, so -Werror on our code does not extend to it.
#
# LLHTTP_STRICT_MODE=1 selects llhttp's strict parser (it rejects what its loose mode tolerates,
# e.g. data after "Connection: close"); its run-time leniency flags stay off.
set(WIRECHECK_LLHTTP_DIR /usr/share/llhttp CACHE PATH "Where node-llhttp's C sources are")
set(WIRECHECK_LLHTTP_INCLUDE /usr/share/include/llhttp CACHE PATH "Where llhttp.h is")

function(wirecheck_add_llhttp name)
  if(TARGET ${name})
    return()
  endif()
  foreach(f llhttp.c api.c http.c)
    if(NOT EXISTS ${WIRECHECK_LLHTTP_DIR}/${f})
      message(FATAL_ERROR "${WIRECHECK_LLHTTP_DIR}/${f} is missing: install node-llhttp "
                          "(scripts/bootstrap)")
    endif()
  endforeach()
  add_library(${name} STATIC ${WIRECHECK_LLHTTP_DIR}/llhttp.c ${WIRECHECK_LLHTTP_DIR}/api.c
                             ${WIRECHECK_LLHTTP_DIR}/http.c)
  target_include_directories(${name} SYSTEM PUBLIC ${WIRECHECK_LLHTTP_INCLUDE})
  target_compile_definitions(${name} PUBLIC LLHTTP_STRICT_MODE=1)
  target_compile_options(${name} PRIVATE -w ${ARGN})
endfunction()
