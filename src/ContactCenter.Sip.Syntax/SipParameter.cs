namespace ContactCenter.Sip.Syntax;

/// <summary>
/// One <c>;name=value</c> (or <c>;name</c>) parameter of a URI or header value.
/// <paramref name="Value"/> is kept as it appeared on the wire (quoted strings keep their quotes).
/// </summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The value, or <see langword="null"/> for a flag parameter such as <c>lr</c>.</param>
public readonly record struct SipParameter(string Name, string? Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value is null ? Name : Name + "=" + Value;
}
