# One interface target carries the project's warning policy; every target of ours links it.
add_library(wirecheck_warnings INTERFACE)
target_compile_options(wirecheck_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
                       -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 at -O3 reports -Wrestrict on std::string's own inlined copies (GCC bug 105651): a false
# positive in the standard library, not in our code, so it must not fail the optimised build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(wirecheck_warnings INTERFACE -Wno-restrict)
endif()
if(WIRECHECK_WERROR)
  target_compile_options(wirecheck_warnings INTERFACE -Werror)
endif()
