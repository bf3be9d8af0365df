namespace ContactCenter.Crm.Model;

/// <summary>Where the arrival notification of a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Nobody called the consignee yet.</summary>
    Planned,

    /// <summary>A notification call was placed; its outcome is not recorded yet.</summary>
    Calling,

    /// <summary>The consignee knows the arrival time.</summary>
    Notified,

    /// <summary>The consignee did not answer.</summary>
    NoAnswer,

    /// <summary>The consignee agreed a new date and window.</summary>
    Rescheduled,

    /// <summary>The consignee refused the delivery.</summary>
    Refused,
}
