#include "cell_step.h"

#include "cell_passes.h"

namespace rnnlab::detail {

void forwardCell(const Model& model, const Vector& c0, ForwardPass& pass) {
  const Parameters& p = model.params;
  switch (model.config.cell) {
    case CellKind::Rnn:
      forwardRnn(p, pass);
      break;
    case CellKind::Lstm:
      forwardLstm(p, c0, pass);
      break;
    case CellKind::Gru:
      forwardGru(p, pass);
      break;
  }
}

}  // namespace rnnlab::detail
