#include "inspection/gradient_check_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStringList>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <string_view>

#include "rnnlab/session.h"
#include "widgets/parameter_blocks.h"

namespace {

enum Column { ParameterColumn, CheckedColumn, ErrorColumn, StatusColumn, ColumnCount };

const QColor PassBackground(0xc8, 0xe6, 0xc9);
const QColor FailBackground(0xff, 0xcd, 0xd2);
const QColor PassText(0x1b, 0x5e, 0x20);
const QColor FailText(0xb7, 0x1c, 0x1c);

QString toleranceText() { return QString::number(rnnlab::GradientCheckResult::Tolerance, 'g', 3); }

QString errorText(double error) {
  return std::isfinite(error) ? QString::number(error, 'e', 2) : QString::number(error);
}

QString bugNames(const rnnlab::BlogBugs& bugs) {
  QStringList names;
  for (const rnnlab::BlogBug bug : bugs.list()) {
    const std::string_view name = rnnlab::toString(bug);
    names << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
  }
  return names.join(QStringLiteral(", "));
}

QString shapeText(const rnnlab::Model& model, int block) {
  const rnnlab::Matrix& m = model.params.block(block);
  return model.params.isBias(block) ? QString::number(m.rows())
                                    : QStringLiteral("%1×%2").arg(m.rows()).arg(m.cols());
}

}  // namespace

GradientCheckPanel::GradientCheckPanel(QWidget* parent)
    : QWidget(parent),
      // Started by a click, at once, and also while the panel is hidden (a lesson runs it).
      m_job({nullptr, 0, JobStart::AtOnce}, &GradientCheckPanel::check,
            [this](const CheckInput&, rnnlab::GradientCheckResult result) {
              onCheckFinished(std::move(result));
            }) {
  m_runButton = new QPushButton(tr("Run gradient check"), this);
  m_runButton->setToolTip(
      tr("Compare backpropagation's gradients with central finite differences of the loss"));
  m_busy = new QProgressBar(this);
  m_busy->setRange(0, 0);  // busy indicator: the core check reports no progress
  m_busy->setMaximumWidth(120);
  m_busy->setTextVisible(false);
  m_busy->hide();
  m_scope = new QLabel(this);
  m_scope->setWordWrap(true);

  m_table = new QTableWidget(rnnlab::Parameters::MaxBlockCount, ColumnCount, this);
  m_table->setHorizontalHeaderLabels(
      {tr("Parameter"), tr("Checked elements"), tr("Max relative error"), tr("Status")});
  m_table->verticalHeader()->hide();
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  m_table->setFocusPolicy(Qt::NoFocus);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setStretchLastSection(true);
  for (int row = 0; row < rnnlab::Parameters::MaxBlockCount; ++row) {
    for (int column = 0; column < ColumnCount; ++column) {
      auto* item = new QTableWidgetItem;
      item->setTextAlignment(column == ParameterColumn ? Qt::AlignLeft | Qt::AlignVCenter
                                                       : Qt::AlignRight | Qt::AlignVCenter);
      m_table->setItem(row, column, item);
    }
    m_table->item(row, StatusColumn)->setTextAlignment(Qt::AlignCenter);
  }
  m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);

  m_verdict = new QLabel(this);
  m_verdict->setWordWrap(true);
  m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_expectation = new QLabel(expectationText(), this);
  m_expectation->setWordWrap(true);
  m_expectation->setForegroundRole(QPalette::PlaceholderText);

  auto* controls = new QHBoxLayout;
  controls->addWidget(m_runButton);
  controls->addWidget(m_busy);
  controls->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addWidget(m_scope);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_verdict);
  layout->addWidget(m_expectation);

  connect(m_runButton, &QPushButton::clicked, this, &GradientCheckPanel::runCheck);
  // The button and the busy bar follow the job, also when a check ends without a result.
  connect(&m_job, &LatestOnlyJobBase::busyChanged, this, &GradientCheckPanel::updateState);
  updateState();
}

void GradientCheckPanel::setModelAndData(const rnnlab::Model& model,
                                         const rnnlab::SequenceData& sequence) {
  m_model = model;
  m_data = sequence;
  ++m_generation;
  validateInputs();
  updateState();
}

void GradientCheckPanel::clearResult() {
  m_result.reset();
  m_checkedShapes.clear();
  m_checkedNames.clear();
  ++m_generation;  // a check still running is of the old session too
  updateState();
}

