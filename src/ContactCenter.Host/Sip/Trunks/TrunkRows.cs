using System.Net;
using ContactCenter.Crm.Model;
using ContactCenter.Sessions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Outbound;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.Host.Sip.Trunks;

/// <summary>A database trunk row as the telephony side uses it (rows are validated when entered; a bad one is skipped, never fatal).</summary>
internal static class TrunkRows
{
    public static TrunkDefinition ToDefinition(Trunk row)
    {
        var address = IPAddress.TryParse(row.Address, out var parsed) ? parsed : IPAddress.None;
        var transport = SipEndPoint.ParseTransport(row.Transport) ?? SipTransportProtocol.Udp;
        var credentials = row is { AuthUser: { Length: > 0 } user, Password: { Length: > 0 } password } ? new TrunkCredentials(user, password, row.Realm) : null;
        return new TrunkDefinition(row.Name, address, row.Port, transport)
        {
            Sources = [.. row.SourceAddresses.Select(a => IPAddress.TryParse(a, out var source) ? source : null).OfType<IPAddress>()],
            Credentials = credentials,
            Registration = row.Register && credentials is not null
                ? new OutboundRegistrationOptions
                {
                    Name = row.Name, Address = row.Address, Port = row.Port, Transport = row.Transport, Domain = row.RegisterDomain,
                    User = row.RegisterUser ?? credentials.User, AuthUser = credentials.User, Password = credentials.Password, Expires = row.RegisterExpires,
                }
                : null,
            CallerId = row.CallerId,
            Prefixes = row.Prefixes,
            Codecs = LegCodecs.TryNormalize(row.Codecs, out var codecs, out _) ? codecs : [],
            RequireTlsAndSrtp = row.RequireTlsAndSrtp,
            Priority = row.Priority,
            // A trunk that must use TLS and SRTP but is not reached over TLS (never saved so) carries nothing rather than leak keys.
            IsEnabled = row.IsEnabled && !address.Equals(IPAddress.None) && (!row.RequireTlsAndSrtp || transport == SipTransportProtocol.Tls),
            Numbers = row.Numbers.ToDictionary(n => n.Number, n => n.Target, StringComparer.Ordinal),
        };
    }
}
