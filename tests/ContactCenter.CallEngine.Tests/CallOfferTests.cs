using ContactCenter.CallEngine.Calls;

namespace ContactCenter.CallEngine.Tests;

public sealed class CallOfferTests
{
    [Theory]
    [InlineData(486, "busy")]
    [InlineData(600, "busy")]
    [InlineData(603, "declined")]
    [InlineData(408, "no answer")]
    [InlineData(480, "unavailable")]
    [InlineData(488, "no common codec")]
    [InlineData(503, "unreachable")]
    [InlineData(404, "rejected (404)")]
    public void Describe_FinalResponse_ReasonAgentsAndReportsUnderstand(int status, string reason) =>
        Assert.Equal(reason, CallOffer.Describe(status));
}
