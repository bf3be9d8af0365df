namespace ContactCenter.Crm;

/// <summary>Why a desk refused a request, in the desk's own terms (only <c>Api/</c> turns it into HTTP).</summary>
public enum DeskErrorKind
{
    /// <summary>The thing asked about does not exist.</summary>
    NotFound,

    /// <summary>The request is wrong field by field (<see cref="DeskError.Fields"/> names each one).</summary>
    Invalid,

    /// <summary>The signed-in person may not do this (ownership, department, no extension).</summary>
    Forbidden,

    /// <summary>The request is sound but the state of things refuses it (closed order, debt, do-not-call, a race).</summary>
    Conflict,
}

/// <summary>A desk's refusal: its kind, what a person reads, and for <see cref="DeskErrorKind.Invalid"/> the errors by field.</summary>
public sealed record DeskError(DeskErrorKind Kind, string? Detail = null, string? Title = null,
    IReadOnlyDictionary<string, string[]>? Fields = null)
{
    /// <summary>Nothing with that id (a bare "not found" when <paramref name="detail"/> is null).</summary>
    public static DeskError NotFound(string? detail = null, string? title = null) => new(DeskErrorKind.NotFound, detail, title);

    /// <summary>Bad fields, each with its reasons.</summary>
    public static DeskError Invalid(IReadOnlyDictionary<string, string[]> fields, string? title = null) =>
        new(DeskErrorKind.Invalid, null, title, fields);

    /// <summary>One bad field.</summary>
    public static DeskError Invalid(string field, string reason) =>
        Invalid(new Dictionary<string, string[]> { [field] = [reason] });

    /// <summary>Not allowed for the signed-in person.</summary>
    public static DeskError Forbidden(string? detail, string? title = null) => new(DeskErrorKind.Forbidden, detail, title);

    /// <summary>Refused by the state of things.</summary>
    public static DeskError Conflict(string? detail, string? title = null) => new(DeskErrorKind.Conflict, detail, title);
}
