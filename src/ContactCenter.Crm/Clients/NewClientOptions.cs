using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Clients;

/// <summary>Where new callers go: the department whose head assigns them a manager.</summary>
internal sealed class NewClientOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:NewClients";

    /// <summary>
    /// Code of the department whose head is told about a new caller (the ACD's default policy routes the call to the
    /// head of wholesale sales too).
    /// </summary>
    [Required]
    [MinLength(1)]
    public string Department { get; set; } = "wholesale";

    /// <summary>
    /// At most this many new clients per hour from one caller-ID prefix (<see cref="PrefixDigits"/>): spoofed caller IDs
    /// must not flood the CRM and the head's tasks (issue #16). Callers beyond it are still routed, just not recorded.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPerPrefixPerHour { get; set; } = 20;

    /// <summary>How many digits of the E.164 number (after <c>+</c>) make the prefix (7: <c>+7495777</c>).</summary>
    [Range(1, 14)]
    public int PrefixDigits { get; set; } = 7;
}
