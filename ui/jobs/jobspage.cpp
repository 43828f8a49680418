#include "ui/jobs/jobspage.h"

#include "models/storage/database.h"
#include "models/storage/runrepository.h"

#include "sync/synccontroller.h"
#include "ui/jobs/joblistmodel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <functional>

namespace fulfillsync {

namespace {

// Draws done / total as a progress bar; a pass that does not know its total yet gets a busy bar.
class ProgressDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        item.text.clear();
        QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, option.widget);
        const int total = index.data(JobListModel::TotalRole).toInt();
        const bool running = index.data(JobListModel::RunningRole).toBool();
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = total > 0 ? total : (running ? 0 : 1);
        bar.progress = total > 0 ? index.data(JobListModel::DoneRole).toInt() : (running ? 0 : 1);
        bar.text = index.data().toString();
        bar.textVisible = !bar.text.isEmpty();
        bar.textAlignment = Qt::AlignCenter;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

// A Cancel button drawn in each running row; a click on it cancels that pass.
class CancelDelegate final : public QStyledItemDelegate
{
public:
    CancelDelegate(std::function<void(int)> onClick, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_onClick(std::move(onClick))
    {}

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        item.text.clear();
        QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, option.widget);
        if (!index.data(JobListModel::RunningRole).toBool())
            return;
        QStyleOptionButton button;
        button.rect = option.rect.adjusted(2, 1, -2, -1);
        button.text = index.data().toString();
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        style->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
    }

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override
    {
        if (event->type() == QEvent::MouseButtonRelease &&
            static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton &&
            index.data(JobListModel::RunningRole).toBool()) {
            m_onClick(index.row());
            return true;
        }
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    }

private:
    std::function<void(int)> m_onClick;
};

} // namespace

JobsPage::JobsPage(Database &database, SyncController &sync, QWidget *parent)
    : QWidget(parent)
    , m_sync(sync)
{
    m_model = new JobListModel(this);
    // What ran before this window opened, here or in a worker on the same database.
    m_model->restore(RunRepository(database.connection()).latest(m_model->maxFinished()));
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Sync jobs"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(JobListModel::Result, QHeaderView::Stretch);
    m_view->setColumnWidth(JobListModel::Connector, 140);
    m_view->setColumnWidth(JobListModel::Trigger, 90);
    m_view->setColumnWidth(JobListModel::Started, 80);
    m_view->setColumnWidth(JobListModel::Phase, 220);
    m_view->setColumnWidth(JobListModel::Progress, 160);
    m_view->setColumnWidth(JobListModel::Duration, 70);
    m_view->setColumnWidth(JobListModel::Action, 90);
    m_view->setItemDelegateForColumn(JobListModel::Progress, new ProgressDelegate(m_view));
    m_view->setItemDelegateForColumn(
        JobListModel::Action, new CancelDelegate([this](int row) { cancelRow(row); }, m_view));

    m_cancel = new QPushButton(tr("&Cancel selected job"), this);
    m_cancel->setShortcut(QKeySequence::Delete);
    m_cancel->setToolTip(tr("Stop the selected pass after its current request (Del)"));
    m_cancel->setAccessibleName(tr("Cancel selected job"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            cancelRow(current.row());
    });

    auto *hint = new QLabel(tr("Each connector runs its own pass; cancelling one leaves the "
                               "others running. A cancelled pass stops after its current "
                               "request, so nothing is sent twice."),
                            this);
    hint->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    connect(&sync, &SyncController::runRequested, m_model, &JobListModel::noteRequest);
    connect(&sync, &SyncController::progressed, m_model, &JobListModel::applyProgress);
    connect(&sync, &SyncController::passFinished, m_model, &JobListModel::applySummary);
    connect(&sync, &SyncController::busyChanged, m_model, [this](bool busy) {
        if (!busy)
            m_model->clearPendingRequests();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        // A new pass goes to the top: keep the admin's eye on it unless another row is chosen.
        if (!m_view->currentIndex().isValid() || m_view->currentIndex().row() == 1)
            m_view->setCurrentIndex(m_model->index(0, 0));
        updateButtons();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JobsPage::updateButtons);

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, m_model, &JobListModel::tick);
    m_tick->start();
}

void JobsPage::cancelRow(int row)
{
    if (row < 0 || row >= m_model->rowCount() || !m_model->job(row).running())
        return;
    m_sync.cancelConnector(m_model->job(row).connectorId);
    m_model->markCancelling(row);
}

void JobsPage::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    m_cancel->setEnabled(current.isValid() && m_model->job(current.row()).running() &&
                         !m_model->job(current.row()).cancelling);
}

} // namespace fulfillsync
