#include "views/outputs_table_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/color_scale.h"
#include "widgets/number_format.h"

namespace {

QString subscript(int number) {
  // Unicode subscript digits read better than y_1 on a projector.
  QString text;
  for (const QChar digit : QString::number(number)) {
    text += QChar(0x2080 + digit.digitValue());
  }
  return text;
}

QString formatted(double value) {
  return std::abs(value) < 1e4 ? formatNumber(value, 'f', 4) : formatNumber(value, 'g', 4);
}

}  // namespace

OutputsTableModel::OutputsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void OutputsTableModel::setForwardPass(const rnnlab::ForwardPass& pass, rnnlab::OutputMode mode,
                                       rnnlab::LossKind loss) {
  const bool sameShape = pass.outputs.rows() == m_outputs.rows() &&
                         pass.outputs.cols() == m_outputs.cols() && mode == m_mode &&
                         loss == m_loss;
  if (!sameShape) {
    beginResetModel();
  }
  m_outputs = pass.outputs;
  m_targets = pass.targets;
  m_probabilities = pass.probabilities;
  m_outputGrad = pass.outputGrad;
  m_stepLoss = pass.stepLoss;
  m_mode = mode;
  m_loss = loss;
  double largestTarget = 0.0;
  for (Eigen::Index i = 0; i < m_targets.size(); ++i) {
    if (std::isfinite(m_targets.data()[i])) {
      largestTarget = std::max(largestTarget, std::abs(m_targets.data()[i]));
    }
  }
  m_errorScale = std::max(1.0, largestTarget);
  if (!sameShape) {
    endResetModel();
  } else if (rowCount() > 0) {
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
  }
}

int OutputsTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_outputs.cols());
}

int OutputsTableModel::columnsPerUnit() const {
  return m_loss == rnnlab::LossKind::CrossEntropy ? 3 : 2;
}

int OutputsTableModel::columnCount(const QModelIndex& parent) const {
  if (parent.isValid() || m_outputs.size() == 0) {
    return 0;
  }
  return static_cast<int>(m_outputs.rows()) * columnsPerUnit() + 1;
}

OutputsTableModel::Column OutputsTableModel::column(int section) const {
  const int perUnit = columnsPerUnit();
  if (section >= static_cast<int>(m_outputs.rows()) * perUnit) {
    return {Kind::StepLoss, 0};
  }
  const int unit = section / perUnit;
  const int slot = section % perUnit;
  if (perUnit == 3) {
    // y, p, d: the probability sits next to the target it is compared with.
    return {slot == 0 ? Kind::Output : slot == 1 ? Kind::Probability : Kind::Target, unit};
  }
  return {slot == 0 ? Kind::Output : Kind::Target, unit};
}

long OutputsTableModel::targetColumn(long step) const {
  if (m_mode == rnnlab::OutputMode::Last) {
    return step == m_outputs.cols() - 1 && m_targets.cols() >= 1 ? 0 : -1;
  }
  return step < m_targets.cols() ? step : -1;
}

double OutputsTableModel::value(int row, const Column& c) const {
  const double none = std::numeric_limits<double>::quiet_NaN();
  switch (c.kind) {
    case Kind::Output:
      return m_outputs(c.unit, row);
    case Kind::Probability:
      return row < m_probabilities.cols() && c.unit < m_probabilities.rows()
                 ? m_probabilities(c.unit, row)
                 : none;
    case Kind::Target: {
      const long target = targetColumn(row);
      return target >= 0 && c.unit < m_targets.rows() ? m_targets(c.unit, target) : none;
    }
    case Kind::StepLoss:
      return targetColumn(row) >= 0 && row < m_stepLoss.size() ? m_stepLoss(row) : none;
  }
  return none;
}

QVariant OutputsTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
    return {};
  }
  const int row = index.row();
  const Column c = column(index.column());
  const bool hasTarget = targetColumn(row) >= 0;
  const double v = value(row, c);
  const bool missing = (c.kind == Kind::Target || c.kind == Kind::StepLoss) && !hasTarget;
  // The cell that is compared with the target carries the error colour.
  const bool errorCell = hasTarget &&
                         (m_loss == rnnlab::LossKind::CrossEntropy ? c.kind == Kind::Probability
                                                                   : c.kind == Kind::Output) &&
                         row < m_outputGrad.cols() && c.unit < m_outputGrad.rows();

  switch (role) {
    case Qt::DisplayRole:
      return missing ? QStringLiteral("—") : formatted(v);
    case Qt::ToolTipRole: {
      if (missing) {
        return tr("no target at this step (only the last step has one)");
      }
      QString tip = QString::number(v, 'g', 17);
      if (errorCell) {
        tip += tr("\nδy = ∂L/∂y = %1").arg(QString::number(m_outputGrad(c.unit, row), 'g', 17));
      }
      return tip;
    }
    case Qt::TextAlignmentRole:
      return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
      if (errorCell) {
        return QBrush(divergingColor(m_outputGrad(c.unit, row), m_errorScale));
      }
      if (c.kind == Kind::Target && !missing) {
        return QBrush(QColor(0xee, 0xee, 0xee));
      }
      return {};
    case Qt::ForegroundRole: {
      if (errorCell) {
        const QColor back = divergingColor(m_outputGrad(c.unit, row), m_errorScale);
        return QBrush(textColorOn(back));
      }
      if (missing || (!hasTarget && c.kind != Kind::Output)) {
        return QBrush(QColor(0x90, 0x90, 0x90));
      }
      return {};
    }
    default:
      return {};
  }
}

QVariant OutputsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role == Qt::ToolTipRole && orientation == Qt::Horizontal) {
    switch (column(section).kind) {
      case Kind::Output:
        return tr("the network's output y_t = Why·h_t + by");
      case Kind::Probability:
        return tr("softmax(y_t): the predicted probability");
      case Kind::Target:
        return tr("the target d_t");
      case Kind::StepLoss:
        return tr("this step's share of the loss");
    }
  }
  if (role != Qt::DisplayRole) {
    return {};
  }
  if (orientation == Qt::Vertical) {
    return QStringLiteral("t=%1").arg(section + 1);
  }
  const Column c = column(section);
  const QString k = subscript(c.unit + 1);
  switch (c.kind) {
    case Kind::Output:
      return QStringLiteral("y") + k;
    case Kind::Probability:
      return QStringLiteral("p") + k;
    case Kind::Target:
      return QStringLiteral("d") + k;
    case Kind::StepLoss:
      return tr("loss");
  }
  return {};
}
