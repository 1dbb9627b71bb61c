// The safetensors reader and writer, checked against the format byte by byte, and the weights
// under PyTorch's names: export then import gives the weights back exactly; bad files are refused
// with a message naming the tensor or key.

#include "rnnlab/safetensors.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "rnnlab/pytorch_weights.h"
#include "rnnlab/session.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

std::string littleEndian(std::uint64_t bits, int bytes) {
  std::string out;
  for (int k = 0; k < bytes; ++k) {
    out += static_cast<char>((bits >> (8 * k)) & 0xFF);
  }
  return out;
}

// Builds a file by hand from the format's rules: header length, header text, data.
std::string handMade(const std::string& header, const std::string& data) {
  return littleEndian(header.size(), 8) + header + data;
}

void expectRefused(const std::string& bytes, const std::string& inMessage) {
  try {
    decodeSafetensors(bytes);
    FAIL() << "accepted; expected a message with " << inMessage;
  } catch (const SafetensorsError& error) {
    EXPECT_NE(std::string(error.what()).find(inMessage), std::string::npos) << error.what();
  }
}

TEST(Safetensors, WrittenFileMatchesTheFormatByteByByte) {
  SafetensorsFile file;
  file.metadata = {{"cell", "rnn"}};
  file.tensors.push_back({"a", TensorDtype::F64, {2}, {1.5, -2.0}});
  file.tensors.push_back({"b", TensorDtype::F32, {1, 2}, {0.25, 3.0}});
  const std::string bytes = encodeSafetensors(file);

  const std::string json = R"({"__metadata__":{"cell":"rnn"},)"
                           R"("a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},)"
                           R"("b":{"dtype":"F32","shape":[1,2],"data_offsets":[16,24]}})";
  std::string header = json;
  header.append((8 - header.size() % 8) % 8, ' ');  // padded with spaces to 8-byte alignment
  std::string expected = littleEndian(header.size(), 8) + header;
  expected += littleEndian(std::bit_cast<std::uint64_t>(1.5), 8);   // 00 00 00 00 00 00 f8 3f
  expected += littleEndian(std::bit_cast<std::uint64_t>(-2.0), 8);  // ... 00 c0
  expected += littleEndian(std::bit_cast<std::uint32_t>(0.25f), 4);
  expected += littleEndian(std::bit_cast<std::uint32_t>(3.0f), 4);
  ASSERT_EQ(bytes.size(), expected.size());
  EXPECT_EQ(bytes, expected);
  EXPECT_EQ((8 + header.size()) % 8, 0u);
  // Spot checks against literal bytes: the length's low byte, 1.5's high bytes, 3.0f.
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), header.size() & 0xFF);
  EXPECT_EQ(bytes.substr(1, 7), std::string(7, '\0'));
  const std::size_t data = 8 + header.size();
  EXPECT_EQ(static_cast<unsigned char>(bytes[data + 6]), 0xF8);
  EXPECT_EQ(static_cast<unsigned char>(bytes[data + 7]), 0x3F);
  EXPECT_EQ(bytes.substr(data + 20, 4), std::string("\x00\x00\x40\x40", 4));

  const SafetensorsFile back = decodeSafetensors(bytes);
  ASSERT_EQ(back.tensors.size(), 2u);
  EXPECT_EQ(back.tensors[0].values, (std::vector<double>{1.5, -2.0}));
  EXPECT_EQ(back.tensors[1].shape, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(back.tensors[1].values, (std::vector<double>{0.25, 3.0}));
  ASSERT_NE(back.metadataValue("cell"), nullptr);
  EXPECT_EQ(*back.metadataValue("cell"), "rnn");
}

TEST(Safetensors, ReadsTensorsInAnyHeaderOrderAndWithoutPadding) {
  const std::string header = R"({"y":{"dtype":"F64","shape":[],"data_offsets":[8,16]},)"
                             R"("x":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}})";
  const std::string data = littleEndian(std::bit_cast<std::uint64_t>(7.0), 8) +
                           littleEndian(std::bit_cast<std::uint64_t>(-1.0), 8);
  const SafetensorsFile file = decodeSafetensors(handMade(header, data));
  ASSERT_NE(file.find("x"), nullptr);
  ASSERT_NE(file.find("y"), nullptr);
  EXPECT_EQ(file.find("x")->values, std::vector<double>{7.0});
  EXPECT_EQ(file.find("y")->values, std::vector<double>{-1.0});
}

