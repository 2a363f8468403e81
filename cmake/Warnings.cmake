# One interface target carries the project's warning policy; every target of ours links it.
add_library(wirecheck_warnings INTERFACE)
target_compile_options(wirecheck_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
                       -Woverloaded-virtual -Wimplicit-fallthrough)
if(WIRECHECK_WERROR)
  target_compile_options(wirecheck_warnings INTERFACE -Werror)
endif()
