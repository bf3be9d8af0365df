using ContactCenter.CallEngine.Calls;
using Microsoft.Extensions.Logging;

namespace ContactCenter.CallEngine.Tests.Calls;

/// <summary>
/// The end of a call (issue #14): every clean-up step runs even when another fails, so a recording on a full disk or
/// a bus error never leaves an agent busy, ports taken, the bridge up, CallEnded unpublished or the call listed.
/// </summary>
public sealed class CallTeardownTests
{
    private static readonly string[] AllSteps =
    [
        "final response to the caller", "BYE to the callee", "announcement", "recording", "bridge", "release agent 1001",
        "release calling agent 1002", "media summary", "caller's ports", "callee's ports", "CallEnded", "routing", "report", "remove",
    ];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task RunAsync_OneStepFails_EveryOtherStepStillRunsInOrder(string failing)
    {
        var ran = new List<string>();
        var logger = new ListLogger();

        await CallTeardown.RunAsync(EndOf(ran, failing), Guid.NewGuid(), logger);

        Assert.Equal(AllSteps, ran);
        var error = Assert.Single(logger.Errors);
        Assert.Contains(failing, error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryStepFails_AllAreTriedAndEachIsLogged()
    {
        var ran = new List<string>();
        var logger = new ListLogger();

        await CallTeardown.RunAsync(EndOf(ran, failing: null, failAll: true), Guid.NewGuid(), logger);

        Assert.Equal(AllSteps, ran);
        Assert.Equal(AllSteps.Length, logger.Errors.Count);
    }

    [Fact]
    public async Task RunAsync_NothingFails_LogsNoError()
    {
        var ran = new List<string>();
        var logger = new ListLogger();

        await CallTeardown.RunAsync(EndOf(ran, failing: null), Guid.NewGuid(), logger);

        Assert.Equal(AllSteps, ran);
        Assert.Empty(logger.Errors);
    }

    [Fact]
    public async Task RunAsync_CallEndedUnnamedParts_SkipsThemAndStillPublishesAndRemoves()
    {
        // A call ended while ringing: no bridge, recording, answered leg or media summary.
        var ran = new List<string>();

        await CallTeardown.RunAsync(new EndOfCall
        {
            PublishEnded = () => ran.Add("CallEnded"),
            Remove = () => ran.Add("remove"),
        }, Guid.NewGuid(), new ListLogger());

        Assert.Equal(["CallEnded", "remove"], ran);
    }

    public static TheoryData<string> Steps() => [.. AllSteps];

    private static EndOfCall EndOf(List<string> ran, string? failing, bool failAll = false)
    {
        void Step(string name)
        {
            ran.Add(name);
            if (failAll || name == failing)
            {
                throw name == "recording" ? new IOException("No space left on device: " + name) : new InvalidOperationException("failed: " + name);
            }
        }

        // Asynchronous steps fail after yielding, as real I/O does.
        Func<Task> Async(string name) => async () =>
        {
            await Task.Yield();
            Step(name);
        };

        return new EndOfCall
        {
            Signalling = [("caller's final response", Async("final response to the caller")), ("BYE to the callee", Async("BYE to the callee"))],
            Ringback = new Disposable(Async("announcement")),
            CloseRecording = async () => await Async("recording")(),
            Bridge = new Disposable(Async("bridge")),
            AgentReleases = [() => Step("release agent 1001"), () => Step("release calling agent 1002")],
            LogMedia = () => Step("media summary"),
            Media = [new Disposable(Async("caller's ports")), null, new Disposable(Async("callee's ports"))],
            PublishEnded = () => Step("CallEnded"),
            CompleteRouting = () => Step("routing"),
            Report = () => Step("report"),
            Remove = () => Step("remove"),
        };
    }

    private sealed class Disposable(Func<Task> dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(dispose());
    }

    private sealed class ListLogger : ILogger
    {
        public List<(string Message, Exception Exception)> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                Errors.Add((formatter(state, exception), exception));
            }
        }
    }
}
