#include "views/outputs_table_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <algorithm>
#include <cmath>
#include <limits>

#include "views/one_hot_columns.h"
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
  m_inputIndex = one_hot_columns::inputIndices(pass);
  m_targetIndex = one_hot_columns::targetIndices(pass);
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
    if (!m_characters.isEmpty()) {
      emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);  // the characters read
    }
  }
}

void OutputsTableModel::setCharacters(const QStringList& characters) {
  if (characters == m_characters) {
    return;
  }
  beginResetModel();
  m_characters = characters;
  endResetModel();
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
  const int trailingLoss = m_characters.isEmpty() ? 1 : 0;
  return leadingColumns() + static_cast<int>(m_outputs.rows()) * columnsPerUnit() + trailingLoss;
}

OutputsTableModel::Column OutputsTableModel::column(int section) const {
  if (section < leadingColumns()) {
    constexpr Kind Leading[] = {Kind::Predicted, Kind::TargetCharacter, Kind::StepLoss};
    return {Leading[section], 0};
  }
  section -= leadingColumns();
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
    case Kind::Predicted:
    case Kind::TargetCharacter:
      return none;
  }
  return none;
}

int OutputsTableModel::predictedUnit(int row) const {
  const rnnlab::Matrix& scores = m_probabilities.cols() > row ? m_probabilities : m_outputs;
  if (row >= scores.cols() || scores.rows() == 0) {
    return -1;
  }
  Eigen::Index best = 0;
  scores.col(row).maxCoeff(&best);
  return static_cast<int>(best);
}

QVariant OutputsTableModel::characterData(int row, Kind kind, int role) const {
  const int target = row < static_cast<int>(m_targetIndex.size())
                         ? m_targetIndex[static_cast<std::size_t>(row)]
                         : -1;
  if (kind == Kind::TargetCharacter) {
    if (role == Qt::DisplayRole) {
      return target >= 0 ? one_hot_columns::label(m_characters, target) : QStringLiteral("—");
    }
    if (role == Qt::TextAlignmentRole) {
      return QVariant(Qt::AlignCenter);
    }
    if (role == Qt::ForegroundRole) {
      return QBrush(Qt::black);  // on its light grey, also in a dark palette
    }
    return role == Qt::BackgroundRole ? QVariant(QBrush(QColor(0xee, 0xee, 0xee))) : QVariant();
  }
  const int best = predictedUnit(row);
  if (best < 0) {
    return {};
  }
  const bool hasProbability = row < m_probabilities.cols();
  const double p = hasProbability ? m_probabilities(best, row) : std::nan("");
  switch (role) {
    case Qt::DisplayRole:
      return hasProbability
                 ? QStringLiteral("%1  %2%").arg(one_hot_columns::label(m_characters, best),
                                                 formatNumber(100.0 * p, 'f', 1))
                 : one_hot_columns::label(m_characters, best);
    case Qt::ToolTipRole:
      return tr("the most likely next character: %1 (p = %2)")
          .arg(one_hot_columns::label(m_characters, best), QString::number(p, 'g', 6));
    case Qt::BackgroundRole:
      if (target >= 0) {
        // Green when the most likely character is the right one, red when it is not.
        return QBrush(best == target ? QColor(0xc7, 0xe9, 0xc0) : QColor(0xfc, 0xd5, 0xc8));
      }
      return {};
    case Qt::TextAlignmentRole:
      return QVariant(Qt::AlignCenter);
    default:
      return {};
  }
}

QVariant OutputsTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
    return {};
  }
  const int row = index.row();
  const Column c = column(index.column());
  if (c.kind == Kind::Predicted || c.kind == Kind::TargetCharacter) {
    return characterData(row, c.kind, role);
  }
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
      if (c.kind == Kind::Target) {
        return QBrush(Qt::black);  // on its light grey, also in a dark palette
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
      case Kind::Predicted:
        return tr(
            "the most likely next character and its probability (green: it is the "
            "target)");
      case Kind::TargetCharacter:
        return tr("the next character, which the step is asked to predict");
    }
  }
  if (role != Qt::DisplayRole) {
    return {};
  }
  if (orientation == Qt::Vertical) {
    if (!m_characters.isEmpty() && section < static_cast<int>(m_inputIndex.size())) {
      return QStringLiteral("t=%1 %2")
          .arg(section + 1)
          .arg(one_hot_columns::label(m_characters,
                                      m_inputIndex[static_cast<std::size_t>(section)]));
    }
    return QStringLiteral("t=%1").arg(section + 1);
  }
  const Column c = column(section);
  const QString k = m_characters.isEmpty()
                        ? subscript(c.unit + 1)
                        : QStringLiteral("(%1)").arg(one_hot_columns::label(m_characters, c.unit));
  switch (c.kind) {
    case Kind::Output:
      return QStringLiteral("y") + k;
    case Kind::Probability:
      return QStringLiteral("p") + k;
    case Kind::Target:
      return QStringLiteral("d") + k;
    case Kind::StepLoss:
      return tr("loss");
    case Kind::Predicted:
      return tr("next (p)");
    case Kind::TargetCharacter:
      return tr("target");
  }
  return {};
}
