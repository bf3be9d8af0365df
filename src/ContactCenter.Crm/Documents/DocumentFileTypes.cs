using System.Text;
using System.Text.Unicode;

namespace ContactCenter.Crm.Documents;

/// <summary>
/// The file types reference documents may have, proved by their first bytes (a claimed type or name extension is never
/// trusted): PDF, PNG, JPEG and UTF-8 plain text.
/// </summary>
public static class DocumentFileTypes
{
    /// <summary>The types accepted, for messages.</summary>
    public const string Accepted = "PDF, PNG, JPEG or UTF-8 plain text";

    private static ReadOnlySpan<byte> Pdf => "%PDF-"u8;

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    /// <summary>The content type <paramref name="content"/> is, or null when it is none of the accepted ones.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Pdf))
        {
            return "application/pdf";
        }

        if (content.StartsWith(Png))
        {
            return "image/png";
        }

        if (content.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }

        return IsText(content) ? "text/plain" : null;
    }

    /// <summary>The extension a file of <paramref name="contentType"/> is sent with.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        _ => ".txt",
    };

    /// <summary>
    /// A file name safe to send: no directories, no control or reserved characters, at most 100 characters, ending in the
    /// extension of the type the content proved.
    /// </summary>
    public static string SafeName(string? given, string title, string contentType)
    {
        var name = Path.GetFileNameWithoutExtension((given ?? "").Replace('\\', '/').Split('/')[^1]);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = title;
        }

        var clean = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            clean.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ' ? c : '_');
        }

        var stem = clean.ToString().Trim('.', ' ');
        stem = stem.Length == 0 ? "document" : stem[..Math.Min(stem.Length, 100)];
        return stem + Extension(contentType);
    }

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || !Utf8.IsValid(content))
        {
            return false;
        }

        foreach (var b in content)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
