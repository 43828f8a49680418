#pragma once

#include "models/domain/domain.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace fulfillsync {

// The editor of one connector: fields to and from a Connector value, kind-specific fields (the
// store address and access token of a Shopify store), validation as you type. The access token
// is only held here for the page to put into the secret store.
class ConnectorForm final : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectorForm(QWidget *parent = nullptr);

    void setConnector(const Connector &connector);
    Connector connector() const; // the fields' values, with the id of the connector shown
    // Names other connectors already use (a name must be unique).
    void setTakenNames(const QStringList &names)
    {
        m_takenNames = names;
        validate();
    }

    // Channel values other connectors route (value → connector name): the orders of one channel
    // value belong to one connector, or each would push them and neither would own their state.
    void setTakenChannels(const QHash<QString, QString> &channels)
    {
        m_takenChannels = channels;
        validate();
    }

    void setToken(const QString &token); // as read from the secret store: not an edit
    QString token() const;
    bool tokenEdited() const { return m_tokenEdited; }
    // The alert webhook's address is a secret too (it carries a token).
    void setWebhook(const QString &url);
    QString webhook() const;
    bool webhookEdited() const { return m_webhookEdited; }

    bool isModified() const { return m_modified; }
    bool isValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *channelEdit() const { return m_channel; }
    QLineEdit *storeUrlEdit() const { return m_storeUrl; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *threePlUrlEdit() const { return m_threePlUrl; }
    QLineEdit *apiKeyEdit() const { return m_apiKey; }
    QLineEdit *apiSecretEdit() const { return m_apiSecret; }
    QComboBox *kindBox() const { return m_kindBox; }
    QCheckBox *enabledBox() const { return m_enabled; }
    QSpinBox *intervalBox() const { return m_interval; }
    QCheckBox *triggerBox(const QString &statusLetter) const
    {
        return m_triggers.value(statusLetter);
    }
    QComboBox *unmappedPolicyBox() const { return m_unmappedPolicy; }
    QLineEdit *defaultCarrierEdit() const { return m_defaultCarrier; }
    QLabel *problemLabel() const { return m_problemLabel; }
    QLineEdit *alertEmailsEdit() const { return m_alertEmails; }
    QLineEdit *webhookEdit() const { return m_webhook; }
    QSpinBox *alertEveryBox() const { return m_alertEvery; }

    // "" when the address is a usable store address, else why not (in plain words).
    static QString storeUrlProblem(const QString &text);
    static QString threePlUrlProblem(const QString &text);
    static QString alertProblem(const QStringList &emails, const QString &webhook);

Q_SIGNALS:
    void edited(); // any change by the admin
    void validityChanged(bool valid);

private:
    void onEdited();
    void validate();
    void updateKindFields();

    qint64 m_id = 0;
    QString m_kind = QStringLiteral("shopify");
    QStringList m_takenNames;
    QHash<QString, QString> m_takenChannels;
    bool m_loading = false;
    bool m_modified = false;
    bool m_tokenEdited = false;
    bool m_webhookEdited = false;
    QString m_problem;

    QLineEdit *m_name = nullptr;
    QComboBox *m_kindBox = nullptr;
    QLineEdit *m_channel = nullptr;
    QCheckBox *m_enabled = nullptr;
    QGroupBox *m_shopifyGroup = nullptr;
    QLineEdit *m_storeUrl = nullptr;
    QLineEdit *m_token = nullptr;
    QGroupBox *m_threePlGroup = nullptr;
    QLineEdit *m_threePlUrl = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QLineEdit *m_apiSecret = nullptr;
    QFormLayout *m_generalForm = nullptr;
    QFormLayout *m_rulesForm = nullptr;
    QSpinBox *m_interval = nullptr;
    QHash<QString, QCheckBox *> m_triggers;
    QCheckBox *m_notifyCustomer = nullptr;
    QComboBox *m_unmappedPolicy = nullptr;
    QLineEdit *m_defaultCarrier = nullptr;
    QCheckBox *m_updateTracking = nullptr;
    QComboBox *m_kitRule = nullptr;
    QCheckBox *m_takingOver = nullptr; // switching over from another connector
    QDateEdit *m_takeOverFrom = nullptr;
    QLineEdit *m_alertEmails = nullptr;
    QLineEdit *m_webhook = nullptr;
    QSpinBox *m_alertEvery = nullptr;
    QLabel *m_problemLabel = nullptr;
};

} // namespace fulfillsync
