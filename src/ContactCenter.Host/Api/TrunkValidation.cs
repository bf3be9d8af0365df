using System.Net;
using System.Text.RegularExpressions;
using ContactCenter.Crm.Model;
using ContactCenter.Sessions;

namespace ContactCenter.Host.Api;

/// <summary>Checks a <see cref="TrunkRequest"/> field by field (the console shows each message beside its field).</summary>
internal static partial class TrunkValidation
{
    /// <summary>
    /// The field errors of <paramref name="request"/> (empty when it is good). <paramref name="hasStoredPassword"/>: the
    /// trunk already has a password (a change that leaves it out keeps it); <paramref name="isTarget"/> says whether a
    /// DID's target is a service number or an extension.
    /// </summary>
    public static Dictionary<string, string[]> Check(TrunkRequest request, string name, bool hasStoredPassword, Func<string, bool> isTarget)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (!NamePattern().IsMatch(name))
        {
            Add("name", $"A name is 1 to {Trunk.MaxNameLength} letters, digits, '.', '-' or '_'.");
        }

        if (!IPAddress.TryParse(request.Address, out _))
        {
            Add("address", "Give the carrier's IP address (no host names).");
        }

        if (request.Port is not (null or (>= 1 and <= 65_535)))
        {
            Add("port", "A port is 1 to 65535.");
        }

        if (request.Transport is not (null or "udp" or "tcp" or "tls"))
        {
            Add("transport", "Transport is udp, tcp or tls.");
        }

        if (request.SourceAddresses?.FirstOrDefault(a => !IPAddress.TryParse(a, out _)) is { } badSource)
        {
            Add("sourceAddresses", $"'{badSource}' is not an IP address.");
        }

        if (request.AuthUser is { Length: > 100 } || request.Realm is { Length: > 100 } || request.Password is { Length: > 200 })
        {
            Add("authUser", "The user and realm are at most 100 characters, the password at most 200.");
        }
        else if (!string.IsNullOrEmpty(request.AuthUser) && request.Password is not { Length: > 0 } && !(hasStoredPassword && request.Password is null))
        {
            Add("password", "A password is needed with the digest user.");
        }

        if (request.Register == true && string.IsNullOrEmpty(request.AuthUser))
        {
            Add("register", "Registering needs the digest user and password.");
        }

        if (request.RegisterExpires is not (null or (>= 60 and <= 86_400)))
        {
            Add("registerExpires", "The registration lifetime is 60 to 86400 seconds.");
        }

        if (request.RegisterUser is { Length: > 100 } || request.RegisterDomain is { Length: > 100 })
        {
            Add("registerUser", "The account and domain are at most 100 characters.");
        }

        if (request.CallerId is { Length: > 0 } callerId && !E164Pattern().IsMatch(callerId))
        {
            Add("callerId", "The caller ID is an E.164 number, e.g. +74951234500.");
        }

        if (request.Prefixes?.FirstOrDefault(p => !PrefixPattern().IsMatch(p ?? "")) is { } badPrefix)
        {
            Add("prefixes", $"'{badPrefix}' is not an E.164 prefix ('+' and 1 to 15 digits, e.g. +7495).");
        }

        if (request.Priority is not (null or (>= 0 and <= 1000)))
        {
            Add("priority", "Priority is 0 (first) to 1000.");
        }

        if (!LegCodecs.TryNormalize(request.Codecs, out _, out var codecError))
        {
            Add("codecs", codecError!);
        }

        if (request.RequireTlsAndSrtp == true && request.Transport != "tls")
        {
            // SDES keys travel in the SDP: only TLS keeps them secret.
            Add("requireTlsAndSrtp", "A trunk that requires SRTP is reached over TLS: set transport to tls.");
        }

        CheckNumbers(request.Numbers ?? [], isTarget, Add);
        return errors;
    }

    private static void CheckNumbers(IReadOnlyList<TrunkNumberDto> numbers, Func<string, bool> isTarget, Action<string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var number in numbers)
        {
            if (number?.Number is not { } did || !DidPattern().IsMatch(did))
            {
                add("numbers", $"'{number?.Number}' is not a number (digits, optionally after '+', 2 to 19).");
                return;
            }

            if (!seen.Add(did))
            {
                add("numbers", $"{did} is given twice.");
                return;
            }

            if (number.Target is not { } target || !isTarget(target))
            {
                add("numbers", $"{did}: '{number.Target}' is neither a service number nor an extension.");
                return;
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\+[1-9]\d{5,14}$")]
    private static partial Regex E164Pattern();

    [GeneratedRegex(@"^\+\d{1,15}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"^\+?\d{2,19}$")]
    private static partial Regex DidPattern();
}
