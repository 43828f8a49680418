<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AlertMessages</name>
    <message>
        <source>fulfillsync: %1 stopped syncing</source>
        <translation>fulfillsync: %1 synchronisiert nicht mehr</translation>
    </message>
    <message>
        <source>%1 could not sync at %2: %3
Nothing is pushed for it until this is fixed; you will hear when it works again.</source>
        <translation>%1 konnte um %2 nicht synchronisieren: %3
Bis das behoben ist, wird dafür nichts übertragen; Sie hören davon, sobald es wieder funktioniert.</translation>
    </message>
    <message>
        <source>fulfillsync: %1 syncs again</source>
        <translation>fulfillsync: %1 synchronisiert wieder</translation>
    </message>
    <message>
        <source>%1 synced again at %2 (it had stopped: %3).</source>
        <translation>%1 hat um %2 wieder synchronisiert (vorher: %3).</translation>
    </message>
    <message>
        <source>fulfillsync: %1 needs attention (%2 failed, %3 held)</source>
        <translation>fulfillsync: %1 braucht Aufmerksamkeit (%2 fehlgeschlagen, %3 zurückgehalten)</translation>
    </message>
    <message>
        <source>%1: %2 fulfillment(s) failed and %3 were held since %4.</source>
        <translation>%1: seit %4 sind %2 Lieferung(en) fehlgeschlagen und %3 zurückgehalten worden.</translation>
    </message>
    <message>
        <source>  … and %1 more.</source>
        <translation>  … und %1 weitere.</translation>
    </message>
    <message>
        <source>%1 item(s) in the inbox need a person now:</source>
        <translation>%1 Eintrag/Einträge im Eingang brauchen jetzt einen Menschen:</translation>
    </message>
    <message>
        <source>Open fulfillsync&apos;s Inbox (or run fulfillsync-worker inbox) to retry or resolve them.</source>
        <translation>Öffnen Sie den Eingang von fulfillsync (oder führen Sie fulfillsync-worker inbox aus), um sie erneut zu versuchen oder zu erledigen.</translation>
    </message>
</context>
<context>
    <name>ConfigExchange</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>Text erwartet</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>true oder false erwartet</translation>
    </message>
    <message>
        <source>unknown key</source>
        <translation>unbekannter Schlüssel</translation>
    </message>
    <message>
        <source>expected &quot;%1&quot;</source>
        <translation>„%1“ erwartet</translation>
    </message>
    <message>
        <source>secrets do not belong in a configuration file; use the keychain or the worker&apos;s credentials file</source>
        <translation>Geheimnisse gehören nicht in eine Konfigurationsdatei; verwenden Sie den Schlüsselbund oder die Zugangsdatendatei des Workers</translation>
    </message>
    <message>
        <source>expected a list</source>
        <translation>Liste erwartet</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>Objekt erwartet</translation>
    </message>
    <message>
        <source>&quot;%1&quot; appears twice</source>
        <translation>„%1“ kommt zweimal vor</translation>
    </message>
    <message>
        <source>expected a whole number of at least 1</source>
        <translation>ganze Zahl ab 1 erwartet</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a sales order status letter (A–H)</source>
        <translation>„%1“ ist kein Buchstabe eines Auftragsstatus (A–H)</translation>
    </message>
    <message>
        <source>expected &quot;hold&quot; or &quot;default&quot;</source>
        <translation>„hold“ oder „default“ erwartet</translation>
    </message>
    <message>
        <source>expected &quot;kit_line&quot; or &quot;members&quot;</source>
        <translation>„kit_line“ oder „members“ erwartet</translation>
    </message>
    <message>
        <source>expected ship_method, item, location or custom_field</source>
        <translation>ship_method, item, location oder custom_field erwartet</translation>
    </message>
    <message>
        <source>expected a list of strings</source>
        <translation>erwartet eine Liste von Texten</translation>
    </message>
    <message>
        <source>a webhook address carries a token: it belongs in the keychain or the worker&apos;s credentials file</source>
        <translation>eine Webhook-Adresse enthält ein Token: sie gehört in den Schlüsselbund oder in die Zugangsdatei des Workers</translation>
    </message>
    <message>
        <source>%1: the channel value &quot;%2&quot; is already synced by connector &quot;%3&quot;; each channel value belongs to one connector</source>
        <translation>%1: der Kanalwert „%2“ wird schon von Konnektor „%3“ synchronisiert; jeder Kanalwert gehört zu einem Konnektor</translation>
    </message>
    <message>
        <source>&quot;shopify&quot; or &quot;shipstation&quot; (a 3PL warehouse)</source>
        <translation>„shopify“ oder „shipstation“ (ein 3PL-Lager)</translation>
    </message>
    <message>
        <source>expected a date such as 2026-12-01</source>
        <translation>Datum wie 2026-12-01 erwartet</translation>
    </message>
</context>
<context>
    <name>CustomFieldMapping</name>
    <message>
        <source>&quot;%1&quot; is not a channel field this connector can fill.</source>
        <translation>„%1“ ist kein Kanalfeld, das dieser Konnektor füllen kann.</translation>
    </message>
    <message>
        <source>A constant needs a value.</source>
        <translation>Eine Konstante braucht einen Wert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a NetSuite field this connector reads.</source>
        <translation>„%1“ ist kein NetSuite-Feld, das dieser Konnektor liest.</translation>
    </message>
    <message>
        <source>A lookup needs entries like &quot;from=to; from=to&quot; (&quot;*=value&quot; for all others).</source>
        <translation>Eine Nachschlagetabelle braucht Einträge wie „von=nach; von=nach“ („*=Wert“ für alle anderen).</translation>
    </message>
    <message>
        <source>A template needs {value} where the NetSuite value goes.</source>
        <translation>Eine Vorlage braucht {value} an der Stelle, an die der NetSuite-Wert gehört.</translation>
    </message>
    <message>
        <source>A date format needs a pattern such as dd.MM.yyyy.</source>
        <translation>Ein Datumsformat braucht ein Muster wie dd.MM.yyyy.</translation>
    </message>
    <message>
        <source>Custom field %1: %2</source>
        <translation>Benutzerdefiniertes Feld %1: %2</translation>
    </message>
    <message>
        <source>Custom field %1: %2 is &quot;%3&quot;, which is not a date.</source>
        <translation>Benutzerdefiniertes Feld %1: %2 ist „%3“, das ist kein Datum.</translation>
    </message>
    <message>
        <source>Custom field %1: the lookup has no entry for %2 &quot;%3&quot;; add one to its mapping (or &quot;*=value&quot; for all others).</source>
        <translation>Benutzerdefiniertes Feld %1: Die Nachschlagetabelle hat keinen Eintrag für %2 „%3“; ergänzen Sie einen in der Zuordnung (oder „*=Wert“ für alle anderen).</translation>
    </message>
