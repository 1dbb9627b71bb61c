#include "rnnlab/model.h"

#include "rnnlab/rng.h"

namespace rnnlab {

Parameters Parameters::zeros(const ModelConfig& config) {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  return Parameters{Matrix::Zero(H, I), Matrix::Zero(H, H), Matrix::Zero(O, H), Vector::Zero(H),
                    Vector::Zero(O)};
}

std::array<Eigen::Map<Eigen::ArrayXd>, Parameters::BlockCount> Parameters::blocks() {
  using Map = Eigen::Map<Eigen::ArrayXd>;
  return {Map(Wxh.data(), Wxh.size()), Map(Whh.data(), Whh.size()), Map(Why.data(), Why.size()),
          Map(bh.data(), bh.size()), Map(by.data(), by.size())};
}

std::array<Eigen::Map<const Eigen::ArrayXd>, Parameters::BlockCount> Parameters::blocks() const {
  using Map = Eigen::Map<const Eigen::ArrayXd>;
  return {Map(Wxh.data(), Wxh.size()), Map(Whh.data(), Whh.size()), Map(Why.data(), Why.size()),
          Map(bh.data(), bh.size()), Map(by.data(), by.size())};
}

Index Parameters::elementCount() const {
  return Wxh.size() + Whh.size() + Why.size() + bh.size() + by.size();
}

bool Parameters::allFinite() const {
  return Wxh.allFinite() && Whh.allFinite() && Why.allFinite() && bh.allFinite() && by.allFinite();
}

bool Parameters::hasShape(const ModelConfig& config) const {
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  return Wxh.rows() == H && Wxh.cols() == I && Whh.rows() == H && Whh.cols() == H &&
         Why.rows() == O && Why.cols() == H && bh.size() == H && by.size() == O;
}

void Parameters::setZero() {
  for (auto block : blocks()) {
    block.setZero();
  }
}

bool operator==(const Parameters& a, const Parameters& b) {
  const auto x = a.blocks();
  const auto y = b.blocks();
  for (int k = 0; k < Parameters::BlockCount; ++k) {
    if (x[k].size() != y[k].size() || !(x[k] == y[k]).all()) {
      return false;
    }
  }
  return a.Wxh.rows() == b.Wxh.rows() && a.Why.rows() == b.Why.rows();
}

bool operator==(const Model& a, const Model& b) {
  return a.config == b.config && a.params == b.params && a.h0.size() == b.h0.size() && a.h0 == b.h0;
}

Model Model::initialized(const ModelConfig& config, std::uint64_t seed, double initScale) {
  Model model{config, Parameters::zeros(config), Vector::Zero(config.hiddenSize)};
  Rng rng(seed);
  for (Matrix* weights : {&model.params.Wxh, &model.params.Whh, &model.params.Why}) {
    for (Index r = 0; r < weights->rows(); ++r) {
      for (Index c = 0; c < weights->cols(); ++c) {
        (*weights)(r, c) = initScale * rng.normal();
      }
    }
  }
  return model;
}

}  // namespace rnnlab
