namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>The outcome of a <see cref="LocationService"/> update, with the bindings current afterwards.</summary>
/// <param name="Status">Whether the update was applied.</param>
/// <param name="Bindings">The extension's bindings after the update (unchanged when it was refused).</param>
public sealed record BindingUpdateResult(BindingUpdateStatus Status, IReadOnlyList<ContactBinding> Bindings);

/// <summary>Why an update was or was not applied. Updates are all or nothing (RFC 3261 §10.3 step 7).</summary>
public enum BindingUpdateStatus
{
    /// <summary>Applied.</summary>
    Applied,

    /// <summary>Refused: same Call-ID as a binding but a CSeq not higher than it (RFC 3261 §10.3 steps 6 and 7).</summary>
    OutOfOrder,

    /// <summary>Refused: more bindings than <see cref="RegistrarOptions.MaxBindingsPerExtension"/>.</summary>
    TooManyBindings,
}
