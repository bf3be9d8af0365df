namespace ContactCenter.Crm.Model;

/// <summary>Whether a client orders regularly.</summary>
public enum ClientStatus
{
    /// <summary>Ordered recently.</summary>
    Active,

    /// <summary>No order for the configured number of days: a candidate for a proactive call.</summary>
    Sleeping,
}
