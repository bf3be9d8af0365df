using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactCenter.Crm.Reports;

/// <summary>
/// The one definition of service level, used by the reports, the interval reports and the wallboard: an inbound call
/// counts as answered in time when it was answered within its queue's threshold of arriving (<c>answered_at -
/// received_at</c>); the service level is answered in time / (answered + abandoned), in percent, one decimal.
/// </summary>
internal sealed class ServiceLevel(IServiceLevelThresholds thresholds, IOptions<ReportOptions> options)
{
    /// <summary>A CTE (<c>thresholds(q, s)</c>: queue, seconds) for the SQL of <see cref="InTime"/>; needs <see cref="Parameters"/>.</summary>
    public const string ThresholdsCte = "thresholds AS (SELECT q, s FROM unnest(@sl_queues::text[], @sl_seconds::float8[]) AS t(q, s))";

    /// <summary>The join that gives call row <paramref name="call"/> its threshold row <c>th</c>.</summary>
    public static string JoinThreshold(string call) => $"LEFT JOIN thresholds th ON th.q = {call}.queue_name";

    /// <summary>True (SQL) when call row <paramref name="call"/> was answered within its threshold.</summary>
    public static string InTime(string call) =>
        $"({call}.answered_at IS NOT NULL AND extract(epoch FROM {call}.answered_at - {call}.received_at) <= coalesce(th.s, @sl_default))";

    /// <summary>The threshold of calls without a queue of their own.</summary>
    public TimeSpan DefaultThreshold => options.Value.ServiceLevelThreshold;

    /// <summary>The thresholds of queues that have their own.</summary>
    public IReadOnlyDictionary<string, TimeSpan> PerQueue => thresholds.PerQueue;

    /// <summary>The threshold of <paramref name="queue"/>.</summary>
    public TimeSpan ThresholdOf(string? queue) => queue is not null && thresholds.PerQueue.TryGetValue(queue, out var t) ? t : DefaultThreshold;

    /// <summary>The parameters <see cref="ThresholdsCte"/> and <see cref="InTime"/> use.</summary>
    public NpgsqlParameter[] Parameters() =>
    [
        new("sl_queues", thresholds.PerQueue.Keys.ToArray()),
        new("sl_seconds", thresholds.PerQueue.Values.Select(t => t.TotalSeconds).ToArray()),
        new("sl_default", DefaultThreshold.TotalSeconds),
    ];

    /// <summary>The service level in percent (one decimal), or null when no call was answered or abandoned.</summary>
    public static double? Percent(long answeredInTime, long answered, long abandoned) =>
        answered + abandoned == 0 ? null : Math.Round(100.0 * answeredInTime / (answered + abandoned), 1, MidpointRounding.AwayFromZero);
}
