#include "inspection/equation_html.h"

#include "widgets/number_format.h"

namespace equation_html {

QString num(double value) { return formatNumber(value, 'g', 4); }

QString precise(double value) { return formatNumber(value, 'g', 10); }

QString sym(const QString& name, const QString& t) {
  return QStringLiteral("<i>%1</i><sub>%2</sub>").arg(name, t);
}

QString norm(const QString& symbol, double value) {
  return QStringLiteral("‖%1‖ = %2").arg(symbol, num(value));
}

QString matrixHtml(const rnnlab::Matrix& m) {
  const rnnlab::Index rows = m.rows();
  QString html = QStringLiteral("<table cellspacing=0 cellpadding=0>");
  for (rnnlab::Index r = 0; r < rows; ++r) {
    const bool single = rows == 1;
    const QString left = single          ? QStringLiteral("[")
                         : r == 0        ? QStringLiteral("⎡")
                         : r == rows - 1 ? QStringLiteral("⎣")
                                         : QStringLiteral("⎢");
    const QString right = single          ? QStringLiteral("]")
                          : r == 0        ? QStringLiteral("⎤")
                          : r == rows - 1 ? QStringLiteral("⎦")
                                          : QStringLiteral("⎥");
    html += QStringLiteral("<tr><td>%1</td>").arg(left);
    for (rnnlab::Index c = 0; c < m.cols(); ++c) {
      html += QStringLiteral("<td align=right nowrap>&nbsp;%1&nbsp;</td>").arg(num(m(r, c)));
    }
    html += QStringLiteral("<td>%1</td></tr>").arg(right);
  }
  return html + QStringLiteral("</table>");
}

QString row(const QStringList& parts) {
  QString html = QStringLiteral("<table cellspacing=0 cellpadding=2><tr>");
  for (const QString& part : parts) {
    html += QStringLiteral("<td valign=middle nowrap>%1</td>").arg(part);
  }
  return html + QStringLiteral("</tr></table>");
}

QString heading(const QString& text) { return QStringLiteral("<h3>%1</h3>").arg(text); }

QString para(const QString& text) { return QStringLiteral("<p>%1</p>").arg(text); }

}  // namespace equation_html
