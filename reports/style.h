#pragma once
// Colors for the console, and nothing when color is off, so the same writers serve the
// terminal, JUnit failure text and Markdown code blocks.
#include <string>
#include <string_view>

#include "harness/model/level.h"

namespace wirecheck::reports {

enum class Tone { bold, dim, pass, warn, fail, error, skip, expected, actual, mark };

struct Style {
  bool color = false;

  std::string paint(std::string_view text, Tone tone) const;
};

Tone tone_of(harness::Verdict verdict);

}  // namespace wirecheck::reports
