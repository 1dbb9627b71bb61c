#include "shell/view_docks.h"

#include <QDockWidget>
#include <QObject>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include "editors/sequence_editor.h"
#include "editors/settings_panel.h"
#include "inspection/equations_panel.h"
#include "inspection/gradient_check_panel.h"
#include "inspection/gradient_flow_strip.h"
#include "inspection/gradient_flow_view.h"
#include "inspection/iteration_stepper_panel.h"
#include "inspection/jacobian_norm_chart.h"
#include "inspection/memory_view.h"
#include "inspection/spectrum_view.h"
#include "inspection/unrolled_network_diagram.h"
#include "shell/dock_layout.h"
#include "text/neuron_text_view.h"
#include "text/text_chunk_view.h"
#include "text/text_samples_panel.h"
#include "views/hidden_state_heatmap.h"
#include "views/loss_chart.h"
#include "views/outputs_view.h"
#include "views/run_comparison_chart.h"
#include "views/weight_heatmaps.h"
#include "widgets/cell_choice.h"
#include "widgets/first_fit_splitter.h"
#include "widgets/layer_picker.h"

SnapshotPresenter::Views addViewDocks(DockLayout* docks, SettingsPanel* settingsPanel,
                                      SequenceEditor* sequenceEditor) {
  SnapshotPresenter::Views views{};
  views.loss = new LossChart;
  views.hidden = new HiddenStateHeatmap;
  views.weights = new WeightHeatmaps;
  views.outputs = new OutputsView;

  QDockWidget* settings =
      docks->add(settingsPanel, QObject::tr("Settings"), DockId::Settings);
  // The form scrolls down, never sideways: it is as wide as its widest row.
  auto* settingsScroll = static_cast<QScrollArea*>(settings->widget());
  settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  settingsScroll->setMinimumWidth(settingsPanel->minimumSizeHint().width() +
                                  settingsScroll->verticalScrollBar()->sizeHint().width());
  docks->add(sequenceEditor, QObject::tr("Sequence (inputs and targets)"),
             DockId::Sequence);
  docks->add(views.loss, QObject::tr("Loss"), DockId::Loss);
  docks->add(views.hidden, QObject::tr("Hidden states h_t"), DockId::Hidden);
  docks->add(views.weights, QObject::tr("Weights"), DockId::Weights);
  docks->add(views.outputs, QObject::tr("Outputs y_t and targets"), DockId::Outputs);

  // Inspection views. The stepper drives the diagram and the equations through its phase.
  views.stepper = new IterationStepperPanel;
  views.equations = new EquationsPanel;
  views.diagram = new UnrolledNetworkDiagram;
  views.flow = new GradientFlowView;
  views.spectrum = new SpectrumView;
  views.jacobians = new JacobianNormChart;
  views.memory = new MemoryView;
  // Whh's eigenvalues explain the tanh RNN's memory; for gated cells the page of step Jacobians
  // takes their place (the presenter picks the page by cell).
  views.spectrumPages = new QStackedWidget;
  views.spectrumPages->addWidget(views.spectrum);
  views.spectrumPages->addWidget(views.jacobians);
  // Every view that shows one cell of a stacked model shows the same one: one choice, a picker
  // on each (the spectrum dock's is above its pages; the presenter draws them with its cell).
  views.cells = new CellChoice(docks);
  views.hidden->layerPicker()->setChoice(views.cells);
  views.flow->layerPicker()->setChoice(views.cells);
  auto* spectrumDock = new QWidget;
  auto* spectrumLayout = new QVBoxLayout(spectrumDock);
  spectrumLayout->setContentsMargins(0, 0, 0, 0);
  spectrumLayout->setSpacing(0);
  auto* spectrumPicker = new LayerPicker;
  spectrumPicker->setChoice(views.cells);
  spectrumPicker->setContentsMargins(6, 2, 6, 0);
  spectrumLayout->addWidget(spectrumPicker, 0, Qt::AlignLeft);
  spectrumLayout->addWidget(views.spectrumPages, 1);
  views.gradientCheck = new GradientCheckPanel;
  views.runs = new RunComparisonChart;
  // The values whole where there is room; the equations below keep four lines and scroll.
  auto* stepSplitter = new FirstFitSplitter(4);
  stepSplitter->addWidget(views.stepper);
  stepSplitter->addWidget(views.equations);
  // Readable numbers need this much height; a smaller dock scrolls (DockLayout) instead of
  // squeezing them or making the window taller.
  stepSplitter->setMinimumHeight(340);
  docks->add(stepSplitter, QObject::tr("Step through"), DockId::Stepper);
  docks->add(views.diagram, QObject::tr("Unrolled network"), DockId::Diagram);
  docks->add(views.flow, QObject::tr("Gradient flow"), DockId::GradientFlow);
  docks->add(spectrumDock, QObject::tr("Whh spectrum"), DockId::Spectrum);
  docks->add(views.memory, QObject::tr("Memory ‖∂y_t/∂x_k‖"), DockId::Memory);
  docks->add(views.gradientCheck, QObject::tr("Gradient check"),
             DockId::GradientCheck);
  docks->add(views.runs, QObject::tr("Compare runs"), DockId::CompareRuns);

  // Text sessions: samples while training, the next chunk coloured by loss, a unit over the
  // text, as the pages of one dock (the presenter shows it only for a text session, and draws
  // only the page on top).
  views.samples = new TextSamplesPanel;
  views.chunk = new TextChunkView;
  views.neuron = new NeuronTextView;
  views.neuron->layerPicker()->setChoice(views.cells);
  views.textPages = new QTabWidget;
  views.textPages->setDocumentMode(true);
  views.textPages->addTab(views.samples, QObject::tr("Samples"));
  views.textPages->addTab(views.chunk, QObject::tr("Chunk: loss per character"));
  views.textPages->addTab(views.neuron, QObject::tr("Neuron over text"));
  docks->add(views.textPages, QObject::tr("Text"), DockId::Text);
  QObject::connect(
      views.stepper, &IterationStepperPanel::phaseChanged, views.diagram,
      [views](int, rnnlab::IterationPhase phase) {
        views.diagram->setPhase(phase);
        views.equations->setPhase(phase);
        views.flow->strip()->setHighlightedStep(phase.kind == rnnlab::IterationPhase::Kind::Backward
                                                    ? static_cast<int>(phase.step)
                                                    : -1);
      });
  QObject::connect(views.stepper, &IterationStepperPanel::hoveredElementChanged, views.equations,
                   &EquationsPanel::setHoveredElement);
  return views;
}
