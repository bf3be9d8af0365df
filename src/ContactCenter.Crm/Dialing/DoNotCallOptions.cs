using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Dialing;

/// <summary>How the in-memory do-not-call numbers are kept fresh (<c>Crm:DoNotCall</c>).</summary>
public sealed class DoNotCallOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crm:DoNotCall";

    /// <summary>How often the numbers are read again (a change on the desk refreshes them at once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);
}
