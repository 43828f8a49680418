#pragma once

class QTranslator;

namespace fulfillsync {

// The language chosen in Settings (appearance/language), else the system's: loads fulfillsync's
// own catalogue from :/i18n and Qt's, when installed, and installs both.
void installTranslations(QTranslator &own, QTranslator &qt);
// The theme chosen in Settings; nothing to do when it follows the system.
void applyStoredTheme();

} // namespace fulfillsync
