using System.Text;

namespace ContactCenter.Sip.Syntax.Tests;

/// <summary>Test messages: files under Data/, and text with LF line ends turned into CRLF.</summary>
internal static class TestData
{
    public static byte[] Load(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", relativePath));

    public static IEnumerable<string> Files(string folder) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", folder), "*.sip")
            .Select(f => Path.Combine(folder, Path.GetFileName(f)))
            .Order(StringComparer.Ordinal);

    /// <summary>Text with "\n" line ends, written as CRLF.</summary>
    public static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n").Replace("\n", "\r\n", StringComparison.Ordinal));

    public static SipMessage Parse(string text) => SipParser.Parse(Crlf(text));

    public static SipParseError ParseError(string text)
    {
        var ok = SipParser.TryParse(Crlf(text), SipParserLimits.Default, out _, out var error);
        Assert.False(ok);
        return error;
    }

    public const string Options = """
        OPTIONS sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds
        Max-Forwards: 70
        To: Bob <sip:bob@example.com>
        From: Alice <sip:alice@example.com>;tag=1928301774
        Call-ID: a84b4c76e66710@pc33.example.com
        CSeq: 63104 OPTIONS
        Content-Length: 0


        """;
}
