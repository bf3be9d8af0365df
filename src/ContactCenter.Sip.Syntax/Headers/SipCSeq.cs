namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number and the request method.</summary>
/// <param name="Number">The sequence number (32-bit unsigned).</param>
/// <param name="Method">The method of the request this CSeq belongs to.</param>
public readonly record struct SipCSeq(uint Number, SipMethod Method)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Number} {Method.Name}";
}
