#pragma once

// Small HTML builders for the equations panel: numbers, subscripted symbols, norms, bracketed
// matrices and equation rows, so that the panel's code reads as the equations it writes.

#include <QString>
#include <QStringList>

#include "rnnlab/types.h"

namespace equation_html {

QString num(double value);      // 4 significant digits, Unicode minus
QString precise(double value);  // 10 significant digits
// "a<sub>3</sub>"; `t` may be a number or a subscript expression such as "t−1".
QString sym(const QString& name, const QString& t);
QString norm(const QString& symbol, double value);  // "‖symbol‖ = value"
// A vector or matrix in brackets: a small table with bracket glyphs in the outer columns.
QString matrixHtml(const rnnlab::Matrix& m);
// One line of an equation whose parts may be matrices: a one-row table, vertically centred.
QString row(const QStringList& parts);
QString heading(const QString& text);
QString para(const QString& text);

}  // namespace equation_html
