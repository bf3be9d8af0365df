using System.Globalization;

namespace ContactCenter.Acd.Policy;

/// <summary>Answers whether a <see cref="BusinessHoursDefinition"/> is open at an instant.</summary>
public static class BusinessHours
{
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>The weekday keys, Monday first.</summary>
    public static IReadOnlyList<string> DayKeys { get; } = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>Whether <paramref name="hours"/> are open at <paramref name="instant"/>; <paramref name="why"/> says why not.</summary>
    public static bool IsOpen(BusinessHoursDefinition hours, DateTimeOffset instant, out string why)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var zone = FindZone(hours.TimeZone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (hours.Holidays?.Contains(date) == true)
        {
            why = $"closed: holiday {date:yyyy-MM-dd}";
            return false;
        }

        var day = Days[(int)local.DayOfWeek];
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (hours.Week.TryGetValue(day, out var range) && TryParseRange(range, out var from, out var to) && time >= from && time < to)
        {
            why = "";
            return true;
        }

        why = $"closed: outside business hours ({day} {time:HH\\:mm} {hours.TimeZone})";
        return false;
    }

    /// <summary>
    /// When <paramref name="hours"/> open next after <paramref name="instant"/> (the instant itself when open then): the
    /// start of the next open range in their time zone, holidays skipped; null when no day of the coming year opens.
    /// </summary>
    public static DateTimeOffset? NextOpening(BusinessHoursDefinition hours, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (IsOpen(hours, instant, out _))
        {
            return instant;
        }

        var zone = FindZone(hours.TimeZone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        for (var day = 0; day <= 370; day++)
        {
            var date = today.AddDays(day);
            if (hours.Holidays?.Contains(date) == true
                || !hours.Week.TryGetValue(Days[(int)date.DayOfWeek], out var range) || !TryParseRange(range, out var from, out _))
            {
                continue;
            }

            var opening = date.ToDateTime(from);
            var at = new DateTimeOffset(opening, zone.GetUtcOffset(opening));
            if (at > instant)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>Parses <c>08:00-20:00</c> (the end after the start); <c>closed</c> is not a range.</summary>
    public static bool TryParseRange(string? text, out TimeOnly from, out TimeOnly to)
    {
        (from, to) = (default, default);
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        return parts is { Length: 2 }
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            && (TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out to) || parts[1] == "24:00" && (to = TimeOnly.MaxValue) == TimeOnly.MaxValue)
            && to > from;
    }

    /// <summary>The time zone <paramref name="id"/>, or null when the system does not know it.</summary>
    public static TimeZoneInfo? FindZone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
