using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Host.Calls.Spool;

namespace ContactCenter.Host.Tests;

/// <summary>What a spool record's payload reads as: the contract it names, or unreadable when it names none.</summary>
public sealed class SpoolPayloadTests
{
    private static readonly Guid MessageId = Guid.Parse("5b0b7c4e-6f0e-4a43-9d0f-3f5f2f7b9a11");

    private static string Payload(string typeJson) =>
        "{\"messageId\":\"" + MessageId + "\",\"type\":" + typeJson + ",\"body\":{\"eventId\":\"" + Guid.Empty + "\",\"callId\":\"" + MessageId
        + "\",\"sequence\":3,\"occurredAt\":\"2026-12-07T10:00:00+00:00\",\"heldBy\":\"1001\"}}";

    private static (SpoolPayload.Outcome, object?) Read(string payload)
    {
        var outcome = SpoolPayload.TryRead(Encoding.UTF8.GetBytes(payload), _ => true, out _, out var message);
        return (outcome, message);
    }

    [Theory]
    [InlineData("\"ContactCenter.Contracts.Calls.CallHeld\"")]
    [InlineData("\"\\u0043ontactCenter.Contracts.Calls.CallHeld\"")] // escaped in JSON: the same name
    public void ContractNamed_ReadsAsThatContract(string type)
    {
        var (outcome, message) = Read(Payload(type));

        Assert.Equal(SpoolPayload.Outcome.Read, outcome);
        Assert.Equal("1001", Assert.IsType<CallHeld>(message).HeldBy);
    }

    [Theory]
    [InlineData("\"ContactCenter.Contracts.Calls.NoSuchEvent\"")] // a type this build does not know
    [InlineData("\"System.IO.File\"")] // only contracts are ever loaded
    [InlineData("\"contactcenter.contracts.calls.callheld\"")] // names are exact
    [InlineData("null")]
    [InlineData("42")]
    public void NoContractNamed_Unreadable(string type) =>
        Assert.Equal(SpoolPayload.Outcome.Unreadable, Read(Payload(type)).Item1);

    [Fact]
    public void LongName_ReadAsAString_StillNoContract_Unreadable() =>
        Assert.Equal(SpoolPayload.Outcome.Unreadable, Read(Payload("\"ContactCenter.Contracts.Calls." + new string('X', 300) + "\"")).Item1);

    [Fact]
    public void NotWanted_BodyLeftUnread()
    {
        var outcome = SpoolPayload.TryRead(Encoding.UTF8.GetBytes(Payload("\"ContactCenter.Contracts.Calls.CallHeld\"")), t => t != typeof(CallHeld),
            out var id, out var message);

        Assert.Equal((SpoolPayload.Outcome.NotWanted, MessageId), (outcome, id));
        Assert.Null(message);
    }
}
