#pragma once
// <regex> for the harness. GCC 12 at -O2 with sanitizers reports false "may be used
// uninitialized" warnings inside std::regex's own std::function members (GCC bug 105562);
// with -Werror that would break the asan-ubsan build. The warning is silenced for the
// library's code only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#else
#include <regex>
#endif
