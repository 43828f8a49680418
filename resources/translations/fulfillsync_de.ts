<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Database</name>
    <message>
        <source>The %1 database driver is not installed.</source>
        <translation>Der Datenbanktreiber %1 ist nicht installiert.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>Cannot use the database %1: %2</source>
        <translation>Die Datenbank %1 ist nicht nutzbar: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseProbe</name>
    <message>
        <source>This is not a database address.</source>
        <translation>Das ist keine Datenbankadresse.</translation>
    </message>
    <message>
        <source>The database cannot be opened.</source>
        <translation>Die Datenbank lässt sich nicht öffnen.</translation>
    </message>
    <message>
        <source>The database opened but does not answer a query: %1</source>
        <translation>Die Datenbank ist geöffnet, beantwortet aber keine Abfrage: %1</translation>
    </message>
    <message>
        <source>The SQLite file %1 can be used.</source>
        <translation>Die SQLite-Datei %1 ist nutzbar.</translation>
    </message>
    <message>
        <source>PostgreSQL at %1 answers and accepts the login.</source>
        <translation>PostgreSQL unter %1 antwortet und nimmt die Anmeldung an.</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>The keychain did not answer (is it locked?).</source>
        <translation>Der Schlüsselbund hat nicht geantwortet (ist er gesperrt?).</translation>
    </message>
</context>
<context>
    <name>NetSuiteRecords</name>
    <message>
        <source>The item fulfillment record has no id or no createdFrom order.</source>
        <translation>Dem Lieferdatensatz fehlt die ID oder der zugehörige Auftrag (createdFrom).</translation>
    </message>
    <message>
        <source>The sales order record has no id.</source>
        <translation>Dem Auftragsdatensatz fehlt die ID.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The demo sandbox could not open a loopback port.</source>
        <translation>Die Demo-Sandbox konnte keinen lokalen Port öffnen.</translation>
    </message>
</context>
<context>
    <name>SalesOrderStatus</name>
    <message>
        <source>Pending Approval</source>
        <translation>Genehmigung ausstehend</translation>
    </message>
    <message>
        <source>Pending Fulfillment</source>
        <translation>Lieferung ausstehend</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Partially Fulfilled</source>
        <translation>Teilweise geliefert</translation>
    </message>
    <message>
        <source>Pending Billing/Partially Fulfilled</source>
        <translation>Abrechnung ausstehend/teilweise geliefert</translation>
    </message>
    <message>
        <source>Pending Billing</source>
        <translation>Abrechnung ausstehend</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>Abgerechnet</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
</context>
<context>
    <name>ShipStatus</name>
    <message>
        <source>Picked</source>
        <translation>Kommissioniert</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>Verpackt</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
