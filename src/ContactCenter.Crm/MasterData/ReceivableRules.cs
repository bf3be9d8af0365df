using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.MasterData;

/// <summary>The rules of a receivable, field by field (shared by the API and the imports).</summary>
internal static class ReceivableRules
{
    /// <summary>Checks <paramref name="request"/> and, when sound, applies it to <paramref name="receivable"/>.</summary>
    public static Dictionary<string, string[]> CheckAndApply(ReceivableRequest request, Receivable receivable, bool isNew, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var document = request.DocumentNumber?.Trim();
        if ((isNew || request.DocumentNumber is not null) && document is not { Length: > 0 and <= 64 })
        {
            errors["documentNumber"] = ["Give the invoice number (1 to 64 characters)."];
        }

        if ((isNew && request.Outstanding is null && request.Paid != true) || request.Outstanding is < 0 or > 1_000_000_000_000m)
        {
            errors["outstanding"] = ["Give the amount still owed, 0 or more."];
        }

        if ((isNew && request.DueDate is null) || request.DueDate is { Year: < 2000 or > 2100 })
        {
            errors["dueDate"] = ["Give the due date (yyyy-MM-dd)."];
        }

        var externalId = request.ExternalId?.Trim();
        if (externalId is { Length: 0 or > 64 })
        {
            errors["externalId"] = ["An external id is 1 to 64 characters."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        receivable.DocumentNumber = document ?? receivable.DocumentNumber;
        receivable.Outstanding = request.Outstanding ?? receivable.Outstanding;
        receivable.DueDate = request.DueDate ?? receivable.DueDate;
        receivable.ExternalId = externalId ?? receivable.ExternalId;
        switch (request.Paid)
        {
            case true:
                receivable.Outstanding = 0;
                receivable.PaidOn ??= today;
                break;
            case false:
                receivable.PaidOn = null;
                break;
        }

        return errors;
    }
}
