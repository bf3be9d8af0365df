namespace ContactCenter.Contracts.Calls;

/// <summary>How a call was transferred.</summary>
public enum TransferKind
{
    /// <summary>REFER without consultation.</summary>
    Blind,

    /// <summary>REFER with Replaces after a consultation call.</summary>
    Attended,

    /// <summary>Through the API (desktop button).</summary>
    Api,
}
