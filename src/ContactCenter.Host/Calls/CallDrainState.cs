namespace ContactCenter.Host.Calls;

/// <summary>Whether the host is draining: set once a graceful stop begins, never cleared.</summary>
public sealed class CallDrainState
{
    private volatile bool _draining;

    /// <summary>True from the start of a graceful stop.</summary>
    public bool Draining => _draining;

    /// <summary>Starts draining.</summary>
    public void Begin() => _draining = true;
}