TEST(Safetensors, BadFilesAreRefusedNamingTheProblem) {
  const std::string good = R"({"w":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}})";
  const std::string data(16, '\0');
  ASSERT_NO_THROW(decodeSafetensors(handMade(good, data)));

  expectRefused("", "truncated");
  expectRefused(std::string(5, '\0'), "truncated");
  // A header length larger than the file (a lying length, or a truncated file).
  expectRefused(littleEndian(1000, 8) + good + data, "header length says 1000");
  expectRefused(littleEndian(~std::uint64_t{0}, 8) + good, "header length says");
  // The data cut short.
  expectRefused(handMade(good, data.substr(0, 9)), "tensor 'w'");
  // Offsets that do not match the shape, overlap, leave a gap or lie outside the data.
  expectRefused(handMade(R"({"w":{"dtype":"F64","shape":[3],"data_offsets":[0,16]}})", data),
                "tensor 'w'");
  expectRefused(handMade(R"({"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},)"
                         R"("b":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}})",
                         data),
                "overlap");
  expectRefused(handMade(R"({"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}})", data),
                "tensor 'a': data_offsets begin at 8");
  expectRefused(handMade(R"({"a":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}})", data),
                "tensor 'a': data_offsets end at 24");
  expectRefused(handMade(R"({"a":{"dtype":"F64","shape":[1],"data_offsets":[8,0]}})", data),
                "tensor 'a'");
  expectRefused(handMade(R"({"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}})", data),
                "the tensors cover 8");
  // Wrong dtype, bad shape, bad JSON, bad metadata.
  expectRefused(handMade(R"({"w":{"dtype":"F16","shape":[8],"data_offsets":[0,16]}})", data),
                "tensor 'w': dtype F16");
  expectRefused(handMade(R"({"w":{"dtype":"F64","shape":[-2],"data_offsets":[0,16]}})", data),
                "tensor 'w': shape");
  expectRefused(handMade(R"({"w":{"dtype":"F64","shape":[4294967296,4294967296],)"
                         R"("data_offsets":[0,16]}})",
                         data),
                "tensor 'w'");
  expectRefused(handMade(R"({"w": )", data), "not valid JSON");
  expectRefused(handMade(R"([1, 2])", data), "not a JSON object");
  expectRefused(handMade(R"({"__metadata__":{"cell":3},)" + good.substr(1), data),
                "__metadata__.cell");
}

Session sessionFor(CellKind cell) {
  Session session;
  session.model = ModelConfig{3, 4, 2, OutputMode::Sequence, LossKind::Mse, cell};
  session.data = testing_support::randomData(session.model, 5, 2);
  session.setModel(testing_support::randomModel(session.model, 9));
  return session;
}

TEST(PytorchWeights, ExportThenImportGivesTheWeightsBackExactlyForEveryCell) {
  for (const CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    const Session session = sessionFor(cell);
    const Model model = session.makeModel();
    const SafetensorsFile file = exportPytorchWeights(model, TensorDtype::F64);
    // The spec's names, in state_dict order, with PyTorch's shapes.
    const Index GH = gateCount(cell) * 4;
    ASSERT_EQ(file.tensors.size(), 6u);
    EXPECT_EQ(file.tensors[0].name, "rnn.weight_ih_l0");
    EXPECT_EQ(file.tensors[0].shape, (std::vector<std::int64_t>{GH, 3}));
    EXPECT_EQ(file.tensors[2].shape, (std::vector<std::int64_t>{GH, 4}));
    EXPECT_EQ(file.tensors[4].name, "fc.weight");
    EXPECT_EQ(file.tensors[4].shape, (std::vector<std::int64_t>{2, 4}));
    // Row-major: the second value is W(0, 1).
    EXPECT_EQ(file.tensors[0].values[1], model.params.Wxh()(0, 1));
    EXPECT_EQ(*file.metadataValue("cell"), std::string(toString(cell)));
    EXPECT_EQ(*file.metadataValue("hidden_size"), "4");
    EXPECT_EQ(*file.metadataValue("output_mode"), "sequence");
    EXPECT_EQ(*file.metadataValue("loss"), "mse");
    if (cell == CellKind::Rnn) {
      EXPECT_EQ(file.find("rnn.bias_hh_l0")->values, std::vector<double>(4, 0.0));
    }
    const SafetensorsFile back = decodeSafetensors(encodeSafetensors(file));
    EXPECT_TRUE(importPytorchWeights(back, model.config) == model.params) << toString(cell);
  }
}

