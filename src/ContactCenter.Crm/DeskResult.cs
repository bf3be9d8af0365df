using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Crm;

/// <summary>
/// What a desk answers: a value, or a <see cref="DeskError"/>. A desk never speaks HTTP; the endpoints in <c>Api/</c>
/// map both sides to responses.
/// </summary>
public readonly record struct DeskResult<T>
{
    private DeskResult(T? value, DeskError? error) => (Value, Error) = (value, error);

    /// <summary>The answer when there is no <see cref="Error"/>.</summary>
    public T? Value { get; }

    /// <summary>The refusal, or null on success.</summary>
    public DeskError? Error { get; }

    /// <summary>True when the desk did what was asked.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

#pragma warning disable CA2225 // DeskResult.Success and DeskResult.Failure are the named alternatives.
    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static implicit operator DeskResult<T>(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static implicit operator DeskResult<T>(DeskError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
#pragma warning restore CA2225
}

/// <summary>Named ways to make a <see cref="DeskResult{T}"/> where a conversion would not read well.</summary>
public static class DeskResult
{
    /// <summary>A success carrying <paramref name="value"/> (which may be null: "nothing to do").</summary>
    public static DeskResult<T> Success<T>(T value) => value;

    /// <summary>A refusal.</summary>
    public static DeskResult<T> Failure<T>(DeskError error) => error;
}
