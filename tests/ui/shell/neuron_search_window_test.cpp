// The search by selection in the window, as a user meets it: a text session trained a little,
// the Text dock's "Neuron over text" page, a drag across the text brings the search to the front
// with its units and matches, at 1280×720 and 1024×640, in English and Chinese, every control of
// the panel and the model dialog wide enough for its text. RNNLAB_SCREENSHOTS=<folder> saves the
// window at each size and language.

#include <QAbstractButton>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "document/session_document.h"
#include "editors/text_model_dialog.h"
#include "i18n/interface_language.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "shell/snapshot_presenter.h"
#include "text/colored_text_view.h"
#include "text/neuron_search_panel.h"
#include "text/neuron_text_view.h"
#include "training/training_controller.h"

namespace {

constexpr int Timeout = 60000;  // ms; only reached when something is broken

void saveShot(QWidget& widget, const QString& name) {
  const QString folder = qEnvironmentVariable("RNNLAB_SCREENSHOTS");
  if (!folder.isEmpty()) {
    widget.grab().save(folder + QStringLiteral("/") + name + QStringLiteral(".png"));
  }
}

// Every button and label of `root` that is shown gets at least the width its text asks for.
void checkNothingCut(QWidget* root, const QString& where) {
  for (QAbstractButton* button : root->findChildren<QAbstractButton*>()) {
    if (button->isVisible() && !button->text().isEmpty()) {
      QVERIFY2(button->width() >= button->minimumSizeHint().width(),
               qPrintable(where + QStringLiteral(": button ") + button->text()));
    }
  }
  for (QLabel* label : root->findChildren<QLabel*>()) {
    if (label->isVisible() && !label->wordWrap() && !label->text().isEmpty()) {
      QVERIFY2(label->width() >= label->minimumSizeHint().width(),
               qPrintable(where + QStringLiteral(": label ") + label->text()));
    }
  }
}

}  // namespace

class NeuronSearchWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("neuron_search_window_test"));
    QSettings().clear();
  }

  void searchesInTheWindow_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("size");
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
      for (const QSize size : {QSize(1280, 720), QSize(1024, 640)}) {
        QTest::addRow("%s %dx%d", qPrintable(language), size.width(), size.height())
            << language << size;
      }
    }
  }
  void searchesInTheWindow() {
    QFETCH(QString, language);
    QFETCH(QSize, size);
    InterfaceLanguage::install(language);
    MainWindow window;
    window.setScripted(true);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.files()->openPreset(QStringLiteral("sonnets"), &error), qPrintable(error));
    window.document()->setIterations(300);
    window.controller()->setSpeed(0);
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, Timeout);

    auto* neuron = window.findChild<NeuronTextView*>();
    QVERIFY(neuron != nullptr);
    QDockWidget* dock = window.docks()->dock(DockId::Text);
    dock->show();
    dock->raise();
    auto* pages = dock->findChild<QTabWidget*>();
    pages->setCurrentWidget(neuron);
    window.presenter()->refresh();
    QTRY_VERIFY(neuron->characterCount() > 100);

    ColoredTextView* text = neuron->textView();
    const QPoint from = text->characterRect(20).center();
    const QPoint to = text->characterRect(27).center();
    QTest::mousePress(text, Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), text->mapToGlobal(QPointF(to)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(text, &move);
    QTest::mouseRelease(text, Qt::LeftButton, Qt::NoModifier, to);

    NeuronSearchPanel* panel = neuron->searchPanel();
    QVERIFY(panel->isVisible());
    QVERIFY(panel->selection().has_value());
    QCOMPARE(panel->unitsView()->topLevelItemCount(), NeuronSearchPanel::ShownUnits);
    if (panel->patternUnits().empty()) {
      panel->setPatternUnits({panel->rankedUnits().front().unit});
    }
    // Every run, however short: the best unit is on somewhere in the selection, so there is one.
    panel->setShortestMatch(1);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isSearching(), Timeout);
    QVERIFY(panel->matchesView()->topLevelItemCount() >= 1);
    panel->showMatch(0);
    checkNothingCut(panel, QStringLiteral("search panel"));
    saveShot(window,
             QStringLiteral("search_%1_%2x%3").arg(language).arg(size.width()).arg(size.height()));

    // The dock made larger, as one does to read the search: floating, most of the screen.
    dock->setFloating(true);
    dock->resize(size.width() * 9 / 10, size.height() * 8 / 10);
    QTest::qWait(50);
    checkNothingCut(panel, QStringLiteral("search panel, floating"));
    saveShot(
        *dock,
        QStringLiteral("search_dock_%1_%2x%3").arg(language).arg(size.width()).arg(size.height()));
    dock->setFloating(false);

    TextModelDialog dialog(QStringLiteral("tinyshakespeare.txt"), 1115394, 65, &window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    checkNothingCut(&dialog, QStringLiteral("model dialog"));
    saveShot(dialog, QStringLiteral("model_dialog_%1").arg(language));
    dialog.close();

    // The progress while a large text is read (shown at once here), and the message for a
    // text that is not UTF-8.
    QTemporaryDir dir;
    QFile big(dir.filePath(QStringLiteral("big.txt")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    const QByteArray line = QByteArrayLiteral("天地玄黄，宇宙洪荒。The quick brown fox.\n");
    for (int k = 0; k < 5000000 / line.size(); ++k) {
      big.write(line);
    }
    big.close();
    window.files()->setProgressDelayMs(0);
    window.files()->startTextRead(big.fileName());
    QTRY_VERIFY_WITH_TIMEOUT(
        window.files()->openProgress() != nullptr && window.files()->openProgress()->isVisible(),
        Timeout);
    QProgressDialog* progress = window.files()->openProgress();
    QVERIFY(progress->labelText().contains(QStringLiteral("big.txt")));
    saveShot(*progress, QStringLiteral("text_progress_%1").arg(language));
    window.files()->cancelOpen();
    QVERIFY(window.files()->openProgress() == nullptr);

    QFile latin1(dir.filePath(QStringLiteral("latin1.txt")));
    QVERIFY(latin1.open(QIODevice::WriteOnly));
    latin1.write("caf\xe9\n");
    latin1.close();
    window.files()->setScripted(false);
    QString shown;
    QTimer::singleShot(0, this, [&] {
      // The box comes once the file is read: look until it is there.
      auto* timer = new QTimer(this);
      connect(timer, &QTimer::timeout, this, [&, timer] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box != nullptr) {
          timer->stop();
          timer->deleteLater();
          shown = box->text();
          saveShot(*box, QStringLiteral("text_error_%1").arg(language));
          box->accept();
        }
      });
      timer->start(20);
    });
    window.files()->startTextRead(latin1.fileName());
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), Timeout);
    QVERIFY2(shown.contains(QStringLiteral("latin1.txt")), qPrintable(shown));
    window.files()->setScripted(true);
    InterfaceLanguage::install(QStringLiteral("en"));
  }
};

QTEST_MAIN(NeuronSearchWindowTest)
#include "neuron_search_window_test.moc"
