using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Documents;

/// <summary>
/// The SMTP server documents are sent through (<c>Crm:Mail</c>). Without a <see cref="Host"/> e-mail is off and a
/// request to send answers 409 saying so.
/// </summary>
public sealed class MailOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crm:Mail";

    /// <summary>The SMTP server's host name or address; empty: e-mail is off.</summary>
    public string? Host { get; init; }

    [Range(1, 65_535)]
    public int Port { get; init; } = 25;

    /// <summary>The sender address, e.g. <c>Orders desk &lt;orders@example.com&gt;</c>.</summary>
    public string From { get; init; } = "ContactCenter <contactcenter@localhost>";

    /// <summary>The SMTP user, when the server asks for authentication.</summary>
    public string? UserName { get; init; }

    /// <summary>The SMTP password (a secret: from the environment or a secrets file, never logged).</summary>
    public string? Password { get; init; }

    /// <summary>TLS: on port 465 from the first byte, on other ports STARTTLS (required); false: plain SMTP.</summary>
    public bool UseTls { get; init; }

    /// <summary>Attempts before an e-mail is marked failed and its requester told.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The pause after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the sender looks for due e-mails when nothing woke it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one SMTP conversation may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a server is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
