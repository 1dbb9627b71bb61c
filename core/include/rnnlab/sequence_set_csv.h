#pragma once

// Data sets as CSV, in two forms:
//
// - one file with a sequence-id column: the header names the id column (`sequence`, `id` or
//   `sequence_id`, any case, anywhere) and the input and target columns as csv.h describes. The
//   rows of one sequence are together and in time order; sequences come in the order their ids
//   first appear. Ids are any text.
//
//     sequence,input1,target1
//     a,0.1,0.5
//     a,0.5,0.9
//     b,0.3,0.2
//
// - a folder of CSV files, one sequence per file in csv.h's form, taken in the order of their
//   names (`*.csv`, other files ignored).
//
// Each sequence is read by parseCsv's rules, so the same problems are refused (ragged rows,
// non-numbers, empty cells, a last row without targets). Errors are one line naming the file,
// the line and the column, e.g. "data.csv: line 7, column 3 (\"x\"): not a number"; nothing is
// returned on error.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rnnlab/sequence_data.h"
#include "rnnlab/sequence_set.h"

namespace rnnlab {

// `name` prefixes error messages (a file name; empty: none). Throws SessionError.
std::vector<SequenceData> parseSequencesCsv(std::string_view text, std::string_view name = {});
std::vector<SequenceData> loadSequencesCsv(const std::filesystem::path& path);
std::vector<SequenceData> loadSequenceFolder(const std::filesystem::path& folder);

// The id-column form, ids 1..n (`sequence` column first). Throws SessionError for data that
// cannot be written (no rows, non-finite numbers).
std::string serializeSequencesCsv(const std::vector<SequenceData>& sequences);
void saveSequencesCsv(const std::vector<SequenceData>& sequences,
                      const std::filesystem::path& path);
// One file per sequence, sequence-0001.csv, sequence-0002.csv, ... in `folder` (created if
// missing; existing files of those names are replaced). Throws SessionError.
void saveSequenceFolder(const std::vector<SequenceData>& sequences,
                        const std::filesystem::path& folder);

// Splits imported sequences into a data set: the last round(fraction·n) sequences (at most n − 1)
// become the validation set, the rest the training set, both in order.
SequenceSet splitForValidation(std::vector<SequenceData> sequences, double validationFraction);

}  // namespace rnnlab
