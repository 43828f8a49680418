#pragma once

#include "models/item/tablepagequery.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace fulfillsync {

// The reconciliation as an auditor reads it: which connector and range, when and by whom it was
// made, the totals per verdict, then every row that did not match. Built as HTML from the
// stored readings (the same view the tab pages over) and printed to PDF through QTextDocument.
namespace ReconciliationReport {

struct Scope
{
    QString connector; // empty: every connector
    QDate from;        // readings checked on or after this local day; invalid: no bound
    QDate to;          // inclusive; invalid: no bound
    QDateTime generatedAt;
    QString generatedBy;
    int rowLimit = 5000; // not-matched rows listed; the CSV export carries them all
};

// The scope's connector and range taken from the tab's filters (its verdict and text filters do
// not narrow a report: the totals are the whole range's).
Scope scopeOf(const TablePageQuery &filter);
// Empty with `error` set when the readings cannot be read.
QString html(QSqlDatabase db, const Scope &scope, QString *error);
// Written whole or not at all (QSaveFile); false with `error` in words.
bool writePdf(const QString &html, const QString &path, QString *error);

} // namespace ReconciliationReport

} // namespace fulfillsync
