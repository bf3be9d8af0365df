using ContactCenter.Sessions;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

public sealed class LegEndCausesTests
{
    [Theory]
    [InlineData(LegEndCause.Busy, 486)]
    [InlineData(LegEndCause.Declined, 603)]
    [InlineData(LegEndCause.Cancelled, 487)]
    [InlineData(LegEndCause.MediaRejected, 488)]
    [InlineData(LegEndCause.NotFound, 404)]
    [InlineData(LegEndCause.Forbidden, 403)]
    [InlineData(LegEndCause.Overloaded, 503)]
    [InlineData(LegEndCause.Failed, 500)]
    [InlineData(LegEndCause.Unavailable, 480)]
    [InlineData(LegEndCause.NoAnswer, 480)]
    [InlineData(LegEndCause.SessionExpired, 480)]
    public void ToStatusCode_TheFinalResponseAnUnansweredCallerGets(LegEndCause cause, int status) =>
        Assert.Equal(status, LegEndCauses.ToStatusCode(cause));

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
        Assert.Equal(reason, LegEndCauses.Describe(status));
}
