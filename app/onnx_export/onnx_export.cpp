#include "onnx_export.h"

#include <onnx/onnx_pb.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "rnnlab/session.h"
#include "rnnlab/types.h"

namespace rnnlab::onnx_export {
namespace {

// The IR version that goes with opset 14 (ONNX 1.9), so that older runtimes open the file too.
constexpr std::int64_t IrVersion = 7;

// For each of ONNX's gate blocks, the index of the same gate in our (PyTorch's) order.
std::span<const int> onnxGateOrder(CellKind cell) {
  static constexpr std::array<int, 1> Rnn = {0};
  static constexpr std::array<int, 4> Lstm = {0, 3, 1, 2};  // i, o, f, c  <-  i, f, g, o
  static constexpr std::array<int, 3> Gru = {1, 0, 2};      // z, r, h     <-  r, z, n
  switch (cell) {
    case CellKind::Lstm:
      return Lstm;
    case CellKind::Gru:
      return Gru;
    case CellKind::Rnn:
      break;
  }
  return Rnn;
}

std::string_view operatorName(CellKind cell) {
  switch (cell) {
    case CellKind::Lstm:
      return "LSTM";
    case CellKind::Gru:
      return "GRU";
    case CellKind::Rnn:
      break;
  }
  return "RNN";
}

// The rows of `matrix` with its gate blocks (H rows each) put in ONNX's order.
Matrix reorderGates(const Matrix& matrix, CellKind cell, Index hidden) {
  const std::span<const int> order = onnxGateOrder(cell);
  Matrix reordered(matrix.rows(), matrix.cols());
  for (std::size_t block = 0; block < order.size(); ++block) {
    reordered.middleRows(static_cast<Index>(block) * hidden, hidden) =
        matrix.middleRows(order[block] * hidden, hidden);
  }
  return reordered;
}

class GraphBuilder {
 public:
  GraphBuilder(onnx::GraphProto& graph, TensorDtype dtype)
      : m_graph(graph),
        m_elementType(dtype == TensorDtype::F64 ? onnx::TensorProto::DOUBLE
                                                : onnx::TensorProto::FLOAT) {}

  int elementType() const { return m_elementType; }

  // An initializer: `matrix`'s elements in row-major order under the given dims.
  void addWeights(const std::string& name, const Matrix& matrix, std::vector<std::int64_t> dims,
                  const std::string& doc) {
    onnx::TensorProto* tensor = m_graph.add_initializer();
    tensor->set_name(name);
    tensor->set_doc_string(doc);
    tensor->set_data_type(m_elementType);
    for (const std::int64_t dim : dims) {
      tensor->add_dims(dim);
    }
    for (Index r = 0; r < matrix.rows(); ++r) {
      for (Index c = 0; c < matrix.cols(); ++c) {
        if (m_elementType == onnx::TensorProto::DOUBLE) {
          tensor->add_double_data(matrix(r, c));
        } else {
          tensor->add_float_data(static_cast<float>(matrix(r, c)));
        }
      }
    }
  }

  void addInt64(const std::string& name, const std::vector<std::int64_t>& values) {
    onnx::TensorProto* tensor = m_graph.add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto::INT64);
    tensor->add_dims(static_cast<std::int64_t>(values.size()));
    for (const std::int64_t value : values) {
      tensor->add_int64_data(value);
    }
  }

  // A graph input or output of the element type. A dim of −1 is the symbolic sequence length.
  static void describe(onnx::ValueInfoProto* value, const std::string& name, int elementType,
                       const std::vector<std::int64_t>& dims, const std::string& doc) {
    value->set_name(name);
    value->set_doc_string(doc);
    onnx::TypeProto_Tensor* type = value->mutable_type()->mutable_tensor_type();
    type->set_elem_type(elementType);
    onnx::TensorShapeProto* shape = type->mutable_shape();
    for (const std::int64_t dim : dims) {
      if (dim < 0) {
        shape->add_dim()->set_dim_param("sequence_length");
      } else {
        shape->add_dim()->set_dim_value(dim);
      }
    }
  }
  void addInput(const std::string& name, const std::vector<std::int64_t>& dims,
                const std::string& doc) {
    describe(m_graph.add_input(), name, m_elementType, dims, doc);
  }
  void addOutput(const std::string& name, const std::vector<std::int64_t>& dims,
                 const std::string& doc) {
    describe(m_graph.add_output(), name, m_elementType, dims, doc);
  }

  onnx::NodeProto* addNode(std::string_view opType, const std::string& name,
                           const std::vector<std::string>& inputs,
                           const std::vector<std::string>& outputs) {
    onnx::NodeProto* node = m_graph.add_node();
    node->set_op_type(std::string(opType));
    node->set_name(name);
    for (const std::string& input : inputs) {
      node->add_input(input);
    }
    for (const std::string& output : outputs) {
      node->add_output(output);
    }
    return node;
  }

