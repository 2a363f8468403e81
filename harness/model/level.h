#pragma once
// Requirement levels (RFC 2119) and verdicts: the two vocabularies every layer shares.
#include <cstdint>
#include <optional>
#include <string_view>

namespace wirecheck::harness {

enum class Level : uint8_t { must, should, may };

// pass: met. warn: a SHOULD not met, or behaviour the RFC permits but discourages.
// fail: a MUST not met, or the case's expectation not met. error: the harness could not run
// the case (target unreachable, a variable without a value, ...). skip: not applicable to this
// target (a capability it lacks), with the reason.
enum class Verdict : uint8_t { pass, warn, fail, error, skip };

std::string_view to_string(Level level);      // "MUST", "SHOULD", "MAY"
std::string_view to_string(Verdict verdict);  // "pass", "warn", ...
// Case-insensitive: "must", "MUST".
std::optional<Level> parse_level(std::string_view text);
std::optional<Verdict> parse_verdict(std::string_view text);

// What an unmet expectation costs at a level: MUST -> fail, SHOULD and MAY -> warn.
// An expectation's own verdict (an any_of alternative marked warn) never goes above this.
Verdict failure_verdict(Level level);

// For combining the outcomes of a case's steps: error > fail > warn > pass; skip is not
// combined (a skipped case never ran).
Verdict worse(Verdict a, Verdict b);

}  // namespace wirecheck::harness
