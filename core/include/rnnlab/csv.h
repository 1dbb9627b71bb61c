#pragma once

// A sequence as CSV: a header naming the columns, then one row per time step, inputs then
// targets. Input columns are named input1..inputI, target columns target1..targetO. In `last`
// mode only the last row has target values; the other rows leave those cells empty.
//
//   input1,input2,input3,target1,target2
//   1,2,3,0,1

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rnnlab/sequence_data.h"
#include "rnnlab/session.h"

namespace rnnlab {

// Parses CSV text (comma, semicolon or tab separated; blank lines skipped). Targets come back as
// T×O when every row has them, 1×O when only the last row has them. Throws SessionError naming the
// line: ragged rows, non-numbers, non-finite numbers, empty files, unknown column names.
SequenceData parseCsv(std::string_view text);
SequenceData loadCsv(const std::filesystem::path& path);

std::string serializeCsv(const SequenceData& data);
void saveCsv(const SequenceData& data, const std::filesystem::path& path);

// A loss curve as CSV: the header `iteration,loss`, then one row per iteration (counted from 0),
// each loss as the shortest text that reads back exactly.
std::string serializeLossHistory(const std::vector<double>& losses);

}  // namespace rnnlab
