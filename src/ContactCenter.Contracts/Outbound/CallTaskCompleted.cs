namespace ContactCenter.Contracts.Outbound;

/// <summary>
/// A task of an outbound call list was settled (done, or given up): the result reported back to the head who gave the list.
/// </summary>
/// <param name="EventId">Unique id of this event.</param>
/// <param name="TaskId">The call task.</param>
/// <param name="CallListId">Its call list.</param>
/// <param name="CallListName">The list's name.</param>
/// <param name="HeadExtension">The extension of the head who gave the list, when known.</param>
/// <param name="ClientId">The client called, when known.</param>
/// <param name="Phone">The number called (E.164).</param>
/// <param name="Status">Done or Failed.</param>
/// <param name="Result">The last call's result (Reached, NoAnswer, Busy, WrongNumber, CallBackLater, Refused, DoNotCall).</param>
/// <param name="Attempts">Calls placed for the task.</param>
/// <param name="OperatorExtension">Who recorded the result.</param>
/// <param name="Notes">The operator's notes.</param>
/// <param name="OccurredAt">When the result was recorded.</param>
public sealed record CallTaskCompleted(Guid EventId, Guid TaskId, Guid CallListId, string CallListName, string? HeadExtension,
    Guid? ClientId, string Phone, string Status, string Result, int Attempts, string OperatorExtension, string? Notes,
    DateTimeOffset OccurredAt);
