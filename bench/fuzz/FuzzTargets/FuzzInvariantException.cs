using System.Diagnostics.CodeAnalysis;

namespace FuzzTargets;

/// <summary>A parsed value broke an invariant (for example it did not parse again after being written): a wrong answer.</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message)
{
    public static void Check([DoesNotReturnIf(false)] bool condition, string what)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(what);
        }
    }
}
