// The German catalogue: complete and well-formed (placeholders, plural forms, accelerators),
// and found at run time for texts of the non-QObject code, whose translation context lupdate
// and QCoreApplication::translate must agree on.

#include "models/domain/customfield.h"
#include "models/domain/domain.h"
#include "models/domain/mappingcheck.h"
#include "models/storage/configexchange.h"
#include "models/storage/databaseurl.h"
#include "models/storage/mappingfile.h"
#include "models/storage/migrations.h"
#include "sync/channel/shopify/shopifyplanner.h"
#include "sync/engine/explainer.h"
#include "sync/engine/fulfillmentmapper.h"
#include "sync/net/netsuiteerror.h"
#include "ui/window/appearance.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>
#include <functional>

using namespace fulfillsync;

namespace {

struct Entry
{
    QString context;
    QString source;
    bool numerus = false;
    QString type; // the translation's type attribute: "unfinished", "vanished", ... or empty
    QStringList forms;
};

QList<Entry> readCatalogue(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Entry> entries;
    QString context;
    Entry entry;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            entry = Entry{
                context, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes", {}, {}};
        } else if (name == u"source") {
            entry.source = xml.readElementText();
        } else if (name == u"translation") {
            entry.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!entry.numerus)
                entry.forms << xml.readElementText(); // else <numerusform> elements follow
            entries << entry;
        } else if (name == u"numerusform") {
            entries.last().forms << xml.readElementText();
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return entries;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(?:[1-9]|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

// The letter after a single '&' (a keyboard accelerator), lower-cased; empty when there is none.
QString accelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(?<!&)&([^&\\s])"));
    const auto match = re.match(text);
    return match.hasMatch() ? match.captured(1).toLower() : QString();
}

// The same code path once in English and once with the German catalogue loaded.
struct Both
{
    QString english;
    QString german;
};

Both inBoth(const std::function<QString()> &produce)
{
    Both both;
    both.english = produce();
    QTranslator german;
    if (!german.load(QStringLiteral(":/i18n/fulfillsync_de.qm")))
        return both;
    QCoreApplication::installTranslator(&german);
    both.german = produce();
    QCoreApplication::removeTranslator(&german);
    return both;
}

#define VERIFY_GERMAN(both, englishPart, germanPart)                                               \
    do {                                                                                           \
        const Both b_ = (both);                                                                    \
        QVERIFY2(b_.english.contains(QStringLiteral(englishPart)), qPrintable(b_.english));        \
        QVERIFY2(b_.german.contains(QStringLiteral(germanPart)),                                   \
                 qPrintable(QStringLiteral("not translated: ") + b_.german));                      \
    } while (false)

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fulfillsync-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
        QString error;
        m_entries = readCatalogue(qEnvironmentVariable("FULFILLSYNC_SOURCE_DIR") +
                                      QStringLiteral("/resources/translations/fulfillsync_de.ts"),
                                  &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_entries.size() > 500);
    }

    void everyEntryIsFinished()
    {
        QStringList unfinished;
        for (const Entry &e : std::as_const(m_entries)) {
            const bool empty = std::any_of(e.forms.cbegin(), e.forms.cend(),
                                           [](const QString &f) { return f.trimmed().isEmpty(); });
            if (!e.type.isEmpty() || e.forms.isEmpty() || empty)
                unfinished << e.context + QStringLiteral(": ") + e.source;
        }
        QVERIFY2(unfinished.isEmpty(), qPrintable(QString::number(unfinished.size()) +
                                                  QStringLiteral(" unfinished, e.g. ") +
                                                  unfinished.mid(0, 5).join(u'\n')));
    }

    void placeholdersPluralsAndAcceleratorsSurvive()
    {
        for (const Entry &e : std::as_const(m_entries)) {
            const QString where = e.context + QStringLiteral(": ") + e.source;
            // German has two plural forms; lrelease needs both.
            if (e.numerus)
                QVERIFY2(e.forms.size() == 2, qPrintable(where));
            for (const QString &form : e.forms) {
                QVERIFY2(placeholders(form) == placeholders(e.source), qPrintable(where));
                QVERIFY2(accelerator(form).isEmpty() == accelerator(e.source).isEmpty(),
                         qPrintable(where));
            }
        }
    }

