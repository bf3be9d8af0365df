using System.Text;
using ContactCenter.Host.Calls.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Host.Tests;

public sealed class CallEventSpoolTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cc-spool-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Reopen_AfterAppends_ReplaysEveryEventInOrder()
    {
        using (var spool = Open())
        {
            Append(spool, "a", "b", "c");
            spool.FlushToDisk();
        }

        using var reopened = Open();

        Assert.Equal(["a", "b", "c"], ReadAll(reopened));
    }

    [Fact]
    public void Reopen_AfterCommit_ReplaysOnlyWhatTheBusDidNotTake()
    {
        using (var spool = Open())
        {
            Append(spool, "a", "b", "c");
            spool.FlushToDisk();
            spool.Cursors[CallEventSpool.BusCursor].Commit(2);
        }

        using var reopened = Open();

        Assert.Equal(["c"], ReadAll(reopened));
    }

    [Fact]
    public void Reopen_TornRecordAtTheEnd_IsCutAndLaterAppendsFollowTheWholeOnes()
    {
        using (var spool = Open())
        {
            Append(spool, "a", "b");
            spool.FlushToDisk();
        }

        var segment = Directory.GetFiles(_directory, "*.spool").Single();
        File.AppendAllText(segment, "\u0020\u0000\u0000\u0000garbage of a write cut short");
        using var reopened = Open();
        Append(reopened, "c");
        reopened.FlushToDisk();

        Assert.Equal(["a", "b", "c"], ReadAll(reopened));
    }

    [Fact]
    public void Commit_PastFullSegments_DeletesThemAndKeepsTheRest()
    {
        using var spool = Open();
        var big = new string('x', 20_000);
        for (var i = 0; i < 10; i++)
        {
            Append(spool, $"{i}{big}");
        }

        spool.FlushToDisk();
        var before = Directory.GetFiles(_directory, "*.spool").Length;

        spool.Cursors[CallEventSpool.BusCursor].Commit(9);

        Assert.True(before > 2, $"expected several segments, got {before}");
        Assert.Single(Directory.GetFiles(_directory, "*.spool"));
        Assert.Equal(["9"], ReadAll(spool).Select(p => p[..1]));
    }

    [Fact]
    public void TwoCursors_EachReplaysWhatItsConsumerLacks_AndSegmentsStayUntilBothArePast()
    {
        var big = new string('x', 20_000);
        using (var spool = OpenWithCrm())
        {
            for (var i = 0; i < 10; i++)
            {
                Append(spool, $"{i}{big}");
            }

            spool.FlushToDisk();
            spool.Cursors[CallEventSpool.BusCursor].Commit(10); // the bus took everything
            spool.Cursors["crm"].Commit(3); // the database had only three when the process died
        }

        using var reopened = OpenWithCrm();

        Assert.Empty(ReadAll(reopened));
        Assert.Equal(["3", "4", "5", "6", "7", "8", "9"], ReadAll(reopened, "crm").Select(p => p[..1]));
        reopened.Cursors["crm"].Commit(10);
        Assert.Single(Directory.GetFiles(_directory, "*.spool"));
    }

    [Fact]
    public void ANewCursor_StartsWhereTheExistingOneStands_SoItMissesNothingStillInTheSpool()
    {
        using (var spool = Open())
        {
            Append(spool, "a", "b", "c");
            spool.FlushToDisk();
            spool.Cursors[CallEventSpool.BusCursor].Commit(1);
        }

        using var reopened = OpenWithCrm();

        Assert.Equal(["b", "c"], ReadAll(reopened, "crm"));
    }

    [Fact]
    public void ANewCursorThatNeverCommits_KeepsItsPlaceAcrossARestart_WhileTheOtherMovesOn()
    {
        using (var spool = OpenWithCrm())
        {
            Append(spool, "a", "b");
            spool.FlushToDisk();
            spool.Cursors[CallEventSpool.BusCursor].Commit(2); // the CRM's database is down from the start
        }

        using var reopened = OpenWithCrm();

        Assert.Equal(["a", "b"], ReadAll(reopened, "crm"));
        Assert.Empty(ReadAll(reopened));
    }

    [Fact]
    public void Read_StopsAtWhatIsDurable()
    {
        using var spool = Open();
        Append(spool, "a");
        spool.FlushToDisk();
        Append(spool, "b");

        using var reader = new SpoolReader(spool, 0);

        Assert.Single(reader.Read(10));
        spool.FlushToDisk();
        Assert.Single(reader.Read(10));
    }

    [Fact]
    public void Read_AReaderThatKeepsUp_TakesTheRecordsFromMemory_WithoutTheFiles()
    {
        using var spool = Open();
        Append(spool, "a", "b");
        spool.FlushToDisk();

        // The records are in memory as well: a reader just behind the writer needs no file (here, none is left).
        File.Delete(Directory.GetFiles(_directory, "*.spool").Single());

        Assert.Equal(["a", "b"], ReadAll(spool));
    }

    [Fact]
    public void Read_AReaderFallingBehindTheMemory_ReadsTheFilesThenTheMemory_InOrderAcrossSegments()
    {
        // Memory for about eight records of this size, segments of about fourteen: a reader alternates between the two.
        using var spool = CallEventSpool.Open(_directory, 256, NullLogger.Instance, tailBytes: 160);
        var appended = Enumerable.Range(1, 100).Select(i => $"event-{i:D3}").ToList();
        using var reader = new SpoolReader(spool, 0);
        var read = new List<string>();
        var next = 0;
        foreach (var (batch, take) in new[] { (3, 2), (20, 5), (4, 30), (40, 1), (33, 100), (0, 100) })
        {
            Append(spool, [.. appended.Skip(next).Take(batch)]);
            next += batch;
            spool.FlushToDisk();
            read.AddRange(reader.Read(take).Select(r => Encoding.UTF8.GetString(r.Payload.Span)));
        }

        Assert.Equal(appended, read);
        Assert.True(spool.SegmentStarts().Count > 5, "the test should cross segments");
    }

    [Fact]
    public void Open_FolderInUse_FailsNamingTheSetting()
    {
        using var spool = Open();

        var error = Assert.ThrowsAny<Exception>(Open);

        Assert.Contains("CallEvents:Spool:Directory", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static void Append(CallEventSpool spool, params string[] payloads)
    {
        foreach (var payload in payloads)
        {
            Assert.NotNull(spool.TryAppend(Encoding.UTF8.GetBytes(payload)));
        }
    }

    private static List<string> ReadAll(CallEventSpool spool, string cursor = CallEventSpool.BusCursor)
    {
        using var reader = new SpoolReader(spool, spool.Cursors[cursor].Committed);
        return [.. reader.Read(1_000).Select(r => Encoding.UTF8.GetString(r.Payload.Span))];
    }

    private CallEventSpool Open() => CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance);

    private CallEventSpool OpenWithCrm() => CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance, [CallEventSpool.BusCursor, "crm"]);
}
