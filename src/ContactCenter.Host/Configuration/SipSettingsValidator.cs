using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Configuration;

/// <summary>Checks what data annotations cannot: cross-field rules of <see cref="SipSettings"/>.</summary>
public sealed class SipSettingsValidator : IValidateOptions<SipSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SipSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Rtp.PortMin >= options.Rtp.PortMax)
        {
            errors.Add("Sip:Rtp:PortMin must be below Sip:Rtp:PortMax.");
        }

        foreach (var (extension, settings) in options.Extensions)
        {
            if (extension.Length is < 2 or > 16 || !extension.All(char.IsAsciiDigit))
            {
                errors.Add($"Sip:Extensions:{extension}: an extension is 2 to 16 digits.");
            }

            if (string.IsNullOrEmpty(settings.Password) && string.IsNullOrEmpty(settings.Ha1Md5) && string.IsNullOrEmpty(settings.Ha1Sha256))
            {
                errors.Add($"Sip:Extensions:{extension}: give Password, Ha1Md5 or Ha1Sha256.");
            }
        }

        foreach (var (number, settings) in options.ServiceNumbers)
        {
            if (options.Extensions.ContainsKey(number))
            {
                errors.Add($"Sip:ServiceNumbers:{number} is also an extension.");
            }

            if (settings.Mode is not ("Route" or "VoiceMenu"))
            {
                errors.Add($"Sip:ServiceNumbers:{number}:Mode must be Route or VoiceMenu.");
            }
        }

        foreach (var pattern in options.Trunk?.AllowedDestinations ?? [])
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50));
            }
            catch (ArgumentException)
            {
                errors.Add($"Sip:Trunk:AllowedDestinations: '{pattern}' is not a regular expression.");
            }
        }

        if (!string.IsNullOrEmpty(options.Trunk?.AuthUser) && string.IsNullOrEmpty(options.Trunk.Password))
        {
            errors.Add("Sip:Trunk:Password is required with Sip:Trunk:AuthUser.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