    // Within one screen (context) German must not make accelerators clash where English does not.
    void acceleratorsStayUniquePerScreen()
    {
        QHash<QString, QStringList> english;
        QHash<QString, QStringList> german;
        for (const Entry &e : std::as_const(m_entries)) {
            if (e.forms.isEmpty() || accelerator(e.source).isEmpty())
                continue;
            english[e.context] << accelerator(e.source);
            german[e.context] << accelerator(e.forms.first());
        }
        for (auto it = german.cbegin(); it != german.cend(); ++it) {
            QStringList g = it.value();
            QStringList en = english.value(it.key());
            const qsizetype gClashes = g.size() - (g.removeDuplicates(), g.size());
            const qsizetype enClashes = en.size() - (en.removeDuplicates(), en.size());
            QVERIFY2(gClashes <= enClashes, qPrintable(it.key()));
        }
    }

    void catalogueIsCompiledIn()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/fulfillsync_de.qm")));
        QVERIFY(!german.isEmpty());
    }

    // Qt's own words (standard buttons of dialogs and message boxes) come from qtbase_de.qm,
    // which the app loads next to its own catalogue (package qt6-translations-l10n).
    void standardButtonsSpeakGerman()
    {
        const QLocale before;
        QSettings().setValue(SettingsKeys::Language, QStringLiteral("de"));
        QTranslator own;
        QTranslator qt;
        installTranslations(own, qt);
        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                 QDialogButtonBox::Discard);
        const QString cancel = buttons.button(QDialogButtonBox::Cancel)->text();
        const QString discard = buttons.button(QDialogButtonBox::Discard)->text();
        QCoreApplication::removeTranslator(&own);
        QCoreApplication::removeTranslator(&qt);
        QSettings().remove(SettingsKeys::Language);
        QLocale::setDefault(before);
        QVERIFY2(!qt.isEmpty(), "qtbase_de.qm is missing: install qt6-translations-l10n");
        QCOMPARE(cancel, QStringLiteral("Abbrechen"));
        QVERIFY2(!discard.contains(QStringLiteral("Discard")), qPrintable(discard));
    }

    void fulfillmentMapperProblem()
    {
        Connector connector;
        ItemFulfillment f;
        f.id = 7;
        f.shipMethodName = QStringLiteral("FedEx 2Day");
        f.lines = {{1, 1, 501, QStringLiteral("TSHIRT-RED-M"), 2, 1, {}}};
        VERIFY_GERMAN(
            inBoth([&] {
                return FulfillmentMapper(connector, {}).map(f, SalesOrder{}).problems.join(u' ');
            }),
            "has no carrier mapping", "ist keinem Versanddienst zugeordnet");
    }

    void explainerGatesAndPlurals()
    {
        Connector connector;
        SalesOrder order;
        order.id = 1002;
        order.channel = QStringLiteral("Shopify");
        order.channelOrder = QStringLiteral("5002");
        order.status = QStringLiteral("D");
        ItemFulfillment f;
        f.id = 2002;
        f.tranId = QStringLiteral("IF2002");
        f.shipStatus = QStringLiteral("C");
        f.shipMethodName = QStringLiteral("FedEx 2Day");
        f.lines = {{1, 1, 501, QStringLiteral("TSHIRT-RED-M"), 2, 1, {}}};
        const QList<MappingRule> rules{
            {MappingKind::ShipMethod,
             QStringLiteral("FedEx 2Day"),
             {},
             QStringLiteral("FedEx"),
             {}},
            {MappingKind::Item, QStringLiteral("501"), {}, QStringLiteral("TSHIRT-RED-M"), {}}};
        QuarantineEntry waiting;
        waiting.fulfillmentId = 2002;
        waiting.retryCount = 3;
        waiting.lastError = QStringLiteral("HTTP 500");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        waiting.ignoreUntil = now.addSecs(3600);
        const std::function<QString()> explain = [&] {
            const FulfillmentMapper mapper(connector, rules);
            const ExplainInput input{connector, mapper, {}, now};
            return Explainer::explain(input, order, {f}, {}, {waiting}).toText();
        };
        VERIFY_GERMAN(inBoth(explain), "Order status", "Auftragsstatus");
        VERIFY_GERMAN(inBoth(explain), "failed 3 time(s)", "3-mal fehlgeschlagen");
        VERIFY_GERMAN(inBoth(explain), "IF2002 waits", "IF2002 wartet");
        waiting.ignoreUntil = now.addSecs(-1);
        VERIFY_GERMAN(inBoth(explain), "carrier FedEx, 1 line(s)",
                      "Versanddienst FedEx, 1 Position");
        VERIFY_GERMAN(inBoth([] {
                          const Connector none;
                          const FulfillmentMapper mapper(none, {});
                          return Explainer::explain(ExplainInput{none, mapper, {}}, SalesOrder{},
                                                    {}, {}, {})
                              .toText();
                      }),
                      "no item fulfillments", "noch keine Lieferungen");
    }

    void netSuiteErrorMessage()
    {
        HttpResult timedOut;
        timedOut.timedOut = true;
        VERIFY_GERMAN(inBoth([&] { return NetSuiteError::fromResult(timedOut).message; }),
                      "did not answer in time", "nicht rechtzeitig geantwortet");
    }

    void customFieldValidation()
    {
        CustomFieldMapping mapping;
        mapping.channelField = CustomFieldMapping::channelFields().first();
        mapping.transform = CustomFieldMapping::Transform::Constant;
        VERIFY_GERMAN(inBoth([&] { return mapping.validate(); }), "A constant needs a value",
                      "Eine Konstante braucht einen Wert");
    }

    void migrationsRefuseANewerSchema()
    {
        const QString name = QStringLiteral("tst_translations");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE meta (key TEXT, value TEXT)")));
            QVERIFY(
                query.exec(QStringLiteral("INSERT INTO meta VALUES ('schema_version', '9999')")));
            VERIFY_GERMAN(inBoth([&] {
                              QString error;
                              Migrations::apply(db, Migrations::Dialect::Sqlite, &error);
                              return error;
                          }),
                          "newer than this program knows", "neuer ist als die");
        }
        QSqlDatabase::removeDatabase(name);
    }

    void storageAndMappingTexts()
    {
        VERIFY_GERMAN(inBoth([] { return DatabaseUrl::parse(QStringLiteral("ftp://x")).error; }),
                      "Unknown database URL", "Unbekannte Datenbank-URL");
        VERIFY_GERMAN(inBoth([] {
                          QString error;
                          MappingFile::fromCsv(QByteArray(), &error);
                          return error;
                      }),
                      "The file is empty", "Die Datei ist leer");
        VERIFY_GERMAN(inBoth([] {
                          QString error;
                          ConfigExchange::importConfig(
                              QSqlDatabase(), QJsonObject{{QStringLiteral("bogus"), 1}}, &error);
                          return error;
                      }),
                      "unknown key", "unbekannter Schlüssel");
        VERIFY_GERMAN(inBoth([] {
                          const MappingRule rule{MappingKind::Location,
                                                 QStringLiteral("Main"),
                                                 {},
                                                 QStringLiteral("not-an-id"),
                                                 {}};
                          const auto issues = checkMappingRows(MappingKind::Location, {rule});
                          return issues.isEmpty() ? QString() : issues.first().text;
                      }),
                      "A Shopify location id is a number", "Shopify-Lagerort-ID");
        VERIFY_GERMAN(inBoth([] { return SalesOrderStatus::displayName(QStringLiteral("B")); }),
                      "Pending Fulfillment", "Lieferung ausstehend");
    }

    void shopifyPlannerText()
    {
        MappedFulfillment mapped;
        mapped.lines = {{QStringLiteral("NOPE"), 1, 1, {}}};
        VERIFY_GERMAN(
            inBoth([&] { return ShopifyPlanner::plan(mapped, ChannelOrderSnapshot{}).problem; }),
            "no line with SKU", "keine Position mit der SKU");
    }

private:
    QList<Entry> m_entries;
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
