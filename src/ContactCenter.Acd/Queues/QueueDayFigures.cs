namespace ContactCenter.Acd.Queues;

/// <summary>A queue's figures since the business day began (local midnight in the queue's time zone).</summary>
/// <param name="Since">When the day began (local midnight, as an instant).</param>
/// <param name="TimeZone">The time zone the day is counted in.</param>
/// <param name="Threshold">A call answered within this wait counts toward the service level.</param>
/// <param name="Answered">Calls answered from the queue today.</param>
/// <param name="AnsweredInTime">Of those, answered within <paramref name="Threshold"/>.</param>
/// <param name="Abandoned">Callers who hung up while queued today.</param>
/// <param name="ServiceLevel">Percent answered within the threshold of the calls answered or abandoned today (one decimal); null before the first.</param>
public sealed record QueueDayFigures(DateTimeOffset Since, string TimeZone, TimeSpan Threshold, int Answered, int AnsweredInTime, int Abandoned,
    double? ServiceLevel);
