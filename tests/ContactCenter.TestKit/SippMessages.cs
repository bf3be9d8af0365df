using System.Text.RegularExpressions;

namespace ContactCenter.TestKit;

/// <summary>Reads sipp's message trace (<see cref="SippResult.Messages"/>): the messages sipp received or sent, by their first line.</summary>
public static partial class SippMessages
{
    /// <summary>
    /// The messages sipp <paramref name="received"/> (else sent) whose first line starts with <paramref name="firstLine"/>
    /// (e.g. <c>INVITE </c>, <c>SIP/2.0 200</c>), in order.
    /// </summary>
    public static IReadOnlyList<string> Find(SippResult result, string firstLine, bool received = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var direction = received ? "message received" : "message sent";
        return [.. Separator().Split(result.Messages)
            .Where(block => block.Contains(direction, StringComparison.Ordinal))
            .Select(block => block[(block.IndexOf('\n', block.IndexOf(direction, StringComparison.Ordinal)) + 1)..].TrimStart('\r', '\n'))
            .Where(message => message.StartsWith(firstLine, StringComparison.Ordinal))];
    }

    /// <summary>The <c>m=audio</c> line of <paramref name="message"/>'s SDP (without its line end), or null.</summary>
    public static string? AudioLine(string message) => AudioPattern().Match(message ?? "") is { Success: true } found ? found.Value.TrimEnd('\r') : null;

    [GeneratedRegex(@"^-{20,}.*$", RegexOptions.Multiline)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^m=audio .*$", RegexOptions.Multiline)]
    private static partial Regex AudioPattern();
}
