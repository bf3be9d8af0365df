using System.Diagnostics.CodeAnalysis;

namespace FuzzTargets;

/// <summary>The targets by name, as run.sh and the regression tests' folders name them.</summary>
internal static class Targets
{
    private static readonly Dictionary<string, FuzzTarget> All = new(StringComparer.Ordinal)
    {
        ["sip-message"] = SipTargets.Message,
        ["sip-stream"] = SipTargets.Stream,
        ["sip-uri"] = SipTargets.Uri,
        ["name-addr"] = SipTargets.NameAddress,
        ["via"] = SipTargets.Via,
        ["digest"] = SipTargets.Digest,
        ["sdp"] = SdpTargets.Session,
        ["rtp"] = MediaTargets.Rtp,
        ["rtcp"] = MediaTargets.Rtcp,
        ["telephone-event"] = MediaTargets.TelephoneEvents,
        ["srtp"] = SrtpTargets.Unprotect,
    };

    public static IEnumerable<string> Names => All.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out FuzzTarget? target) => All.TryGetValue(name, out target);
}
