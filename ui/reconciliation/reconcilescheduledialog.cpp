#include "ui/reconciliation/reconcilescheduledialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTimeEdit>

namespace fulfillsync {

ReconcileScheduleDialog::ReconcileScheduleDialog(const QString &connectorName,
                                                 const ReconcileSchedule &schedule, QWidget *parent)
    : QDialog(parent)
    , m_schedule(schedule)
{
    setWindowTitle(tr("Nightly reconciliation of %1").arg(connectorName));
    m_enabled = new QCheckBox(tr("&Reconcile every night"), this);
    m_enabled->setChecked(schedule.enabled);
    m_at = new QTimeEdit(schedule.at(), this);
    m_at->setDisplayFormat(QStringLiteral("HH:mm"));
    m_at->setAccessibleName(tr("Time of the nightly reconciliation"));
    m_days = new QSpinBox(this);
    m_days->setRange(1, 365);
    m_days->setValue(schedule.rangeDays);
    m_days->setSuffix(tr(" days"));
    m_days->setAccessibleName(tr("Days reconciled each night"));
    auto *note = new QLabel(tr("Runs in whichever fulfillsync worker or window on this database "
                               "claims the night first, at most once a night."),
                            this);
    note->setWordWrap(true);
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, Qt::Horizontal, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_enabled, &QCheckBox::toggled, m_at, &QWidget::setEnabled);
    connect(m_enabled, &QCheckBox::toggled, m_days, &QWidget::setEnabled);
    m_at->setEnabled(schedule.enabled);
    m_days->setEnabled(schedule.enabled);
    auto *form = new QFormLayout(this);
    form->addRow(m_enabled);
    form->addRow(tr("&At (local time):"), m_at);
    form->addRow(tr("&Over the last:"), m_days);
    form->addRow(note);
    form->addRow(buttons);
}

ReconcileSchedule ReconcileScheduleDialog::schedule() const
{
    ReconcileSchedule s = m_schedule;
    s.enabled = m_enabled->isChecked();
    s.atMinute = m_at->time().hour() * 60 + m_at->time().minute();
    s.rangeDays = m_days->value();
    return s;
}

} // namespace fulfillsync
