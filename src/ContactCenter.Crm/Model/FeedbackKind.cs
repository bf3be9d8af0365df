namespace ContactCenter.Crm.Model;

/// <summary>What a client brought up.</summary>
public enum FeedbackKind
{
    /// <summary>Something went wrong.</summary>
    Complaint,

    /// <summary>Something the client would like.</summary>
    Wish,
}
