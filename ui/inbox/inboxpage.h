#pragma once

#include "sync/engine/syncmessages.h"

#include "models/storage/reconciliationrepository.h"

#include <QWidget>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace fulfillsync {

class Database;
class InboxTableModel;
class TablePanel;

// The Inbox tab: what failed, was held or was flagged, as one list with its states (open,
// resolved, auto-resolved), worked off in bulk: Retry now or Resolve… over the selected rows or
// over every row of the filter; Enter opens the order.
class InboxPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxPage)

public:
    // Asks for the reason of a resolve (count items); empty: cancelled. Tests answer directly.
    using AskReason = std::function<QString(int count)>;
    // Switching over: which of these channel fulfillments the item's is, and why; nothing
    // chosen: std::nullopt.
    struct Adoption
    {
        QString channelFulfillmentId;
        QString reason;
    };
    using ChooseAdoption = std::function<std::optional<Adoption>(
        const QString &fulfillment, const QList<ReconciliationReading> &candidates)>;

    InboxPage(Database &database, QWidget *parent = nullptr);

    TablePanel *panel() const { return m_panel; }
    InboxTableModel *model() const { return m_model; }
    QComboBox *scopeBox() const { return m_scope; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *resolveButton() const { return m_resolve; }
    QPushButton *adoptButton() const { return m_adopt; }
    void setChooseAdoption(ChooseAdoption choose) { m_chooseAdoption = std::move(choose); }
    QLabel *messageLabel() const { return m_message; }
    void setAskReason(AskReason ask) { m_askReason = std::move(ask); }
    void setConnectors(const QStringList &names);

    void retry();
    void resolve();
    void adopt();
    void refresh();

Q_SIGNALS:
    void retryRequested(const fulfillsync::SyncRequest &request);
    void orderRequested(qint64 orderId, const QString &orderTranId);
    void resolved(int count);

private:
    QList<qint64> targetIds(); // the selection, or the whole filter
    void openCurrentOrder();
    void showMessage(const QString &text, bool problem = false);
    void updateButtons();

    Database &m_database;
    InboxTableModel *m_model = nullptr;
    TablePanel *m_panel = nullptr;
    QComboBox *m_scope = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_adopt = nullptr;
    ChooseAdoption m_chooseAdoption;
    QLabel *m_message = nullptr;
    AskReason m_askReason;
};

} // namespace fulfillsync
