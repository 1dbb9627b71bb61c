// The text dock: its pages are the text panels, and it stays out of the way of a session that
// is not a text session.

#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

#include "shell/dock_layout.h"
#include "shell/main_window.h"
#include "text/neuron_text_view.h"
#include "text/text_chunk_view.h"
#include "text/text_samples_panel.h"

class TextDockTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("text_dock_test"));
    QSettings().clear();
  }

  void hiddenForANumericSessionWithTheThreePages() {
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QDockWidget* dock = window.docks()->dock(DockId::Text);
    QVERIFY(dock != nullptr);
    auto* pages = dock->findChild<QTabWidget*>();
    QVERIFY(pages != nullptr);
    QCOMPARE(pages->count(), 3);
    QVERIFY(qobject_cast<TextSamplesPanel*>(pages->widget(0)) != nullptr);
    QVERIFY(qobject_cast<TextChunkView*>(pages->widget(1)) != nullptr);
    QVERIFY(qobject_cast<NeuronTextView*>(pages->widget(2)) != nullptr);
    // The built-in example is numeric: after the first draw the dock is hidden.
    QTRY_VERIFY(!dock->isVisible());
    QVERIFY(window.docks()->names().contains(QStringLiteral("text")));
    QSettings().clear();
  }
};

QTEST_MAIN(TextDockTest)
#include "text_dock_test.moc"