</context>
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
    <message>
        <source>the SQLite driver gave no handle</source>
        <translation>der SQLite-Treiber lieferte kein Handle</translation>
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
    <name>DatabaseUrl</name>
    <message>
        <source>The SQLite URL has no file path (expected sqlite:///path/to/file.db).</source>
        <translation>Die SQLite-URL enthält keinen Dateipfad (erwartet: sqlite:///pfad/zur/datei.db).</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database (expected postgresql://user@host:port/dbname).</source>
        <translation>Die PostgreSQL-URL nennt keine Datenbank (erwartet: postgresql://benutzer@host:port/dbname).</translation>
    </message>
    <message>
        <source>Unknown database URL &quot;%1&quot;: use sqlite:///path/to/file.db or postgresql://user@host:port/dbname.</source>
        <translation>Unbekannte Datenbank-URL „%1“: Verwenden Sie sqlite:///pfad/zur/datei.db oder postgresql://benutzer@host:port/dbname.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL is not valid (expected postgresql://user:password@host:port/dbname, with %-escapes only as %XX and a numeric port).</source>
        <translation>Die PostgreSQL-URL ist ungültig (erwartet wird postgresql://benutzer:passwort@host:port/datenbank, mit %-Maskierungen nur als %XX und einem numerischen Port).</translation>
    </message>
</context>
<context>
    <name>DetectionQueries</name>
    <message>
        <source>NetSuite sent no quantity</source>
        <translation>NetSuite hat keine Menge gesendet</translation>
    </message>
    <message>
        <source>NetSuite sent the quantity &quot;%1&quot;, which is not a number</source>
        <translation>NetSuite hat die Menge „%1“ gesendet, die keine Zahl ist</translation>
    </message>
    <message>
        <source>a fulfillment row without a readable fulfillment or sales order id</source>
        <translation>eine Lieferungszeile ohne lesbare Liefer- oder Auftrags-ID</translation>
    </message>
    <message>
        <source>NetSuite sent a value of the wrong type</source>
        <translation>NetSuite hat einen Wert vom falschen Typ gesendet</translation>
    </message>
    <message>
        <source>NetSuite sent no readable last-modified time</source>
        <translation>NetSuite hat keinen lesbaren Zeitpunkt der letzten Änderung gesendet</translation>
    </message>
    <message>
        <source>NetSuite sent the ship status &quot;%1&quot;</source>
        <translation>NetSuite hat den Versandstatus „%1“ gesendet</translation>
    </message>
    <message>
        <source>NetSuite sent a line without a readable line or item id</source>
        <translation>NetSuite hat eine Position ohne lesbare Positions- oder Artikel-ID gesendet</translation>
    </message>
    <message>
        <source>%1 for line %2 (%3)</source>
        <translation>%1 für Position %2 (%3)</translation>
    </message>
    <message>
        <source>%1 could not be read completely: %2. It is held, never sent in part, and read again on every run until NetSuite returns it whole.</source>
        <translation>%1 konnte nicht vollständig gelesen werden: %2. Die Lieferung wird zurückgehalten, nie teilweise gesendet und bei jedem Lauf erneut gelesen, bis NetSuite sie vollständig zurückgibt.</translation>
    </message>
    <message>
        <source>sales order %1: a line could not be read</source>
        <translation>Auftrag %1: Eine Position konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>NetSuite sent the quantity 0, which a saved fulfillment line never has</source>
        <translation>NetSuite hat die Menge 0 gesendet, die eine gespeicherte Lieferposition nie hat</translation>
    </message>
    <message>
        <source>%1 could not be read completely: NetSuite sent a row of it, or next to it, without a readable id. It is held, never sent in part, and read again on every run until NetSuite returns it whole.</source>
        <translation>%1 konnte nicht vollständig gelesen werden: NetSuite hat eine Zeile davon oder daneben ohne lesbare ID gesendet. Die Lieferung wird zurückgehalten, nie teilweise gesendet und bei jedem Lauf erneut gelesen, bis NetSuite sie vollständig zurückgibt.</translation>
    </message>
</context>
<context>
    <name>Explainer</name>
    <message>
        <source>The order has no item fulfillments in NetSuite yet.</source>
        <translation>Der Auftrag hat in NetSuite noch keine Lieferungen.</translation>
    </message>
    <message>
        <source>NetSuite, sent and the channel:</source>
        <translation>NetSuite, gesendet und der Kanal:</translation>
    </message>
</context>
<context>
    <name>FlagResolution</name>
    <message>
        <source>Say why the flag is resolved: the reason is kept in the history.</source>
        <translation>Geben Sie an, warum die Markierung geklärt ist: Der Grund wird im Verlauf festgehalten.</translation>
    </message>
    <message>
        <source>Order %1 is not in the local copy.</source>
        <translation>Auftrag %1 ist nicht in der lokalen Kopie.</translation>
    </message>
    <message>
        <source>Resolved by %1: %2 (channel fulfillment %3 left as it is)</source>
        <translation>Geklärt von %1: %2 (Kanal-Lieferung %3 bleibt unverändert)</translation>
    </message>
    <message>
        <source>Order %1 has no flagged fulfillment to resolve.</source>
        <translation>Auftrag %1 hat keine zur Klärung markierte Lieferung.</translation>
    </message>
    <message>
        <source>Nothing to resolve.</source>
        <translation>Nichts zu klären.</translation>
    </message>
</context>
<context>
    <name>FulfillmentMapper</name>
    <message>
        <source>Kit %1 (internal id %2) has no members known from NetSuite, and this connector pushes kit members. Check the kit in NetSuite, or push the kit line instead.</source>
        <translation>Zum Set %1 (interne ID %2) sind aus NetSuite keine Bestandteile bekannt, und dieser Konnektor überträgt die Bestandteile. Prüfen Sie das Set in NetSuite oder übertragen Sie stattdessen die Set-Position.</translation>
    </message>
    <message>
        <source>The fulfillment has no lines with a quantity to send.</source>
        <translation>Die Lieferung hat keine Positionen mit einer zu sendenden Menge.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Ship method &quot;%1&quot; has no carrier mapping: map it to a carrier in Mappings, or set a default carrier for this connector.</source>
        <translation>Die Versandart „%1“ ist keinem Versanddienst zugeordnet: Ordnen Sie sie unter Zuordnungen einem Versanddienst zu oder legen Sie einen Standard-Versanddienst für diesen Konnektor fest.</translation>
    </message>
    <message>
        <source>NetSuite location &quot;%1&quot; has no channel location mapping: map it in Mappings (Locations), or let this connector use its defaults.</source>
        <translation>Der NetSuite-Lagerort „%1“ ist keinem Kanal-Lagerort zugeordnet: Ordnen Sie ihn unter Zuordnungen (Lagerorte) zu oder lassen Sie diesen Konnektor seine Standardwerte verwenden.</translation>
    </message>
    <message>
        <source>The fulfillment ships from %1 NetSuite locations mapped to different channel locations; a channel fulfillment ships from one. Split the fulfillment in NetSuite or correct the mapping.</source>
        <translation>Die Lieferung wird aus %1 NetSuite-Lagerorten versandt, die verschiedenen Kanal-Lagerorten zugeordnet sind; eine Lieferung im Kanal kommt aus einem einzigen. Teilen Sie die Lieferung in NetSuite auf oder korrigieren Sie die Zuordnung.</translation>
    </message>
    <message>
        <source>Custom field %1 has an unknown transform &quot;%2&quot;.</source>
        <translation>Das benutzerdefinierte Feld %1 hat eine unbekannte Umwandlung „%2“.</translation>
    </message>
    <message>
        <source>Item %1 (internal id %2) has no item mapping: map it to a channel SKU in Mappings, or let this connector use its defaults (the NetSuite item name as the SKU).</source>
        <translation>Der Artikel %1 (interne ID %2) ist keiner Kanal-SKU zugeordnet: Ordnen Sie ihn unter Zuordnungen einer Kanal-SKU zu oder lassen Sie diesen Konnektor seine Standardwerte verwenden (den NetSuite-Artikelnamen als SKU).</translation>
    </message>
    <message>
        <source>Line %1 (%2) has the quantity %3: the fulfillment is held whole, never pushed without it. Check it in NetSuite.</source>
        <translation>Position %1 (%2) hat die Menge %3: Die Lieferung wird als Ganzes zurückgehalten und nie ohne diese Position übertragen. Prüfen Sie die Position in NetSuite.</translation>
    </message>
</context>
<context>
    <name>HttpResult</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
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
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
</context>
<context>
    <name>InboxActions</name>
    <message>
        <source>Say why: the reason is kept in the inbox and the history.</source>
        <translation>Sagen Sie, warum: der Grund wird im Eingang und im Verlauf aufbewahrt.</translation>
    </message>
    <message>
        <source>Acknowledged by %1: %2 (still retried; a new failure opens it again)</source>
        <translation>Zur Kenntnis genommen von %1: %2 (wird weiter versucht; ein neuer Fehler öffnet es wieder)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Resolved by %1: %2 (the shipment stays held: no item fulfillment is created for it unless it is retried)</source>
        <translation>Geklärt von %1: %2 (die Sendung bleibt zurückgehalten: für sie wird kein Item Fulfillment angelegt, außer sie wird erneut versucht)</translation>
    </message>
    <message>
        <source>Resolved by %1: %2 (the item fulfillment of the voided label is left as it is)</source>
        <translation>Geklärt von %1: %2 (das Item Fulfillment des stornierten Etiketts bleibt unverändert)</translation>
    </message>
    <message>
        <source>Resolved by %1: %2 (the order is not sent to the 3PL while the same thing stops it; a different reason opens it again)</source>
        <translation>Erledigt von %1: %2 (der Auftrag geht nicht an den 3PL, solange ihn dasselbe aufhält; ein anderer Grund öffnet ihn wieder)</translation>
    </message>
    <message>
        <source>Inbox item %1 does not exist.</source>
        <translation>Eintrag %1 im Eingang gibt es nicht.</translation>
    </message>
    <message>
        <source>Only an open failed or held item fulfillment can be adopted.</source>
        <translation>Nur eine offene fehlgeschlagene oder zurückgehaltene Lieferung kann übernommen werden.</translation>
    </message>
    <message>
        <source>Channel fulfillment %1 is not one of order %2&apos;s that nothing explains in its last reading. Read the channel again (order pane: Read the channel now) and choose from what it shows.</source>
        <translation>Die Kanal-Lieferung %1 gehört nicht zu denen von Auftrag %2, die beim letzten Lesen durch nichts erklärt sind. Lesen Sie den Kanal erneut (Auftragsdetails: „Kanal jetzt lesen“) und wählen Sie aus dem, was er zeigt.</translation>
    </message>
    <message>
        <source>Adopted channel fulfillment %1 made by another tool, chosen by %2: %3. Nothing sent.</source>
        <translation>Kanal-Lieferung %1 eines anderen Werkzeugs übernommen, gewählt von %2: %3. Nichts gesendet.</translation>
    </message>
    <message>
        <source>%1 is in the ledger already: a pass recorded it meanwhile.</source>
        <translation>%1 steht bereits im Journal: Ein Lauf hat sie inzwischen vermerkt.</translation>
    </message>
    <message>
        <source>%1: adopted %2 — %3</source>
        <translation>%1: %2 übernommen — %3</translation>
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
    <name>LeaseFence</name>
    <message>
        <source>Could not check the connector&apos;s lease: %1</source>
        <translation>Die Lease des Konnektors konnte nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>This worker&apos;s lease of the connector lapsed and was released (epoch %1 now); it stopped without sending or recording more.</source>
        <translation>Die Lease dieses Prozesses für den Konnektor ist abgelaufen und wurde freigegeben (jetzt Epoche %1); er hat angehalten, ohne weiter zu senden oder etwas zu vermerken.</translation>
    </message>
    <message>
        <source>Another worker (%1) took the connector over at epoch %2 while this one was held up; it stopped without sending or recording more.</source>
        <translation>Ein anderer Prozess (%1) hat den Konnektor mit Epoche %2 übernommen, während dieser aufgehalten war; er hat angehalten, ohne weiter zu senden oder etwas zu vermerken.</translation>
    </message>
    <message>
        <source>Could not renew the connector&apos;s lease: %1</source>
        <translation>Die Lease des Konnektors konnte nicht verlängert werden: %1</translation>
    </message>
    <message>
        <source>another worker has it</source>
        <translation>ein anderer Prozess hat sie</translation>
    </message>
</context>
<context>
    <name>LeaseKeeper</name>
    <message>
        <source>a worker whose transaction holds the lease right now</source>
        <translation>ein Worker, dessen Transaktion die Lease gerade hält</translation>
    </message>
</context>
<context>
    <name>MailSender</name>
    <message>
        <source>The mail server address must look like smtp://host:587 or smtps://host:465.</source>
        <translation>Die Adresse des Mailservers muss wie smtp://host:587 oder smtps://host:465 aussehen.</translation>
    </message>
    <message>
        <source>No recipients.</source>
        <translation>Keine Empfänger.</translation>
    </message>
    <message>
        <source>The mail server settings have no sender address.</source>
        <translation>In den Mailserver-Einstellungen fehlt die Absenderadresse.</translation>
    </message>
    <message>
        <source>Could not start the mail client.</source>
        <translation>Der Mail-Client konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>The mail server %1 did not take the mail: %2</source>
        <translation>Der Mailserver %1 hat die Mail nicht angenommen: %2</translation>
    </message>
</context>
<context>
    <name>MappingCheck</name>
    <message>
        <source>A tracking URL template starts with https:// (for example https://carrier.example/track/{number}).</source>
        <translation>Eine Vorlage für die Sendungsverfolgungs-URL beginnt mit https:// (zum Beispiel https://carrier.example/track/{number}).</translation>
    </message>
    <message>
        <source>Put {number} in the template where the tracking number goes.</source>
        <translation>Setzen Sie {number} in die Vorlage, wo die Sendungsnummer hingehört.</translation>
    </message>
    <message>
        <source>Shopify spells this carrier &quot;%1&quot;; use that spelling so Shopify recognises it.</source>
        <translation>Shopify schreibt diesen Versanddienst „%1“; verwenden Sie diese Schreibweise, damit Shopify ihn erkennt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a carrier Shopify knows: choose one from the list, or add a tracking URL template with {number}.</source>
        <translation>„%1“ ist kein Versanddienst, den Shopify kennt: Wählen Sie einen aus der Liste oder ergänzen Sie eine Vorlage für die Sendungsverfolgungs-URL mit {number}.</translation>
    </message>
    <message>
        <source>A Shopify location id is a number (for example 65432109876) or gid://shopify/Location/&lt;number&gt;.</source>
        <translation>Eine Shopify-Lagerort-ID ist eine Zahl (zum Beispiel 65432109876) oder gid://shopify/Location/&lt;Zahl&gt;.</translation>
    </message>
    <message>
        <source>Choose a transform: %1.</source>
        <translation>Wählen Sie eine Umwandlung: %1.</translation>
    </message>
    <message>
        <source>Choose the channel field to fill.</source>
        <translation>Wählen Sie das zu füllende Kanalfeld.</translation>
    </message>
    <message>
        <source>Enter the NetSuite internal id or name.</source>
        <translation>Geben Sie die interne NetSuite-ID oder den Namen ein.</translation>
    </message>
    <message>
        <source>Remove the spaces at the start or end: NetSuite values are matched exactly.</source>
        <translation>Entfernen Sie die Leerzeichen am Anfang oder Ende: NetSuite-Werte werden exakt verglichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already mapped in row %2; remove one of the two.</source>
        <translation>„%1“ ist bereits in Zeile %2 zugeordnet; entfernen Sie eine der beiden.</translation>
    </message>
    <message>
        <source>Remove the spaces at the start or end: the channel matches values exactly.</source>
        <translation>Entfernen Sie die Leerzeichen am Anfang oder Ende: Der Kanal vergleicht Werte exakt.</translation>
    </message>
    <message>
        <source>Ambiguous: row %1 maps the same NetSuite value by its id (%2) to &quot;%3&quot;; remove one of the two rows.</source>
        <translation>Mehrdeutig: Zeile %1 ordnet denselben NetSuite-Wert über seine ID (%2) „%3“ zu; entfernen Sie eine der beiden Zeilen.</translation>
    </message>
    <message>
        <source>A 3PL service is written carrierCode/serviceCode (for example ups/ups_ground).</source>
        <translation>Ein 3PL-Dienst wird carrierCode/serviceCode geschrieben (zum Beispiel ups/ups_ground).</translation>
    </message>
    <message>
        <source>A 3PL warehouse id is a number (for example 45678).</source>
        <translation>Eine 3PL-Lager-ID ist eine Zahl (zum Beispiel 45678).</translation>
    </message>
</context>
<context>
    <name>MappingFile</name>
    <message>
        <source>Line %1: after a closing quote only a comma or the end of the line may follow; write a quote inside a quoted value as &quot;&quot;.</source>
        <translation>Zeile %1: Nach einem schließenden Anführungszeichen darf nur ein Komma oder das Zeilenende folgen; schreiben Sie ein Anführungszeichen innerhalb eines Werts in Anführungszeichen als &quot;&quot;.</translation>
    </message>
    <message>
        <source>Line %1: a value with a quote in it must be quoted as a whole, with the quote doubled (&quot;&quot;).</source>
        <translation>Zeile %1: Ein Wert mit einem Anführungszeichen muss als Ganzes in Anführungszeichen stehen, das Anführungszeichen verdoppelt (&quot;&quot;).</translation>
    </message>
    <message>
        <source>Line %1: a quoted value is never closed; add the closing quote.</source>
        <translation>Zeile %1: Ein Wert in Anführungszeichen wird nie geschlossen; ergänzen Sie das schließende Anführungszeichen.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>expected text</source>
        <translation>Text erwartet</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>The file is empty: the first line must name the columns (%1).</source>
        <translation>Die Datei ist leer: Die erste Zeile muss die Spalten nennen (%1).</translation>
    </message>
    <message>
        <source>Line %1: unknown column &quot;%2&quot;; the columns are %3.</source>
        <translation>Zeile %1: unbekannte Spalte „%2“; die Spalten sind %3.</translation>
    </message>
    <message>
        <source>Line %1: the column &quot;%2&quot; appears twice.</source>
        <translation>Zeile %1: Die Spalte „%2“ kommt zweimal vor.</translation>
    </message>
    <message>
        <source>Line %1: the column &quot;%2&quot; is missing (the first line must name the columns: %3).</source>
        <translation>Zeile %1: Die Spalte „%2“ fehlt (die erste Zeile muss die Spalten nennen: %3).</translation>
    </message>
    <message>
        <source>Line %1: %2 values, but the header names %3 columns; quote values that contain commas.</source>
        <translation>Zeile %1: %2 Werte, aber die Kopfzeile nennt %3 Spalten; setzen Sie Werte mit Kommas in Anführungszeichen.</translation>
    </message>
    <message>
        <source>Line %1: unknown kind &quot;%2&quot;; expected %3.</source>
        <translation>Zeile %1: unbekannte Art „%2“; erwartet: %3.</translation>
    </message>
    <message>
        <source>Line %1: the source is empty.</source>
        <translation>Zeile %1: Die Quelle ist leer.</translation>
    </message>
    <message>
        <source>Line %1: this is not valid JSON (%2).</source>
        <translation>Zeile %1: Das ist kein gültiges JSON (%2).</translation>
    </message>
    <message>
        <source>This is a whole configuration file (fulfillsync-config): import it as the configuration, or export the mappings from the Mappings screen.</source>
        <translation>Das ist eine vollständige Konfigurationsdatei (fulfillsync-config): Importieren Sie sie als Konfiguration oder exportieren Sie die Zuordnungen auf der Seite Zuordnungen.</translation>
    </message>
    <message>
        <source>Expected an array of mappings, or an object with a &quot;mappings&quot; array.</source>
        <translation>Erwartet wird ein Array von Zuordnungen oder ein Objekt mit einem Array „mappings“.</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>Objekt erwartet</translation>
    </message>
    <message>
        <source>unknown key (expected %1)</source>
        <translation>unbekannter Schlüssel (erwartet: %1)</translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation>%1 erwartet</translation>
    </message>
</context>
<context>
    <name>MappingRepository</name>
    <message>
        <source>The mappings were changed elsewhere since they were read (see History).</source>
        <translation>Die Zuordnungen wurden seit dem Lesen an anderer Stelle geändert (siehe Historie).</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>The database uses schema version %1, newer than this program knows (%2). Update fulfillsync before using this database.</source>
        <translation>Die Datenbank verwendet die Schemaversion %1, die neuer ist als die, die dieses Programm kennt (%2). Aktualisieren Sie fulfillsync, bevor Sie diese Datenbank verwenden.</translation>
    </message>
    <message>
        <source>Cannot read migration %1.</source>
        <translation>Die Migration %1 lässt sich nicht lesen.</translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation>Migration %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The database cannot be read (%1). If the file is damaged, restore it from a backup; nothing was changed.</source>
        <translation>Die Datenbank kann nicht gelesen werden (%1). Ist die Datei beschädigt, stellen Sie sie aus einer Sicherung wieder her; es wurde nichts verändert.</translation>
    </message>
</context>
<context>
    <name>NetSuiteError</name>
    <message>
        <source>NetSuite sent an answer this program cannot read (%1). Try again later; if it persists, check the REST base URL.</source>
        <translation>NetSuite hat eine Antwort gesendet, die dieses Programm nicht lesen kann (%1). Versuchen Sie es später erneut; bleibt der Fehler, prüfen Sie die REST-Basis-URL.</translation>
    </message>
    <message>
        <source>The request to NetSuite was cancelled.</source>
        <translation>Die Anfrage an NetSuite wurde abgebrochen.</translation>
    </message>
    <message>
        <source>NetSuite did not answer in time. The run will try again later.</source>
        <translation>NetSuite hat nicht rechtzeitig geantwortet. Der Lauf versucht es später erneut.</translation>
    </message>
    <message>
        <source>NetSuite cannot be reached (%1). Check the network and the REST base URL.</source>
        <translation>NetSuite ist nicht erreichbar (%1). Prüfen Sie das Netzwerk und die REST-Basis-URL.</translation>
    </message>
    <message>
        <source>NetSuite is busy: the account&apos;s concurrent request limit is reached. The run waits and tries again.</source>
        <translation>NetSuite ist ausgelastet: Das Limit gleichzeitiger Anfragen des Kontos ist erreicht. Der Lauf wartet und versucht es erneut.</translation>
    </message>
    <message>
        <source>NetSuite refused the login. Check the account id and the token credentials; NetSuite&apos;s Login Audit Trail shows the exact reason.</source>
        <translation>NetSuite hat die Anmeldung abgelehnt. Prüfen Sie die Konto-ID und die Token-Zugangsdaten; der Login Audit Trail von NetSuite zeigt den genauen Grund.</translation>
    </message>
    <message>
        <source>The NetSuite role of this token may not read transactions. Give the role the Transactions and SuiteAnalytics Workbook permissions.</source>
        <translation>Die NetSuite-Rolle dieses Tokens darf keine Transaktionen lesen. Geben Sie der Rolle die Berechtigungen „Transactions“ und „SuiteAnalytics Workbook“.</translation>
    </message>
    <message>
        <source>NetSuite had an internal error (HTTP %1). The run will try again later.</source>
        <translation>NetSuite hatte einen internen Fehler (HTTP %1). Der Lauf versucht es später erneut.</translation>
    </message>
    <message>
        <source>NetSuite rejected the request: %1</source>
        <translation>NetSuite hat die Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>(The answer was not NetSuite&apos;s JSON; a proxy or maintenance page may be in the way.)</source>
        <translation>(Die Antwort war kein JSON von NetSuite; möglicherweise steht ein Proxy oder eine Wartungsseite dazwischen.)</translation>
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
    <name>ReconcileActions</name>
    <message>
        <source>Resyncing the order through the outbox: what the ledger does not show as sent is pushed.</source>
        <translation>Der Auftrag wird über die Ausgangswarteschlange neu synchronisiert: Was laut Journal nicht gesendet ist, wird übertragen.</translation>
    </message>
    <message>
        <source>The ledger records it as sent and no attempt of it is left to replay; the resync reads the order but sends nothing again.</source>
        <translation>Das Journal vermerkt sie als gesendet, und es bleibt kein Versuch, der erneut gesendet werden könnte; die Neusynchronisierung liest den Auftrag, sendet aber nichts erneut.</translation>
    </message>
    <message>
        <source>The ledger records it as sent, so it is replayed: the channel is read back first and it is sent again only if it is not there.</source>
        <translation>Das Journal vermerkt sie als gesendet, daher wird sie erneut gesendet: Zuerst wird der Kanal zurückgelesen, und gesendet wird nur, wenn sie dort nicht ist.</translation>
    </message>
    <message>
        <source>Sending NetSuite&apos;s tracking numbers again through the outbox, as a tracking update.</source>
        <translation>Die Sendungsnummern aus NetSuite werden über die Ausgangswarteschlange erneut gesendet, als Aktualisierung der Sendungsnummern.</translation>
    </message>
</context>
<context>
    <name>ReconcileAlert</name>
    <message numerus="yes">
        <source>fulfillsync: reconciliation %1 of %2 found %n item fulfillment(s) not matching</source>
        <translation>
            <numerusform>fulfillsync: Abgleich %1 von %2 hat %n nicht übereinstimmende Lieferung gefunden</numerusform>
            <numerusform>fulfillsync: Abgleich %1 von %2 hat %n nicht übereinstimmende Lieferungen gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconciliation run %1 of %2 (shipped %3 to %4, %5 order(s)): %6 matched, %7 missing in the channel, %8 quantity differs, %9 tracking differs, %10 extra in the channel, %11 order cancelled or closed, %12 could not be read.
See `fulfillsync-worker reconcile` or the reconciliation view for each one.</source>
        <translation>Abgleichslauf %1 von %2 (versandt %3 bis %4, %5 Auftrag/Aufträge): %6 stimmen überein, %7 fehlen im Kanal, bei %8 weicht die Menge ab, bei %9 weichen die Sendungsnummern ab, %10 zusätzlich im Kanal, bei %11 ist der Auftrag storniert oder geschlossen, %12 konnten nicht gelesen werden.
Die einzelnen Fälle zeigen `fulfillsync-worker reconcile` und die Abgleichsansicht.</translation>
    </message>
</context>
<context>
    <name>Reconciliation</name>
    <message>
        <source>%1 shipped in NetSuite; the channel order is cancelled.</source>
        <translation>%1 wurde in NetSuite versandt; der Kanalauftrag ist storniert.</translation>
    </message>
    <message>
        <source>%1 is recorded as pushed (channel fulfillment %2), but the channel does not show it.</source>
        <translation>%1 ist als übertragen vermerkt (Kanal-Lieferung %2), aber der Kanal zeigt sie nicht.</translation>
    </message>
    <message>
        <source>%1 shipped in NetSuite and is not in the channel.</source>
        <translation>%1 wurde in NetSuite versandt und ist nicht im Kanal.</translation>
    </message>
    <message>
        <source>NetSuite shipped %1; the channel&apos;s fulfillment %2 has %3.</source>
        <translation>NetSuite hat %1 versandt; die Kanal-Lieferung %2 hat %3.</translation>
    </message>
    <message>
        <source>NetSuite&apos;s tracking %1; the channel&apos;s fulfillment %2 has %3.</source>
        <translation>Sendungsnummer in NetSuite %1; die Kanal-Lieferung %2 hat %3.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>The channel&apos;s fulfillment %1 (%2) stands for no shipped item fulfillment: made by hand, by another tool, or a duplicate.</source>
        <translation>Die Kanal-Lieferung %1 (%2) gehört zu keiner versandten Lieferung: von Hand angelegt, von einem anderen Werkzeug oder ein Duplikat.</translation>
    </message>
    <message>
        <source>%1 was adopted as another tool&apos;s channel fulfillment %2, but the channel does not show it any more.</source>
        <translation>%1 wurde als Kanal-Lieferung %2 eines anderen Werkzeugs übernommen, aber der Kanal zeigt sie nicht mehr.</translation>
    </message>
    <message>
        <source>%1 shipped in NetSuite and is not in the channel; the channel order is closed.</source>
        <translation>%1 wurde in NetSuite versandt und ist nicht im Kanal; der Kanalauftrag ist geschlossen.</translation>
    </message>
</context>
<context>
    <name>ReconciliationReport</name>
    <message>
        <source>Reconciliation report</source>
        <translation>Abgleichsbericht</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>the first reading</source>
        <translation>erste Ablesung</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>every stored reading</source>
        <translation>alle gespeicherten Ablesungen</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>every connector</source>
        <translation>alle Konnektoren</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Generated at</source>
        <translation>Erstellt am</translation>
    </message>
    <message>
        <source>Generated by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <source>Totals per verdict</source>
        <translation>Summen je Befund</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Fulfillments</source>
        <translation>Lieferungen</translation>
    </message>
    <message>
        <source>(%1 resolved, %2 flagged)</source>
        <translation>(%1 erledigt, %2 markiert)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation>Nicht übereinstimmend</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Channel order</source>
        <translation>Kanalauftrag</translation>
    </message>
    <message>
        <source>Item fulfillment</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>Channel fulfillment</source>
        <translation>Kanal-Lieferung</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Erledigung</translation>
    </message>
    <message>
        <source>Every fulfillment matched.</source>
        <translation>Alle Lieferungen stimmen überein.</translation>
    </message>
    <message>
        <source>The first %L1 rows are listed; the CSV export of the tab holds all of them.</source>
        <translation>Die ersten %L1 Zeilen sind aufgeführt; der CSV-Export der Registerkarte enthält alle.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ReconciliationResolutions</name>
    <message>
        <source>A decision needs a channel fulfillment, a reason and flagged or resolved.</source>
        <translation>Eine Entscheidung braucht eine Kanal-Lieferung, einen Grund und „markiert“ oder „erledigt“.</translation>
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
    <name>ShopifyAnswerReader</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation>ist kein Objekt</translation>
    </message>
    <message>
        <source>is not a list</source>
        <translation>ist keine Liste</translation>
    </message>
    <message>
        <source>is not text</source>
        <translation>ist kein Text</translation>
    </message>
    <message>
        <source>is not a Shopify id</source>
        <translation>ist keine Shopify-ID</translation>
    </message>
    <message>
        <source>is not a Shopify %1 id</source>
        <translation>ist keine Shopify-%1-ID</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>is not true or false</source>
        <translation>ist weder true noch false</translation>
    </message>
    <message>
        <source>has the unknown value &quot;%1&quot;</source>
        <translation>hat den unbekannten Wert „%1“</translation>
    </message>
</context>
<context>
    <name>ShopifyGraphQl</name>
    <message>
        <source>names another order</source>
        <translation>nennt einen anderen Auftrag</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read: %1</source>
        <translation>Die Antwort von Shopify konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The Shopify order has more fulfillment orders, lines or fulfillments than one request returns.</source>
        <translation>Der Shopify-Auftrag hat mehr Fulfillment-Aufträge, Positionen oder Lieferungen, als eine Anfrage zurückgibt.</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer is not JSON (%1).</source>
        <translation>Die Antwort von Shopify ist kein JSON (%1).</translation>
    </message>
    <message>
        <source>Shopify answered with errors: %1</source>
        <translation>Shopify hat mit Fehlern geantwortet: %1</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer has no data.</source>
        <translation>Die Antwort von Shopify enthält keine Daten.</translation>
    </message>
    <message numerus="yes">
        <source>Shopify&apos;s answer could not be read: data.nodes does not list the %n order(s) asked for.</source>
        <translation>
            <numerusform>Die Antwort von Shopify konnte nicht gelesen werden: data.nodes enthält den %n angefragten Auftrag nicht.</numerusform>
            <numerusform>Die Antwort von Shopify konnte nicht gelesen werden: data.nodes enthält die %n angefragten Aufträge nicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Shopify has no order %1 (or this app may not read it).</source>
        <translation>Shopify hat keinen Auftrag %1 (oder diese App darf ihn nicht lesen).</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read: data.nodes[%1] is not an object</source>
        <translation>Die Antwort von Shopify konnte nicht gelesen werden: data.nodes[%1] ist kein Objekt</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read: data.order is missing</source>
        <translation>Die Antwort von Shopify konnte nicht gelesen werden: data.order fehlt</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read: data.order is not an object</source>
        <translation>Die Antwort von Shopify konnte nicht gelesen werden: data.order ist kein Objekt</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer has no %1 result.</source>
        <translation>Die Antwort von Shopify enthält kein Ergebnis für %1.</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer names neither a fulfillment nor an error.</source>
        <translation>Die Antwort von Shopify nennt weder eine Lieferung noch einen Fehler.</translation>
    </message>
</context>
<context>
    <name>ShopifyPlanner</name>
    <message>
        <source>The Shopify order has no line with SKU %1.</source>
        <translation>Der Shopify-Auftrag hat keine Position mit der SKU %1.</translation>
    </message>
    <message>
        <source>Shopify holds %1 of %2 at another location than %3, where NetSuite shipped from (location mapping). Move the fulfillment order in Shopify, or correct the location mapping.</source>
        <translation>Shopify führt %1 von %2 an einem anderen Lagerort als %3, von dem NetSuite versandt hat (Lagerortzuordnung). Verschieben Sie den Fulfillment-Auftrag in Shopify oder korrigieren Sie die Lagerortzuordnung.</translation>
    </message>
    <message>
        <source>Shopify has only %1 of %2 left to fulfill, NetSuite shipped %3. Check the order in Shopify before resyncing.</source>
        <translation>In Shopify sind von %2 nur noch %1 zu liefern, NetSuite hat %3 versandt. Prüfen Sie den Auftrag in Shopify, bevor Sie neu synchronisieren.</translation>
    </message>
    <message>
        <source>Some lines of this fulfillment are already fulfilled in Shopify and others are not. Check the order in Shopify.</source>
        <translation>Einige Positionen dieser Lieferung sind in Shopify bereits geliefert, andere nicht. Prüfen Sie den Auftrag in Shopify.</translation>
    </message>
    <message>
        <source>The lines are assigned to %1 different Shopify locations; one fulfillment can only ship from one. Map the NetSuite location.</source>
        <translation>Die Positionen sind %1 verschiedenen Shopify-Lagerorten zugewiesen; eine Lieferung kann nur aus einem versandt werden. Ordnen Sie den NetSuite-Lagerort zu.</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>scheduled for later</source>
        <translation>für später geplant</translation>
    </message>
    <message>
        <source>Quantity %1 of %2 cannot be sent: Shopify takes whole units from 1 to %3. Correct the fulfillment in NetSuite.</source>
        <translation>Die Menge %1 von %2 kann nicht gesendet werden: Shopify akzeptiert nur ganze Einheiten von 1 bis %3. Korrigieren Sie die Lieferung in NetSuite.</translation>
    </message>
    <message>
        <source>Shopify holds %1 of %2 in a fulfillment order that is %3. Release it in Shopify; fulfillsync tries again on its next runs.</source>
        <translation>Shopify führt %1 von %2 in einem Fulfillment-Auftrag, der %3 ist. Geben Sie ihn in Shopify frei; fulfillsync versucht es bei den nächsten Läufen erneut.</translation>
    </message>
    <message>
        <source>Shopify shows these lines as fulfilled already, but not by this connector. Nothing was sent; check the order in Shopify.</source>
        <translation>Shopify zeigt diese Positionen bereits als geliefert, aber nicht durch diesen Konnektor. Nichts wurde gesendet; prüfen Sie den Auftrag in Shopify.</translation>
    </message>
    <message>
        <source>the order&apos;s fulfillments in Shopify could not all be read</source>
        <translation>nicht alle Lieferungen des Auftrags in Shopify konnten gelesen werden</translation>
    </message>
</context>
<context>
    <name>ShopifyReconcile</name>
    <message>
        <source>has the unknown value &quot;%1&quot;</source>
        <translation>hat den unbekannten Wert „%1“</translation>
    </message>
    <message>
        <source>names another order</source>
        <translation>nennt einen anderen Auftrag</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read: %1</source>
        <translation>Die Antwort von Shopify konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The Shopify order has more fulfillments, tracking numbers or lines than one request returns.</source>
        <translation>Der Shopify-Auftrag hat mehr Lieferungen, Sendungsnummern oder Positionen, als eine Anfrage liefert.</translation>
    </message>
    <message numerus="yes">
        <source>Shopify&apos;s answer could not be read: data.nodes does not list the %n order(s) asked for.</source>
        <translation>
            <numerusform>Die Antwort von Shopify konnte nicht gelesen werden: data.nodes enthält den %n angefragten Auftrag nicht.</numerusform>
            <numerusform>Die Antwort von Shopify konnte nicht gelesen werden: data.nodes enthält die %n angefragten Aufträge nicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Shopify has no order %1 (or this app may not read it).</source>
        <translation>Shopify hat keinen Auftrag %1 (oder diese App darf ihn nicht lesen).</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read: data.nodes[%1] is not an object</source>
        <translation>Die Antwort von Shopify konnte nicht gelesen werden: data.nodes[%1] ist kein Objekt</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer names no bulk operation.</source>
        <translation>Die Antwort von Shopify nennt keinen Bulk-Vorgang.</translation>
    </message>
    <message>
        <source>Shopify refused the bulk export: %1</source>
        <translation>Shopify hat den Bulk-Export abgelehnt: %1</translation>
    </message>
    <message>
        <source>Shopify&apos;s answer has no bulk operation status.</source>
        <translation>Die Antwort von Shopify enthält keinen Status des Bulk-Vorgangs.</translation>
    </message>
    <message>
        <source>Shopify&apos;s bulk export could not be read: %1</source>
        <translation>Der Bulk-Export von Shopify konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>%1 is damaged</source>
        <translation>%1 ist beschädigt</translation>
    </message>
    <message>
        <source>%1 names a parent not in the file</source>
        <translation>%1 nennt ein übergeordnetes Objekt, das nicht in der Datei steht</translation>
    </message>
</context>
<context>
    <name>SyncDecision</name>
    <message>
        <source>%1 was voided in NetSuite after it was pushed as channel fulfillment %2. Nothing was cancelled in the channel: cancel it there if the goods did not ship, then Resolve.</source>
        <translation>%1 wurde nach der Übertragung als Kanal-Lieferung %2 in NetSuite storniert. Im Kanal wurde nichts storniert: Stornieren Sie die Lieferung dort, falls die Ware nicht versandt wurde, und wählen Sie dann „Klären“.</translation>
    </message>
    <message>
        <source>%1 went back to %2 in NetSuite after it was pushed as channel fulfillment %3. Nothing was changed in the channel; check the shipment, then Resolve.</source>
        <translation>%1 wurde nach der Übertragung als Kanal-Lieferung %3 in NetSuite auf %2 zurückgesetzt. Im Kanal wurde nichts geändert; prüfen Sie die Sendung und wählen Sie dann „Klären“.</translation>
    </message>
    <message>
        <source>%1 was reduced in NetSuite from %2 to %3 units after it was pushed as channel fulfillment %4. Nothing was changed in the channel; check the shipment, then Resolve.</source>
        <translation>%1 wurde nach der Übertragung als Kanal-Lieferung %4 in NetSuite von %2 auf %3 Einheiten verringert. Im Kanal wurde nichts geändert; prüfen Sie die Sendung und wählen Sie dann „Klären“.</translation>
    </message>
    <message>
        <source>Unchanged since pushed</source>
        <translation>Seit der Übertragung unverändert</translation>
    </message>
    <message>
        <source>Already in the channel</source>
        <translation>Bereits im Kanal</translation>
    </message>
    <message>
        <source>pushed as channel fulfillment %1</source>
        <translation>als Kanal-Lieferung %1 übertragen</translation>
    </message>
    <message>
        <source>already in the channel as fulfillment %1</source>
        <translation>bereits im Kanal als Lieferung %1</translation>
    </message>
    <message>
        <source>Tracking numbers</source>
        <translation>Sendungsnummern</translation>
    </message>
    <message>
        <source>changed in NetSuite from %1 to %2 since the push</source>
        <translation>seit der Übertragung in NetSuite von %1 auf %2 geändert</translation>
    </message>
    <message numerus="yes">
        <source>the tracking update failed %n time(s) (last: %1); next try after %2</source>
        <translation>
            <numerusform>die Aktualisierung der Sendungsnummern ist %n-mal fehlgeschlagen (zuletzt: %1); nächster Versuch nach %2</numerusform>
            <numerusform>die Aktualisierung der Sendungsnummern ist %n-mal fehlgeschlagen (zuletzt: %1); nächster Versuch nach %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Quarantäne</translation>
    </message>
    <message>
        <source>Mappings</source>
        <translation>Zuordnungen</translation>
    </message>
    <message>
        <source>%1 is due and will be pushed on the next run.</source>
        <translation>%1 ist fällig und wird beim nächsten Lauf übertragen.</translation>
    </message>
    <message>
        <source>%1: the next run reads the channel back, then pushes it only if it is not there.</source>
        <translation>%1: Der nächste Lauf liest den Kanal zurück und überträgt die Lieferung nur, wenn sie dort noch nicht vorhanden ist.</translation>
    </message>
    <message>
        <source>%1: the next run sends the changed tracking numbers.</source>
        <translation>%1: Der nächste Lauf sendet die geänderten Sendungsnummern.</translation>
    </message>
    <message>
        <source>%1 needs a person: %2</source>
        <translation>%1 erfordert eine manuelle Klärung: %2</translation>
    </message>
    <message>
        <source>%1 is held: %2 After the fix, the next run sends it.</source>
        <translation>%1 wird zurückgehalten: %2 Nach der Korrektur sendet der nächste Lauf die Lieferung.</translation>
    </message>
    <message>
        <source>%1 waits: %2</source>
        <translation>%1 wartet: %2</translation>
    </message>
    <message>
        <source>%1 is not pushed: %2</source>
        <translation>%1 wird nicht übertragen: %2</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>%1 is disabled</source>
        <translation>%1 ist deaktiviert</translation>
    </message>
    <message>
        <source>%1 is enabled</source>
        <translation>%1 ist aktiv</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>the order came from &quot;%1&quot;, this connector syncs &quot;%2&quot;</source>
        <translation>der Auftrag kam von „%1“, dieser Konnektor synchronisiert „%2“</translation>
    </message>
    <message>
        <source>the order came from %1</source>
        <translation>der Auftrag kam von %1</translation>
    </message>
    <message>
        <source>Channel order</source>
        <translation>Kanalauftrag</translation>
    </message>
    <message>
        <source>sales order %1 has no channel order id (custbody_fa_channel_order / otherrefnum is &quot;%2&quot;)</source>
        <translation>Auftrag %1 hat keine Kanalauftrags-ID (custbody_fa_channel_order / otherrefnum ist „%2“)</translation>
    </message>
    <message>
        <source>order %1 in the channel</source>
        <translation>Auftrag %1 im Kanal</translation>
    </message>
    <message>
        <source>NetSuite data</source>
        <translation>NetSuite-Daten</translation>
    </message>
    <message>
        <source>read completely</source>
        <translation>vollständig gelesen</translation>
    </message>
    <message>
        <source>flagged after it was pushed as channel fulfillment %1; a person decides (Resolve)</source>
        <translation>nach der Übertragung als Kanal-Lieferung %1 zur Klärung markiert; eine Person entscheidet („Klären“)</translation>
    </message>
    <message>
        <source>resolved by a person after it was pushed as channel fulfillment %1</source>
        <translation>nach der Übertragung als Kanal-Lieferung %1 manuell geklärt</translation>
    </message>
    <message>
        <source>an earlier attempt was not confirmed; the channel is read back before anything is sent</source>
        <translation>ein früherer Versuch wurde nicht bestätigt; der Kanal wird zurückgelesen, bevor etwas gesendet wird</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>Auftragsstatus</translation>
    </message>
    <message>
        <source>%1 is not one of this connector&apos;s trigger statuses</source>
        <translation>%1 gehört nicht zu den auslösenden Status dieses Konnektors</translation>
    </message>
    <message>
        <source>%1 is a trigger status</source>
        <translation>%1 ist ein auslösender Status</translation>
    </message>
    <message>
        <source>Ship status</source>
        <translation>Versandstatus</translation>
    </message>
    <message>
        <source>voided in NetSuite</source>
        <translation>in NetSuite storniert</translation>
    </message>
    <message>
        <source>%1: only Shipped fulfillments are sent</source>
        <translation>%1: nur versandte Lieferungen werden gesendet</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message numerus="yes">
        <source>failed %n time(s), last: %1; next try after %2 (Resync tries at once)</source>
        <translation>
            <numerusform>%n-mal fehlgeschlagen, zuletzt: %1; nächster Versuch nach %2 („Neu synchronisieren“ versucht es sofort)</numerusform>
            <numerusform>%n-mal fehlgeschlagen, zuletzt: %1; nächster Versuch nach %2 („Neu synchronisieren“ versucht es sofort)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>failed %n time(s) before; due now</source>
        <translation>
            <numerusform>zuvor %n-mal fehlgeschlagen; jetzt fällig</numerusform>
            <numerusform>zuvor %n-mal fehlgeschlagen; jetzt fällig</numerusform>
        </translation>
    </message>
    <message>
        <source>not in quarantine</source>
        <translation>nicht in Quarantäne</translation>
    </message>
    <message numerus="yes">
        <source>carrier %1, %n line(s)</source>
        <translation>
            <numerusform>Versanddienst %1, %n Position</numerusform>
            <numerusform>Versanddienst %1, %n Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source>A fulfillment changed in NetSuite after it was pushed; see the history and Resolve it.</source>
        <translation>Eine Lieferung wurde nach der Übertragung in NetSuite geändert; sehen Sie im Verlauf nach und wählen Sie dann „Klären“.</translation>
    </message>
    <message>
        <source>adopted: channel fulfillment %1 was made by another tool</source>
        <translation>übernommen: Kanal-Lieferung %1 wurde von einem anderen Werkzeug angelegt</translation>
    </message>
    <message>
        <source>already in the channel as fulfillment %1, made by another tool (adopted)</source>
        <translation>bereits im Kanal als Lieferung %1, von einem anderen Werkzeug angelegt (übernommen)</translation>
    </message>
    <message>
        <source>%1 sent again, as asked (the channel showed others)</source>
        <translation>%1 erneut gesendet, wie verlangt (der Kanal zeigte andere)</translation>
    </message>
</context>
<context>
    <name>ThreePlExplainer</name>
    <message>
        <source>item fulfillment #%1 created in NetSuite.</source>
        <translation>Item Fulfillment #%1 in NetSuite angelegt.</translation>
    </message>
    <message>
        <source>stored, not known to have reached NetSuite: the next run reads it back by its external id %1, and sends it only if NetSuite does not have it.</source>
        <translation>gespeichert, aber nicht bekannt, ob sie NetSuite erreicht hat: Der nächste Lauf liest sie über ihre externe ID %1 zurück und sendet sie nur, wenn NetSuite sie nicht hat.</translation>
    </message>
    <message numerus="yes">
        <source>NetSuite did not confirm its item fulfillment (%n read-back(s) so far). The first run after %1 reads it back; Retry in the Inbox does it now.</source>
        <translation>
            <numerusform>NetSuite hat ihr Item Fulfillment nicht bestätigt (bisher %n Rücklesung). Der erste Lauf nach %1 liest es zurück; „Jetzt erneut versuchen“ im Eingang tut es sofort.</numerusform>
            <numerusform>NetSuite hat ihr Item Fulfillment nicht bestätigt (bisher %n Rücklesungen). Der erste Lauf nach %1 liest es zurück; „Jetzt erneut versuchen“ im Eingang tut es sofort.</numerusform>
        </translation>
    </message>
    <message>
        <source>NetSuite did not confirm its item fulfillment: the next run reads it back by its external id %1, and sends it only if NetSuite does not have it.</source>
        <translation>NetSuite hat ihr Item Fulfillment nicht bestätigt: Der nächste Lauf liest es über die externe ID %1 zurück und sendet es nur, wenn NetSuite es nicht hat.</translation>
    </message>
    <message>
        <source>held: %1 Nothing is sent for it until it is retried (Inbox or Sync History ▸ Replay).</source>
        <translation>zurückgehalten: %1 Für sie wird nichts gesendet, bis sie erneut versucht wird (Eingang oder Verlauf ▸ Erneut senden).</translation>
    </message>
    <message>
        <source>flagged: %1</source>
        <translation>markiert: %1</translation>
    </message>
    <message>
        <source>To the 3PL</source>
        <translation>An den 3PL</translation>
    </message>
    <message>
        <source>Shipments from the 3PL</source>
        <translation>Sendungen vom 3PL</translation>
    </message>
    <message>
        <source>  Shipment %1 (tracking %2): %3</source>
        <translation>  Sendung %1 (Sendungsnummer %2): %3</translation>
    </message>
    <message>
        <source>  none yet</source>
        <translation>  noch keine</translation>
    </message>
    <message>
        <source>Held in the Inbox: %1 It is sent once the order is changed in NetSuite so that it can be; Resolve if it is dealt with otherwise.</source>
        <translation>Im Eingang zurückgehalten: %1 Er wird gesendet, sobald der Auftrag in NetSuite so geändert ist, dass es geht; „Erledigen“, wenn er anders behandelt wird.</translation>
    </message>
    <message>
        <source>Not sent: %1 Resolved in the Inbox (%2); asked again only if something else stops it.</source>
        <translation>Nicht gesendet: %1 Im Eingang erledigt (%2); erneut gefragt wird nur, wenn ihn etwas anderes aufhält.</translation>
    </message>
</context>
<context>
    <name>ThreePlOrderDecision</name>
    <message>
        <source>%1 in NetSuite after it was sent: it is cancelled in the 3PL.</source>
        <translation>%1 in NetSuite, nachdem er gesendet wurde: Er wird im 3PL storniert.</translation>
    </message>
    <message>
        <source>Sent to the 3PL, which ships it from there.</source>
        <translation>An den 3PL gesendet, der ihn von dort versendet.</translation>
    </message>
    <message>
        <source>Sent, then cancelled in the 3PL when NetSuite withdrew it.</source>
        <translation>Gesendet, dann im 3PL storniert, als NetSuite ihn zurückzog.</translation>
    </message>
    <message>
        <source>Refused by the 3PL, then no longer released in NetSuite: not sent any more.</source>
        <translation>Vom 3PL abgelehnt, dann in NetSuite nicht mehr freigegeben: wird nicht mehr gesendet.</translation>
    </message>
    <message>
        <source>Refused by the 3PL, and now %1 in NetSuite: nothing left to send.</source>
        <translation>Vom 3PL abgelehnt und jetzt %1 in NetSuite: nichts mehr zu senden.</translation>
    </message>
    <message>
        <source>Not released for fulfillment in NetSuite (%1): not sent to the 3PL.</source>
        <translation>In NetSuite nicht zur Lieferung freigegeben (%1): nicht an den 3PL gesendet.</translation>
    </message>
    <message>
        <source>Refused by the 3PL before; %1 in NetSuite, so it is sent again on every run until the 3PL takes it.</source>
        <translation>Vorher vom 3PL abgelehnt; %1 in NetSuite, daher wird er bei jedem Lauf erneut gesendet, bis der 3PL ihn annimmt.</translation>
    </message>
    <message>
        <source>%1 in NetSuite and not in the 3PL yet: sent on the next run (only the lines at mapped locations, and only what no item fulfillment took).</source>
        <translation>%1 in NetSuite und noch nicht im 3PL: wird beim nächsten Lauf gesendet (nur die Positionen an zugeordneten Lagerorten und nur, was kein Item Fulfillment schon genommen hat).</translation>
    </message>
    <message>
        <source>Shipped by the 3PL before NetSuite withdrew it; the 3PL cannot cancel a shipped order, so nothing more is sent.</source>
        <translation>Vom 3PL versandt, bevor NetSuite ihn zurückzog; der 3PL kann einen versandten Auftrag nicht stornieren, daher wird nichts mehr gesendet.</translation>
    </message>
</context>
<context>
    <name>ThreePlRecorder</name>
    <message>
        <source>Order to the 3PL</source>
        <translation>Auftrag an den 3PL</translation>
    </message>
    <message>
        <source>Could not record in the history or the Inbox: %1</source>
        <translation>Konnte nicht im Verlauf oder im Eingang vermerkt werden: %1</translation>
    </message>
    <message>
        <source>Shipment %1</source>
        <translation>Sendung %1</translation>
    </message>
    <message>
        <source>%1 (shipment %2)</source>
        <translation>%1 (Sendung %2)</translation>
    </message>
</context>
<context>
    <name>ThreeWay</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>shipped in NetSuite, not sent yet</source>
        <translation>in NetSuite versandt, noch nicht gesendet</translation>
    </message>
    <message>
        <source>sent, the channel&apos;s answer is unknown: the next pass reads it back before anything is sent again</source>
        <translation>gesendet, die Antwort des Kanals ist unbekannt: Der nächste Lauf liest sie zurück, bevor erneut etwas gesendet wird</translation>
    </message>
    <message>
        <source>changed in NetSuite after it was pushed: flagged</source>
        <translation>nach der Übertragung in NetSuite geändert: zur Klärung markiert</translation>
    </message>
    <message>
        <source>tracking changed in NetSuite after it was sent (%1)</source>
        <translation>Sendungsnummern nach dem Senden in NetSuite geändert (%1)</translation>
    </message>
    <message>
        <source>not in the channel</source>
        <translation>nicht im Kanal</translation>
    </message>
    <message>
        <source>the channel order is cancelled</source>
        <translation>der Kanalauftrag ist storniert</translation>
    </message>
    <message>
        <source>the channel has %1</source>
        <translation>der Kanal hat %1</translation>
    </message>
    <message>
        <source>the channel&apos;s fulfillment lacks this line</source>
        <translation>der Kanal-Lieferung fehlt diese Position</translation>
    </message>
    <message>
        <source>tracking in the channel: %1</source>
        <translation>Sendungsnummern im Kanal: %1</translation>
    </message>
    <message>
        <source>in the channel, but no item fulfillment explains it (made by hand, by another tool, or a duplicate)</source>
        <translation>im Kanal, aber keine Lieferung erklärt sie (von Hand angelegt, von einem anderen Werkzeug oder ein Duplikat)</translation>
    </message>
    <message>
        <source>The channel was not read yet: run a reconciliation.</source>
        <translation>Der Kanal wurde noch nicht gelesen: Starten Sie einen Abgleich.</translation>
    </message>
    <message>
        <source>The channel as read just now (%1).</source>
        <translation>Der Kanal, wie er gerade gelesen wurde (%1).</translation>
    </message>
    <message>
        <source>The channel as of the last reconciliation (%1).</source>
        <translation>Der Kanal beim letzten Abgleich (%1).</translation>
    </message>
    <message>
        <source>Item fulfillment</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>NetSuite</source>
        <translation>NetSuite</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Sendungsnummern</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Channel tracking</source>
        <translation>Sendungsnummern im Kanal</translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>nicht gelesen</translation>
    </message>
    <message>
        <source>(extra)</source>
        <translation>(zusätzlich)</translation>
    </message>
</context>
<context>
    <name>fulfillsync</name>
    <message>
        <source>The demo keeps its data in a SQLite file of its own; it never writes into a PostgreSQL database.</source>
        <translation>Die Demo hält ihre Daten in einer eigenen SQLite-Datei; sie schreibt nie in eine PostgreSQL-Datenbank.</translation>
    </message>
    <message>
        <source>%1 is your real database. The demo keeps its data in a database of its own: leave out --database, or give a new file.</source>
        <translation>%1 ist Ihre echte Datenbank. Die Demo hält ihre Daten in einer eigenen Datenbank: Lassen Sie --database weg oder geben Sie eine neue Datei an.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::AlertNotifier</name>
    <message>
        <source>Alerts for %1 are off: %2</source>
        <translation>Benachrichtigungen für %1 sind aus: %2</translation>
    </message>
    <message>
        <source>No mail server is set up (Settings › Alerts).</source>
        <translation>Es ist kein Mailserver eingerichtet (Einstellungen › Benachrichtigungen).</translation>
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
    <message>
        <source>Mapping version: %1 (see Mappings › History)</source>
        <translation>Zuordnungsversion: %1 (siehe Zuordnungen › Historie)</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectionTester</name>
    <message>
        <source>Connectors of kind &quot;%1&quot; cannot be tested yet.</source>
        <translation>Konnektoren der Art „%1“ können noch nicht getestet werden.</translation>
    </message>
    <message>
        <source>fulfillsync test mail</source>
        <translation>fulfillsync-Testmail</translation>
    </message>
    <message>
        <source>This is a test of fulfillsync&apos;s alert mail. If you read it, alert digests for the connectors that name you will arrive.</source>
        <translation>Dies ist ein Test der Benachrichtigungs-Mail von fulfillsync. Wenn Sie ihn lesen, kommen die Zusammenfassungen der Konnektoren an, die Sie nennen.</translation>
    </message>
    <message>
        <source>The mail server accepted a test mail to %1.</source>
        <translation>Der Mailserver hat eine Testmail an %1 angenommen.</translation>
    </message>
    <message>
        <source>%1 refused the API key and secret (HTTP %2). Copy both again from the 3PL&apos;s API settings.</source>
        <translation>%1 hat API-Schlüssel und Secret abgelehnt (HTTP %2). Kopieren Sie beide erneut aus den API-Einstellungen des 3PL.</translation>
    </message>
    <message>
        <source>%1 did not answer as a 3PL API: %2</source>
        <translation>%1 hat nicht wie eine 3PL-API geantwortet: %2</translation>
    </message>
    <message>
        <source>%1 answered, but not with a shipment list: %2</source>
        <translation>%1 hat geantwortet, aber nicht mit einer Sendungsliste: %2</translation>
    </message>
    <message>
        <source>%1 accepted the API key; shipments can be read.</source>
        <translation>%1 hat den API-Schlüssel angenommen; Sendungen können gelesen werden.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorForm</name>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Connector name</source>
        <translation>Name des Konnektors</translation>
    </message>
    <message>
        <source>e.g. Main Shopify store</source>
        <translation>z. B. Shopify-Hauptshop</translation>
    </message>
    <message>
        <source>Connector kind</source>
        <translation>Art des Konnektors</translation>
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
        <translation>Aufträge, deren Kanalfeld (custbody_fa_channel) diesen Wert hat, werden über diesen Konnektor synchronisiert.</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiv</translation>
    </message>
    <message>
        <source>Connector enabled</source>
        <translation>Konnektor aktiv</translation>
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
        <translation>Geben Sie dem Konnektor einen Namen.</translation>
    </message>
    <message>
        <source>Another connector is already called &quot;%1&quot;. Choose another name.</source>
        <translation>Ein anderer Konnektor heißt bereits „%1“. Wählen Sie einen anderen Namen.</translation>
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
    <message>
        <source>Alerts</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Alert e-mail recipients</source>
        <translation>E-Mail-Empfänger der Benachrichtigungen</translation>
    </message>
    <message>
        <source>ops@example.com, you@example.com</source>
        <translation>ops@example.com, sie@example.com</translation>
    </message>
    <message>
        <source>Who gets the digest of failed and held fulfillments, and a message when this connector stops or starts syncing again. The mail server is set in Settings.</source>
        <translation>Wer die Zusammenfassung fehlgeschlagener und zurückgehaltener Lieferungen bekommt und eine Nachricht, wenn dieser Konnektor aufhört oder wieder anfängt zu synchronisieren. Der Mailserver wird in den Einstellungen festgelegt.</translation>
    </message>
    <message>
        <source>E-&amp;mail to:</source>
        <translation>E-&amp;Mail an:</translation>
    </message>
    <message>
        <source>Alert webhook address</source>
        <translation>Webhook-Adresse für Benachrichtigungen</translation>
    </message>
    <message>
        <source>https://hooks.slack.com/… (kept in the system keychain)</source>
        <translation>https://hooks.slack.com/… (im Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <source>&amp;Webhook:</source>
        <translation>&amp;Webhook:</translation>
    </message>
    <message>
        <source>Alert digest interval in minutes</source>
        <translation>Abstand der Zusammenfassungen in Minuten</translation>
    </message>
    <message>
        <source>Digest at most e&amp;very:</source>
        <translation>Zusammenfassung höchstens a&amp;lle:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The webhook address must start with https://.</source>
        <translation>Die Webhook-Adresse muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>Connector &quot;%1&quot; already syncs the orders with channel value &quot;%2&quot;. Each channel value belongs to one connector.</source>
        <translation>Konnektor „%1“ synchronisiert bereits die Aufträge mit dem Kanalwert „%2“. Jeder Kanalwert gehört zu einem Konnektor.</translation>
    </message>
    <message>
        <source>ShipStation (3PL warehouse)</source>
        <translation>ShipStation (3PL-Lager)</translation>
    </message>
    <message>
        <source>3PL account (ShipStation API)</source>
        <translation>3PL-Konto (ShipStation-API)</translation>
    </message>
    <message>
        <source>3PL API address</source>
        <translation>3PL-API-Adresse</translation>
    </message>
    <message>
        <source>3PL API key</source>
        <translation>3PL-API-Schlüssel</translation>
    </message>
    <message>
        <source>3PL API secret</source>
        <translation>3PL-API-Secret</translation>
    </message>
    <message>
        <source>kept in the system keychain</source>
        <translation>im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <source>Released sales orders are sent to the 3PL; its shipments come back as Shipped item fulfillments, which your channel connectors then push. Map NetSuite locations to 3PL warehouses under Mappings to send only some.</source>
        <translation>Freigegebene Kundenaufträge gehen an den 3PL; seine Sendungen kommen als versandte Item Fulfillments zurück, die Ihre Kanal-Connectoren dann übertragen. Ordnen Sie unter Zuordnungen NetSuite-Lagerorte 3PL-Lagern zu, um nur einen Teil zu senden.</translation>
    </message>
    <message>
        <source>API &amp;address:</source>
        <translation>API-&amp;Adresse:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>API &amp;secret:</source>
        <translation>API-S&amp;ecret:</translation>
    </message>
    <message>
        <source>Enter the 3PL&apos;s API address, e.g. https://ssapi.shipstation.com.</source>
        <translation>Geben Sie die API-Adresse des 3PL ein, z. B. https://ssapi.shipstation.com.</translation>
    </message>
    <message>
        <source>Enter the 3PL&apos;s API key and API secret.</source>
        <translation>Geben Sie API-Schlüssel und API-Secret des 3PL ein.</translation>
    </message>
    <message>
        <source>Take &amp;over from another connector on</source>
        <translation>Übernahme v&amp;on einem anderen Konnektor ab</translation>
    </message>
    <message>
        <source>Switching over from another connector</source>
        <translation>Umstieg von einem anderen Konnektor</translation>
    </message>
    <message>
        <source>The store already holds fulfillments another connector pushed. The first sync reads NetSuite from this day; a fulfillment already in the store (same tracking numbers and lines, or, without tracking, the only one with the same lines) is recorded as adopted and never sent again; one that could be either of two waits in the Inbox. Run a Dry run of the first sync to see what it would push and adopt.</source>
        <translation>Der Shop enthält bereits Lieferungen, die ein anderer Konnektor übertragen hat. Die erste Synchronisierung liest NetSuite ab diesem Tag; eine Lieferung, die schon im Shop ist (gleiche Sendungsnummern und Positionen oder, ohne Sendungsnummer, die einzige mit denselben Positionen), wird als übernommen vermerkt und nie erneut gesendet; eine, die zu zwei Lieferungen im Shop passen könnte, wartet im Eingang. Starten Sie einen Probelauf der ersten Synchronisierung, um zu sehen, was sie übertragen und übernehmen würde.</translation>
    </message>
    <message>
        <source>Take over from</source>
        <translation>Übernahme ab</translation>
    </message>
    <message>
        <source>Switching over:</source>
        <translation>Umstieg:</translation>
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
    <message>
        <source>3PL (ShipStation)</source>
        <translation>3PL (ShipStation)</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorSummaryModel</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 is due but has waited longer than two sync intervals and an hour. Open it under Sales Orders and use Explain to see what holds it.</source>
        <translation>Auftrag %1 ist fällig, wartet aber länger als zwei Synchronisierungsintervalle und eine Stunde. Öffnen Sie ihn unter Aufträge und lesen Sie in der Erklärung, was ihn aufhält.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>none due</source>
        <translation>nichts fällig</translation>
    </message>
    <message>
        <source>⚠ %1, %2 — stuck</source>
        <translation>⚠ %1, %2 – hängt</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>Am längsten wartend</translation>
    </message>
    <message>
        <source>not scheduled here</source>
        <translation>hier nicht geplant</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>Orders synced</source>
        <translation>Aufträge synchronisiert</translation>
    </message>
    <message>
        <source>Orders waiting</source>
        <translation>Aufträge wartend</translation>
    </message>
    <message>
        <source>Orders failed</source>
        <translation>Aufträge fehlgeschlagen</translation>
    </message>
    <message>
        <source>Orders held</source>
        <translation>Aufträge zurückgehalten</translation>
    </message>
    <message>
        <source>A 3PL connector counts its shipments: synced ones are item fulfillments in NetSuite, waiting ones are not confirmed yet, held ones wait for a person.</source>
        <translation>Ein 3PL-Connector zählt seine Sendungen: synchronisierte sind Item Fulfillments in NetSuite, wartende sind noch nicht bestätigt, zurückgehaltene warten auf einen Menschen.</translation>
    </message>
    <message>
        <source>Another fulfillsync worker on this database (%1) holds this connector and runs it on its schedule; this window&apos;s own schedule leaves it to that worker.</source>
        <translation>Ein anderer fulfillsync-Prozess an dieser Datenbank (%1) hält diesen Konnektor und führt ihn nach seinem Zeitplan aus; der Zeitplan dieses Fensters überlässt ihn diesem Prozess.</translation>
    </message>
    <message>
        <source>run by %1</source>
        <translation>läuft bei %1</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorsPage</name>
    <message>
        <source>Connectors</source>
        <translation>Konnektoren</translation>
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
        <translation>Konnektor hinzufügen</translation>
    </message>
    <message>
        <source>Add a connector (%1)</source>
        <translation>Konnektor hinzufügen (%1)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the connector</source>
        <translation>Konnektor löschen</translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Enable or disable the connector</source>
        <translation>Konnektor aktivieren oder deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the connector</source>
        <translation>Konnektor speichern</translation>
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
        <translation>Diesen Konnektor jetzt ausführen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Connector message</source>
        <translation>Meldung zum Konnektor</translation>
    </message>
    <message>
        <source>Could not read the connectors: %1</source>
        <translation>Die Konnektoren konnten nicht gelesen werden: %1</translation>
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
        <translation>Für diesen Konnektor ist noch kein Zugriffstoken gespeichert: Geben Sie es ein und speichern Sie.</translation>
    </message>
    <message>
        <source>Could not save the connector: %1</source>
        <translation>Der Konnektor konnte nicht gespeichert werden: %1</translation>
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
        <translation>Den Konnektor „%1“ löschen?

Seine Zuordnungen und die Aufzeichnung, was bereits übertragen wurde, werden ebenfalls gelöscht; sein Zugriffstoken wird aus dem Schlüsselbund entfernt. Der Synchronisierungsverlauf bleibt erhalten.</translation>
    </message>
    <message>
        <source>Could not delete the connector: %1</source>
        <translation>Der Konnektor konnte nicht gelöscht werden: %1</translation>
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
        <translation>Der Konnektor ist deaktiviert.</translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation>Eine Synchronisierung läuft bereits.</translation>
    </message>
    <message>
        <source>Sync this connector now.</source>
        <translation>Diesen Konnektor jetzt synchronisieren.</translation>
    </message>
    <message>
        <source>Run finished: %1 pushed, %2 failed, %3 held.</source>
        <translation>Lauf beendet: %1 übertragen, %2 fehlgeschlagen, %3 zurückgehalten.</translation>
    </message>
    <message>
        <source>Saved, but the webhook address could not be stored: %1</source>
        <translation>Gespeichert, aber die Webhook-Adresse konnte nicht abgelegt werden: %1</translation>
    </message>
    <message>
        <source>Enter the API key and secret first.</source>
        <translation>Geben Sie zuerst API-Schlüssel und Secret ein.</translation>
    </message>
    <message numerus="yes">
        <source>%n still waiting (Inbox, quarantine or unconfirmed).</source>
        <translation>
            <numerusform>%n wartet noch (Eingang, Quarantäne oder unbestätigt).</numerusform>
            <numerusform>%n warten noch (Eingang, Quarantäne oder unbestätigt).</numerusform>
        </translation>
    </message>
    <message>
        <source>Dr&amp;y run</source>
        <translation>&amp;Probelauf</translation>
    </message>
    <message>
        <source>Tell what the next pass would push, and what it would adopt from the tool before (switching over); nothing is sent</source>
        <translation>Zeigen, was der nächste Lauf übertragen und was er vom bisherigen Werkzeug übernehmen würde (Umstieg); es wird nichts gesendet</translation>
    </message>
    <message>
        <source>Dry run of &quot;%1&quot;: reading NetSuite and the channel, sending nothing…</source>
        <translation>Probelauf für „%1“: NetSuite und Kanal werden gelesen, nichts wird gesendet…</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <source>Tell what the next pass would push, and what it would adopt from the tool before (switching over); nothing is sent.</source>
        <translation>Zeigen, was der nächste Lauf übertragen und was er vom bisherigen Werkzeug übernehmen würde (Umstieg); es wird nichts gesendet.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::CsvExportRunner</name>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1 …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Exporting to %1: %L2 of %L3 rows…</source>
        <translation>Export nach %1: %L2 von %L3 Zeilen …</translation>
    </message>
    <message>
        <source>Exported %L1 rows to %2.</source>
        <translation>%L1 Zeilen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not written.</source>
        <translation>Export abgebrochen; %1 wurde nicht geschrieben.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>fulfillsync::CsvExporter</name>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2. Free some disk space or choose another folder.</source>
        <translation>Schreiben von %1 fehlgeschlagen: %2. Geben Sie Speicherplatz frei oder wählen Sie einen anderen Ordner.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::DashboardPage</name>
    <message>
        <source>Connectors</source>
        <translation>Konnektoren</translation>
    </message>
    <message>
        <source>Latest failures</source>
        <translation>Letzte Fehler</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the order</source>
        <translation>Doppelklicken oder Eingabe drücken, um den Auftrag zu öffnen</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 14 days</source>
        <translation>Letzte 14 Tage</translation>
    </message>
    <message>
        <source>Chart period</source>
        <translation>Diagrammzeitraum</translation>
    </message>
    <message>
        <source>Attempts by outcome</source>
        <translation>Versuche nach Ergebnis</translation>
    </message>
    <message>
        <source>Attempts over time by outcome</source>
        <translation>Versuche im Zeitverlauf nach Ergebnis</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connectors&lt;/b&gt;</source>
        <translation>&lt;b&gt;Konnektoren&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Chart &amp;period:</source>
        <translation>Diagramm&amp;zeitraum:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest &amp;failures&lt;/b&gt; (Enter or double-click opens the order)</source>
        <translation>&lt;b&gt;Letzte &amp;Fehler&lt;/b&gt; (Eingabe oder Doppelklick öffnet den Auftrag)</translation>
    </message>
    <message>
        <source>Could not read the dashboard from the database: %1
Check that the database is reachable; the page retries after the next sync.</source>
        <translation>Die Übersicht konnte nicht aus der Datenbank gelesen werden: %1
Prüfen Sie, ob die Datenbank erreichbar ist; die Seite versucht es nach der nächsten Synchronisierung erneut.</translation>
    </message>
    <message>
        <source>No connector yet. Add one under Connectors to start syncing.</source>
        <translation>Noch kein Konnektor. Legen Sie unter Konnektoren einen an, um mit dem Synchronisieren zu beginnen.</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n connector(s) have an order that should have synced by now. Open the order and use Explain to see what holds it.</source>
        <translation>
            <numerusform>⚠ %n Konnektor hat einen Auftrag, der inzwischen synchronisiert sein sollte. Öffnen Sie den Auftrag und lesen Sie in der Erklärung, was ihn aufhält.</numerusform>
            <numerusform>⚠ %n Konnektoren haben einen Auftrag, der inzwischen synchronisiert sein sollte. Öffnen Sie den Auftrag und lesen Sie in der Erklärung, was ihn aufhält.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attempts per hour (local time) by outcome, last 24 hours</source>
        <translation>Versuche pro Stunde (Ortszeit) nach Ergebnis, letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Attempts per day by outcome, last 14 days</source>
        <translation>Versuche pro Tag nach Ergebnis, letzte 14 Tage</translation>
    </message>
    <message>
        <source>This failure has no order (it happened before any order was read). See Sync History for details.</source>
        <translation>Zu diesem Fehler gibt es keinen Auftrag (er trat auf, bevor ein Auftrag gelesen wurde). Einzelheiten unter Verlauf.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::DatabaseRecoveryDialog</name>
    <message>
        <source>fulfillsync — database</source>
        <translation>fulfillsync — Datenbank</translation>
    </message>
    <message>
        <source>&lt;b&gt;The database cannot be opened.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;Die Datenbank lässt sich nicht öffnen.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>Why the database cannot be opened</source>
        <translation>Warum sich die Datenbank nicht öffnen lässt</translation>
    </message>
    <message>
        <source>Enter another database and test it, or go back to the last database that opened. The choice is saved for the next start.</source>
        <translation>Geben Sie eine andere Datenbank an und testen Sie sie, oder kehren Sie zur letzten Datenbank zurück, die sich öffnen ließ. Die Wahl wird für den nächsten Start gespeichert.</translation>
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
        <source>Last database that opened: %1</source>
        <translation>Letzte Datenbank, die sich öffnen ließ: %1</translation>
    </message>
    <message>
        <source>&amp;Use this database</source>
        <translation>Diese Datenbank &amp;verwenden</translation>
    </message>
    <message>
        <source>Available once the database passed its test</source>
        <translation>Verfügbar, sobald die Datenbank den Test bestanden hat</translation>
    </message>
    <message>
        <source>Use the &amp;last working database</source>
        <translation>&amp;Letzte funktionierende Datenbank verwenden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>SQLite database file</source>
        <translation>SQLite-Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite)</translation>
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
        <translation>Konnektor</translation>
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
    <message>
        <source>Tracking</source>
        <translation>Sendungsnummern</translation>
    </message>
</context>
<context>
    <name>fulfillsync::HttpCall</name>
    <message numerus="yes">
        <source>no answer within %n second(s)</source>
        <translation>
            <numerusform>keine Antwort innerhalb von %n Sekunde</numerusform>
            <numerusform>keine Antwort innerhalb von %n Sekunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fulfillsync::InboxPage</name>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation>Anwenden auf</translation>
    </message>
    <message>
        <source>The selected rows</source>
        <translation>Die ausgewählten Zeilen</translation>
    </message>
    <message>
        <source>Every row of this filter</source>
        <translation>Jede Zeile dieses Filters</translation>
    </message>
    <message>
        <source>Re&amp;try now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Re&amp;solve…</source>
        <translation>Er&amp;ledigen …</translation>
    </message>
    <message>
        <source>&amp;Open order</source>
        <translation>Auftrag ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show the order in Sales Orders (Enter)</source>
        <translation>Den Auftrag unter „Aufträge“ zeigen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Inbox message</source>
        <translation>Meldung des Eingangs</translation>
    </message>
    <message>
        <source>Apply to:</source>
        <translation>Anwenden auf:</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Erledigen</translation>
    </message>
    <message numerus="yes">
        <source>Why are these %n item(s) resolved? The reason is kept in the inbox and the history.</source>
        <translation>
            <numerusform>Warum ist %n Eintrag erledigt? Der Grund wird im Eingang und im Verlauf aufbewahrt.</numerusform>
            <numerusform>Warum sind diese %n Einträge erledigt? Der Grund wird im Eingang und im Verlauf aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the inbox: %1</source>
        <translation>Der Eingang konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing to retry: flags wait for a person, and settled items need nothing.</source>
        <translation>Nichts erneut zu versuchen: Markierungen warten auf einen Menschen, erledigte Einträge brauchen nichts.</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n order(s) now; the inbox follows as the results come in.</source>
        <translation>
            <numerusform>Versuche jetzt %n Auftrag erneut; der Eingang folgt, sobald die Ergebnisse kommen.</numerusform>
            <numerusform>Versuche jetzt %n Aufträge erneut; der Eingang folgt, sobald die Ergebnisse kommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the items to resolve, or apply to every row of this filter.</source>
        <translation>Wählen Sie die zu erledigenden Einträge oder wenden Sie es auf jede Zeile dieses Filters an.</translation>
    </message>
    <message>
        <source>Resolved %1, then stopped: %2</source>
        <translation>%1 erledigt, dann angehalten: %2</translation>
    </message>
    <message numerus="yes">
        <source>Resolved %n item(s); the reason is in the history.</source>
        <translation>
            <numerusform>%n Eintrag erledigt; der Grund steht im Verlauf.</numerusform>
            <numerusform>%n Einträge erledigt; der Grund steht im Verlauf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were settled already.</source>
        <translation>
            <numerusform>%n war schon erledigt.</numerusform>
            <numerusform>%n waren schon erledigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>the app&apos;s user</source>
        <translation>der Benutzer der App</translation>
    </message>
    <message>
        <source>Resync the orders of these items now (held ones whose mapping was fixed, failed ones without waiting for their next try; a 3PL connector&apos;s held shipments are read and planned again)</source>
        <translation>Die Aufträge dieser Einträge jetzt neu synchronisieren (zurückgehaltene, deren Zuordnung behoben ist, fehlgeschlagene ohne auf den nächsten Versuch zu warten; zurückgehaltene Sendungen eines 3PL-Konnektors werden neu gelesen und geplant)</translation>
    </message>
    <message>
        <source>Close these items with a reason. A flag is closed for good; a failed or held fulfillment is still retried and opens again if it fails again. A 3PL connector&apos;s held shipment stays held.</source>
        <translation>Diese Einträge mit einer Begründung schließen. Eine Markierung wird endgültig geschlossen; eine fehlgeschlagene oder zurückgehaltene Lieferung wird weiter versucht und öffnet sich wieder, wenn sie erneut fehlschlägt. Die zurückgehaltene Sendung eines 3PL-Konnektors bleibt zurückgehalten.</translation>
    </message>
    <message>
        <source>&amp;Adopt…</source>
        <translation>Übe&amp;rnehmen…</translation>
    </message>
    <message>
        <source>Switching over: this held fulfillment is one another tool already put in the channel. Choose which, from the order&apos;s channel fulfillments that nothing explains in its last reading; it is recorded as adopted and never sent.</source>
        <translation>Umstieg: Diese zurückgehaltene Lieferung hat ein anderes Werkzeug bereits in den Kanal gestellt. Wählen Sie aus den Kanal-Lieferungen des Auftrags, die beim letzten Lesen durch nichts erklärt sind, die richtige; sie wird als übernommen vermerkt und nie gesendet.</translation>
    </message>
    <message>
        <source>%1 — tracking %2 — %3</source>
        <translation>%1 — Sendungsnummer %2 — %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Adopt</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Which channel fulfillment is %1&apos;s? (As the order&apos;s last reading shows them.)</source>
        <translation>Welche Kanal-Lieferung gehört zu %1? (So, wie das letzte Lesen des Auftrags sie zeigt.)</translation>
    </message>
    <message>
        <source>Why is it this one? The reason is kept in the history.</source>
        <translation>Warum ist es diese? Der Grund wird im Verlauf festgehalten.</translation>
    </message>
    <message>
        <source>Nothing of order %1 in the channel is unexplained as last read. Read the channel first: open the order and press Read the channel now.</source>
        <translation>Von Auftrag %1 ist beim letzten Lesen nichts im Kanal unerklärt. Lesen Sie zuerst den Kanal: Öffnen Sie den Auftrag und klicken Sie auf „Kanal jetzt lesen“.</translation>
    </message>
    <message>
        <source>%1 adopted as channel fulfillment %2; nothing was sent. The order&apos;s other held fulfillments are tried again at the next pass.</source>
        <translation>%1 als Kanal-Lieferung %2 übernommen; nichts wurde gesendet. Die anderen zurückgehaltenen Lieferungen des Auftrags werden beim nächsten Lauf erneut versucht.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::InboxTableModel</name>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Auto-resolved</source>
        <translation>Von selbst erledigt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
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
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Erledigung</translation>
    </message>
</context>
<context>
    <name>fulfillsync::JobListModel</name>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Resync</source>
        <translation>Neu synchronisieren</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
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
        <source>Could not run</source>
        <translation>Konnte nicht laufen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1 pushed, %2 failed, %3 held, %4 already in the channel</source>
        <translation>%1 übertragen, %2 fehlgeschlagen, %3 zurückgehalten, %4 bereits im Kanal</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>Cancel this pass after its current request</source>
        <translation>Diesen Lauf nach seiner laufenden Anfrage abbrechen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message numerus="yes">
        <source>, %n adopted</source>
        <translation>
            <numerusform>, %n übernommen</numerusform>
            <numerusform>, %n übernommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n tracking update(s)</source>
        <translation>
            <numerusform>, %n Aktualisierung der Sendungsnummern</numerusform>
            <numerusform>, %n Aktualisierungen der Sendungsnummern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fulfillsync::JobsPage</name>
    <message>
        <source>Sync jobs</source>
        <translation>Synchronisierungsjobs</translation>
    </message>
    <message>
        <source>&amp;Cancel selected job</source>
        <translation>Ausgewählten Job &amp;abbrechen</translation>
    </message>
    <message>
        <source>Stop the selected pass after its current request (Del)</source>
        <translation>Den ausgewählten Lauf nach seiner laufenden Anfrage beenden (Entf)</translation>
    </message>
    <message>
        <source>Cancel selected job</source>
        <translation>Ausgewählten Job abbrechen</translation>
    </message>
    <message>
        <source>Each connector runs its own pass; cancelling one leaves the others running. A cancelled pass stops after its current request, so nothing is sent twice.</source>
        <translation>Jeder Konnektor hat seinen eigenen Lauf; wird einer abgebrochen, laufen die anderen weiter. Ein abgebrochener Lauf endet nach seiner laufenden Anfrage, sodass nichts doppelt gesendet wird.</translation>
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
    <name>fulfillsync::LeaseKeeper</name>
    <message>
        <source>The connector&apos;s lease was lost.</source>
        <translation>Die Lease des Konnektors ging verloren.</translation>
    </message>
    <message>
        <source>Let go to a less busy worker.</source>
        <translation>An einen weniger ausgelasteten Prozess abgegeben.</translation>
    </message>
    <message>
        <source>The lease was let go.</source>
        <translation>Die Lease wurde freigegeben.</translation>
    </message>
    <message>
        <source>The worker stopped.</source>
        <translation>Der Prozess wurde beendet.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::MailServerTab</name>
    <message>
        <source>Mail server address</source>
        <translation>Adresse des Mailservers</translation>
    </message>
    <message>
        <source>Mail server user name</source>
        <translation>Benutzername am Mailserver</translation>
    </message>
    <message>
        <source>Mail server password</source>
        <translation>Passwort des Mailservers</translation>
    </message>
    <message>
        <source>Alert sender address</source>
        <translation>Absenderadresse der Benachrichtigungen</translation>
    </message>
    <message>
        <source>fulfillsync@example.com</source>
        <translation>fulfillsync@example.com</translation>
    </message>
    <message>
        <source>Mail server CA certificate file</source>
        <translation>CA-Zertifikatsdatei des Mailservers</translation>
    </message>
    <message>
        <source>empty: the system&apos;s certificates</source>
        <translation>leer: die Zertifikate des Systems</translation>
    </message>
    <message>
        <source>Mail &amp;server:</source>
        <translation>Mail&amp;server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation>&amp;CA-Zertifikat:</translation>
    </message>
    <message>
        <source>Test mail recipient</source>
        <translation>Empfänger der Testmail</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>sie@example.com</translation>
    </message>
    <message>
        <source>Send &amp;test mail</source>
        <translation>&amp;Testmail senden</translation>
    </message>
    <message>
        <source>Send a test mail</source>
        <translation>Eine Testmail senden</translation>
    </message>
    <message>
        <source>Test &amp;to:</source>
        <translation>Test &amp;an:</translation>
    </message>
    <message>
        <source>Test mail result</source>
        <translation>Ergebnis der Testmail</translation>
    </message>
    <message>
        <source>Alerts are set per connector (Connectors › Alerts): who gets a digest of failed and held work, and a message when a connector stops or syncs again. smtp:// requires STARTTLS unless the server is on this computer; the password is kept in the system keychain.</source>
        <translation>Benachrichtigungen werden je Konnektor eingestellt (Konnektoren › Benachrichtigungen): wer eine Zusammenfassung fehlgeschlagener und zurückgehaltener Arbeit bekommt und eine Nachricht, wenn ein Konnektor aufhört oder wieder synchronisiert. smtp:// verlangt STARTTLS, außer der Server läuft auf diesem Computer; das Passwort liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Enter the mail server and an address to send the test to.</source>
        <translation>Geben Sie den Mailserver und eine Adresse für den Test ein.</translation>
    </message>
    <message>
        <source>Sending a test mail to %1…</source>
        <translation>Sende eine Testmail an %1 …</translation>
    </message>
    <message>
        <source>The mail server address must look like smtp://host:587 or smtps://host:465.</source>
        <translation>Die Adresse des Mailservers muss wie smtp://host:587 oder smtps://host:465 aussehen.</translation>
    </message>
    <message>
        <source>Enter the address alerts are sent from.</source>
        <translation>Geben Sie die Absenderadresse der Benachrichtigungen ein.</translation>
    </message>
    <message>
        <source>Could not save the mail server: %1</source>
        <translation>Der Mailserver konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Could not store the password in the keychain: %1</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund abgelegt werden: %1</translation>
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
        <translation>Konnektoren</translation>
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
        <translation>Konnektor %1 konnte nicht synchronisieren.

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
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Mappings</source>
        <translation>Zuordnungen</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Läufe</translation>
    </message>
    <message numerus="yes">
        <source>Resolved %n flagged fulfillment(s); the reason is in the history.</source>
        <translation>
            <numerusform>%n markierte Lieferung geklärt; der Grund steht im Verlauf.</numerusform>
            <numerusform>%n markierte Lieferungen geklärt; der Grund steht im Verlauf.</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to fulfillsync</source>
        <translation>Willkommen bei fulfillsync</translation>
    </message>
    <message>
        <source>fulfillsync is not connected to NetSuite yet.</source>
        <translation>fulfillsync ist noch nicht mit NetSuite verbunden.</translation>
    </message>
    <message>
        <source>Set up NetSuite…</source>
        <translation>NetSuite einrichten…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Try the &amp;demo…</source>
        <translation>&amp;Demo ausprobieren…</translation>
    </message>
    <message>
        <source>Open a second window on generated orders, in a database of the demo&apos;s own; nothing here changes</source>
        <translation>Öffnet ein zweites Fenster mit erzeugten Aufträgen in einer eigenen Datenbank der Demo; hier ändert sich nichts</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Dokumentation</translation>
    </message>
    <message>
        <source>&amp;About fulfillsync</source>
        <translation>&amp;Über fulfillsync</translation>
    </message>
    <message>
        <source>About fulfillsync</source>
        <translation>Über fulfillsync</translation>
    </message>
    <message>
        <source>&lt;h3&gt;fulfillsync %1&lt;/h3&gt;&lt;p&gt;Pushes shipped NetSuite item fulfillments to the stores the orders came from: once each, and says why when it cannot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;fulfillsync %1&lt;/h3&gt;&lt;p&gt;Überträgt versandte NetSuite-Lieferungen an die Shops, aus denen die Aufträge kamen: jede genau einmal, und sagt, warum, wenn es nicht geht.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>An alert could not be sent: %1</source>
        <translation>Eine Benachrichtigung konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo&lt;/b&gt; — generated orders served by the built-in sandbox, in a database of the demo&apos;s own. Nothing done here changes your real orders, settings or database.</source>
        <translation>&lt;b&gt;Demo&lt;/b&gt; — erzeugte Aufträge aus der eingebauten Sandbox, in einer eigenen Datenbank der Demo. Nichts, was Sie hier tun, ändert Ihre echten Aufträge, Einstellungen oder Ihre Datenbank.</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation>Demo-Modus</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <source>No enabled connector handles %1: no connector has its channel and no 3PL connector has it.</source>
        <translation>Kein aktiver Konnektor ist für %1 zuständig: Kein Konnektor hat seinen Kanal, und kein 3PL-Konnektor hat ihn.</translation>
    </message>
    <message>
        <source>Nothing to run</source>
        <translation>Nichts auszuführen</translation>
    </message>
    <message>
        <source>Resyncing %1…</source>
        <translation>%1 wird neu synchronisiert…</translation>
    </message>
    <message>
        <source>Dry run of %1: reading NetSuite and the channel, sending nothing…</source>
        <translation>Probelauf für %1: NetSuite und Kanal werden gelesen, nichts wird gesendet…</translation>
    </message>
    <message>
        <source>This history row cannot be read any more; nothing was replayed.</source>
        <translation>Diese Zeile des Verlaufs lässt sich nicht mehr lesen; nichts wurde erneut gesendet.</translation>
    </message>
    <message>
        <source>the held shipments of %1 from %2</source>
        <translation>Die zurückgehaltenen Sendungen von %1 aus %2</translation>
    </message>
    <message>
        <source>%1 of %2 to %3</source>
        <translation>%1 von %2 an %3</translation>
    </message>
    <message>
        <source>Replay %1, sending the recorded request again?

The channel is read back first: if the fulfillment is already there, nothing is sent.</source>
        <translation>%1 mit der aufgezeichneten Anfrage erneut senden?

Der Kanal wird zuerst gelesen: Ist die Lieferung dort schon vorhanden, wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Replay %1, built again with today&apos;s mappings?

The channel is read back first: if the fulfillment is already there, nothing is sent.</source>
        <translation>%1 mit den heutigen Zuordnungen neu erstellen und erneut senden?

Der Kanal wird zuerst gelesen: Ist die Lieferung dort schon vorhanden, wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Replaying %1…</source>
        <translation>Wird erneut gesendet: %1…</translation>
    </message>
    <message>
        <source>%1: dry run, nothing sent (%2 s).</source>
        <translation>%1: Probelauf, nichts gesendet (%2 s).</translation>
    </message>
    <message numerus="yes">
        <source>%n still waiting (Inbox, quarantine or unconfirmed).</source>
        <translation>
            <numerusform>%n wartet noch (Eingang, Quarantäne oder unbestätigt).</numerusform>
            <numerusform>%n warten noch (Eingang, Quarantäne oder unbestätigt).</numerusform>
        </translation>
    </message>
    <message>
        <source>What is still owed could not be read.</source>
        <translation>Was noch aussteht, konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Enter your NetSuite account and its token in Settings, then add a connector for each store under Connectors. Switching over from another connector? Tick &quot;Take over from&quot; on the connector: what the other tool already put in the store is adopted, never sent twice, and Dry run shows the first pass before it runs. To look around first, try the demo: it opens in a window of its own, with generated orders in a database of its own, and changes nothing here.</source>
        <translation>Geben Sie Ihr NetSuite-Konto und sein Token unter Einstellungen ein und legen Sie dann unter Konnektoren einen Konnektor für jeden Shop an. Sie steigen von einem anderen Konnektor um? Kreuzen Sie beim Konnektor „Übernahme von einem anderen Konnektor ab“ an: Was das andere Werkzeug bereits in den Shop gestellt hat, wird übernommen und nie doppelt gesendet, und der Probelauf zeigt den ersten Lauf, bevor er läuft. Um sich zuerst umzusehen, probieren Sie die Demo: Sie öffnet sich in einem eigenen Fenster, mit erzeugten Aufträgen in einer eigenen Datenbank, und ändert hier nichts.</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>%1: the channel could not be read: %2</source>
        <translation>%1: Der Kanal konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>fulfillsync::MappingHistoryModel</name>
    <message>
        <source>Ship method</source>
        <translation>Versandart</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Custom field</source>
        <translation>Benutzerdefiniertes Feld</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; of %3</source>
        <translation>%1 „%2“ von %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>NetSuite value</source>
        <translation>NetSuite-Wert</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>fulfillsync::MappingTableModel</name>
    <message>
        <source>An unmapped ship method holds its fulfillments, unless the connector sends its default carrier instead.</source>
        <translation>Eine nicht zugeordnete Versandart hält ihre Lieferungen zurück, außer der Konnektor sendet stattdessen seinen Standard-Versanddienst.</translation>
    </message>
    <message>
        <source>An unmapped item is sent with its NetSuite name as the SKU.</source>
        <translation>Ein nicht zugeordneter Artikel wird mit seinem NetSuite-Namen als SKU gesendet.</translation>
    </message>
    <message>
        <source>Once any location is mapped, an unmapped location holds its fulfillments, unless the connector uses its defaults (the channel then picks the location).</source>
        <translation>Sobald ein Lagerort zugeordnet ist, hält ein nicht zugeordneter Lagerort seine Lieferungen zurück, außer der Konnektor verwendet seine Standardwerte (dann wählt der Kanal den Lagerort).</translation>
    </message>
    <message numerus="yes">
        <source>Not mapped: NetSuite used it on %n order(s) (for example %1). %2 Enter the target to map it; rows left without a target are not saved.</source>
        <translation>
            <numerusform>Nicht zugeordnet: NetSuite hat ihn auf %n Auftrag verwendet (zum Beispiel %1). %2 Geben Sie das Ziel ein, um ihn zuzuordnen; Zeilen ohne Ziel werden nicht gespeichert.</numerusform>
            <numerusform>Nicht zugeordnet: NetSuite hat ihn auf %n Aufträgen verwendet (zum Beispiel %1). %2 Geben Sie das Ziel ein, um ihn zuzuordnen; Zeilen ohne Ziel werden nicht gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>No target yet: this row is not saved until it has one.</source>
        <translation>Noch kein Ziel: Diese Zeile wird erst gespeichert, wenn sie eines hat.</translation>
    </message>
    <message numerus="yes">
        <source>Used on %n order(s) of this connector, for example %1.</source>
        <translation>
            <numerusform>Verwendet auf %n Auftrag dieses Konnektors, zum Beispiel %1.</numerusform>
            <numerusform>Verwendet auf %n Aufträgen dieses Konnektors, zum Beispiel %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Channel field</source>
        <translation>Kanalfeld</translation>
    </message>
    <message>
        <source>NetSuite field</source>
        <translation>NetSuite-Feld</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>Umwandlung</translation>
    </message>
    <message>
        <source>Argument</source>
        <translation>Argument</translation>
    </message>
    <message>
        <source>NetSuite id or name</source>
        <translation>NetSuite-ID oder -Name</translation>
    </message>
    <message>
        <source>NetSuite name</source>
        <translation>NetSuite-Name</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Versanddienst</translation>
    </message>
    <message>
        <source>Channel SKU</source>
        <translation>Kanal-SKU</translation>
    </message>
    <message>
        <source>Channel location id</source>
        <translation>Kanal-Lagerort-ID</translation>
    </message>
    <message>
        <source>Tracking URL template</source>
        <translation>Vorlage der Sendungsverfolgungs-URL</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Aufträge</translation>
    </message>
</context>
<context>
    <name>fulfillsync::MappingsPage</name>
    <message>
        <source>Ship methods</source>
        <translation>Versandarten</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>Lagerorte</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Benutzerdefinierte Felder</translation>
    </message>
    <message>
        <source>Unsaved mappings</source>
        <translation>Ungespeicherte Zuordnungen</translation>
    </message>
    <message>
        <source>Mappings changed elsewhere</source>
        <translation>Zuordnungen an anderer Stelle geändert</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Write all mapping tables of this connector in one step</source>
        <translation>Alle Zuordnungstabellen dieses Konnektors in einem Schritt schreiben</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Forget the unsaved changes</source>
        <translation>Die ungespeicherten Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Discover values</source>
        <translation>Werte ermitteln</translation>
    </message>
    <message>
        <source>List the ship methods, items and locations NetSuite used on this connector&apos;s orders, with the orders each one holds</source>
        <translation>Die Versandarten, Artikel und Lagerorte auflisten, die NetSuite in den Aufträgen dieses Konnektors verwendet hat, mit den Aufträgen, die jeweils davon abhängen</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Add a mapping row</source>
        <translation>Eine Zuordnungszeile hinzufügen</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <source>Remove the selected rows</source>
        <translation>Die ausgewählten Zeilen entfernen</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Read mappings from a CSV or JSON file</source>
        <translation>Zuordnungen aus einer CSV- oder JSON-Datei lesen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Write these mappings to a CSV or JSON file</source>
        <translation>Diese Zuordnungen in eine CSV- oder JSON-Datei schreiben</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>&amp;Connector:</source>
        <translation>&amp;Konnektor:</translation>
    </message>
    <message>
        <source>Filter rows</source>
        <translation>Zeilen filtern</translation>
    </message>
    <message>
        <source>Filter mapping rows</source>
        <translation>Zuordnungszeilen filtern</translation>
    </message>
    <message>
        <source>&amp;Only rows to look at</source>
        <translation>Nur zu &amp;prüfende Zeilen</translation>
    </message>
    <message>
        <source>Show only rows with a problem or without a target</source>
        <translation>Nur Zeilen mit einem Problem oder ohne Ziel anzeigen</translation>
    </message>
    <message>
        <source>Only rows with a problem or without a target</source>
        <translation>Nur Zeilen mit einem Problem oder ohne Ziel</translation>
    </message>
    <message>
        <source>Mapping tables</source>
        <translation>Zuordnungstabellen</translation>
    </message>
    <message>
        <source>Mapping change history</source>
        <translation>Änderungshistorie der Zuordnungen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historie</translation>
    </message>
    <message>
        <source>Mapping problems</source>
        <translation>Probleme in den Zuordnungen</translation>
    </message>
    <message>
        <source>Unmapped values</source>
        <translation>Nicht zugeordnete Werte</translation>
    </message>
    <message>
        <source>Mappings status</source>
        <translation>Status der Zuordnungen</translation>
    </message>
    <message>
        <source>Discovering values</source>
        <translation>Werte werden ermittelt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel discovery</source>
        <translation>Ermittlung abbrechen</translation>
    </message>
    <message>
        <source>%1 mappings</source>
        <translation>Zuordnungen: %1</translation>
    </message>
    <message>
        <source>%1 (channel %2)</source>
        <translation>%1 (Kanal %2)</translation>
    </message>
    <message>
        <source>There is no connector yet: add one, then map its values here.</source>
        <translation>Es gibt noch keinen Konnektor: Legen Sie einen an und ordnen Sie dann hier seine Werte zu.</translation>
    </message>
    <message>
        <source>Could not read the connectors: %1</source>
        <translation>Die Konnektoren konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not read the connector: %1</source>
        <translation>Der Konnektor konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The mappings of %1 have unsaved changes. Save them first?</source>
        <translation>Die Zuordnungen von %1 haben ungespeicherte Änderungen. Zuerst speichern?</translation>
    </message>
    <message>
        <source>Could not read the mappings: %1. Check the database connection and choose the connector again.</source>
        <translation>Die Zuordnungen konnten nicht gelesen werden: %1. Prüfen Sie die Datenbankverbindung und wählen Sie den Konnektor erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%n mapping(s) of %1.</source>
        <translation>
            <numerusform>%n Zuordnung von %1.</numerusform>
            <numerusform>%n Zuordnungen von %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, row %2, %3: %4</source>
        <translation>%1, Zeile %2, %3: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before saving (red cells):</source>
        <translation>
            <numerusform>%n Problem vor dem Speichern beheben (rote Zellen):</numerusform>
            <numerusform>%n Probleme vor dem Speichern beheben (rote Zellen):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…und %n weiteres.</numerusform>
            <numerusform>…und %n weitere.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not mapped yet (amber rows; Orders says how many orders use each): %1. %2 Enter a target, or leave the row empty to decide later.</source>
        <translation>Noch nicht zugeordnet (gelbe Zeilen; Aufträge zeigt, wie viele Aufträge jeweils betroffen sind): %1. %2 Geben Sie ein Ziel ein oder lassen Sie die Zeile leer, um später zu entscheiden.</translation>
    </message>
    <message>
        <source>Fix the red cells first</source>
        <translation>Zuerst die roten Zellen korrigieren</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the red cells first.</source>
        <translation>Nichts wurde gespeichert: Korrigieren Sie zuerst die roten Zellen.</translation>
    </message>
    <message>
        <source>Someone else saved the mappings of %1 after you opened them (see History). Save yours anyway, replacing theirs?</source>
        <translation>Jemand anderes hat die Zuordnungen von %1 gespeichert, nachdem Sie sie geöffnet haben (siehe Historie). Ihre trotzdem speichern und die anderen ersetzen?</translation>
    </message>
    <message>
        <source>Not saved: the mappings were changed elsewhere. Revert to load their version, or Save again to replace it with yours.</source>
        <translation>Nicht gespeichert: Die Zuordnungen wurden an anderer Stelle geändert. Mit Zurücksetzen laden Sie deren Fassung, mit erneutem Speichern ersetzen Sie sie durch Ihre.</translation>
    </message>
    <message>
        <source>Could not save the mappings: %1. Nothing was changed; check the database connection and save again.</source>
        <translation>Die Zuordnungen konnten nicht gespeichert werden: %1. Nichts wurde geändert; prüfen Sie die Datenbankverbindung und speichern Sie erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n mapping(s) of %1; %2 change(s) recorded in History.</source>
        <translation>
            <numerusform>%n Zuordnung von %1 gespeichert; %2 Änderung(en) in der Historie vermerkt.</numerusform>
            <numerusform>%n Zuordnungen von %1 gespeichert; %2 Änderung(en) in der Historie vermerkt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes discarded.</source>
        <translation>Ungespeicherte Änderungen verworfen.</translation>
    </message>
    <message>
        <source>Discovering the values NetSuite used on %1&apos;s orders…</source>
        <translation>Die Werte, die NetSuite in den Aufträgen von %1 verwendet hat, werden ermittelt…</translation>
    </message>
    <message>
        <source>Discovery cancelled.</source>
        <translation>Ermittlung abgebrochen.</translation>
    </message>
    <message>
        <source>Could not read the NetSuite values: %1. Check the database connection and discover again.</source>
        <translation>Die NetSuite-Werte konnten nicht gelesen werden: %1. Prüfen Sie die Datenbankverbindung und ermitteln Sie erneut.</translation>
    </message>
    <message>
        <source>No fulfillment of channel &quot;%1&quot; is in the local cache yet: run a sync first, then discover again.</source>
        <translation>Noch keine Lieferung des Kanals „%1“ im lokalen Zwischenspeicher: Synchronisieren Sie zuerst und ermitteln Sie dann erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Found %n value(s) NetSuite used in %1 s; %2 not mapped yet were added as amber rows.</source>
        <translation>
            <numerusform>%n von NetSuite verwendeter Wert in %1 s gefunden; %2 noch nicht zugeordnete wurden als gelbe Zeilen ergänzt.</numerusform>
            <numerusform>%n von NetSuite verwendete Werte in %1 s gefunden; %2 noch nicht zugeordnete wurden als gelbe Zeilen ergänzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open %1: %2. Nothing was imported.</source>
        <translation>%1 ließ sich nicht öffnen: %2. Nichts wurde importiert.</translation>
    </message>
    <message>
        <source>%1 was not imported, nothing changed. %2</source>
        <translation>%1 wurde nicht importiert, nichts wurde geändert. %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another folder.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n mapping(s) to %1.</source>
        <translation>
            <numerusform>%n Zuordnung nach %1 exportiert.</numerusform>
            <numerusform>%n Zuordnungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import mappings</source>
        <translation>Zuordnungen importieren</translation>
    </message>
    <message>
        <source>Mappings (*.csv *.json);;All files (*)</source>
        <translation>Zuordnungen (*.csv *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export mappings</source>
        <translation>Zuordnungen exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Merge adds %1 and changes %2 row(s), and keeps every other row. Replace also removes %3 row(s) the file does not have, in the tables of the kinds it holds.

Nothing is saved until you Save.</source>
        <translation>Zusammenführen fügt %1 Zeile(n) hinzu, ändert %2 und behält alle anderen. Ersetzen entfernt außerdem %3 Zeile(n), die die Datei nicht enthält, in den Tabellen der Arten, die sie enthält.

Gespeichert wird erst mit Speichern.</translation>
    </message>
    <message>
        <source>Merge:
%1

Replace:
%2</source>
        <translation>Zusammenführen:
%1

Ersetzen:
%2</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
    <message>
        <source>%1 holds the mappings shown already; nothing changed.</source>
        <translation>%1 enthält die angezeigten Zuordnungen bereits; nichts geändert.</translation>
    </message>
    <message>
        <source>Import cancelled; nothing changed.</source>
        <translation>Import abgebrochen; nichts geändert.</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 changed, %4 removed. Check them, then Save.</source>
        <translation>%1 importiert: %2 hinzugefügt, %3 geändert, %4 entfernt. Prüfen Sie sie, dann Speichern.</translation>
    </message>
    <message>
        <source>(not mapped)</source>
        <translation>(nicht zugeordnet)</translation>
    </message>
    <message>
        <source>(no change)</source>
        <translation>(keine Änderung)</translation>
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
    <name>fulfillsync::NetSuiteReader</name>
    <message>
        <source>Asking NetSuite what changed</source>
        <translation>NetSuite wird nach Änderungen gefragt</translation>
    </message>
    <message>
        <source>More than 100,000 NetSuite rows changed at %1; SuiteQL cannot page past that. Narrow the first pass with a later start date.</source>
        <translation>Mehr als 100.000 NetSuite-Zeilen wurden zum Zeitpunkt %1 geändert; SuiteQL kann nicht darüber hinaus blättern. Grenzen Sie den ersten Lauf mit einem späteren Startdatum ein.</translation>
    </message>
    <message>
        <source>Reading sales orders from NetSuite</source>
        <translation>Aufträge werden aus NetSuite gelesen</translation>
    </message>
    <message>
        <source>Could not store sales orders: %1</source>
        <translation>Die Aufträge konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Reading item fulfillments from NetSuite</source>
        <translation>Lieferungen werden aus NetSuite gelesen</translation>
    </message>
    <message>
        <source>Could not store fulfillments: %1</source>
        <translation>Die Lieferungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Reading kit members from NetSuite</source>
        <translation>Set-Bestandteile werden aus NetSuite gelesen</translation>
    </message>
    <message>
        <source>Could not store kit members: %1</source>
        <translation>Die Set-Bestandteile konnten nicht gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n NetSuite row(s) could not be read (%1); the watermark stays at %2 so they are read again on the next run.</source>
        <translation>
            <numerusform>%n NetSuite-Zeile konnte nicht gelesen werden (%1); der Lesestand bleibt auf %2, damit sie beim nächsten Lauf erneut gelesen wird.</numerusform>
            <numerusform>%n NetSuite-Zeilen konnten nicht gelesen werden (%1); der Lesestand bleibt auf %2, damit sie beim nächsten Lauf erneut gelesen werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>the start</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1: %L2 rows read</source>
        <translation>%1: %L2 Zeilen gelesen</translation>
    </message>
    <message>
        <source>%1: %L2 of %L3 rows read</source>
        <translation>%1: %L2 von %L3 Zeilen gelesen</translation>
    </message>
    <message>
        <source>%1, less than a minute left</source>
        <translation>%1, noch weniger als eine Minute</translation>
    </message>
    <message numerus="yes">
        <source>%1, about %n minute(s) left</source>
        <translation>
            <numerusform>%1, noch etwa %n Minute</numerusform>
            <numerusform>%1, noch etwa %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the stored orders: %1</source>
        <translation>Die gespeicherten Aufträge konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>NetSuite did not answer the check for changes (%1); the whole window was read.</source>
        <translation>NetSuite hat die Prüfung auf Änderungen nicht beantwortet (%1); das ganze Zeitfenster wurde gelesen.</translation>
    </message>
    <message>
        <source>This worker no longer holds the connector&apos;s lease; what it read was not stored.</source>
        <translation>Dieser Prozess hält die Lease des Konnektors nicht mehr; was er gelesen hat, wurde nicht gespeichert.</translation>
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
        <translation>Erklärung – Konnektor %1</translation>
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
    <message>
        <source>Resol&amp;ve…</source>
        <translation>&amp;Klären…</translation>
    </message>
    <message>
        <source>Close the flag of a fulfillment changed in NetSuite after it was pushed, with a reason kept in the history. Nothing is sent.</source>
        <translation>Schließt die Markierung einer Lieferung, die nach der Übertragung in NetSuite geändert wurde; der Grund wird im Verlauf festgehalten. Es wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Resolve flagged fulfillments</source>
        <translation>Markierte Lieferungen klären</translation>
    </message>
    <message>
        <source>Why is this settled? (For example: &quot;refunded in Shopify by hand&quot;.) The reason is kept in the history.</source>
        <translation>Warum ist das erledigt? (Zum Beispiel: „in Shopify von Hand erstattet“.) Der Grund wird im Verlauf festgehalten.</translation>
    </message>
    <message>
        <source>the app&apos;s user</source>
        <translation>der Benutzer der App</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Klären</translation>
    </message>
    <message>
        <source>NetSuite · sent · channel</source>
        <translation>NetSuite · gesendet · Kanal</translation>
    </message>
    <message>
        <source>Lines and Explain</source>
        <translation>Positionen und Erklärung</translation>
    </message>
</context>
<context>
    <name>fulfillsync::OrderTableModel</name>
    <message>
        <source>Not eligible</source>
        <translation>Nicht vorgesehen</translation>
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
    <name>fulfillsync::PagedTableModel</name>
    <message>
        <source>Click to sort by %1</source>
        <translation>Klicken, um nach %1 zu sortieren</translation>
    </message>
    <message>
        <source>%1 (not sortable: no index on this column)</source>
        <translation>%1 (nicht sortierbar: kein Index auf dieser Spalte)</translation>
    </message>
</context>
<context>
    <name>fulfillsync::PassPreview</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>The next pass would push %1 fulfillment(s), adopt %2 another tool already put in the channel, and send nothing for %3.</source>
        <translation>Der nächste Lauf würde %1 Lieferung(en) übertragen, %2 übernehmen, die ein anderes Werkzeug bereits in den Kanal gestellt hat, und für %3 nichts senden.</translation>
    </message>
    <message>
        <source>Would push:</source>
        <translation>Würde übertragen:</translation>
    </message>
    <message>
        <source>Would adopt (already in the channel, never sent again):</source>
        <translation>Würde übernehmen (bereits im Kanal, nie erneut gesendet):</translation>
    </message>
    <message>
        <source>Would send nothing:</source>
        <translation>Würde nichts senden:</translation>
    </message>
    <message>
        <source>The dry run could not start: %1</source>
        <translation>Der Probelauf konnte nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>fulfillsync::RecentFailureModel</name>
    <message>
        <source>Double-click or press Enter to open order %1.</source>
        <translation>Doppelklicken oder Eingabe drücken, um Auftrag %1 zu öffnen.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ReconcileAlert</name>
    <message>
        <source>No mail server is set up (Settings › Alerts).</source>
        <translation>Es ist kein Mailserver eingerichtet (Einstellungen › Benachrichtigungen).</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ReconcileRun</name>
    <message>
        <source>Could not read the local copy of NetSuite: %1</source>
        <translation>Die lokale Kopie von NetSuite konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the channel did not answer</source>
        <translation>der Kanal hat nicht geantwortet</translation>
    </message>
    <message>
        <source>There is no reconciliation run %1.</source>
        <translation>Es gibt keinen Abgleichslauf %1.</translation>
    </message>
    <message>
        <source>Reconciliation run %1 is not one of %2.</source>
        <translation>Abgleichslauf %1 gehört nicht zu %2.</translation>
    </message>
    <message>
        <source>Reconciliation run %1 has finished; there is nothing to resume.</source>
        <translation>Abgleichslauf %1 ist abgeschlossen; es gibt nichts fortzusetzen.</translation>
    </message>
    <message>
        <source>Could not record the reconciliation run: %1</source>
        <translation>Der Abgleichslauf konnte nicht vermerkt werden: %1</translation>
    </message>
    <message>
        <source>The run&apos;s progress could not be kept: %1</source>
        <translation>Der Fortschritt des Laufs konnte nicht festgehalten werden: %1</translation>
    </message>
    <message>
        <source>The bulk export was not used (%1); the orders were read by id instead.</source>
        <translation>Der Bulk-Export wurde nicht verwendet (%1); die Aufträge wurden stattdessen einzeln über ihre ID gelesen.</translation>
    </message>
    <message>
        <source>The order names no channel order.</source>
        <translation>Der Auftrag nennt keinen Kanalauftrag.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ReconcileScheduleDialog</name>
    <message>
        <source>Nightly reconciliation of %1</source>
        <translation>Nächtlicher Abgleich von %1</translation>
    </message>
    <message>
        <source>&amp;Reconcile every night</source>
        <translation>&amp;Jede Nacht abgleichen</translation>
    </message>
    <message>
        <source>Time of the nightly reconciliation</source>
        <translation>Uhrzeit des nächtlichen Abgleichs</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Days reconciled each night</source>
        <translation>Jede Nacht abgeglichene Tage</translation>
    </message>
    <message>
        <source>Runs in whichever fulfillsync worker or window on this database claims the night first, at most once a night.</source>
        <translation>Läuft höchstens einmal pro Nacht, und zwar dort, wo sich ein fulfillsync-Prozess oder -Fenster an dieser Datenbank die Nacht zuerst sichert.</translation>
    </message>
    <message>
        <source>&amp;At (local time):</source>
        <translation>&amp;Um (Ortszeit):</translation>
    </message>
    <message>
        <source>&amp;Over the last:</source>
        <translation>Über die &amp;letzten:</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ReconciliationPage</name>
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Connector to reconcile</source>
        <translation>Abzugleichender Konnektor</translation>
    </message>
    <message>
        <source>Reconcile from</source>
        <translation>Abgleich ab</translation>
    </message>
    <message>
        <source>Reconcile to</source>
        <translation>Abgleich bis</translation>
    </message>
    <message>
        <source>&amp;Run reconciliation</source>
        <translation>Abgleich &amp;starten</translation>
    </message>
    <message>
        <source>Read every order of this connector with an item fulfillment shipped in the range back from the channel and compare it with NetSuite and the ledger. Nothing is sent.</source>
        <translation>Jeden Auftrag dieses Konnektors mit einer im Zeitraum versandten Lieferung aus dem Kanal zurücklesen und mit NetSuite und dem Journal vergleichen. Es wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Reconciliation progress</source>
        <translation>Fortschritt des Abgleichs</translation>
    </message>
    <message>
        <source>%v of %m orders</source>
        <translation>%v von %m Aufträgen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop reading; what was read so far is kept.</source>
        <translation>Das Lesen beenden; was bisher gelesen wurde, bleibt erhalten.</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Fo&amp;rtsetzen</translation>
    </message>
    <message>
        <source>Go on with the last run of this connector where it stopped: only the orders it had not read yet are read</source>
        <translation>Den letzten Lauf dieses Konnektors dort fortsetzen, wo er angehalten hat: Nur die noch nicht gelesenen Aufträge werden gelesen</translation>
    </message>
    <message>
        <source>Last reconciliation run</source>
        <translation>Letzter Abgleichslauf</translation>
    </message>
    <message>
        <source>Nightly reconciliation</source>
        <translation>Nächtlicher Abgleich</translation>
    </message>
    <message>
        <source>Sc&amp;hedule…</source>
        <translation>&amp;Zeitplan…</translation>
    </message>
    <message>
        <source>When this connector is reconciled by itself each night</source>
        <translation>Wann dieser Konnektor jede Nacht von selbst abgeglichen wird</translation>
    </message>
    <message>
        <source>Co&amp;nnector:</source>
        <translation>Ko&amp;nnektor:</translation>
    </message>
    <message>
        <source>Shipped fr&amp;om</source>
        <translation>Versandt v&amp;om</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>b&amp;is</translation>
    </message>
    <message>
        <source>&amp;Push what is missing</source>
        <translation>Fehlendes über&amp;tragen</translation>
    </message>
    <message>
        <source>Send trac&amp;king again</source>
        <translation>Sendungsnummern &amp;erneut senden</translation>
    </message>
    <message>
        <source>&amp;Flag…</source>
        <translation>&amp;Markieren…</translation>
    </message>
    <message>
        <source>Re&amp;solve…</source>
        <translation>Er&amp;ledigen…</translation>
    </message>
    <message>
        <source>Open or&amp;der</source>
        <translation>Auftrag ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show the order in Sales Orders, with its three-way view</source>
        <translation>Den Auftrag unter „Aufträge“ zeigen, mit seiner Dreiwegeansicht</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Als &amp;PDF speichern…</translation>
    </message>
    <message>
        <source>A printable report of the connector and checked range the filters show: totals per verdict, then every row that did not match</source>
        <translation>Ein druckbarer Bericht über den Konnektor und den geprüften Zeitraum, die die Filter zeigen: Summen je Befund, dann jede nicht übereinstimmende Zeile</translation>
    </message>
    <message>
        <source>Reconciliation message</source>
        <translation>Abgleichsmeldung</translation>
    </message>
    <message>
        <source>Save the reconciliation report</source>
        <translation>Abgleichsbericht speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Not reconciled yet</source>
        <translation>Noch nicht abgeglichen</translation>
    </message>
    <message numerus="yes">
        <source>finished, %n not matched</source>
        <translation>
            <numerusform>abgeschlossen, %n nicht übereinstimmend</numerusform>
            <numerusform>abgeschlossen, %n nicht übereinstimmend</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled after %1 of %2 orders</source>
        <translation>abgebrochen nach %1 von %2 Aufträgen</translation>
    </message>
    <message>
        <source>failed after %1 of %2 orders</source>
        <translation>fehlgeschlagen nach %1 von %2 Aufträgen</translation>
    </message>
    <message>
        <source>running, %1 of %2 orders</source>
        <translation>läuft, %1 von %2 Aufträgen</translation>
    </message>
    <message>
        <source>Last run %1: %2</source>
        <translation>Letzter Lauf %1: %2</translation>
    </message>
    <message>
        <source>connector %1</source>
        <translation>Konnektor %1</translation>
    </message>
    <message numerus="yes">
        <source>Nightly at %1 over the last %n day(s)</source>
        <translation>
            <numerusform>Nächtlich um %1 über %n Tag</numerusform>
            <numerusform>Nächtlich um %1 über die letzten %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>No nightly reconciliation</source>
        <translation>Kein nächtlicher Abgleich</translation>
    </message>
    <message>
        <source>The schedule could not be saved: %1</source>
        <translation>Der Zeitplan konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>There is no channel connector to reconcile. Add one under Connectors.</source>
        <translation>Es gibt keinen Kanal-Konnektor zum Abgleichen. Legen Sie unter Konnektoren einen an.</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>Der Zeitraum endet, bevor er beginnt.</translation>
    </message>
    <message>
        <source>Reconciling %1: reading the orders shipped %2 to %3 back from the channel…</source>
        <translation>Abgleich von %1: Die von %2 bis %3 versandten Aufträge werden aus dem Kanal zurückgelesen…</translation>
    </message>
    <message>
        <source>The reconciliation of %1 could not run: %2</source>
        <translation>Der Abgleich von %1 konnte nicht laufen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, shipped %2 to %3: %n order(s) compared</source>
        <translation>
            <numerusform>%1, versandt %2 bis %3: %n Auftrag verglichen</numerusform>
            <numerusform>%1, versandt %2 bis %3: %n Aufträge verglichen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fulfillment(s) matched</source>
        <translation>
            <numerusform>%n Lieferung stimmt überein</numerusform>
            <numerusform>%n Lieferungen stimmen überein</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n did not.</source>
        <translation>
            <numerusform>%n nicht.</numerusform>
            <numerusform>%n nicht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) could not be read from the channel: unknown, not matched.</source>
        <translation>
            <numerusform>%n Auftrag konnte nicht aus dem Kanal gelesen werden: unbekannt, nicht übereinstimmend.</numerusform>
            <numerusform>%n Aufträge konnten nicht aus dem Kanal gelesen werden: unbekannt, nicht übereinstimmend.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The readings of %n order(s) could not be stored.</source>
        <translation>
            <numerusform>Die Ablesungen von %n Auftrag konnten nicht gespeichert werden.</numerusform>
            <numerusform>Die Ablesungen von %n Aufträgen konnten nicht gespeichert werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the orders not read yet were left out.</source>
        <translation>Abgebrochen: Die noch nicht gelesenen Aufträge wurden ausgelassen.</translation>
    </message>
    <message>
        <source>The alert could not be sent: %1</source>
        <translation>Die Benachrichtigung konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>Select a row of the table first.</source>
        <translation>Wählen Sie zuerst eine Zeile der Tabelle.</translation>
    </message>
    <message>
        <source>Resync %1 through the outbox: it pushes what the ledger does not show as sent; what the ledger shows as sent is replayed, reading the channel back first. Never a second copy.</source>
        <translation>%1 über die Ausgangswarteschlange neu synchronisieren: Übertragen wird, was laut Journal nicht gesendet ist; was laut Journal gesendet ist, wird erneut gesendet, nachdem zuerst der Kanal zurückgelesen wurde. Nie eine zweite Kopie.</translation>
    </message>
    <message>
        <source>Only for a fulfillment missing in the channel or with other quantities there; this row is: %1.</source>
        <translation>Nur für eine Lieferung, die im Kanal fehlt oder dort andere Mengen hat; diese Zeile ist: %1.</translation>
    </message>
    <message>
        <source>Resync %1 and send NetSuite&apos;s tracking numbers of %2 to the channel again, as a tracking update through the outbox.</source>
        <translation>%1 neu synchronisieren und die Sendungsnummern von %2 aus NetSuite erneut an den Kanal senden, als Aktualisierung der Sendungsnummern über die Ausgangswarteschlange.</translation>
    </message>
    <message>
        <source>Only for a fulfillment whose tracking numbers differ in the channel; this row is: %1.</source>
        <translation>Nur für eine Lieferung, deren Sendungsnummern im Kanal abweichen; diese Zeile ist: %1.</translation>
    </message>
    <message>
        <source>Only for an extra: a channel fulfillment no item fulfillment explains; this row is: %1.</source>
        <translation>Nur für „Zusätzlich im Kanal“: eine Kanal-Lieferung, für die es keine erklärende Lieferung gibt; diese Zeile ist: %1.</translation>
    </message>
    <message>
        <source>Mark channel fulfillment %1 for a closer look, with a reason</source>
        <translation>Kanal-Lieferung %1 mit einer Begründung zur genaueren Prüfung markieren</translation>
    </message>
    <message>
        <source>Accept channel fulfillment %1 as it is (made by hand, by another tool …), with a reason; kept across new readings</source>
        <translation>Kanal-Lieferung %1 so akzeptieren, wie sie ist (von Hand angelegt, von einem anderen Werkzeug …), mit einer Begründung; bleibt über neue Ablesungen hinweg bestehen</translation>
    </message>
    <message>
        <source>%1: %2 Run the reconciliation again to see the result.</source>
        <translation>%1: %2 Führen Sie den Abgleich erneut aus, um das Ergebnis zu sehen.</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Markieren</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Erledigen</translation>
    </message>
    <message>
        <source>Why does channel fulfillment %1 of %2 need a closer look?</source>
        <translation>Warum muss Kanal-Lieferung %1 von %2 genauer geprüft werden?</translation>
    </message>
    <message>
        <source>Why is channel fulfillment %1 of %2 fine as it is?</source>
        <translation>Warum ist Kanal-Lieferung %1 von %2 in Ordnung, so wie sie ist?</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>unbekannter Benutzer</translation>
    </message>
    <message>
        <source>The decision could not be stored: %1</source>
        <translation>Die Entscheidung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Flagged %1; the reason stays with it through new readings.</source>
        <translation>%1 markiert; der Grund bleibt über neue Ablesungen hinweg erhalten.</translation>
    </message>
    <message>
        <source>Resolved %1; the reason stays with it through new readings.</source>
        <translation>%1 erledigt; der Grund bleibt über neue Ablesungen hinweg erhalten.</translation>
    </message>
    <message>
        <source>%1 (database user %2)</source>
        <translation>%1 (Datenbankbenutzer %2)</translation>
    </message>
    <message>
        <source>The readings could not be read: %1</source>
        <translation>Die Ablesungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Saved the report to %1.</source>
        <translation>Bericht unter %1 gespeichert.</translation>
    </message>
    <message>
        <source>The report was not saved: %1</source>
        <translation>Der Bericht wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ReconciliationTableModel</name>
    <message>
        <source>Matched</source>
        <translation>Stimmt überein</translation>
    </message>
    <message>
        <source>Missing in the channel</source>
        <translation>Fehlt im Kanal</translation>
    </message>
    <message>
        <source>Quantity differs</source>
        <translation>Menge weicht ab</translation>
    </message>
    <message>
        <source>Tracking differs</source>
        <translation>Sendungsnummern weichen ab</translation>
    </message>
    <message>
        <source>Extra in the channel</source>
        <translation>Zusätzlich im Kanal</translation>
    </message>
    <message>
        <source>Order cancelled or closed in the channel</source>
        <translation>Auftrag im Kanal storniert oder geschlossen</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>%1 (database user %2)</source>
        <translation>%1 (Datenbankbenutzer %2)</translation>
    </message>
    <message>
        <source>%1: %2 — %3, %4</source>
        <translation>%1: %2 — %3, %4</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Channel order</source>
        <translation>Kanalauftrag</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Item fulfillment</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>Channel fulfillment</source>
        <translation>Kanal-Lieferung</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Erledigung</translation>
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
        <translation>Neue Konnektoren synchronisieren &amp;alle:</translation>
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
    <message>
        <source>Ale&amp;rts</source>
        <translation>Benachrichti&amp;gungen</translation>
    </message>
    <message>
        <source>Testing the connection to NetSuite account %1…</source>
        <translation>Teste die Verbindung zum NetSuite-Konto %1 …</translation>
    </message>
    <message>
        <source>Testing the database before saving…</source>
        <translation>Die Datenbank wird vor dem Speichern getestet…</translation>
    </message>
    <message>
        <source>Not saved: this database did not pass the test. %1</source>
        <translation>Nicht gespeichert: Diese Datenbank hat den Test nicht bestanden. %1</translation>
    </message>
    <message>
        <source>Settings — Demo</source>
        <translation>Einstellungen — Demo</translation>
    </message>
    <message>
        <source>Demo: a database of its own, deleted when it closes</source>
        <translation>Demo: eine eigene Datenbank, die beim Schließen gelöscht wird</translation>
    </message>
    <message>
        <source>Demo: these settings are the demo&apos;s own. Nothing set here changes the real fulfillsync&apos;s settings or database.</source>
        <translation>Demo: Diese Einstellungen gehören allein der Demo. Nichts, was Sie hier einstellen, ändert die Einstellungen oder die Datenbank des echten fulfillsync.</translation>
    </message>
    <message>
        <source>Demo note</source>
        <translation>Demo-Hinweis</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ShipStationApi</name>
    <message>
        <source>The 3PL&apos;s shipment list could not be read.</source>
        <translation>Die Sendungsliste des 3PL konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Shipment %1 has an item without a readable quantity.</source>
        <translation>Sendung %1 hat eine Position ohne lesbare Menge.</translation>
    </message>
    <message>
        <source>The 3PL sent a shipment without an id or a creation time, or with items that cannot be read.</source>
        <translation>Der 3PL hat eine Sendung ohne ID oder Erstellungszeit oder mit unlesbaren Positionen geschickt.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ShipmentPlanner</name>
    <message>
        <source>The 3PL reported shipment %1 without items.</source>
        <translation>Der 3PL hat Sendung %1 ohne Positionen gemeldet.</translation>
    </message>
    <message>
        <source>Shipment %1 ships &quot;%2&quot; (line key &quot;%3&quot;), which is not a line of %4.</source>
        <translation>Sendung %1 versendet „%2“ (Zeilenschlüssel „%3“), das keine Zeile von %4 ist.</translation>
    </message>
    <message>
        <source>Shipment %1 ships %2 of %3 on %4, but only %5 are left to fulfil. Someone may have fulfilled it in NetSuite already.</source>
        <translation>Sendung %1 versendet %2 × %3 aus %4, offen sind aber nur noch %5. Vielleicht hat jemand sie in NetSuite schon erfüllt.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ShopifyConnection</name>
    <message>
        <source>Reading the Shopify order failed: %1</source>
        <translation>Das Lesen des Shopify-Auftrags ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Shopify kept answering &quot;too many requests&quot; (%n attempt(s)); nothing was executed.</source>
        <translation>
            <numerusform>Shopify hat weiterhin „too many requests“ geantwortet (%n Versuch); nichts wurde ausgeführt.</numerusform>
            <numerusform>Shopify hat weiterhin „too many requests“ geantwortet (%n Versuche); nichts wurde ausgeführt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shopify kept answering THROTTLED (%n attempt(s)); nothing was executed.</source>
        <translation>
            <numerusform>Shopify hat weiterhin THROTTLED geantwortet (%n Versuch); nichts wurde ausgeführt.</numerusform>
            <numerusform>Shopify hat weiterhin THROTTLED geantwortet (%n Versuche); nichts wurde ausgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>the bulk export could not be started (%1)</source>
        <translation>der Bulk-Export konnte nicht gestartet werden (%1)</translation>
    </message>
    <message>
        <source>another bulk export of this app runs on the store</source>
        <translation>ein anderer Bulk-Export dieser App läuft im Shop</translation>
    </message>
    <message>
        <source>the bulk export&apos;s state could not be read (%1)</source>
        <translation>der Status des Bulk-Exports konnte nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>the bulk export ended %1 %2</source>
        <translation>der Bulk-Export endete mit %1 %2</translation>
    </message>
    <message>
        <source>Shopify denied this app the bulk export of orders (ACCESS_DENIED: an access scope is missing).</source>
        <translation>Shopify hat dieser App den Bulk-Export von Aufträgen verweigert (ACCESS_DENIED: eine Zugriffsberechtigung fehlt).</translation>
    </message>
    <message>
        <source>the bulk export&apos;s file could not be fetched (%1)</source>
        <translation>die Datei des Bulk-Exports konnte nicht abgerufen werden (%1)</translation>
    </message>
    <message>
        <source>The reconciliation was cancelled before this order was read.</source>
        <translation>Der Abgleich wurde abgebrochen, bevor dieser Auftrag gelesen wurde.</translation>
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
    <name>fulfillsync::SyncPass</name>
    <message>
        <source>%1 is %2 in NetSuite now; a replay never sends what has not shipped.</source>
        <translation>%1 ist in NetSuite jetzt %2; erneutes Senden überträgt nie, was nicht versandt ist.</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>storniert</translation>
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
        <source>Shopify refused the tracking update: %1</source>
        <translation>Shopify hat die Aktualisierung der Sendungsnummern abgelehnt: %1</translation>
    </message>
    <message>
        <source>Updated the tracking numbers of Shopify fulfillment %1 to %2.</source>
        <translation>Sendungsnummern der Shopify-Lieferung %1 auf %2 aktualisiert.</translation>
    </message>
    <message>
        <source>Already in Shopify as fulfillment %1 (found by reading back after an unconfirmed earlier attempt); nothing sent.</source>
        <translation>Bereits in Shopify als Lieferung %1 (gefunden durch Zurücklesen nach einem unbestätigten früheren Versuch); nichts gesendet.</translation>
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
        <source>Shopify refused the fulfillment: %1</source>
        <translation>Shopify hat die Lieferung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Pushing %1</source>
        <translation>%1 wird übertragen</translation>
    </message>
    <message numerus="yes">
        <source>Created Shopify fulfillment %1 with %n tracking number(s).</source>
        <translation>
            <numerusform>Shopify-Lieferung %1 mit %n Sendungsnummer angelegt.</numerusform>
            <numerusform>Shopify-Lieferung %1 mit %n Sendungsnummern angelegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pushing to %1</source>
        <translation>Übertragung an %1</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>Shopify answered the create with %1, and reading it back failed: %2. Nothing more was sent; it is read back again on the next run.</source>
        <translation>Shopify hat auf das Anlegen mit %1 geantwortet, und das Zurücklesen ist fehlgeschlagen: %2. Es wurde nichts weiter gesendet; beim nächsten Lauf wird erneut zurückgelesen.</translation>
    </message>
    <message>
        <source>Could not read the order in Shopify: %1. Nothing was sent.</source>
        <translation>Der Auftrag in Shopify konnte nicht gelesen werden: %1. Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Could not check Shopify for an earlier unconfirmed push: %1. Nothing was sent; it is checked again on the next run.</source>
        <translation>Shopify konnte nicht auf eine frühere, unbestätigte Übertragung geprüft werden: %1. Nichts wurde gesendet; beim nächsten Lauf wird erneut geprüft.</translation>
    </message>
    <message>
        <source>Could not tell whether %1 reached Shopify: %2. Nothing was sent; it is read back again on the next run.</source>
        <translation>Ob %1 Shopify erreicht hat, ließ sich nicht feststellen: %2. Nichts wurde gesendet; beim nächsten Lauf wird erneut zurückgelesen.</translation>
    </message>
    <message>
        <source>Created Shopify fulfillment %1: Shopify answered %2, and reading back shows it there.</source>
        <translation>Shopify-Lieferung %1 angelegt: Shopify hat mit %2 geantwortet, und das Zurücklesen zeigt sie dort.</translation>
    </message>
    <message>
        <source>Already in Shopify as fulfillment %1 (checked live before the replay); nothing sent.</source>
        <translation>Bereits in Shopify als Lieferung %1 (vor dem erneuten Senden live geprüft); nichts gesendet.</translation>
    </message>
    <message>
        <source>Shopify answered the create with %1 and does not show the fulfillment yet. Nothing more was sent; the next run reads back again before sending.</source>
        <translation>Shopify hat auf das Anlegen mit %1 geantwortet und zeigt die Lieferung noch nicht an. Es wurde nichts weiter gesendet; der nächste Lauf liest vor dem Senden erneut zurück.</translation>
    </message>
    <message>
        <source>Shopify did not confirm the tracking update (%1); it is sent again on a later run.</source>
        <translation>Shopify hat die Aktualisierung der Sendungsnummern nicht bestätigt (%1); sie wird bei einem späteren Lauf erneut gesendet.</translation>
    </message>
    <message>
        <source>Cancelled before Shopify confirmed the fulfillment; the next run reads back before anything is sent again.</source>
        <translation>Abgebrochen, bevor Shopify die Lieferung bestätigt hat; der nächste Lauf liest zurück, bevor erneut etwas gesendet wird.</translation>
    </message>
    <message>
        <source>Shopify answered the create with %1; cancelled before it was read back. The next run reads back before anything is sent again.</source>
        <translation>Shopify hat auf das Anlegen mit %1 geantwortet; vor dem Zurücklesen abgebrochen. Der nächste Lauf liest zurück, bevor erneut etwas gesendet wird.</translation>
    </message>
    <message>
        <source>Cancelled before anything was sent; the next run takes it up again.</source>
        <translation>Abgebrochen, bevor etwas gesendet wurde; der nächste Lauf nimmt es wieder auf.</translation>
    </message>
    <message>
        <source>Cancelled before anything was sent.</source>
        <translation>Abgebrochen, bevor etwas gesendet wurde.</translation>
    </message>
    <message>
        <source>Shopify shows %1 fulfilled in part or whole, and not all of the order&apos;s fulfillments could be read to tell whether another tool made it. Nothing was sent; it is tried again on the next run.</source>
        <translation>Shopify zeigt %1 ganz oder teilweise als erfüllt, und nicht alle Lieferungen des Auftrags konnten gelesen werden, um zu erkennen, ob ein anderes Werkzeug sie angelegt hat. Nichts wurde gesendet; der nächste Lauf versucht es erneut.</translation>
    </message>
    <message>
        <source>no tracking; recognised by its lines and quantities</source>
        <translation>ohne Sendungsnummer; an Positionen und Mengen erkannt</translation>
    </message>
    <message>
        <source>tracking %1</source>
        <translation>Sendungsnummer %1</translation>
    </message>
    <message>
        <source>Adopted Shopify fulfillment %1 made by another tool (%2); nothing sent.</source>
        <translation>Shopify-Lieferung %1 eines anderen Werkzeugs übernommen (%2); nichts gesendet.</translation>
    </message>
    <message>
        <source>Another worker is recording this fulfillment right now.</source>
        <translation>Ein anderer Prozess vermerkt diese Lieferung gerade.</translation>
    </message>
    <message>
        <source>Could not record the adopted fulfillment: %1. Nothing was sent.</source>
        <translation>Die übernommene Lieferung konnte nicht vermerkt werden: %1. Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Would adopt Shopify fulfillment %1 made by another tool (%2); nothing would be sent.</source>
        <translation>Würde die Shopify-Lieferung %1 eines anderen Werkzeugs übernehmen (%2); nichts würde gesendet.</translation>
    </message>
    <message>
        <source>%1 may already be in Shopify, made by another tool: fulfillments %2 could each be it. Nothing was sent. Read the channel (order pane: Read the channel now) and choose which one it is in the Inbox (Adopt…), or resolve it.</source>
        <translation>%1 ist vielleicht schon in Shopify, von einem anderen Werkzeug angelegt: Jede der Lieferungen %2 könnte es sein. Nichts wurde gesendet. Lesen Sie den Kanal (Auftragsdetails: „Kanal jetzt lesen“) und wählen Sie im Eingang (Übernehmen…), welche es ist, oder erledigen Sie den Eintrag.</translation>
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
        <translation>Kein aktiver Konnektor zum Synchronisieren. Fügen Sie unter „Konnektoren“ einen hinzu oder aktivieren Sie einen.</translation>
    </message>
    <message>
        <source>Connector %1 does not exist.</source>
        <translation>Konnektor %1 existiert nicht.</translation>
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
        <translation>Das Zugriffstoken von Konnektor %1 fehlt. Geben Sie es unter „Konnektoren“ ein.</translation>
    </message>
    <message>
        <source>Could not take the connector&apos;s lease: %1</source>
        <translation>Die Sperre des Konnektors konnte nicht übernommen werden: %1</translation>
    </message>
    <message>
        <source>%1 is being synced by another fulfillsync worker (%2); this run was skipped.</source>
        <translation>%1 wird gerade von einem anderen fulfillsync-Worker synchronisiert (%2); dieser Lauf wurde übersprungen.</translation>
    </message>
    <message numerus="yes">
        <source>The pass ran longer than %n minute(s) and was stopped. What it read and sent is kept; the next pass goes on from there.</source>
        <translation>
            <numerusform>Der Lauf dauerte länger als %n Minute und wurde beendet. Was er gelesen und gesendet hat, bleibt erhalten; der nächste Lauf macht dort weiter.</numerusform>
            <numerusform>Der Lauf dauerte länger als %n Minuten und wurde beendet. Was er gelesen und gesendet hat, bleibt erhalten; der nächste Lauf macht dort weiter.</numerusform>
        </translation>
    </message>
    <message>
        <source>No enabled connector handles these orders: no connector has their channel and no 3PL connector has them.</source>
        <translation>Kein aktiver Konnektor ist für diese Aufträge zuständig: Kein Konnektor hat ihren Kanal, und kein 3PL-Konnektor hat sie.</translation>
    </message>
    <message>
        <source>Could not read what is still owed: %1</source>
        <translation>Es konnte nicht gelesen werden, was noch aussteht: %1</translation>
    </message>
    <message>
        <source>%1 is a 3PL connector: there is no channel to reconcile with.</source>
        <translation>%1 ist ein 3PL-Konnektor: Es gibt keinen Kanal zum Abgleichen.</translation>
    </message>
    <message>
        <source>The reconciliation needs a date range whose end is not before its start.</source>
        <translation>Der Abgleich braucht einen Zeitraum, dessen Ende nicht vor seinem Beginn liegt.</translation>
    </message>
    <message>
        <source>A reconciliation of %1 is already under way.</source>
        <translation>Ein Abgleich von %1 läuft bereits.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::TableFilterBar</name>
    <message>
        <source>Filter sales orders</source>
        <translation>Kundenaufträge filtern</translation>
    </message>
    <message>
        <source>Filter sync history</source>
        <translation>Synchronisierungsverlauf filtern</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Any NetSuite status</source>
        <translation>Jeder NetSuite-Status</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <source>Any trigger</source>
        <translation>Jeder Auslöser</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Sync-Status</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>NetSuite status</source>
        <translation>NetSuite-Status</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>Jeder Kanal</translation>
    </message>
    <message>
        <source>Any connector</source>
        <translation>Jeder Konnektor</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Ab Datum</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Bis Datum</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Ab</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Order, customer, channel order or tracking (Ctrl+F)</source>
        <translation>Auftrag, Kunde, Kanalauftrag oder Sendungsnummer (Strg+F)</translation>
    </message>
    <message>
        <source>Order, fulfillment, message or tracking (Ctrl+F)</source>
        <translation>Auftrag, Lieferung, Meldung oder Sendungsnummer (Strg+F)</translation>
    </message>
    <message>
        <source>Order, fulfillment, message or resolution (Ctrl+F)</source>
        <translation>Auftrag, Lieferung, Meldung oder Erledigung (Strg+F)</translation>
    </message>
    <message>
        <source>Filter the inbox</source>
        <translation>Eingang filtern</translation>
    </message>
    <message>
        <source>Inbox state</source>
        <translation>Stand im Eingang</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Any problem</source>
        <translation>Jedes Problem</translation>
    </message>
    <message>
        <source>Order, channel order, customer, fulfillment or detail (Ctrl+F)</source>
        <translation>Auftrag, Kanalauftrag, Kunde, Lieferung oder Detail (Strg+F)</translation>
    </message>
    <message>
        <source>Filter the reconciliation</source>
        <translation>Abgleich filtern</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Jeder Befund</translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation>Nicht übereinstimmend</translation>
    </message>
</context>
<context>
    <name>fulfillsync::TablePanel</name>
    <message>
        <source>Saved views</source>
        <translation>Gespeicherte Ansichten</translation>
    </message>
    <message>
        <source>Saved views: filters, sort and columns</source>
        <translation>Gespeicherte Ansichten: Filter, Sortierung und Spalten</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Ansicht speichern …</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Export the rows of this view as CSV (Ctrl+Shift+E)</source>
        <translation>Die Zeilen dieser Ansicht als CSV exportieren (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>Copy row as JSON</source>
        <translation>Zeile als JSON kopieren</translation>
    </message>
    <message>
        <source>Rows in this view</source>
        <translation>Zeilen in dieser Ansicht</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>%L1 rows</source>
        <translation>%L1 Zeilen</translation>
    </message>
    <message>
        <source>at least %L1 rows…</source>
        <translation>mindestens %L1 Zeilen …</translation>
    </message>
    <message>
        <source>%1 cannot be sorted; sort by a column with an index instead.</source>
        <translation>%1 kann nicht sortiert werden; sortieren Sie nach einer Spalte mit Index.</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>View &quot;%1&quot; saved.</source>
        <translation>Ansicht „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>View &quot;%1&quot; deleted.</source>
        <translation>Ansicht „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Name of this view (filters, sort and columns):</source>
        <translation>Name dieser Ansicht (Filter, Sortierung und Spalten):</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Include the recorded requests and responses? They are redacted (no tokens or secrets) but can make the file large.</source>
        <translation>Die aufgezeichneten Anfragen und Antworten einschließen? Sie sind geschwärzt (keine Token oder Geheimnisse), können die Datei aber groß machen.</translation>
    </message>
    <message>
        <source>Nothing to copy yet: select a row that has loaded.</source>
        <translation>Noch nichts zu kopieren: Wählen Sie eine geladene Zeile.</translation>
    </message>
    <message>
        <source>Row copied as JSON.</source>
        <translation>Zeile als JSON kopiert.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ThreePlOrderSender</name>
    <message>
        <source>Reading released orders from NetSuite</source>
        <translation>Freigegebene Aufträge werden aus NetSuite gelesen</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Could not read the released orders from NetSuite: %1</source>
        <translation>Die freigegebenen Aufträge konnten nicht aus NetSuite gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1: the 3PL takes whole quantities only; line %2 has %3 left.</source>
        <translation>%1: Der 3PL nimmt nur ganze Mengen; in Zeile %2 sind noch %3 offen.</translation>
    </message>
    <message>
        <source>Sending orders to the 3PL</source>
        <translation>Aufträge werden an den 3PL gesendet</translation>
    </message>
    <message>
        <source>Could not send orders to the 3PL: %1</source>
        <translation>Aufträge konnten nicht an den 3PL gesendet werden: %1</translation>
    </message>
    <message>
        <source>The 3PL&apos;s answer to sending orders could not be read.</source>
        <translation>Die Antwort des 3PL auf die gesendeten Aufträge konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>it was missing from the answer</source>
        <translation>er fehlte in der Antwort</translation>
    </message>
    <message>
        <source>Could not record the orders sent: %1</source>
        <translation>Die gesendeten Aufträge konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Could not read what is fulfilled already: %1</source>
        <translation>Es konnte nicht gelesen werden, was schon erfüllt ist: %1</translation>
    </message>
    <message>
        <source>NetSuite sent fulfillment rows that could not be read.</source>
        <translation>NetSuite hat Fulfillment-Zeilen geschickt, die nicht gelesen werden konnten.</translation>
    </message>
    <message>
        <source>The 3PL did not take %1: %2. It is sent again on the next run.</source>
        <translation>Der 3PL hat %1 nicht angenommen: %2. Der nächste Lauf sendet ihn erneut.</translation>
    </message>
    <message>
        <source>%1 cancelled in the 3PL (its order %2): NetSuite cancelled or closed it.</source>
        <translation>%1 im 3PL storniert (dort Auftrag %2): NetSuite hat ihn storniert oder geschlossen.</translation>
    </message>
    <message>
        <source>%1 sent to the 3PL as its order %2.</source>
        <translation>%1 an den 3PL gesendet, dort Auftrag %2.</translation>
    </message>
    <message>
        <source>NetSuite sent a sales order row that could not be read (order %1, line %2); nothing of it was sent to the 3PL.</source>
        <translation>NetSuite hat eine Auftragszeile geschickt, die nicht gelesen werden konnte (Auftrag %1, Zeile %2); nichts davon ging an den 3PL.</translation>
    </message>
    <message>
        <source>No longer to be sent: NetSuite cancelled, closed or fulfilled it.</source>
        <translation>Nicht mehr zu senden: NetSuite hat ihn storniert, geschlossen oder erfüllt.</translation>
    </message>
    <message>
        <source>%1: NetSuite has no ship-to address for it, so the 3PL could not ship it. It is sent once the sales order has one.</source>
        <translation>%1: NetSuite hat keine Lieferadresse dafür, daher könnte der 3PL ihn nicht versenden. Er wird gesendet, sobald der Auftrag eine hat.</translation>
    </message>
    <message>
        <source>%1: its ship-to address in NetSuite lacks %2, so the 3PL could not ship it. It is sent once the sales order has them.</source>
        <translation>%1: In seiner Lieferadresse in NetSuite fehlt %2, daher könnte der 3PL ihn nicht versenden. Er wird gesendet, sobald der Auftrag diese Angaben hat.</translation>
    </message>
    <message>
        <source>NetSuite cancelled or closed %1 after the 3PL had shipped it (its order %2); the 3PL cannot cancel a shipped order, so nothing was changed there and the cancel is not sent again. Check the shipment against NetSuite.</source>
        <translation>NetSuite hat %1 storniert oder geschlossen, nachdem der 3PL ihn versandt hatte (dort Auftrag %2); der 3PL kann einen versandten Auftrag nicht stornieren, daher wurde dort nichts geändert, und die Stornierung wird nicht erneut gesendet. Gleichen Sie die Sendung mit NetSuite ab.</translation>
    </message>
    <message>
        <source>%1 was cancelled in the 3PL already (its order %2): nothing left to cancel.</source>
        <translation>%1 war im 3PL bereits storniert (dort Auftrag %2): Es gibt nichts mehr zu stornieren.</translation>
    </message>
    <message>
        <source>This worker no longer holds the connector&apos;s lease; it stopped without sending or recording more.</source>
        <translation>Dieser Prozess hält die Lease des Konnektors nicht mehr; er hat angehalten, ohne weiter zu senden oder etwas zu vermerken.</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ThreePlPass</name>
    <message>
        <source>Checking earlier item fulfillments in NetSuite</source>
        <translation>Frühere Item Fulfillments werden in NetSuite geprüft</translation>
    </message>
    <message>
        <source>NetSuite has item fulfillment %1 for shipment %2 (read back by its external id %3).</source>
        <translation>NetSuite hat Item Fulfillment %1 für Sendung %2 (über die externe ID %3 zurückgelesen).</translation>
    </message>
    <message>
        <source>Reading shipments from the 3PL</source>
        <translation>Sendungen werden vom 3PL gelesen</translation>
    </message>
    <message>
        <source>Could not read the 3PL&apos;s shipments: %1</source>
        <translation>Die Sendungen des 3PL konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Reading the shipped orders from NetSuite</source>
        <translation>Die versandten Aufträge werden aus NetSuite gelesen</translation>
    </message>
    <message>
        <source>Could not read the sales orders from NetSuite: %1</source>
        <translation>Die Kundenaufträge konnten nicht aus NetSuite gelesen werden: %1</translation>
    </message>
    <message>
        <source>NetSuite sent sales order rows that could not be read: %1</source>
        <translation>NetSuite hat Auftragszeilen geschickt, die nicht gelesen werden konnten: %1</translation>
    </message>
    <message>
        <source>Shipment %1 is for sales order %2, which NetSuite did not return.</source>
        <translation>Sendung %1 gehört zu Kundenauftrag %2, den NetSuite nicht geliefert hat.</translation>
    </message>
    <message>
        <source>Could not store the intent for shipment %1: %2</source>
        <translation>Die Absicht für Sendung %1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Creating item fulfillments in NetSuite</source>
        <translation>Item Fulfillments werden in NetSuite angelegt</translation>
    </message>
    <message>
        <source>Item fulfillment %1 created in NetSuite from shipment %2 (tracking %3).</source>
        <translation>Item Fulfillment %1 aus Sendung %2 in NetSuite angelegt (Sendungsnummer %3).</translation>
    </message>
    <message>
        <source>NetSuite created item fulfillment %1 from shipment %2, although its answer said otherwise (%3); read back by external id.</source>
        <translation>NetSuite hat Item Fulfillment %1 aus Sendung %2 angelegt, obwohl die Antwort anderes sagte (%3); über die externe ID zurückgelesen.</translation>
    </message>
    <message>
        <source>NetSuite refused the item fulfillment for shipment %1: %2</source>
        <translation>NetSuite hat das Item Fulfillment für Sendung %1 abgelehnt: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n shipment(s) belong to orders fulfillsync did not send to the 3PL; they were left alone.</source>
        <translation>
            <numerusform>%n Sendung gehört zu einem Auftrag, den fulfillsync nicht an den 3PL gesendet hat; sie wurde nicht angerührt.</numerusform>
            <numerusform>%n Sendungen gehören zu Aufträgen, die fulfillsync nicht an den 3PL gesendet hat; sie wurden nicht angerührt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n voided shipment(s) were skipped.</source>
        <translation>
            <numerusform>%n stornierte Sendung wurde übersprungen.</numerusform>
            <numerusform>%n stornierte Sendungen wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>NetSuite has item fulfillment %1 for shipment %2 already (external id %3); nothing was sent.</source>
        <translation>NetSuite hat für Sendung %2 schon Item Fulfillment %1 (externe ID %3); nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Reading voided labels from the 3PL</source>
        <translation>Stornierte Etiketten werden vom 3PL gelesen</translation>
    </message>
    <message>
        <source>Could not read the 3PL&apos;s voided labels: %1</source>
        <translation>Die stornierten Etiketten des 3PL konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The 3PL voided the label of shipment %1 (tracking %2) after it was sent to NetSuite. Check item fulfillment %3 and what the channel got; nothing was undone.</source>
        <translation>Der 3PL hat das Etikett von Sendung %1 (Sendungsnummer %2) storniert, nachdem sie an NetSuite ging. Prüfen Sie Item Fulfillment %3 und was der Kanal bekommen hat; nichts wurde rückgängig gemacht.</translation>
    </message>
    <message>
        <source>NetSuite did not confirm the item fulfillment for shipment %1 (%2). The first run after %3 reads it back and sends it only if NetSuite does not have it.</source>
        <translation>NetSuite hat das Item Fulfillment für Sendung %1 nicht bestätigt (%2). Der erste Lauf nach %3 liest es zurück und sendet es nur, wenn NetSuite es nicht hat.</translation>
    </message>
    <message numerus="yes">
        <source>%n shipment(s) whose item fulfillment NetSuite has not confirmed are read back first by a real run.</source>
        <translation>
            <numerusform>%n Sendung, deren Item Fulfillment NetSuite nicht bestätigt hat, wird von einem echten Lauf zuerst zurückgelesen.</numerusform>
            <numerusform>%n Sendungen, deren Item Fulfillment NetSuite nicht bestätigt hat, werden von einem echten Lauf zuerst zurückgelesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Shipment %1 would be held: %2</source>
        <translation>Sendung %1 würde zurückgehalten: %2</translation>
    </message>
    <message>
        <source>Could not read the Inbox: %1</source>
        <translation>Der Eingang konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n shipment(s) whose item fulfillment NetSuite has not confirmed are read back by the next run.</source>
        <translation>
            <numerusform>%n Sendung, deren Item Fulfillment NetSuite nicht bestätigt hat, wird beim nächsten Lauf zurückgelesen.</numerusform>
            <numerusform>%n Sendungen, deren Item Fulfillment NetSuite nicht bestätigt hat, werden beim nächsten Lauf zurückgelesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>NetSuite sent rows that could not be read</source>
        <translation>NetSuite hat Zeilen geschickt, die nicht gelesen werden konnten</translation>
    </message>
    <message numerus="yes">
        <source>%n shipment(s): whether NetSuite created their item fulfillments is still unknown (%1); they are checked again from %2.</source>
        <translation>
            <numerusform>%n Sendung: Ob NetSuite ihr Item Fulfillment angelegt hat, ist noch unbekannt (%1); sie wird ab %2 erneut geprüft.</numerusform>
            <numerusform>%n Sendungen: Ob NetSuite ihre Item Fulfillments angelegt hat, ist noch unbekannt (%1); sie werden ab %2 erneut geprüft.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not keep what happened to shipment %1 (%2); nothing of it was kept, and the next pass reads it again.</source>
        <translation>Was mit Sendung %1 geschah, konnte nicht gespeichert werden (%2); nichts davon wurde behalten, der nächste Lauf liest sie erneut.</translation>
    </message>
    <message>
        <source>a write failed</source>
        <translation>ein Schreibvorgang schlug fehl</translation>
    </message>
</context>
<context>
    <name>fulfillsync::ThreeWayTable</name>
    <message>
        <source>Read the &amp;channel now</source>
        <translation>Kanal &amp;jetzt lesen</translation>
    </message>
    <message>
        <source>Read this order&apos;s fulfillments from the channel now and compare them, as a reconciliation does (one request, nothing is sent)</source>
        <translation>Die Lieferungen dieses Auftrags jetzt aus dem Kanal lesen und vergleichen, wie es ein Abgleich tut (eine Anfrage, nichts wird gesendet)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>NetSuite, sent and the channel</source>
        <translation>NetSuite, gesendet und der Kanal</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Item fulfillment</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Sendungsnummern</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>Gesendet am</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>In the channel</source>
        <translation>Im Kanal</translation>
    </message>
    <message>
        <source>Channel tracking</source>
        <translation>Sendungsnummern im Kanal</translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>The quantity shipped in NetSuite&apos;s item fulfillment</source>
        <translation>Die in der NetSuite-Lieferung versandte Menge</translation>
    </message>
    <message>
        <source>What the connector&apos;s ledger records: pushed by us, adopted from another tool, waiting, flagged, or an answer not known yet</source>
        <translation>Was das Journal des Konnektors vermerkt: von uns übertragen, von einem anderen Werkzeug übernommen, wartend, markiert oder eine noch unbekannte Antwort</translation>
    </message>
    <message>
        <source>What the channel&apos;s fulfillment holds, as last read</source>
        <translation>Was die Kanal-Lieferung enthält, wie zuletzt gelesen</translation>
    </message>
    <message>
        <source>No channel connector serves this order&apos;s channel.</source>
        <translation>Kein Kanal-Konnektor bedient den Kanal dieses Auftrags.</translation>
    </message>
    <message>
        <source>%1: the channel was not read yet — a reconciliation reads it.</source>
        <translation>%1: Der Kanal wurde noch nicht gelesen — ein Abgleich liest ihn.</translation>
    </message>
    <message>
        <source>%1: the channel as read just now (%2).</source>
        <translation>%1: der Kanal, wie er gerade gelesen wurde (%2).</translation>
    </message>
    <message>
        <source>%1: the channel as of the last reconciliation (%2).</source>
        <translation>%1: der Kanal beim letzten Abgleich (%2).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>not by this connector</source>
        <translation>nicht von diesem Konnektor</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>wartet auf das Senden</translation>
    </message>
    <message>
        <source>pushed as %1</source>
        <translation>übertragen als %1</translation>
    </message>
    <message>
        <source>sent, answer unknown</source>
        <translation>gesendet, Antwort unbekannt</translation>
    </message>
    <message>
        <source>pushed as %1, flagged</source>
        <translation>übertragen als %1, zur Klärung markiert</translation>
    </message>
    <message>
        <source>resolved by a person</source>
        <translation>manuell geklärt</translation>
    </message>
    <message>
        <source>adopted: %1 (another tool&apos;s)</source>
        <translation>übernommen: %1 (eines anderen Werkzeugs)</translation>
    </message>
    <message>
        <source>Tracking sent: %1</source>
        <translation>Gesendete Sendungsnummern: %1</translation>
    </message>
    <message>
        <source>The last attempt is #%1 in Sync History</source>
        <translation>Der letzte Versuch ist #%1 im Verlauf</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>nicht gelesen</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>agree</source>
        <translation>stimmt überein</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) disagree.</source>
        <translation>
            <numerusform>%n Position weicht ab.</numerusform>
            <numerusform>%n Positionen weichen ab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fulfillsync::WebhookPoster</name>
    <message>
        <source>The webhook address is not an http(s) URL.</source>
        <translation>Die Webhook-Adresse ist keine http(s)-URL.</translation>
    </message>
    <message>
        <source>The webhook answered HTTP %1.</source>
        <translation>Der Webhook hat mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <source>The webhook could not be reached (%1).</source>
        <translation>Der Webhook war nicht erreichbar (%1).</translation>
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
        <source>Serve this fulfillsync-scenario/1 file from the built-in sandbox instead of demo data.</source>
        <translation>Diese fulfillsync-scenario/1-Datei statt der Demodaten aus der eingebauten Sandbox bereitstellen.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Demo sandbox</source>
        <translation>Demo-Sandbox</translation>
    </message>
    <message>
        <source>Sync once, save a screenshot of every screen into FOLDER and quit.</source>
        <translation>Einmal synchronisieren, ein Bildschirmfoto jeder Seite in FOLDER speichern und beenden.</translation>
    </message>
    <message>
        <source>Try fulfillsync on generated orders served by the built-in sandbox, in a database of the demo&apos;s own.</source>
        <translation>fulfillsync mit erzeugten Aufträgen aus der eingebauten Sandbox ausprobieren, in einer eigenen Datenbank der Demo.</translation>
    </message>
    <message>
        <source>How many orders the demo generates (default 400).</source>
        <translation>Wie viele Aufträge die Demo erzeugt (Standard 400).</translation>
    </message>
    <message>
        <source>fulfillsync — demo</source>
        <translation>fulfillsync — Demo</translation>
    </message>
    <message numerus="yes">
        <source>Preparing the demo: generating %Ln order(s) in the built-in sandbox…</source>
        <translation>
            <numerusform>Bereite die Demo vor: erzeuge %Ln Auftrag in der eingebauten Sandbox …</numerusform>
            <numerusform>Bereite die Demo vor: erzeuge %Ln Aufträge in der eingebauten Sandbox …</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo is ready.</source>
        <translation>Die Demo ist bereit.</translation>
    </message>
</context>
</TS>
