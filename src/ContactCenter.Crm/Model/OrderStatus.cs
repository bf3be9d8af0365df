namespace ContactCenter.Crm.Model;

/// <summary>Where an order stands.</summary>
public enum OrderStatus
{
    /// <summary>Being taken; lines can change.</summary>
    Draft,

    /// <summary>Agreed with the client and passed on for execution.</summary>
    Accepted,

    /// <summary>Withdrawn.</summary>
    Cancelled,
}
