namespace ContactCenter.Sip.UserAgents.Admission;

/// <summary>Whether a new call may come in, and if not, which limit it met.</summary>
public enum AdmissionVerdict
{
    /// <summary>Admitted.</summary>
    Admitted,

    /// <summary>As many calls as allowed are in progress.</summary>
    TooManyCalls,

    /// <summary>New INVITEs arrive faster than allowed overall.</summary>
    RateExceeded,

    /// <summary>This source sends new INVITEs faster than allowed.</summary>
    SourceRateExceeded,
}
