<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Database</name>
    <message>
        <source>The %1 database driver is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>The keychain did not answer (is it locked?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetSuiteRecords</name>
    <message>
        <source>The item fulfillment record has no id or no createdFrom order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sales order record has no id.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The demo sandbox could not open a loopback port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SalesOrderStatus</name>
    <message>
        <source>Pending Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending Fulfillment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partially Fulfilled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending Billing/Partially Fulfilled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending Billing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShipStatus</name>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync</name>
    <message>
        <source>This is not a database address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database opened but does not answer a query: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SQLite file %1 can be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL at %1 answers and accepts the login.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::AttemptDetailPane</name>
    <message>
        <source>Select an attempt to see the request and the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build the request again with today&apos;s mappings and send it, after checking the channel for an existing fulfillment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay &amp;as recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the recorded request unchanged, after checking the channel for an existing fulfillment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This attempt is not in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 / %3 · %4 · %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error class: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing was sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Main Shopify store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite channel value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales orders whose channel field (custbody_fa_channel) has this value are synced through this connector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Channel value in NetSuite:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin API access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shpat_… (kept in the system keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When and how to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync interval in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync orders in status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync orders in status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notify the customer when a shipment is pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;tracking changes made in NetSuite later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmapped ship method policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the fulfillment until it is mapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the default carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unmapped ship method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. UPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default carrier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kit rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the kit&apos;s own line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As its member items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;kits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the store address, e.g. https://your-store.myshopify.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store address is not a web address. Use the form https://your-store.myshopify.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store address must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store address must not contain a query, a fragment or a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the connector a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another connector is already called &quot;%1&quot;. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the channel value NetSuite orders of this store carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the store&apos;s Admin API access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick at least one sales order status to sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the default carrier, or hold unmapped ship methods.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorListModel</name>
    <message>
        <source>Shopify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on its schedule and with Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: neither the schedule nor Sync now runs it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::ConnectorsPage</name>
    <message>
        <source>Connectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain answered. Access tokens are kept for this run only and must be entered again at the next start. Unlock or install a keychain (e.g. GNOME Keyring or KWallet) to keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a connector (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable or disable the connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the connection to the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;un now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this connector now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector message</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Run finished: %n pushed, %1 failed, %2 held.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the connectors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the unsaved changes to &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the access token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No access token is stored for this connector yet: enter it and save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the connector: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, but the access token could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the connector &quot;%1&quot;?

Its mappings and its record of what was already pushed are deleted too; its access token is removed from the keychain. The sync history stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the connector: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is disabled: it will not sync until enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the access token first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running &quot;%1&quot;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En&amp;able</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connector is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync this connector now.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fulfillment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::KeychainSecretStore</name>
    <message>
        <source>No keychain answered (%1). Secrets are kept for this run only and must be entered again next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::MainWindow</name>
    <message>
        <source>fulfillsync — NetSuite fulfillment sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read NetSuite now and push every shipped fulfillment that is due (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running sync after the current request (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by order, customer, fulfillment or message (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resyncing the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: reading NetSuite and the channel, sending nothing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the recorded request of attempt %1 again?

The channel is read back first: if the fulfillment is already there, nothing is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build the request of attempt %1 again with today&apos;s mappings and send it?

The channel is read back first: if the fulfillment is already there, nothing is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaying attempt %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything due is already in the channel, or nothing is due yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the sync could not run. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector %1 could not sync.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled after %2 pushed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 pushed, %3 failed, %4 held, %5 already in the channel (%6 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 orders · %2 attempts</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not answer. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers, but refused the login. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the login, but reading transactions failed. %2</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this order from NetSuite again and push whatever is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the exact requests a sync would send now, without sending them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is not in the local copy any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · %4 order %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines (ordered / shipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item fulfillments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (voided)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain — connector %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run — %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing would be sent: %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partially synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::Reader</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain answered. The NetSuite secrets are kept for this run only and must be entered again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;NetSuite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite account id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 1234567 or 1234567_SB1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite REST address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: derived from the account id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Consumer key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consumer and token secrets are kept in the system keychain, never in the database or the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the NetSuite connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetSuite test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sqlite:///path/to/file.db or postgresql://user@host:5432/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A changed database is used from the next start on. Its tables are created then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default sync interval in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New connectors sync &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A changed language is used from the next start on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NetSuite REST address is not a web address. Leave it empty to derive it from the account id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the NetSuite account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the %1 in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the account id and all four token-based authentication values first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a database URL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::ShopifyConnectionTest</name>
    <message>
        <source>The test was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time. Check the store address and the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached (%2). Check the store address and the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers, but refused the access token. Copy the Admin API access token from the store&apos;s app settings again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers, but there is no Shopify store at this address. Check the store address (https://your-store.myshopify.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the token but asks to slow down. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with an error (HTTP %2). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered, but not like a Shopify store. Check the store address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the store &quot;%1&quot;: the access token works.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading sales orders from NetSuite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store sales orders: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading item fulfillments from NetSuite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store fulfillments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 in NetSuite now; a replay never sends what has not shipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was voided in NetSuite after it was pushed as Shopify fulfillment %2. Nothing was cancelled in Shopify: cancel it there if the goods did not ship.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 went back to %2 in NetSuite after it was pushed as Shopify fulfillment %3. Nothing was changed in Shopify; check the shipment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was reduced in NetSuite from %2 to %3 units after it was pushed as Shopify fulfillment %4. Nothing was changed in Shopify; check the shipment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fulfillment changed in NetSuite after it was pushed; see the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the watermark: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the Shopify tracking numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify refused the tracking update: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated the tracking numbers of Shopify fulfillment %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushing %1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading back the Shopify fulfillments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in Shopify as fulfillment %1 (found by reading back after an unconfirmed earlier attempt); nothing sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales order %1 has no Shopify order id (custbody_fa_channel_order / otherrefnum is &quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the Shopify order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the Shopify fulfillment orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify shows these lines as fulfilled already, but not by this connector. Nothing was sent; check the order in Shopify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another worker is pushing this fulfillment right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not record the push before sending: %1. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify did not confirm the fulfillment (%1). It will be checked against Shopify before anything is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the Shopify fulfillment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created Shopify fulfillment %1 with %2 tracking number(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify refused the fulfillment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shopify&apos;s answer could not be read (%1). It will be checked against Shopify before anything is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fulfillsync::SyncWorker</name>
    <message>
        <source>There is no attempt %1 with a fulfillment to replay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt %1 sent nothing, so there is no request to replay as recorded. Replay it rebuilt with today&apos;s mappings instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No enabled connector to sync. Add or enable one under Connectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No NetSuite account is configured. Enter the account id in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NetSuite token credentials are missing. Enter them in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token of connector %1 is missing. Enter it under Connectors.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Watch and run NetSuite fulfillment sync to your sales channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database URL: sqlite:///path/file.db or postgresql://user@host:port/db.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve N generated demo orders from the built-in sandbox (default 400; 0 = no sandbox).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve this fulfillsync-scenario/1 file from the built-in sandbox instead of demo data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync once, save screenshots of the window&apos;s tabs into FOLDER and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo sandbox</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
