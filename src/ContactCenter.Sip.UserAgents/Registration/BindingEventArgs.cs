namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>A binding that was made, refreshed, removed or that expired.</summary>
public sealed class BindingEventArgs(ContactBinding binding, bool isRefresh) : EventArgs
{
    /// <summary>The binding (for removals, as it was last).</summary>
    public ContactBinding Binding { get; } = binding;

    /// <summary>For <see cref="LocationService.Registered"/>: true when an existing binding was refreshed.</summary>
    public bool IsRefresh { get; } = isRefresh;
}
