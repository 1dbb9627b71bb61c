// CSV sequences: the accepted dialects, exact round trips and one test per class of bad input,
// each checking the message with its line number.

#include "rnnlab/csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <string>

namespace rnnlab {
namespace {

namespace fs = std::filesystem;

// The message parseCsv gives for `text`, or "(accepted)".
std::string errorOf(const std::string& text) {
  try {
    parseCsv(text);
  } catch (const SessionError& error) {
    return error.what();
  }
  return "(accepted)";
}

SequenceData exampleData() { return builtinExample().data; }

constexpr const char* ExampleCsv =
    "input1,input2,input3,target1,target2\n"
    "1,2,3,0,1\n"
    "4,5,6,1,0\n"
    "7,8,9,0,1\n"
    "10,11,12,1,0\n";

// ---------------------------------------------------------------- accepted input

TEST(CsvParse, SequenceModeHasATargetRowPerStep) {
  const SequenceData data = parseCsv(ExampleCsv);
  EXPECT_EQ(data, exampleData());
}

TEST(CsvParse, LastModeTargetsComeBackAsOneRow) {
  const SequenceData data = parseCsv(
      "input1,input2,target1,target2\n"
      "1,2,,\n"
      "3,4,,\n"
      "5,6,0.5,-1\n");
  Matrix inputs(3, 2);
  inputs << 1, 2, 3, 4, 5, 6;
  Matrix targets(1, 2);
  targets << 0.5, -1;
  EXPECT_EQ(data.inputs, inputs);
  EXPECT_EQ(data.targets, targets);
}

TEST(CsvParse, SemicolonAndTabSeparators) {
  EXPECT_EQ(parseCsv("input1;input2;input3;target1;target2\n1;2;3;0;1\n4;5;6;1;0\n"
                     "7;8;9;0;1\n10;11;12;1;0\n"),
            exampleData());
  EXPECT_EQ(parseCsv("input1\tinput2\tinput3\ttarget1\ttarget2\n1\t2\t3\t0\t1\n4\t5\t6\t1\t0\n"
                     "7\t8\t9\t0\t1\n10\t11\t12\t1\t0\n"),
            exampleData());
}

TEST(CsvParse, BlankLinesWindowsLineEndingsSpacesQuotesAndByteOrderMark) {
  EXPECT_EQ(parseCsv("\xEF\xBB\xBF\r\n"
                     "\"input1\", \"input2\", \"input3\", \"target1\", \"target2\"\r\n"
                     "\r\n"
                     "1, 2, 3, 0, 1\r\n"
                     "   \r\n"
                     "4,5,6,1,0\r\n"
                     "7,8,\"9\",0,1\r\n"
                     "+10,1.1e1,12.0,1,0"),
            exampleData());
}

TEST(CsvParse, ShortColumnNamesAndAnyColumnOrder) {
  EXPECT_EQ(parseCsv("x1,x2,x3,y1,y2\n1,2,3,0,1\n4,5,6,1,0\n7,8,9,0,1\n10,11,12,1,0\n"),
            exampleData());
  EXPECT_EQ(parseCsv("Target2,Input_3,input2,target1,INPUT1\n1,3,2,0,1\n0,6,5,1,4\n1,9,8,0,7\n"
                     "0,12,11,1,10\n"),
            exampleData());
}

TEST(CsvParse, OneStepIsSequenceAndLastAlike) {
  const SequenceData data = parseCsv("input1,target1\n2,3\n");
  EXPECT_EQ(data.inputs, Matrix::Constant(1, 1, 2.0));
  EXPECT_EQ(data.targets, Matrix::Constant(1, 1, 3.0));
}

// ---------------------------------------------------------------- round trips

TEST(CsvRoundTrip, WritesTheDocumentedLayout) {
  EXPECT_EQ(serializeCsv(exampleData()), ExampleCsv);
}

TEST(CsvRoundTrip, AwkwardNumbersAreExact) {
  SequenceData data;
  data.inputs.resize(3, 2);
  data.inputs << 0.1, 1.0 / 3.0, 1e-300, -2.5e17, 5e-324, 1.7976931348623157e308;
  data.targets.resize(3, 1);
  data.targets << -0.0, 2.0 / 3.0, 123456789.125;
  EXPECT_EQ(parseCsv(serializeCsv(data)), data);
}

TEST(CsvRoundTrip, LastModeWritesEmptyTargetCells) {
  SequenceData data = exampleData();
  data.targets = data.targets.bottomRows(1).eval();
  const std::string text = serializeCsv(data);
  EXPECT_EQ(text,
            "input1,input2,input3,target1,target2\n"
            "1,2,3,,\n"
            "4,5,6,,\n"
            "7,8,9,,\n"
            "10,11,12,1,0\n");
  EXPECT_EQ(parseCsv(text), data);
}

TEST(CsvRoundTrip, SaveAndLoadAFile) {
  const fs::path path = fs::temp_directory_path() / "rnnlab_csv_round_trip.csv";
  saveCsv(exampleData(), path);
  EXPECT_EQ(loadCsv(path), exampleData());
  fs::remove(path);
}

TEST(CsvWrite, RefusesDataThatCouldNotBeRead) {
  SequenceData data = exampleData();
  data.inputs(1, 2) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(serializeCsv(data), SessionError);
  data = exampleData();
  data.targets = data.targets.topRows(2).eval();
  EXPECT_THROW(serializeCsv(data), SessionError);
  EXPECT_THROW(serializeCsv(SequenceData{}), SessionError);
}

// ---------------------------------------------------------------- refused input

TEST(CsvLoad, MissingFileNamesThePath) {
  const fs::path path = fs::temp_directory_path() / "rnnlab_no_such_sequence.csv";
  try {
    loadCsv(path);
    FAIL() << "no error";
  } catch (const SessionError& error) {
    EXPECT_EQ(std::string(error.what()), path.string() + ": no such file");
  }
}

TEST(CsvBad, EmptyFile) {
  EXPECT_EQ(errorOf(""), "empty file");
  EXPECT_EQ(errorOf("\n  \n\r\n"), "empty file");
}

TEST(CsvBad, HeaderWithoutRows) {
  EXPECT_EQ(errorOf("input1,target1\n\n"), "line 1: no data rows after the header");
}

TEST(CsvBad, RaggedRow) {
  EXPECT_EQ(errorOf("input1,input2,input3,target1,target2\n1,2,3,0,1\n4,5,6,1,0\n7,8,9,0\n"),
            "line 4: expected 5 values, found 4");
  EXPECT_EQ(errorOf("input1,target1\n1,2,3\n"), "line 2: expected 2 values, found 3");
}

TEST(CsvBad, NotANumber) {
  EXPECT_EQ(errorOf("input1,input2,target1\n1,2,3\n4,abc,6\n"),
            "line 3, column 2 (\"abc\"): not a number");
  EXPECT_EQ(errorOf("input1,input2,target1\n1,2,3x\n"), "line 2, column 3 (\"3x\"): not a number");
  EXPECT_EQ(errorOf("input1,input2,target1\n1,2,3\n4,1,5,6\n"),
            "line 3: expected 3 values, found 4");
  // Decimal commas read as extra cells, but with ';' they are plainly not numbers.
  EXPECT_EQ(errorOf("input1;target1\n1,5;2\n"), "line 2, column 1 (\"1,5\"): not a number");
}

TEST(CsvBad, NonFiniteNumbers) {
  EXPECT_EQ(errorOf("input1,target1\n1,2\ninf,3\n"),
            "line 3, column 1 (\"inf\"): not a finite number");
  EXPECT_EQ(errorOf("input1,target1\nnan,2\n"), "line 2, column 1 (\"nan\"): not a finite number");
  EXPECT_EQ(errorOf("input1,target1\n1,1e999\n"),
            "line 2, column 2 (\"1e999\"): number out of range for a double");
}

TEST(CsvBad, UnknownColumnName) {
  EXPECT_EQ(errorOf("input1,label,target1\n1,2,3\n"),
            "line 1, column 2 (\"label\"): unknown column name (expected input1, input2, ... and "
            "target1, target2, ...)");
  EXPECT_EQ(errorOf("input0,target1\n1,2\n"),
            "line 1, column 1 (\"input0\"): unknown column name (expected input1, input2, ... and "
            "target1, target2, ...)");
  EXPECT_EQ(errorOf("1,2,3\n4,5,6\n"),
            "line 1: expected a header naming the columns (input1,...,target1,...), found numbers");
}

TEST(CsvBad, DuplicateOrMissingColumns) {
  EXPECT_EQ(errorOf("input1,input1,target1\n1,2,3\n"),
            "line 1, column 2 (\"input1\"): the same column as column 1");
  EXPECT_EQ(errorOf("x1,input1,target1\n1,2,3\n"),
            "line 1, column 2 (\"input1\"): the same column as column 1");
  EXPECT_EQ(errorOf("input1,input3,target1\n1,2,3\n"),
            "line 1: column input2 is missing (input columns are numbered from 1 without gaps)");
  EXPECT_EQ(errorOf("input1,input2\n1,2\n"),
            "line 1: no target columns (expected target1, target2, ...)");
  EXPECT_EQ(errorOf("target1\n1\n"), "line 1: no input columns (expected input1, input2, ...)");
  EXPECT_EQ(errorOf("input5000,target1\n1,2\n"),
            "line 1, column 1 (\"input5000\"): at most 4096 input columns are allowed");
}

TEST(CsvBad, TargetsMissingOrPartial) {
  EXPECT_EQ(errorOf("input1,target1\n1,2\n3,\n"),
            "line 3: the last row has no target values (give targets on every row, or only on the "
            "last row for output_mode last)");
  EXPECT_EQ(errorOf("input1,target1\n1,2\n\n3,\n4,5\n"),
            "line 4: no target values (give targets on every row, or only on the last row for "
            "output_mode last)");
  EXPECT_EQ(errorOf("input1,target1,target2\n1,2,3\n4,5,\n"),
            "line 3, column 3: empty target cell (give all target values of a row, or none)");
  EXPECT_EQ(errorOf("input1,input2,target1\n1,2,3\n4,,6\n"),
            "line 3, column 2: empty input cell, expected a number");
}

}  // namespace
}  // namespace rnnlab

TEST(LossHistoryCsv, OneRowPerIterationThatReadsBackExactly) {
  const std::vector<double> losses = {0.6666666666666666, 1e-300, 2.5};
  EXPECT_EQ(rnnlab::serializeLossHistory(losses),
            "iteration,loss\n0,0.6666666666666666\n1,1e-300\n2,2.5\n");
  EXPECT_EQ(rnnlab::serializeLossHistory({}), "iteration,loss\n");
}