  static void setInt(onnx::NodeProto* node, const std::string& name, std::int64_t value) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INT);
    attribute->set_i(value);
  }
  static void setString(onnx::NodeProto* node, const std::string& name, const std::string& value) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::STRING);
    attribute->set_s(value);
  }
  static void setInts(onnx::NodeProto* node, const std::string& name,
                      const std::vector<std::int64_t>& values) {
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INTS);
    for (const std::int64_t value : values) {
      attribute->add_ints(value);
    }
  }

 private:
  onnx::GraphProto& m_graph;
  int m_elementType;
};

void addMetadata(onnx::ModelProto& model, const std::string& key, const std::string& value) {
  onnx::StringStringEntryProto* entry = model.add_metadata_props();
  entry->set_key(key);
  entry->set_value(value);
}

// The single cell's graph (L·D = 1), as the file was before stacks: one operator, its Y squeezed.
void addSingleCell(GraphBuilder& builder, const Model& model) {
  const ModelConfig& config = model.config;
  const Parameters& p = model.params;
  const CellKind cell = config.cell;
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index G = gateCount(cell);
  const bool lstm = cell == CellKind::Lstm;
  const bool rnn = cell == CellKind::Rnn;

  builder.addInput("x", {-1, 1, I}, "the inputs x_1..x_T, one row per step");
  builder.addInput("initial_h", {1, 1, H}, "h0; defaults to the session's");
  if (lstm) {
    builder.addInput("initial_c", {1, 1, H}, "c0; defaults to the session's");
  }

  builder.addWeights("W", reorderGates(p.Wxh(), cell, H), {1, G * H, I},
                     "input weights, gate blocks in ONNX's order");
  builder.addWeights("R", reorderGates(p.Whh(), cell, H), {1, G * H, H},
                     "recurrent weights, gate blocks in ONNX's order");
  Matrix bias(2 * G * H, 1);
  if (rnn) {
    bias << p.bh(), Vector::Zero(H);
  } else {
    bias << reorderGates(p.bih(), cell, H), reorderGates(p.bhh(), cell, H);
  }
  builder.addWeights("B", bias.transpose(), {1, 2 * G * H}, "[Wb, Rb]: the two biases");
  const Vector h0 = model.h0.size() == H ? model.h0 : Vector::Zero(H);
  builder.addWeights("initial_h", h0.transpose(), {1, 1, H}, "h0");
  if (lstm) {
    const Vector c0 = model.c0.size() == H ? model.c0 : Vector::Zero(H);
    builder.addWeights("initial_c", c0.transpose(), {1, 1, H}, "c0");
  }
  builder.addWeights("fc_weight_t", p.Why().transpose(), {H, O}, "Why transposed (H x O)");
  builder.addWeights("fc_bias", Matrix(p.by()), {O}, "by");
  builder.addInt64("squeeze_axes", {1});

  std::vector<std::string> cellInputs = {"x", "W", "R", "B", "", "initial_h"};
  std::vector<std::string> cellOutputs = {"Y", "final_h"};
  if (lstm) {
    cellInputs.push_back("initial_c");
    cellOutputs.push_back("final_c");
  }
  onnx::NodeProto* recurrent =
      builder.addNode(operatorName(cell), "recurrent", cellInputs, cellOutputs);
  GraphBuilder::setInt(recurrent, "hidden_size", H);
  if (cell == CellKind::Gru) {
    // The reset gate multiplies (R_h·h + Rb_h), as in PyTorch's nn.GRU.
    GraphBuilder::setInt(recurrent, "linear_before_reset", 1);
  }
  builder.addNode("Squeeze", "drop_direction_axis", {"Y", "squeeze_axes"}, {"hidden"});
  builder.addNode("MatMul", "output_layer_weights", {"hidden", "fc_weight_t"}, {"Why_h"});
  builder.addNode("Add", "output_layer_bias", {"Why_h", "fc_bias"}, {"y"});

  builder.addOutput("y", {-1, 1, O}, "y_t = Why h_t + by for every step");
  builder.addOutput("hidden", {-1, 1, H}, "h_1..h_T");
  builder.addOutput("final_h", {1, 1, H}, "h_T");
  if (lstm) {
    builder.addOutput("final_c", {1, 1, H}, "c_T");
  }
}