TEST(PytorchWeights, RnnFoldsANonZeroHiddenBiasIntoBh) {
  const Session session = sessionFor(CellKind::Rnn);
  const Model model = session.makeModel();
  SafetensorsFile file = exportPytorchWeights(model, TensorDtype::F64);
  Tensor* hh = nullptr;
  for (Tensor& tensor : file.tensors) {
    if (tensor.name == "rnn.bias_hh_l0") {
      hh = &tensor;
    }
  }
  ASSERT_NE(hh, nullptr);
  hh->values = {1.0, 2.0, 3.0, 4.0};
  const Parameters imported = importPytorchWeights(file, model.config);
  for (Index k = 0; k < 4; ++k) {
    EXPECT_EQ(imported.bh()(k), model.params.bh()(k) + static_cast<double>(k + 1));
  }
}

TEST(PytorchWeights, FilesThatDoNotFitAreRefusedNamingTheTensor) {
  const Session session = sessionFor(CellKind::Lstm);
  const Model model = session.makeModel();
  const auto refused = [&](SafetensorsFile file, const ModelConfig& config,
                           const std::string& inMessage) {
    try {
      importPytorchWeights(file, config);
      ADD_FAILURE() << "accepted; expected " << inMessage;
    } catch (const SafetensorsError& error) {
      EXPECT_NE(std::string(error.what()).find(inMessage), std::string::npos) << error.what();
    }
  };
  const SafetensorsFile good = exportPytorchWeights(model, TensorDtype::F64);
  ASSERT_NO_THROW(importPytorchWeights(good, model.config));

  SafetensorsFile missing = good;
  missing.tensors.erase(missing.tensors.begin() + 3);
  missing.metadata.clear();
  refused(missing, model.config, "tensor 'rnn.bias_hh_l0': missing");

  SafetensorsFile renamed = good;
  renamed.tensors[4].name = "linear.weight";
  refused(renamed, model.config, "tensor 'linear.weight'");

  SafetensorsFile reshaped = good;
  reshaped.metadata.clear();
  reshaped.tensors[2].shape = {4, 16};
  refused(reshaped, model.config, "tensor 'rnn.weight_hh_l0': shape [4, 16]");

  SafetensorsFile notFinite = good;
  notFinite.tensors[5].values[1] = std::numeric_limits<double>::infinity();
  refused(notFinite, model.config, "tensor 'fc.bias'");

  ModelConfig gru = model.config;
  gru.cell = CellKind::Gru;
  refused(good, gru, "__metadata__.cell");
  ModelConfig wider = model.config;
  wider.hiddenSize = 5;
  refused(good, wider, "__metadata__.hidden_size");
}

TEST(PytorchWeights, SessionTakesItsWeightsFromWeightsFileRelativeToItsFolder) {
  const auto folder = std::filesystem::temp_directory_path() / "rnnlab_weights_file_test";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder / "w");
  const Session session = sessionFor(CellKind::Gru);
  saveSafetensors(exportPytorchWeights(session.makeModel(), TensorDtype::F64),
                  folder / "w" / "gru.safetensors");
  Session referring = session;
  referring.weights.reset();
  referring.h0.reset();
  std::string json = serializeSession(referring);
  const std::string anchor = "\"loss\": \"mse\"";
  json.insert(json.find(anchor) + anchor.size(), ",\n    \"weights_file\": \"w/gru.safetensors\"");
  { std::ofstream(folder / "s.rnnlab.json") << json; }
  const Session loaded = loadSession(folder / "s.rnnlab.json");
  ASSERT_TRUE(loaded.weights.has_value());
  EXPECT_TRUE(*loaded.weights == *session.weights);
  EXPECT_EQ(loaded.weightsFile, std::optional<std::string>("w/gru.safetensors"));
  // Written back as the reference, and read again the same.
  const std::string again = serializeSession(loaded);
  EXPECT_NE(again.find("\"weights_file\": \"w/gru.safetensors\""), std::string::npos);
  EXPECT_EQ(again.find("\"W_ih\""), std::string::npos);

  std::filesystem::remove(folder / "w" / "gru.safetensors");
  try {
    loadSession(folder / "s.rnnlab.json");
    ADD_FAILURE() << "a missing weights file was accepted";
  } catch (const SessionError& error) {
    EXPECT_NE(std::string(error.what()).find("model.weights_file"), std::string::npos)
        << error.what();
  }
  std::filesystem::remove_all(folder);
}

}  // namespace
