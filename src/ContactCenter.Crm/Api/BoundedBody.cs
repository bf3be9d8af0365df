using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ContactCenter.Crm.Api;

/// <summary>Reads an uploaded file sent as the request body, refusing one over a size limit before and while it is read.</summary>
public static class BoundedBody
{
    /// <summary>The body, or null when it is (or announces itself as) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var body = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(body, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }
}
