using System.Text;
using ContactCenter.Crm.Csv;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Crm.Api;

/// <summary>
/// The one place where a desk's <see cref="DeskResult{T}"/> becomes HTTP: not found is 404 (a problem when the desk
/// said why), invalid is 400 naming each field, forbidden 403, conflict 409.
/// </summary>
internal static class DeskHttp
{
    /// <summary>200 with the value, or the refusal.</summary>
    public static Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult> Ok<T>(DeskResult<T> result) =>
        result.Succeeded ? TypedResults.Ok(result.Value) : Refusal<Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult>>(result.Error, n => n, v => v, p => p);

    /// <summary>201 at <paramref name="location"/>, or the refusal.</summary>
    public static Results<Created<T>, NotFound, ValidationProblem, ProblemHttpResult> Created<T>(DeskResult<T> result, Func<T, string> location) =>
        result.Succeeded
            ? TypedResults.Created(location(result.Value!), result.Value)
            : Refusal<Results<Created<T>, NotFound, ValidationProblem, ProblemHttpResult>>(result.Error, n => n, v => v, p => p);

    /// <summary>202 (a call being placed) at <paramref name="location"/>, or the refusal.</summary>
    public static Results<Accepted<T>, NotFound, ValidationProblem, ProblemHttpResult> Accepted<T>(DeskResult<T> result, Func<T, string> location) =>
        result.Succeeded
            ? TypedResults.Accepted(location(result.Value!), result.Value)
            : Refusal<Results<Accepted<T>, NotFound, ValidationProblem, ProblemHttpResult>>(result.Error, n => n, v => v, p => p);

    /// <summary>202 (a call being placed) at <paramref name="location"/>, or 204 when there was nothing to do, or the refusal.</summary>
    public static Results<Accepted<T>, NoContent, NotFound, ValidationProblem, ProblemHttpResult> AcceptedOrNoContent<T>(DeskResult<T?> result,
        Func<T, string> location) where T : class =>
        result.Succeeded
            ? result.Value is { } value ? TypedResults.Accepted(location(value), value) : TypedResults.NoContent()
            : Refusal<Results<Accepted<T>, NoContent, NotFound, ValidationProblem, ProblemHttpResult>>(result.Error, n => n, v => v, p => p);

    /// <summary>200 with the value, 204 when there is none, or the refusal.</summary>
    public static Results<Ok<T>, NoContent, NotFound, ValidationProblem, ProblemHttpResult> OkOrNoContent<T>(DeskResult<T?> result) where T : class =>
        result.Succeeded
            ? result.Value is { } value ? TypedResults.Ok(value) : TypedResults.NoContent()
            : Refusal<Results<Ok<T>, NoContent, NotFound, ValidationProblem, ProblemHttpResult>>(result.Error, n => n, v => v, p => p);

    /// <summary>A CSV download, or the refusal.</summary>
    public static Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult> File(DeskResult<CsvDocument> result) =>
        result.Succeeded
            ? TypedResults.File(Encoding.UTF8.GetBytes(result.Value!.Text), CsvText.ContentType, result.Value.FileName)
            : Refusal<Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>>(result.Error, n => n, v => v, p => p);

    /// <summary>The refusal alone (for endpoints that mix desk answers with their own).</summary>
    public static IResult Refusal(DeskError error) => Refusal<IResult>(error, n => n, v => v, p => p);

    private static TResult Refusal<TResult>(DeskError error, Func<NotFound, TResult> notFound, Func<ValidationProblem, TResult> invalid,
        Func<ProblemHttpResult, TResult> problem) => error.Kind switch
    {
        DeskErrorKind.NotFound when error.Detail is null => notFound(TypedResults.NotFound()),
        DeskErrorKind.Invalid => invalid(TypedResults.ValidationProblem(error.Fields ?? new Dictionary<string, string[]>(), title: error.Title)),
        _ => problem(TypedResults.Problem(error.Detail, statusCode: StatusCode(error.Kind), title: error.Title)),
    };

    private static int StatusCode(DeskErrorKind kind) => kind switch
    {
        DeskErrorKind.NotFound => StatusCodes.Status404NotFound,
        DeskErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DeskErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
