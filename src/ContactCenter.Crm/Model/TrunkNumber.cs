namespace ContactCenter.Crm.Model;

/// <summary>One of a trunk's numbers (a DID): where a carrier's call to it goes.</summary>
public sealed class TrunkNumber
{
    /// <summary>The number as the carrier sends it in the Request-URI (digits, optionally with a leading '+'); unique.</summary>
    public required string Number { get; set; }

    /// <summary>The trunk it belongs to.</summary>
    public required string TrunkName { get; set; }

    /// <summary>A service number (7000, 7001, ...) or an extension the call goes straight to.</summary>
    public required string Target { get; set; }
}
