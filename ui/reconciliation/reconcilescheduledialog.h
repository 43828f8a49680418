#pragma once

#include "models/storage/reconciliationschedules.h"

#include <QDialog>

class QCheckBox;
class QSpinBox;
class QTimeEdit;

namespace fulfillsync {

// A connector's nightly reconciliation: on or off, at what local time, over how many days.
class ReconcileScheduleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconcileScheduleDialog)

public:
    ReconcileScheduleDialog(const QString &connectorName, const ReconcileSchedule &schedule,
                            QWidget *parent = nullptr);

    ReconcileSchedule schedule() const;
    QCheckBox *enabledBox() const { return m_enabled; }
    QTimeEdit *timeEdit() const { return m_at; }
    QSpinBox *daysBox() const { return m_days; }

private:
    ReconcileSchedule m_schedule;
    QCheckBox *m_enabled = nullptr;
    QTimeEdit *m_at = nullptr;
    QSpinBox *m_days = nullptr;
};

} // namespace fulfillsync
