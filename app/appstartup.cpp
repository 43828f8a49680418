#include "app/appstartup.h"

#include "ui/appearance.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace fulfillsync {

void installTranslations(QTranslator &own, QTranslator &qt)
{
    const QString chosen = QSettings().value(SettingsKeys::Language).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale() : QLocale(chosen);
    if (!chosen.isEmpty())
        QLocale::setDefault(locale);
    if (own.load(locale, QStringLiteral("fulfillsync"), QStringLiteral("_"),
                 QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&own);
    // Qt's own words (standard buttons, file dialogs) when the distribution ships them.
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);
}

void applyStoredTheme()
{
    const Theme theme = storedTheme();
    if (theme != Theme::System)
        applyTheme(theme);
}

} // namespace fulfillsync
