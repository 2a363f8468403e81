#pragma once
// A case's transcript as plain text, for `--save-transcripts DIR`: one event a line with its
// time, connection and stream offset, bytes escaped so the file is safe to view anywhere.
#include <string>

#include "harness/model/result.h"

namespace wirecheck::harness {

std::string transcript_text(const CaseResult& result);

// A file name for the case's transcript: the id (already [a-z0-9._-]) plus ".txt".
std::string transcript_file_name(const CaseResult& result);

}  // namespace wirecheck::harness
