// Data sets as CSV: the sequence-id form and the folder form, round trips, and bad files (wrong
// widths, non-numbers, empty sequences, a missing id column, ids that come back): one message
// naming the file, the line and the column of the original file.

#include "rnnlab/sequence_set_csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "rnnlab/session.h"

using namespace rnnlab;
namespace fs = std::filesystem;

namespace {

std::string errorOf(const std::function<void()>& work) {
  try {
    work();
  } catch (const SessionError& e) {
    return e.what();
  }
  return "(no error)";
}

SequenceData sequence(std::initializer_list<double> inputs, std::initializer_list<double> targets) {
  SequenceData s;
  s.inputs = Eigen::Map<const Vector>(inputs.begin(), static_cast<Index>(inputs.size()));
  s.targets = Eigen::Map<const Vector>(targets.begin(), static_cast<Index>(targets.size()));
  return s;
}

struct ScratchFolder {
  fs::path path =
      fs::temp_directory_path() /
      ("rnnlab-csv-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  ScratchFolder() { fs::remove_all(path); }
  ~ScratchFolder() { fs::remove_all(path); }
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST(SequenceSetCsv, GroupsRowsByIdInOrderOfFirstAppearance) {
  const auto sequences =
      parseSequencesCsv("input1,sequence,target1\n0.1,b,0.5\n0.5,b,0.9\n\n0.3,a,0.2\n", "data.csv");
  ASSERT_EQ(sequences.size(), 2u);
  EXPECT_EQ(sequences[0], sequence({0.1, 0.5}, {0.5, 0.9}));
  EXPECT_EQ(sequences[1], sequence({0.3}, {0.2}));
}

TEST(SequenceSetCsv, LastModeTargetsOnTheLastRowOfEachSequence) {
  const auto sequences =
      parseSequencesCsv("id;input1;target1\n1;0.1;\n1;0.2;3\n2;0.4;5\n", "data.csv");
  ASSERT_EQ(sequences.size(), 2u);
  EXPECT_EQ(sequences[0].targets.rows(), 1);
  EXPECT_EQ(sequences[0].targets(0, 0), 3.0);
  EXPECT_EQ(sequences[0].inputs.rows(), 2);
}

TEST(SequenceSetCsv, IdFormRoundTrips) {
  std::vector<SequenceData> sequences{sequence({0.1, 0.25, -3}, {1, 2, 3}), sequence({7}, {8})};
  EXPECT_EQ(serializeSequencesCsv(sequences),
            "sequence,input1,target1\n1,0.1,1\n1,0.25,2\n1,-3,3\n2,7,8\n");
  EXPECT_EQ(parseSequencesCsv(serializeSequencesCsv(sequences)), sequences);
}

TEST(SequenceSetCsv, BadFilesNameFileLineAndColumn) {
  const auto bad = [](const std::string& text) {
    return errorOf([&] { parseSequencesCsv(text, "data.csv"); });
  };
  EXPECT_EQ(bad("input1,target1\n1,2\n"),
            "data.csv: line 1: no sequence id column (expected a column named sequence or id "
            "beside input1, ..., target1, ...)");
  EXPECT_EQ(bad("sequence,input1,target1\na,1,2\na,1\n"),
            "data.csv: line 3: expected 3 values, found 2");
  // Line 4 of the file, column 3 of the file (the id column is column 1).
  EXPECT_EQ(bad("sequence,input1,target1\na,1,2\nb,1,2\nb,x,2\n"),
            "data.csv: line 4, column 2 (\"x\"): not a number");
  EXPECT_EQ(bad("input1,sequence,target1\n1,a,2\n\n1,b,zz\n"),
            "data.csv: line 4, column 3 (\"zz\"): not a number");
  EXPECT_EQ(bad("sequence,input1,target1\na,1,2\nb,1,2\na,1,2\n"),
            "data.csv: line 4, column 1 (\"a\"): this sequence id appears again after other "
            "sequences (the rows of a sequence must be together)");
  EXPECT_EQ(bad("sequence,input1,target1\n"),
            "data.csv: line 1: no data rows after the header (no sequences)");
  EXPECT_EQ(bad("sequence,input1,target1\n,1,2\n"),
            "data.csv: line 2, column 1: empty sequence id");
  EXPECT_EQ(bad(""), "data.csv: empty file");
  EXPECT_EQ(bad("sequence,input1,target1\na,1,\na,2,\n"),
            "data.csv: line 3: the last row has no target values (give targets on every row, or "
            "only on the last row for output_mode last)");
}

TEST(SequenceSetCsv, FolderRoundTripsInNameOrder) {
  ScratchFolder scratch;
  std::vector<SequenceData> sequences{sequence({1, 2}, {3, 4}), sequence({5}, {6}),
                                      sequence({7, 8, 9}, {1, 2, 3})};
  saveSequenceFolder(sequences, scratch.path);
  EXPECT_TRUE(fs::exists(scratch.path / "sequence-0001.csv"));
  write(scratch.path / "notes.txt", "not a sequence");
  EXPECT_EQ(loadSequenceFolder(scratch.path), sequences);
}

TEST(SequenceSetCsv, BadFolderFilesNameTheFile) {
  ScratchFolder scratch;
  fs::create_directories(scratch.path);
  EXPECT_NE(errorOf([&] { loadSequenceFolder(scratch.path); }).find("no .csv files"),
            std::string::npos);
  write(scratch.path / "a.csv", "input1,target1\n1,2\n");
  write(scratch.path / "b.csv", "input1,target1\n");
  EXPECT_EQ(errorOf([&] { loadSequenceFolder(scratch.path); }),
            (scratch.path / "b.csv").string() + ": line 1: no data rows after the header");
  write(scratch.path / "b.csv", "input1,input2,target1\n1,2,3\n");
  EXPECT_EQ(errorOf([&] { loadSequenceFolder(scratch.path); }),
            (scratch.path / "b.csv").string() +
                ": line 1: 2 input and 1 target columns, but a.csv has 1 and 1");
  write(scratch.path / "b.csv", "input1,target1\n1,2\n1,nan\n");
  EXPECT_EQ(
      errorOf([&] { loadSequenceFolder(scratch.path); }),
      (scratch.path / "b.csv").string() + ": line 3, column 2 (\"nan\"): not a finite number");
}

TEST(SequenceSetCsv, SplitForValidationTakesTheLastSequences) {
  std::vector<SequenceData> sequences;
  for (int k = 0; k < 10; ++k) {
    sequences.push_back(sequence({static_cast<double>(k)}, {0}));
  }
  const SequenceSet set = splitForValidation(sequences, 0.2);
  ASSERT_EQ(set.train.size(), 8u);
  ASSERT_EQ(set.validation.size(), 2u);
  EXPECT_EQ(set.validation[0].inputs(0, 0), 8.0);
  EXPECT_EQ(splitForValidation(sequences, 1.0).train.size(), 1u);
  EXPECT_EQ(splitForValidation(sequences, 0.0).validation.size(), 0u);
}
