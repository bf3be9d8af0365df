using System.Reflection;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Tests.Architecture;

/// <summary>
/// The layering of issue #14: the session port knows no SIP, the SIP session layer knows no call engine, and the call
/// engine knows no SIP (it references no ContactCenter.Sip.* assembly: calls in call terms, through the port).
/// </summary>
public sealed class LayeringTests
{
    [Fact]
    public void SessionPort_ReferencesNoSipAndNoEngine()
    {
        var referenced = typeof(ILegSessionPort).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(referenced, name => name.StartsWith("ContactCenter.", StringComparison.Ordinal) && name != "ContactCenter.Sdp");
        Assert.Contains("ContactCenter.Sdp", referenced);
    }

    [Fact]
    public void SipUserAgents_DoesNotLearnOfTheCallEngine()
    {
        var userAgents = Assembly.Load("ContactCenter.Sip.UserAgents");

        Assert.DoesNotContain(userAgents.GetReferencedAssemblies(),
            a => a.Name is "ContactCenter.CallEngine" or "ContactCenter.Acd" or "ContactCenter.Contracts");
    }

    [Fact]
    public void CallEngine_ReferencesNoSipAssembly_ItSpeaksThroughTheSessionPort()
    {
        var referenced = typeof(CallEngineServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(referenced, name => name.StartsWith("ContactCenter.Sip.", StringComparison.Ordinal));
        Assert.Contains("ContactCenter.Sessions", referenced);
    }
}
