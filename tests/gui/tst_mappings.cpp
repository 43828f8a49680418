// The Mappings screen as an admin uses it: edit a cell and see it checked as it is typed, save
// (one transaction, with a history row), discover the values NetSuite used, import and export.
// Offscreen, on a temporary SQLite database; every model is watched by QAbstractItemModelTester.

#include "models/storage/connectorrepository.h"
#include "models/storage/mappinghistory.h"
#include "models/storage/mappingrepository.h"
#include "models/storage/orderrepository.h"
#include "testutils/tempdatabase.h"
#include "ui/mappings/mappingfiltermodel.h"
#include "ui/mappings/mappinghistorymodel.h"
#include "ui/mappings/mappingspage.h"
#include "ui/mappings/mappingtablemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBrush>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace fulfillsync;
using fulfillsync::test::TempDatabase;
using Field = MappingTableModel::Field;

class TestMappings : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<MappingsPage> m_page;
    QList<std::pair<MappingImportPlan, MappingImportPlan>> m_importChoices;
    std::optional<MappingImportPlan::Mode> m_importMode;
    qint64 m_store = 0;
    qint64 m_other = 0;

    QSqlDatabase db() { return m_temp->database().connection(); }
    MappingTableModel *ships() { return m_page->model(MappingKind::ShipMethod); }

    qint64 addConnector(const QString &name, const QString &channel)
    {
        ConnectorRepository connectors(db());
        Connector c;
        c.name = name;
        c.channel = channel;
        c.endpoint = QStringLiteral("https://%1.example").arg(name);
        if (!connectors.save(c))
            qWarning() << connectors.lastError();
        return c.id;
    }

    void addOrders()
    {
        OrderRepository orders(db());
        QList<SalesOrder> list;
        QList<ItemFulfillment> fulfillments;
        for (int i = 1; i <= 3; ++i) {
            SalesOrder o;
            o.id = i;
            o.tranId = QStringLiteral("SO%1").arg(i);
            o.channel = QStringLiteral("Shopify");
            o.channelOrder = QString::number(5000 + i);
            o.status = QStringLiteral("B");
            o.lastModified = QDateTime::currentDateTimeUtc();
            list << o;
            ItemFulfillment f;
            f.id = 100 + i;
            f.orderId = i;
            f.tranId = QStringLiteral("IF%1").arg(i);
            f.shipStatus = ShipStatus::Shipped;
            f.shipMethodId = i == 3 ? 44 : 12;
            f.shipMethodName =
                i == 3 ? QStringLiteral("Local Courier") : QStringLiteral("UPS Ground");
            f.lastModified = o.lastModified;
            ItemFulfillmentLine l;
            l.lineId = 1;
            l.itemId = 500;
            l.itemName = QStringLiteral("CAP");
            l.quantity = 1;
            l.locationId = 7;
            l.locationName = QStringLiteral("Main");
            f.lines = {l};
            fulfillments << f;
        }
        QVERIFY2(orders.upsertOrders(list), qPrintable(orders.lastError()));
        QVERIFY2(orders.upsertFulfillments(fulfillments), qPrintable(orders.lastError()));
    }

    // Types into the cell's editor the way an admin does: open it, clear it, type.
    void typeInto(MappingKind kind, int row, Field field, const QString &text)
    {
        QTableView *view = m_page->view(kind);
        MappingTableModel *model = m_page->model(kind);
        m_page->tabs()->setCurrentIndex(int(allMappingKinds().indexOf(kind)));
        const QModelIndex index =
            m_page->filterModel(kind)->mapFromSource(model->index(row, model->columnOf(field)));
        if (!view->indexWidget(index)) {
            view->setCurrentIndex(index);
            view->edit(index);
        }
        QWidget *editor = view->indexWidget(index);
        QVERIFY(editor);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            if (!combo->isEditable()) { // a fixed list: pick the entry
                QVERIFY(combo->findText(text) >= 0);
                combo->setCurrentIndex(combo->findText(text));
                return;
            }
            line = combo->lineEdit();
        }
        QVERIFY(line);
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Backspace);
        QTest::keyClicks(line, text);
    }

    void closeEditor(MappingKind kind)
    {
        QTableView *view = m_page->view(kind);
        QTest::keyClick(view->focusWidget() ? view->focusWidget() : view, Qt::Key_Return);
    }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<TempDatabase>(TempDatabase::Engine::Sqlite);
        QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
        m_store = addConnector(QStringLiteral("store"), QStringLiteral("Shopify"));
        m_other = addConnector(QStringLiteral("wholesale"), QStringLiteral("Wholesale"));
        MappingRepository repo(db());
        QVERIFY(repo.replace(m_store,
                             {{MappingKind::ShipMethod,
                               QStringLiteral("12"),
                               QStringLiteral("UPS Ground"),
                               QStringLiteral("UPS"),
                               {}}},
                             QStringLiteral("setup")));
        addOrders();
        m_page = std::make_unique<MappingsPage>(m_temp->database());
        m_page->setChooseImport(
            [this](const MappingImportPlan &merge, const MappingImportPlan &replace) {
                m_importChoices << std::pair{merge, replace};
                return m_importMode;
            });
        m_importChoices.clear();
        m_importMode = MappingImportPlan::Mode::Merge;
        for (MappingKind kind : allMappingKinds()) {
            new QAbstractItemModelTester(m_page->model(kind),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest,
                                         m_page.get());
            new QAbstractItemModelTester(m_page->filterModel(kind),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest,
                                         m_page.get());
        }
        new QAbstractItemModelTester(m_page->historyModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_page.get());
        m_page->resize(1100, 600);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QVERIFY(m_page->selectConnector(m_store));
    }

    void cleanup()
    {
        m_page.reset();
        m_temp.reset();
    }

    void editingAndSavingAMapping()
    {
        QCOMPARE(ships()->rowCount(), 1);
        QVERIFY(!m_page->saveAction()->isEnabled()); // nothing changed yet
        QCOMPARE(m_page->historyModel()->rowCount(), 1);

        // A carrier Shopify does not know, without a tracking URL template: red while typing.
        typeInto(MappingKind::ShipMethod, 0, Field::Target, QStringLiteral("Nowhere Express"));
        const QModelIndex carrier = ships()->index(0, ships()->columnOf(Field::Target));
        QCOMPARE(carrier.data().toString(), QStringLiteral("Nowhere Express"));
        QVERIFY(carrier.data(Qt::BackgroundRole).isValid());
        QVERIFY2(carrier.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not a carrier")),
                 qPrintable(carrier.data(Qt::ToolTipRole).toString()));
        QVERIFY(!m_page->saveAction()->isEnabled());
        QVERIFY2(m_page->problemsText().contains(QStringLiteral("Ship methods, row 1, Carrier")),
                 qPrintable(m_page->problemsText()));
        closeEditor(MappingKind::ShipMethod);

        // A template without {number} is still wrong; with it the row is fine.
        typeInto(MappingKind::ShipMethod, 0, Field::Extra,
                 QStringLiteral("https://nowhere.example/t/"));
        QVERIFY(!m_page->saveAction()->isEnabled());
        QVERIFY2(m_page->problemsText().contains(QStringLiteral("{number}")),
                 qPrintable(m_page->problemsText()));
        QTest::keyClicks(m_page->view(MappingKind::ShipMethod)->focusWidget(),
                         QStringLiteral("{number}"));
        closeEditor(MappingKind::ShipMethod);
        QVERIFY2(m_page->problemsText().isEmpty(), qPrintable(m_page->problemsText()));
        QVERIFY(!carrier.data(Qt::BackgroundRole).isValid());
        QVERIFY(m_page->saveAction()->isEnabled());

        // A duplicate row blocks Save until it is removed (Ins adds, Del removes).
        m_page->view(MappingKind::ShipMethod)->setFocus();
        QTest::keyClick(m_page->view(MappingKind::ShipMethod), Qt::Key_Insert);
        QCOMPARE(ships()->rowCount(), 2);
        QTest::keyClicks(m_page->view(MappingKind::ShipMethod)->focusWidget(),
                         QStringLiteral("12"));
        closeEditor(MappingKind::ShipMethod);
        QVERIFY2(m_page->problemsText().contains(QStringLiteral("already mapped in row 1")),
                 qPrintable(m_page->problemsText()));
        QVERIFY(!m_page->saveAction()->isEnabled());
        m_page->view(MappingKind::ShipMethod)->selectRow(1);
        QTest::keyClick(m_page->view(MappingKind::ShipMethod), Qt::Key_Delete);
        QCOMPARE(ships()->rowCount(), 1);
        QVERIFY(m_page->saveAction()->isEnabled());

        // Ctrl+S saves in one transaction; the history shows who changed what.
        QTest::keyClick(m_page->view(MappingKind::ShipMethod), Qt::Key_S, Qt::ControlModifier);
        QVERIFY2(m_page->statusText().startsWith(QStringLiteral("Saved")),
                 qPrintable(m_page->statusText()));
        QVERIFY(!m_page->saveAction()->isEnabled());
        QVERIFY(!m_page->isDirty());
        MappingRepository repo(db());
        const MappingRule expected{MappingKind::ShipMethod, QStringLiteral("12"),
                                   QStringLiteral("UPS Ground"), QStringLiteral("Nowhere Express"),
                                   QStringLiteral("https://nowhere.example/t/{number}")};
        QCOMPARE(repo.rules(m_store), QList<MappingRule>{expected});
        QCOMPARE(m_page->historyModel()->rowCount(), 2);
        const MappingChange change = m_page->historyModel()->changes().first();
        QCOMPARE(change.action, MappingChangeAction::Changed);
        QCOMPARE(change.changedBy, currentUserName());
        QCOMPARE(change.before->target, QStringLiteral("UPS"));
        QCOMPARE(*change.after, expected);
        QCOMPARE(m_page->historyModel()->index(0, MappingHistoryModel::After).data().toString(),
                 QStringLiteral("Nowhere Express (https://nowhere.example/t/{number})"));
    }

    void discoverFillsUnmappedValuesWithCounts()
    {
        m_page->discoverAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->statusText().startsWith(QStringLiteral("Found")), 10000);
        QCOMPARE(ships()->rowCount(), 2);
        const int orders = ships()->columnOf(Field::Orders);
        QCOMPARE(ships()->index(0, orders).data().toLongLong(), 2); // mapped, on 2 orders
        QVERIFY(!ships()->index(0, orders).data(Qt::BackgroundRole).isValid());
        QCOMPARE(ships()->index(1, 0).data().toString(), QStringLiteral("44"));
        QCOMPARE(ships()->index(1, 1).data().toString(), QStringLiteral("Local Courier"));
        QCOMPARE(ships()->index(1, orders).data().toLongLong(), 1);
        QVERIFY(ships()->index(1, orders).data(Qt::BackgroundRole).isValid()); // amber
        // Readable in a dark theme too: the text on the amber is dark, whatever the palette.
        const QColor back =
            ships()->index(1, orders).data(Qt::BackgroundRole).value<QBrush>().color();
        const QColor text =
            ships()->index(1, orders).data(Qt::ForegroundRole).value<QBrush>().color();
        QVERIFY2(back.lightnessF() - text.lightnessF() > 0.5,
                 qPrintable(QStringLiteral("%1 on %2").arg(text.name(), back.name())));
        QVERIFY(
            ships()->index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("SO3")));
        QCOMPARE(m_page->model(MappingKind::Item)->rowCount(), 1);
        QCOMPARE(m_page->model(MappingKind::Item)
                     ->index(0, m_page->model(MappingKind::Item)->columnOf(Field::Orders))
                     .data()
                     .toLongLong(),
                 3);
        QVERIFY2(m_page->problemsText().contains(
                     QStringLiteral("Ship methods: 1, Items: 1, Locations: 1.")),
                 qPrintable(m_page->problemsText()));
        // Unmapped placeholders are not changes: nothing to save yet.
        QVERIFY(!m_page->isDirty());
        QVERIFY(!m_page->saveAction()->isEnabled());

        // The filter narrows the table to the rows to look at, or to a text.
        QAbstractItemModel *shown = m_page->view(MappingKind::ShipMethod)->model();
        m_page->attentionOnlyBox()->setChecked(true);
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, 1).data().toString(), QStringLiteral("Local Courier"));
        m_page->attentionOnlyBox()->setChecked(false);
        QTest::keyClicks(m_page->filterEdit(), QStringLiteral("ups"));
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, 1).data().toString(), QStringLiteral("UPS Ground"));
        QCOMPARE(m_page->view(MappingKind::Item)->model()->rowCount(), 0);
        m_page->filterEdit()->clear();
        QCOMPARE(shown->rowCount(), 2);

        // Mapping one of them makes it savable and takes it off the unmapped list.
        typeInto(MappingKind::ShipMethod, 1, Field::Target, QStringLiteral("DHL Express"));
        closeEditor(MappingKind::ShipMethod);
        QVERIFY2(
            m_page->problemsText().contains(QStringLiteral("use each): Items: 1, Locations: 1.")),
            qPrintable(m_page->problemsText()));
        QVERIFY(m_page->saveAction()->isEnabled());
        QVERIFY(m_page->save());
        QCOMPARE(MappingRepository(db()).rules(m_store).size(), 2);
    }

    void cancelledDiscoveryChangesNothingAndRevertRestores()
    {
        m_page->discoverAction()->trigger();
        QVERIFY(!m_page->discoverAction()->isEnabled()); // running
        m_page->cancelDiscovery();
        QVERIFY(m_page->discoverAction()->isEnabled());
        QCOMPARE(m_page->statusText(), QStringLiteral("Discovery cancelled."));
        QTest::qWait(300); // the worker's late answer is dropped
        QCOMPARE(ships()->rowCount(), 1);
        QCOMPARE(ships()->index(0, ships()->columnOf(Field::Orders)).data(), QVariant());

        typeInto(MappingKind::ShipMethod, 0, Field::Target, QStringLiteral("FedEx"));
        closeEditor(MappingKind::ShipMethod);
        QVERIFY(m_page->revertAction()->isEnabled());
        m_page->revertAction()->trigger();
        QCOMPARE(ships()->index(0, ships()->columnOf(Field::Target)).data().toString(),
                 QStringLiteral("UPS"));
        QVERIFY(!m_page->isDirty());
        QVERIFY(!m_page->revertAction()->isEnabled());
    }

    void storedRuleWithoutTargetIsNotAnUnsavedChange()
    {
        QVERIFY(MappingRepository(db()).upsert(
            m_store, {MappingKind::Item, QStringLiteral("500"), QStringLiteral("CAP"), {}, {}}));
        m_page->revert(); // reads the database again
        QCOMPARE(m_page->model(MappingKind::Item)->rowCount(), 1);
        QVERIFY(m_page->model(MappingKind::Item)->needsAttention(0));
        QVERIFY(!m_page->isDirty());
        QVERIFY(!m_page->saveAction()->isEnabled());
        // Any real change saves, and the target-less row is dropped with it.
        typeInto(MappingKind::ShipMethod, 0, Field::Target, QStringLiteral("FedEx"));
        closeEditor(MappingKind::ShipMethod);
        QVERIFY(m_page->save());
        QCOMPARE(MappingRepository(db()).rules(m_store).size(), 1);
    }

    void importExportRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        typeInto(MappingKind::ShipMethod, 0, Field::SourceName, QStringLiteral("UPS, \"Ground\""));
        closeEditor(MappingKind::ShipMethod);
        m_page->tabs()->setCurrentIndex(int(allMappingKinds().indexOf(MappingKind::CustomField)));
        m_page->addRowAction()->trigger();
        typeInto(MappingKind::CustomField, 0, Field::Source, QStringLiteral("message"));
        closeEditor(MappingKind::CustomField);
        typeInto(MappingKind::CustomField, 0, Field::SourceName, QStringLiteral("order.tranId"));
        closeEditor(MappingKind::CustomField);
        typeInto(MappingKind::CustomField, 0, Field::Target, QStringLiteral("template"));
        closeEditor(MappingKind::CustomField);
        typeInto(MappingKind::CustomField, 0, Field::Extra, QStringLiteral("Shipped, \"{value}\""));
        closeEditor(MappingKind::CustomField);
        // A line break cannot be typed into a cell; it can come from a file or another tool.
        MappingTableModel *custom = m_page->model(MappingKind::CustomField);
        QVERIFY(custom->setData(custom->index(0, custom->columnOf(Field::Extra)),
                                QStringLiteral("Shipped,\n\"{value}\"")));
        QVERIFY2(m_page->problemsText().isEmpty(), qPrintable(m_page->problemsText()));
        const QList<MappingRule> edited = m_page->editedRules();
        QCOMPARE(edited.size(), 2);

        for (const QString &name : {QStringLiteral("m.csv"), QStringLiteral("m.json")}) {
            const QString path = dir.filePath(name);
            QVERIFY2(m_page->exportFile(path), qPrintable(m_page->statusText()));
            m_page->revert();
            QCOMPARE(m_page->model(MappingKind::CustomField)->rowCount(), 0);
            QVERIFY2(m_page->importFile(path), qPrintable(m_page->statusText()));
            QCOMPARE(m_page->editedRules(), edited);
            QVERIFY(m_page->isDirty());
        }

        // A bad file names the line and changes nothing.
        const QString bad = dir.filePath(QStringLiteral("bad.csv"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("kind,source,target\nitem,1,SKU-1\nitem,\"2,SKU-2\n");
        file.close();
        QVERIFY(!m_page->importFile(bad));
        QVERIFY2(m_page->statusText().contains(QStringLiteral("Line 3")),
                 qPrintable(m_page->statusText()));
        QCOMPARE(m_page->editedRules(), edited);
        QCOMPARE(m_page->model(MappingKind::Item)->rowCount(), 0);
    }

    // An import shows what it would change and merges by default; Replace empties the rows of
    // the file's kinds the file does not have; Cancel changes nothing.
    void importMergesByDefaultAndShowsTheDifference()
    {
        MappingTableModel *items = m_page->model(MappingKind::Item);
        items->setRules({{MappingKind::Item, QStringLiteral("501"), {}, QStringLiteral("A"), {}},
                         {MappingKind::Item, QStringLiteral("502"), {}, QStringLiteral("B"), {}}});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("items.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("kind,source,target\nitem,501,A2\nitem,503,C\n");
        file.close();

        m_importMode = std::nullopt;
        QVERIFY(m_page->importFile(path));
        QCOMPARE(items->rules().size(), 2); // cancelled: nothing changed
        QCOMPARE(m_importChoices.size(), 1);
        const auto &[merge, replace] = m_importChoices.first();
        QCOMPARE(merge.added.size(), 1);
        QCOMPARE(merge.changed.size(), 1);
        QCOMPARE(merge.removed.size(), 0);
        QCOMPARE(replace.removed.size(), 1); // 502 is not in the file
        const QString diff = MappingsPage::describe(replace);
        QVERIFY2(diff.contains(QStringLiteral("+ ")) && diff.contains(QStringLiteral("~ ")) &&
                     diff.contains(QStringLiteral("502")),
                 qPrintable(diff));

        m_importMode = MappingImportPlan::Mode::Merge;
        QVERIFY(m_page->importFile(path));
        QStringList targets;
        for (const MappingRule &rule : items->rules())
            targets << rule.sourceKey + u'=' + rule.target;
        QCOMPARE(targets, (QStringList{QStringLiteral("501=A2"), QStringLiteral("502=B"),
                                       QStringLiteral("503=C")}));
        QVERIFY(m_page->isDirty());

        m_importMode = MappingImportPlan::Mode::Replace;
        QVERIFY(m_page->importFile(path));
        targets.clear();
        for (const MappingRule &rule : items->rules())
            targets << rule.sourceKey + u'=' + rule.target;
        QCOMPARE(targets, (QStringList{QStringLiteral("501=A2"), QStringLiteral("503=C")}));
    }

    void saveDoesNotSilentlyReplaceChangesMadeElsewhere()
    {
        typeInto(MappingKind::ShipMethod, 0, Field::Target, QStringLiteral("FedEx"));
        closeEditor(MappingKind::ShipMethod);
        // Another admin saves meanwhile.
        const MappingRule theirs{MappingKind::ShipMethod,
                                 QStringLiteral("12"),
                                 QStringLiteral("UPS Ground"),
                                 QStringLiteral("USPS"),
                                 {}};
        QVERIFY(MappingRepository(db()).replace(m_store, {theirs}, QStringLiteral("carol")));

        QStringList asked;
        m_page->setConfirmOverwrite([&](const QString &question) {
            asked << question;
            return false;
        });
        QVERIFY(!m_page->save());
        QCOMPARE(asked.size(), 1);
        QVERIFY2(m_page->statusText().contains(QStringLiteral("changed elsewhere")),
                 qPrintable(m_page->statusText()));
        QCOMPARE(MappingRepository(db()).rules(m_store), QList<MappingRule>{theirs});
        QCOMPARE(m_page->historyModel()->changes().first().changedBy, QStringLiteral("carol"));

        m_page->setConfirmOverwrite([](const QString &) { return true; });
        QVERIFY(m_page->save());
        QCOMPARE(MappingRepository(db()).rules(m_store).first().target, QStringLiteral("FedEx"));
        QCOMPARE(m_page->historyModel()->changes().first().before->target, QStringLiteral("USPS"));
    }

    void switchingConnectorGuardsUnsavedChanges()
    {
        typeInto(MappingKind::ShipMethod, 0, Field::Target, QStringLiteral("FedEx"));
        closeEditor(MappingKind::ShipMethod);
        QVERIFY(m_page->isDirty());
        QStringList asked;
        m_page->setAskUnsaved([&](const QString &question) {
            asked << question;
            return MappingsPage::UnsavedAnswer::Cancel;
        });
        QVERIFY(!m_page->selectConnector(m_other));
        QCOMPARE(m_page->connectorId(), m_store);
        QCOMPARE(m_page->connectorBox()->currentData().toLongLong(), m_store);
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.first().contains(QStringLiteral("store")));

        m_page->setAskUnsaved([](const QString &) { return MappingsPage::UnsavedAnswer::Save; });
        QVERIFY(m_page->selectConnector(m_other));
        QCOMPARE(ships()->rowCount(), 0);
        QCOMPARE(m_page->historyModel()->rowCount(), 0);
        QCOMPARE(MappingRepository(db()).rules(m_store).first().target, QStringLiteral("FedEx"));

        // Discard: the switch happens and nothing is written.
        QVERIFY(m_page->selectConnector(m_store));
        typeInto(MappingKind::ShipMethod, 0, Field::Target, QStringLiteral("USPS"));
        closeEditor(MappingKind::ShipMethod);
        m_page->setAskUnsaved([](const QString &) { return MappingsPage::UnsavedAnswer::Discard; });
        QVERIFY(m_page->selectConnector(m_other));
        QCOMPARE(MappingRepository(db()).rules(m_store).first().target, QStringLiteral("FedEx"));
        QVERIFY(m_page->resolveUnsavedChanges()); // nothing unsaved: nothing to ask
    }
};

QTEST_MAIN(TestMappings)
#include "tst_mappings.moc"
