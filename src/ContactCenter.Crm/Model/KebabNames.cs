using System.Text;

namespace ContactCenter.Crm.Model;

/// <summary>Enum values as the outbound API spells them: <c>no-answer</c> for <c>NoAnswer</c>, read in any case.</summary>
internal static class KebabNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsDigit)
            && Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal).Trim(), ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static string All<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));
}
