using System.Text;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// The one static, case-insensitive header-name table: canonical spellings, and the compact forms of
/// RFC 3261 §7.3.3 and its extensions (RFC 3265, 3515, 3841, 3892, 4028, 4474).
/// </summary>
public static class SipHeaderNames
{
    private static readonly string[] Canonical = BuildCanonical();

    // Lower-case names in buckets indexed by (name length, first letter ignoring case): a look-up compares
    // against one candidate, two at most (RAck/RSeq, Reason/Refer-To, ...).
    private const int MaxLength = 31;
    private static readonly (byte[] Name, SipHeaderKind Kind)[][] Buckets = BuildTable();

    /// <summary>Finds the kind of a header by its name or compact form, ignoring case.</summary>
    public static SipHeaderKind Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return LookupCompact(name[0]);
        }

        if (name.Length is 0 or > MaxLength)
        {
            return SipHeaderKind.Unknown;
        }

        foreach (var (bytes, kind) in Buckets[BucketOf(name)])
        {
            if (SipChars.EqualsLower(name, bytes))
            {
                return kind;
            }
        }

        return SipHeaderKind.Unknown;
    }

    /// <summary>Finds the kind of a header by its name or compact form, ignoring case.</summary>
    public static SipHeaderKind Lookup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > 64 || !Ascii.IsValid(name))
        {
            return SipHeaderKind.Unknown;
        }

        Span<byte> bytes = stackalloc byte[name.Length];
        Encoding.ASCII.GetBytes(name, bytes);
        return Lookup(bytes);
    }

    /// <summary>The canonical spelling (e.g. <c>"Call-ID"</c>, <c>"WWW-Authenticate"</c>); null for <see cref="SipHeaderKind.Unknown"/>.</summary>
    public static string? GetName(SipHeaderKind kind) => kind == SipHeaderKind.Unknown ? null : Canonical[(int)kind];

    /// <summary>The compact form (RFC 3261 §7.3.3), or null when the header has none.</summary>
    public static char? GetCompactForm(SipHeaderKind kind)
    {
        for (var c = 'a'; c <= 'z'; c++)
        {
            if (LookupCompact((byte)c) == kind && kind != SipHeaderKind.Unknown)
            {
                return c;
            }
        }

        return null;
    }

    private static SipHeaderKind LookupCompact(byte c) => (c | 0x20) switch
    {
        'a' => SipHeaderKind.AcceptContact,
        'b' => SipHeaderKind.ReferredBy,
        'c' => SipHeaderKind.ContentType,
        'd' => SipHeaderKind.RequestDisposition,
        'e' => SipHeaderKind.ContentEncoding,
        'f' => SipHeaderKind.From,
        'i' => SipHeaderKind.CallId,
        'j' => SipHeaderKind.RejectContact,
        'k' => SipHeaderKind.Supported,
        'l' => SipHeaderKind.ContentLength,
        'm' => SipHeaderKind.Contact,
        'o' => SipHeaderKind.Event,
        'r' => SipHeaderKind.ReferTo,
        's' => SipHeaderKind.Subject,
        't' => SipHeaderKind.To,
        'u' => SipHeaderKind.AllowEvents,
        'v' => SipHeaderKind.Via,
        'x' => SipHeaderKind.SessionExpires,
        'y' => SipHeaderKind.Identity,
        _ => SipHeaderKind.Unknown,
    };

    private static string[] BuildCanonical()
    {
        var names = new string[(int)SipHeaderKind.WwwAuthenticate + 1];
        names[(int)SipHeaderKind.Accept] = "Accept";
        names[(int)SipHeaderKind.AcceptContact] = "Accept-Contact";
        names[(int)SipHeaderKind.AcceptEncoding] = "Accept-Encoding";
        names[(int)SipHeaderKind.AcceptLanguage] = "Accept-Language";
        names[(int)SipHeaderKind.AlertInfo] = "Alert-Info";
        names[(int)SipHeaderKind.Allow] = "Allow";
        names[(int)SipHeaderKind.AllowEvents] = "Allow-Events";
        names[(int)SipHeaderKind.AuthenticationInfo] = "Authentication-Info";
        names[(int)SipHeaderKind.Authorization] = "Authorization";
        names[(int)SipHeaderKind.CallId] = "Call-ID";
        names[(int)SipHeaderKind.CallInfo] = "Call-Info";
        names[(int)SipHeaderKind.Contact] = "Contact";
        names[(int)SipHeaderKind.ContentDisposition] = "Content-Disposition";
        names[(int)SipHeaderKind.ContentEncoding] = "Content-Encoding";
        names[(int)SipHeaderKind.ContentLanguage] = "Content-Language";
        names[(int)SipHeaderKind.ContentLength] = "Content-Length";
        names[(int)SipHeaderKind.ContentType] = "Content-Type";
        names[(int)SipHeaderKind.CSeq] = "CSeq";
        names[(int)SipHeaderKind.Date] = "Date";
        names[(int)SipHeaderKind.ErrorInfo] = "Error-Info";
        names[(int)SipHeaderKind.Event] = "Event";
        names[(int)SipHeaderKind.Expires] = "Expires";
        names[(int)SipHeaderKind.From] = "From";
        names[(int)SipHeaderKind.Identity] = "Identity";
        names[(int)SipHeaderKind.InReplyTo] = "In-Reply-To";
        names[(int)SipHeaderKind.MaxForwards] = "Max-Forwards";
        names[(int)SipHeaderKind.MinExpires] = "Min-Expires";
        names[(int)SipHeaderKind.MinSE] = "Min-SE";
        names[(int)SipHeaderKind.MimeVersion] = "MIME-Version";
        names[(int)SipHeaderKind.Organization] = "Organization";
        names[(int)SipHeaderKind.PAssertedIdentity] = "P-Asserted-Identity";
        names[(int)SipHeaderKind.PPreferredIdentity] = "P-Preferred-Identity";
        names[(int)SipHeaderKind.Path] = "Path";
        names[(int)SipHeaderKind.Priority] = "Priority";
        names[(int)SipHeaderKind.Privacy] = "Privacy";
        names[(int)SipHeaderKind.ProxyAuthenticate] = "Proxy-Authenticate";
        names[(int)SipHeaderKind.ProxyAuthorization] = "Proxy-Authorization";
        names[(int)SipHeaderKind.ProxyRequire] = "Proxy-Require";
        names[(int)SipHeaderKind.RAck] = "RAck";
        names[(int)SipHeaderKind.Reason] = "Reason";
        names[(int)SipHeaderKind.RecordRoute] = "Record-Route";
        names[(int)SipHeaderKind.ReferredBy] = "Referred-By";
        names[(int)SipHeaderKind.ReferTo] = "Refer-To";
        names[(int)SipHeaderKind.RejectContact] = "Reject-Contact";
        names[(int)SipHeaderKind.Replaces] = "Replaces";
        names[(int)SipHeaderKind.ReplyTo] = "Reply-To";
        names[(int)SipHeaderKind.RequestDisposition] = "Request-Disposition";
        names[(int)SipHeaderKind.Require] = "Require";
        names[(int)SipHeaderKind.RetryAfter] = "Retry-After";
        names[(int)SipHeaderKind.Route] = "Route";
        names[(int)SipHeaderKind.RSeq] = "RSeq";
        names[(int)SipHeaderKind.Server] = "Server";
        names[(int)SipHeaderKind.ServiceRoute] = "Service-Route";
        names[(int)SipHeaderKind.SessionExpires] = "Session-Expires";
        names[(int)SipHeaderKind.SubscriptionState] = "Subscription-State";
        names[(int)SipHeaderKind.Subject] = "Subject";
        names[(int)SipHeaderKind.Supported] = "Supported";
        names[(int)SipHeaderKind.Timestamp] = "Timestamp";
        names[(int)SipHeaderKind.To] = "To";
        names[(int)SipHeaderKind.Unsupported] = "Unsupported";
        names[(int)SipHeaderKind.UserAgent] = "User-Agent";
        names[(int)SipHeaderKind.Via] = "Via";
        names[(int)SipHeaderKind.Warning] = "Warning";
        names[(int)SipHeaderKind.WwwAuthenticate] = "WWW-Authenticate";
        return names;
    }

    private static (byte[] Name, SipHeaderKind Kind)[][] BuildTable()
    {
        // Most frequent first: a typical request finds its headers within a few comparisons.
        SipHeaderKind[] order =
        [
            SipHeaderKind.Via, SipHeaderKind.From, SipHeaderKind.To, SipHeaderKind.CallId, SipHeaderKind.CSeq,
            SipHeaderKind.Contact, SipHeaderKind.MaxForwards, SipHeaderKind.ContentLength, SipHeaderKind.ContentType,
        ];
        var kinds = order.Concat(Enum.GetValues<SipHeaderKind>().Where(k => k != SipHeaderKind.Unknown).Except(order));
        var entries = kinds.Select(k => (Name: Encoding.ASCII.GetBytes(Canonical[(int)k].ToLowerInvariant()), Kind: k)).ToArray();
        var table = new (byte[] Name, SipHeaderKind Kind)[(MaxLength + 1) * 32][];
        for (var bucket = 0; bucket < table.Length; bucket++)
        {
            table[bucket] = [.. entries.Where(e => e.Name.Length > 1 && BucketOf(e.Name) == bucket)];
        }

        return table;
    }

    // Letters differ only in bit 0x20 between cases, so the low five bits pick the same bucket for both;
    // any other first byte lands in some bucket and fails the comparison there.
    private static int BucketOf(ReadOnlySpan<byte> name) => (name.Length << 5) | (name[0] & 0x1F);
}
