namespace ContactCenter.Crm.Api;

/// <summary>The page and page-size checks every list endpoint makes.</summary>
internal static class Paging
{
    /// <summary>The highest page number a list accepts.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Adds an error for each of <paramref name="page"/> and <paramref name="pageSize"/> that is out of range.</summary>
    public static void Validate(int? page, int? pageSize, int maxPageSize, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = ["Pages are numbered from 1 to 1,000,000."];
        }

        if (pageSize is < 1 || pageSize > maxPageSize)
        {
            errors["pageSize"] = [$"Give a page size from 1 to {maxPageSize}."];
        }
    }
}
