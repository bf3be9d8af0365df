namespace ContactCenter.Crm.Outbound;

/// <summary>A call list a department head hands out.</summary>
/// <param name="Name">What the list is called (1-200 characters).</param>
/// <param name="Purpose">sleeping-clients, survey, informational, sales-cold or sales-warm.</param>
/// <param name="Instructions">What the operators should say or ask.</param>
/// <param name="DueDate">When the list should be done (today or later).</param>
/// <param name="Operators">Extensions of the staff who work it.</param>
/// <param name="MaxAttempts">Dial attempts per task (1-10; default <c>Crm:MaxAttempts</c>).</param>
/// <param name="Tasks">Whom to call: a client (its first number is called), a number, or both.</param>
/// <param name="Questions">Survey questions asked on every call.</param>
public sealed record CreateCallListRequest(string? Name, string? Purpose, string? Instructions, DateOnly? DueDate,
    List<string>? Operators, int? MaxAttempts, List<CallTaskRequest>? Tasks, List<SurveyQuestionRequest>? Questions);