void GradientCheckPanel::setBlogBugs(const rnnlab::BlogBugs& bugs) {
  if (bugs == m_blogBugs) {
    return;
  }
  m_blogBugs = bugs;
  ++m_generation;  // a result of the other gradient no longer describes what training computes
  validateInputs();
  updateState();
}

void GradientCheckPanel::validateInputs() {
  if (!m_model) {
    m_inputProblem.clear();
    return;
  }
  // The core's own validation, so the panel refuses exactly what a session file would.
  rnnlab::Session session;
  session.model = m_model->config;
  session.weights = m_model->params;
  session.h0 = m_model->h0;
  if (m_model->config.cell == rnnlab::CellKind::Lstm && m_model->c0.size() == m_model->h0.size()) {
    session.c0 = m_model->c0;
  }
  session.data = m_data;
  session.training.blogBugs = m_blogBugs;
  m_inputProblem = QString::fromStdString(rnnlab::validate(session).value_or(std::string()));
}

rnnlab::GradientCheckOptions GradientCheckPanel::checkOptions() const {
  rnnlab::GradientCheckOptions options;
  if (m_model && m_model->params.elementCount() > FullCheckLimit) {
    options.maxElementsPerBlock = SampleSizePerBlock;
  }
  options.blogBugs = m_blogBugs;
  return options;
}

rnnlab::GradientCheckResult GradientCheckPanel::check(const CheckInput& input,
                                                      const std::atomic<bool>& cancel) {
  rnnlab::GradientCheckOptions options = input.options;
  options.cancel = &cancel;
  return rnnlab::gradientCheck(input.model, input.data, options);
}

void GradientCheckPanel::runCheck() {
  if (isRunning() || !m_model || !m_inputProblem.isEmpty()) {
    return;
  }
  m_checkedGeneration = m_generation;
  m_checkedBlogBugs = m_blogBugs;
  m_checkedShapes.clear();
  m_checkedNames.clear();
  const auto blocks = m_model->params.blocks();
  for (int block = 0; block < m_model->params.blockCount(); ++block) {
    m_checkedShapes << shapeText(*m_model, block);
    m_checkedNames << blockName(m_model->params, block);
    m_checkedBlockSizes[static_cast<std::size_t>(block)] =
        blocks[static_cast<std::size_t>(block)].size();
  }
  m_job.request(CheckInput{*m_model, m_data, checkOptions()});
  updateState();
  emit started();
}

void GradientCheckPanel::onCheckFinished(rnnlab::GradientCheckResult result) {
  m_result = std::move(result);
  showResult();
  updateState();
  emit finished(*m_result);
}

QString GradientCheckPanel::scopeText() const {
  const QLocale locale;
  if (!m_model) {
    return tr("No model yet.");
  }
  if (!m_inputProblem.isEmpty()) {
    return tr("Cannot check: %1").arg(m_inputProblem);
  }
  const rnnlab::Index count = m_model->params.elementCount();
  QString text;
  if (checkOptions().maxElementsPerBlock > 0) {
    text = tr("The model has %1 parameters, more than %2: each check samples up to %3 elements "
              "of every block (seed %4), two forward passes each.")
               .arg(locale.toString(static_cast<qlonglong>(count)),
                    locale.toString(static_cast<qlonglong>(FullCheckLimit)),
                    QString::number(SampleSizePerBlock),
                    QString::number(checkOptions().sampleSeed));
  } else {
    text = tr("All %1 parameters are checked, two forward passes each.")
               .arg(locale.toString(static_cast<qlonglong>(count)));
  }
  if (m_blogBugs.any()) {
    text += u' ' + tr("Teaching: the blog's bugs are on (%1), so the gradient checked is the "
                      "blog's, wrong on purpose: expect errors of order 1 where a bug changes "
                      "the gradient.")
                       .arg(bugNames(m_blogBugs));
  }
  return text;
}

QString GradientCheckPanel::expectationText() {
  return tr("What to expect: a correct backpropagation passes with every error below the "
            "tolerance %1. Errors of 1e-8 to 1e-6 are normal: the finite difference (step h = %2) "
            "carries rounding noise of about 1e-11·|L|, which is large relative to the smallest "
            "gradients (e.g. of saturated tanh units). A wrong formula gives errors near 1.")
      .arg(toleranceText(), QString::number(rnnlab::GradientCheckResult::Step, 'g', 3));
}

