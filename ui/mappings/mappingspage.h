#pragma once

#include "models/domain/domain.h"
#include "models/domain/mappingimport.h"
#include "models/storage/mappingdiscovery.h"

#include <QMap>
#include <QThread>
#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QLineEdit;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;

namespace fulfillsync {

class Database;
class MappingFilterModel;
class MappingHistoryModel;
class MappingTableModel;

// The Mappings screen: one connector's ship methods, items, locations and custom fields as
// editable tables checked as they are typed, "Discover values" from the local NetSuite cache
// (on its own thread), CSV/JSON import and export, Save in one transaction (which also records
// the change history) or Revert, and the history of saved changes.
class MappingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingsPage)

public:
    explicit MappingsPage(Database &database, QWidget *parent = nullptr);
    ~MappingsPage() override;

    enum class UnsavedAnswer { Save, Discard, Cancel };
    // Asks what to do with unsaved changes; tests answer without a dialog.
    using AskUnsaved = std::function<UnsavedAnswer(const QString &question)>;
    void setAskUnsaved(AskUnsaved ask) { m_askUnsaved = std::move(ask); }
    // Asks whether to replace mappings someone else saved since they were loaded.
    using ConfirmOverwrite = std::function<bool(const QString &question)>;
    void setConfirmOverwrite(ConfirmOverwrite confirm) { m_confirmOverwrite = std::move(confirm); }
    // Shows what an import would change, merged (the default) or replacing the tables of the
    // file's kinds; answers the mode to use, or nothing to import nothing.
    using ChooseImport = std::function<std::optional<MappingImportPlan::Mode>(
        const MappingImportPlan &merge, const MappingImportPlan &replace)>;
    void setChooseImport(ChooseImport choose) { m_chooseImport = std::move(choose); }
    // The difference in words, one line per row: + added, ~ changed, − removed.
    static QString describe(const MappingImportPlan &plan);

    // Re-reads the connectors (after they were added or renamed elsewhere).
    void reloadConnectors();
    bool selectConnector(qint64 connectorId); // false: the admin kept the unsaved changes
    qint64 connectorId() const { return m_connector.id; }

    // Before leaving the page's connector (switching, closing the window): asks about unsaved
    // changes. True when it is fine to go on (nothing unsaved, saved, or discarded).
    bool resolveUnsavedChanges();

    bool save();
    void revert();
    void discover();
    void cancelDiscovery();
    // By file extension: .json is JSON, anything else CSV. Errors go to the status line.
    bool importFile(const QString &path);
    bool exportFile(const QString &path);

    bool isDirty() const;
    bool isValid() const;
    QList<MappingRule> editedRules() const; // what Save would write

    MappingTableModel *model(MappingKind kind) const { return m_models.value(kind); }
    QTableView *view(MappingKind kind) const { return m_views.value(kind); }
    // Between model(kind) and view(kind): the row filter.
    MappingFilterModel *filterModel(MappingKind kind) const { return m_filters.value(kind); }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QCheckBox *attentionOnlyBox() const { return m_attentionOnly; }
    MappingHistoryModel *historyModel() const { return m_historyModel; }
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *connectorBox() const { return m_connectorBox; }
    QAction *saveAction() const { return m_save; }
    QAction *revertAction() const { return m_revert; }
    QAction *discoverAction() const { return m_discover; }
    QAction *addRowAction() const { return m_addRow; }
    QAction *removeRowAction() const { return m_removeRow; }
    QString problemsText() const; // problems, then the unmapped values
    QString statusText() const;

Q_SIGNALS:
    void discoveryRequested(quint64 generation, const QString &channel);
    void saved(qint64 connectorId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *makeKindTab(MappingKind kind);
    void onConnectorChosen(int index);
    void load();
    void refreshHistory();
    void onRowsEdited();
    void onDiscovered(const fulfillsync::DiscoveryResult &result);
    void setDiscovering(bool running);
    void addRow();
    void removeSelectedRows();
    void chooseImportFile();
    void chooseExportFile();
    void showStatus(const QString &text, bool problem = false);
    void applyFilter();
    std::optional<MappingKind> currentKind() const;

    Database &m_database;
    Connector m_connector;
    QList<MappingRule> m_loaded; // as last read or saved, sorted like editedRules()
    QList<DiscoveredValue> m_discovered;
    QMap<MappingKind, MappingTableModel *> m_models;
    QMap<MappingKind, QTableView *> m_views;
    QMap<MappingKind, MappingFilterModel *> m_filters;
    MappingHistoryModel *m_historyModel = nullptr;
    AskUnsaved m_askUnsaved;
    ConfirmOverwrite m_confirmOverwrite;
    ChooseImport m_chooseImport;

    QThread m_thread;
    MappingDiscoveryWorker *m_worker = nullptr;
    quint64 m_generation = 0;

    QComboBox *m_connectorBox = nullptr;
    QTabWidget *m_tabs = nullptr;
    QAction *m_save = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_discover = nullptr;
    QAction *m_addRow = nullptr;
    QAction *m_removeRow = nullptr;
    QAction *m_import = nullptr;
    QAction *m_export = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QCheckBox *m_attentionOnly = nullptr;
    QLabel *m_problems = nullptr;
    QLabel *m_unmapped = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelDiscovery = nullptr;
};

} // namespace fulfillsync
