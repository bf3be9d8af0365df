using ContactCenter.Sip.UserAgents.Recovery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.UserAgents.Tests.Recovery;

public sealed class RunJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-journal-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Orphans_EntriesAnEndedRunLeftOpen_AreTheNextRunsOrphans_AndResolvingThemEmptiesTheFolder()
    {
        using (var crashed = Open())
        {
            crashed.Write("call-a", "a"u8);
            crashed.Write("call-b", "b"u8);
            crashed.Write("call-c", "c"u8);
            crashed.Delete("call-b"); // ended before the crash
        }

        using var next = Open();

        var orphans = next.Orphans;
        Assert.Equal(["call-a", "call-c"], orphans.Select(o => o.Key).Order());
        Assert.Equal("a"u8.ToArray(), orphans.Single(o => o.Key == "call-a").Content);
        foreach (var orphan in orphans)
        {
            next.Resolve(orphan);
        }

        Assert.Empty(next.Orphans);
        Assert.Single(Directory.GetDirectories(_folder)); // only the live run's own folder is left
    }

    [Fact]
    public async Task Orphans_ARunStillAlive_IsNeverTakenForADeadOne()
    {
        using var alive = Open();
        alive.Write("live-call", "x"u8);
        await alive.FlushAsync(); // on disk, so only the lock keeps it from being taken for an orphan

        using var second = Open();

        Assert.Empty(second.Orphans);
    }

    [Fact]
    public async Task Write_AnEntryOfThisRun_IsNotAnOrphanOfThisRun()
    {
        using var run = Open();
        run.Write("mine", "x"u8);
        await run.FlushAsync();

        Assert.Empty(run.Orphans);
    }

    [Fact]
    public void Resolve_SomeOrphansBeforeACrashDuringRecovery_TheNextRunFindsOnlyTheOthers()
    {
        using (var crashed = Open())
        {
            crashed.Write("call-a", "a"u8);
            crashed.Write("call-b", "b"u8);
        }

        using (var recovering = Open())
        {
            recovering.Resolve(recovering.Orphans.Single(o => o.Key == "call-a"));
        } // and it crashes before the second

        using var next = Open();

        Assert.Equal(["call-b"], next.Orphans.Select(o => o.Key));
    }

    [Fact]
    public async Task Write_TheSameEntryManyTimesAndEnded_TheLogIsCompactedAndOnlyTheOpenOnesAreOrphans()
    {
        var content = new byte[1000];
        using (var crashed = Open())
        {
            for (var i = 0; i < 6000; i++)
            {
                crashed.Write($"call-{i}", content);
                await crashed.FlushAsync(); // each in its own batch, so each reaches the log
                if (i % 100 != 0)
                {
                    crashed.Delete($"call-{i}");
                }
            }

            await crashed.FlushAsync();
            var log = Directory.GetFiles(_folder, "journal.log", SearchOption.AllDirectories).Single();
            Assert.True(new FileInfo(log).Length < 5 << 20, $"the log is {new FileInfo(log).Length} bytes: never compacted");
        }

        using var next = Open();

        Assert.Equal(60, next.Orphans.Count);
        Assert.All(next.Orphans, o => Assert.Equal(1000, o.Content.Length));
    }

    [Fact]
    public async Task Write_AnEntryEndedWithinTheBatchWindow_NeverReachesTheLog()
    {
        var time = new FakeTimeProvider();
        using var run = new RunJournal(_folder, time, NullLogger.Instance);

        run.Write("short-call", "x"u8);
        await WaitUntilAsync(() => run.Gathering); // the writer took the write and gathers (the fake clock stands still)
        run.Delete("short-call");
        time.Advance(RunJournal.BatchWindow);
        await run.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Gathered into one batch, the write and the delete cancel out: not a byte was written for the call.
        Assert.Empty(Directory.GetFiles(_folder, "journal.log", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task FlushAsync_WhileTheWriterGathers_EndsTheWindowAtOnce()
    {
        using var run = new RunJournal(_folder, new FakeTimeProvider(), NullLogger.Instance);
        run.Write("call", "x"u8);
        await WaitUntilAsync(() => run.Gathering);

        await run.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30)); // the fake clock never reaches the window's end

        Assert.Single(Directory.GetFiles(_folder, "journal.log", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Dispose_WhileTheWriterGathers_WritesWhatWasGathered()
    {
        var crashed = new RunJournal(_folder, new FakeTimeProvider(), NullLogger.Instance);
        crashed.Write("call-open-at-stop", "x"u8);
        await WaitUntilAsync(() => crashed.Gathering);

        await Task.Run(crashed.Dispose).WaitAsync(TimeSpan.FromSeconds(30));
        using var next = Open();

        Assert.Equal("call-open-at-stop", Assert.Single(next.Orphans).Key);
    }

    [Fact]
    public void Orphans_ALogWithATornLastRecord_GivesTheWholeRecordsBeforeIt()
    {
        using (var crashed = Open())
        {
            crashed.Write("call-a", "a"u8);
            crashed.Write("call-b", "b"u8);
        }

        var log = Directory.GetFiles(_folder, "journal.log", SearchOption.AllDirectories).Single();
        using (var stream = new FileStream(log, FileMode.Append))
        {
            stream.Write([200, 0, 0, 0, (byte)'W', 6, (byte)'c']); // a record cut short by a full disk
        }

        using var next = Open();

        Assert.Equal(["call-a", "call-b"], next.Orphans.Select(o => o.Key).Order());
    }

    [Fact]
    public void Orphans_ARunOfTheOlderOneFilePerEntryFormat_AreReadAndResolved()
    {
        var old = Path.Combine(_folder, "run-20261201T000000000-1-abcdef");
        Directory.CreateDirectory(old);
        File.WriteAllBytes(Path.Combine(old, "0123abcd.entry"), "x"u8.ToArray());

        using var next = Open();
        var orphan = Assert.Single(next.Orphans);
        Assert.Equal(("0123abcd", "x"), (orphan.Key, System.Text.Encoding.ASCII.GetString(orphan.Content)));
        next.Resolve(orphan);

        Assert.False(Directory.Exists(old));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the journal's writer never started gathering");
    }

    private RunJournal Open() => new(_folder, TimeProvider.System, NullLogger.Instance);
}