QString GradientCheckPanel::verdictText() const {
  if (isRunning()) {
    return tr("Checking…");
  }
  if (!m_result) {
    return tr("Not checked yet. Errors below %1 mean backpropagation and the finite differences "
              "agree.")
        .arg(toleranceText());
  }
  QString text;
  if (!std::isfinite(m_result->loss)) {
    text = tr("Cannot check: the loss is %1 — the weights or the inputs are too large.")
               .arg(QString::number(m_result->loss));
  } else if (m_result->passed()) {
    text = tr("Passed: every error is at most the tolerance %1 (worst %2).")
               .arg(toleranceText(), errorText(m_result->worst()));
  } else {
    int worst = 0;
    for (int b = 1; b < m_result->blockCount; ++b) {
      if (!(m_result->maxRelativeError[b] <= m_result->maxRelativeError[worst])) {
        worst = b;
      }
    }
    text = tr("FAILED: %1's error %2 is above the tolerance %3.")
               .arg(m_checkedNames.value(worst), errorText(m_result->maxRelativeError[worst]),
                    toleranceText());
    if (m_checkedBlogBugs.any()) {
      text += u' ' + tr("As it should: this was the blog's gradient (%1), not the true one.")
                         .arg(bugNames(m_checkedBlogBugs));
    }
  }
  if (m_checkedGeneration != m_generation) {
    text += tr(" (The model or data changed since this check: run it again.)");
  }
  return text;
}

void GradientCheckPanel::showResult() {
  // The blocks of the checked model; before any check, of the current one (stacks included).
  QStringList names = m_checkedNames;
  if (!m_result || names.isEmpty()) {
    names.clear();
    const rnnlab::Parameters none;
    const rnnlab::Parameters& params = m_model ? m_model->params : none;
    for (int block = 0; block < params.blockCount(); ++block) {
      names << blockName(params, block);
    }
  }
  const int rows = static_cast<int>(names.size());
  for (int row = 0; row < rnnlab::Parameters::MaxBlockCount; ++row) {
    m_table->setRowHidden(row, row >= rows);
  }
  for (int row = 0; row < rows; ++row) {
    QString label = names[row];
    // The shapes of the checked model; before any check, of the current one.
    if (m_result && row < m_checkedShapes.size()) {
      label += QStringLiteral("  (%1)").arg(m_checkedShapes[row]);
    } else if (m_model && row < m_model->params.blockCount()) {
      label += QStringLiteral("  (%1)").arg(shapeText(*m_model, row));
    }
    m_table->item(row, ParameterColumn)->setText(label);
    QTableWidgetItem* checked = m_table->item(row, CheckedColumn);
    QTableWidgetItem* error = m_table->item(row, ErrorColumn);
    QTableWidgetItem* status = m_table->item(row, StatusColumn);
    if (!m_result) {
      for (QTableWidgetItem* item : {checked, error, status}) {
        item->setText(QStringLiteral("—"));
        item->setBackground(QBrush());
        item->setForeground(QBrush());
        item->setToolTip(QString());
      }
      continue;
    }
    const double value = m_result->maxRelativeError[static_cast<std::size_t>(row)];
    const QLocale locale;
    const rnnlab::Index checkedCount = m_result->checkedElements[static_cast<std::size_t>(row)];
    const rnnlab::Index blockSize = m_checkedBlockSizes[static_cast<std::size_t>(row)];
    checked->setText(checkedCount < blockSize
                         ? tr("%1 of %2")
                               .arg(locale.toString(static_cast<qlonglong>(checkedCount)),
                                    locale.toString(static_cast<qlonglong>(blockSize)))
                         : locale.toString(static_cast<qlonglong>(checkedCount)));
    error->setText(errorText(value));
    error->setToolTip(QString::number(value, 'g', 17));
    const bool ok = value <= rnnlab::GradientCheckResult::Tolerance;
    status->setText(ok ? tr("✓ below %1").arg(toleranceText())
                       : tr("✗ above %1").arg(toleranceText()));
    status->setBackground(ok ? PassBackground : FailBackground);
    status->setForeground(ok ? PassText : FailText);
  }
}

void GradientCheckPanel::updateState() {
  const bool running = isRunning();
  m_runButton->setEnabled(!running && m_model && m_inputProblem.isEmpty());
  m_busy->setVisible(running);
  m_scope->setText(scopeText());
  if (!running) {
    showResult();
  }
  QString verdict = verdictText();
  m_verdict->setText(verdict);
  QPalette palette = m_verdict->palette();
  const bool failed = m_result && !running && !m_result->passed();
  const bool passed = m_result && !running && m_result->passed();
  palette.setColor(
      QPalette::WindowText,
      failed ? FailText : (passed ? PassText : this->palette().color(QPalette::WindowText)));
  m_verdict->setPalette(palette);
}
