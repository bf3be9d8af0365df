using ContactCenter.Sip.UserAgents;
using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using ContactCenter.Crm.Users;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>The desk's browser phone: its SIP credential and its SIP-over-WebSocket endpoint (RFC 7118), both for signed-in users.</summary>
public static class BrowserPhoneEndpoints
{
    /// <summary>The WebSocket subprotocol of SIP (RFC 7118 §3).</summary>
    public const string SubProtocol = "sip";

    /// <summary>Maps <c>POST /api/phone/credential</c> and the WebSocket path (<c>/sip/ws</c> unless configured otherwise).</summary>
    public static IEndpointRouteBuilder MapBrowserPhone(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<BrowserPhoneOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        app.MapPost("/api/phone/credential", IssueAsync).RequireAuthorization().WithTags("Browser phone");
        app.Map(options.Path, ConnectAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<BrowserPhoneCredential>, ProblemHttpResult>> IssueAsync(
        HttpContext context, ClaimsPrincipal user, SignedInStaff staff, BrowserSipCredentials credentials, BrowserCredentialThrottle throttle,
        IOptions<BrowserPhoneOptions> options, IOptions<RegistrarOptions> registrar)
    {
        if (!throttle.TryAcquire(user.Identity?.Name ?? string.Empty))
        {
            return TypedResults.Problem("Too many phone credentials asked for; try again in a minute.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        // Only ever the signed-in user's own extension: the request names none.
        var extension = await staff.ExtensionOfAsync(user, context.RequestAborted);
        if (extension is null)
        {
            return TypedResults.Problem("You have no extension, so there is no phone to register.", statusCode: StatusCodes.Status403Forbidden);
        }

        var (password, expiresAt) = credentials.Current(extension);
        context.Response.Headers.CacheControl = "no-store";
        var host = context.Request.Host.Host;
        return TypedResults.Ok(new BrowserPhoneCredential($"sip:{extension}@{host}", extension, password, registrar.Value.Realm, expiresAt,
            options.Value.Path, options.Value.RegisterExpiresSeconds));
    }

    private static async Task ConnectAsync(HttpContext context, ClaimsPrincipal user, SignedInStaff staff, SipTransport transport,
        BrowserPhoneConnections connections)
    {
        if (!context.WebSockets.IsWebSocketRequest || !context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            // RFC 7118 §4.1: a handshake without the "sip" subprotocol is refused.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!IsSameOrigin(context.Request))
        {
            // A page of another site must not open the signed-in user's phone line (cross-site WebSocket hijacking).
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var extension = await staff.ExtensionOfAsync(user, context.RequestAborted);
        if (extension is null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var protocol = context.Request.IsHttps ? SipTransportProtocol.Wss : SipTransportProtocol.Ws;
        var connection = context.Connection;
        var remote = new SipEndPoint(protocol, new IPEndPoint(connection.RemoteIpAddress ?? IPAddress.Loopback, connection.RemotePort != 0 ? connection.RemotePort : connections.PortlessKey()));
        var local = new SipEndPoint(protocol, new IPEndPoint(connection.LocalIpAddress ?? IPAddress.Loopback, connection.LocalPort));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = SubProtocol });
        connections.Opened(remote, extension);
        try
        {
            await transport.RunWebSocketAsync(socket, remote, local, context.RequestAborted);
        }
        finally
        {
            connections.Closed(remote);
        }
    }

    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true; // not a browser (browsers always send Origin on a WebSocket handshake)
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// What the desk's phone needs to register: the SIP URI, the digest user and a password that works only over the WebSocket
/// and only until <paramref name="ExpiresAt"/>, the realm, the WebSocket path and the registration lifetime to ask for.
/// </summary>
public sealed record BrowserPhoneCredential(string Uri, string Username, string Password, string Realm, DateTimeOffset ExpiresAt,
    string WebSocketPath, int RegisterExpires);
