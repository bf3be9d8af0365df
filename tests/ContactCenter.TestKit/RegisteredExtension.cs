namespace ContactCenter.TestKit;

/// <summary>The part of <c>GET /api/sip/registrations</c> the rigs read: which extensions are registered.</summary>
internal sealed record RegisteredExtension(string Extension);