// The shortest decimal that reads back as `value` exactly (the metadata's dropout).
std::string shortestDecimal(double value) {
  std::array<char, 64> buffer{};
  const std::to_chars_result result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

// A stack (spec v3 §1, L·D > 1): one operator per layer, direction "bidirectional" where D = 2,
// with W, R and B shaped [D, …] (the forward cell's blocks, then the reverse cell's, each in
// ONNX's gate order). Layer k's Y (T × D × 1 × H) is joined to T × 1 × (D·H), h→ first, by a
// Transpose to T × 1 × D × H and a Reshape: the input of layer k + 1, and for the top layer the
// output layer's input `hidden`. Each layer's initial states are inputs initial_h_l{k} (and
// initial_c_l{k}), D × 1 × H, whose defaults are the session's rows of h0 (c0).
void addStack(GraphBuilder& builder, const Model& model) {
  const ModelConfig& config = model.config;
  const Parameters& p = model.params;
  const CellKind cell = config.cell;
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index G = gateCount(cell);
  const Index GH = G * H;
  const int L = config.layers;
  const int D = config.directions();
  const Index DH = config.topSize();
  const bool lstm = cell == CellKind::Lstm;
  const Index states = static_cast<Index>(config.cellCount()) * H;
  const Vector h0 = model.h0.size() == states ? model.h0 : Vector::Zero(states);
  const Vector c0 = model.c0.size() == states ? model.c0 : Vector::Zero(states);
  const auto layerName = [](const char* base, int layer) {
    return std::string(base) + "_l" + std::to_string(layer);
  };

  builder.addInput("x", {-1, 1, I}, "the inputs x_1..x_T, one row per step");
  for (int k = 0; k < L; ++k) {
    builder.addInput(layerName("initial_h", k), {D, 1, H},
                     "layer " + std::to_string(k) + "'s h0 (forward, then reverse); defaults to "
                     "the session's");
    if (lstm) {
      builder.addInput(layerName("initial_c", k), {D, 1, H},
                       "layer " + std::to_string(k) + "'s c0; defaults to the session's");
    }
  }

  for (int k = 0; k < L; ++k) {
    const Index inputs = k == 0 ? I : DH;
    Matrix W(D * GH, inputs);
    Matrix R(D * GH, H);
    Matrix B(D, 2 * GH);
    Matrix initialH(D, H);
    Matrix initialC(D, H);
    for (int d = 0; d < D; ++d) {
      const auto block = [&](CellBlock role) -> const Matrix& {
        return p.block(p.cellBlockIndex(k, d, role));
      };
      W.middleRows(d * GH, GH) = reorderGates(block(CellBlock::InputWeights), cell, H);
      R.middleRows(d * GH, GH) = reorderGates(block(CellBlock::RecurrentWeights), cell, H);
      if (cell == CellKind::Rnn) {
        B.row(d) << block(CellBlock::InputBias).transpose(), Vector::Zero(H).transpose();
      } else {
        B.row(d) << reorderGates(block(CellBlock::InputBias), cell, H).transpose(),
            reorderGates(block(CellBlock::RecurrentBias), cell, H).transpose();
      }
      const Index row = (static_cast<Index>(k) * D + d) * H;
      initialH.row(d) = h0.segment(row, H).transpose();
      initialC.row(d) = c0.segment(row, H).transpose();
    }
    const std::string of = " of layer " + std::to_string(k) + " (forward, then reverse)";
    builder.addWeights(layerName("W", k), W, {D, GH, inputs},
                       "input weights" + of + ", gate blocks in ONNX's order");
    builder.addWeights(layerName("R", k), R, {D, GH, H},
                       "recurrent weights" + of + ", gate blocks in ONNX's order");
    builder.addWeights(layerName("B", k), B, {D, 2 * GH}, "[Wb, Rb]" + of);
    builder.addWeights(layerName("initial_h", k), initialH, {D, 1, H}, "h0" + of);
    if (lstm) {
      builder.addWeights(layerName("initial_c", k), initialC, {D, 1, H}, "c0" + of);
    }
  }
  builder.addWeights("fc_weight_t", p.Why().transpose(), {DH, O},
                     "Why transposed ((D*H) x O)");
  builder.addWeights("fc_bias", Matrix(p.by()), {O}, "by");
  builder.addInt64("layer_output_shape", {-1, 1, DH});

  for (int k = 0; k < L; ++k) {
    std::vector<std::string> cellInputs = {k == 0 ? "x" : layerName("layer_output", k - 1),
                                           layerName("W", k),
                                           layerName("R", k),
                                           layerName("B", k),
                                           "",
                                           layerName("initial_h", k)};
    std::vector<std::string> cellOutputs = {layerName("Y", k), layerName("final_h", k)};
    if (lstm) {
      cellInputs.push_back(layerName("initial_c", k));
      cellOutputs.push_back(layerName("final_c", k));
    }
    onnx::NodeProto* recurrent =
        builder.addNode(operatorName(cell), layerName("recurrent", k), cellInputs, cellOutputs);
    GraphBuilder::setInt(recurrent, "hidden_size", H);
    if (D == 2) {
      GraphBuilder::setString(recurrent, "direction", "bidirectional");
    }
    if (cell == CellKind::Gru) {
      GraphBuilder::setInt(recurrent, "linear_before_reset", 1);  // as PyTorch's nn.GRU
    }
    onnx::NodeProto* transpose = builder.addNode("Transpose", layerName("steps_first", k),
                                                 {layerName("Y", k)}, {layerName("Y_steps", k)});
    GraphBuilder::setInts(transpose, "perm", {0, 2, 1, 3});
    builder.addNode("Reshape", layerName("join_directions", k),
                    {layerName("Y_steps", k), "layer_output_shape"},
                    {k + 1 == L ? std::string("hidden") : layerName("layer_output", k)});
  }
  builder.addNode("MatMul", "output_layer_weights", {"hidden", "fc_weight_t"}, {"Why_h"});
  builder.addNode("Add", "output_layer_bias", {"Why_h", "fc_bias"}, {"y"});

  builder.addOutput("y", {-1, 1, O}, "y_t = Why o_t + by for every step (o_t: the top layer's output)");
  builder.addOutput("hidden", {-1, 1, DH}, "the top layer's outputs o_1..o_T, [h->_t ; h<-_t]");
  for (int k = 0; k < L; ++k) {
    builder.addOutput(layerName("final_h", k), {D, 1, H},
                      "layer " + std::to_string(k) + "'s last states (forward: after x_T; "
                      "reverse: after x_1)");
    if (lstm) {
      builder.addOutput(layerName("final_c", k), {D, 1, H},
                        "layer " + std::to_string(k) + "'s last cell states");
    }
  }
}

}  // namespace