</context>
<context>
    <name>fulfillsync::AttemptDetailPane</name>
    <message>
        <source>Select an attempt to see the request and the answer.</source>
        <translation>Wählen Sie einen Versuch, um Anfrage und Antwort zu sehen.</translation>
    </message>
    <message>
        <source>Attempt details</source>
        <translation>Details des Versuchs</translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>Build the request again with today&apos;s mappings and send it, after checking the channel for an existing fulfillment</source>
        <translation>Anfrage mit den heutigen Zuordnungen neu erstellen und senden, nachdem im Kanal nach einer vorhandenen Lieferung gesucht wurde</translation>
    </message>
    <message>
        <source>Replay &amp;as recorded</source>
        <translation>Wie &amp;aufgezeichnet senden</translation>
    </message>
    <message>
        <source>Send the recorded request unchanged, after checking the channel for an existing fulfillment</source>
        <translation>Die aufgezeichnete Anfrage unverändert senden, nachdem im Kanal nach einer vorhandenen Lieferung gesucht wurde</translation>
    </message>
    <message>
        <source>This attempt is not in the history.</source>
        <translation>Dieser Versuch ist nicht im Verlauf.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 / %3 · %4 · %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 / %3 · %4 · %5</translation>
    </message>
    <message>
        <source>Error class: %1</source>
        <translation>Fehlerklasse: %1</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>(nothing was sent)</source>
        <translation>(nichts wurde gesendet)</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConfigExchange</name>
    <message>
        <source>unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secrets do not belong in a configuration file; use the keychain or the worker&apos;s credentials file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only &quot;shopify&quot; is supported so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a whole number of at least 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a sales order status letter (A–H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &quot;hold&quot; or &quot;default&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &quot;kit_line&quot; or &quot;members&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected ship_method, item, location or custom_field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorForm</name>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Connector name</source>
        <translation>Name des Connectors</translation>
    </message>
    <message>
        <source>e.g. Main Shopify store</source>
        <translation>z. B. Shopify-Hauptshop</translation>
    </message>
    <message>
        <source>Connector kind</source>
        <translation>Art des Connectors</translation>
    </message>
    <message>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <source>NetSuite channel value</source>
        <translation>Kanalwert in NetSuite</translation>
    </message>
    <message>
        <source>Sales orders whose channel field (custbody_fa_channel) has this value are synced through this connector.</source>
        <translation>Aufträge, deren Kanalfeld (custbody_fa_channel) diesen Wert hat, werden über diesen Connector synchronisiert.</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiv</translation>
    </message>
    <message>
        <source>Connector enabled</source>
        <translation>Connector aktiv</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>A&amp;rt:</translation>
    </message>
    <message>
        <source>&amp;Channel value in NetSuite:</source>
        <translation>&amp;Kanalwert in NetSuite:</translation>
    </message>
    <message>
        <source>Shopify store</source>
        <translation>Shopify-Shop</translation>
    </message>
    <message>
        <source>Store address</source>
        <translation>Shop-Adresse</translation>
    </message>
    <message>
        <source>Admin API access token</source>
        <translation>Admin-API-Zugriffstoken</translation>
    </message>
    <message>
        <source>shpat_… (kept in the system keychain)</source>
        <translation>shpat_… (wird im Schlüsselbund des Systems abgelegt)</translation>
    </message>
    <message>
        <source>Store &amp;address:</source>
        <translation>Shop-A&amp;dresse:</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>When and how to sync</source>
        <translation>Wann und wie synchronisiert wird</translation>
    </message>
    <message>
        <source>Sync interval in minutes</source>
        <translation>Synchronisierungsintervall in Minuten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Synchronisieren &amp;alle:</translation>
    </message>
    <message>
        <source>Sync orders in status %1</source>
        <translation>Aufträge im Status %1 synchronisieren</translation>
    </message>
    <message>
        <source>Sync orders in status:</source>
        <translation>Aufträge im Status synchronisieren:</translation>
    </message>
    <message>
        <source>&amp;Notify the customer when a shipment is pushed</source>
        <translation>Kunden bei übertragener Sendung &amp;benachrichtigen</translation>
    </message>
    <message>
        <source>Notify customer</source>
        <translation>Kunden benachrichtigen</translation>
    </message>
    <message>
        <source>Send &amp;tracking changes made in NetSuite later</source>
        <translation>Spätere Änderungen der &amp;Sendungsnummern aus NetSuite senden</translation>
    </message>
    <message>
        <source>Update tracking</source>
        <translation>Sendungsverfolgung aktualisieren</translation>
    </message>
    <message>
        <source>Unmapped ship method policy</source>
        <translation>Umgang mit nicht zugeordneten Versandarten</translation>
    </message>
    <message>
        <source>Hold the fulfillment until it is mapped</source>
        <translation>Lieferung zurückhalten, bis sie zugeordnet ist</translation>
    </message>
    <message>
        <source>Use the default carrier</source>
        <translation>Standard-Versanddienst verwenden</translation>
    </message>
    <message>
        <source>&amp;Unmapped ship method:</source>
        <translation>Nicht &amp;zugeordnete Versandart:</translation>
    </message>
    <message>
        <source>Default carrier</source>
        <translation>Standard-Versanddienst</translation>
    </message>
    <message>
        <source>e.g. UPS</source>
        <translation>z. B. UPS</translation>
    </message>
    <message>
        <source>&amp;Default carrier:</source>
        <translation>Standard-&amp;Versanddienst:</translation>
    </message>
    <message>
        <source>Kit rule</source>
        <translation>Regel für Sets</translation>
    </message>
    <message>
        <source>As the kit&apos;s own line</source>
        <translation>Als eigene Position des Sets</translation>
    </message>
    <message>
        <source>As its member items</source>
        <translation>Als einzelne Artikel des Sets</translation>
    </message>
    <message>
        <source>Send &amp;kits:</source>
        <translation>&amp;Sets senden:</translation>
    </message>
    <message>
        <source>Form problem</source>
        <translation>Problem im Formular</translation>
    </message>
    <message>
        <source>Enter the store address, e.g. https://your-store.myshopify.com.</source>
        <translation>Geben Sie die Shop-Adresse ein, z. B. https://ihr-shop.myshopify.com.</translation>
    </message>
    <message>
        <source>The store address is not a web address. Use the form https://your-store.myshopify.com.</source>
        <translation>Die Shop-Adresse ist keine Webadresse. Verwenden Sie die Form https://ihr-shop.myshopify.com.</translation>
    </message>
    <message>
        <source>The store address must start with https://.</source>
        <translation>Die Shop-Adresse muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The store address must not contain a query, a fragment or a user name.</source>
        <translation>Die Shop-Adresse darf keine Abfrage, keinen Anker und keinen Benutzernamen enthalten.</translation>
    </message>
    <message>
        <source>Give the connector a name.</source>
        <translation>Geben Sie dem Connector einen Namen.</translation>
    </message>
    <message>
        <source>Another connector is already called &quot;%1&quot;. Choose another name.</source>
        <translation>Ein anderer Connector heißt bereits „%1“. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Enter the channel value NetSuite orders of this store carry.</source>
        <translation>Geben Sie den Kanalwert ein, den die NetSuite-Aufträge dieses Shops tragen.</translation>
    </message>
    <message>
        <source>Enter the store&apos;s Admin API access token.</source>
        <translation>Geben Sie das Admin-API-Zugriffstoken des Shops ein.</translation>
    </message>
    <message>
        <source>Pick at least one sales order status to sync.</source>
        <translation>Wählen Sie mindestens einen Auftragsstatus zum Synchronisieren.</translation>
    </message>
    <message>
        <source>Enter the default carrier, or hold unmapped ship methods.</source>
        <translation>Geben Sie den Standard-Versanddienst ein oder halten Sie nicht zugeordnete Versandarten zurück.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorListModel</name>
    <message>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <source>Runs on its schedule and with Sync now</source>
        <translation>Läuft nach Zeitplan und mit „Jetzt synchronisieren“</translation>
    </message>
    <message>
        <source>Paused: neither the schedule nor Sync now runs it</source>
        <translation>Pausiert: weder der Zeitplan noch „Jetzt synchronisieren“ führt ihn aus</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Store address</source>
        <translation>Shop-Adresse</translation>
    </message>
    <message>
        <source>Every minute</source>
        <translation>Jede Minute</translation>
    </message>
    <message>
        <source>Every %1 minutes</source>
        <translation>Alle %1 Minuten</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorsPage</name>
    <message>
        <source>Connectors</source>
        <translation>Connectors</translation>
    </message>
    <message>
        <source>No keychain answered. Access tokens are kept for this run only and must be entered again at the next start. Unlock or install a keychain (e.g. GNOME Keyring or KWallet) to keep them.</source>
        <translation>Kein Schlüsselbund hat geantwortet. Zugriffstoken gelten nur für diese Sitzung und müssen beim nächsten Start erneut eingegeben werden. Entsperren oder installieren Sie einen Schlüsselbund (z. B. GNOME Keyring oder KWallet), um sie zu behalten.</translation>
    </message>
    <message>
        <source>Keychain warning</source>
        <translation>Schlüsselbund-Warnung</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Add a connector</source>
        <translation>Connector hinzufügen</translation>
    </message>
    <message>
        <source>Add a connector (%1)</source>
        <translation>Connector hinzufügen (%1)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the connector</source>
        <translation>Connector löschen</translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Enable or disable the connector</source>
        <translation>Connector aktivieren oder deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the connector</source>
        <translation>Connector speichern</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Revert the changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Test the connection to the store</source>
        <translation>Verbindung zum Shop testen</translation>
    </message>
    <message>
        <source>R&amp;un now</source>
        <translation>Jetzt a&amp;usführen</translation>
    </message>
    <message>
        <source>Run this connector now</source>
        <translation>Diesen Connector jetzt ausführen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Connector message</source>
        <translation>Meldung zum Connector</translation>
    </message>
    <message>
        <source>Could not read the connectors: %1</source>
        <translation>Die Connectors konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to &quot;%1&quot;?</source>
        <translation>Die ungespeicherten Änderungen an „%1“ verwerfen?</translation>
    </message>
    <message>
        <source>Could not read the access token: %1</source>
        <translation>Das Zugriffstoken konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No access token is stored for this connector yet: enter it and save.</source>
        <translation>Für diesen Connector ist noch kein Zugriffstoken gespeichert: Geben Sie es ein und speichern Sie.</translation>
    </message>
    <message>
        <source>Could not save the connector: %1</source>
        <translation>Der Connector konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saved, but the access token could not be stored: %1</source>
        <translation>Gespeichert, aber das Zugriffstoken konnte nicht abgelegt werden: %1</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Delete the connector &quot;%1&quot;?

Its mappings and its record of what was already pushed are deleted too; its access token is removed from the keychain. The sync history stays.</source>
        <translation>Den Connector „%1“ löschen?

Seine Zuordnungen und die Aufzeichnung, was bereits übertragen wurde, werden ebenfalls gelöscht; sein Zugriffstoken wird aus dem Schlüsselbund entfernt. Der Synchronisierungsverlauf bleibt erhalten.</translation>
    </message>
    <message>
        <source>Could not delete the connector: %1</source>
        <translation>Der Connector konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is enabled.</source>
        <translation>„%1“ ist aktiv.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is disabled: it will not sync until enabled again.</source>
        <translation>„%1“ ist deaktiviert: Er synchronisiert erst wieder, wenn er aktiviert wird.</translation>
    </message>
    <message>
        <source>Enter the access token first.</source>
        <translation>Geben Sie zuerst das Zugriffstoken ein.</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>Verbindung zu %1 wird getestet…</translation>
    </message>
    <message>
        <source>Running &quot;%1&quot;…</source>
        <translation>„%1“ läuft…</translation>
    </message>
    <message>
        <source>En&amp;able</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>Save the changes first.</source>
        <translation>Speichern Sie zuerst die Änderungen.</translation>
    </message>
    <message>
        <source>The connector is disabled.</source>
        <translation>Der Connector ist deaktiviert.</translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation>Eine Synchronisierung läuft bereits.</translation>
    </message>
    <message>
        <source>Sync this connector now.</source>
        <translation>Diesen Connector jetzt synchronisieren.</translation>
    </message>
    <message>
        <source>Run finished: %1 pushed, %2 failed, %3 held.</source>
        <translation>Lauf beendet: %1 übertragen, %2 fehlgeschlagen, %3 zurückgehalten.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::CustomFieldMapping</name>
    <message>
        <source>&quot;%1&quot; is not a channel field this connector can fill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A constant needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a NetSuite field this connector reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lookup needs entries like &quot;from=to; from=to&quot; (&quot;*=value&quot; for all others).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A template needs {value} where the NetSuite value goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A date format needs a pattern such as dd.MM.yyyy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom field %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom field %1: %2 is &quot;%3&quot;, which is not a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom field %1: the lookup has no entry for %2 &quot;%3&quot;; add one to its mapping (or &quot;*=value&quot; for all others).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::DatabaseUrl</name>
    <message>
        <source>The SQLite URL has no file path (expected sqlite:///path/to/file.db).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL URL is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database (expected postgresql://user@host:port/dbname).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown database URL &quot;%1&quot;: use sqlite:///path/to/file.db or postgresql://user@host:port/dbname.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::Explainer</name>
    <message>
        <source>Connector</source>
        <translation type="unfinished">Connector</translation>
    </message>
    <message>
        <source>%1 is enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished">Kanal</translation>
    </message>
    <message>
        <source>the order came from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the order came from &quot;%1&quot;, this connector syncs &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a trigger status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not one of this connector&apos;s trigger statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel order</source>
        <translation type="unfinished">Kanalauftrag</translation>
    </message>
    <message>
        <source>order %1 in the channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no channel order id on the sales order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished">Auftrag</translation>
    </message>
    <message>
        <source>the order itself does not qualify (see above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ship status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished">Versandt</translation>
    </message>
    <message>
        <source>%1: only Shipped fulfillments are sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet in the channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already in the channel as fulfillment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an earlier attempt was not confirmed; the channel is read back before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed %1 time(s), last: %2; next try after %3 (Resync tries at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in quarantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mappings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>carrier %1, %2 line(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::FulfillmentExplanation</name>
    <message>
        <source>%1 is not pushed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is due and will be pushed on the next run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::FulfillmentMapper</name>
    <message>
        <source>Item %1 (internal id %2) has no SKU: add an item mapping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fulfillment has no lines with a quantity to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished">(keine)</translation>
    </message>
    <message>
        <source>Ship method &quot;%1&quot; has no carrier mapping: map it to a carrier in Mappings, or set a default carrier for this connector.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::HistoryTableModel</name>
    <message>
        <source>Pushed</source>
        <translation>Übertragen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Resync</source>
        <translation>Neu synchronisiert</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut gesendet</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Fulfillment</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Error class</source>
        <translation>Fehlerklasse</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>fulfillsync::KeychainSecretStore</name>
    <message>
        <source>No keychain answered (%1). Secrets are kept for this run only and must be entered again next time.</source>
        <translation>Kein Schlüsselbund hat geantwortet (%1). Geheimnisse gelten nur für diese Sitzung und müssen beim nächsten Mal erneut eingegeben werden.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::MainWindow</name>
    <message>
        <source>fulfillsync — NetSuite fulfillment sync</source>
        <translation>fulfillsync – NetSuite-Lieferungen synchronisieren</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Read NetSuite now and push every shipped fulfillment that is due (Ctrl+R)</source>
        <translation>NetSuite jetzt lesen und jede fällige versandte Lieferung übertragen (Strg+R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the running sync after the current request (Esc)</source>
        <translation>Laufende Synchronisierung nach der aktuellen Anfrage anhalten (Esc)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>Filter by order, customer, fulfillment or message (Ctrl+F)</source>
        <translation>Nach Auftrag, Kunde, Lieferung oder Meldung filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation>Schnellfilter</translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation>Synchronisierungsverlauf</translation>
    </message>
    <message>
        <source>Sales Orders</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Sync History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Fortschritt der Synchronisierung</translation>
    </message>
    <message>
        <source>Could not read the database: %1</source>
        <translation>Die Datenbank konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Connectors</source>
        <translation>Connectors</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Starting sync…</source>
        <translation>Synchronisierung startet…</translation>
    </message>
    <message>
        <source>Resyncing the order…</source>
        <translation>Auftrag wird erneut synchronisiert…</translation>
    </message>
    <message>
        <source>Dry run: reading NetSuite and the channel, sending nothing…</source>
        <translation>Probelauf: NetSuite und Kanal werden gelesen, nichts wird gesendet…</translation>
    </message>
    <message>
        <source>Send the recorded request of attempt %1 again?

The channel is read back first: if the fulfillment is already there, nothing is sent.</source>
        <translation>Die aufgezeichnete Anfrage von Versuch %1 erneut senden?

Der Kanal wird zuerst gelesen: Ist die Lieferung dort schon vorhanden, wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Build the request of attempt %1 again with today&apos;s mappings and send it?

The channel is read back first: if the fulfillment is already there, nothing is sent.</source>
        <translation>Die Anfrage von Versuch %1 mit den heutigen Zuordnungen neu erstellen und senden?

Der Kanal wird zuerst gelesen: Ist die Lieferung dort schon vorhanden, wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Replaying attempt %1…</source>
        <translation>Versuch %1 wird erneut gesendet…</translation>
    </message>
    <message>
        <source>everything due is already in the channel, or nothing is due yet.</source>
        <translation>alles Fällige ist bereits im Kanal, oder noch nichts ist fällig.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: the sync could not run. %2</source>
        <translation>%1: Die Synchronisierung konnte nicht laufen. %2</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Synchronisierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Connector %1 could not sync.

%2</source>
        <translation>Connector %1 konnte nicht synchronisieren.

%2</translation>
    </message>
    <message>
        <source>%1: cancelled after %2 pushed.</source>
        <translation>%1: abgebrochen nach %2 übertragenen.</translation>
    </message>
    <message>
        <source>%1: %2 pushed, %3 failed, %4 held, %5 already in the channel (%6 s).</source>
        <translation>%1: %2 übertragen, %3 fehlgeschlagen, %4 zurückgehalten, %5 bereits im Kanal (%6 s).</translation>
    </message>
    <message>
        <source>Sync could not start</source>
        <translation>Synchronisierung konnte nicht starten</translation>
    </message>
    <message>
        <source>%1 orders · %2 attempts</source>
        <translation>%1 Aufträge · %2 Versuche</translation>
    </message>
</context>
<context>
    <name>fulfillsync::Migrations</name>
    <message>
        <source>The database uses schema version %1, newer than this program knows (%2). Update fulfillsync before using this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read migration %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::NetSuiteConnectionTest</name>
    <message>
        <source>Connected to %1: the credentials work and the role can read sales orders.</source>
        <translation>Verbunden mit %1: Die Zugangsdaten funktionieren und die Rolle darf Aufträge lesen.</translation>
    </message>
    <message>
        <source>%1 does not answer. %2</source>
        <translation>%1 antwortet nicht. %2</translation>
    </message>
    <message>
        <source>%1 answers, but refused the login. %2</source>
        <translation>%1 antwortet, hat die Anmeldung aber abgelehnt. %2</translation>
    </message>
    <message>
        <source>%1 accepted the login, but reading transactions failed. %2</source>
        <translation>%1 hat die Anmeldung angenommen, aber das Lesen der Transaktionen ist fehlgeschlagen. %2</translation>
    </message>
</context>
<context>
    <name>fulfillsync::NetSuiteError</name>
    <message>
        <source>NetSuite sent an answer this program cannot read (%1). Try again later; if it persists, check the REST base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to NetSuite was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite did not answer in time. The run will try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite cannot be reached (%1). Check the network and the REST base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite is busy: the account&apos;s concurrent request limit is reached. The run waits and tries again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite refused the login. Check the account id and the token credentials; NetSuite&apos;s Login Audit Trail shows the exact reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NetSuite role of this token may not read transactions. Give the role the Transactions and SuiteAnalytics Workbook permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite had an internal error (HTTP %1). The run will try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite rejected the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished">HTTP %1</translation>
    </message>
    <message>
        <source>(The answer was not NetSuite&apos;s JSON; a proxy or maintenance page may be in the way.)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::OrderDetailPane</name>
    <message>
        <source>Select an order to see its lines, fulfillments and why it syncs or not.</source>
        <translation>Wählen Sie einen Auftrag, um seine Positionen, Lieferungen und den Grund zu sehen, warum er synchronisiert wird oder nicht.</translation>
    </message>
    <message>
        <source>Order details</source>
        <translation>Auftragsdetails</translation>
    </message>
    <message>
        <source>&amp;Resync</source>
        <translation>&amp;Neu synchronisieren</translation>
    </message>
    <message>
        <source>Read this order from NetSuite again and push whatever is missing</source>
        <translation>Diesen Auftrag erneut aus NetSuite lesen und alles Fehlende übertragen</translation>
    </message>
    <message>
        <source>&amp;Dry run</source>
        <translation>&amp;Probelauf</translation>
    </message>
    <message>
        <source>Show the exact requests a sync would send now, without sending them</source>
        <translation>Die genauen Anfragen zeigen, die eine Synchronisierung jetzt senden würde, ohne sie zu senden</translation>
    </message>
    <message>
        <source>This order is not in the local copy any more.</source>
        <translation>Dieser Auftrag ist nicht mehr in der lokalen Kopie.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · %4 order %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · %4-Auftrag %5</translation>
    </message>
    <message>
        <source>Lines (ordered / shipped)</source>
        <translation>Positionen (bestellt / versandt)</translation>
    </message>
    <message>
        <source>Item fulfillments</source>
        <translation>Lieferungen</translation>
    </message>
    <message>
        <source> (voided)</source>
        <translation> (storniert)</translation>
    </message>
    <message>
        <source>  none yet</source>
        <translation>  noch keine</translation>
    </message>
    <message>
        <source>Explain — connector %1</source>
        <translation>Erklärung – Connector %1</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <source>Dry run — %1 / %2</source>
        <translation>Probelauf – %1 / %2</translation>
    </message>
    <message>
        <source>Nothing would be sent: %1</source>
        <translation>Nichts würde gesendet: %1</translation>
    </message>
</context>
<context>
    <name>fulfillsync::OrderExplanation</name>
    <message>
        <source>The order has no item fulfillments in NetSuite yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::OrderTableModel</name>
    <message>
        <source>Not eligible</source>
        <translation>Nicht berechtigt</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Partially synced</source>
        <translation>Teilweise synchronisiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Channel order</source>
        <translation>Kanalauftrag</translation>
    </message>
    <message>
        <source>NetSuite status</source>
        <translation>NetSuite-Status</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Bestellt</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>Übertragen</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Synchronisierungsstand</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Letzter Versuch</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>fulfillsync::Reader</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>No keychain answered. The NetSuite secrets are kept for this run only and must be entered again at the next start.</source>
        <translation>Kein Schlüsselbund hat geantwortet. Die NetSuite-Geheimnisse gelten nur für diese Sitzung und müssen beim nächsten Start erneut eingegeben werden.</translation>
    </message>
    <message>
        <source>Keychain warning</source>
        <translation>Schlüsselbund-Warnung</translation>
    </message>
    <message>
        <source>&amp;NetSuite</source>
        <translation>&amp;NetSuite</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>&amp;Datenbank</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>Settings problem</source>
        <translation>Problem in den Einstellungen</translation>
    </message>
    <message>
        <source>NetSuite account id</source>
        <translation>NetSuite-Konto-ID</translation>
    </message>
    <message>
        <source>e.g. 1234567 or 1234567_SB1</source>
        <translation>z. B. 1234567 oder 1234567_SB1</translation>
    </message>
    <message>
        <source>NetSuite REST address</source>
        <translation>NetSuite-REST-Adresse</translation>
    </message>
    <message>
        <source>empty: derived from the account id</source>
        <translation>leer: wird aus der Konto-ID abgeleitet</translation>
    </message>
    <message>
        <source>&amp;Account id:</source>
        <translation>&amp;Konto-ID:</translation>
    </message>
    <message>
        <source>REST &amp;address:</source>
        <translation>REST-&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Consumer key:</source>
        <translation>&amp;Consumer Key:</translation>
    </message>
    <message>
        <source>Consumer &amp;secret:</source>
        <translation>Consumer &amp;Secret:</translation>
    </message>
    <message>
        <source>&amp;Token id:</source>
        <translation>&amp;Token-ID:</translation>
    </message>
    <message>
        <source>Token s&amp;ecret:</source>
        <translation>Token-S&amp;ecret:</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Consumer Key</translation>
    </message>
    <message>
        <source>Consumer secret</source>
        <translation>Consumer Secret</translation>
    </message>
    <message>
        <source>Token id</source>
        <translation>Token-ID</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>Token-Secret</translation>
    </message>
    <message>
        <source>The consumer and token secrets are kept in the system keychain, never in the database or the settings.</source>
        <translation>Consumer- und Token-Secret werden im Schlüsselbund des Systems abgelegt, nie in der Datenbank oder den Einstellungen.</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Test the NetSuite connection</source>
        <translation>NetSuite-Verbindung testen</translation>
    </message>
    <message>
        <source>NetSuite test result</source>
        <translation>Ergebnis des NetSuite-Tests</translation>
    </message>
    <message>
        <source>Database address</source>
        <translation>Datenbankadresse</translation>
    </message>
    <message>
        <source>sqlite:///path/to/file.db or postgresql://user@host:5432/name</source>
        <translation>sqlite:///pfad/zur/datei.db oder postgresql://benutzer@host:5432/name</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>Choose a SQLite file</source>
        <translation>SQLite-Datei wählen</translation>
    </message>
    <message>
        <source>Database &amp;URL:</source>
        <translation>Datenbank-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Test the database</source>
        <translation>Datenbank testen</translation>
    </message>
    <message>
        <source>Database test result</source>
        <translation>Ergebnis des Datenbanktests</translation>
    </message>
    <message>
        <source>A changed database is used from the next start on. Its tables are created then.</source>
        <translation>Eine geänderte Datenbank wird ab dem nächsten Start verwendet. Ihre Tabellen werden dann angelegt.</translation>
    </message>
    <message>
        <source>Default sync interval in minutes</source>
        <translation>Standard-Synchronisierungsintervall in Minuten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>New connectors sync &amp;every:</source>
        <translation>Neue Connectors synchronisieren &amp;alle:</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>&amp;Erscheinungsbild:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A changed language is used from the next start on.</source>
        <translation>Eine geänderte Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>In use: %1</source>
        <translation>In Verwendung: %1</translation>
    </message>
    <message>
        <source>The NetSuite REST address is not a web address. Leave it empty to derive it from the account id.</source>
        <translation>Die NetSuite-REST-Adresse ist keine Webadresse. Lassen Sie sie leer, um sie aus der Konto-ID abzuleiten.</translation>
    </message>
    <message>
        <source>Could not save the NetSuite account: %1</source>
        <translation>Das NetSuite-Konto konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Could not store the %1 in the keychain: %2</source>
        <translation>%1 konnte nicht im Schlüsselbund abgelegt werden: %2</translation>
    </message>
    <message>
        <source>Enter the account id and all four token-based authentication values first.</source>
        <translation>Geben Sie zuerst die Konto-ID und alle vier Werte der tokenbasierten Anmeldung ein.</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>Verbindung zu %1 wird getestet…</translation>
    </message>
    <message>
        <source>Enter a database URL first.</source>
        <translation>Geben Sie zuerst eine Datenbank-URL ein.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test läuft…</translation>
    </message>
    <message>
        <source>SQLite database file</source>
        <translation>SQLite-Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite)</translation>
    </message>
    <message>
        <source>Remove the password from the database URL: settings are stored as plain text. Put it in the ~/.pgpass file of this user instead (PostgreSQL reads it from there).</source>
        <translation>Entfernen Sie das Passwort aus der Datenbank-URL: Einstellungen werden als Klartext gespeichert. Legen Sie es stattdessen in der Datei ~/.pgpass dieses Benutzers ab (PostgreSQL liest es dort).</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ShopifyConnectionTest</name>
    <message>
        <source>The test was cancelled.</source>
        <translation>Der Test wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 did not answer in time. Check the store address and the network.</source>
        <translation>%1 hat nicht rechtzeitig geantwortet. Prüfen Sie die Shop-Adresse und das Netzwerk.</translation>
    </message>
    <message>
        <source>%1 cannot be reached (%2). Check the store address and the network.</source>
        <translation>%1 ist nicht erreichbar (%2). Prüfen Sie die Shop-Adresse und das Netzwerk.</translation>
    </message>
    <message>
        <source>%1 answers, but refused the access token. Copy the Admin API access token from the store&apos;s app settings again.</source>
        <translation>%1 antwortet, hat das Zugriffstoken aber abgelehnt. Kopieren Sie das Admin-API-Zugriffstoken erneut aus den App-Einstellungen des Shops.</translation>
    </message>
    <message>
        <source>%1 answers, but there is no Shopify store at this address. Check the store address (https://your-store.myshopify.com).</source>
        <translation>%1 antwortet, aber unter dieser Adresse gibt es keinen Shopify-Shop. Prüfen Sie die Shop-Adresse (https://ihr-shop.myshopify.com).</translation>
    </message>
    <message>
        <source>%1 answered with an error (HTTP %2). Try again later.</source>
        <translation>%1 hat mit einem Fehler geantwortet (HTTP %2). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>%1 answered, but not like a Shopify store. Check the store address.</source>
        <translation>%1 hat geantwortet, aber nicht wie ein Shopify-Shop. Prüfen Sie die Shop-Adresse.</translation>
    </message>
    <message>
        <source>Connected to the store &quot;%1&quot;: the access token works.</source>
        <translation>Mit dem Shop „%1“ verbunden: Das Zugriffstoken funktioniert.</translation>
    </message>
    <message>
        <source>%1 answers, but asks to slow down (too many requests). Try again in a minute.</source>
        <translation>%1 antwortet, bittet aber um weniger Anfragen (zu viele Anfragen). Versuchen Sie es in einer Minute erneut.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ShopifyPlanner</name>
    <message>
        <source>Quantity %1 of %2 is not a whole number; Shopify fulfills whole units only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Shopify order has no line with SKU %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify has only %1 of %2 left to fulfill, NetSuite shipped %3. Check the order in Shopify before resyncing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some lines of this fulfillment are already fulfilled in Shopify and others are not. Check the order in Shopify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lines are assigned to %1 different Shopify locations; one fulfillment can only ship from one. Map the NetSuite location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fulfillment id and no errors in the answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::SyncPass</name>
    <message>
        <source>More than 100,000 NetSuite rows changed at %1; SuiteQL cannot page past that. Narrow the first pass with a later start date.</source>
        <translation>Mehr als 100.000 NetSuite-Zeilen wurden um %1 geändert; SuiteQL kann nicht darüber hinaus blättern. Beschränken Sie den ersten Lauf mit einem späteren Startdatum.</translation>
    </message>
    <message>
        <source>Reading sales orders from NetSuite</source>
        <translation>Aufträge werden aus NetSuite gelesen</translation>
    </message>
    <message>
        <source>Could not store sales orders: %1</source>
        <translation>Aufträge konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Reading item fulfillments from NetSuite</source>
        <translation>Lieferungen werden aus NetSuite gelesen</translation>
    </message>
    <message>
        <source>Could not store fulfillments: %1</source>
        <translation>Lieferungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>%1 is %2 in NetSuite now; a replay never sends what has not shipped.</source>
        <translation>%1 ist in NetSuite jetzt %2; erneutes Senden überträgt nie, was nicht versandt ist.</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>%1 was voided in NetSuite after it was pushed as Shopify fulfillment %2. Nothing was cancelled in Shopify: cancel it there if the goods did not ship.</source>
        <translation>%1 wurde in NetSuite storniert, nachdem sie als Shopify-Lieferung %2 übertragen wurde. In Shopify wurde nichts storniert: Stornieren Sie sie dort, falls die Ware nicht versandt wurde.</translation>
    </message>
    <message>
        <source>%1 went back to %2 in NetSuite after it was pushed as Shopify fulfillment %3. Nothing was changed in Shopify; check the shipment.</source>
        <translation>%1 ist in NetSuite auf %2 zurückgegangen, nachdem sie als Shopify-Lieferung %3 übertragen wurde. In Shopify wurde nichts geändert; prüfen Sie die Sendung.</translation>
    </message>
    <message>
        <source>%1 was reduced in NetSuite from %2 to %3 units after it was pushed as Shopify fulfillment %4. Nothing was changed in Shopify; check the shipment.</source>
        <translation>%1 wurde in NetSuite von %2 auf %3 Einheiten verringert, nachdem sie als Shopify-Lieferung %4 übertragen wurde. In Shopify wurde nichts geändert; prüfen Sie die Sendung.</translation>
    </message>
    <message>
        <source>A fulfillment changed in NetSuite after it was pushed; see the history.</source>
        <translation>Eine Lieferung hat sich in NetSuite nach der Übertragung geändert; siehe Verlauf.</translation>
    </message>
    <message>
        <source>Could not store the watermark: %1</source>
        <translation>Der Lesestand konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Updating the Shopify tracking numbers</source>
        <translation>Shopify-Sendungsnummern werden aktualisiert</translation>
    </message>
    <message>
        <source>Shopify refused the tracking update: %1</source>
        <translation>Shopify hat die Aktualisierung der Sendungsnummern abgelehnt: %1</translation>
    </message>
    <message>
        <source>Updated the tracking numbers of Shopify fulfillment %1 to %2.</source>
        <translation>Sendungsnummern der Shopify-Lieferung %1 auf %2 aktualisiert.</translation>
    </message>
    <message>
        <source>Pushing %1 (%2 of %3)</source>
        <translation>%1 wird übertragen (%2 von %3)</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Reading back the Shopify fulfillments</source>
        <translation>Shopify-Lieferungen werden zurückgelesen</translation>
    </message>
    <message>
        <source>Already in Shopify as fulfillment %1 (found by reading back after an unconfirmed earlier attempt); nothing sent.</source>
        <translation>Bereits in Shopify als Lieferung %1 (gefunden durch Zurücklesen nach einem unbestätigten früheren Versuch); nichts gesendet.</translation>
    </message>
    <message>
        <source>Sales order %1 has no Shopify order id (custbody_fa_channel_order / otherrefnum is &quot;%2&quot;).</source>
        <translation>Auftrag %1 hat keine Shopify-Auftrags-ID (custbody_fa_channel_order / otherrefnum ist „%2“).</translation>
    </message>
    <message>
        <source>Reading the Shopify order</source>
        <translation>Shopify-Auftrag wird gelesen</translation>
    </message>
    <message>
        <source>Reading the Shopify fulfillment orders</source>
        <translation>Shopify-Fulfillment-Orders werden gelesen</translation>
    </message>
    <message>
        <source>Shopify shows these lines as fulfilled already, but not by this connector. Nothing was sent; check the order in Shopify.</source>
        <translation>Shopify zeigt diese Positionen bereits als geliefert, aber nicht durch diesen Connector. Nichts wurde gesendet; prüfen Sie den Auftrag in Shopify.</translation>
    </message>
    <message>
        <source>Another worker is pushing this fulfillment right now.</source>
        <translation>Ein anderer Prozess überträgt diese Lieferung gerade.</translation>
    </message>
    <message>
        <source>Could not record the push before sending: %1. Nothing was sent.</source>
        <translation>Die Übertragung konnte vor dem Senden nicht vermerkt werden: %1. Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Shopify did not confirm the fulfillment (%1). It will be checked against Shopify before anything is sent again.</source>
        <translation>Shopify hat die Lieferung nicht bestätigt (%1). Vor jedem erneuten Senden wird sie mit Shopify abgeglichen.</translation>
    </message>
    <message>
        <source>Creating the Shopify fulfillment</source>
        <translation>Shopify-Lieferung wird angelegt</translation>
    </message>
    <message>
        <source>Created Shopify fulfillment %1 with %2 tracking number(s).</source>
        <translation>Shopify-Lieferung %1 mit %2 Sendungsnummer(n) angelegt.</translation>
    </message>
    <message>
        <source>Shopify refused the fulfillment: %1</source>
        <translation>Shopify hat die Lieferung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read (%1). It will be checked against Shopify before anything is sent again.</source>
        <translation>Die Antwort von Shopify war nicht lesbar (%1). Vor jedem erneuten Senden wird mit Shopify abgeglichen.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::SyncWorker</name>
    <message>
        <source>There is no attempt %1 with a fulfillment to replay.</source>
        <translation>Es gibt keinen Versuch %1 mit einer Lieferung zum erneuten Senden.</translation>
    </message>
    <message>
        <source>Attempt %1 sent nothing, so there is no request to replay as recorded. Replay it rebuilt with today&apos;s mappings instead.</source>
        <translation>Versuch %1 hat nichts gesendet, also gibt es keine aufgezeichnete Anfrage. Senden Sie sie stattdessen neu erstellt mit den heutigen Zuordnungen.</translation>
    </message>
    <message>
        <source>No enabled connector to sync. Add or enable one under Connectors.</source>
        <translation>Kein aktiver Connector zum Synchronisieren. Fügen Sie unter „Connectors“ einen hinzu oder aktivieren Sie einen.</translation>
    </message>
    <message>
        <source>Connector %1 does not exist.</source>
        <translation>Connector %1 existiert nicht.</translation>
    </message>
    <message>
        <source>No NetSuite account is configured. Enter the account id in Settings.</source>
        <translation>Kein NetSuite-Konto eingerichtet. Geben Sie die Konto-ID in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>The NetSuite token credentials are missing. Enter them in Settings.</source>
        <translation>Die NetSuite-Token-Zugangsdaten fehlen. Geben Sie sie in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>The access token of connector %1 is missing. Enter it under Connectors.</source>
        <translation>Das Zugriffstoken von Connector %1 fehlt. Geben Sie es unter „Connectors“ ein.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Watch and run NetSuite fulfillment sync to your sales channels.</source>
        <translation>NetSuite-Lieferungen zu Ihren Verkaufskanälen synchronisieren und überwachen.</translation>
    </message>
    <message>
        <source>Database URL: sqlite:///path/file.db or postgresql://user@host:port/db.</source>
        <translation>Datenbank-URL: sqlite:///pfad/datei.db oder postgresql://benutzer@host:port/db.</translation>
    </message>
    <message>
        <source>Serve N generated demo orders from the built-in sandbox (default 400; 0 = no sandbox).</source>
        <translation>N erzeugte Demo-Aufträge aus der eingebauten Sandbox bereitstellen (Standard 400; 0 = keine Sandbox).</translation>
    </message>
    <message>
        <source>Serve this fulfillsync-scenario/1 file from the built-in sandbox instead of demo data.</source>
        <translation>Diese fulfillsync-scenario/1-Datei statt der Demodaten aus der eingebauten Sandbox bereitstellen.</translation>
    </message>
    <message>
        <source>Sync once, save screenshots of the window&apos;s tabs into FOLDER and quit.</source>
        <translation>Einmal synchronisieren, Bildschirmfotos der Registerkarten in ORDNER speichern und beenden.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Demo sandbox</source>
        <translation>Demo-Sandbox</translation>
    </message>
</context>
</TS>
