namespace ContactCenter.Crm.Notifications;

/// <summary>The kinds of notification the CRM produces (also the <c>kind</c> of <c>NotificationCreated</c>).</summary>
public static class NotificationKinds
{
    /// <summary>A new caller became a client and awaits a manager (to the head of the department).</summary>
    public const string ClientToAssign = "client-to-assign";

    /// <summary>A client was assigned to a manager (to that manager).</summary>
    public const string ClientAssigned = "client-assigned";

    /// <summary>A complaint or wish (to the interested department and the client's manager).</summary>
    public const string Feedback = "feedback";

    /// <summary>An order was accepted (to the client's manager and the departments that follow execution).</summary>
    public const string OrderAccepted = "order-accepted";

    /// <summary>An e-mail to a client could not be delivered after every attempt (to whoever asked for it).</summary>
    public const string EmailFailed = "email-failed";

    /// <summary>The engine refused an agent's outbound call (dial plan or limits): a possible toll-fraud attempt.</summary>
    public const string OutboundRefused = "outbound-refused";
}
