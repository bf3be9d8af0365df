using System.Text.RegularExpressions;
using ContactCenter.Host.Configuration;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Startup;

/// <summary>Turns start-up exceptions caused by bad settings into one line that names the setting.</summary>
public static partial class StartupErrors
{
    /// <summary>True (with a message) when <paramref name="exception"/> comes from configuration or the environment.</summary>
    public static bool TryDescribe(Exception exception, out string message)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case StartupFailureException failure:
                message = failure.Message;
                return true;
            case OptionsValidationException validation:
                // Data annotations wrap our messages (which start with the key) in
                // "DataAnnotation validation failed for 'X' members: 'Y' with the error: '...'".
                message = string.Join("; ", validation.Failures.Select(f => Describe(validation.OptionsType, f)));
                return true;
            case AggregateException aggregate when aggregate.InnerExceptions.All(e => TryDescribe(e, out _)):
                message = string.Join("; ", aggregate.InnerExceptions.Select(e => TryDescribe(e, out var m) ? m : ""));
                return true;
            case InvalidOperationException when ConversionFailure().Match(exception.Message) is { Success: true } match:
                // The configuration binder: "Failed to convert configuration value 'abc' at 'Http:Port' to type 'System.Int32'."
                message = $"{match.Groups["key"].Value}: '{match.Groups["value"].Value}' cannot be read as {FriendlyType(match.Groups["type"].Value)}.";
                return true;
            case IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                message = $"Http:Port: {io.Message}";
                return true;
            default:
                message = "";
                return false;
        }
    }

    /// <summary>The failure text, prefixed with the configuration key when it does not name it already.</summary>
    private static string Describe(Type optionsType, string failure)
    {
        var match = AnnotationFailure().Match(failure);
        var error = match.Success ? match.Groups["error"].Value : failure;
        var section = optionsType.GetField("Section")?.GetRawConstantValue() as string;
        if (section is null || error.StartsWith(section, StringComparison.Ordinal))
        {
            return error;
        }

        var member = match.Success ? match.Groups["member"].Value : null;
        return string.IsNullOrEmpty(member) ? $"{section}: {error}" : $"{section}:{member}: {error}";
    }

    private static string FriendlyType(string type) => type switch
    {
        "System.Int32" => "a whole number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a time span such as 00:00:30",
        _ => type,
    };

    [GeneratedRegex("(?:members: '(?<member>[^']*)' )?with the error: '(?<error>.*)'\\.?$")]
    private static partial Regex AnnotationFailure();

    [GeneratedRegex("Failed to convert configuration value (?:'(?<value>[^']*)' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();
}
