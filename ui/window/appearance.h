#pragma once

#include <QString>

class QPalette;
class QTranslator;

namespace fulfillsync {

// The keys of the per-user settings (QSettings) the window reads. Configuration the worker
// shares (connectors, the NetSuite account) lives in the database instead; secrets in neither.
namespace SettingsKeys {
inline const QString DatabaseUrl = QStringLiteral("database/url");
inline const QString LastWorkingDatabase = QStringLiteral("database/lastWorking"); // opened last
inline const QString DefaultInterval = QStringLiteral("schedule/defaultIntervalMinutes");
inline const QString Theme = QStringLiteral("appearance/theme");       // system, light, dark
inline const QString Language = QStringLiteral("appearance/language"); // "", en, de
} // namespace SettingsKeys

int defaultIntervalMinutes(); // for new connectors; 5 unless the settings say otherwise

// Follow the system, or a fixed light or dark palette on the Fusion style (the one style that
// honours a palette everywhere).
enum class Theme { System, Light, Dark };
QString themeKey(Theme theme);
Theme themeFromKey(const QString &key);
Theme storedTheme();
QPalette darkPalette();
QPalette lightPalette();
void applyTheme(Theme theme);
void applyStoredTheme(); // at start; nothing to do when it follows the system

// The language chosen in Settings, else the system's: loads fulfillsync's catalogue from
// :/i18n and Qt's own (when the distribution ships it) and installs both. Returns the locale.
QString installTranslations(QTranslator &own, QTranslator &qt);

} // namespace fulfillsync
