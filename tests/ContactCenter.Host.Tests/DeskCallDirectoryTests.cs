using ContactCenter.Host.Desk;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Host.Tests;

public sealed class DeskCallDirectoryTests
{
    [Fact]
    public void Offered_AfterClassifiedAndTransferRequest_ReturnsClientAndReason()
    {
        var directory = new DeskCallDirectory();
        var callId = Guid.NewGuid();
        var clientId = Guid.NewGuid();
        directory.SetClient(callId, clientId);
        directory.SetTransferReason(callId, "asks for a discount");

        var (client, reason) = directory.Offered(callId, "2101");

        Assert.Equal(clientId, client);
        Assert.Equal("asks for a discount", reason);
    }

    [Fact]
    public void Ended_CallOfferedToTwo_TellsBothOnceThenForgets()
    {
        var directory = new DeskCallDirectory();
        var callId = Guid.NewGuid();
        directory.Offered(callId, "1001");
        directory.Offered(callId, "2101");
        directory.Offered(callId, "1001");

        var first = directory.Ended(callId);
        var again = directory.Ended(callId);

        Assert.Equal(["1001", "2101"], first.Order(StringComparer.Ordinal));
        Assert.Empty(again);
    }

    [Fact]
    public void LateClassification_AfterTheEnd_ForgottenOnceOlderThanAnyCall()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var directory = new DeskCallDirectory(time);
        var ended = Guid.NewGuid();
        directory.Offered(ended, "1001");
        directory.Ended(ended);
        directory.SetClient(ended, Guid.NewGuid()); // the router's classification arrived after the engine's end

        time.Advance(DeskCallDirectory.MaxAge + TimeSpan.FromHours(1));
        directory.Offered(Guid.NewGuid(), "1002"); // any later activity sweeps
        var (client, _) = directory.Offered(ended, "1003");

        Assert.Null(client); // the stale entry was gone: this is a fresh one
    }
}
