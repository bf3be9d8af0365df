using ContactCenter.Sip.UserAgents.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

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
        Assert.Equal(["call-a.entry", "call-c.entry"], orphans.Select(Path.GetFileName).Order());
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

    private RunJournal Open() => new(_folder, TimeProvider.System, NullLogger.Instance);
}
