using ContactCenter.Host.Desk;

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
}
