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
}