std::string encodeOnnxModel(const Model& model, const OnnxExportOptions& options) {
  const ModelConfig& config = model.config;
  const CellKind cell = config.cell;

  onnx::ModelProto proto;
  proto.set_ir_version(IrVersion);
  proto.set_producer_name("rnnlab-cli");
  proto.set_producer_version(options.producerVersion);
  proto.set_model_version(1);
  proto.set_doc_string(
      config.stacked()
          ? "RNN Lab model: " + std::to_string(config.layers) + " stacked layer(s) of " +
                std::string(toString(cell)) + " cells" +
                (config.bidirectional ? " in two directions" : "") +
                ", each layer's operator reading the one below (its output T x 1 x (D*H), h-> "
                "first), and a linear output layer on the top layer, y_t = fc_weight_t^T o_t + "
                "fc_bias at every step. Feed x as sequence_length x 1 x input_size; y and hidden "
                "equal rnnlab-cli grads's outputs and hidden."
          : "RNN Lab model: a one-layer " + std::string(toString(cell)) +
                " cell and a linear output layer, y_t = fc_weight_t^T h_t + fc_bias at every "
                "step. Feed x as sequence_length x 1 x input_size; y and hidden equal rnnlab-cli "
                "grads's outputs and hidden.");
  onnx::OperatorSetIdProto* opset = proto.add_opset_import();
  opset->set_domain("");
  opset->set_version(OpsetVersion);
  addMetadata(proto, "cell", std::string(toString(cell)));
  addMetadata(proto, "input_size", std::to_string(config.inputSize));
  addMetadata(proto, "hidden_size", std::to_string(config.hiddenSize));
  addMetadata(proto, "output_size", std::to_string(config.outputSize));
  addMetadata(proto, "output_mode", std::string(toString(config.outputMode)));
  addMetadata(proto, "loss", std::string(toString(config.loss)));
  if (config.stacked() || config.dropout > 0.0) {  // as the safetensors export (spec v3 §1)
    addMetadata(proto, "num_layers", std::to_string(config.layers));
    addMetadata(proto, "bidirectional", config.bidirectional ? "true" : "false");
    addMetadata(proto, "dropout", shortestDecimal(config.dropout));
  }
  if (!options.vocabulary.empty()) {
    addMetadata(proto, "vocabulary", options.vocabulary);
  }

  onnx::GraphProto& graph = *proto.mutable_graph();
  graph.set_name("rnnlab_" + std::string(toString(cell)));
  GraphBuilder builder(graph, options.dtype);
  if (config.stacked()) {
    addStack(builder, model);
  } else {
    addSingleCell(builder, model);
  }

  std::string bytes;
  if (!proto.SerializeToString(&bytes)) {
    throw SessionError("the ONNX model could not be serialized");
  }
  return bytes;
}

void saveOnnxModel(const Model& model, const OnnxExportOptions& options,
                   const std::filesystem::path& path) {
  writeFileAtomically(path, encodeOnnxModel(model, options));
}

}  // namespace rnnlab::onnx_export
