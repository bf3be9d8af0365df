using ContactCenter.Media.Dtmf;

namespace ContactCenter.Media.Tests.Dtmf;

public sealed class DtmfEventDetectorTests
{
    private const uint Ssrc = 0x1234;

    private static byte[] Payload(byte code, bool end, ushort duration)
    {
        byte[] payload = new byte[4];
        Assert.True(new TelephoneEvent(code, end, 10, duration).TryWrite(payload));
        return payload;
    }

    /// <summary>A key press as senders emit it: updates every 20 ms, then the end packet three times.</summary>
    private static IEnumerable<(uint Timestamp, byte[] Payload)> KeyPress(byte code, uint timestamp, int updates = 4)
    {
        for (int i = 1; i <= updates; i++)
        {
            yield return (timestamp, Payload(code, false, (ushort)(160 * i)));
        }

        for (int i = 0; i < 3; i++)
        {
            yield return (timestamp, Payload(code, true, (ushort)(160 * (updates + 1))));
        }
    }

    private static List<DtmfEvent> Feed(DtmfEventDetector detector, IEnumerable<(uint Timestamp, byte[] Payload)> packets, uint ssrc = Ssrc)
    {
        var events = new List<DtmfEvent>();
        foreach ((uint timestamp, byte[] payload) in packets)
        {
            if (detector.TryProcess(ssrc, timestamp, payload, out DtmfEvent? dtmf))
            {
                events.Add(dtmf);
            }
        }

        return events;
    }

    [Fact]
    public void TryProcess_KeyPressWithThreeEndPackets_ReportsOneDigit()
    {
        var detector = new DtmfEventDetector();

        List<DtmfEvent> events = Feed(detector, KeyPress(5, 8000));

        DtmfEvent digit = Assert.Single(events);
        Assert.Equal(new DtmfEvent('5', 8000, TimeSpan.FromMilliseconds(100), 10), digit);
    }

    [Fact]
    public void TryProcess_SameDigitTwice_ReportsTwoDigits()
    {
        var detector = new DtmfEventDetector();

        List<DtmfEvent> events = Feed(detector, KeyPress(1, 1000).Concat(KeyPress(1, 3000)));

        Assert.Equal(["1", "1"], events.Select(e => e.Digit.ToString()));
    }

    [Fact]
    public void TryProcess_Sequence_ReportsDigitsInOrder()
    {
        var detector = new DtmfEventDetector();

        List<DtmfEvent> events = Feed(detector, KeyPress(1, 1000).Concat(KeyPress(10, 3000)).Concat(KeyPress(11, 6000, updates: 1)));

        Assert.Equal("1*#", string.Concat(events.Select(e => e.Digit)));
    }

    [Fact]
    public void TryProcess_AllEndPacketsLost_ReportsWhenNextEventStarts()
    {
        var detector = new DtmfEventDetector();
        var lostEnd = KeyPress(7, 1000).Where(p => !TelephoneEvent.TryParse(p.Payload, out TelephoneEvent e) || !e.End);

        List<DtmfEvent> events = Feed(detector, lostEnd.Concat(KeyPress(8, 5000)));

        Assert.Equal("78", string.Concat(events.Select(e => e.Digit)));
        Assert.False(events[0].EndSeen);
        Assert.True(events[1].EndSeen);
    }

    [Fact]
    public void TryProcess_LateStartPacketAfterEnd_Ignored()
    {
        var detector = new DtmfEventDetector();
        Feed(detector, KeyPress(3, 1000));

        List<DtmfEvent> events = Feed(detector, [(1000u, Payload(3, false, 160))]);

        Assert.Empty(events);
    }

    [Fact]
    public void TryProcess_NewSsrc_StartsAfresh()
    {
        var detector = new DtmfEventDetector();
        Feed(detector, KeyPress(3, 1000));

        List<DtmfEvent> events = Feed(detector, KeyPress(4, 1000), ssrc: 0x9999);

        Assert.Equal('4', Assert.Single(events).Digit);
    }

    [Fact]
    public void TryProcess_ShortPayload_Ignored()
    {
        var detector = new DtmfEventDetector();

        bool ok = detector.TryProcess(Ssrc, 1, [0x01, 0x80], out DtmfEvent? dtmf);

        Assert.False(ok);
        Assert.Null(dtmf);
    }
}
