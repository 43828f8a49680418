// The per-account request gate: never more in flight than the limit, waiting work starts in
// order as slots free up.

#include "sync/net/requestgate.h"

#include <QTest>

using namespace fulfillsync;

class TestRequestGate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limitsAndQueuesInOrder()
    {
        RequestGate gate(2);
        QList<int> started;
        for (int i = 0; i < 5; ++i)
            gate.acquire([&started, i] { started << i; });
        QCOMPARE(started, (QList<int>{0, 1}));
        QCOMPARE(gate.inFlight(), 2);
        gate.release();
        QCOMPARE(started, (QList<int>{0, 1, 2}));
        gate.release();
        gate.release();
        QCOMPARE(started, (QList<int>{0, 1, 2, 3, 4}));
        QCOMPARE(gate.inFlight(), 2);
        gate.release();
        gate.release();
        QCOMPARE(gate.inFlight(), 0);
        gate.release(); // an extra release never goes below zero
        QCOMPARE(gate.inFlight(), 0);
        QCOMPARE(gate.highWater(), 2);
    }
};

QTEST_APPLESS_MAIN(TestRequestGate)
#include "tst_requestgate.moc"
