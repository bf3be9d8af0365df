namespace ContactCenter.Host.Calls.Lanes;

/// <summary>One call event read back from the spool.</summary>
/// <param name="MessageId">The id it was spooled with, the same on every replay (the bus's MessageId).</param>
/// <param name="Message">The contract record.</param>
public sealed record SpooledEvent(Guid MessageId, object Message);
