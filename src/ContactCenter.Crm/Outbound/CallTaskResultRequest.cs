namespace ContactCenter.Crm.Outbound;

/// <summary>The result of a call from a list.</summary>
/// <param name="Result">reached, no-answer, busy, wrong-number, call-back-later or refused.</param>
/// <param name="Notes">What the operator wants the head to know.</param>
/// <param name="CallBackAt">call-back-later: when the client asked to be called.</param>
/// <param name="Answers">Survey answers by question number (<c>"1": "yes"</c>); only when reached.</param>
/// <param name="DialNext">Progressive mode: dial the operator's next task at once.</param>
public sealed record CallTaskResultRequest(string? Result, string? Notes, DateTimeOffset? CallBackAt, Dictionary<string, string>? Answers,
    bool DialNext = false);
