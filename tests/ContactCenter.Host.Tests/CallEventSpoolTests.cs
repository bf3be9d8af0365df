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
            spool.Commit(2);
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

        spool.Commit(9);

        Assert.True(before > 2, $"expected several segments, got {before}");
        Assert.Single(Directory.GetFiles(_directory, "*.spool"));
        Assert.Equal(["9"], ReadAll(spool).Select(p => p[..1]));
    }

    [Fact]
    public void Read_StopsAtWhatIsDurable()
    {
        using var spool = Open();
        Append(spool, "a");
        spool.FlushToDisk();
        Append(spool, "b");

        using var reader = new SpoolReader(spool);

        Assert.Single(reader.Read(10));
        spool.FlushToDisk();
        Assert.Single(reader.Read(10));
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

    private static List<string> ReadAll(CallEventSpool spool)
    {
        using var reader = new SpoolReader(spool);
        return [.. reader.Read(1_000).Select(r => Encoding.UTF8.GetString(r.Payload))];
    }

    private CallEventSpool Open() => CallEventSpool.Open(_directory, 64 * 1024, NullLogger.Instance);
}
