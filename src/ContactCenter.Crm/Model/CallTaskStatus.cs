namespace ContactCenter.Crm.Model;

/// <summary>Progress of one outbound call task.</summary>
public enum CallTaskStatus
{
    /// <summary>Not yet called.</summary>
    Pending,

    /// <summary>An operator is working on it.</summary>
    InProgress,

    /// <summary>Called, with a result.</summary>
    Done,

    /// <summary>Could not be completed (no answer after all attempts, wrong number, do-not-call).</summary>
    Failed,
}
