using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Clients;

/// <summary>A client in lists and look-ups.</summary>
public sealed record ClientSummaryDto(Guid Id, string Name, string Type, string? ManagerExtension, int PriceColumn,
    decimal CreditLimit, string Status, bool DoNotCall, IReadOnlyList<string> Phones)
{
    internal static readonly System.Linq.Expressions.Expression<Func<Client, ClientSummaryDto>> Projection = c =>
        new ClientSummaryDto(c.Id, c.Name, c.ClientType!.Code, c.AssignedManager!.Extension, c.PriceColumn, c.CreditLimit,
            c.Status.ToString(), c.DoNotCall, c.Phones.Select(p => p.E164).ToList());
}
