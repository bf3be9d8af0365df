namespace ContactCenter.CallEngine.Supervision;

/// <summary>How a request to supervise a call went.</summary>
public enum SupervisionStart
{
    /// <summary>The supervisor's phone rings; answering it joins the call.</summary>
    Ringing,

    /// <summary>No such live call, or it is not answered (ringing, queued, mid-transfer).</summary>
    NotAnswered,

    /// <summary>Someone supervises the call already.</summary>
    AlreadySupervised,

    /// <summary>The supervisor's phone is not registered.</summary>
    SupervisorNotRegistered,

    /// <summary>The supervisor is a party to the call.</summary>
    SupervisorOnTheCall,

    /// <summary>No free media ports.</summary>
    NoMediaPorts,
}
